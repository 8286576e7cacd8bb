//! Large-neighbourhood search: re-optimise small groups of agents with an exact MILP while every
//! other agent keeps its incumbent shifts, in a deterministic order, accepting improvements.
//!
//! The work is bounded by a number of neighbourhoods, not by the clock, so the result depends
//! only on the input and the options (the time limit is a safety cap).

use std::time::Instant;

use crate::assign::{Assignment, Score, assign, score};
use crate::candidates::Candidates;
use crate::config::SolverConfig;
use crate::greedy;
use crate::milp::{self, Scope};
use crate::plan::Plan;
use crate::prepare::Prepared;
use crate::progress::{Phase, Reporter};

/// The best schedule so far.
#[derive(Debug, Clone)]
pub(crate) struct Incumbent {
    pub(crate) plan: Plan,
    pub(crate) asg: Assignment,
    pub(crate) score: Score,
}

impl Incumbent {
    pub(crate) fn new(prep: &Prepared<'_>, plan: Plan) -> Self {
        let asg = assign(prep, &plan);
        let score = score(prep, &plan, &asg);
        Self { plan, asg, score }
    }

    pub(crate) fn objective(&self) -> f64 {
        self.score.objective()
    }

    /// Replaces `self` by `other` when it is strictly better; says whether it did.
    pub(crate) fn offer(&mut self, other: Self) -> bool {
        let better = other.objective() < self.objective() - 1e-9 * self.objective().abs().max(1.0);
        if better {
            *self = other;
        }
        better
    }

    /// Offers `plan` and the same plan with its breaks re-placed against coverage.
    pub(crate) fn offer_plan(&mut self, prep: &Prepared<'_>, plan: Plan) -> bool {
        let rebroken = greedy::improve_breaks(prep, &plan);
        let a = self.offer(Self::new(prep, plan));
        let b = self.offer(Self::new(prep, rebroken));
        a || b
    }
}

/// Wall-clock safety cap of one neighbourhood MILP, in seconds.
const NEIGHBOURHOOD_SECONDS: f64 = 10.0;

/// What the search did.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SearchStats {
    pub(crate) neighbourhoods: usize,
    pub(crate) improvements: usize,
    pub(crate) columns: usize,
    pub(crate) rows: usize,
}

/// A deterministic 64-bit mix (splitmix64) for neighbourhood orders.
fn mix(z: u64) -> u64 {
    wfm_core::SplitMix64::new(z).next_u64()
}

/// Agent order of pass `pass`: even passes walk skill groups (agents that can swap work),
/// rotated by half a neighbourhood each time; odd passes use a seeded shuffle.
fn order(prep: &Prepared<'_>, movable: &[usize], pass: usize, size: usize) -> Vec<usize> {
    let mut v = movable.to_vec();
    if pass % 2 == 0 {
        v.sort_by_key(|&a| (prep.agents[a].group, a));
        if !v.is_empty() {
            let shift = (pass / 2 * size.div_ceil(2)) % v.len();
            v.rotate_left(shift);
        }
    } else {
        v.sort_by_key(|&a| (mix(mix(pass as u64) ^ a as u64), a));
    }
    v
}

/// `[group][t]`: how short the group's best queue is at `t` (breaks go where it is least).
fn break_value(prep: &Prepared<'_>, asg: &Assignment) -> Vec<Vec<f64>> {
    prep.groups
        .iter()
        .map(|qs| {
            (0..prep.cal.n)
                .map(|t| {
                    qs.iter()
                        .map(|&q| {
                            prep.problem.queues[q].required[t] - f64::from(asg.coverage[q][t])
                        })
                        .fold(f64::NEG_INFINITY, f64::max)
                })
                .collect()
        })
        .collect()
}

/// Improves `inc` in place by neighbourhood MILPs until the budget is spent, a full pass finds
/// nothing, the gap to `bound` is within the configured gap, or the safety deadline passes.
pub(crate) fn search(
    prep: &Prepared<'_>,
    cands: &Candidates,
    config: &SolverConfig,
    inc: &mut Incumbent,
    bound: Option<f64>,
    deadline: Instant,
    reporter: &Reporter,
) -> SearchStats {
    let mut stats = SearchStats::default();
    let movable: Vec<usize> = (0..prep.agents.len())
        .filter(|&a| {
            cands.list[cands.by_agent[a].clone()]
                .iter()
                .any(|c| c.locked.is_none())
        })
        .collect();
    if movable.is_empty() {
        return stats;
    }
    let size = config.neighbourhood_size().clamp(1, movable.len());
    let per_pass = movable.len().div_ceil(size);
    let budget = if config.neighbourhoods == 0 {
        3 * per_pass
    } else {
        config.neighbourhoods
    };
    let close_enough = |inc: &Incumbent| {
        bound.is_some_and(|b| inc.objective() - b <= config.gap * inc.objective().abs().max(1.0))
    };
    let mut free = vec![false; prep.agents.len()];
    let mut pass = 0;
    'outer: while stats.neighbourhoods < budget {
        let mut improved_in_pass = false;
        let agents = order(prep, &movable, pass, size);
        for chunk in agents.chunks(size) {
            if stats.neighbourhoods >= budget || close_enough(inc) {
                break 'outer;
            }
            let remaining = deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if remaining <= 0.0 {
                break 'outer;
            }
            chunk.iter().for_each(|&a| free[a] = true);
            let value = break_value(prep, &inc.asg);
            let scope = Scope {
                free: Some(&free),
                base: Some(&inc.plan),
                relax: false,
                // Neighbourhoods of every agent solve the exact model (break variables).
                break_value: (size < movable.len()).then_some(value.as_slice()),
            };
            // Safety cap per neighbourhood; at the default sizes each solves well under it.
            let cap = remaining.min(NEIGHBOURHOOD_SECONDS);
            let r = milp::solve(prep, cands, config, Some((&inc.plan, &inc.asg)), scope, cap);
            chunk.iter().for_each(|&a| free[a] = false);
            stats.neighbourhoods += 1;
            stats.columns = stats.columns.max(r.columns);
            stats.rows = stats.rows.max(r.rows);
            if let Some(plan) = r.plan
                && inc.offer_plan(prep, plan)
            {
                stats.improvements += 1;
                improved_in_pass = true;
            }
            reporter.report(
                Phase::Improve,
                (stats.neighbourhoods, budget),
                Some(inc.objective()),
                bound,
            );
        }
        if !improved_in_pass {
            break;
        }
        pass += 1;
    }
    stats
}
