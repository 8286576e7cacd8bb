//! Column generation over weekly tours (HiGHS): the restricted master LP (`master`) is kept in
//! one `highs::Model` (interior point, no crossover) while the exact tour pricing (`pricing`)
//! adds, per round, each agent's cheapest tour WITH its best break placement when its reduced
//! cost is negative; the last master LP is rounded, and when pricing ends early (converged or
//! out of rounds) the master over every generated tour is also solved as a MIP from the
//! incumbent. Pricing runs at Wentges-smoothed duals (a convex combination of the best duals so
//! far and the LP's), falling back to the LP duals when the smoothed ones price nothing new.
//!
//! Lower bound (Lagrangian, at any duals): dualise every row but the convexity rows; then
//! `sum_r pi_r b_r + sum_j min(0, rc_j) u_j` over the tour-independent columns (each bounded by
//! `u_j` in some optimal schedule) plus each agent's least `cost - pi A` over ALL its tours is
//! a valid lower bound of the full problem. The pricing dynamic program is exact (it enumerates
//! every tour the contract rules allow, by dominance only) and the break placement per shift
//! class is exact (break windows are ordered and spaced), so the bound holds for the whole
//! problem, not just the generated columns; it is computed at every priced dual vector and the
//! best one is kept. At convergence it equals the master LP value, which is at least the LP
//! relaxation of the shift-based model of `milp::build`.

#[cfg(feature = "highs")]
mod master;
pub(crate) mod pricing;

#[cfg(feature = "highs")]
mod driver;

#[cfg(feature = "highs")]
pub(crate) use driver::solve;

#[cfg(all(test, feature = "highs"))]
mod tests;

use crate::plan::Plan;

/// What column generation produced.
#[cfg_attr(not(feature = "highs"), allow(dead_code))]
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    /// Schedules (every agent) from rounding the last few master LPs and from the master MIP.
    pub(crate) plans: Vec<Plan>,
    /// Valid lower bound on the full objective.
    pub(crate) bound: Option<f64>,
    /// Pricing rounds run, and whether the last one found no improving tour.
    pub(crate) rounds: usize,
    pub(crate) converged: bool,
    pub(crate) columns: usize,
    pub(crate) rows: usize,
}
