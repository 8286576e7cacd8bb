//! `solve`: split into independent groups, construct, improve with the MILP, place breaks, assign queues.

use std::time::Instant;

use rayon::prelude::*;

use crate::assemble::assemble;
use crate::assign::{assign, score};
use crate::candidates::Candidates;
use crate::config::SolverConfig;
use crate::greedy;
use crate::milp;
use crate::plan::Plan;
use crate::prepare::Prepared;
use crate::problem::Problem;
use crate::schedule::{Schedule, SolverStats, Status};
use crate::{Error, Result};

/// Generates a schedule: every hard rule holds, coverage is as close to the requirement as the
/// weights and the time limit allow. Deterministic for the same input and options.
///
/// Agents and queues that share no agent are solved as independent sub-problems in parallel.
/// Each one is first built by a rule-respecting constructive heuristic, then improved by the MILP
/// (warm-started from it); the better of the two is kept, so a schedule always comes back.
///
/// # Errors
///
/// Bad input gives the typed errors of [`Problem::check`]; hard rules no schedule can meet give
/// [`Error::Infeasible`] naming the agent, rule and time; an unavailable backend gives
/// [`Error::SolverUnavailable`].
///
/// # Example
///
/// ```
/// use wfm_scheduler::{generate, solve, validate, GeneratorConfig, SolverConfig};
/// let p = generate(&GeneratorConfig::default().agents(6).days(2).queues(2).seed(3))?;
/// let s = solve(&p, &SolverConfig::default().time_limit_seconds(10.0))?;
/// assert!(validate(&p, &s).is_empty());
/// assert!(s.stats.objective >= s.stats.bound.unwrap_or(f64::NEG_INFINITY) - 1e-6);
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn solve(problem: &Problem, config: &SolverConfig) -> Result<Schedule> {
    config.validate()?;
    problem.check()?;
    let started = Instant::now();
    let parts = split(problem);
    if parts.len() <= 1 {
        return solve_one(problem, config, config.time_limit_seconds, started);
    }
    let total_agents = problem.agents.len().max(1) as f64;
    let results: Vec<Result<Schedule>> = parts
        .par_iter()
        .map(|sub| {
            let share = (sub.agents.len() as f64 / total_agents * config.time_limit_seconds)
                .max(config.time_limit_seconds.min(1.0));
            solve_one(sub, config, share, Instant::now())
        })
        .collect();
    let mut schedules = Vec::with_capacity(results.len());
    for r in results {
        schedules.push(r?);
    }
    Ok(merge(problem, schedules, started.elapsed().as_secs_f64()))
}

fn solve_one(
    problem: &Problem,
    config: &SolverConfig,
    time_limit: f64,
    started: Instant,
) -> Result<Schedule> {
    let prep = Prepared::new(problem)?;
    let cands = Candidates::new(&prep);
    let (mut plan, shortfalls) = greedy::construct(&prep, &cands);
    let evaluate = |plan: &Plan| {
        let asg = assign(&prep, plan);
        let sc = score(&prep, plan, &asg);
        (asg, sc)
    };
    let improved = greedy::improve_breaks(&prep, &plan);
    let (mut asg, mut sc) = evaluate(&plan);
    let (asg2, sc2) = evaluate(&improved);
    if sc2.objective() < sc.objective() - 1e-9 {
        (plan, asg, sc) = (improved, asg2, sc2);
    }
    let mut feasible = shortfalls.is_empty();
    let mut status = Status::Heuristic;
    let mut bound = None;
    let mut columns = 0;
    let mut rows = 0;
    let mut solver = "none".to_owned();
    let remaining = time_limit - started.elapsed().as_secs_f64();
    if config.use_milp && (remaining > 0.0 || !feasible) {
        solver = config.backend.name().to_owned();
        let start = feasible.then_some((&plan, &asg));
        let r = milp::solve(&prep, &cands, config, start, remaining.max(1.0));
        columns = r.columns;
        rows = r.rows;
        bound = r.bound;
        if let Some(mplan) = r.plan {
            let better = greedy::improve_breaks(&prep, &mplan);
            let (ma, ms) = evaluate(&mplan);
            let (ba, bs) = evaluate(&better);
            let (mplan, ma, ms) = if bs.objective() < ms.objective() - 1e-9 {
                (better, ba, bs)
            } else {
                (mplan, ma, ms)
            };
            if !feasible || ms.objective() < sc.objective() - 1e-9 {
                (plan, asg, sc) = (mplan, ma, ms);
                feasible = true;
                status = if r.proven {
                    Status::Optimal
                } else {
                    Status::Feasible
                };
            } else if r.proven
                && bound.is_some_and(|b| sc.objective() <= b + 1e-6 * sc.objective().abs().max(1.0))
            {
                status = Status::Optimal;
            }
        } else if r.infeasible {
            let (a, week) = shortfalls.first().copied().unwrap_or((0, 0));
            return Err(infeasible(&prep, a, week));
        }
    }
    if !feasible {
        let (a, week) = shortfalls.first().copied().unwrap_or((0, 0));
        return Err(infeasible(&prep, a, week));
    }
    let objective = sc.objective();
    let bound = bound.map(|b: f64| b.min(objective));
    let gap = bound.map(|b| (objective - b).max(0.0) / objective.abs().max(1.0));
    let stats = SolverStats {
        status,
        solver,
        objective,
        bound,
        gap,
        seconds: started.elapsed().as_secs_f64(),
        columns,
        rows,
        subproblems: 1,
    };
    Ok(assemble(&prep, &plan, &asg, &sc, stats))
}

