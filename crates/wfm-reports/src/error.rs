//! The error type of `wfm-reports`.

/// Errors returned by `wfm-reports` for bad report or store parameters.
///
/// Problems with individual conversation records are not errors: they are
/// [`Rejection`](crate::Rejection)s inside a batch outcome, so the valid records of the
/// same batch are still applied.
///
/// # Example
///
/// ```
/// use wfm_reports::{Error, Granularity, Periods};
/// let err = Periods::new(100, 50, Granularity::Day, chrono_tz::UTC).err();
/// assert_eq!(err, Some(Error::EmptyRange { from: 100, to: 50 }));
/// let text = err.map(|e| e.to_string()).unwrap_or_default();
/// assert_eq!(text, "report range is empty: from 100 is not before to 50");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The report range `[from, to)` is empty or reversed.
    #[error("report range is empty: from {from} is not before to {to}")]
    EmptyRange {
        /// Start of the range, unix seconds.
        from: i64,
        /// End of the range, unix seconds.
        to: i64,
    },
    /// An interval length that is zero or does not divide a day.
    #[error("interval minutes must be > 0 and divide 1440, got {minutes}")]
    InvalidIntervalMinutes {
        /// The rejected interval length.
        minutes: u32,
    },
    /// A time outside the range chrono can represent.
    #[error("time {seconds} is outside the representable range")]
    TimeOutOfRange {
        /// The rejected instant, unix seconds.
        seconds: i64,
    },
    /// The range would produce more periods than a report allows.
    #[error("report would have {count} periods, more than the maximum {max}")]
    TooManyPeriods {
        /// Periods the range would produce.
        count: u64,
        /// The maximum allowed.
        max: u64,
    },
    /// More (period, group) cells than a report can index.
    #[error("report would have {cells} cells (periods x groups), more than the maximum {max}")]
    TooManyCells {
        /// Cells the report would need.
        cells: u64,
        /// The maximum allowed.
        max: u64,
    },
    /// A QA score outside `0..=100`, or a non-finite one.
    #[error("qa score {index}: {field} must be finite and within 0..=100, got {value}")]
    InvalidQaScore {
        /// Position of the score in the input slice.
        index: usize,
        /// The offending field (`score` or `max_score`).
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A `wfm-core` type rejected a value (for example a grid or series).
    #[error(transparent)]
    Core(#[from] wfm_core::Error),
    /// A forecast interval that cannot be joined with actuals.
    #[error("forecast interval {index}: {reason}")]
    InvalidForecast {
        /// Position of the interval in the input slice.
        index: usize,
        /// What is wrong, naming the value.
        reason: String,
    },
}

/// `Result` with [`Error`] as the default error type.
pub type Result<T, E = Error> = core::result::Result<T, E>;
