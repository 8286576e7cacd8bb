//! Best-response sweeps: each agent in turn re-plans its whole week against the coverage of
//! everyone else, and keeps the new week when it lowers the objective.
//!
//! For agent `a`, with every other agent fixed on the queues the assignment gave them, one more
//! productive interval at `t` is worth the best queue's marginal value there (the greedy
//! construction's `value`). Each of `a`'s candidate shifts gets its best break placement under
//! that value ([`breaks::place`]), and the exact tour dynamic program of column generation
//! ([`cheapest_tour`], every contract rule built in) returns the agent's best week. Measured
//! against the same values, a strictly better week replaces the old one, and the agent's
//! intervals go back on their best queues. Each accepted move lowers the objective of the
//! tracked assignment, which bounds the exact one from above, so a sweep never makes the
//! schedule worse before the exact re-scoring, and the search ends.
//!
//! After each sweep the plan is re-scored exactly (min-cost queue flows) and offered to the
//! incumbent; the sweeps stop when one changes nothing, when the exact score does not improve,
//! after `max_sweeps`, or at the deadline. Without the deadline the result depends only on
//! the input (agents in index order, ties to the earliest candidate).

use std::time::Instant;

use rayon::prelude::*;

use crate::assign::{IDLE, marginal};
use crate::breaks;
use crate::candidates::Candidates;
use crate::colgen::pricing::{AgentTours, cheapest_tour};
use crate::lns::Incumbent;
use crate::plan::{PlacedBreak, Plan, PlannedShift};
use crate::prepare::Prepared;
use crate::progress::{Phase, Reporter};

/// What the sweeps did.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SweepStats {
    /// Sweeps run (complete or cut by the deadline).
    pub(crate) sweeps: usize,
    /// Agents whose week changed, over all sweeps.
    pub(crate) moves: usize,
    /// Whether the incumbent improved.
    pub(crate) improved: bool,
}

/// Per-queue coverage and each agent's queue per interval, kept in step with the plan.
struct Tracked {
    coverage: Vec<Vec<u32>>,
    agent_queue: Vec<Vec<u16>>,
}

impl Tracked {
    /// The best queue for one more productive interval of group `g` at `t`, and its value.
    fn best_queue(&self, prep: &Prepared<'_>, g: usize, t: usize) -> Option<(usize, f64)> {
        let w = prep.problem.weights.queue_preference;
        prep.groups[g]
            .iter()
            .enumerate()
            .map(|(r, &q)| {
                let c = self.coverage[q][t];
                (q, -marginal(prep, q, t, c) - w * r as f64)
            })
            .fold(None, |best: Option<(usize, f64)>, x| match best {
                Some(b) if b.1 >= x.1 => Some(b),
                _ => Some(x),
            })
    }

    /// Takes agent `a` off every queue.
    fn remove(&mut self, a: usize) {
        for (t, q) in self.agent_queue[a].iter_mut().enumerate() {
            if *q != IDLE {
                // The assignment counts every agent it places, so this never saturates; the
                // exact re-scoring after each sweep would catch it if it did.
                let c = &mut self.coverage[usize::from(*q)][t];
                *c = c.saturating_sub(1);
                *q = IDLE;
            }
        }
    }

    /// Puts agent `a`'s productive intervals of `shifts` on their best queues.
    fn add(&mut self, prep: &Prepared<'_>, a: usize, shifts: &[PlannedShift]) {
        let g = prep.agents[a].group;
        for s in shifts {
            for t in Plan::productive(prep, s) {
                if let Some((q, _)) = self.best_queue(prep, g, t) {
                    self.coverage[q][t] += 1;
                    self.agent_queue[a][t] = q as u16;
                }
            }
        }
    }
}

