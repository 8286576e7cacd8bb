//! Conversation records: `wfm-core`'s Conversations API shapes, and small helpers.

pub use wfm_core::{Channel, ConversationInput, ConversationUpdate};

/// Position of a channel in [`Channel::ALL`].
#[inline]
pub(crate) fn channel_index(c: Channel) -> usize {
    match c {
        Channel::Phone => 0,
        Channel::Email => 1,
        Channel::Chat => 2,
        Channel::Sms => 3,
        Channel::Social => 4,
        Channel::BackOffice => 5,
    }
}

/// A [`ConversationUpdate`] of `external_id` that changes nothing yet: set the fields
/// to change on it.
///
/// # Example
///
/// ```
/// let mut u = wfm_reports::update_for("c-1");
/// u.resolved = Some(true);
/// assert_eq!((u.external_id.as_str(), u.status), ("c-1", None));
/// ```
#[must_use]
pub fn update_for(external_id: impl Into<String>) -> ConversationUpdate {
    ConversationUpdate {
        external_id: external_id.into(),
        assigned_agent_id: None,
        status: None,
        ended_at: None,
        handle_time_seconds: None,
        resolved: None,
        csat_score: None,
        metadata: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_index_follows_all() {
        for (i, c) in Channel::ALL.into_iter().enumerate() {
            assert_eq!(channel_index(c), i);
        }
    }
}
