//! Raw agent states from telephony/ticketing platforms, and platform associations.

use super::problem::Checks;
use crate::{AgentId, Problem, Record};
use serde::{Deserialize, Serialize};

/// A raw agent state: one platform's label for what an agent was doing from `start_time` until
/// `end_time` (`None`: still ongoing). `platform` accepts the spec's `source`.
///
/// # Example
///
/// ```
/// use wfm_core::{AgentState, Record};
/// let s: AgentState = serde_json::from_str(
///     r#"{"agent_id": "a1", "source": "five9", "state": "On call", "start_time": 100, "end_time": null}"#,
/// )?;
/// assert_eq!(s.platform.as_deref(), Some("five9"));
/// assert_eq!(s.end_time, None);
/// assert!(s.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgentState {
    /// Record id (spec only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The agent (`agent_import_id` accepted).
    #[serde(alias = "agent_import_id")]
    pub agent_id: AgentId,
    /// Source platform (`five9`, `zendesk`, `api`; `source` accepted).
    #[serde(default, alias = "source", skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The agent's id on that platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_platform_id: Option<String>,
    /// The platform's own state label.
    pub state: String,
    /// Sub-state (spec only, e.g. `chat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_state: Option<String>,
    /// Start, unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub start_time: i64,
    /// End (exclusive), unix seconds; `None` while ongoing.
    #[serde(
        default,
        deserialize_with = "crate::time::deserialize_opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_time: Option<i64>,
    /// Last modification, unix seconds (orders late updates).
    #[serde(
        default,
        deserialize_with = "crate::time::deserialize_opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    pub modified_at: Option<i64>,
    /// Upstream id (dedupe key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

impl Record for AgentState {
    const KIND: &'static str = "agent-states";
    const COLLECTION_KEYS: &'static [&'static str] = &["agent_states", "states", "timeline"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("agent_id", self.agent_id.as_str());
        c.non_empty("state", &self.state);
        if let Some(end) = self.end_time {
            // Zero-length states occur in real feeds (instant flips) and are harmless.
            c.ordered(("start_time", self.start_time), ("end_time", end), true);
        }
        c.finish()
    }
}

/// Links an agent to its id on an upstream platform (`POST /agents/associations`).
///
/// # Example
///
/// ```
/// use wfm_core::{PlatformAssociation, Record};
/// let a: PlatformAssociation =
///     serde_json::from_str(r#"{"agent_id": "a1", "platform": "zendesk", "platform_id": 991}"#)?;
/// assert_eq!(a.platform_id, "991");
/// assert!(a.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlatformAssociation {
    /// The agent.
    pub agent_id: AgentId,
    /// The platform (`five9`, `zendesk`, ...).
    pub platform: String,
    /// The agent's id on the platform (`agent_platform_id` accepted).
    #[serde(
        alias = "agent_platform_id",
        deserialize_with = "crate::lenient::string"
    )]
    pub platform_id: String,
}

impl Record for PlatformAssociation {
    const KIND: &'static str = "associations";
    const COLLECTION_KEYS: &'static [&'static str] = &["associations"];
    const ID_FIELD: Option<&'static str> = None;

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("agent_id", self.agent_id.as_str());
        c.non_empty("platform", &self.platform);
        c.non_empty("platform_id", &self.platform_id);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_state_is_a_problem() {
        let s: AgentState = serde_json::from_str(
            r#"{"agent_id": "a", "state": "", "start_time": 10, "end_time": 5}"#,
        )
        .unwrap();
        let fields: Vec<_> = s.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["state", "end_time"]);
    }
}
