//! `wfm-scheduler`: shift, break and queue schedules for contact centers that honour every hard
//! rule, built by a constructive heuristic and improved by a sparse MILP (good_lp: microlp or
//! HiGHS), with an independent validator and planner workflows.
//!
//! ```
//! use wfm_scheduler::{generate, solve, validate, GeneratorConfig, SolverConfig};
//! let problem = generate(&GeneratorConfig::default().agents(8).days(2).seed(5))?;
//! let schedule = solve(&problem, &SolverConfig::default().time_limit_seconds(10.0))?;
//! assert!(validate(&problem, &schedule).is_empty());
//! # Ok::<(), wfm_scheduler::Error>(())
//! ```
//!
//! # Crate features
//!
//! - `microlp` (default): the pure-Rust MILP backend.
//! - `highs`: the HiGHS backend (C++ build; needs cmake and libclang), reports MIP gap and bound.

mod assemble;
mod assign;
mod breaks;
mod calendar;
mod candidates;
mod config;
mod error;
mod generate;
mod greedy;
mod milp;
mod plan;
mod prepare;
mod problem;
mod rules;
mod schedule;
mod solve;
mod validate;

pub mod roster;

pub use config::{Backend, SolverConfig};
pub use error::{Error, Result};
pub use generate::{GeneratorConfig, generate};
pub use problem::{
    ActivityTypeIds, Agent, BreakKind, BreakRule, BreakSpec, Contract, DayOfWeek, FixedActivity,
    Horizon, LockedBreak, LockedShift, PatternEntry, Preference, Problem, Queue, TimeWindow,
    Weights, WorkingHours,
};
pub use schedule::{
    Activity, ObjectiveBreakdown, QueueAssignment, QueueCoverage, Schedule, SolverStats, Status,
    Totals, UnmetPreference,
};
pub use solve::solve;
pub use validate::{Rule, Violation, validate};
