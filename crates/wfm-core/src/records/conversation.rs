//! Conversations: the actuals feed (`POST`/`PATCH /conversations/bulk`).

use super::problem::Checks;
use crate::{AgentId, Channel, Problem, QueueId, Record};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A conversation as upserted by `POST /conversations/bulk`, exactly the `ConversationInput`
/// schema: unknown fields are rejected (`additionalProperties: false`). `started_at`/`ended_at`
/// accept RFC 3339 or unix seconds and are emitted as unix seconds.
///
/// # Example
///
/// ```
/// use wfm_core::{Channel, ConversationInput, Record};
/// let c: ConversationInput = serde_json::from_str(
///     r#"{"external_id": "z-1", "channel": "email", "started_at": "2024-05-01T10:00:00Z",
///         "handle_time_seconds": 240, "csat_score": null, "metadata": {"tier": "gold"}}"#,
/// )?;
/// assert_eq!(c.channel, Channel::Email);
/// assert_eq!(c.started_at, 1_714_557_600);
/// assert!(c.validate().is_empty());
/// assert!(serde_json::from_str::<ConversationInput>(
///     r#"{"external_id": "z", "channel": "chat", "started_at": 0, "agent": "x"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationInput {
    /// Stable id from the source platform (the upsert key).
    #[serde(deserialize_with = "crate::lenient::string")]
    pub external_id: String,
    /// Source platform (`zendesk`, `intercom`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Channel.
    pub channel: Channel,
    /// Queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<QueueId>,
    /// Assigned agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_agent_id: Option<AgentId>,
    /// Customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Subject line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Platform status (`open`, `solved`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Start, unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub started_at: i64,
    /// End, unix seconds.
    #[serde(
        default,
        deserialize_with = "crate::time::deserialize_opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_at: Option<i64>,
    /// Handle time, seconds (>= 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_time_seconds: Option<f64>,
    /// Wait time, seconds (>= 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_time_seconds: Option<f64>,
    /// First response time, seconds (>= 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response_time_seconds: Option<f64>,
    /// Whether the conversation was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// Customer satisfaction, 1 to 5 (`null` allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_score: Option<f64>,
    /// Free-form object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
}

impl ConversationInput {
    /// A conversation with only the required fields set.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_core::ConversationInput::new("z-9", wfm_core::Channel::Sms, 60);
    /// assert!(c.ended_at.is_none());
    /// ```
    pub fn new(external_id: impl Into<String>, channel: Channel, started_at: i64) -> Self {
        Self {
            external_id: external_id.into(),
            platform: None,
            channel,
            queue_id: None,
            assigned_agent_id: None,
            customer_id: None,
            subject: None,
            status: None,
            started_at,
            ended_at: None,
            handle_time_seconds: None,
            wait_time_seconds: None,
            first_response_time_seconds: None,
            resolved: None,
            csat_score: None,
            metadata: None,
        }
    }
}

fn check_durations(c: &mut Checks, fields: &[(&str, Option<f64>)]) {
    for &(field, value) in fields {
        if let Some(v) = value {
            c.non_negative(field, v);
        }
    }
}

impl Record for ConversationInput {
    const KIND: &'static str = "conversations";
    const COLLECTION_KEYS: &'static [&'static str] = &["conversations"];
    const ID_FIELD: Option<&'static str> = Some("external_id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("external_id", &self.external_id);
        if let Some(end) = self.ended_at {
            c.ordered(("started_at", self.started_at), ("ended_at", end), true);
        }
        check_durations(
            &mut c,
            &[
                ("handle_time_seconds", self.handle_time_seconds),
                ("wait_time_seconds", self.wait_time_seconds),
                (
                    "first_response_time_seconds",
                    self.first_response_time_seconds,
                ),
            ],
        );
        if let Some(s) = self.csat_score {
            c.within("csat_score", s, 1.0, 5.0);
        }
        c.finish()
    }
}

fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A partial update (`PATCH /conversations/bulk`), exactly the `ConversationUpdate` schema, keyed
/// by `external_id`. `None` means "leave unchanged". For `csat_score` an explicit `null` clears the
/// score: absent is `None`, `null` is `Some(None)`. Unknown fields are rejected so a misspelt field
/// cannot silently update nothing.
///
/// # Example
///
/// ```
/// use wfm_core::{Channel, ConversationInput, ConversationUpdate};
/// let clear: ConversationUpdate = serde_json::from_str(r#"{"external_id": "z", "csat_score": null}"#)?;
/// let keep: ConversationUpdate = serde_json::from_str(r#"{"external_id": "z", "resolved": true}"#)?;
/// assert_eq!(clear.csat_score, Some(None));
/// assert_eq!(keep.csat_score, None);
///
/// let mut c = ConversationInput::new("z", Channel::Chat, 0);
/// c.csat_score = Some(4.0);
/// keep.apply_to(&mut c);
/// assert_eq!((c.resolved, c.csat_score), (Some(true), Some(4.0)));
/// clear.apply_to(&mut c);
/// assert_eq!(c.csat_score, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationUpdate {
    /// The conversation to update.
    #[serde(deserialize_with = "crate::lenient::string")]
    pub external_id: String,
    /// New assigned agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_agent_id: Option<AgentId>,
    /// New status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// New end, unix seconds.
    #[serde(
        default,
        deserialize_with = "crate::time::deserialize_opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_at: Option<i64>,
    /// New handle time, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_time_seconds: Option<f64>,
    /// New resolved flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// New CSAT: `None` unchanged, `Some(None)` cleared, `Some(Some(x))` set.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub csat_score: Option<Option<f64>>,
    /// New metadata object (replaces the old one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
}

impl ConversationUpdate {
    /// Applies the present fields to `conversation` (whose `external_id` is not checked).
    ///
    /// # Example
    ///
    /// ```
    /// let u: wfm_core::ConversationUpdate =
    ///     serde_json::from_str(r#"{"external_id": "z", "ended_at": 600, "status": "solved"}"#)?;
    /// let mut c = wfm_core::ConversationInput::new("z", wfm_core::Channel::Phone, 0);
    /// u.apply_to(&mut c);
    /// assert_eq!(c.ended_at, Some(600));
    /// assert_eq!(c.status.as_deref(), Some("solved"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn apply_to(&self, conversation: &mut ConversationInput) {
        if let Some(v) = &self.assigned_agent_id {
            conversation.assigned_agent_id = Some(v.clone());
        }
        if let Some(v) = &self.status {
            conversation.status = Some(v.clone());
        }
        if let Some(v) = self.ended_at {
            conversation.ended_at = Some(v);
        }
        if let Some(v) = self.handle_time_seconds {
            conversation.handle_time_seconds = Some(v);
        }
        if let Some(v) = self.resolved {
            conversation.resolved = Some(v);
        }
        if let Some(v) = self.csat_score {
            conversation.csat_score = v;
        }
        if let Some(v) = &self.metadata {
            conversation.metadata = Some(v.clone());
        }
    }
}

impl Record for ConversationUpdate {
    const KIND: &'static str = "conversation-updates";
    const COLLECTION_KEYS: &'static [&'static str] = &["conversations", "updates"];
    const ID_FIELD: Option<&'static str> = Some("external_id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("external_id", &self.external_id);
        check_durations(&mut c, &[("handle_time_seconds", self.handle_time_seconds)]);
        if let Some(Some(s)) = self.csat_score {
            c.within("csat_score", s, 1.0, 5.0);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversation_problems() {
        let c: ConversationInput = serde_json::from_str(
            r#"{"external_id": "x", "channel": "chat", "started_at": 100, "ended_at": 50,
                "wait_time_seconds": -3, "csat_score": 6}"#,
        )
        .unwrap();
        let got: Vec<_> = c.validate().into_iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "`ended_at` = 50: must be at or after `started_at` (100)",
                "`wait_time_seconds` = -3.0: must be >= 0",
                "`csat_score` = 6.0: must be between 1 and 5",
            ]
        );
    }

    #[test]
    fn update_round_trips_null_csat() {
        let u: ConversationUpdate =
            serde_json::from_str(r#"{"external_id": "z", "csat_score": null}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"external_id":"z","csat_score":null}"#
        );
        let bad: ConversationUpdate =
            serde_json::from_str(r#"{"external_id": "z", "csat_score": 0}"#).unwrap();
        assert_eq!(bad.validate()[0].field, "csat_score");
        assert!(
            serde_json::from_str::<ConversationUpdate>(r#"{"external_id": "z", "channel": "x"}"#)
                .is_err()
        );
    }
}
