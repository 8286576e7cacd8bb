//! Hand-checked cases: every expected number below was worked out by hand in the comment
//! beside it.

use wfm_adherence::*;

type Seg = (String, String, String, i64, i64);

fn timeline(tl: &Timeline) -> Vec<Seg> {
    tl.segments()
        .map(|s| {
            (
                s.agent_id.to_owned(),
                s.platform.to_owned(),
                s.state.to_owned(),
                s.start,
                s.end,
            )
        })
        .collect()
}

fn seg(a: &str, p: &str, s: &str, start: i64, end: i64) -> Seg {
    (a.into(), p.into(), s.into(), start, end)
}

fn condensed(
    recs: &[StateRecord<'_>],
    order: &str,
    lo: i64,
    hi: i64,
    now: Option<i64>,
) -> Vec<Seg> {
    let order = PlatformOrder::parse(order).expect("valid order");
    let (log, errors) = StateLog::build(recs.iter().copied(), &order, &AgentDirectory::new());
    assert!(errors.is_empty(), "{errors:?}");
    let w = Window::new(lo, hi).expect("valid window");
    timeline(&condense(&log, &CondenseConfig::new(w).now(now)))
}

#[test]
fn duplicates_keep_latest_modified_then_closed_record() {
    let recs = [
        StateRecord::new("a", "five9", "Ready", 0)
            .with_end(Some(50))
            .with_modified_at(10),
        StateRecord::new("a", "five9", "Break", 0)
            .with_end(Some(50))
            .with_modified_at(20),
        StateRecord::new("a", "five9", "Lunch", 0)
            .with_end(Some(50))
            .with_modified_at(15),
        // Same modified_at as the Break edit but open: the closed one is preferred.
        StateRecord::new("a", "five9", "Meeting", 0).with_modified_at(20),
    ];
    assert_eq!(
        condensed(&recs, "five9", 0, 100, None),
        [seg("a", "five9", "Break", 0, 50)]
    );
}

#[test]
fn open_states_close_at_next_state_else_at_min_now_window_end() {
    let recs = [
        StateRecord::new("a", "five9", "Ready", 10),
        StateRecord::new("a", "five9", "On Call", 40),
    ];
    // Ready closes at the next five9 state (40); On Call runs to now = 70.
    assert_eq!(
        condensed(&recs, "five9", 0, 100, Some(70)),
        [
            seg("a", "five9", "Ready", 10, 40),
            seg("a", "five9", "On Call", 40, 70)
        ]
    );
    // Without now, to the window end.
    assert_eq!(condensed(&recs, "five9", 0, 100, None)[1].4, 100);
    // A state of another platform does not close it.
    let recs = [
        StateRecord::new("a", "five9", "Ready", 10),
        StateRecord::new("a", "zendesk", "Online", 20).with_end(Some(30)),
    ];
    assert_eq!(
        condensed(&recs, "five9,zendesk", 0, 100, None),
        [seg("a", "five9", "Ready", 10, 100)]
    );
}

#[test]
fn highest_priority_platform_wins_each_span_and_spans_merge() {
    let recs = [
        StateRecord::new("a", "zendesk", "Online", 0).with_end(Some(100)),
        StateRecord::new("a", "five9", "On Call", 20).with_end(Some(30)),
        StateRecord::new("a", "five9", "On Call", 30).with_end(Some(50)), // merges with 20..30
        StateRecord::new("a", "api", "Meeting", 40).with_end(Some(120)),  // lowest priority
    ];
    assert_eq!(
        condensed(&recs, "five9,zendesk,api", 0, 200, None),
        [
            seg("a", "zendesk", "Online", 0, 20),
            seg("a", "five9", "On Call", 20, 50),
            seg("a", "zendesk", "Online", 50, 100),
            seg("a", "api", "Meeting", 100, 120),
        ]
    );
}

#[test]
fn states_are_clipped_to_the_window_and_overlapping_states_kept() {
    let recs = [StateRecord::new("a", "api", "x", 0).with_end(Some(1000))];
    assert_eq!(
        condensed(&recs, "api", 100, 200, None),
        [seg("a", "api", "x", 100, 200)]
    );
}

#[test]
fn later_start_cuts_an_overlapping_state_of_the_same_platform() {
    let recs = [
        StateRecord::new("a", "api", "x", 0).with_end(Some(100)),
        StateRecord::new("a", "api", "y", 50).with_end(Some(70)),
    ];
    // x is cut at 50; after y ends at 70 nothing is active on api.
    assert_eq!(
        condensed(&recs, "api", 0, 200, None),
        [seg("a", "api", "x", 0, 50), seg("a", "api", "y", 50, 70)]
    );
}

#[test]
fn platform_agent_ids_resolve_through_associations() {
    let order = PlatformOrder::parse("five9").expect("order");
    let dir = AgentDirectory::new().with_association("five9", "f-9", "alice");
    let recs = [StateRecord::from_platform_id("f-9", "five9", "Ready", 0).with_end(Some(10))];
    let (log, errors) = StateLog::build(recs, &order, &dir);
    assert!(errors.is_empty());
    assert_eq!(log.agents(), ["alice"]);
}

fn phone_setup() -> (ActivityTypes, StateMapping) {
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
        .with_primary("five9", "Ready", StatePrimary::Available)
        .with_state("five9", "On Call", [t("productive:phone")])
        .with_primary("five9", "On Call", StatePrimary::Occupied)
        .with_state("five9", "Break", [t("break")])
        .with_primary("five9", "Break", StatePrimary::OnBreak)
        .with_state("zendesk", "Online", [t("productive")])
        .with_state("zendesk", "Away", [t("break")]);
    (types, mapping)
}

struct Case {
    states: StateLog,
    schedule: Schedule,
    types: ActivityTypes,
    mapping: StateMapping,
    dir: AgentDirectory,
}

impl Case {
    fn new(recs: &[StateRecord<'_>], acts: &[ActivityInput<'_>], dir: AgentDirectory) -> Self {
        let (types, mapping) = phone_setup();
        let order = PlatformOrder::parse("five9,zendesk").expect("order");
        let (states, e1) = StateLog::build(recs.iter().copied(), &order, &dir);
        let (schedule, e2) = Schedule::build(acts.iter().copied(), &types, &dir);
        assert!(e1.is_empty() && e2.is_empty(), "{e1:?} {e2:?}");
        Self {
            states,
            schedule,
            types,
            mapping,
            dir,
        }
    }
    fn input(&self) -> AdherenceInput<'_> {
        AdherenceInput {
            states: &self.states,
            schedule: &self.schedule,
            types: &self.types,
            mapping: &self.mapping,
            directory: &self.dir,
        }
    }
    fn measure(&self, config: &AdherenceConfig) -> AdherenceReport {
        measure(&self.input(), config).expect("measure")
    }
}

