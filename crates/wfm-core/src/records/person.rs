//! `Person`: an agent or other member of the organisation.

use super::problem::{Checks, ProblemKind};
use crate::{AgentId, Channel, PersonId, Problem, QueueId, Record, SiteId, SkillId, TeamId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A person, as returned by `/people` (real shape) or the reconstructed spec.
///
/// Field names follow the real API; the spec's spellings are accepted as aliases: `team_ids` for
/// `teams`, `site_id` for `site`, `skill_ids` for `skills`, `queue_ids` for `queues`,
/// `platform_ids` for `platforms`, `import_id` for `imported_id`. A person's `id` differs from its
/// `agent_id`, which states and activities use.
///
/// # Example
///
/// ```
/// use wfm_core::{Person, Record};
/// let p: Person = serde_json::from_str(
///     r#"{"id": "p1", "agent_id": "a1", "name": "Ada", "team_ids": ["t1"], "site_id": 7,
///         "timezone": "Europe/London", "channels": ["phone", "chat"]}"#,
/// )?;
/// assert_eq!(p.teams[0].as_str(), "t1");
/// assert_eq!(p.site.as_ref().map(|s| s.as_str()), Some("7"));
/// assert!(p.validate().is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Person id.
    pub id: PersonId,
    /// Agent id used by states, activities and working hours; `None` for non-agents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Role (`role` in the real API, `role_id` in the spec).
    #[serde(default, alias = "role_id", skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Channels the person may be scheduled or routed on.
    #[serde(
        default,
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub channels: Vec<Channel>,
    /// Teams (`team_ids` in the spec).
    #[serde(
        default,
        alias = "team_ids",
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub teams: Vec<TeamId>,
    /// Site (`site_id` in the spec); the site carries a time zone.
    #[serde(default, alias = "site_id", skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteId>,
    /// Skills (`skill_ids` in the spec).
    #[serde(
        default,
        alias = "skill_ids",
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub skills: Vec<SkillId>,
    /// Queues (`queue_ids` in the spec).
    #[serde(
        default,
        alias = "queue_ids",
        deserialize_with = "crate::lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub queues: Vec<QueueId>,
    /// Upstream ids per platform (`{"zendesk": "123"}`; `platform_ids` in the spec).
    #[serde(
        default,
        alias = "platform_ids",
        deserialize_with = "crate::lenient::string_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub platforms: BTreeMap<String, String>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Id in the importing system (`import_id` accepted).
    #[serde(default, alias = "import_id", skip_serializing_if = "Option::is_none")]
    pub imported_id: Option<String>,
    /// First day of employment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    /// Last day of employment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    /// Whether the person can be scheduled on the staffing timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staffable: Option<bool>,
    /// Productivity factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub productivity: Option<f64>,
    /// Whether the person is active (spec); absent means active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Whether the person is deleted (real API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
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

impl Person {
    /// Whether the person is active: not deleted and not marked inactive.
    ///
    /// # Example
    ///
    /// ```
    /// let p: wfm_core::Person = serde_json::from_str(r#"{"id": "p", "deleted": true}"#)?;
    /// assert!(!p.is_active());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.active != Some(false) && self.deleted != Some(true)
    }
}

impl Record for Person {
    const KIND: &'static str = "people";
    const COLLECTION_KEYS: &'static [&'static str] = &["people", "agents"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("id", self.id.as_str());
        if let Some(agent) = &self.agent_id {
            c.non_empty("agent_id", agent.as_str());
        }
        if let Some(email) = &self.email {
            let ok = email
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && !host.is_empty());
            if !ok {
                c.push("email", email, ProblemKind::InvalidEmail);
            }
        }
        if let Some(tz) = &self.timezone {
            c.time_zone("timezone", tz);
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date) {
            if end < start {
                c.push(
                    "end_date",
                    end,
                    ProblemKind::EndNotAfterStart {
                        start_field: "start_date",
                        start: start.to_string(),
                        allow_equal: true,
                    },
                );
            }
        }
        if let Some(p) = self.productivity {
            c.non_negative("productivity", p);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem() {
        let p: Person = serde_json::from_str(
            r#"{"id": " ", "email": "nobody", "timezone": "Mars/Base",
                "start_date": "2024-02-01", "end_date": "2024-01-01", "productivity": -1}"#,
        )
        .unwrap();
        let fields: Vec<_> = p.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["id", "email", "timezone", "end_date", "productivity"]
        );
    }

    #[test]
    fn null_lists_are_empty_and_output_uses_real_names() {
        let p: Person =
            serde_json::from_str(r#"{"id": "p", "skill_ids": null, "queue_ids": ["q"]}"#).unwrap();
        assert!(p.skills.is_empty());
        let out = serde_json::to_value(&p).unwrap();
        assert_eq!(out["queues"][0], "q");
    }
}
