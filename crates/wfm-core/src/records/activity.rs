//! Activity types ("event types") and scheduled activities.

use super::problem::{Checks, ProblemKind};
use crate::{ActivityId, ActivityTypeId, AgentId, Channel, Problem, QueueId, Record, SiteId};
use serde::{Deserialize, Serialize};

/// How an activity type counts for staffing (Assembled's three classes).
///
/// # Example
///
/// ```
/// use wfm_core::ActivityKind;
/// assert_eq!(serde_json::to_string(&ActivityKind::TimeOff)?, "\"time_off\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Handles contacts on its channels; counts toward staffing requirements.
    Productive,
    /// Meetings, lunches, breaks, project time: does not count toward requirements.
    Default,
    /// Time off.
    TimeOff,
}

/// What an activity type represents on a schedule.
///
/// # Example
///
/// ```
/// let c: wfm_core::ActivityCategory = serde_json::from_str("\"lunch\"")?;
/// assert_eq!(c, wfm_core::ActivityCategory::Lunch);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityCategory {
    /// Working time on the floor.
    Shift,
    /// A short break.
    Break,
    /// A meal break.
    Lunch,
    /// A meeting.
    Meeting,
    /// Training.
    Training,
    /// Time off.
    #[serde(alias = "timeoff")]
    TimeOff,
    /// Project work.
    Project,
}

/// An activity type. Real fields `productive` and `timeoff` decide [`ActivityType::kind`];
/// `color` accepts the real `background_color`.
///
/// # Example
///
/// ```
/// use wfm_core::{ActivityKind, ActivityType, Record};
/// let t: ActivityType = serde_json::from_str(
///     r#"{"id": "phone", "name": "Phones", "productive": true, "channels": ["phone"], "category": "shift"}"#,
/// )?;
/// assert_eq!(t.kind(), ActivityKind::Productive);
/// assert!(t.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivityType {
    /// Type id.
    pub id: ActivityTypeId,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Short name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Id in the importing system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_id: Option<String>,
    /// Whether the type is productive (handles contacts on `channels`).
    #[serde(default)]
    pub productive: bool,
    /// Whether the type is time off (`time_off` accepted).
    #[serde(default, alias = "time_off")]
    pub timeoff: bool,
    /// Unit of time off (e.g. `hours`, `days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeoff_unit: Option<String>,
    /// Category (spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<ActivityCategory>,
    /// Channels a productive type handles.
    #[serde(
        default,
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub channels: Vec<Channel>,
    /// External ids of the queues it serves.
    #[serde(
        default,
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub queue_external_ids: Vec<String>,
    /// Background colour `#rrggbb` (`background_color` accepted).
    #[serde(
        default,
        alias = "background_color",
        skip_serializing_if = "Option::is_none"
    )]
    pub color: Option<String>,
    /// Font colour `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_color: Option<String>,
}

impl ActivityType {
    /// The staffing class: time off if `timeoff` or category `time_off`, else productive if
    /// `productive`, else default.
    ///
    /// # Example
    ///
    /// ```
    /// let t: wfm_core::ActivityType = serde_json::from_str(r#"{"id": "lunch", "category": "lunch"}"#)?;
    /// assert_eq!(t.kind(), wfm_core::ActivityKind::Default);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ActivityKind {
        if self.timeoff || self.category == Some(ActivityCategory::TimeOff) {
            ActivityKind::TimeOff
        } else if self.productive {
            ActivityKind::Productive
        } else {
            ActivityKind::Default
        }
    }
}

fn is_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