fn day() -> Window {
    Window::new(0, 86_400).expect("window")
}

#[test]
fn layered_schedule_and_every_adherence_number() {
    // Shift 0..3600 phone, break 1200..1500 over it, project 3000..3600 (unmapped type, so
    // untracked), time off 3300..3600 over the project.
    let acts = [
        ActivityInput::new("a", "phone", 0, 3600),
        ActivityInput::new("a", "break", 1200, 1500),
        ActivityInput::new("a", "project", 3000, 3600),
        ActivityInput::new("a", "pto", 3300, 3600),
    ];
    // Ready 0..600, On Call 600..1300 (100 s into the break), Break 1300..1500,
    // unmapped "Not Ready" 1500..1800, gap 1800..2000, Ready 2000..4000.
    let recs = [
        StateRecord::new("a", "five9", "Ready", 0).with_end(Some(600)),
        StateRecord::new("a", "five9", "On Call", 600).with_end(Some(1300)),
        StateRecord::new("a", "five9", "Break", 1300).with_end(Some(1500)),
        StateRecord::new("a", "five9", "Not Ready", 1500).with_end(Some(1800)),
        StateRecord::new("a", "five9", "Ready", 2000).with_end(Some(4000)),
    ];
    let case = Case::new(&recs, &acts, AgentDirectory::new());
    let segs: Vec<_> = case.schedule.segments("a").collect();
    assert_eq!(
        segs,
        [
            ("phone", 0, 1200),
            ("break", 1200, 1500),
            ("phone", 1500, 3000),
            ("project", 3000, 3300),
            ("pto", 3300, 3600)
        ]
    );
    let report = case.measure(&AdherenceConfig::new(day()));
    let m = *report.buckets().next().expect("bucket").metrics;
    // Tracked = phone 1200 + break 300 + phone 1500 = 3000 s.
    assert_eq!(m.scheduled_seconds, 3000);
    // In: 0..1200 (Ready/On Call), 1300..1500 (Break), 2000..3000 (Ready) = 2400.
    assert_eq!(m.in_adherence_seconds, 2400);
    // Out: 1200..1300 on call in break, 1500..1800 unmapped, 1800..2000 gap = 600.
    assert_eq!(m.out_of_adherence_seconds, 600);
    assert_eq!((m.unmapped_state_seconds, m.no_state_seconds), (300, 200));
    assert_eq!(
        (m.untracked_scheduled_seconds, m.time_off_seconds),
        (300, 300)
    );
    // Productive scheduled 2700; in adherence 1200 + 1000 = 2200.
    assert_eq!(
        (
            m.productive_scheduled_seconds,
            m.productive_in_adherence_seconds
        ),
        (2700, 2200)
    );
    // Productive states: 0..1300 + 2000..4000 = 3300 (including 400 s after the shift).
    assert_eq!(m.productive_state_seconds, 3300);
    assert_eq!(m.unscheduled_state_seconds, 400);
    assert_eq!(m.conformance(), Some(3300.0 / 2700.0));
    // Logged in: Ready/On Call/Break have primaries: 1500 + 2000 = 3500; occupied 700.
    assert_eq!((m.logged_in_seconds, m.occupied_seconds), (3500, 700));
    let ex: Vec<_> = report
        .exceptions()
        .map(|e| (e.activity_type_id, e.state, e.start, e.end))
        .collect();
    assert_eq!(
        ex,
        [
            ("break", Some("On Call"), 1200, 1300),
            ("phone", Some("Not Ready"), 1500, 1800),
            ("phone", None, 1800, 2000)
        ]
    );
    assert_eq!(report.unmapped_states().len(), 1);
    assert_eq!(report.unmapped_states()[0].seconds, 300);
}

