//! Property tests: condensation invariants, adherence accounting, live == batch.

use proptest::prelude::*;
use wfm_adherence::*;

const AGENTS: [&str; 3] = ["a", "b", "c"];
const PLATFORMS: [&str; 3] = ["five9", "zendesk", "api"];
const STATES: [&str; 4] = ["Ready", "On Call", "Break", "Offline"];

#[derive(Debug, Clone)]
struct Raw {
    agent: usize,
    platform: usize,
    state: usize,
    start: i64,
    len: Option<i64>,
    modified: i64,
}

impl Raw {
    fn record(&self) -> StateRecord<'static> {
        StateRecord::new(
            AGENTS[self.agent],
            PLATFORMS[self.platform],
            STATES[self.state],
            self.start,
        )
        .with_end(self.len.map(|l| self.start + l))
        .with_modified_at(self.modified)
    }
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        0..3usize,
        0..3usize,
        0..4usize,
        0i64..2000,
        proptest::option::of(0i64..600),
        0i64..5,
    )
        .prop_map(|(agent, platform, state, start, len, modified)| Raw {
            agent,
            platform,
            state,
            start,
            len,
            modified,
        })
}

type Seg = (String, String, String, i64, i64, Vec<(String, String)>);

fn segs(tl: &Timeline) -> Vec<Seg> {
    tl.segments()
        .map(|s| {
            let active = s
                .active
                .iter()
                .map(|(p, st)| ((*p).to_owned(), (*st).to_owned()))
                .collect();
            (
                s.agent_id.into(),
                s.platform.into(),
                s.state.into(),
                s.start,
                s.end,
                active,
            )
        })
        .collect()
}

fn order() -> PlatformOrder {
    PlatformOrder::new(PLATFORMS).expect("order")
}

fn run(recs: &[Raw], config: &CondenseConfig) -> Vec<Seg> {
    let (log, errors) = StateLog::build(
        recs.iter().map(Raw::record),
        &order(),
        &AgentDirectory::new(),
    );
    assert!(errors.is_empty());
    segs(&condense(&log, config))
}

