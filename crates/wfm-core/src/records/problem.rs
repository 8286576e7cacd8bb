//! Validation problems and the `Record` trait.

use std::fmt;

/// Why a field value is invalid.
///
/// # Example
///
/// ```
/// use wfm_core::ProblemKind;
/// assert_eq!(ProblemKind::Empty.to_string(), "must not be empty");
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required text field is empty.
    #[error("must not be empty")]
    Empty,
    /// An end that is not after (or, where zero length is allowed, before) its start.
    #[error("must be {} `{start_field}` ({start})", if *.allow_equal { "at or after" } else { "after" })]
    EndNotAfterStart {
        /// The field holding the start.
        start_field: &'static str,
        /// The start value.
        start: String,
        /// Whether end == start is accepted.
        allow_equal: bool,
    },
    /// Not an IANA time-zone name.
    #[error("unknown IANA time zone")]
    UnknownTimeZone,
    /// Not a `HH:MM` clock time between `00:00` and `24:00`.
    #[error("expected HH:MM between 00:00 and 24:00")]
    InvalidClockTime,
    /// A number below zero where only non-negative values make sense.
    #[error("must be >= 0")]
    Negative,
    /// A number outside its allowed range.
    #[error("must be between {min} and {max}")]
    OutOfRange {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// An interval length that does not divide a day.
    #[error("must be a number of minutes in 1..=1440 that divides 1440")]
    InvalidIntervalMinutes,
    /// Two fields that contradict each other.
    #[error("contradicts `{other_field}` ({other})")]
    Contradicts {
        /// The other field.
        other_field: &'static str,
        /// Its value.
        other: String,
    },
    /// Not a `#rrggbb` colour.
    #[error("expected a #rrggbb colour")]
    InvalidColor,
    /// Not an email address.
    #[error("expected an email address")]
    InvalidEmail,
}

/// One invalid field of a record: where, what value, and why.
///
/// # Example
///
/// ```
/// use wfm_core::{Problem, ProblemKind};
/// let p = Problem::new("timezone", "Mars/Base", ProblemKind::UnknownTimeZone);
/// assert_eq!(p.to_string(), "`timezone` = \"Mars/Base\": unknown IANA time zone");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The field path, e.g. `weekly_pattern[1].end_time`.
    pub field: String,
    /// The offending value as JSON text.
    pub value: String,
    /// What is wrong with it.
    pub kind: ProblemKind,
}

impl Problem {
    /// Builds a problem; `value` is rendered as JSON (strings quoted).
    ///
    /// # Example
    ///
    /// ```
    /// let p = wfm_core::Problem::new("csat_score", 7.0, wfm_core::ProblemKind::Negative);
    /// assert_eq!(p.value, "7.0");
    /// ```
    pub fn new(field: impl Into<String>, value: impl serde::Serialize, kind: ProblemKind) -> Self {
        Self {
            field: field.into(),
            value: serde_json::to_string(&value).unwrap_or_else(|_| "?".to_owned()),
            kind,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` = {}: {}", self.field, self.value, self.kind)
    }
}

/// An Assembled-shaped record that the loader can read and that checks itself.
///
/// # Example
///
/// ```
/// use wfm_core::{Activity, Record};
/// let a: Activity = serde_json::from_str(
///     r#"{"id": "x", "agent_id": "a", "type_id": "t", "start_time": 100, "end_time": 50}"#,
/// )?;
/// let problems = a.validate();
/// assert_eq!(problems.len(), 1);
/// assert_eq!(problems[0].field, "end_time");
/// assert_eq!(Activity::KIND, "activities");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait Record: serde::de::DeserializeOwned {
    /// The collection name used by the CLI and in messages (`people`, `agent-states`).
    const KIND: &'static str;
    /// Keys under which a wrapper object holds the collection (`{"people": ...}`).
    const COLLECTION_KEYS: &'static [&'static str];
    /// The field that a keyed object's key fills when the record lacks it.
    const ID_FIELD: Option<&'static str>;

    /// Every problem with this record; empty when valid.
    fn validate(&self) -> Vec<Problem>;

    /// [`Record::validate`] as a `Result`, for engines that take records as input.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidRecord`] with every problem.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_core::{Error, Record, Requirement};
    /// assert!(Requirement::new("headcount", 0, 900, 2.0).check().is_ok());
    /// let err = Requirement::new("headcount", 900, 0, 2.0).check().unwrap_err();
    /// assert!(matches!(&err, Error::InvalidRecord { problems } if problems[0].field == "end_time"));
    /// assert!(err.to_string().contains("`end_time` = 0"));
    /// ```
    fn check(&self) -> crate::Result<()> {
        let problems = self.validate();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(crate::Error::InvalidRecord { problems })
        }
    }
}

/// Accumulates problems while checking a record.
#[derive(Default)]
pub(crate) struct Checks(Vec<Problem>);

impl Checks {
    pub(crate) fn push(
        &mut self,
        field: impl Into<String>,
        value: impl serde::Serialize,
        kind: ProblemKind,
    ) {
        self.0.push(Problem::new(field, value, kind));
    }

    pub(crate) fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, value, ProblemKind::Empty);
        }
    }

    /// `end` must be after `start` (or equal, if `allow_equal`).
    pub(crate) fn ordered(
        &mut self,
        (start_field, start): (&'static str, i64),
        (end_field, end): (&str, i64),
        allow_equal: bool,
    ) {
        if end < start || (end == start && !allow_equal) {
            self.push(
                end_field,
                end,
                ProblemKind::EndNotAfterStart {
                    start_field,
                    start: start.to_string(),
                    allow_equal,
                },
            );
        }
    }

    pub(crate) fn time_zone(&mut self, field: &str, name: &str) {
        if crate::parse_time_zone(name).is_err() {
            self.push(field, name, ProblemKind::UnknownTimeZone);
        }
    }

    pub(crate) fn non_negative(&mut self, field: &str, value: f64) {
        // NaN cannot come from JSON, but a caller-built record may hold one.
        if value.is_nan() || value < 0.0 {
            self.push(field, value, ProblemKind::Negative);
        }
    }

    pub(crate) fn within(&mut self, field: &str, value: f64, min: f64, max: f64) {
        if !(min..=max).contains(&value) {
            self.push(field, value, ProblemKind::OutOfRange { min, max });
        }
    }

    pub(crate) fn finish(self) -> Vec<Problem> {
        self.0
    }
}
