//! Backends: microlp through good_lp, and HiGHS through `highs::Model` (for its gap and bound).
//! Objective values and bounds here exclude the model's constant term.

use good_lp::SolverModel;

use super::RawSolution;
use super::build::Built;
use crate::config::{Backend, SolverConfig};

pub(crate) enum Failure {
    Infeasible,
    /// No solution (time limit, numerical trouble); the message is kept for debugging.
    Other(#[allow(dead_code)] String),
}

pub(crate) fn run(
    built: Built,
    config: &SolverConfig,
    time_limit: f64,
) -> Result<RawSolution, Failure> {
    match config.backend {
        Backend::Microlp => microlp(built, config, time_limit),
        Backend::Highs => highs(built, config, time_limit),
    }
}

#[cfg(feature = "microlp")]
fn microlp(built: Built, config: &SolverConfig, time_limit: f64) -> Result<RawSolution, Failure> {
    use good_lp::{ResolutionError, Solution, WithInitialSolution, WithMipGap, WithTimeLimit};
    let Built {
        vars,
        columns,
        start,
        objective,
        constraints,
        ..
    } = built;
    let gap = config.gap as f32;
    // microlp asserts on internal invariants; a panic there must not reach the caller.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let model = vars
            .minimise(objective)
            .using(good_lp::microlp)
            .with_time_limit(time_limit.max(0.01));
        let mut model = model
            .with_mip_gap(gap)
            .map_err(|e| Failure::Other(e.to_string()))?;
        if let Some(s) = start {
            model = model.with_initial_solution(columns.iter().copied().zip(s));
        }
        for c in constraints {
            model.add_constraint(c);
        }
        match model.solve() {
            Ok(sol) => {
                let values: Vec<f64> = columns.iter().map(|&v| sol.value(v)).collect();
                let proven = matches!(
                    sol.status(),
                    good_lp::SolutionStatus::Optimal | good_lp::SolutionStatus::GapLimit
                );
                let inner = sol.into_inner();
                let stats = inner.stats();
                Ok(RawSolution {
                    values,
                    proven,
                    bound: stats.best_bound,
                    objective: inner.objective(),
                })
            }
            Err(ResolutionError::Infeasible) => Err(Failure::Infeasible),
            Err(e) => Err(Failure::Other(e.to_string())),
        }
    }));
    result.unwrap_or_else(|_| Err(Failure::Other("microlp panicked".into())))
}

#[cfg(not(feature = "microlp"))]
fn microlp(_: Built, _: &SolverConfig, _: f64) -> Result<RawSolution, Failure> {
    Err(Failure::Other("microlp feature disabled".into()))
}

#[cfg(feature = "highs")]
fn highs(built: Built, config: &SolverConfig, time_limit: f64) -> Result<RawSolution, Failure> {
    use highs::HighsModelStatus as S;
    let Built {
        vars,
        columns,
        start,
        objective,
        constraints,
        ..
    } = built;
    let mut problem = vars.minimise(objective).using(good_lp::highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut model = problem.into_inner();
    model.make_quiet();
    let _ = model.try_set_option("time_limit", time_limit.max(0.01));
    let _ = model.try_set_option("mip_rel_gap", config.gap);
    let _ = model.try_set_option("threads", config.threads.max(1) as i32);
    let _ = model.try_set_option("random_seed", 0);
    if let Some(s) = start.as_deref() {
        let _ = model.try_set_solution(Some(s), None, None, None);
    }
    let solved = model
        .try_solve()
        .map_err(|e| Failure::Other(format!("highs: {e:?}")))?;
    let status = solved.status();
    if matches!(status, S::Infeasible) {
        return Err(Failure::Infeasible);
    }
    let values = solved.get_solution().columns().to_vec();
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    if values.len() != columns.len() || !has_solution {
        return Err(Failure::Other(format!(
            "highs returned no feasible solution (status {status:?})"
        )));
    }
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    let proven = matches!(status, S::Optimal);
    Ok(RawSolution {
        objective: solved.objective_value(),
        values,
        proven,
        bound,
    })
}

#[cfg(not(feature = "highs"))]
fn highs(_: Built, _: &SolverConfig, _: f64) -> Result<RawSolution, Failure> {
    Err(Failure::Other("highs feature disabled".into()))
}