fn infeasible(prep: &Prepared<'_>, a: usize, week: usize) -> Error {
    let agent = prep
        .problem
        .agents
        .get(a)
        .map(|x| x.id.clone())
        .unwrap_or_default();
    let time = prep
        .cal
        .days
        .iter()
        .find(|d| d.week == week)
        .map_or(prep.cal.start, |d| prep.cal.instant(d.first));
    Error::Infeasible {
        agent,
        rule: "min_minutes_per_week".into(),
        time,
        detail: format!(
            "no shifts within availability, time off and contract rules reach the weekly minimum of week {week}"
        ),
    }
}

/// Splits into sub-problems that share no agent (union of queues served by a common agent).
fn split(problem: &Problem) -> Vec<Problem> {
    let nq = problem.queues.len();
    let mut parent: Vec<usize> = (0..nq).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let index: std::collections::HashMap<&str, usize> = problem
        .queues
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    for a in &problem.agents {
        let qs: Vec<usize> = a
            .queues
            .iter()
            .filter_map(|q| index.get(q.as_str()).copied())
            .collect();
        for w in qs.windows(2) {
            let (x, y) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            parent[x.max(y)] = x.min(y);
        }
    }
    let roots: Vec<usize> = (0..nq).map(|q| find(&mut parent, q)).collect();
    let mut distinct: Vec<usize> = roots.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 1 {
        return vec![problem.clone()];
    }
    distinct
        .iter()
        .map(|&r| {
            let mut sub = problem.clone();
            sub.queues = problem
                .queues
                .iter()
                .zip(&roots)
                .filter(|(_, x)| **x == r)
                .map(|(q, _)| q.clone())
                .collect();
            sub.agents = problem
                .agents
                .iter()
                .filter(|a| {
                    a.queues
                        .first()
                        .and_then(|q| index.get(q.as_str()))
                        .is_some_and(|&q| roots[q] == r)
                })
                .cloned()
                .collect();
            sub
        })
        .collect()
}

fn merge(problem: &Problem, parts: Vec<Schedule>, seconds: f64) -> Schedule {
    let mut out = Schedule {
        activities: Vec::new(),
        assignments: Vec::new(),
        coverage: Vec::new(),
        totals: Default::default(),
        objective: Default::default(),
        unmet_preferences: Vec::new(),
        stats: SolverStats {
            status: Status::Optimal,
            solver: "none".into(),
            objective: 0.0,
            bound: Some(0.0),
            gap: None,
            seconds,
            columns: 0,
            rows: 0,
            subproblems: parts.len(),
        },
    };
    let mut coverage = Vec::new();
    for s in parts {
        out.activities.extend(s.activities);
        out.assignments.extend(s.assignments);
        coverage.extend(s.coverage);
        let (t, o) = (&mut out.totals, &mut out.objective);
        t.shortfall_hours += s.totals.shortfall_hours;
        t.overstaffing_hours += s.totals.overstaffing_hours;
        t.min_staffing_shortfall_hours += s.totals.min_staffing_shortfall_hours;
        t.paid_hours += s.totals.paid_hours;
        t.cost += s.totals.cost;
        t.shifts += s.totals.shifts;
        o.understaffing += s.objective.understaffing;
        o.overstaffing += s.objective.overstaffing;
        o.min_staffing += s.objective.min_staffing;
        o.cost += s.objective.cost;
        o.queue_preference += s.objective.queue_preference;
        o.preferences += s.objective.preferences;
        o.total += s.objective.total;
        out.unmet_preferences.extend(s.unmet_preferences);
        let st = &mut out.stats;
        st.status = match (st.status, s.stats.status) {
            (Status::Heuristic, _) | (_, Status::Heuristic) => Status::Heuristic,
            (Status::Feasible, _) | (_, Status::Feasible) => Status::Feasible,
            _ => Status::Optimal,
        };
        if s.stats.solver != "none" {
            st.solver = s.stats.solver;
        }
        st.bound = st.bound.zip(s.stats.bound).map(|(a, b)| a + b);
        st.columns += s.stats.columns;
        st.rows += s.stats.rows;
    }
    // Coverage in the problem's queue order.
    out.coverage = problem
        .queues
        .iter()
        .filter_map(|q| {
            coverage
                .iter()
                .position(|c| c.queue_id == q.id)
                .map(|i| coverage[i].clone())
        })
        .collect();
    out.stats.objective = out.objective.total;
    out.stats.gap = out
        .stats
        .bound
        .map(|b| (out.stats.objective - b).max(0.0) / out.stats.objective.abs().max(1.0));
    out
}
