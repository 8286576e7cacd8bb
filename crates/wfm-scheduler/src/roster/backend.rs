//! Runs a built [`Model`] on a MILP backend: microlp (pure Rust) or HiGHS.

use std::time::Duration;

use good_lp::{ResolutionError, Solution, SolutionStatus, SolverModel, WithTimeLimit};

use super::milp::Model;
use super::{RosterBackend, RosterError};

/// What a backend returned.
#[derive(Debug)]
pub(crate) struct MilpOutcome {
    /// Column values of the best solution found, if any.
    pub(crate) values: Option<Vec<f64>>,
    /// The solution is proven optimal (within the requested gap).
    pub(crate) optimal: bool,
    /// Dual bound on the model objective (without the model's constant), if known.
    pub(crate) bound: Option<f64>,
}

/// How long and how far one MILP solve may go.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(
    not(feature = "highs"),
    expect(
        dead_code,
        reason = "gap, threads and first-solution stops are HiGHS options"
    )
)]
pub(crate) struct MilpLimits {
    /// Wall-clock limit.
    pub(crate) time: Duration,
    /// Relative gap at which to stop.
    pub(crate) gap: f64,
    /// Solver threads (HiGHS).
    pub(crate) threads: u32,
    /// Stop at the first solution found (HiGHS; feasibility searches).
    pub(crate) first_solution: bool,
}

/// Solves `model` with `backend` within `limits`.
pub(crate) fn solve_model(
    model: Model,
    backend: RosterBackend,
    limits: MilpLimits,
) -> Result<MilpOutcome, RosterError> {
    match backend {
        RosterBackend::Microlp => solve_microlp(model, limits.time),
        RosterBackend::Highs => solve_highs(model, limits),
    }
}

fn solve_microlp(model: Model, limit: Duration) -> Result<MilpOutcome, RosterError> {
    let Model {
        vars,
        objective,
        constraints,
        cells,
        start,
        ..
    } = model;
    let mut problem = vars
        .minimise(objective)
        .using(good_lp::microlp)
        .with_time_limit(limit.as_secs_f64().max(0.001));
    for c in constraints {
        problem.add_constraint(c);
    }
    match problem.solve() {
        Ok(solution) => {
            let mut values = vec![0.0; start.len()];
            for cell in &cells {
                values[cell.column] = solution.value(cell.var);
            }
            Ok(MilpOutcome {
                values: Some(values),
                // A time limit with an incumbent also comes back as `Ok`: only `Optimal` proves.
                optimal: matches!(solution.status(), SolutionStatus::Optimal),
                bound: None,
            })
        }
        // Interrupted by the time limit before proving anything: no values.
        Err(ResolutionError::Other(_)) => Ok(MilpOutcome {
            values: None,
            optimal: false,
            bound: None,
        }),
        Err(e) => Err(RosterError::Solver {
            backend: "microlp",
            message: e.to_string(),
        }),
    }
}

#[cfg(feature = "highs")]
fn solve_highs(model: Model, limits: MilpLimits) -> Result<MilpOutcome, RosterError> {
    use highs::{HighsModelStatus, HighsSolutionStatus};
    let fail = |message: String| RosterError::Solver {
        backend: "highs",
        message,
    };
    let Model {
        vars,
        objective,
        constraints,
        start,
        ..
    } = model;
    let mut problem = vars
        .minimise(objective)
        .using(good_lp::solvers::highs::highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut inner = problem.try_into_inner().map_err(|e| fail(e.to_string()))?;
    inner.make_quiet();
    // Objectives are integers: an absolute gap below 1 proves optimality.
    let MilpLimits {
        time: limit,
        gap,
        threads,
        first_solution,
    } = limits;
    let options: [(&str, highs_value::Value); 7] = [
        ("mip_abs_gap", highs_value::Value::F(0.99)),
        (
            "time_limit",
            highs_value::Value::F(limit.as_secs_f64().max(0.001)),
        ),
        ("mip_rel_gap", highs_value::Value::F(gap)),
        (
            "threads",
            highs_value::Value::I(i32::try_from(threads.max(1)).unwrap_or(1)),
        ),
        ("random_seed", highs_value::Value::I(0)),
        ("output_flag", highs_value::Value::B(false)),
        (
            "mip_max_improving_sols",
            highs_value::Value::I(if first_solution { 1 } else { i32::MAX }),
        ),
    ];
    for (name, value) in options {
        let r = match value {
            highs_value::Value::F(v) => inner.try_set_option(name, v),
            highs_value::Value::I(v) => inner.try_set_option(name, v),
            highs_value::Value::B(v) => inner.try_set_option(name, v),
        };
        r.map_err(|e| fail(format!("option {name}: {e:?}")))?;
    }
    // A start that HiGHS rejects only costs the warm start, not the solve.
    let _ = inner.try_set_solution(Some(&start), None, None, None);
    let solved = inner.try_solve().map_err(|e| fail(format!("{e:?}")))?;
    let status = solved.status();
    if matches!(
        status,
        HighsModelStatus::Infeasible
            | HighsModelStatus::UnboundedOrInfeasible
            | HighsModelStatus::Unbounded
    ) {
        return Err(fail(format!("model status {status:?}")));
    }
    let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    let values = feasible.then(|| solved.get_solution().columns().to_vec());
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    Ok(MilpOutcome {
        values,
        optimal: status == HighsModelStatus::Optimal && feasible,
        bound,
    })
}

#[cfg(feature = "highs")]
mod highs_value {
    /// An option value of one of the three HiGHS option kinds used here.
    pub(super) enum Value {
        F(f64),
        I(i32),
        B(bool),
    }
}

#[cfg(not(feature = "highs"))]
fn solve_highs(_model: Model, _limits: MilpLimits) -> Result<MilpOutcome, RosterError> {
    Err(RosterError::InvalidConfig {
        field: "backend",
        value: "highs (this build lacks the `highs` feature)".into(),
    })
}
