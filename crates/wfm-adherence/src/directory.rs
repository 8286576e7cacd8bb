//! Who the agents are: known agent ids, their time zones, and platform associations.

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::error::{Error, Result};

/// Resolves state records to agents and agents to time zones.
///
/// An *open* directory (the default) accepts any `agent_id`; after [`AgentDirectory::closed`]
/// only registered agents are accepted and others get [`Error::UnknownAgent`]. Platform agent
/// ids resolve through associations (`(platform, platform_id) -> agent_id`, Assembled's
/// `/agents/associations`).
///
/// # Example
///
/// ```
/// use wfm_adherence::{AgentDirectory, Tz};
/// let dir = AgentDirectory::new()
///     .with_agent("a1", Tz::Europe__Budapest)
///     .with_association("five9", "f-17", "a1")
///     .closed(true);
/// assert_eq!(dir.resolve(None, Some("f-17"), "five9")?, "a1");
/// assert!(dir.resolve(Some("zz"), None, "five9").is_err());
/// assert_eq!(dir.time_zone("a1"), Tz::Europe__Budapest);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct AgentDirectory {
    closed: bool,
    default_tz: Option<Tz>,
    agents: HashMap<String, Tz>,
    associations: HashMap<(String, String), String>,
}

impl AgentDirectory {
    /// An open directory with no agents, associations or zones (agents default to UTC).
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_adherence::AgentDirectory::new();
    /// assert_eq!(d.resolve(Some("x"), None, "api")?, "x");
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers an agent and its time zone.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, Tz};
    /// let d = AgentDirectory::new().with_agent("a", Tz::Asia__Tokyo);
    /// assert_eq!(d.time_zone("a"), Tz::Asia__Tokyo);
    /// ```
    #[must_use]
    pub fn with_agent(mut self, agent_id: impl Into<String>, tz: Tz) -> Self {
        self.agents.insert(agent_id.into(), tz);
        self
    }

    /// Registers that `platform_id` on `platform` is `agent_id`.
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_adherence::AgentDirectory::new().with_association("zendesk", "z9", "a");
    /// assert_eq!(d.resolve(None, Some("z9"), "zendesk")?, "a");
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn with_association(
        mut self,
        platform: impl Into<String>,
        platform_id: impl Into<String>,
        agent_id: impl Into<String>,
    ) -> Self {
        self.associations
            .insert((platform.into(), platform_id.into()), agent_id.into());
        self
    }

    /// The zone of agents registered without one and of unregistered agents (default UTC).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, Tz};
    /// let d = AgentDirectory::new().with_default_time_zone(Tz::America__New_York);
    /// assert_eq!(d.time_zone("anyone"), Tz::America__New_York);
    /// ```
    #[must_use]
    pub fn with_default_time_zone(mut self, tz: Tz) -> Self {
        self.default_tz = Some(tz);
        self
    }

    /// Whether only registered agents are accepted.
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_adherence::AgentDirectory::new().closed(true);
    /// assert!(d.resolve(Some("x"), None, "api").is_err());
    /// ```
    #[must_use]
    pub fn closed(mut self, closed: bool) -> Self {
        self.closed = closed;
        self
    }

    /// Registered agent ids (any order).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, Tz};
    /// let d = AgentDirectory::new().with_agent("a", Tz::UTC);
    /// assert_eq!(d.agents().count(), 1);
    /// ```
    pub fn agents(&self) -> impl Iterator<Item = &str> {
        self.agents.keys().map(String::as_str)
    }

    /// Platforms that appear in associations.
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_adherence::AgentDirectory::new().with_association("five9", "1", "a");
    /// assert_eq!(d.platforms().collect::<Vec<_>>(), ["five9"]);
    /// ```
    pub fn platforms(&self) -> impl Iterator<Item = &str> {
        self.associations.keys().map(|(p, _)| p.as_str())
    }

    /// The time zone of `agent_id`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_adherence::AgentDirectory::new().time_zone("a"), wfm_adherence::Tz::UTC);
    /// ```
    #[must_use]
    pub fn time_zone(&self, agent_id: &str) -> Tz {
        self.agents
            .get(agent_id)
            .copied()
            .or(self.default_tz)
            .unwrap_or(Tz::UTC)
    }

    /// Resolves a record's agent: `agent_id` if given, else `platform_id` through associations.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownAgent`] for an unregistered id in a closed directory,
    /// [`Error::UnresolvedPlatformId`] when no association matches,
    /// [`Error::MissingAgent`] when neither id is given, [`Error::EmptyName`] for `""`.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, Error};
    /// let d = AgentDirectory::new();
    /// assert_eq!(d.resolve(None, None, "api"), Err(Error::MissingAgent));
    /// ```
    pub fn resolve<'a>(
        &'a self,
        agent_id: Option<&'a str>,
        platform_id: Option<&str>,
        platform: &str,
    ) -> Result<&'a str> {
        match (agent_id, platform_id) {
            (Some(""), _) => Err(Error::EmptyName { field: "agent_id" }),
            (Some(id), _) => {
                if self.closed && !self.agents.contains_key(id) {
                    Err(Error::UnknownAgent {
                        agent_id: id.to_owned(),
                    })
                } else {
                    Ok(id)
                }
            }
            (None, Some(pid)) => {
                let key = (platform.to_owned(), pid.to_owned());
                match self.associations.get(&key) {
                    Some(id) => self.resolve(Some(id.as_str()), None, platform),
                    None => Err(Error::UnresolvedPlatformId {
                        platform: platform.to_owned(),
                        platform_id: pid.to_owned(),
                    }),
                }
            }
            (None, None) => Err(Error::MissingAgent),
        }
    }
}

/// Parses an IANA time zone name such as `Europe/Budapest`.
///
/// # Errors
///
/// [`Error::UnknownTimeZone`] if chrono-tz does not know the name.
///
/// # Example
///
/// ```
/// use wfm_adherence::{parse_time_zone, Tz};
/// assert_eq!(parse_time_zone("Europe/Budapest")?, Tz::Europe__Budapest);
/// assert!(parse_time_zone("Mars/Olympus").is_err());
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
pub fn parse_time_zone(name: &str) -> Result<Tz> {
    wfm_core::parse_time_zone(name).map_err(|_| Error::UnknownTimeZone {
        name: name.to_owned(),
    })
}
