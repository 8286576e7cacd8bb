//! Helpers shared by the crate's unit tests.

use crate::generate::{GeneratorConfig, generate};
use crate::problem::Problem;
use crate::{Backend, Result, SolverConfig, Strategy};

/// A generated problem on an hourly grid.
pub(crate) fn hourly(seed: u64, agents: usize, days: u32, queues: usize) -> Result<Problem> {
    generate(
        &GeneratorConfig::default()
            .agents(agents)
            .days(days)
            .interval_minutes(60)
            .queues(queues)
            .seed(seed),
    )
}

/// The exact monolithic MILP on microlp at gap 0 with the Lagrangian off: its `Optimal` is
/// proven by the MILP alone.
pub(crate) fn exact_microlp() -> SolverConfig {
    SolverConfig::default()
        .backend(Backend::Microlp)
        .strategy(Strategy::Monolithic)
        .gap(0.0)
        .time_limit_seconds(20.0)
        .lagrange_iterations(0)
}
