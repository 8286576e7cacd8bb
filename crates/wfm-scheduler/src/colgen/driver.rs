//! The column-generation loop (with Wentges dual smoothing) and the master MIP (HiGHS).

use std::collections::{HashSet, VecDeque};
use std::time::Instant;

use rayon::prelude::*;

use super::Outcome;
use super::master::{ColRef, Patterns, Structure, Tour, plan_of};
use super::pricing::{AgentTours, cheapest_tour};
use crate::candidates::Candidates;
use crate::config::SolverConfig;
use crate::lns::Incumbent;
use crate::prepare::Prepared;
use crate::progress::{Phase, Reporter};

/// Default work budget: pricing rounds (master LP solves).
const DEFAULT_ROUNDS: usize = 60;

/// Share of the remaining time kept after pricing for the schedules' exact queue assignment,
/// scoring and the best-response sweeps (measured: 0.2 / 0.8 / 5.6 s of sweeps at 200 / 1,000 /
/// 5,000 agents, against 0.5 / 3 / 15 s kept). The master MIP runs only when pricing ends
/// before that (converged or out of rounds): with HiGHS's log on, at 200, 1,000 and 5,000 agents
/// the MIP never finished its root LP in the 40 % share it used to get (0 nodes, only its start
/// back; 127 s on a 92.5 s limit at 5,000), so that time goes to pricing.
const POST_RESERVE: f64 = 0.05;

/// Share of the time left after pricing given to the MIP: the rest is kept for concrete
/// breaks, the exact queue assignment and scoring of the candidate schedules.
const POST_SHARE: f64 = 0.8;

/// Wentges smoothing: pricing runs at `ALPHA * center + (1 - ALPHA) * LP duals`, where the
/// center is the dual vector of the best Lagrangian bound so far; when no tour priced there
/// improves the master (mispricing), the round prices again at the LP duals. Measured at
/// 200 x 7 after 10 rounds: bound 105.7k (0.0), 109.0k (0.5), 111.2k (0.8).
const ALPHA: f64 = 0.8;

/// How many of the last master LP solutions are rounded into schedules.
const ROUNDINGS: usize = 3;

/// Relative tolerance of convergence (LP value against the Lagrangian bound).
const CONVERGED: f64 = 1e-6;

/// Dedup key of a tour: agent, shifts, break starts.
type TourKey = (usize, Vec<usize>, Vec<usize>);

