//! Integration tests: hand-built cases with known optima, typed errors, and properties checked
//! by the independent validator.

use proptest::prelude::*;
use std::sync::{Arc, Mutex};

use wfm_scheduler::{
    Agent, Backend, Contract, Error, GeneratorConfig, Horizon, Phase, Problem, ProgressCallback,
    Queue, Schedule, SolverConfig, Status, Strategy, TimeWindow, generate, solve, validate,
};

/// 2026-01-05T00:00:00Z, a Monday (independent check: `date -u -d @1767571200`).
const MONDAY: i64 = 1_767_571_200;

fn one_queue(start: i64, tz: &str, hours: u32, required: Vec<f64>) -> Problem {
    Problem {
        horizon: Horizon {
            start,
            interval_minutes: 60,
            intervals: hours,
            timezone: tz.into(),
        },
        queues: vec![Queue {
            id: "q".into(),
            priority: 1.0,
            required,
            min_staffing: vec![],
        }],
        agents: vec![],
        contracts: vec![Contract {
            id: "c".into(),
            shift_lengths_minutes: vec![480],
            min_rest_minutes: 11 * 60,
            ..Contract::default()
        }],
        break_rules: vec![],
        activity_types: Default::default(),
        weights: Default::default(),
    }
}

fn agent(id: &str, cost: f64) -> Agent {
    Agent {
        id: id.into(),
        queues: vec!["q".into()],
        contract: "c".into(),
        cost_per_hour: cost,
        ..Agent::default()
    }
}

