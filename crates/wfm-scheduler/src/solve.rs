//! `solve`: split into independent groups, construct, improve with the MILP, place breaks, assign queues.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assemble::assemble;
use crate::candidates::Candidates;
use crate::config::{SolverConfig, Strategy};
use crate::greedy;
use crate::lagrange::Lagrangian;
use crate::lns::{self, Incumbent};
use crate::milp::{self, Scope};
use crate::prepare::Prepared;
use crate::problem::Problem;
use crate::progress::{Phase, Reporter};
use crate::schedule::{Schedule, SolverStats, Status};
use crate::sweep;
use crate::{Error, Result};

/// Most best-response sweeps per call of `sweep::improve`.
const SWEEPS: usize = 20;

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
    let deadline = started + Duration::from_secs_f64(config.time_limit_seconds.min(1e9));
    let parts = split(problem);
    let reporter = |subproblem| Reporter {
        callback: config.progress.clone(),
        subproblem,
        subproblems: parts.len().max(1),
    };
    if parts.len() <= 1 {
        let mut s = solve_one(problem, config, deadline, &reporter(0))?;
        s.stats.seconds = started.elapsed().as_secs_f64();
        return Ok(s);
    }
    let results: Vec<Result<Schedule>> = parts
        .par_iter()
        .enumerate()
        .map(|(i, sub)| solve_one(sub, config, deadline, &reporter(i)))
        .collect();
    let mut schedules = Vec::with_capacity(results.len());
    for r in results {
        schedules.push(r?);
    }
    Ok(merge(problem, schedules, started.elapsed().as_secs_f64()))
}

/// Whether the sub-problem is small enough for one MILP under `config`.
fn monolithic(config: &SolverConfig, cands: &Candidates, feasible: bool) -> bool {
    let columns = cands.list.iter().filter(|c| c.locked.is_none()).count();
    match config.strategy {
        Strategy::Monolithic => true,
        Strategy::Decomposed => !feasible,
        Strategy::Auto => !feasible || columns <= config.monolithic_columns,
    }
}

