//! Cross-crate integration test of the main job through the facade, at a small size:
//! synthetic history -> `Auto` forecast + AHT -> Erlang C curve with shrinkage -> seeded roster
//! with the curve as demand -> microlp schedule -> independent validator, plus checks that do not
//! trust any single crate: Erlang minimality re-derived from `ErlangC::metrics`, and coverage
//! recomputed here from the schedule's activities.

use std::collections::HashMap;

use wfm::erlang::{CurveConfig, ErlangC, RequirementCurve, Targets, Traffic, requirement_curve};
use wfm::forecast::{AhtModel, Auto, Fit, History, Predict, Timeline};
use wfm::scheduler::{GeneratorConfig, Problem, Schedule, SolverConfig, generate, solve, validate};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Monday 2024-01-01 00:00 UTC.
const START: i64 = 1_704_067_200;
const MINUTES: u32 = 30;
const SLOTS_PER_DAY: usize = 48;
const WEEKS: usize = 4;
const DAYS: usize = 2;

/// Deterministic synthetic history (no random numbers): open 08:00-20:00 UTC, a midday peak,
/// weekday factors Monday..Sunday, and AHT that rises in the afternoon.
fn history() -> Res<(History, Vec<f64>)> {
    const WEEKDAY: [f64; 7] = [1.0, 0.95, 0.9, 0.9, 0.85, 0.4, 0.2];
    let n = WEEKS * 7 * SLOTS_PER_DAY;
    let mut volume = Vec::with_capacity(n);
    let mut aht = Vec::with_capacity(n);
    for i in 0..n {
        let hour = (i % SLOTS_PER_DAY) as f64 / 2.0;
        let day = (i / SLOTS_PER_DAY) % 7;
        let open = (8.0..20.0).contains(&hour);
        let shape = (std::f64::consts::PI * (hour - 8.0) / 12.0).sin() + 0.25;
        volume.push(if open {
            (40.0 * shape * WEEKDAY[day]).round()
        } else {
            0.0
        });
        aht.push(if open {
            200.0 + 4.0 * (hour - 8.0)
        } else {
            0.0
        });
    }
    Ok((History::new(Timeline::new(START, MINUTES)?, volume)?, aht))
}

fn config() -> CurveConfig {
    CurveConfig::default()
        .targets(Targets::new().service_level(0.8, 20.0))
        .shrinkage(&[0.3])
}

/// Per agent, the intervals of productive shift time: inside a shift activity, outside its own
/// breaks and lunches and outside the agent's fixed activities (meetings) from the problem.
fn coverage_from_activities(problem: &Problem, schedule: &Schedule) -> Vec<u32> {
    let h = &problem.horizon;
    let step = i64::from(h.interval_minutes) * 60;
    let n = h.intervals as usize;
    let mut shift: HashMap<&str, Vec<bool>> = HashMap::new();
    let mut blocked: HashMap<&str, Vec<bool>> = HashMap::new();
    let mark = |map: &mut HashMap<_, Vec<bool>>, agent, start: i64, end: i64| {
        let slots = map.entry(agent).or_insert_with(|| vec![false; n]);
        for (i, slot) in slots.iter_mut().enumerate() {
            let t = h.start + step * i as i64;
            if t < end && start < t + step {
                *slot = true;
            }
        }
    };
    for a in &schedule.activities {
        let map = if a.type_id == problem.activity_types.shift {
            &mut shift
        } else {
            &mut blocked
        };
        mark(map, a.agent_id.as_str(), a.start_time, a.end_time);
    }
    for agent in &problem.agents {
        for f in &agent.fixed_activities {
            mark(&mut blocked, agent.id.as_str(), f.start, f.end);
        }
    }
    (0..n)
        .map(|i| {
            shift
                .iter()
                .filter(|(agent, s)| s[i] && !blocked.get(*agent).is_some_and(|b| b[i]))
                .count() as u32
        })
        .collect()
}

/// One fewer agent than the curve's answer misses 80/20 (re-derived with `ErlangC::metrics`).
fn assert_minimal(curve: &RequirementCurve, volume: &[f64], aht: &[f64]) -> Res {
    let mut checked = 0;
    for i in (0..curve.points.len()).step_by(3) {
        let p = &curve.points[i];
        if p.agents == 0 {
            assert!(
                volume[i] <= 0.0,
                "interval {i}: zero agents for volume {}",
                volume[i]
            );
            continue;
        }
        let model = ErlangC::new(Traffic::from_volume(volume[i], f64::from(MINUTES), aht[i])?);
        assert!(model.metrics(p.agents, 20.0).service_level >= 0.8);
        let fewer = model.metrics(p.agents - 1, 20.0);
        assert!(
            fewer.service_level < 0.8,
            "interval {i}: {} agents already meet the target",
            p.agents - 1
        );
        // 30% shrinkage: smallest whole n with n * 0.7 >= agents.
        let gross = p.agents_with_shrinkage;
        assert!(f64::from(gross) * 0.7 >= f64::from(p.agents) - 1e-9);
        assert!(f64::from(gross - 1) * 0.7 < f64::from(p.agents));
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} open intervals sampled");
    Ok(())
}