fn window(h: u32, from: u32, to: u32) -> Vec<f64> {
    (0..h)
        .map(|i| {
            if (from..to).contains(&(i % 24)) {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

fn exact(backend: Backend) -> SolverConfig {
    SolverConfig::default()
        .backend(backend)
        .gap(0.0)
        .time_limit_seconds(30.0)
}

#[track_caller]
fn assert_valid(p: &Problem, s: &Schedule) {
    let v = validate(p, s);
    assert!(v.is_empty(), "violations: {v:?}");
}

fn shifts(s: &Schedule) -> Vec<(i64, i64)> {
    let mut v: Vec<_> = s
        .activities
        .iter()
        .filter(|a| a.type_id == "shift")
        .map(|a| (a.start_time, a.end_time))
        .collect();
    v.sort_unstable();
    v
}

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Microlp];
    if cfg!(feature = "highs") {
        b.push(Backend::Highs);
    }
    b
}

#[test]
fn day_shift_known_optimum() -> Result<(), Error> {
    // Need 1 agent 09:00-17:00 UTC; one 8 h shift there covers it exactly: cost 8 x 10 = 80.
    let mut p = one_queue(MONDAY, "UTC", 24, window(24, 9, 17));
    p.agents = vec![agent("a", 10.0), agent("b", 12.0)];
    for b in backends() {
        let s = solve(&p, &exact(b))?;
        assert_valid(&p, &s);
        assert_eq!(shifts(&s), vec![(MONDAY + 9 * 3600, MONDAY + 17 * 3600)]);
        assert!(
            (s.stats.objective - 80.0).abs() < 1e-6,
            "{b:?}: {}",
            s.stats.objective
        );
        assert!(s.totals.shortfall_hours.abs() < 1e-9);
    }
    Ok(())
}

#[test]
fn overnight_shift_known_optimum() -> Result<(), Error> {
    // Need 1 agent 22:00-06:00 across midnight: the shift crosses the UTC day boundary.
    let mut p = one_queue(
        MONDAY,
        "UTC",
        48,
        (0..48)
            .map(|i| if (22..30).contains(&i) { 1.0 } else { 0.0 })
            .collect(),
    );
    p.agents = vec![agent("a", 10.0)];
    for b in backends() {
        let s = solve(&p, &exact(b))?;
        assert_valid(&p, &s);
        assert_eq!(shifts(&s), vec![(MONDAY + 22 * 3600, MONDAY + 30 * 3600)]);
        assert!((s.stats.objective - 80.0).abs() < 1e-6);
    }
    Ok(())
}

#[test]
fn dst_day_known_optimum() -> Result<(), Error> {
    // 2026-03-08 in New York: clocks go 02:00 EST -> 03:00 EDT, the local day has 23 hours.
    // Local midnight = 05:00Z (EST); local 08:00 EDT = 12:00Z. Need 1 agent 08:00-16:00 local.
    let start = 1_772_946_000; // 2026-03-08T05:00:00Z
    let required: Vec<f64> = (0..23)
        .map(|i| if (7..15).contains(&i) { 1.0 } else { 0.0 })
        .collect();
    let mut p = one_queue(start, "America/New_York", 23, required);
    p.contracts[0].start_granularity_minutes = 60;
    p.agents = vec![agent("a", 10.0)];
    for b in backends() {
        let s = solve(&p, &exact(b))?;
        assert_valid(&p, &s);
        assert_eq!(shifts(&s), vec![(start + 7 * 3600, start + 15 * 3600)]);
        assert!((s.stats.objective - 80.0).abs() < 1e-6);
    }
    Ok(())
}

#[test]
fn forced_lunch_known_optimum() -> Result<(), Error> {
    // Lunch fixed 4 h after start: the 12:00 hour (shift 08-16) is uncovered unless a second agent
    // works it. Understaffing costs 100/h > any 8 h shift at 10/h = 80, so the optimum adds agent b
    // ... but b's shift also has its lunch at +4 h. Best: a 08-16 (lunch 12), b 09-17 (lunch 13):
    // covers 08-17 except nothing missing in 08-16; over: 09-12, 14-16 (b and a both on) = 5 h,
    // plus 16-17 (b only, need 0) = 1 h -> 6 h x 10 = 60; cost 160; total 220. Alternative: a alone
    // -> 1 h short = 100 + 80 = 180 is cheaper, so the optimum is a alone with objective 180.
    let mut p = one_queue(MONDAY, "UTC", 24, window(24, 8, 16));
    p.break_rules = vec![wfm_scheduler::BreakRule {
        min_shift_minutes: 480,
        max_shift_minutes: 480,
        min_spacing_minutes: 0,
        breaks: vec![wfm_scheduler::BreakSpec {
            kind: wfm_scheduler::BreakKind::Lunch,
            duration_minutes: 60,
            earliest_start_minutes: 240,
            latest_start_minutes: 240,
        }],
    }];
    p.agents = vec![agent("a", 10.0), agent("b", 10.0)];
    for b in backends() {
        let s = solve(&p, &exact(b))?;
        assert_valid(&p, &s);
        assert!(
            (s.stats.objective - 180.0).abs() < 1e-6,
            "{b:?}: {}",
            s.stats.objective
        );
        assert_eq!(
            s.activities.iter().filter(|a| a.type_id == "lunch").count(),
            1
        );
    }
    Ok(())
}

#[test]
fn multi_queue_agent_serves_one_queue_per_interval() -> Result<(), Error> {
    let mut p = one_queue(MONDAY, "UTC", 24, window(24, 8, 12));
    p.queues.push(Queue {
        id: "r".into(),
        priority: 1.0,
        required: window(24, 12, 16),
        min_staffing: vec![],
    });
    let mut a = agent("a", 10.0);
    a.queues.push("r".into());
    p.agents = vec![a];
    let s = solve(&p, &exact(Backend::Microlp))?;
    assert_valid(&p, &s);
    assert!(s.totals.shortfall_hours.abs() < 1e-9);
    assert_eq!(s.assignments.len(), 2);
    Ok(())
}

#[test]
fn typed_errors_on_bad_input() {
    let base = {
        let mut p = one_queue(MONDAY, "UTC", 24, window(24, 9, 17));
        p.agents = vec![agent("a", 10.0)];
        p
    };
    let cfg = SolverConfig::default();
    let mut p = base.clone();
    p.agents[0].contract = "nope".into();
    assert!(matches!(solve(&p, &cfg), Err(Error::UnknownId { .. })));
    let mut p = base.clone();
    p.agents[0].time_off = vec![TimeWindow {
        start: MONDAY + 10,
        end: MONDAY,
    }];
    assert!(matches!(solve(&p, &cfg), Err(Error::EndBeforeStart { .. })));
    let mut p = base.clone();
    p.agents[0].time_off = vec![
        TimeWindow {
            start: MONDAY,
            end: MONDAY + 7200,
        },
        TimeWindow {
            start: MONDAY + 3600,
            end: MONDAY + 9000,
        },
    ];
    assert!(matches!(solve(&p, &cfg), Err(Error::Overlap { .. })));
    let mut p = base.clone();
    p.queues[0].required[3] = -1.0;
    assert!(
        matches!(solve(&p, &cfg), Err(Error::InvalidValue { ref field, .. }) if field == "queues[0].required[3]")
    );
    let mut p = base.clone();
    p.queues[0].required[3] = f64::NAN;
    assert!(matches!(solve(&p, &cfg), Err(Error::InvalidValue { .. })));
    let mut p = base.clone();
    p.horizon.timezone = "Mars/Base".into();
    assert!(matches!(
        solve(&p, &cfg),
        Err(Error::UnknownTimeZone { .. })
    ));
    let mut p = base.clone();
    p.agents[0].time_off = vec![TimeWindow {
        start: MONDAY,
        end: MONDAY + 86_400,
    }];
    p.agents[0].locked_shifts = vec![wfm_scheduler::LockedShift {
        start: MONDAY + 3600 * 9,
        end: MONDAY + 3600 * 17,
        breaks: vec![],
    }];
    match solve(&p, &cfg) {
        Err(Error::Infeasible {
            agent, rule, time, ..
        }) => {
            assert_eq!(
                (agent.as_str(), rule.as_str(), time),
                ("a", "time_off", MONDAY + 9 * 3600)
            );
        }
        other => panic!("expected Infeasible, got {other:?}"),
    }
    // A weekly minimum no availability can reach.
    let mut p = one_queue(MONDAY, "UTC", 7 * 24, window(7 * 24, 9, 17));
    p.contracts[0].min_minutes_per_week = 40 * 60;
    p.contracts[0].max_consecutive_days = 3;
    p.agents = vec![agent("a", 10.0)];
    p.agents[0].availability = vec![TimeWindow {
        start: MONDAY,
        end: MONDAY + 3 * 86_400,
    }];
    match solve(&p, &cfg) {
        Err(Error::Infeasible { agent, rule, .. }) => assert_eq!(
            (agent.as_str(), rule.as_str()),
            ("a", "min_minutes_per_week")
        ),
        other => panic!("expected Infeasible, got {other:?}"),
    }
    let mut p = base;
    p.contracts[0].shift_lengths_minutes = vec![50];
    assert!(matches!(solve(&p, &cfg), Err(Error::InvalidValue { .. })));
}

#[test]
fn validator_catches_tampering() -> Result<(), Error> {
    let p = generate(
        &GeneratorConfig::default()
            .agents(6)
            .days(2)
            .interval_minutes(30)
            .seed(4),
    )?;
    let s = solve(&p, &SolverConfig::default().milp(false))?;
    assert_valid(&p, &s);
    let mut bad = s.clone();
    if let Some(a) = bad.activities.iter_mut().find(|a| a.type_id == "shift") {
        a.start_time -= 1800;
    }
    assert!(!validate(&p, &bad).is_empty());
    let mut bad = s.clone();
    if let Some(c) = bad
        .coverage
        .first_mut()
        .and_then(|c| c.scheduled.first_mut())
    {
        *c += 1;
    }
    assert!(
        validate(&p, &bad)
            .iter()
            .any(|v| v.rule == wfm_scheduler::Rule::Coverage)
    );
    let mut bad = s;
    bad.assignments.pop();
    assert!(!validate(&p, &bad).is_empty());
    Ok(())
}

#[test]
fn deterministic() -> Result<(), Error> {
    // Deterministic whenever the solve ends before the time limit (a binding wall-clock limit
    // stops the search at a machine-dependent point).
    let p = tiny(11, 3)?;
    let cfg = SolverConfig::default().time_limit_seconds(30.0);
    let (mut a, mut b) = (solve(&p, &cfg)?, solve(&p, &cfg)?);
    a.stats.seconds = 0.0;
    b.stats.seconds = 0.0;
    assert_eq!(a, b);
    Ok(())
}

fn decomposed(backend: Backend) -> SolverConfig {
    SolverConfig::default()
        .backend(backend)
        .strategy(Strategy::Decomposed)
        .time_limit_seconds(120.0)
}

#[test]
fn decomposed_search_improves_the_start_and_reports_a_bound() -> Result<(), Error> {
    let p = generate(
        &GeneratorConfig::default()
            .agents(6)
            .interval_minutes(60)
            .days(2)
            .queues(2)
            .seed(7),
    )?;
    let start = solve(&p, &SolverConfig::default().milp(false))?;
    assert_valid(&p, &start);
    for b in backends() {
        let s = solve(&p, &decomposed(b))?;
        assert_valid(&p, &s);
        assert!(s.stats.neighbourhoods > 0, "{b:?}");
        assert!(
            s.stats.objective < start.stats.objective - 1e-6,
            "{b:?}: {} vs start {}",
            s.stats.objective,
            start.stats.objective
        );
        let bound = s
            .stats
            .bound
            .expect("the decomposed search reports the LP bound");
        assert!(
            bound > 0.0 && bound <= s.stats.objective + 1e-6,
            "{b:?}: {bound}"
        );
        let gap = s.stats.gap.unwrap_or(f64::NAN);
        assert!((gap - (s.stats.objective - bound) / s.stats.objective).abs() < 1e-9);
    }
    Ok(())
}

#[test]
fn decomposed_search_is_deterministic() -> Result<(), Error> {
    let p = generate(
        &GeneratorConfig::default()
            .agents(5)
            .interval_minutes(60)
            .days(2)
            .queues(2)
            .seed(21),
    )?;
    for b in backends() {
        let cfg = decomposed(b).neighbourhoods(6);
        let (mut x, mut y) = (solve(&p, &cfg)?, solve(&p, &cfg)?);
        assert_valid(&p, &x);
        x.stats.seconds = 0.0;
        y.stats.seconds = 0.0;
        assert_eq!(x, y, "{b:?}");
    }
    Ok(())
}

#[test]
fn progress_reports_every_phase_in_order() -> Result<(), Error> {
    let p = generate(
        &GeneratorConfig::default()
            .agents(6)
            .days(2)
            .queues(1)
            .seed(4),
    )?;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let callback = ProgressCallback::new(move |pr| {
        if let Ok(mut v) = sink.lock() {
            v.push((pr.phase, pr.incumbent, pr.bound));
        }
    });
    let s = solve(&p, &decomposed(Backend::Microlp).progress(callback))?;
    assert_valid(&p, &s);
    let seen = seen.lock().map(|v| v.clone()).unwrap_or_default();
    let phases: Vec<Phase> = seen.iter().map(|x| x.0).collect();
    let pos = |ph: Phase| phases.iter().position(|&x| x == ph);
    assert_eq!(pos(Phase::Construct), Some(0), "{phases:?}");
    assert!(pos(Phase::Bound) < pos(Phase::Improve), "{phases:?}");
    assert_eq!(phases.last(), Some(&Phase::Done));
    // Incumbents never get worse; the final one is the schedule's objective.
    let incs: Vec<f64> = seen.iter().filter_map(|x| x.1).collect();
    assert!(incs.windows(2).all(|w| w[1] <= w[0] + 1e-9), "{incs:?}");
    assert!(
        incs.last()
            .is_some_and(|&o| (o - s.stats.objective).abs() < 1e-9)
    );
    Ok(())
}

fn tiny(seed: u64, agents: usize) -> Result<Problem, Error> {
    generate(
        &GeneratorConfig::default()
            .agents(agents)
            .days(1)
            .interval_minutes(60)
            .queues(1 + (seed % 2) as usize)
            .seed(seed),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn returned_schedules_validate(seed in 0u64..10_000, agents in 1usize..6, days in 1u32..3) {
        let p = generate(&GeneratorConfig::default().agents(agents).days(days).interval_minutes(60).queues(2).seed(seed))?;
        let s = solve(&p, &SolverConfig::default().time_limit_seconds(3.0))?;
        let v = validate(&p, &s);
        prop_assert!(v.is_empty(), "{:?}", v);
        if let Some(b) = s.stats.bound {
            prop_assert!(s.stats.objective >= b - 1e-6 * s.stats.objective.abs().max(1.0));
        }
    }

    #[test]
    fn ample_agents_zero_shortfall(seed in 0u64..10_000, need in 1u32..3) {
        // Requirement of `need` agents 08-16 with 3 x need agents always available: none short.
        let mut p = one_queue(MONDAY, "UTC", 24, window(24, 8, 16).iter().map(|x| x * f64::from(need)).collect());
        p.agents = (0..3 * need).map(|i| agent(&format!("a{i}"), 5.0 + (seed % 7) as f64 + f64::from(i))).collect();
        let s = solve(&p, &SolverConfig::default().time_limit_seconds(10.0))?;
        prop_assert!(validate(&p, &s).is_empty());
        prop_assert!(s.totals.shortfall_hours.abs() < 1e-9, "{}", s.totals.shortfall_hours);
    }

    #[test]
    fn monolithic_and_decomposed_agree_on_tiny_instances(seed in 0u64..10_000, agents in 1usize..4) {
        let p = tiny(seed, agents)?;
        let mono = solve(&p, &exact(Backend::Microlp).strategy(Strategy::Monolithic))?;
        let dec = solve(&p, &exact(Backend::Microlp).strategy(Strategy::Decomposed).neighbourhood_agents(3))?;
        prop_assert!(validate(&p, &mono).is_empty());
        prop_assert!(validate(&p, &dec).is_empty());
        if let Some(b) = dec.stats.bound {
            prop_assert!(b <= mono.stats.objective + 1e-6 * mono.stats.objective.abs().max(1.0));
        }
        // One neighbourhood holds every agent: the decomposed search solves the same exact MILP
        // from the same start, then keeps improving, so it is never worse.
        let tol = 1e-6 * mono.stats.objective.abs().max(1.0);
        prop_assert!(dec.stats.objective <= mono.stats.objective + tol,
            "decomposed {} vs monolithic {}", dec.stats.objective, mono.stats.objective);
    }

    #[test]
    fn removing_an_agent_never_lowers_the_optimum(seed in 0u64..10_000) {
        removing_an_agent_check(seed)?;
    }
}

/// With one agent fewer the optimum cannot be lower; checked whenever both solves claim
/// optimality, and a claim is checked against the schedule's own bound.
fn removing_an_agent_check(seed: u64) -> Result<[Status; 2], TestCaseError> {
    let full = tiny(seed, 3)?;
    let mut fewer = full.clone();
    fewer.agents.pop();
    let cfg = exact(Backend::Microlp).time_limit_seconds(20.0);
    let (a, b) = (solve(&full, &cfg)?, solve(&fewer, &cfg)?);
    prop_assert!(validate(&full, &a).is_empty());
    prop_assert!(validate(&fewer, &b).is_empty());
    for s in [&a, &b] {
        if s.stats.status == Status::Optimal {
            let bound = s.stats.bound.unwrap_or(f64::NEG_INFINITY);
            prop_assert!(s.stats.objective <= bound + 1e-6 * s.stats.objective.abs().max(1.0));
        }
    }
    if a.stats.status == Status::Optimal && b.stats.status == Status::Optimal {
        let tol = 2e-6 * b.stats.objective.abs().max(1.0);
        prop_assert!(
            a.stats.objective <= b.stats.objective + tol,
            "{} > {}",
            a.stats.objective,
            b.stats.objective
        );
    }
    Ok([a.stats.status, b.stats.status])
}

/// CI found seed 9561: the model claimed "optimal" for a schedule whose true objective was
/// worse (826.0 with three agents vs 822.7 with two) because continuous queue flows split an
/// agent over queues. With chord rows on the coverage penalties and exact break classes both
/// solves are proven.
#[test]
fn removing_an_agent_regression_seed_9561() -> Result<(), TestCaseError> {
    let statuses = removing_an_agent_check(9561)?;
    prop_assert_eq!(statuses, [Status::Optimal; 2]);
    Ok(())
}

/// Measures the committed 30-agent week (run with `--ignored --nocapture`); checks validity.
#[test]
#[ignore = "measurement: about a minute"]
fn measure_problem_30x7() -> Result<(), Error> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/schedule/problem_30x7.json"
    );
    let text = std::fs::read_to_string(path).expect("committed fixture");
    let p = Problem::from_json(&text)?;
    let cfg = measurement_config()
        .neighbourhood_agents(knob("WFM_NB", 0))
        .lp_bound(knob("WFM_LP", 1) == 1);
    measure(&p, &cfg)
}

/// Measures a generated week (`WFM_AGENTS`, default 200; `WFM_LIMIT` seconds, default 60;
/// `WFM_BACKEND=highs`; `WFM_SEED`): run with `--release --ignored --nocapture`.
#[test]
#[ignore = "measurement"]
fn measure_generated() -> Result<(), Error> {
    let p = generate(
        &GeneratorConfig::default()
            .agents(knob("WFM_AGENTS", 200))
            .days(7)
            .seed(knob("WFM_SEED", 1) as u64),
    )?;
    measure(
        &p,
        &measurement_config().pricing_rounds(knob("WFM_ROUNDS", 0)),
    )
}

/// A measurement knob from the environment.
fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Backend (`WFM_BACKEND=highs`, else microlp), time limit (`WFM_LIMIT`, default 60 s),
/// Lagrangian-bound iterations (`WFM_LAGR`, default 200; 0 = off) and a progress printer for
/// the measurement tests.
fn measurement_config() -> SolverConfig {
    let backend = match std::env::var("WFM_BACKEND").as_deref() {
        Ok("highs") => Backend::Highs,
        _ => Backend::Microlp,
    };
    let t0 = std::time::Instant::now();
    let callback = ProgressCallback::new(move |pr| {
        eprintln!(
            "{:8.2}s {:?} {}/{} inc={:?} bound={:?}",
            t0.elapsed().as_secs_f64(),
            pr.phase,
            pr.step,
            pr.steps,
            pr.incumbent,
            pr.bound
        );
    });
    SolverConfig::default()
        .backend(backend)
        .time_limit_seconds(knob("WFM_LIMIT", 60) as f64)
        .lagrange_iterations(knob("WFM_LAGR", 200))
        .progress(callback)
}

/// Solves, validates and prints the result line.
fn measure(p: &Problem, cfg: &SolverConfig) -> Result<(), Error> {
    let s = solve(p, cfg)?;
    assert_valid(p, &s);
    eprintln!(
        "status={:?} objective={:.1} bound={:?} gap={:?} shortfall_h={:.1} over_h={:.1} seconds={:.2}",
        s.stats.status,
        s.stats.objective,
        s.stats.bound,
        s.stats.gap,
        s.totals.shortfall_hours,
        s.totals.overstaffing_hours,
        s.stats.seconds
    );
    Ok(())
}

/// Column generation's lower bound never exceeds the proven optimum of the exact monolithic
/// model, and its schedule validates (tiny generated instances, HiGHS).
#[cfg(feature = "highs")]
#[test]
fn column_generation_bound_is_below_the_optimum() -> Result<(), Error> {
    for seed in 1..3 {
        let p = generate(
            &GeneratorConfig::default()
                .agents(4)
                .days(2)
                .interval_minutes(60)
                .seed(seed),
        )?;
        let base = SolverConfig::default()
            .backend(Backend::Highs)
            .time_limit_seconds(60.0)
            .gap(0.0);
        let exact = solve(&p, &base.clone().strategy(Strategy::Monolithic))?;
        let cg = solve(&p, &base.strategy(Strategy::Decomposed).pricing_rounds(20))?;
        assert_valid(&p, &cg);
        if exact.stats.status == Status::Optimal
            && let Some(b) = cg.stats.bound
        {
            assert!(
                b <= exact.stats.objective + 1e-6 * exact.stats.objective.abs().max(1.0),
                "seed {seed}: bound {b} above optimum {}",
                exact.stats.objective
            );
        }
        assert!(
            cg.stats.objective >= exact.stats.objective - 1e-6
                || exact.stats.status != Status::Optimal
        );
    }
    Ok(())
}