fn solve_one(
    problem: &Problem,
    config: &SolverConfig,
    deadline: Instant,
    reporter: &Reporter,
) -> Result<Schedule> {
    let prep = Prepared::new(problem)?;
    let cands = Candidates::new(&prep);
    let (plan, shortfalls) = greedy::construct(&prep, &cands);
    let mut inc = Incumbent::new(&prep, plan.clone());
    inc.offer(Incumbent::new(&prep, greedy::improve_breaks(&prep, &plan)));
    let mut feasible = shortfalls.is_empty();
    reporter.report(
        Phase::Construct,
        (1, 1),
        feasible.then(|| inc.objective()),
        None,
    );
    let mut status = Status::Heuristic;
    let mut bound = None;
    let (mut columns, mut rows, mut neighbourhoods) = (0, 0, 0);
    let mut solver = "none".to_owned();
    let remaining = || {
        deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
    };
    // Lagrangian bound, first half: before the search, so a bound exists even when the time
    // limit ends the search (at most a quarter of the time left). Not before column
    // generation, which would lose that time (measured at 1,000 agents: gap 10.0 % without
    // this phase, 14.3 % with it); there the whole budget runs beside it on the idle core.
    let mut lagrangian = (config.lagrange_iterations > 0).then(|| Lagrangian::new(&prep, &cands));
    let colgen_runs = config.use_milp
        && config.column_generation
        && config.backend == crate::Backend::Highs
        && config.backend.is_available()
        && !monolithic(config, &cands, feasible);
    if let Some(l) = lagrangian.as_mut().filter(|_| feasible && !colgen_runs) {
        reporter.report(Phase::Bound, (0, 1), Some(inc.objective()), None);
        let cap = Instant::now() + Duration::from_secs_f64(remaining() / 4.0);
        let half = config.lagrange_iterations.div_ceil(2);
        l.run(
            &prep,
            &cands,
            inc.objective(),
            half,
            cap.min(deadline),
            None,
        );
        reporter.report(Phase::Bound, (1, 1), Some(inc.objective()), l.bound());
    }
    let lagrange_bound = lagrangian.as_ref().and_then(Lagrangian::bound);
    if config.use_milp && monolithic(config, &cands, feasible) {
        solver = config.backend.name().to_owned();
        reporter.report(
            Phase::Monolithic,
            (0, 1),
            feasible.then(|| inc.objective()),
            None,
        );
        let start = feasible.then_some((&inc.plan, &inc.asg));
        let r = milp::solve(
            &prep,
            &cands,
            config,
            start,
            Scope::default(),
            remaining().max(1.0),
        );
        (columns, rows, neighbourhoods) = (r.columns, r.rows, 1);
        bound = r.bound;
        if let Some(mplan) = r.plan {
            let was_feasible = feasible;
            let improved = if was_feasible {
                inc.offer_plan(&prep, mplan)
            } else {
                inc = Incumbent::new(&prep, mplan.clone());
                inc.offer_plan(&prep, mplan);
                feasible = true;
                true
            };
            // Optimal only when the schedule itself attains the proven bound (a check, not a
            // trust: the model is exact, see `milp::build`, and this keeps the claim honest).
            if r.proven && within_gap(inc.objective(), bound, config.gap) {
                status = Status::Optimal;
            } else if improved {
                status = Status::Feasible;
            }
        } else if r.infeasible {
            let (a, week) = shortfalls.first().copied().unwrap_or((0, 0));
            return Err(infeasible(&prep, a, week));
        }
    } else if let Some(cg) = column_generation(
        &prep,
        &cands,
        config,
        &inc,
        deadline,
        reporter,
        lagrangian.as_mut().filter(|_| feasible),
    ) {
        solver = config.backend.name().to_owned();
        (columns, rows, neighbourhoods) = (cg.columns, cg.rows, cg.rounds);
        bound = cg.bound;
        // The best of these is improved by the final best-response sweeps below.
        for plan in cg.plans {
            if inc.offer_plan(&prep, plan) {
                status = Status::Feasible;
            }
        }
        if within_gap(inc.objective(), bound, config.gap) {
            status = Status::Optimal;
        }
    } else if config.use_milp {
        solver = config.backend.name().to_owned();
        if config.lp_bound {
            reporter.report(Phase::Bound, (0, 1), Some(inc.objective()), None);
            // At most a third of the time: the bound must not starve the search.
            bound = milp::lp_bound(&prep, &cands, config, remaining() / 3.0);
        }
        bound = best_bound(bound, lagrange_bound);
        // The neighbourhoods start from the sweeps' local optimum (30x7 fixture: 26,745 -> 24,146
        // in 0.03 s), and the sweeps run again on the search's result below.
        sweep::improve(&prep, &cands, &mut inc, SWEEPS, deadline, (reporter, bound));
        let before = inc.objective();
        let st = lns::search(&prep, &cands, config, &mut inc, bound, deadline, reporter);
        (columns, rows, neighbourhoods) = (st.columns, st.rows, st.neighbourhoods);
        if inc.objective() < before {
            status = Status::Feasible;
        }
        if within_gap(inc.objective(), bound, config.gap) {
            status = Status::Optimal;
        }
    }
    if !feasible {
        let (a, week) = shortfalls.first().copied().unwrap_or((0, 0));
        return Err(infeasible(&prep, a, week));
    }
    // Best-response sweeps on the final schedule of every path that did not prove it optimal
    // (30x7 fixture after the neighbourhood search: 23,398 -> 23,087; after column generation
    // at 1,000 x 7: 676,687 -> 658,953 in 4 sweeps, 0.8 s).
    // The status is unchanged: a heuristic schedule stays `Heuristic`.
    if status != Status::Optimal {
        let known = best_bound(bound, lagrangian.as_ref().and_then(Lagrangian::bound));
        sweep::improve(&prep, &cands, &mut inc, SWEEPS, deadline, (reporter, known));
    }
    // Lagrangian bound, second half: against the final schedule, in the time left.
    if let Some(l) = lagrangian.as_mut()
        && !within_gap(inc.objective(), best_bound(bound, l.bound()), config.gap)
    {
        let rest = config.lagrange_iterations.saturating_sub(l.iterations());
        l.run(&prep, &cands, inc.objective(), rest, deadline, None);
    }
    // Every bound here is valid for the whole sub-problem: report the best, and call the
    // schedule optimal only when it is within the gap of it.
    bound = best_bound(bound, lagrangian.as_ref().and_then(Lagrangian::bound));
    if within_gap(inc.objective(), bound, config.gap) {
        status = Status::Optimal;
    }
    let objective = inc.objective();
    let bound = bound.map(|b: f64| b.min(objective));
    let gap = bound.map(|b| (objective - b).max(0.0) / objective.abs().max(1.0));
    reporter.report(Phase::Done, (1, 1), Some(objective), bound);
    let stats = SolverStats {
        status,
        solver,
        objective,
        bound,
        gap,
        seconds: 0.0,
        columns,
        rows,
        subproblems: 1,
        neighbourhoods,
    };
    Ok(assemble(&prep, &inc.plan, &inc.asg, &inc.score, stats))
}

