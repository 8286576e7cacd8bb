//! Report filters (queue, channel, agent, team) and grouping keys.

use std::collections::{HashMap, HashSet};

use crate::input::{Channel, channel_index};
use crate::record::Fact;
use crate::store::ConversationStore;

/// The dimension report rows are grouped by, besides the period.
///
/// # Example
///
/// ```
/// use wfm_reports::GroupBy;
/// assert_eq!(GroupBy::parse("agent"), Some(GroupBy::Agent));
/// assert_eq!(GroupBy::parse("site"), None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroupBy {
    /// One row per period.
    #[default]
    Total,
    /// One row per (period, queue).
    Queue,
    /// One row per (period, channel).
    Channel,
    /// One row per (period, agent), after platform associations.
    Agent,
    /// One row per (period, team) of the conversation's agent, per the caller's agent ->
    /// teams directory ([`ReportQuery::team_directory`](crate::ReportQuery::team_directory)).
    /// A conversation whose agent is in several teams counts in each of them, so team
    /// rows can add up to more than the period's total; conversations without an agent,
    /// or whose agent is in no team, form the row without a group name.
    Team,
}

impl GroupBy {
    /// Parses `total`, `queue`, `channel`, `agent` or `team`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::GroupBy::parse("queue"), Some(wfm_reports::GroupBy::Queue));
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "total" => Some(GroupBy::Total),
            "queue" => Some(GroupBy::Queue),
            "channel" => Some(GroupBy::Channel),
            "agent" => Some(GroupBy::Agent),
            "team" => Some(GroupBy::Team),
            _ => None,
        }
    }

    /// Number of group slots for this store (symbol 0 is "none"); teams are slotted by
    /// `grouping::Groups`, which owns the directory.
    pub(crate) fn slots(self, store: &ConversationStore) -> usize {
        match self {
            GroupBy::Total | GroupBy::Team => 1,
            GroupBy::Queue => store.queues.len(),
            GroupBy::Channel => Channel::ALL.len(),
            GroupBy::Agent => store.agents.len(),
        }
    }

    #[inline]
    pub(crate) fn slot(self, f: &Fact) -> usize {
        match self {
            GroupBy::Total | GroupBy::Team => 0,
            GroupBy::Queue => f.queue as usize,
            GroupBy::Channel => channel_index(f.channel),
            GroupBy::Agent => f.agent as usize,
        }
    }

    /// The group's name; `None` for the total and for conversations without a queue or agent.
    pub(crate) fn name(self, store: &ConversationStore, slot: usize) -> Option<String> {
        let sym = u32::try_from(slot).ok()?;
        match self {
            GroupBy::Total | GroupBy::Team => None,
            GroupBy::Queue => store.queues.name(sym).map(str::to_owned),
            GroupBy::Channel => Channel::ALL.get(slot).map(|c| c.as_str().to_owned()),
            GroupBy::Agent => store.agents.name(sym).map(str::to_owned),
        }
    }
}

/// Which conversations a report counts. Every set given must contain the value; an
/// unset dimension accepts everything.
///
/// Teams are resolved through a directory from agent id to team ids supplied by the
/// caller (conversations carry no team).
///
/// # Example
///
/// ```
/// use std::collections::HashMap;
/// use wfm_reports::{Channel, ReportFilter};
/// let directory = HashMap::from([("agent-1".to_string(), vec!["team-a".to_string()])]);
/// let f = ReportFilter::default()
///     .channels([Channel::Chat, Channel::Email])
///     .teams(["team-a"], &directory);
/// assert!(f.accepts_agent(Some("agent-1")));
/// assert!(!f.accepts_agent(Some("agent-2")));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportFilter {
    queues: Option<HashSet<String>>,
    channels: Option<[bool; 6]>,
    agents: Option<HashSet<String>>,
}