#[test]
fn forecast_erlang_schedule_validate() -> Res {
    let (history, aht_history) = history()?;
    let horizon = DAYS * SLOTS_PER_DAY;

    // Forecast.
    let forecast = Auto::new().fit(&history)?.predict(horizon, 0.95)?;
    assert_eq!(forecast.len(), horizon);
    assert_eq!(forecast.point.len(), horizon);
    assert_eq!(forecast.start, START + (history.len() as i64) * 1800);
    for i in 0..horizon {
        let (lo, p, hi) = (forecast.lower[i], forecast.point[i], forecast.upper[i]);
        assert!(p.is_finite() && p >= 0.0, "interval {i}: point {p}");
        assert!(
            0.0 <= lo && lo <= p && p <= hi,
            "interval {i}: {lo} {p} {hi}"
        );
    }
    // Closed at night, open by day.
    assert!(forecast.point[2].abs() < 1e-9);
    assert!(forecast.point[24] > 10.0);
    let aht = AhtModel::new()
        .fit(&history, &aht_history)?
        .predict(horizon)?;
    assert_eq!(aht.len(), horizon);
    assert!(aht.iter().all(|a| a.is_finite() && *a > 0.0));

    // Erlang.
    let grid = wfm::core::IntervalGrid::from_unix(forecast.start, MINUTES, horizon)?;
    let curve = requirement_curve(&grid, &forecast.point, &aht, &config())?;
    assert_eq!(curve.points.len(), horizon);
    assert_minimal(&curve, &forecast.point, &aht)?;

    // Schedule on the same two days (UTC), demand = the Erlang curve after shrinkage.
    let first_date = history.timeline().local_date(history.len())?;
    let mut problem = generate(
        &GeneratorConfig::default()
            .agents(12)
            .days(DAYS as u32)
            .interval_minutes(MINUTES)
            .queues(1)
            .seed(3)
            .start_date(first_date)
            .timezone("UTC".into()),
    )?;
    assert_eq!(problem.horizon.start, forecast.start);
    assert_eq!(problem.horizon.intervals as usize, horizon);
    let required: Vec<f64> = curve
        .points
        .iter()
        .map(|p| f64::from(p.agents_with_shrinkage))
        .collect();
    problem.queues[0].required.clone_from(&required);
    let schedule = solve(&problem, &SolverConfig::default().time_limit_seconds(5.0))?;

    let violations = validate(&problem, &schedule);
    assert!(violations.is_empty(), "violations: {violations:#?}");
    assert!(schedule.totals.shifts > 0);

    // Reported coverage = coverage recomputed from the activities.
    let reported = &schedule.coverage[0];
    let recomputed = coverage_from_activities(&problem, &schedule);
    assert_eq!(reported.scheduled, recomputed);
    let hours = f64::from(MINUTES) / 60.0;
    let (mut short, mut over) = (0.0, 0.0);
    for i in 0..horizon {
        let s = f64::from(recomputed[i]);
        assert!((reported.under[i] - (required[i] - s).max(0.0)).abs() < 1e-9);
        assert!((reported.over[i] - (s - required[i]).max(0.0)).abs() < 1e-9);
        short += (required[i] - s).max(0.0) * hours;
        over += (s - required[i]).max(0.0) * hours;
    }
    assert!((schedule.totals.shortfall_hours - short).abs() < 1e-6);
    assert!((schedule.totals.overstaffing_hours - over).abs() < 1e-6);
    Ok(())
}

#[test]
fn bad_inputs_are_typed_errors_not_panics() -> Res {
    let (history, aht_history) = history()?;
    // AHT of the wrong length.
    assert!(AhtModel::new().fit(&history, &aht_history[1..]).is_err());
    // A negative forecast volume cannot reach Erlang.
    let grid = wfm::core::IntervalGrid::from_unix(START, MINUTES, 2)?;
    let err = requirement_curve(&grid, &[10.0, -1.0], &[180.0, 180.0], &config());
    assert!(matches!(
        err,
        Err(wfm::erlang::Error::Interval { index: 1, .. })
    ));
    // A demand vector of the wrong length is reported by the solver, not a panic.
    let mut problem = generate(&GeneratorConfig::default().agents(2).days(1).queues(1))?;
    problem.queues[0].required.pop();
    assert!(solve(&problem, &SolverConfig::default().time_limit_seconds(1.0)).is_err());
    Ok(())
}
