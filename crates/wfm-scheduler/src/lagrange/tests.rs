//! The Lagrangian bound never exceeds a proven optimum or any schedule's objective.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::Lagrangian;
use crate::candidates::Candidates;
use crate::prepare::Prepared;
use crate::problem::{Agent, Contract, Horizon, Problem, Queue};
use crate::schedule::Status;
use crate::test_support::{exact_microlp, hourly};
use crate::{Result, SolverConfig, solve};

/// 2026-01-05T00:00:00Z, a Monday (independent check: `date -u -d @1767571200`).
const MONDAY: i64 = 1_767_571_200;

/// The bound of `p` after `iterations` subgradient steps towards `target`.
fn bound(p: &Problem, target: f64, iterations: usize) -> Result<Option<f64>> {
    let prep = Prepared::new(p)?;
    let cands = Candidates::new(&prep);
    let mut l = Lagrangian::new(&prep, &cands);
    let deadline = Instant::now() + Duration::from_secs(30);
    Ok(l.run(&prep, &cands, target, iterations, deadline, None))
}

/// One day, one queue needing one agent 09:00-17:00 UTC, hourly intervals, two agents on 8 h
/// shifts costing 10 and 12 per hour.
fn day_shift() -> Problem {
    let agent = |id: &str, cost: f64| Agent {
        id: id.into(),
        queues: vec!["q".into()],
        contract: "c".into(),
        cost_per_hour: cost,
        ..Agent::default()
    };
    Problem {
        horizon: Horizon {
            start: MONDAY,
            interval_minutes: 60,
            intervals: 24,
            timezone: "UTC".into(),
        },
        queues: vec![Queue {
            id: "q".into(),
            priority: 1.0,
            required: (0..24)
                .map(|h| if (9..17).contains(&h) { 1.0 } else { 0.0 })
                .collect(),
            min_staffing: vec![],
        }],
        agents: vec![agent("a", 10.0), agent("b", 12.0)],
        contracts: vec![Contract {
            id: "c".into(),
            shift_lengths_minutes: vec![480],
            ..Contract::default()
        }],
        break_rules: vec![],
        activity_types: Default::default(),
        weights: Default::default(),
    }
}

#[test]
fn hand_case_bound_equals_the_known_optimum() -> Result<()> {
    // Optimum by hand: agent a works 09:00-17:00, coverage exact, cost 8 h x 10 = 80. The dual
    // attains it: at a price of 10 per covered hour the cells cost 8 x 10 and agent a's best
    // tour costs 80 - 80 = 0 (b's: off, 0), so L = 80.
    let p = day_shift();
    let b = bound(&p, 80.0, 50)?;
    assert!(b.is_some_and(|b| (b - 80.0).abs() < 1e-6), "{b:?}");
    // A worse target only changes the steps, never the validity.
    let loose = bound(&p, 500.0, 50)?;
    assert!(loose.is_some_and(|b| b <= 80.0 + 1e-6), "{loose:?}");
    // And the solver, which now reports it, proves the schedule optimal without any LP.
    let s = solve(&p, &SolverConfig::default().gap(0.0).milp(false))?;
    assert!((s.stats.objective - 80.0).abs() < 1e-9);
    assert_eq!(s.stats.status, Status::Optimal);
    Ok(())
}

fn tiny(seed: u64, agents: usize, days: u32) -> Result<Problem> {
    hourly(seed, agents, days, 1 + (seed % 2) as usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Below the optimum the exact monolithic MILP proves at gap 0 (its own bound, the
    /// Lagrangian off), and below every schedule the solver returns.
    #[test]
    fn never_above_the_proven_optimum(seed in 0u64..10_000, agents in 1usize..4, days in 1u32..3) {
        let p = tiny(seed, agents, days)?;
        let s = solve(&p, &exact_microlp())?;
        let b = bound(&p, s.stats.objective, 60)?;
        let tol = 1e-6 * s.stats.objective.abs().max(1.0);
        if let Some(b) = b {
            prop_assert!(b <= s.stats.objective + tol, "bound {} above {:?} objective {}", b, s.stats.status, s.stats.objective);
        }
        let heuristic = solve(&p, &SolverConfig::default().milp(false))?;
        if let Some(b) = b {
            prop_assert!(b <= heuristic.stats.objective + tol);
        }
        prop_assert!(heuristic.stats.bound.is_some_and(|x| x <= heuristic.stats.objective + tol));
    }
}