fn key(t: &Tour) -> TourKey {
    let starts = t.breaks.iter().flatten().map(|b| b.start).collect();
    (t.agent, t.shifts.clone(), starts)
}

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
    let reserve = remaining() * POST_RESERVE;
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
    let mut seen: HashSet<TourKey> = HashSet::new();
    let mut chosen = Vec::with_capacity(agents.len());
    for (a, t) in agents.iter().enumerate() {
        let mut shifts = Vec::new();
        let mut breaks = Vec::new();
        for s in &inc.plan.shifts[a] {
            let Some(ci) = cands.index_of(&s.cand) else {
                return out;
            };
            shifts.push(ci);
            breaks.push(if s.cand.locked.is_some() {
                Vec::new()
            } else {
                s.breaks.clone()
            });
        }
        let tour = Tour {
            agent: a,
            cost: t.tour_cost(prep, cands, &shifts),
            shifts,
            breaks,
        };
        seen.insert(key(&tour));
        chosen.push(pool.len());
        pool.push(tour);
    }
    let mut patterns = Patterns::default();
    let Some(mut lp) = structure.model(&pool, &mut patterns, false) else {
        return out;
    };
    let budget = if config.pricing_rounds == 0 {
        DEFAULT_ROUNDS
    } else {
        config.pricing_rounds
    };
    let mut bound: Option<f64> = None;
    let mut center: Option<Vec<f64>> = None;
    // The last few master LP solutions: each is rounded and scored (roundings of consecutive
    // LPs differ by about 2 % at 1,000 agents, so the best of several is kept).
    let mut recent: VecDeque<Vec<f64>> = VecDeque::with_capacity(ROUNDINGS);
    while out.rounds < budget && remaining() > reserve {
        let Some(sol) = lp.solve_lp(config.threads, remaining() - reserve) else {
            break;
        };
        out.rounds += 1;
        let mut pi_lp = sol.duals;
        structure.project(&mut pi_lp);
        let scale = sol.objective.abs().max(1.0);
        if recent.len() == ROUNDINGS {
            recent.pop_front();
        }
        recent.push_back(sol.values);
        let mut alpha = if center.is_some() { ALPHA } else { 0.0 };
        let mut added = 0;
        loop {
            let pi: Vec<f64> = match &center {
                Some(c) if alpha > 0.0 => c
                    .iter()
                    .zip(&pi_lp)
                    .map(|(c, l)| alpha * c + (1.0 - alpha) * l)
                    .collect(),
                _ => pi_lp.clone(),
            };
            let (tours, lagrange) = price(prep, cands, &structure, &agents, &pi);
            if let Some(l) = lagrange
                && bound.is_none_or(|b| l > b)
            {
                bound = Some(l);
                center = Some(pi);
            }
            for tour in tours {
                let rc = structure.reduced_cost(&tour, &pi_lp);
                if rc < -1e-7 * scale && seen.insert(key(&tour)) {
                    if lp
                        .add_tour(&structure, &mut patterns, &tour, pool.len(), false)
                        .is_none()
                    {
                        return out;
                    }
                    pool.push(tour);
                    added += 1;
                }
            }
            if added > 0 || alpha == 0.0 {
                break;
            }
            // Mispricing: nothing improves the master at the smoothed duals; price exactly.
            alpha = 0.0;
        }
        reporter.report(
            Phase::Bound,
            (out.rounds, budget),
            Some(inc.objective()),
            bound,
        );
        if added == 0 || bound.is_some_and(|b| sol.objective - b <= CONVERGED * scale) {
            out.converged = true;
            break;
        }
    }
    out.bound = bound;
    out.columns = lp.columns();
    for values in recent.iter().rev() {
        out.plans
            .push(pick(prep, cands, &structure, &pool, lp.cols(), values));
    }
    drop(lp);
    if !out.converged && out.rounds < budget {
        return out;
    }

    reporter.report(Phase::Improve, (0, 1), Some(inc.objective()), bound);
    let Some(mip) = structure.model(&pool, &mut patterns, true) else {
        return out;
    };
    let start = structure.start(prep, &inc.asg, &pool, &chosen, &patterns, &mip);
    let cols = mip.cols().to_vec();
    let Some(sol) = mip.solve_mip(
        config.threads,
        (remaining() * POST_SHARE).max(0.5),
        config.gap,
        Some(&start),
    ) else {
        return out;
    };
    out.plans
        .push(pick(prep, cands, &structure, &pool, &cols, &sol.values));
    out
}

/// Prices every agent at row duals `pi`: each agent's cheapest tour over ALL its tours (with the
/// best break placement), and the Lagrangian bound at `pi` (`None` when an agent has no tour).
pub(super) fn price(
    prep: &Prepared<'_>,
    cands: &Candidates,
    structure: &Structure,
    agents: &[AgentTours],
    pi: &[f64],
) -> (Vec<Tour>, Option<f64>) {
    let prices = structure.price_classes(pi);
    let dual_of = |ci: usize| {
        structure
            .class_of
            .get(ci)
            .and_then(|&k| prices.get(k as usize))
            .map_or(0.0, |p| p.value)
    };
    let priced: Vec<Option<(Vec<usize>, f64)>> = agents
        .par_iter()
        .map(|t| cheapest_tour(prep, cands, t, dual_of))
        .collect();
    let mut lagrange = Some(structure.lagrangian_constant(pi));
    let mut tours = Vec::with_capacity(priced.len());
    for (a, p) in priced.into_iter().enumerate() {
        let Some((shifts, weighted)) = p else {
            lagrange = None;
            continue;
        };
        lagrange = lagrange.map(|l| l + weighted);
        let cost = agents[a].tour_cost(prep, cands, &shifts);
        tours.push(structure.tour(a, shifts, &prices, cost));
    }
    (tours, lagrange.filter(|l| l.is_finite()))
}

/// The schedule of a master solution (LP or MIP): each agent works its tour of largest weight
/// (the first on ties; every agent has at least its incumbent tour in the pool).
fn pick(
    prep: &Prepared<'_>,
    cands: &Candidates,
    structure: &Structure,
    pool: &[Tour],
    cols: &[ColRef],
    values: &[f64],
) -> crate::plan::Plan {
    let mut best: Vec<Option<(usize, f64)>> = vec![None; prep.agents.len()];
    for (c, &v) in cols.iter().zip(values) {
        let ColRef::Tour(j) = *c else {
            continue;
        };
        let Some(tour) = pool.get(j) else {
            continue;
        };
        if best[tour.agent].is_none_or(|(_, b)| v > b + 1e-9) {
            best[tour.agent] = Some((j, v));
        }
    }
    let chosen: Vec<usize> = best.into_iter().flatten().map(|(j, _)| j).collect();
    plan_of(prep, cands, structure, pool, &chosen)
}