fn config(lo: i64, len: i64, now: Option<i64>, any: bool) -> CondenseConfig {
    let mode = if any {
        Resolution::AnyPlatform
    } else {
        Resolution::Priority
    };
    CondenseConfig::new(Window::new(lo, lo + len).expect("window"))
        .now(now)
        .resolution(mode)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn timeline_is_sorted_disjoint_inside_window_and_permutation_invariant(
        recs in proptest::collection::vec(raw(), 0..40),
        lo in 0i64..500, len in 1i64..2500, now in proptest::option::of(0i64..3000),
        any in any::<bool>(), seed in any::<u64>(),
    ) {
        let c = config(lo, len, now, any);
        let got = run(&recs, &c);
        let hi = c.horizon();
        for w in got.windows(2) {
            if w[0].0 == w[1].0 {
                prop_assert!(w[0].4 <= w[1].3, "overlap or unsorted: {:?}", w);
                // Merged: adjacent identical spans never both appear.
                prop_assert!(!(w[0].4 == w[1].3 && w[0].5 == w[1].5 && w[0].1 == w[1].1 && w[0].2 == w[1].2));
            } else {
                prop_assert!(w[0].0 < w[1].0);
            }
        }
        for s in &got {
            prop_assert!(lo <= s.3 && s.3 < s.4 && s.4 <= hi);
        }
        let mut shuffled = recs.clone();
        let mut x = seed;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (x >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(run(&shuffled, &c), got);
    }

    #[test]
    fn condensing_a_condensed_timeline_changes_nothing(
        recs in proptest::collection::vec(raw(), 0..40),
        lo in 0i64..500, len in 1i64..2500, now in proptest::option::of(0i64..3000),
    ) {
        let c = config(lo, len, now, false);
        let once = run(&recs, &c);
        let again: Vec<StateRecord<'_>> = once
            .iter()
            .map(|s| StateRecord::new(&s.0, &s.1, &s.2, s.3).with_end(Some(s.4)))
            .collect();
        let (log, errors) = StateLog::build(again, &order(), &AgentDirectory::new());
        prop_assert!(errors.is_empty());
        prop_assert_eq!(segs(&condense(&log, &c)), once);
    }
}

#[derive(Debug, Clone)]
struct Act {
    agent: usize,
    ty: usize,
    start: i64,
    len: i64,
}

const TYPES: [&str; 4] = ["phone", "break", "pto", "project"];

fn act() -> impl Strategy<Value = Act> {
    (0..3usize, 0..4usize, 0i64..2000, 0i64..800).prop_map(|(agent, ty, start, len)| Act {
        agent,
        ty,
        start,
        len,
    })
}

struct World {
    types: ActivityTypes,
    mapping: StateMapping,
    dir: AgentDirectory,
}

fn world() -> World {
    let types = ActivityTypes::new([
        ActivityType::new("phone", ActivityKind::Productive).with_channel("phone"),
        ActivityType::new("break", ActivityKind::Default).with_category("break"),
        ActivityType::new("pto", ActivityKind::TimeOff),
        ActivityType::new("project", ActivityKind::Default),
    ])
    .expect("types");
    let t = |s: &str| s.parse::<MapTarget>().expect("target");
    let mapping = StateMapping::new()
        .with_state("five9", "Ready", [t("productive:phone")])
        .with_state("five9", "On Call", [t("productive")])
        .with_primary("five9", "On Call", StatePrimary::Occupied)
        .with_state("zendesk", "Break", [t("break")])
        .with_state("api", "Ready", [t("productive")])
        .with_state("api", "Offline", [t("time_off")]);
    World {
        types,
        mapping,
        dir: AgentDirectory::new().with_default_time_zone(Tz::America__New_York),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn in_plus_out_equals_scheduled_in_every_bucket(
        recs in proptest::collection::vec(raw(), 0..40),
        acts in proptest::collection::vec(act(), 0..10),
        now in proptest::option::of(0i64..3000), any in any::<bool>(),
        grace in 0i64..200, min_ex in 0i64..300, minutes in prop::sample::select(vec![5u32, 15, 60]),
    ) {
        let w = world();
        let (states, _) = StateLog::build(recs.iter().map(Raw::record), &order(), &w.dir);
        let inputs = acts.iter().map(|a| ActivityInput::new(AGENTS[a.agent], TYPES[a.ty], a.start, a.start + a.len));
        let (schedule, errors) = Schedule::build(inputs, &w.types, &w.dir);
        prop_assert!(errors.is_empty());
        let input = AdherenceInput { states: &states, schedule: &schedule, types: &w.types, mapping: &w.mapping, directory: &w.dir };
        let mode = if any { Resolution::AnyPlatform } else { Resolution::Priority };
        let c = AdherenceConfig::new(Window::new(0, 3000).expect("w")).now(now).resolution(mode)
            .start_grace(grace).end_grace(grace / 2).min_exception(min_ex)
            .granularity(Granularity::interval(minutes).expect("interval"));
        let report = measure(&input, &c).expect("measure");
        for b in report.buckets() {
            let m = b.metrics;
            prop_assert_eq!(m.in_adherence_seconds + m.out_of_adherence_seconds, m.scheduled_seconds);
            prop_assert!(m.no_state_seconds + m.unmapped_state_seconds <= m.out_of_adherence_seconds);
            prop_assert!(m.productive_in_adherence_seconds <= m.productive_scheduled_seconds);
            prop_assert!(b.start < b.end && b.end <= c.horizon());
            let total = m.scheduled_seconds + m.time_off_seconds + m.untracked_scheduled_seconds;
            prop_assert!(total <= b.end - b.start);
        }
        // Exceptions are disjoint from excused time and add up to the out-of-adherence total.
        let ex: i64 = report.exceptions().map(|e| e.end - e.start).sum();
        prop_assert_eq!(ex, report.total().out_of_adherence_seconds);
    }

    #[test]
    fn live_engine_equals_batch(
        recs in proptest::collection::vec(raw(), 0..30),
        acts in proptest::collection::vec(act(), 0..8),
        nows in proptest::collection::vec(0i64..3000, 1..4),
        grace in 0i64..120, min_ex in 0i64..300, any in any::<bool>(),
    ) {
        let w = world();
        let inputs = acts.iter().map(|a| ActivityInput::new(AGENTS[a.agent], TYPES[a.ty], a.start, a.start + a.len));
        let (schedule, _) = Schedule::build(inputs, &w.types, &w.dir);
        let mode = if any { Resolution::AnyPlatform } else { Resolution::Priority };
        let base = AdherenceConfig::new(Window::new(0, 3000).expect("w")).resolution(mode)
            .start_grace(grace).end_grace(grace).min_exception(min_ex);
        let mut live = LiveEngine::new(order(), &schedule, &w.types, &w.mapping, w.dir.clone(), &base).expect("live");
        for (k, r) in recs.iter().enumerate() {
            live.ingest(r.record()).expect("ingest");
            let (states, _) = StateLog::build(recs[..=k].iter().map(Raw::record), &order(), &w.dir);
            let input = AdherenceInput { states: &states, schedule: &schedule, types: &w.types, mapping: &w.mapping, directory: &w.dir };
            for &now in &nows {
                let batch = out_of_adherence_at(&input, &base.now(Some(now))).expect("batch");
                prop_assert_eq!(live.out_of_adherence(now), batch, "after {} records at {}", k + 1, now);
            }
        }
    }
}