impl ReportFilter {
    /// Keeps conversations in these queues.
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_reports::ReportFilter::default().queues(["billing"]);
    /// assert_ne!(f, wfm_reports::ReportFilter::default());
    /// ```
    #[must_use]
    pub fn queues<S: Into<String>>(mut self, queues: impl IntoIterator<Item = S>) -> Self {
        self.queues = Some(queues.into_iter().map(Into::into).collect());
        self
    }

    /// Keeps conversations on these channels.
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_reports::ReportFilter::default().channels([wfm_reports::Channel::Sms]);
    /// assert_ne!(f, wfm_reports::ReportFilter::default());
    /// ```
    #[must_use]
    pub fn channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        let mut mask = [false; 6];
        for c in channels {
            mask[channel_index(c)] = true;
        }
        self.channels = Some(mask);
        self
    }

    /// Keeps conversations attributed to these agents (intersected with any earlier
    /// agent or team filter).
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_reports::ReportFilter::default().agents(["a1"]);
    /// assert!(f.accepts_agent(Some("a1")));
    /// assert!(!f.accepts_agent(None));
    /// ```
    #[must_use]
    pub fn agents<S: Into<String>>(mut self, agents: impl IntoIterator<Item = S>) -> Self {
        let set: HashSet<String> = agents.into_iter().map(Into::into).collect();
        self.agents = Some(match self.agents.take() {
            Some(old) => old.intersection(&set).cloned().collect(),
            None => set,
        });
        self
    }

    /// Keeps conversations attributed to agents of these teams, per `directory`
    /// (agent id to its team ids).
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::HashMap;
    /// let dir = HashMap::from([("a1".to_string(), vec!["t1".to_string()])]);
    /// let f = wfm_reports::ReportFilter::default().teams(["t2"], &dir);
    /// assert!(!f.accepts_agent(Some("a1")));
    /// ```
    #[must_use]
    pub fn teams<S: AsRef<str>>(
        self,
        teams: impl IntoIterator<Item = S>,
        directory: &HashMap<String, Vec<String>>,
    ) -> Self {
        let teams: HashSet<String> = teams.into_iter().map(|t| t.as_ref().to_owned()).collect();
        let agents: Vec<String> = directory
            .iter()
            .filter(|(_, ts)| ts.iter().any(|t| teams.contains(t)))
            .map(|(a, _)| a.clone())
            .collect();
        self.agents(agents)
    }

    /// Whether a conversation attributed to `agent` passes the agent and team filters.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_reports::ReportFilter::default().accepts_agent(None));
    /// ```
    #[must_use]
    pub fn accepts_agent(&self, agent: Option<&str>) -> bool {
        match (&self.agents, agent) {
            (None, _) => true,
            (Some(set), Some(a)) => set.contains(a),
            (Some(_), None) => false,
        }
    }

    /// Compiles the filter against a store's symbol tables.
    pub(crate) fn compile(&self, store: &ConversationStore) -> CompiledFilter {
        let mask = |set: &Option<HashSet<String>>, syms: &crate::symbols::Symbols| {
            set.as_ref().map(|set| {
                let mut m = vec![false; syms.len()];
                for name in set {
                    if let Some(s) = syms.get(name) {
                        m[s as usize] = true;
                    }
                }
                m
            })
        };
        CompiledFilter {
            queues: mask(&self.queues, &store.queues),
            channels: self.channels.unwrap_or([true; 6]),
            agents: mask(&self.agents, &store.agents),
        }
    }
}

/// A filter as symbol masks, for the scan loops.
#[derive(Debug, Clone)]
pub(crate) struct CompiledFilter {
    queues: Option<Vec<bool>>,
    channels: [bool; 6],
    agents: Option<Vec<bool>>,
}

impl CompiledFilter {
    #[inline]
    pub(crate) fn accepts(&self, f: &Fact) -> bool {
        let ok = |m: &Option<Vec<bool>>, s: u32| {
            m.as_ref()
                .is_none_or(|m| m.get(s as usize).copied().unwrap_or(false))
        };
        self.channels[channel_index(f.channel)]
            && ok(&self.queues, f.queue)
            && ok(&self.agents, f.agent)
    }
}
