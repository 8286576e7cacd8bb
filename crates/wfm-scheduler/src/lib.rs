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
mod assembled;
mod assign;
mod breaks;
mod calendar;
mod candidates;
mod colgen;
mod config;
mod error;
mod generate;
mod greedy;
mod lagrange;
mod lns;
mod milp;
mod plan;
mod prepare;
mod problem;
mod progress;
mod rules;
mod schedule;
mod solve;
mod sweep;
#[cfg(test)]
mod test_support;
mod validate;
mod workflows;

pub mod roster;

pub use config::{Backend, SolverConfig, Strategy};
pub use error::{Error, Result};
pub use generate::{GeneratorConfig, generate};
pub use problem::{
    ActivityTypeIds, Agent, BreakKind, BreakRule, BreakSpec, Contract, DayOfWeek, FixedActivity,
    Horizon, LockedBreak, LockedShift, PatternEntry, Preference, Problem, Queue, TimeWindow,
    WeeklyWindow, Weights, WorkingHours,
};
pub use progress::{Phase, Progress, ProgressCallback};
pub use schedule::{
    Activity, ObjectiveBreakdown, QueueAssignment, QueueCoverage, Schedule, SolverStats, Status,
    Totals, UnmetPreference,
};
pub use solve::solve;
pub use validate::{Rule, Violation, validate};
pub use workflows::{
    ActivityField, ActivityIssue, ActivityUpdate, CoverageDelta, FillCandidate, FillConfig, Gap,
    ManualCheck, ManualCheckConfig, Recommendation, ScheduleDiff, ShiftSwap, SwapIssue,
    SwapOutcome, TimeOffImpact, TimeOffPolicy, TimeOffReason, TimeOffRequest,
    check_manual_activity, coverage_delta, diff_schedules, fill_gap, swap_shifts, time_off_impact,
};