/// Column generation over weekly tours when it applies (HiGHS, MILP and column generation on),
/// with the subgradient Lagrangian `lagrangian` (when given) running on another thread
/// meanwhile for [`LAGRANGE_SHARE`] of the time left (or until column generation returns),
/// however many iterations that is. HiGHS
/// solves each master LP on one thread while the second core would idle. Measured at 200 x 7
/// with a 10 s limit: the Lagrangian reaches 122.5 k beside column generation, column
/// generation's own bound 116.9 k; at 1,000 x 7 (60 s) 648.1 k against 634.4 k (see the
/// README). Capped at the 200-iteration budget instead, it reached 122.3 k and 645.6 k.
#[cfg(feature = "highs")]
fn column_generation(
    prep: &Prepared<'_>,
    cands: &Candidates,
    config: &SolverConfig,
    inc: &Incumbent,
    deadline: Instant,
    reporter: &Reporter,
    lagrangian: Option<&mut Lagrangian>,
) -> Option<crate::colgen::Outcome> {
    if !(config.use_milp && config.column_generation && config.backend == crate::Backend::Highs) {
        return None;
    }
    let target = inc.objective();
    // The core is idle otherwise: the time share bounds this run, not the iteration budget.
    let iterations = usize::MAX;
    let until = Instant::now()
        + deadline
            .saturating_duration_since(Instant::now())
            .mul_f64(LAGRANGE_SHARE);
    // Set when column generation returns: the Lagrangian then ends with its current iteration
    // instead of holding the solve until its share of a long time limit has passed.
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        if let Some(l) = lagrangian {
            // On one worker of its own, so that it takes the idle core and not HiGHS's.
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
            let done = &done;
            s.spawn(move || {
                let mut run = || l.run(prep, cands, target, iterations, until, Some(done));
                match pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                }
            });
        }
        let outcome = crate::colgen::solve(prep, cands, config, inc, deadline, reporter);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        Some(outcome)
    })
}

#[cfg(not(feature = "highs"))]
fn column_generation(
    _: &Prepared<'_>,
    _: &Candidates,
    _: &SolverConfig,
    _: &Incumbent,
    _: Instant,
    _: &Reporter,
    _: Option<&mut Lagrangian>,
) -> Option<crate::colgen::Outcome> {
    None
}

/// Share of the time left that the Lagrangian may run beside column generation (the rest is
/// for scoring and the sweeps).
#[cfg(feature = "highs")]
const LAGRANGE_SHARE: f64 = 0.9;

/// The larger of two optional valid lower bounds.
fn best_bound(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// Whether `objective` is within the relative `gap` (plus rounding) of a valid lower `bound`.
fn within_gap(objective: f64, bound: Option<f64>, gap: f64) -> bool {
    let scale = objective.abs().max(1.0);
    bound.is_some_and(|b| objective - b <= gap * scale + 1e-6 * scale)
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
            neighbourhoods: 0,
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
        st.neighbourhoods += s.stats.neighbourhoods;
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