impl Record for ActivityType {
    const KIND: &'static str = "activity-types";
    const COLLECTION_KEYS: &'static [&'static str] = &["activity_types", "types"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("id", self.id.as_str());
        if self.productive && self.kind() == ActivityKind::TimeOff {
            let (other_field, other) = if self.timeoff {
                ("timeoff", "true".to_owned())
            } else {
                ("category", "\"time_off\"".to_owned())
            };
            c.push(
                "productive",
                true,
                ProblemKind::Contradicts { other_field, other },
            );
        }
        for (field, color) in [("color", &self.color), ("font_color", &self.font_color)] {
            if let Some(col) = color.as_deref().filter(|s| !is_color(s)) {
                c.push(field, col, ProblemKind::InvalidColor);
            }
        }
        c.finish()
    }
}

/// A scheduled activity (an "event") on an agent's calendar, half-open `[start_time, end_time)`.
///
/// `type_id` accepts the spec's `activity_type_id`; `description` accepts `notes`.
///
/// # Example
///
/// ```
/// use wfm_core::{Activity, Record};
/// let a: Activity = serde_json::from_str(
///     r#"{"id": "e1", "agent_id": "a1", "activity_type_id": "phone",
///         "start_time": "2024-01-01T09:00:00Z", "end_time": 1704128400, "notes": "x"}"#,
/// )?;
/// assert_eq!(a.type_id.as_str(), "phone");
/// assert_eq!(a.end_time - a.start_time, 8 * 3600);
/// assert_eq!(a.description.as_deref(), Some("x"));
/// assert!(a.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Activity id (recurs across occurrences of a recurring event).
    pub id: ActivityId,
    /// The agent.
    pub agent_id: AgentId,
    /// The activity type (`activity_type_id` accepted).
    #[serde(alias = "activity_type_id")]
    pub type_id: ActivityTypeId,
    /// Start, unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub start_time: i64,
    /// End (exclusive), unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub end_time: i64,
    /// Free text (`notes` accepted).
    #[serde(default, alias = "notes", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unique key of one occurrence (the real map key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_with_timestamps: Option<String>,
    /// Queues (spec only).
    #[serde(
        default,
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub queue_ids: Vec<QueueId>,
    /// Site (spec only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_id: Option<SiteId>,
    /// Idempotency key for bulk import (spec only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Draft schedule; `None` is the master schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_id: Option<String>,
    /// Whether overlapping creates are allowed (real API default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_conflicts: Option<bool>,
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

impl Activity {
    /// An activity with the required fields set and the rest empty.
    ///
    /// # Example
    ///
    /// ```
    /// let a = wfm_core::Activity::new("e1", "a1", "phone", 0, 3_600);
    /// assert_eq!(a.agent_id.as_str(), "a1");
    /// assert!(a.description.is_none());
    /// ```
    pub fn new(
        id: impl Into<ActivityId>,
        agent_id: impl Into<AgentId>,
        type_id: impl Into<ActivityTypeId>,
        start_time: i64,
        end_time: i64,
    ) -> Self {
        Self {
            id: id.into(),
            agent_id: agent_id.into(),
            type_id: type_id.into(),
            start_time,
            end_time,
            ..Self::default()
        }
    }
}

impl Record for Activity {
    const KIND: &'static str = "activities";
    const COLLECTION_KEYS: &'static [&'static str] = &["activities", "events"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("id", self.id.as_str());
        c.non_empty("agent_id", self.agent_id.as_str());
        c.non_empty("type_id", self.type_id.as_str());
        c.ordered(
            ("start_time", self.start_time),
            ("end_time", self.end_time),
            false,
        );
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradictory_type_and_bad_colour() {
        let t: ActivityType = serde_json::from_str(
            r##"{"id": "x", "productive": true, "timeoff": true, "color": "blue", "font_color": "#FFFFFF"}"##,
        )
        .unwrap();
        let fields: Vec<_> = t.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["productive", "color"]);
        assert_eq!(t.kind(), ActivityKind::TimeOff);
    }

    #[test]
    fn zero_length_activity_is_invalid() {
        let a = Activity::new("e", "a", "t", 10, 10);
        let p = a.validate();
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].to_string(),
            "`end_time` = 10: must be after `start_time` (10)"
        );
    }
}