/// Improves `inc` by best-response sweeps (see the module doc), reporting each improving sweep
/// as an `Improve` step (`bound`: the best lower bound known, passed through).
pub(crate) fn improve(
    prep: &Prepared<'_>,
    cands: &Candidates,
    inc: &mut Incumbent,
    max_sweeps: usize,
    deadline: Instant,
    (reporter, bound): (&Reporter, Option<f64>),
) -> SweepStats {
    let mut stats = SweepStats::default();
    if Instant::now() >= deadline {
        return stats;
    }
    let tours: Vec<AgentTours> = (0..prep.agents.len())
        .into_par_iter()
        .map(|a| AgentTours::new(prep, cands, a))
        .collect();
    let mut value = vec![0.0f64; prep.cal.n];
    let mut worth: Vec<f64> = Vec::new();
    let mut placed: Vec<Vec<PlacedBreak>> = Vec::new();
    while stats.sweeps < max_sweeps && Instant::now() < deadline {
        stats.sweeps += 1;
        let mut plan = inc.plan.clone();
        let mut tracked = Tracked {
            coverage: inc.asg.coverage.clone(),
            agent_queue: inc.asg.agent_queue.clone(),
        };
        let mut moves = 0;
        for (a, agent_tours) in tours.iter().enumerate() {
            if Instant::now() >= deadline {
                break;
            }
            tracked.remove(a);
            let g = prep.agents[a].group;
            for (t, v) in value.iter_mut().enumerate() {
                *v = tracked.best_queue(prep, g, t).map_or(0.0, |(_, v)| v);
            }
            if let Some(week) = best_week(
                prep,
                cands,
                agent_tours,
                &plan.shifts[a],
                &value,
                &mut worth,
                &mut placed,
            ) {
                plan.shifts[a] = week;
                moves += 1;
            }
            tracked.add(prep, a, &plan.shifts[a]);
        }
        if moves == 0 {
            break;
        }
        stats.moves += moves;
        if !inc.offer(Incumbent::new(prep, plan)) {
            break;
        }
        stats.improved = true;
        reporter.report(
            Phase::Improve,
            (stats.sweeps, max_sweeps),
            Some(inc.objective()),
            bound,
        );
    }
    stats
}

