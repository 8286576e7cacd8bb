//! Queues, sites, teams and skills (Assembled's "filters", each a tree through `parent_id`).

use super::problem::Checks;
use crate::{Channel, Problem, QueueId, Record, SiteId, SkillId, TeamId};
use serde::{Deserialize, Serialize};

/// A queue: a segment of a channel's volume (e.g. VIP, Standard).
///
/// # Example
///
/// ```
/// let q: wfm_core::Queue = serde_json::from_str(r#"{"id": "q1", "name": "VIP", "channel": "chat"}"#)?;
/// assert_eq!(q.channel, Some(wfm_core::Channel::Chat));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    /// Queue id.
    pub id: QueueId,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id in the source platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The queue's channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Parent queue (line-of-business grouping).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<QueueId>,
}

/// A site: a location, carrying a time zone.
///
/// # Example
///
/// ```
/// use wfm_core::Record;
/// let s: wfm_core::Site = serde_json::from_str(r#"{"id": "s1", "timezone": "Asia/Tokyo"}"#)?;
/// assert!(s.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// Site id.
    pub id: SiteId,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id in the source platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Parent site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<SiteId>,
}

/// A team.
///
/// # Example
///
/// ```
/// let t: wfm_core::Team = serde_json::from_str(r#"{"id": "t1", "parent_id": "t0"}"#)?;
/// assert_eq!(t.parent_id.as_ref().map(|p| p.as_str()), Some("t0"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Team {
    /// Team id.
    pub id: TeamId,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id in the source platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Parent team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<TeamId>,
}

/// A skill (a proficiency).
///
/// # Example
///
/// ```
/// let s: wfm_core::Skill = serde_json::from_str(r#"{"id": "es", "name": "Spanish"}"#)?;
/// assert_eq!(s.name.as_deref(), Some("Spanish"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// Skill id.
    pub id: SkillId,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id in the source platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Parent skill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<SkillId>,
}

/// Checks shared by the four filter kinds: a non-empty id that is not its own parent.
fn node_checks(id: &str, parent: Option<&str>) -> Checks {
    let mut c = Checks::default();
    c.non_empty("id", id);
    if parent == Some(id) {
        c.push(
            "parent_id",
            id,
            super::ProblemKind::Contradicts {
                other_field: "id",
                other: id.to_owned(),
            },
        );
    }
    c
}

/// `Record` for a filter kind whose only checks are [`node_checks`].
macro_rules! node_record {
    ($ty:ident, $kind:literal) => {
        impl Record for $ty {
            const KIND: &'static str = $kind;
            const COLLECTION_KEYS: &'static [&'static str] = &[$kind];
            const ID_FIELD: Option<&'static str> = Some("id");

            fn validate(&self) -> Vec<Problem> {
                let parent = self.parent_id.as_ref().map(|p| p.as_str());
                node_checks(self.id.as_str(), parent).finish()
            }
        }
    };
}

node_record!(Queue, "queues");
node_record!(Team, "teams");
node_record!(Skill, "skills");

impl Record for Site {
    const KIND: &'static str = "sites";
    const COLLECTION_KEYS: &'static [&'static str] = &["sites"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let parent = self.parent_id.as_ref().map(SiteId::as_str);
        let mut c = node_checks(self.id.as_str(), parent);
        if let Some(tz) = &self.timezone {
            c.time_zone("timezone", tz);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_parent_and_bad_zone_are_problems() {
        let s: Site =
            serde_json::from_str(r#"{"id": "s", "parent_id": "s", "timezone": "EST5"}"#).unwrap();
        let fields: Vec<_> = s.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["parent_id", "timezone"]);
    }
}