#[test]
fn grace_periods_and_minimum_exception_length() {
    let acts = [
        ActivityInput::new("a", "phone", 0, 3600),
        ActivityInput::new("a", "break", 1800, 2100),
    ];
    // Late login by 120 s; stays on the phone 60 s into the break; Break 1860..2100;
    // 100 s unmapped at 2500..2600; leaves 30 s early.
    let recs = [
        StateRecord::new("a", "five9", "Ready", 120).with_end(Some(1860)),
        StateRecord::new("a", "five9", "Break", 1860).with_end(Some(2100)),
        StateRecord::new("a", "five9", "Ready", 2100).with_end(Some(2500)),
        StateRecord::new("a", "five9", "Not Ready", 2500).with_end(Some(2600)),
        StateRecord::new("a", "five9", "Ready", 2600).with_end(Some(3570)),
    ];
    let case = Case::new(&recs, &acts, AgentDirectory::new());
    let base = case.measure(&AdherenceConfig::new(day()));
    let m = *base.buckets().next().expect("bucket").metrics;
    // Out: 0..120, 1800..1860, 2500..2600, 3570..3600 = 310.
    assert_eq!(m.out_of_adherence_seconds, 310);
    // Start grace 120 excuses 0..120 (shift start) and 1800..1860 (break start).
    let graced = case.measure(&AdherenceConfig::new(day()).start_grace(120));
    let g = *graced.buckets().next().expect("bucket").metrics;
    assert_eq!((g.out_of_adherence_seconds, g.excused_seconds), (130, 180));
    // End grace 30 also excuses 3570..3600.
    let both = case.measure(&AdherenceConfig::new(day()).start_grace(120).end_grace(30));
    assert_eq!(both.total().out_of_adherence_seconds, 100);
    // Minimum exception 101 s forgives the 100 s run too.
    let all = case.measure(
        &AdherenceConfig::new(day())
            .start_grace(120)
            .end_grace(30)
            .min_exception(101),
    );
    assert_eq!(all.total().out_of_adherence_seconds, 0);
    assert_eq!(all.exceptions().count(), 0);
    assert_eq!(all.total().in_adherence_seconds, 3600);
}

