//! The crate's error type.

/// Errors returned by `wfm-core`.
///
/// Every variant names the offending value so a message can be shown to a user as is.
///
/// # Example
///
/// ```
/// use wfm_core::{Error, IntervalGrid};
/// let err = IntervalGrid::from_unix(0, 7, 10).unwrap_err();
/// assert_eq!(err, Error::InvalidIntervalMinutes { minutes: 7 });
/// assert!(err.to_string().contains("got 7"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An interval length that is not a whole number of minutes dividing a day (1..=1440).
    #[error(
        "interval length must be a number of minutes in 1..=1440 that divides 1440, got {minutes}"
    )]
    InvalidIntervalMinutes {
        /// The rejected length in minutes.
        minutes: u32,
    },
    /// A coarser interval that is not a multiple of the grid's interval.
    #[error(
        "cannot re-aggregate {interval}-minute intervals into {coarser}-minute intervals: not a multiple"
    )]
    NotAMultiple {
        /// The grid's interval length in minutes.
        interval: u32,
        /// The requested coarser length in minutes.
        coarser: u32,
    },
    /// The grid does not split into whole coarser intervals.
    #[error("a grid of {len} intervals does not split into whole groups of {factor}")]
    IncompleteGroup {
        /// Number of intervals in the grid.
        len: usize,
        /// Number of fine intervals per coarse interval.
        factor: usize,
    },
    /// An instant or grid that leaves the supported range (years 0001 to 9999 UTC).
    #[error("instant out of the supported range (years 0001-9999): {value}")]
    OutOfRange {
        /// The offending value, as given.
        value: String,
    },
    /// A grid start that is not a whole second.
    #[error("grid start must be a whole second, got {start}")]
    SubSecondStart {
        /// The rejected start, RFC 3339.
        start: String,
    },
    /// A slice whose length does not match the grid.
    #[error("expected {expected} values (one per interval), got {got}")]
    LengthMismatch {
        /// Number of intervals in the grid.
        expected: usize,
        /// Number of values given.
        got: usize,
    },
    /// A NaN or infinite value where a number is required.
    #[error("value at index {index} is not finite: {value}")]
    NotFinite {
        /// Position of the value.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// A string that is neither unix seconds nor an RFC 3339 timestamp.
    #[error("invalid instant {value:?}: expected unix seconds or an RFC 3339 timestamp")]
    InvalidInstant {
        /// The rejected text.
        value: String,
    },
    /// A time-zone name unknown to the IANA database.
    #[error("unknown time zone {name:?}")]
    UnknownTimeZone {
        /// The rejected name.
        name: String,
    },
    /// A local date range whose end is not after its start.
    #[error("local date range must be non-empty: {from} to {to}")]
    EmptyDateRange {
        /// First date (inclusive).
        from: chrono::NaiveDate,
        /// Last date (exclusive).
        to: chrono::NaiveDate,
    },
    /// Local days whose length is not a whole number of intervals (e.g. a 30-minute DST shift on a
    /// 60-minute grid).
    #[error(
        "local dates {from} to {to} span {minutes} minutes, not a multiple of {interval} minutes"
    )]
    UnevenLocalDays {
        /// First date (inclusive).
        from: chrono::NaiveDate,
        /// Last date (exclusive).
        to: chrono::NaiveDate,
        /// Length of the span in minutes.
        minutes: i64,
        /// Interval length in minutes.
        interval: u32,
    },
    /// An unknown channel name.
    #[error(
        "unknown channel {value:?}, expected one of phone, email, chat, sms, social, back_office"
    )]
    UnknownChannel {
        /// The rejected text.
        value: String,
    },
    /// A clock time that is not `HH:MM` between `00:00` and `24:00`.
    #[error("invalid clock time {value:?}, expected HH:MM between 00:00 and 24:00")]
    InvalidClockTime {
        /// The rejected text.
        value: String,
    },
    /// A time range whose end is before its start.
    #[error("time range end {end} is before its start {start}")]
    ReversedRange {
        /// Range start, unix seconds.
        start: i64,
        /// Range end, unix seconds.
        end: i64,
    },
    /// A record that failed validation.
    #[error("invalid record: {}", join_problems(.problems))]
    InvalidRecord {
        /// Every problem found.
        problems: Vec<crate::Problem>,
    },
    /// A document that is not JSON, JSON lines, or a supported collection shape.
    #[error("invalid JSON document at line {line}, column {column}: {message}")]
    Document {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

fn join_problems(problems: &[crate::Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Result with [`Error`] as the default error type.
///
/// # Example
///
/// ```
/// fn half(x: i64) -> wfm_core::Result<i64> { Ok(x / 2) }
/// assert_eq!(half(4)?, 2);
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub type Result<T, E = Error> = core::result::Result<T, E>;
