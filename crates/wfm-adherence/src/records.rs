//! Serde records in Assembled's shapes (real-API names, with A-style aliases), and their
//! conversion to the engine's inputs. Times accept unix seconds or RFC 3339.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::activity::{ActivityKind, ActivityType};
use crate::directory::{AgentDirectory, parse_time_zone};
use crate::error::Result;
use crate::mapping::{MapTarget, StateMapping, StatePrimary};
use crate::schedule::ActivityInput;
use crate::states::StateRecord;
use crate::time::TimeValue;

/// A raw agent state (`GET /agents/states`, `POST /agents/state/bulk`).
///
/// # Example
///
/// ```
/// use wfm_adherence::{AgentStateRecord, TimeValue};
/// let r = AgentStateRecord {
///     agent_id: Some("a1".into()), agent_platform_id: None, platform: "five9".into(),
///     state: "Ready".into(), start_time: TimeValue::Text("2024-01-01T09:00:00Z".into()),
///     end_time: None, modified_at: None,
/// };
/// let input = r.to_record()?;
/// assert_eq!((input.start, input.end), (1_704_099_600, None));
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentStateRecord {
    /// The agent id (`agent_import_id` in older clients).
    #[serde(default, alias = "agent_import_id")]
    pub agent_id: Option<String>,
    /// The platform's own agent id.
    #[serde(default)]
    pub agent_platform_id: Option<String>,
    /// The platform (`source` in the A-style API).
    #[serde(alias = "source")]
    pub platform: String,
    /// The platform's state label.
    pub state: String,
    /// Start time.
    pub start_time: TimeValue,
    /// End time; null or absent while open.
    #[serde(default)]
    pub end_time: Option<TimeValue>,
    /// Last modification time.
    #[serde(default)]
    pub modified_at: Option<TimeValue>,
}

impl AgentStateRecord {
    /// Converts to a borrowed [`StateRecord`], resolving times.
    ///
    /// # Errors
    ///
    /// The errors of [`TimeValue::resolve`].
    ///
    /// # Example
    ///
    /// See [`AgentStateRecord`].
    pub fn to_record(&self) -> Result<StateRecord<'_>> {
        Ok(StateRecord {
            agent_id: self.agent_id.as_deref(),
            agent_platform_id: self.agent_platform_id.as_deref(),
            platform: &self.platform,
            state: &self.state,
            start: self.start_time.resolve("start_time")?,
            end: self
                .end_time
                .as_ref()
                .map(|t| t.resolve("end_time"))
                .transpose()?,
            modified_at: self
                .modified_at
                .as_ref()
                .map(|t| t.resolve("modified_at"))
                .transpose()?
                .unwrap_or(i64::MIN),
        })
    }
}

/// A scheduled activity (`/activities`).
///
/// # Example
///
/// ```
/// use wfm_adherence::{ActivityRecord, TimeValue};
/// let r = ActivityRecord { agent_id: "a".into(), type_id: "phone".into(),
///     start_time: TimeValue::Seconds(0), end_time: TimeValue::Seconds(60) };
/// assert_eq!(r.to_input()?.end, 60);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// The agent.
    pub agent_id: String,
    /// The activity type (`activity_type_id` in the A-style API).
    #[serde(alias = "activity_type_id")]
    pub type_id: String,
    /// Start time.
    pub start_time: TimeValue,
    /// End time.
    pub end_time: TimeValue,
}

impl ActivityRecord {
    /// Converts to a borrowed [`ActivityInput`], resolving times.
    ///
    /// # Errors
    ///
    /// The errors of [`TimeValue::resolve`].
    ///
    /// # Example
    ///
    /// See [`ActivityRecord`].
    pub fn to_input(&self) -> Result<ActivityInput<'_>> {
        Ok(ActivityInput::new(
            &self.agent_id,
            &self.type_id,
            self.start_time.resolve("start_time")?,
            self.end_time.resolve("end_time")?,
        ))
    }
}

