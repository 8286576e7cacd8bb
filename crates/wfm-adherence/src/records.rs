//! The edge to `wfm-core`: conversions from its Assembled-shaped records (agent states,
//! activities, activity types, people), and the state-mapping record this crate adds.

use serde::{Deserialize, Serialize};

use crate::activity::{ActivityKind, ActivityType};
use crate::directory::{AgentDirectory, parse_time_zone};
use crate::error::Result;
use crate::mapping::{MapTarget, StateMapping, StatePrimary};
use crate::schedule::ActivityInput;
use crate::states::StateRecord;

impl<'a> From<&'a wfm_core::AgentState> for StateRecord<'a> {
    /// Borrows a core agent state; an empty `agent_id` defers to `agent_platform_id`, and a
    /// missing `modified_at` sorts oldest.
    ///
    /// # Example
    ///
    /// ```
    /// let s: wfm_core::AgentState = serde_json::from_str(
    ///     r#"{"agent_id": "", "agent_platform_id": "f1", "platform": "five9", "state": "Ready", "start_time": 5}"#)?;
    /// let r = wfm_adherence::StateRecord::from(&s);
    /// assert_eq!((r.agent_id, r.agent_platform_id, r.end), (None, Some("f1"), None));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn from(s: &'a wfm_core::AgentState) -> Self {
        let agent = s.agent_id.as_str();
        StateRecord {
            agent_id: (!agent.is_empty()).then_some(agent),
            agent_platform_id: s.agent_platform_id.as_deref(),
            platform: s.platform.as_deref().unwrap_or(""),
            state: &s.state,
            start: s.start_time,
            end: s.end_time,
            modified_at: s.modified_at.unwrap_or(i64::MIN),
        }
    }
}

impl<'a> From<&'a wfm_core::Activity> for ActivityInput<'a> {
    /// Borrows a core activity.
    ///
    /// # Example
    ///
    /// ```
    /// let a: wfm_core::Activity = serde_json::from_str(
    ///     r#"{"id": "e", "agent_id": "a", "type_id": "phone", "start_time": 0, "end_time": 60}"#)?;
    /// assert_eq!(wfm_adherence::ActivityInput::from(&a).end, 60);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn from(a: &'a wfm_core::Activity) -> Self {
        ActivityInput::new(
            a.agent_id.as_str(),
            a.type_id.as_str(),
            a.start_time,
            a.end_time,
        )
    }
}

impl From<&wfm_core::ActivityType> for ActivityType {
    /// Converts a core activity type (kind from `productive`/`timeoff`, channels, category).
    ///
    /// # Example
    ///
    /// ```
    /// let t: wfm_core::ActivityType = serde_json::from_str(
    ///     r#"{"id": "l", "name": "Lunch", "category": "lunch"}"#)?;
    /// let t = wfm_adherence::ActivityType::from(&t);
    /// assert_eq!((t.kind, t.category.as_deref()), (wfm_adherence::ActivityKind::Default, Some("lunch")));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn from(t: &wfm_core::ActivityType) -> Self {
        let kind = match t.kind() {
            wfm_core::ActivityKind::Productive => ActivityKind::Productive,
            wfm_core::ActivityKind::Default => ActivityKind::Default,
            wfm_core::ActivityKind::TimeOff => ActivityKind::TimeOff,
        };
        let mut out = ActivityType::new(t.id.as_str(), kind);
        if let Some(name) = &t.name {
            out = out.with_name(name.clone());
        }
        for c in &t.channels {
            out = out.with_channel(c.as_str());
        }
        if let Some(c) = t.category {
            use wfm_core::ActivityCategory as C;
            out = out.with_category(match c {
                C::Shift => "shift",
                C::Break => "break",
                C::Lunch => "lunch",
                C::Meeting => "meeting",
                C::Training => "training",
                C::TimeOff => "time_off",
                C::Project => "project",
            });
        }
        out
    }
}

impl AgentDirectory {
    /// Registers a core person: its `agent_id`, `timezone` (UTC when absent) and `platforms`
    /// associations. People without an `agent_id` are skipped.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownTimeZone`](crate::Error::UnknownTimeZone).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, Tz};
    /// let p: wfm_core::Person = serde_json::from_str(
    ///     r#"{"id": "p1", "agent_id": "a1", "timezone": "Asia/Tokyo", "platforms": {"five9": "f1"}}"#)?;
    /// let d = AgentDirectory::new().with_person(&p)?;
    /// assert_eq!(d.time_zone("a1"), Tz::Asia__Tokyo);
    /// assert_eq!(d.resolve(None, Some("f1"), "five9")?, "a1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_person(self, person: &wfm_core::Person) -> Result<Self> {
        let Some(agent) = &person.agent_id else {
            return Ok(self);
        };
        let tz = match &person.timezone {
            Some(name) => parse_time_zone(name)?,
            None => chrono_tz::Tz::UTC,
        };
        let mut d = self.with_agent(agent.as_str(), tz);
        for (platform, id) in &person.platforms {
            d = d.with_association(platform.clone(), id.clone(), agent.as_str());
        }
        Ok(d)
    }
}

/// One state mapping: `maps_to` holds [`MapTarget`] strings, `primary` a [`StatePrimary`].
/// Files hold an array of these or `{"mappings": [...]}`.
///
/// # Example
///
/// ```
/// use wfm_adherence::{MappingRecord, StateMapping};
/// let r: MappingRecord = serde_json::from_str(
///     r#"{"platform": "five9", "state": "Ready", "maps_to": ["productive:phone"], "primary": "available"}"#)?;
/// let m = r.apply(StateMapping::new())?;
/// assert!(m.is_mapped("five9", "Ready"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingRecord {
    /// The platform.
    pub platform: String,
    /// The state label.
    pub state: String,
    /// Targets, e.g. `productive:phone`, `break`, `type:pto`.
    #[serde(default)]
    pub maps_to: Vec<String>,
    /// The normalised state, e.g. `occupied`.
    #[serde(default)]
    pub primary: Option<String>,
}

impl MappingRecord {
    /// Adds this record to `mapping`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidMapTarget`](crate::Error::InvalidMapTarget),
    /// [`Error::InvalidStatePrimary`](crate::Error::InvalidStatePrimary), or
    /// [`Error::EmptyName`](crate::Error::EmptyName) for an empty platform or state.
    ///
    /// # Example
    ///
    /// See [`MappingRecord`].
    pub fn apply(&self, mapping: StateMapping) -> Result<StateMapping> {
        if self.platform.is_empty() {
            return Err(crate::Error::EmptyName { field: "platform" });
        }
        if self.state.is_empty() {
            return Err(crate::Error::EmptyName { field: "state" });
        }
        let targets = self
            .maps_to
            .iter()
            .map(|t| t.parse::<MapTarget>())
            .collect::<Result<Vec<_>>>()?;
        let primary = self
            .primary
            .as_deref()
            .map(str::parse::<StatePrimary>)
            .transpose()?;
        let mut m = mapping.with_state(self.platform.clone(), self.state.clone(), targets);
        if let Some(p) = primary {
            m = m.with_primary(self.platform.clone(), self.state.clone(), p);
        }
        Ok(m)
    }
}

impl wfm_core::Record for MappingRecord {
    const KIND: &'static str = "state-mappings";
    const COLLECTION_KEYS: &'static [&'static str] = &["mappings", "agent_state_mappings"];
    const ID_FIELD: Option<&'static str> = None;

    /// Structural checks happen in [`MappingRecord::apply`], which returns typed errors.
    fn validate(&self) -> Vec<wfm_core::Problem> {
        Vec::new()
    }
}
