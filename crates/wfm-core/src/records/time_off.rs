//! Time-off requests.

use super::problem::Checks;
use crate::{AgentId, Problem, Record};
use serde::{Deserialize, Serialize};

/// The state of a time-off request.
///
/// # Example
///
/// ```
/// let s: wfm_core::TimeOffStatus = serde_json::from_str("\"canceled\"")?;
/// assert_eq!(s, wfm_core::TimeOffStatus::Cancelled);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeOffStatus {
    /// Awaiting a decision.
    #[default]
    Pending,
    /// Approved: blocks scheduling.
    Approved,
    /// Denied.
    Denied,
    /// Cancelled (`canceled` accepted).
    #[serde(alias = "canceled")]
    Cancelled,
}

/// A time-off request (`/time_off/requests`), half-open `[start_time, end_time)`.
///
/// # Example
///
/// ```
/// use wfm_core::{Record, TimeOffRequest, TimeOffStatus};
/// let r: TimeOffRequest = serde_json::from_str(
///     r#"{"id": "to1", "agent_id": "a1", "type": "pto", "status": "approved",
///         "start_time": "2024-07-01T00:00:00Z", "end_time": "2024-07-03T00:00:00Z", "all_day": true}"#,
/// )?;
/// assert_eq!(r.status, TimeOffStatus::Approved);
/// assert_eq!(r.end_time - r.start_time, 2 * 86_400);
/// assert!(r.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeOffRequest {
    /// Request id.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    pub id: String,
    /// The agent.
    pub agent_id: AgentId,
    /// Kind of time off (`pto`, `sick`, ...), the wire field `type`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub time_off_type: Option<String>,
    /// Request state; absent means pending.
    #[serde(default)]
    pub status: TimeOffStatus,
    /// Start, unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub start_time: i64,
    /// End (exclusive), unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub end_time: i64,
    /// Whether the request covers whole days.
    #[serde(default)]
    pub all_day: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver_id: Option<String>,
    /// Creation instant, unix seconds.
    #[serde(
        default,
        deserialize_with = "crate::time::deserialize_opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<i64>,
    /// Last update instant, unix seconds.
    #[serde(
        default,
        deserialize_with = "crate::time::deserialize_opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<i64>,
}

impl Record for TimeOffRequest {
    const KIND: &'static str = "time-off";
    const COLLECTION_KEYS: &'static [&'static str] = &["requests", "time_off", "time_off_requests"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("agent_id", self.agent_id.as_str());
        c.ordered(
            ("start_time", self.start_time),
            ("end_time", self.end_time),
            false,
        );
        c.finish()
    }
}
