//! Day-level rostering: assign shift types to employees per day under contract rules.
//!
//! This is the agent-assignment stage of the scheduler: shift types per day with cover
//! targets (under/over weights), shift on/off requests, and per-employee hard rules (days
//! off, forbidden successions, per-type maxima, total minutes, consecutive work and rest
//! runs, weekends). The model matches the Curtois & Qu employee scheduling benchmark
//! (schedulingbenchmarks.org, instances 1-24), which [`parse_curtois`] reads.
//!
//! - [`RosterProblem`]: the problem, validated by [`RosterProblem::validate`].
//! - [`solve_roster`]: constructive start, MILP (microlp or HiGHS), simulated annealing.
//! - [`evaluate`]: an independent recomputation of the objective and every hard rule.
//!
//! # Example
//!
//! ```
//! use wfm_scheduler::roster::{evaluate, parse_curtois, solve_roster, RosterBackend, RosterConfig};
//! let text = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,2400,1440,5,2,2,1\n\
//!             SECTION_SHIFT_OFF_REQUESTS\nA,0,D,3\nSECTION_COVER\n0,D,1,100,1\n1,D,1,100,1\n";
//! let problem = parse_curtois(text)?;
//! let solution = solve_roster(&problem, &RosterConfig::default().backend(RosterBackend::Microlp))?;
//! let check = evaluate(&problem, &solution.roster)?;
//! assert!(check.violations.is_empty());
//! assert_eq!(check.objective, solution.objective);
//! assert_eq!(solution.objective, 3); // day 0 needs A (100) or costs A's request (3)
//! # Ok::<(), wfm_scheduler::roster::RosterError>(())
//! ```

mod anneal;
mod backend;
#[cfg(feature = "highs")]
mod colgen;
#[cfg(feature = "highs")]
mod colgen_master;
mod completion;
mod construct;
mod error;
mod evaluate;
mod lns;
mod milp;
mod parse;
#[cfg_attr(
    not(any(feature = "highs", test)),
    expect(dead_code, reason = "the pricing serves the HiGHS column generation")
)]
mod pricing;
mod problem;
#[expect(
    clippy::module_inception,
    reason = "the roster type lives in roster::roster"
)]
mod roster;
mod rules;
mod runs;
mod solve;

pub use error::RosterError;
pub use evaluate::{RosterEvaluation, RosterViolation, evaluate};
pub use parse::parse_curtois;
pub use problem::{CoverTarget, Employee, RosterProblem, ShiftRequest, ShiftType};
pub use roster::Roster;
pub use solve::{RosterBackend, RosterConfig, RosterSolution, RosterStatus, solve_roster};

#[cfg(test)]
mod tests;