#[test]
fn any_platform_mode_accepts_a_match_on_a_lower_priority_platform() {
    let acts = [ActivityInput::new("a", "phone", 0, 100)];
    let recs = [
        StateRecord::new("a", "five9", "Break", 0).with_end(Some(100)),
        StateRecord::new("a", "zendesk", "Online", 50).with_end(Some(100)),
    ];
    let case = Case::new(&recs, &acts, AgentDirectory::new());
    let prio = case.measure(&AdherenceConfig::new(day()));
    assert_eq!(prio.total().in_adherence_seconds, 0);
    let any = case.measure(&AdherenceConfig::new(day()).resolution(Resolution::AnyPlatform));
    assert_eq!(any.total().in_adherence_seconds, 50);
}

#[test]
fn dst_day_in_the_agents_zone_is_23_hours() {
    // Europe/Budapest springs forward on 2024-03-31: local midnight is 2024-03-30T23:00Z
    // (unix 1711839600) and the next is 2024-03-31T22:00Z (1711922400): 23 h.
    let (d0, d1) = (1_711_839_600, 1_711_922_400);
    let dir = AgentDirectory::new().with_agent("a", Tz::Europe__Budapest);
    let acts = [ActivityInput::new("a", "phone", d0, d1 + 3600)];
    let recs = [StateRecord::new("a", "five9", "Ready", d0 - 3600)];
    let case = Case::new(&recs, &acts, dir);
    let w = Window::new(d0 - 3600, d1 + 7200).expect("window");
    let report = case.measure(&AdherenceConfig::new(w));
    let b: Vec<_> = report
        .buckets()
        .map(|b| (b.start, b.end, b.metrics.scheduled_seconds))
        .collect();
    assert_eq!(
        b,
        [
            (d0 - 3600, d0, 0),
            (d0, d1, 23 * 3600),
            (d1, d1 + 7200, 3600)
        ]
    );
    // Hourly local intervals: the DST day has 23 of them.
    let hourly = case.measure(
        &AdherenceConfig::new(Window::new(d0, d1).expect("w"))
            .granularity(Granularity::interval(60).expect("60")),
    );
    assert_eq!(hourly.bucket_count(), 23);
}

#[test]
fn shift_across_midnight_splits_by_local_day() {
    // 22:00 to 06:00 UTC: 2 h on day one, 6 h on day two; out for the first 30 minutes.
    let acts = [ActivityInput::new("a", "phone", 79_200, 108_000)];
    let recs = [StateRecord::new("a", "five9", "Ready", 81_000).with_end(Some(108_000))];
    let case = Case::new(&recs, &acts, AgentDirectory::new());
    let report = case.measure(&AdherenceConfig::new(Window::new(0, 172_800).expect("w")));
    let b: Vec<_> = report
        .buckets()
        .map(|b| {
            (
                b.start,
                b.metrics.scheduled_seconds,
                b.metrics.in_adherence_seconds,
            )
        })
        .collect();
    assert_eq!(b, [(0, 7200, 5400), (86_400, 21_600, 21_600)]);
    let rows = report.rows();
    let sa: Vec<f64> = rows
        .iter()
        .filter(|r| r.name == "schedule_adherence")
        .map(|r| r.value)
        .collect();
    assert_eq!(sa, [75.0, 100.0]);
}

#[test]
fn bad_records_get_typed_errors_and_good_neighbours_survive() {
    let order = PlatformOrder::parse("five9").expect("order");
    let dir = AgentDirectory::new().with_agent("a", Tz::UTC).closed(true);
    let recs = [
        StateRecord::new("a", "five9", "Ready", 0).with_end(Some(10)),
        StateRecord::new("a", "five9", "Ready", 20).with_end(Some(15)),
        StateRecord::new("ghost", "five9", "Ready", 0),
        StateRecord::new("a", "zendesk", "Online", 0),
        StateRecord::new("a", "five9", "Ready", 253_402_300_800), // year 10,000
        StateRecord::new("a", "five9", "Break", 10).with_end(Some(30)),
    ];
    let (log, errors) = StateLog::build(recs, &order, &dir);
    assert_eq!(log.record_count(), 2);
    let got: Vec<_> = errors.iter().map(|e| (e.index, e.error.clone())).collect();
    assert_eq!(
        got,
        [
            (1, Error::EndBeforeStart { start: 20, end: 15 }),
            (
                2,
                Error::UnknownAgent {
                    agent_id: "ghost".into()
                }
            ),
            (
                3,
                Error::UnlistedPlatform {
                    platform: "zendesk".into()
                }
            ),
            (
                4,
                Error::TimeOutOfRange {
                    field: "start_time",
                    value: 253_402_300_800
                }
            ),
        ]
    );
    assert!(Window::new(0, 253_402_300_800).is_err());
    assert!(parse_time("t", "+10000-01-01T00:00:00Z").is_err());
}

