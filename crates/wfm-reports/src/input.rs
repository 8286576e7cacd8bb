//! Conversation records in the shape of Assembled's Conversations API.
//!
//! These mirror the `ConversationInput` / `ConversationUpdate` records of the
//! Conversations API schema (see `ASSEMBLED_DATA_MODEL.md`, section 6): times are unix
//! seconds, accepted as integers or RFC3339 strings on input and emitted as integers.

use serde::{Deserialize, Serialize};

/// A contact channel, as in Assembled's channel enum.
///
/// # Example
///
/// ```
/// use wfm_reports::Channel;
/// let c: Channel = serde_json::from_str("\"back_office\"")?;
/// assert_eq!(c, Channel::BackOffice);
/// assert_eq!(Channel::ALL.len(), 6);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Voice calls.
    Phone,
    /// Email tickets.
    Email,
    /// Live chat.
    Chat,
    /// Text messages.
    Sms,
    /// Social media messages.
    Social,
    /// Back-office work items.
    BackOffice,
}

impl Channel {
    /// Every channel, in declaration order (the order of [`Channel::index`]).
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::Sms,
        Channel::Social,
        Channel::BackOffice,
    ];

    /// The channel's position in [`Channel::ALL`].
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::Channel;
    /// assert_eq!(Channel::ALL[Channel::Chat.index()], Channel::Chat);
    /// ```
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The wire name (`phone`, `email`, `chat`, `sms`, `social`, `back_office`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::Channel::BackOffice.as_str(), "back_office");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Sms => "sms",
            Channel::Social => "social",
            Channel::BackOffice => "back_office",
        }
    }

    /// Parses a wire name; `None` for anything else.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::Channel;
    /// assert_eq!(Channel::parse("sms"), Some(Channel::Sms));
    /// assert_eq!(Channel::parse("fax"), None);
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A conversation to create or overwrite (`POST /conversations/bulk`).
///
/// `external_id`, `channel` and `started_at` are required; everything else is optional.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput};
/// let c: ConversationInput = serde_json::from_str(
///     r#"{"external_id":"z-1","channel":"email","started_at":"2026-03-02T09:00:00Z",
///         "handle_time_seconds":240}"#,
/// )?;
/// assert_eq!(c.started_at, 1_772_442_000);
/// assert_eq!(c.channel, Channel::Email);
/// assert_eq!(c.handle_time_seconds, Some(240.0));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConversationInput {
    /// Upsert key, unique per conversation.
    pub external_id: String,
    /// Source platform (zendesk, salesforce, intercom, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Contact channel.
    pub channel: Channel,
    /// Queue the conversation was routed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
    /// Agent the conversation is assigned to (an agent id, or a platform agent id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_agent_id: Option<String>,
    /// Customer identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Subject line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Free-form status from the source platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Start, unix seconds (RFC3339 accepted on input).
    #[serde(with = "crate::unix_time")]
    pub started_at: i64,
    /// End, unix seconds (RFC3339 accepted on input).
    #[serde(
        default,
        with = "crate::unix_time::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_at: Option<i64>,
    /// Agent handle time in seconds (>= 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_time_seconds: Option<f64>,
    /// Customer wait time in seconds (>= 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_time_seconds: Option<f64>,
    /// Time to first agent response in seconds (>= 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response_time_seconds: Option<f64>,
    /// Whether the conversation was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// Customer satisfaction score, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_score: Option<f64>,
    /// Arbitrary metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

impl ConversationInput {
    /// A conversation with only the required fields set.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Channel, ConversationInput};
    /// let c = ConversationInput::new("c-1", Channel::Chat, 1_700_000_000);
    /// assert_eq!(c.queue_id, None);
    /// ```
    #[must_use]
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

/// A partial update of a stored conversation (`PATCH /conversations/bulk`).
///
/// Fields left `None` keep their stored value.
///
/// # Example
///
/// ```
/// use wfm_reports::ConversationUpdate;
/// let u: ConversationUpdate = serde_json::from_str(r#"{"external_id":"z-1","csat_score":4}"#)?;
/// assert_eq!(u.csat_score, Some(4.0));
/// assert_eq!(u.resolved, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConversationUpdate {
    /// Key of the conversation to update.
    pub external_id: String,
    /// New assigned agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_agent_id: Option<String>,
    /// New status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// New end time, unix seconds (RFC3339 accepted on input).
    #[serde(
        default,
        with = "crate::unix_time::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_at: Option<i64>,
    /// New handle time in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_time_seconds: Option<f64>,
    /// New resolution flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// New CSAT score, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_score: Option<f64>,
    /// New metadata (replaces the stored object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

impl ConversationUpdate {
    /// An update of `external_id` that changes nothing yet.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::ConversationUpdate;
    /// let mut u = ConversationUpdate::new("c-1");
    /// u.resolved = Some(true);
    /// assert_eq!(u.external_id, "c-1");
    /// ```
    #[must_use]
    pub fn new(external_id: impl Into<String>) -> Self {
        Self {
            external_id: external_id.into(),
            ..Self::default()
        }
    }
}
