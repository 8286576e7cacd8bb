//! The crate's error type and per-record errors.

/// Errors returned by `wfm-adherence`.
///
/// # Example
///
/// ```
/// use wfm_adherence::{Error, Window};
/// let err = Window::new(100, 50).unwrap_err();
/// assert_eq!(err, Error::EndBeforeStart { start: 100, end: 50 });
/// assert_eq!(err.to_string(), "end 50 is before start 100");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A time lies outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    #[error("{field} must be between unix 0 and 253402300799 (year 1970 to 9999), got {value}")]
    TimeOutOfRange {
        /// The field holding the time.
        field: &'static str,
        /// The offending unix seconds.
        value: i64,
    },
    /// A time string was neither integer unix seconds nor RFC 3339.
    #[error("{field} must be unix seconds or RFC 3339, got {text:?}")]
    InvalidTime {
        /// The field holding the time.
        field: &'static str,
        /// The text that failed to parse.
        text: String,
    },
    /// An end time is before its start time.
    #[error("end {end} is before start {start}")]
    EndBeforeStart {
        /// The start, unix seconds.
        start: i64,
        /// The end, unix seconds.
        end: i64,
    },
    /// A window is empty (its end equals its start).
    #[error("window [{start}, {end}) is empty")]
    EmptyWindow {
        /// The window start, unix seconds.
        start: i64,
        /// The window end, unix seconds.
        end: i64,
    },
    /// An agent id that the directory does not know.
    #[error("unknown agent {agent_id:?}")]
    UnknownAgent {
        /// The agent id as given.
        agent_id: String,
    },
    /// A platform agent id that no association resolves.
    #[error("no agent is associated with platform id {platform_id:?} on platform {platform:?}")]
    UnresolvedPlatformId {
        /// The platform of the record.
        platform: String,
        /// The platform's own agent id.
        platform_id: String,
    },
    /// A record carries neither `agent_id` nor `agent_platform_id`.
    #[error("record has neither agent_id nor agent_platform_id")]
    MissingAgent,
    /// The priority order names a platform nothing else knows about.
    #[error("unknown platform {platform:?} in priority order (known: {known:?})")]
    UnknownPlatform {
        /// The platform as given.
        platform: String,
        /// The platforms that are known.
        known: Vec<String>,
    },
    /// A record's platform is not in the priority order.
    #[error("platform {platform:?} is not in the priority order")]
    UnlistedPlatform {
        /// The record's platform.
        platform: String,
    },
    /// A platform appears twice in the priority order.
    #[error("platform {platform:?} appears twice in the priority order")]
    DuplicatePlatform {
        /// The repeated platform.
        platform: String,
    },
    /// More platforms than the compact representation holds.
    #[error("at most {max} platforms are supported, got {count}")]
    TooManyPlatforms {
        /// The number of platforms given.
        count: usize,
        /// The supported maximum.
        max: usize,
    },
    /// A required name (platform, state, id) is empty.
    #[error("{field} must not be empty")]
    EmptyName {
        /// The field that was empty.
        field: &'static str,
    },
    /// An activity refers to an activity type missing from the catalogue.
    #[error("unknown activity type {type_id:?}")]
    UnknownActivityType {
        /// The activity type id as given.
        type_id: String,
    },
    /// Two activity types share an id.
    #[error("activity type {type_id:?} is defined twice")]
    DuplicateActivityType {
        /// The repeated id.
        type_id: String,
    },
    /// A mapping target string could not be parsed.
    #[error(
        "unknown mapping target {target:?} (expected productive, productive:<channel>, default, time_off, category:<name>, type:<id> or a category name)"
    )]
    InvalidMapTarget {
        /// The text as given.
        target: String,
    },
    /// An agent-state primary label could not be parsed.
    #[error("unknown agent state primary {value:?}")]
    InvalidStatePrimary {
        /// The text as given.
        value: String,
    },
    /// An IANA time zone name that chrono-tz does not know.
    #[error("unknown time zone {name:?}")]
    UnknownTimeZone {
        /// The name as given.
        name: String,
    },
    /// An interval length that does not divide a day into whole intervals.
    #[error("interval minutes must divide 1440 and be between 1 and 1440, got {minutes}")]
    InvalidInterval {
        /// The interval length in minutes.
        minutes: u32,
    },
    /// The window holds more buckets of the granularity than one report may produce.
    #[error("window holds about {count} buckets at this granularity; at most {max} are allowed")]
    TooManyBuckets {
        /// Estimated buckets per agent.
        count: i64,
        /// The limit.
        max: i64,
    },
    /// A duration option that is negative or absurdly long.
    #[error("{field} must be between 0 and 86400 seconds, got {value}")]
    InvalidDuration {
        /// The option name.
        field: &'static str,
        /// The offending seconds.
        value: i64,
    },
}

/// The result type of `wfm-adherence`.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// An input record that was rejected, with its position in the input.
///
/// Bad records never stop the valid ones from being used: builders collect these alongside
/// their result.
///
/// # Example
///
/// ```
/// use wfm_adherence::{Error, RecordError};
/// let e = RecordError { index: 3, error: Error::MissingAgent };
/// assert_eq!(e.to_string(), "record 3: record has neither agent_id nor agent_platform_id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {index}: {error}")]
pub struct RecordError {
    /// Zero-based position of the record in the input.
    pub index: usize,
    /// Why it was rejected.
    pub error: Error,
}
