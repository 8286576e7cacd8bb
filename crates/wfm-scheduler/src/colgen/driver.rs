//! The column-generation loop and the master MIP (HiGHS).

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use rayon::prelude::*;

use super::Outcome;
use super::master::{Structure, Tour, find};
use super::pricing::{AgentTours, cheapest_tour};
use crate::candidates::Candidates;
use crate::config::SolverConfig;
use crate::lns::Incumbent;
use crate::milp::{self, ClassKey, class_key};
use crate::plan::Plan;
use crate::prepare::Prepared;
use crate::progress::{Phase, Reporter};

/// Default work budget: pricing rounds.
const DEFAULT_ROUNDS: usize = 60;

/// Share of the remaining time kept for the master MIP (a safety split; the rounds budget and
/// convergence normally end the pricing first).
const MIP_SHARE: f64 = 0.4;

/// Share of the time left after pricing given to the MIP: the rest is kept for concrete
/// breaks, the exact queue assignment and scoring of the candidate schedules.
const POST_SHARE: f64 = 0.8;

/// Runs column generation from the incumbent `inc` (a rule-respecting schedule).
pub(crate) fn solve(
    prep: &Prepared<'_>,
    cands: &Candidates,
    config: &SolverConfig,
    inc: &Incumbent,
    deadline: Instant,
    reporter: &Reporter,
) -> Outcome {
    let remaining = || {
        deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
    };
    let reserve = remaining() * MIP_SHARE;
    let structure = Structure::new(prep, cands);
    let agents: Vec<AgentTours> = (0..prep.agents.len())
        .into_par_iter()
        .map(|a| AgentTours::new(prep, cands, a))
        .collect();
    let mut out = Outcome {
        rows: structure.rows(),
        ..Outcome::default()
    };
    // The incumbent's tours: the restricted master is feasible from the first round.
    let mut pool: Vec<Tour> = Vec::new();
    let mut seen: HashSet<(usize, Vec<usize>)> = HashSet::new();
    let mut chosen = Vec::with_capacity(agents.len());
    for (a, t) in agents.iter().enumerate() {
        let shifts: Option<Vec<usize>> = inc.plan.shifts[a]
            .iter()
            .map(|s| find(cands, &s.cand))
            .collect();
        let Some(shifts) = shifts else {
            return out;
        };
        seen.insert((a, shifts.clone()));
        chosen.push(pool.len());
        pool.push(Tour {
            agent: a,
            cost: t.tour_cost(prep, cands, &shifts),
            shifts,
        });
    }
    let Some(mut lp) = structure.model(&pool, false) else {
        return out;
    };
    let budget = if config.pricing_rounds == 0 {
        DEFAULT_ROUNDS
    } else {
        config.pricing_rounds
    };
    let mut bound: Option<f64> = None;
    let mut last_values = None;
    while out.rounds < budget && remaining() > reserve {
        let Some(sol) = lp.solve_lp(config.threads, remaining() - reserve) else {
            break;
        };

        out.rounds += 1;
        let duals = &sol.duals;
        let dual_of = |ci: usize| {
            structure
                .link_row(structure.class_of[ci])
                .map_or(0.0, |r| duals[r])
        };
        let priced: Vec<Option<(Vec<usize>, f64)>> = agents
            .par_iter()
            .map(|t| cheapest_tour(prep, cands, t, dual_of))
            .collect();
        let scale = sol.objective.abs().max(1.0);
        last_values = Some(sol.values.clone());
        let mut lagrange = sol.objective;
        let mut added = 0;
        for (a, p) in priced.into_iter().enumerate() {
            let Some((shifts, weighted)) = p else {
                continue;
            };
            let rc = weighted - duals[structure.conv_row(a)];
            lagrange += rc.min(0.0);
            if rc < -1e-7 * scale && seen.insert((a, shifts.clone())) {
                let tour = Tour {
                    agent: a,
                    cost: agents[a].tour_cost(prep, cands, &shifts),
                    shifts,
                };
                if lp.add_tour(&structure, &tour, false).is_none() {
                    return out;
                }
                pool.push(tour);
                added += 1;
            }
        }
        bound = Some(bound.map_or(lagrange, |b: f64| b.max(lagrange)));
        reporter.report(
            Phase::Bound,
            (out.rounds, budget),
            Some(inc.objective()),
            bound,
        );
        if added == 0 {
            out.converged = true;
            break;
        }
        if bound.is_some_and(|b| sol.objective - b <= 1e-6 * scale) {
            out.converged = true;
            break;
        }
    }
    out.bound = bound;
    out.columns = lp.columns();
    drop(lp);
    if let Some(values) = last_values {
        out.plans
            .push(round(prep, cands, &structure, &pool, &values));
    }

    reporter.report(Phase::Improve, (0, 1), Some(inc.objective()), bound);
    let start = structure.start(prep, cands, &inc.plan, &inc.asg, &pool, &chosen);
    let Some(mip) = structure.model(&pool, true) else {
        return out;
    };
    let Some(sol) = mip.solve_mip(
        config.threads,
        (remaining() * POST_SHARE).max(0.5),
        config.gap,
        Some(&start),
    ) else {
        return out;
    };
    out.plans
        .push(to_plan(prep, cands, &structure, &pool, &sol.values));
    out
}

/// Rounds a master LP solution: each agent works its tour of largest weight (the first on
/// ties); break counts are rounded by `hand_out_breaks`.
fn round(
    prep: &Prepared<'_>,
    cands: &Candidates,
    structure: &Structure,
    pool: &[Tour],
    values: &[f64],
) -> Plan {
    let first = structure.first_tour_column();
    let mut best: Vec<Option<(usize, f64)>> = vec![None; prep.agents.len()];
    for (j, tour) in pool.iter().enumerate() {
        let v = values.get(first + j).copied().unwrap_or(0.0);
        if best[tour.agent].is_none_or(|(_, b)| v > b + 1e-9) {
            best[tour.agent] = Some((j, v));
        }
    }
    let mut rounded = values.to_vec();
    rounded.truncate(first);
    rounded.resize(first + pool.len(), 0.0);
    for (j, _) in best.into_iter().flatten() {
        rounded[first + j] = 1.0;
    }
    to_plan(prep, cands, structure, pool, &rounded)
}

/// The schedule of a master solution: each agent's chosen tour, breaks from the class counts.
fn to_plan(
    prep: &Prepared<'_>,
    cands: &Candidates,
    structure: &Structure,
    pool: &[Tour],
    values: &[f64],
) -> Plan {
    let mut plan = Plan::locked_only(prep, cands);
    let mut by_class: BTreeMap<ClassKey, Vec<usize>> = BTreeMap::new();
    let first = structure.first_tour_column();
    for (j, tour) in pool.iter().enumerate() {
        if values.get(first + j).copied().unwrap_or(0.0) <= 0.5 {
            continue;
        }
        for &ci in &tour.shifts {
            if cands.list[ci].locked.is_none() {
                by_class
                    .entry(class_key(prep, &cands.list[ci]))
                    .or_default()
                    .push(ci);
            }
        }
    }
    milp::hand_out_breaks(
        prep,
        cands,
        &mut plan,
        &by_class,
        &structure.break_counts(values),
    );
    plan
}
