//! A Lagrangian lower bound that needs no LP solver (issues 5 and 6).
//!
//! Relax the link between each (interval, queue) head count and the agents serving it,
//! `n[t,q] = sum_a s[a,t,q]`, with free multipliers `lambda[t,q]`. The objective then splits:
//!
//! ```text
//! L(lambda) = sum_{t,q} min_{n in 0..=N[t,q]} ( pen[t,q](n) + lambda[t,q] n )
//!           + sum_a min_{tour of a} ( cost(tour) - sum_{productive t of tour} max_{q skilled} (lambda[t,q] - rank_cost(q)) )
//! ```
//!
//! - `pen` is the exact per-cell penalty `assign::score` charges (under-staffing times queue
//!   priority, over-staffing, minimum-staffing shortfall, all times the interval's hours) at
//!   integer head counts, `N` the number of agents who could serve the cell (`coverage`).
//! - An agent on shift at a productive interval serves exactly one skilled queue and pays the
//!   queue-preference penalty of its rank (`values`); breaks, lunches and fixed activities are
//!   not productive, and each candidate's breaks sit where they lose least, exactly.
//! - The tour minimum is the exact pricing dynamic program of column generation (every contract
//!   rule: lengths, starts, rest, weekly minutes, shifts per week, consecutive days, weekends,
//!   locked shifts), with the paid cost of the whole shift and the preference penalties.
//!
//! Every schedule is feasible for the relaxed problem with the same objective, so every
//! `L(lambda)` is a valid lower bound of the sub-problem's optimum; nothing the score charges
//! is left out or approximated from above. `subgradient` maximises `L` (Polyak steps towards
//! the incumbent's objective, step halving on stalls, an iteration budget plus a time cap,
//! rayon over agents) and keeps the best value. Its maximum equals the LP bound of the tour
//! formulation with coverage penalties at integer breakpoints (the converged column-generation
//! master), which is at least the LP relaxation of the shift model of `milp::build`.

mod coverage;
mod subgradient;
mod values;

pub(crate) use subgradient::Lagrangian;

#[cfg(test)]
mod tests;
