//! Column generation over weekly tours (HiGHS): the restricted master LP (`master`) is kept warm
//! in one `highs::Model` while the exact tour pricing (`pricing`) adds, per round, each agent's
//! cheapest tour under the row duals when its reduced cost is negative; then the master over
//! every generated tour is solved as a MIP from the incumbent, and the breaks its class counts
//! choose are handed out to the class members.
//!
//! Lower bound: with duals `(pi, mu)` of an optimal restricted master of value `z`, every
//! schedule costs at least `z + sum_a min(0, rc_a)` where `rc_a` is agent `a`'s least reduced
//! cost over ALL its rule-respecting tours (Lagrangian / Lasdon bound; each agent works exactly
//! one tour). The pricing dynamic program is exact (it enumerates every tour the contract rules
//! allow, by dominance only), so the bound is valid for the full problem, not just the generated
//! columns; at convergence (no negative reduced cost) it equals the master LP value, which is at
//! least the LP relaxation of the shift-based model of `milp::build`.

#[cfg(feature = "highs")]
mod master;
#[cfg_attr(not(feature = "highs"), allow(dead_code))]
pub(crate) mod pricing;

#[cfg(feature = "highs")]
mod driver;

#[cfg(feature = "highs")]
pub(crate) use driver::solve;

use crate::plan::Plan;

/// What column generation produced.
#[cfg_attr(not(feature = "highs"), allow(dead_code))]
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    /// Schedules (every agent) from rounding the last master LP and from the master MIP.
    pub(crate) plans: Vec<Plan>,
    /// Valid lower bound on the full objective.
    pub(crate) bound: Option<f64>,
    /// Pricing rounds run, and whether the last one found no improving tour.
    pub(crate) rounds: usize,
    pub(crate) converged: bool,
    pub(crate) columns: usize,
    pub(crate) rows: usize,
}
