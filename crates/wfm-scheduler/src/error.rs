//! The crate's error type.

/// Errors returned by `wfm-scheduler`.
///
/// Every variant names the offending field and value so a host can show it to a planner.
///
/// # Example
///
/// ```
/// use wfm_scheduler::Error;
/// let e = Error::UnknownId { field: "agents[0].contract".into(), id: "ft9".into() };
/// assert_eq!(e.to_string(), "agents[0].contract refers to unknown id \"ft9\"");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field holds a value outside its allowed range.
    #[error("{field} is invalid: {reason}, got {value}")]
    InvalidValue {
        /// Path of the field, e.g. `queues[1].required[7]`.
        field: String,
        /// The value found, as text.
        value: String,
        /// What was expected.
        reason: String,
    },
    /// A reference to an id that the problem does not define.
    #[error("{field} refers to unknown id {id:?}")]
    UnknownId {
        /// Path of the referring field.
        field: String,
        /// The unknown id.
        id: String,
    },
    /// Two records carry the same id.
    #[error("{field} repeats id {id:?}")]
    DuplicateId {
        /// Path of the list.
        field: String,
        /// The repeated id.
        id: String,
    },
    /// A time range ends at or before its start.
    #[error("{field} ends at {end} which is not after its start {start}")]
    EndBeforeStart {
        /// Path of the range.
        field: String,
        /// Start, unix seconds.
        start: i64,
        /// End, unix seconds.
        end: i64,
    },
    /// Two ranges of the same kind overlap.
    #[error("{field} overlaps {other} at {time}")]
    Overlap {
        /// Path of the first range.
        field: String,
        /// Path of the range it overlaps.
        other: String,
        /// Unix seconds where the overlap starts.
        time: i64,
    },
    /// Hard rules that no schedule can satisfy, e.g. a locked shift inside approved time off.
    #[error("agent {agent:?} cannot satisfy rule {rule} at {time}: {detail}")]
    Infeasible {
        /// The agent whose rules conflict.
        agent: String,
        /// The rule, e.g. `time_off` or `min_minutes_per_week`.
        rule: String,
        /// Unix seconds where the conflict is (start of the day or week for aggregate rules).
        time: i64,
        /// Human-readable explanation.
        detail: String,
    },
    /// An unknown IANA time zone name.
    #[error("{field} is not a known IANA time zone: {name:?}")]
    UnknownTimeZone {
        /// Path of the field.
        field: String,
        /// The name given.
        name: String,
    },
    /// The requested solver backend is not compiled into this build.
    #[error("solver {solver:?} is not available in this build (enable the `{feature}` feature)")]
    SolverUnavailable {
        /// The solver asked for.
        solver: String,
        /// The cargo feature that provides it.
        feature: String,
    },
    /// The MILP backend failed in a way no fallback could absorb.
    #[error("solver {solver} failed: {message}")]
    Solver {
        /// Backend name.
        solver: String,
        /// Its message.
        message: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(field: impl Into<String>, value: impl ToString, reason: &str) -> Self {
        Self::InvalidValue {
            field: field.into(),
            value: value.to_string(),
            reason: reason.to_owned(),
        }
    }
}
