//! The crate's error type.

/// Errors returned by `wfm-erlang`.
///
/// Every variant names the offending input and carries its value, so a host can point the user at it.
///
/// # Example
///
/// ```
/// use wfm_erlang::{Error, Traffic};
/// let err = Traffic::from_volume(f64::NAN, 30.0, 180.0).unwrap_err();
/// assert!(matches!(err, Error::InvalidInput { field: "volume", .. }));
/// assert_eq!(err.to_string(), "volume must be finite and >= 0, got NaN");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A numeric input was NaN, infinite or outside its allowed range.
    #[error("{field} must be {expected}, got {value}")]
    InvalidInput {
        /// Name of the input, e.g. `aht_seconds`.
        field: &'static str,
        /// What the input must be, e.g. `finite and > 0`.
        expected: &'static str,
        /// The value given.
        value: f64,
    },
    /// Two inputs that must have the same length do not.
    #[error("{field} has {got} entries, expected {expected}")]
    LengthMismatch {
        /// Name of the input with the wrong length.
        field: &'static str,
        /// Its length.
        got: usize,
        /// The required length.
        expected: usize,
    },
    /// No agent count up to `max_agents` meets the targets.
    #[error("targets unreachable with at most {max_agents} agents (load {load} erlangs)")]
    Unreachable {
        /// The largest agent count tried.
        max_agents: u32,
        /// The offered load in erlangs.
        load: f64,
    },
    /// An interval of a requirement curve failed.
    #[error("interval {index}: {source}")]
    Interval {
        /// Index of the interval in the grid.
        index: usize,
        /// What went wrong there.
        source: Box<Error>,
    },
    /// Deferred work cannot meet its deadline, e.g. an item's deadline passes while closed.
    #[error("deadline cannot be met for work arriving in interval {interval}")]
    DeadlineInfeasible {
        /// Index of the interval whose work cannot be finished in time.
        interval: usize,
    },
}

/// The result type of `wfm-erlang`.
///
/// # Example
///
/// ```
/// fn load() -> wfm_erlang::Result<f64> {
///     Ok(wfm_erlang::Traffic::from_volume(100.0, 30.0, 180.0)?.erlangs())
/// }
/// assert!((load()? - 10.0).abs() < 1e-12);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Checks that `value` is finite and `>= 0`.
pub(crate) fn non_negative(field: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::InvalidInput {
            field,
            expected: "finite and >= 0",
            value,
        })
    }
}

/// Checks that `value` is finite and `> 0`.
pub(crate) fn positive(field: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(Error::InvalidInput {
            field,
            expected: "finite and > 0",
            value,
        })
    }
}

/// Checks that `value` is a probability-like fraction in `[0, 1)`.
pub(crate) fn fraction_below_one(field: &'static str, value: f64) -> Result<f64> {
    if (0.0..1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidInput {
            field,
            expected: "in [0, 1)",
            value,
        })
    }
}

/// Checks that `value` is a fraction in `(0, 1]`.
pub(crate) fn fraction_above_zero(field: &'static str, value: f64) -> Result<f64> {
    if value > 0.0 && value <= 1.0 {
        Ok(value)
    } else {
        Err(Error::InvalidInput {
            field,
            expected: "in (0, 1]",
            value,
        })
    }
}