#[test]
fn unknown_platform_in_priority_order_is_rejected() {
    let (types, mapping) = phone_setup();
    let order = PlatformOrder::parse("five9,genesys").expect("order");
    let dir = AgentDirectory::new();
    let (states, _) = StateLog::build(Vec::<StateRecord<'_>>::new(), &order, &dir);
    let (schedule, _) = Schedule::build(Vec::<ActivityInput<'_>>::new(), &types, &dir);
    let input = AdherenceInput {
        states: &states,
        schedule: &schedule,
        types: &types,
        mapping: &mapping,
        directory: &dir,
    };
    let err = measure(&input, &AdherenceConfig::new(day())).expect_err("must fail");
    assert!(
        matches!(err, Error::UnknownPlatform { ref platform, .. } if platform == "genesys"),
        "{err}"
    );
    let err = LiveEngine::new(
        order,
        &schedule,
        &types,
        &mapping,
        dir,
        &AdherenceConfig::new(day()),
    )
    .expect_err("must fail");
    assert!(matches!(err, Error::UnknownPlatform { .. }));
}

#[test]
fn live_engine_matches_batch_on_a_hand_case() {
    let acts = [
        ActivityInput::new("a", "phone", 0, 3600),
        ActivityInput::new("b", "phone", 0, 3600),
    ];
    let recs = [
        StateRecord::new("a", "five9", "Ready", 0),
        StateRecord::new("a", "five9", "Break", 1000),
        StateRecord::new("b", "zendesk", "Online", 0),
    ];
    let case = Case::new(&recs, &acts, AgentDirectory::new());
    let config = AdherenceConfig::new(day())
        .now(Some(1500))
        .min_exception(300);
    let batch = out_of_adherence_at(&case.input(), &config).expect("batch");
    let order = PlatformOrder::parse("five9,zendesk").expect("order");
    let mut live = LiveEngine::new(
        order,
        &case.schedule,
        &case.types,
        &case.mapping,
        AgentDirectory::new(),
        &config,
    )
    .expect("live");
    for r in recs {
        live.ingest(r).expect("ingest");
    }
    let now = live.out_of_adherence(1500);
    assert_eq!(now, batch);
    assert_eq!(now.len(), 1);
    assert_eq!(
        (
            now[0].agent_id.as_str(),
            now[0].since,
            now[0].state.as_deref()
        ),
        ("a", 1000, Some("Break"))
    );
    // At 1200 the run is 200 s old: below the 300 s minimum.
    assert!(live.out_of_adherence(1200).is_empty());
}

#[test]
fn absurd_windows_and_options_are_typed_errors() {
    let w = Window::new(0, 253_402_300_799).expect("window up to 9999-12-31");
    let one_minute = AdherenceConfig::new(w).granularity(Granularity::interval(1).expect("1"));
    assert!(matches!(
        one_minute.validate(),
        Err(Error::TooManyBuckets { .. })
    ));
    assert!(
        AdherenceConfig::new(w)
            .granularity(Granularity::Month)
            .validate()
            .is_ok()
    );
    assert_eq!(
        AdherenceConfig::new(day()).min_exception(-5).validate(),
        Err(Error::InvalidDuration {
            field: "min_exception",
            value: -5
        })
    );
    // A 10,000-year-wide month report over an empty log is fine (and fast).
    let case = Case::new(&[], &[], AgentDirectory::new());
    assert_eq!(
        case.measure(&AdherenceConfig::new(w).granularity(Granularity::Month))
            .bucket_count(),
        0
    );
}
