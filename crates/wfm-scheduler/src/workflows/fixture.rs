//! A hand-built one-day problem and schedule shared by the workflow unit tests.
//!
//! Horizon: Monday 2026-01-05 00:00 UTC, 24 hourly intervals. Queue `q` needs 1 agent from
//! 08:00 to 18:00; queue `r` needs 1 agent from 09:00 to 11:00. Contract `c`: 8-hour shifts,
//! 11 h rest; 8-hour shifts take a 1-hour lunch 3 to 5 hours after the start.
//!
//! Agents: `ann` (q) works 08-16, lunch 12-13; `bob` (q) works 10-18, lunch 14-15; `cat`
//! (r, q; available 06:00-22:00; cost 30/h) and `dan` (r; cost 10/h; a meeting 09-10) are off.

use crate::problem::{
    Agent, BreakKind, BreakRule, BreakSpec, Contract, FixedActivity, Horizon, Problem, Queue,
    TimeWindow,
};
use crate::schedule::{Activity, QueueAssignment, Schedule, SolverStats};
use crate::workflows::recheck::records_only;

/// 2026-01-05T00:00:00Z, a Monday (`date -u -d @1767571200`).
pub(crate) const MONDAY: i64 = 1_767_571_200;
pub(crate) const H: i64 = 3600;

pub(crate) fn at(hour: i64) -> i64 {
    MONDAY + hour * H
}

fn need(from: usize, to: usize) -> Vec<f64> {
    (0..24)
        .map(|i| if (from..to).contains(&i) { 1.0 } else { 0.0 })
        .collect()
}

fn agent(id: &str, queues: &[&str], cost: f64) -> Agent {
    Agent {
        id: id.into(),
        queues: queues.iter().map(|q| (*q).to_owned()).collect(),
        contract: "c".into(),
        cost_per_hour: cost,
        ..Agent::default()
    }
}

pub(crate) fn problem() -> Problem {
    let mut cat = agent("cat", &["r", "q"], 30.0);
    cat.availability = vec![TimeWindow {
        start: at(6),
        end: at(22),
    }];
    let mut dan = agent("dan", &["r"], 10.0);
    dan.fixed_activities = vec![FixedActivity {
        type_id: "meeting".into(),
        start: at(9),
        end: at(10),
    }];
    Problem {
        horizon: Horizon {
            start: MONDAY,
            interval_minutes: 60,
            intervals: 24,
            timezone: "UTC".into(),
        },
        queues: vec![
            Queue {
                id: "q".into(),
                priority: 1.0,
                required: need(8, 18),
                min_staffing: vec![],
            },
            Queue {
                id: "r".into(),
                priority: 1.0,
                required: need(9, 11),
                min_staffing: vec![],
            },
        ],
        agents: vec![
            agent("ann", &["q"], 20.0),
            agent("bob", &["q"], 20.0),
            cat,
            dan,
        ],
        contracts: vec![Contract {
            id: "c".into(),
            shift_lengths_minutes: vec![480],
            min_rest_minutes: 11 * 60,
            ..Contract::default()
        }],
        break_rules: vec![BreakRule {
            min_shift_minutes: 480,
            max_shift_minutes: 480,
            min_spacing_minutes: 0,
            breaks: vec![BreakSpec {
                kind: BreakKind::Lunch,
                duration_minutes: 60,
                earliest_start_minutes: 180,
                latest_start_minutes: 300,
            }],
        }],
        activity_types: Default::default(),
        weights: Default::default(),
    }
}

pub(crate) fn activity(agent: &str, kind: &str, from: i64, to: i64) -> Activity {
    let id = format!("{agent}-{}-{kind}", at(from));
    let mut a = Activity::new(id, agent, kind, at(from), at(to));
    if kind == "shift" {
        a.queue_ids = vec!["q".into()];
    }
    a
}

pub(crate) fn serve(agent: &str, queue: &str, from: i64, to: i64) -> QueueAssignment {
    QueueAssignment {
        agent_id: agent.into(),
        queue_id: queue.into(),
        start_time: at(from),
        end_time: at(to),
    }
}

pub(crate) fn stats() -> SolverStats {
    serde_json::from_str(
        r#"{"status": "heuristic", "solver": "none", "objective": 0.0, "bound": null,
            "gap": null, "seconds": 0.0, "columns": 0, "rows": 0, "subproblems": 0}"#,
    )
    .expect("solver stats literal parses")
}

/// A schedule with only `activities` and `assignments`.
pub(crate) fn with(activities: Vec<Activity>, assignments: Vec<QueueAssignment>) -> Schedule {
    records_only(stats(), activities, assignments)
}

pub(crate) fn schedule() -> Schedule {
    with(
        vec![
            activity("ann", "shift", 8, 16),
            activity("ann", "lunch", 12, 13),
            activity("bob", "shift", 10, 18),
            activity("bob", "lunch", 14, 15),
        ],
        vec![
            serve("ann", "q", 8, 12),
            serve("ann", "q", 13, 16),
            serve("bob", "q", 10, 14),
            serve("bob", "q", 15, 18),
        ],
    )
}