/// An activity type (`/activity_types`): `productive` and `timeoff` flags as in the real API.
///
/// # Example
///
/// ```
/// use wfm_adherence::{ActivityKind, ActivityTypeRecord};
/// let r = ActivityTypeRecord { id: "pto".into(), name: None, productive: false, timeoff: true,
///     channels: vec![], category: None };
/// assert_eq!(r.to_type().kind, ActivityKind::TimeOff);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityTypeRecord {
    /// The id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Productive (customer work) type.
    #[serde(default)]
    pub productive: bool,
    /// Time-off type (wins over `productive`).
    #[serde(default)]
    pub timeoff: bool,
    /// Channels of a productive type.
    #[serde(default)]
    pub channels: Vec<String>,
    /// Category such as `break`, `lunch`, `meeting`, `training`.
    #[serde(default)]
    pub category: Option<String>,
}

impl ActivityTypeRecord {
    /// Converts to an [`ActivityType`].
    ///
    /// # Example
    ///
    /// See [`ActivityTypeRecord`].
    #[must_use]
    pub fn to_type(&self) -> ActivityType {
        let kind = if self.timeoff {
            ActivityKind::TimeOff
        } else if self.productive {
            ActivityKind::Productive
        } else {
            ActivityKind::Default
        };
        let mut t = ActivityType::new(self.id.clone(), kind);
        if let Some(n) = &self.name {
            t = t.with_name(n.clone());
        }
        for c in &self.channels {
            t = t.with_channel(c);
        }
        if let Some(c) = &self.category {
            t = t.with_category(c);
        }
        t
    }
}

/// One state mapping: `maps_to` holds [`MapTarget`] strings, `primary` a [`StatePrimary`].
///
/// # Example
///
/// ```
/// use wfm_adherence::{MappingRecord, StateMapping};
/// let r = MappingRecord { platform: "five9".into(), state: "Ready".into(),
///     maps_to: vec!["productive:phone".into()], primary: Some("available".into()) };
/// let m = r.apply(StateMapping::new())?;
/// assert!(m.is_mapped("five9", "Ready"));
/// # Ok::<(), wfm_adherence::Error>(())
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
    /// [`Error::InvalidMapTarget`](crate::Error::InvalidMapTarget) or
    /// [`Error::InvalidStatePrimary`](crate::Error::InvalidStatePrimary).
    ///
    /// # Example
    ///
    /// See [`MappingRecord`].
    pub fn apply(&self, mapping: StateMapping) -> Result<StateMapping> {
        let targets = self
            .maps_to
            .iter()
            .map(|t| t.parse::<MapTarget>())
            .collect::<Result<Vec<_>>>()?;
        let mut m = mapping.with_state(self.platform.clone(), self.state.clone(), targets);
        if let Some(p) = &self.primary {
            m = m.with_primary(
                self.platform.clone(),
                self.state.clone(),
                p.parse::<StatePrimary>()?,
            );
        }
        Ok(m)
    }
}

/// An agent: id, IANA time zone and platform ids (`platforms`/`platform_ids`).
///
/// # Example
///
/// ```
/// use wfm_adherence::{AgentDirectory, PersonRecord, Tz};
/// let p = PersonRecord { agent_id: "a".into(), timezone: Some("Asia/Tokyo".into()),
///     platforms: [("five9".to_string(), "f1".to_string())].into() };
/// let d = p.apply(AgentDirectory::new())?;
/// assert_eq!(d.time_zone("a"), Tz::Asia__Tokyo);
/// assert_eq!(d.resolve(None, Some("f1"), "five9")?, "a");
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// The agent id.
    pub agent_id: String,
    /// IANA time zone; UTC when absent.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Platform → the platform's id for this agent.
    #[serde(default, alias = "platform_ids")]
    pub platforms: BTreeMap<String, String>,
}

impl PersonRecord {
    /// Registers this agent (and its associations) in `directory`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownTimeZone`](crate::Error::UnknownTimeZone).
    ///
    /// # Example
    ///
    /// See [`PersonRecord`].
    pub fn apply(&self, directory: AgentDirectory) -> Result<AgentDirectory> {
        let tz = match &self.timezone {
            Some(name) => parse_time_zone(name)?,
            None => chrono_tz::Tz::UTC,
        };
        let mut d = directory.with_agent(self.agent_id.clone(), tz);
        for (platform, id) in &self.platforms {
            d = d.with_association(platform.clone(), id.clone(), self.agent_id.clone());
        }
        Ok(d)
    }
}