/// Agent's best week under interval values `value` (everyone else fixed) when it is strictly
/// better than `current`; `worth` and `placed` are scratch space.
fn best_week(
    prep: &Prepared<'_>,
    cands: &Candidates,
    agent_tours: &AgentTours,
    current: &[PlannedShift],
    value: &[f64],
    worth: &mut Vec<f64>,
    placed: &mut Vec<Vec<PlacedBreak>>,
) -> Option<Vec<PlannedShift>> {
    let hpi = prep.hours_per_interval;
    let range = cands.by_agent.get(agent_tours.agent)?.clone();
    let first = range.start;
    worth.clear();
    placed.clear();
    for c in &cands.list[range] {
        if c.locked.is_some() {
            worth.push(0.0);
            placed.push(Vec::new());
            continue;
        }
        let shift = PlannedShift {
            cand: *c,
            breaks: breaks::place(prep, c, value),
        };
        worth.push(
            Plan::productive(prep, &shift)
                .map(|t| value[t])
                .sum::<f64>()
                * hpi,
        );
        placed.push(shift.breaks);
    }
    let (shifts, _) = cheapest_tour(prep, cands, agent_tours, |ci| worth[ci - first])?;
    let new_total = agent_tours.tour_cost(prep, cands, &shifts)
        - shifts.iter().map(|&ci| worth[ci - first]).sum::<f64>();
    let mut current_cands = Vec::with_capacity(current.len());
    let mut current_worth = 0.0;
    for s in current {
        current_cands.push(cands.index_of(&s.cand)?);
        if s.cand.locked.is_none() {
            current_worth += Plan::productive(prep, s).map(|t| value[t]).sum::<f64>() * hpi;
        }
    }
    let current_total = agent_tours.tour_cost(prep, cands, &current_cands) - current_worth;
    if new_total >= current_total - 1e-9 * current_total.abs().max(1.0) {
        return None;
    }
    let mut week: Vec<PlannedShift> = current
        .iter()
        .filter(|s| s.cand.locked.is_some())
        .cloned()
        .collect();
    for ci in shifts {
        let c = cands.list[ci];
        if c.locked.is_none() {
            week.push(PlannedShift {
                cand: c,
                breaks: placed[ci - first].clone(),
            });
        }
    }
    week.sort_by_key(|s| s.cand.start);
    Some(week)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use proptest::prelude::*;

    use super::*;
    use crate::greedy;
    use crate::problem::Problem;
    use crate::schedule::Status;
    use crate::test_support::{exact_microlp, hourly as problem};
    use crate::{Result, SolverConfig, solve};

    /// A reporter without a callback.
    fn quiet() -> Reporter {
        Reporter {
            callback: None,
            subproblem: 0,
            subproblems: 1,
        }
    }

    /// The construction of `p` and the same after the sweeps, with their stats.
    fn construct_and_sweep(p: &Problem) -> Result<(Incumbent, Incumbent, SweepStats)> {
        let prep = Prepared::new(p)?;
        let cands = Candidates::new(&prep);
        let start = Incumbent::new(&prep, greedy::construct(&prep, &cands).0);
        let mut swept = start.clone();
        let deadline = Instant::now() + Duration::from_secs(30);
        let stats = improve(&prep, &cands, &mut swept, 50, deadline, (&quiet(), None));
        Ok((start, swept, stats))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// With one agent and one queue the value of an interval is exact (nobody else to move),
        /// so one best response is the optimum: the sweeps reach the objective that the exact
        /// monolithic MILP (microlp, gap 0) proves optimal.
        #[test]
        fn one_agent_reaches_the_proven_optimum(seed in 0u64..10_000, days in 1u32..3) {
            let p = problem(seed, 1, days, 1)?;
            let s = solve(&p, &exact_microlp())?;
            prop_assume!(s.stats.status == Status::Optimal);
            let (start, swept, _) = construct_and_sweep(&p)?;
            let tol = 1e-6 * s.stats.objective.abs().max(1.0);
            prop_assert!((swept.objective() - s.stats.objective).abs() <= tol,
                "sweeps {} (from {}) vs optimum {}", swept.objective(), start.objective(), s.stats.objective);
        }

        /// On several agents and queues the sweeps never make a schedule worse, every move they
        /// report lowered the exact score, and the schedule still passes the independent validator.
        #[test]
        fn sweeps_never_worsen_and_stay_valid(seed in 0u64..10_000, agents in 2usize..8, queues in 1usize..3) {
            let p = problem(seed, agents, 2, queues)?;
            let (start, swept, stats) = construct_and_sweep(&p)?;
            prop_assert!(swept.objective() <= start.objective() + 1e-9);
            prop_assert_eq!(stats.improved, swept.objective() < start.objective());
            let s = solve(&p, &SolverConfig::default().milp(false))?;
            prop_assert!(crate::validate(&p, &s).is_empty(), "{:?}", crate::validate(&p, &s));
            prop_assert!(s.stats.objective <= start.objective() + 1e-6 * start.objective().abs().max(1.0));
        }
    }

    #[test]
    fn a_misplaced_shift_moves_to_the_demand() -> Result<()> {
        // Two agents, demand for two; the construction is made to put one of them where nobody
        // is needed: a sweep moves it back.
        let p = problem(7, 2, 1, 1)?;
        let prep = Prepared::new(&p)?;
        let cands = Candidates::new(&prep);
        let (plan, _) = greedy::construct(&prep, &cands);
        let good = Incumbent::new(&prep, plan.clone());
        let mut bad_plan = plan;
        let worst = cands.by_agent[0]
            .clone()
            .filter(|&ci| cands.list[ci].locked.is_none())
            .map(|ci| {
                let c = cands.list[ci];
                let shift = PlannedShift {
                    cand: c,
                    breaks: breaks::place(&prep, &c, &vec![0.0; prep.cal.n]),
                };
                let mut trial = bad_plan.clone();
                trial.shifts[0] = vec![shift];
                (Incumbent::new(&prep, trial.clone()).objective(), trial)
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        let Some((_, trial)) = worst else {
            return Ok(());
        };
        bad_plan = trial;
        let mut inc = Incumbent::new(&prep, bad_plan);
        let before = inc.objective();
        assert!(before > good.objective());
        let deadline = Instant::now() + Duration::from_secs(30);
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = std::sync::Arc::clone(&seen);
        let reporter = Reporter {
            callback: Some(crate::ProgressCallback::new(move |p| {
                if let Ok(mut v) = sink.lock() {
                    v.push((p.phase, p.incumbent));
                }
            })),
            subproblem: 0,
            subproblems: 1,
        };
        let stats = improve(&prep, &cands, &mut inc, 10, deadline, (&reporter, None));
        assert!(stats.improved && stats.moves >= 1, "{stats:?}");
        // Each improving sweep is reported, the last with the final objective.
        let seen = seen.lock().map(|v| v.clone()).unwrap_or_default();
        assert!(!seen.is_empty() && seen.iter().all(|(ph, _)| *ph == Phase::Improve));
        assert_eq!(seen.last().and_then(|x| x.1), Some(inc.objective()));
        assert!(inc.objective() < before);
        assert!(
            inc.objective() <= good.objective() + 1e-9,
            "{} vs {}",
            inc.objective(),
            good.objective()
        );
        Ok(())
    }
}
