//! The crate's error type.

/// Errors returned by `wfm-forecast`.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Error, Timeline};
/// let err = Timeline::new(0, 7).unwrap_err();
/// assert_eq!(err, Error::InvalidIntervalMinutes { minutes: 7 });
/// assert_eq!(err.to_string(), "interval minutes must divide 1440 and lie in 5..=60, got 7");
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The interval length is not one of the supported lengths.
    #[error("interval minutes must divide 1440 and lie in 5..=60, got {minutes}")]
    InvalidIntervalMinutes {
        /// The rejected interval length.
        minutes: u32,
    },
    /// A volume (or handle time) was negative, NaN or infinite.
    #[error("value at index {index} must be finite and >= 0, got {value}")]
    InvalidValue {
        /// Position of the bad value in the series.
        index: usize,
        /// The bad value.
        value: f64,
    },
    /// The history is too short for the model.
    #[error("history has {got} intervals but {model} needs at least {needed}")]
    HistoryTooShort {
        /// The model that rejected the history.
        model: &'static str,
        /// Minimum number of intervals needed.
        needed: usize,
        /// Number of intervals given.
        got: usize,
    },
    /// The forecast horizon was zero or longer than ten years.
    #[error("horizon must be between one interval and ten years, got {horizon}")]
    InvalidHorizon {
        /// The rejected horizon.
        horizon: usize,
    },
    /// The prediction-interval level was outside `(0, 1)`.
    #[error("prediction level must lie strictly between 0 and 1, got {level}")]
    InvalidLevel {
        /// The rejected level.
        level: f64,
    },
    /// A configuration parameter was out of range.
    #[error("parameter {name} is out of range, got {value}")]
    InvalidParameter {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// Two inputs that must have equal length did not.
    #[error("{what} has length {got} but {expected} was expected")]
    LengthMismatch {
        /// What was mismatched.
        what: &'static str,
        /// Expected length.
        expected: usize,
        /// Actual length.
        got: usize,
    },
    /// A day kind name was not recognised.
    #[error("unknown day kind {kind:?}, expected holiday, eve, closed or event")]
    UnknownDayKind {
        /// The unrecognised kind.
        kind: String,
    },
    /// A calendar CSV line could not be parsed.
    #[error("calendar line {line}: expected `date,kind[,name]` with date YYYY-MM-DD, got {text:?}")]
    InvalidCalendarLine {
        /// 1-based line number.
        line: usize,
        /// The line's text.
        text: String,
    },
    /// A time range was empty or reversed.
    #[error("time range {start}..{end} is empty or reversed")]
    InvalidRange {
        /// Range start, unix seconds.
        start: i64,
        /// Range end, unix seconds.
        end: i64,
    },
    /// A `wfm-core` type rejected a conversion.
    #[error(transparent)]
    Core(#[from] wfm_core::Error),
    /// A timestamp could not be represented.
    #[error("timestamp {seconds} is out of range")]
    TimestampOutOfRange {
        /// The unix seconds that could not be represented.
        seconds: i64,
    },
}

/// Result alias with this crate's [`Error`].
///
/// # Example
///
/// ```
/// fn horizon() -> wfm_forecast::Result<usize> { Ok(48) }
/// assert_eq!(horizon()?, 48);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub type Result<T, E = Error> = core::result::Result<T, E>;
