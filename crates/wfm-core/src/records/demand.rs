//! Demand rows: staffing requirements and forecast intervals.

use super::problem::{Checks, ProblemKind};
use crate::{Channel, Problem, QueueId, Record, RequirementTypeId, SiteId, SkillId, TeamId};
use serde::{Deserialize, Serialize};

/// A staffing requirement over `[start_time, end_time)` for a slice (queue, site, team, skill).
/// `required_count` may be fractional.
///
/// # Example
///
/// ```
/// use wfm_core::{Record, Requirement};
/// let r = Requirement::new("headcount", 0, 1_800, 12.4);
/// assert!(r.validate().is_empty());
/// let json = serde_json::to_value(&r)?;
/// assert_eq!(json["required_count"], 12.4);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Requirement id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The requirement type (e.g. headcount).
    pub requirement_type_id: RequirementTypeId,
    /// Queue slice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<QueueId>,
    /// Site slice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_id: Option<SiteId>,
    /// Team slice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<TeamId>,
    /// Skill slice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_id: Option<SkillId>,
    /// Start, unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub start_time: i64,
    /// End (exclusive), unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub end_time: i64,
    /// Required staff (fractional allowed).
    pub required_count: f64,
}

impl Requirement {
    /// A requirement with no slice fields set.
    ///
    /// # Example
    ///
    /// ```
    /// let r = wfm_core::Requirement::new("headcount", 0, 900, 3.0);
    /// assert!(r.queue_id.is_none());
    /// ```
    pub fn new(
        requirement_type_id: impl Into<RequirementTypeId>,
        start_time: i64,
        end_time: i64,
        required_count: f64,
    ) -> Self {
        Self {
            requirement_type_id: requirement_type_id.into(),
            start_time,
            end_time,
            required_count,
            ..Self::default()
        }
    }
}

impl Record for Requirement {
    const KIND: &'static str = "requirements";
    const COLLECTION_KEYS: &'static [&'static str] = &["requirements"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("requirement_type_id", self.requirement_type_id.as_str());
        c.ordered(
            ("start_time", self.start_time),
            ("end_time", self.end_time),
            false,
        );
        c.non_negative("required_count", self.required_count);
        c.finish()
    }
}

/// One forecast interval row (`/forecasts`): volume, AHT and required agents for a queue and
/// channel over `[start_time, end_time)`, which must span `interval_minutes`.
///
/// # Example
///
/// ```
/// use wfm_core::{Channel, ForecastInterval, Record};
/// let f = ForecastInterval::new("q1", Channel::Phone, 0, 30, 120.0, 300.0);
/// assert_eq!(f.end_time, 1_800);
/// assert!(f.validate().is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastInterval {
    /// Row id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The queue.
    pub queue_id: QueueId,
    /// The channel.
    pub channel: Channel,
    /// Start, unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub start_time: i64,
    /// End (exclusive), unix seconds.
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    pub end_time: i64,
    /// Interval length in minutes.
    pub interval_minutes: u32,
    /// Expected contacts.
    pub volume: f64,
    /// Expected average handle time, seconds.
    pub aht_seconds: f64,
    /// Agents required (absent before staffing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_agents: Option<f64>,
}

impl ForecastInterval {
    /// A row for the interval starting at `start_time`; `end_time` is derived.
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_core::ForecastInterval::new("q", wfm_core::Channel::Chat, 900, 15, 4.0, 240.0);
    /// assert_eq!(f.end_time, 1_800);
    /// assert!(f.required_agents.is_none());
    /// ```
    pub fn new(
        queue_id: impl Into<QueueId>,
        channel: Channel,
        start_time: i64,
        interval_minutes: u32,
        volume: f64,
        aht_seconds: f64,
    ) -> Self {
        Self {
            id: None,
            queue_id: queue_id.into(),
            channel,
            start_time,
            end_time: start_time.saturating_add(i64::from(interval_minutes) * 60),
            interval_minutes,
            volume,
            aht_seconds,
            required_agents: None,
        }
    }
}

impl Record for ForecastInterval {
    const KIND: &'static str = "forecasts";
    const COLLECTION_KEYS: &'static [&'static str] = &["forecasts", "intervals"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("queue_id", self.queue_id.as_str());
        if crate::grid::check_interval_minutes(self.interval_minutes).is_err() {
            c.push(
                "interval_minutes",
                self.interval_minutes,
                ProblemKind::InvalidIntervalMinutes,
            );
        } else if self.end_time - self.start_time != i64::from(self.interval_minutes) * 60 {
            c.push(
                "end_time",
                self.end_time,
                ProblemKind::Contradicts {
                    other_field: "interval_minutes",
                    other: self.interval_minutes.to_string(),
                },
            );
        }
        c.non_negative("volume", self.volume);
        c.non_negative("aht_seconds", self.aht_seconds);
        if let Some(r) = self.required_agents {
            c.non_negative("required_agents", r);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forecast_problems() {
        let mut f = ForecastInterval::new("q", Channel::Email, 0, 30, -1.0, 10.0);
        f.end_time = 60;
        let fields: Vec<_> = f.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["end_time", "volume"]);
        f.interval_minutes = 7;
        assert_eq!(f.validate()[0].field, "interval_minutes");
    }

    #[test]
    fn requirement_problems() {
        let r = Requirement::new("", 10, 0, -0.5);
        let fields: Vec<_> = r.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["requirement_type_id", "end_time", "required_count"]
        );
    }
}
