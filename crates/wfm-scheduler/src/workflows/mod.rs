//! Planner workflows on top of a problem and a schedule: time-off impact, shift swaps, filling a
//! gap, checking one manual activity, and diffing two schedules.
//!
//! Every workflow recomputes coverage from the schedule's queue-assignment records (not from its
//! reported `coverage`), and every workflow that changes shifts re-checks the changed agents with
//! the independent [`crate::validate`].

mod coverage;
mod diff;
mod fill;
mod manual;
mod recheck;
mod swap;
mod time_off;

#[cfg(test)]
mod fixture;

pub use coverage::{CoverageDelta, coverage_delta};
pub use diff::{ActivityField, ActivityUpdate, ScheduleDiff, diff_schedules};
pub use fill::{FillCandidate, FillConfig, Gap, fill_gap};
pub use manual::{ActivityIssue, ManualCheck, ManualCheckConfig, check_manual_activity};
pub use swap::{ShiftSwap, SwapIssue, SwapOutcome, swap_shifts};
pub use time_off::{
    Recommendation, TimeOffImpact, TimeOffPolicy, TimeOffReason, TimeOffRequest, time_off_impact,
};
