//! Raw agent-state input and its compact, agent-grouped form ([`StateLog`]).

use std::collections::HashMap;

use crate::directory::AgentDirectory;
use crate::error::{Error, RecordError, Result};
use crate::platform::PlatformOrder;
use crate::time::check_time;

/// Marks an open state (no `end_time`) in the compact form.
pub(crate) const OPEN: i64 = i64::MAX;

/// One raw agent state as reported by a platform, borrowed from the caller's data.
///
/// `end` is `None` for a state that is still open; `modified_at` decides between duplicates
/// (same agent, platform and start): the latest wins. Use [`i64::MIN`] when unknown.
///
/// # Example
///
/// ```
/// use wfm_adherence::StateRecord;
/// let r = StateRecord::new("a1", "five9", "Ready", 1_700_000_000).with_end(Some(1_700_000_600));
/// assert_eq!(r.end, Some(1_700_000_600));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StateRecord<'a> {
    /// The agent id, if the platform sent it.
    pub agent_id: Option<&'a str>,
    /// The platform's own agent id, resolved through associations when `agent_id` is absent.
    pub agent_platform_id: Option<&'a str>,
    /// The reporting platform, e.g. `five9`.
    pub platform: &'a str,
    /// The platform's own state label, e.g. `On Call`.
    pub state: &'a str,
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds; `None` while open.
    pub end: Option<i64>,
    /// When the record was last modified, unix seconds.
    pub modified_at: i64,
}

impl<'a> StateRecord<'a> {
    /// A record for `agent_id`, open, with unknown `modified_at`.
    ///
    /// # Example
    ///
    /// ```
    /// let r = wfm_adherence::StateRecord::new("a", "api", "Online", 5);
    /// assert_eq!((r.end, r.modified_at), (None, i64::MIN));
    /// ```
    #[must_use]
    pub fn new(agent_id: &'a str, platform: &'a str, state: &'a str, start: i64) -> Self {
        Self {
            agent_id: Some(agent_id),
            agent_platform_id: None,
            platform,
            state,
            start,
            end: None,
            modified_at: i64::MIN,
        }
    }

    /// A record identified by the platform's agent id instead of `agent_id`.
    ///
    /// # Example
    ///
    /// ```
    /// let r = wfm_adherence::StateRecord::from_platform_id("f-1", "five9", "Ready", 5);
    /// assert_eq!(r.agent_id, None);
    /// ```
    #[must_use]
    pub fn from_platform_id(
        platform_id: &'a str,
        platform: &'a str,
        state: &'a str,
        start: i64,
    ) -> Self {
        Self {
            agent_id: None,
            agent_platform_id: Some(platform_id),
            ..Self::new("", platform, state, start)
        }
    }

    /// Sets the end (`None` = open).
    ///
    /// # Example
    ///
    /// ```
    /// let r = wfm_adherence::StateRecord::new("a", "api", "x", 5).with_end(Some(9));
    /// assert_eq!(r.end, Some(9));
    /// ```
    #[must_use]
    pub fn with_end(mut self, end: Option<i64>) -> Self {
        self.end = end;
        self
    }

    /// Sets `modified_at`.
    ///
    /// # Example
    ///
    /// ```
    /// let r = wfm_adherence::StateRecord::new("a", "api", "x", 5).with_modified_at(7);
    /// assert_eq!(r.modified_at, 7);
    /// ```
    #[must_use]
    pub fn with_modified_at(mut self, modified_at: i64) -> Self {
        self.modified_at = modified_at;
        self
    }
}

/// A state in compact form: interned platform and state ids, unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawState {
    pub(crate) start: i64,
    /// [`OPEN`] when the record had no end.
    pub(crate) end: i64,
    pub(crate) modified: i64,
    pub(crate) state: u32,
    pub(crate) platform: u16,
}

/// Checks one record's times and returns its compact (start, end) pair.
pub(crate) fn checked_times(start: i64, end: Option<i64>) -> Result<(i64, i64)> {
    check_time("start_time", start)?;
    let end = match end {
        Some(e) => {
            check_time("end_time", e)?;
            if e < start {
                return Err(Error::EndBeforeStart { start, end: e });
            }
            e
        }
        None => OPEN,
    };
    Ok((start, end))
}

/// All agents' raw states, interned and grouped by agent.
///
/// Agent ids and state labels are numbered in sorted order, so the result does not depend on
/// the order of the input.
///
/// # Example
///
/// ```
/// use wfm_adherence::{AgentDirectory, PlatformOrder, StateLog, StateRecord};
/// let order = PlatformOrder::parse("five9,zendesk")?;
/// let records = [
///     StateRecord::new("b", "five9", "Ready", 100).with_end(Some(200)),
///     StateRecord::new("a", "zendesk", "Online", 100),
///     StateRecord::new("a", "slack", "Online", 100), // not in the priority order
/// ];
/// let (log, errors) = StateLog::build(records, &order, &AgentDirectory::new());
/// assert_eq!(log.agents(), ["a", "b"]);
/// assert_eq!(log.record_count(), 2);
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors[0].index, 2);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateLog {
    pub(crate) agents: Vec<String>,
    pub(crate) platforms: Vec<String>,
    pub(crate) states: Vec<String>,
    pub(crate) offsets: Vec<usize>,
    pub(crate) records: Vec<RawState>,
}

impl StateLog {
    /// Resolves, checks and interns `records`; bad ones are returned as [`RecordError`]s and
    /// every good one is kept.
    ///
    /// Rejected: unresolvable or unknown agents, platforms not in `order`, empty labels, times
    /// outside years 1970 to 9999, and ends before starts. Records with `end == start` are kept
    /// (they still close an earlier open state of the same platform).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, Error, PlatformOrder, StateLog, StateRecord};
    /// let order = PlatformOrder::parse("api")?;
    /// let recs = [StateRecord::new("a", "api", "x", 10).with_end(Some(5))];
    /// let (log, errors) = StateLog::build(recs, &order, &AgentDirectory::new());
    /// assert_eq!(errors[0].error, Error::EndBeforeStart { start: 10, end: 5 });
    /// assert_eq!(log.record_count(), 0);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    pub fn build<'a, I>(
        records: I,
        order: &PlatformOrder,
        directory: &AgentDirectory,
    ) -> (Self, Vec<RecordError>)
    where
        I: IntoIterator<Item = StateRecord<'a>>,
    {
        let mut agents: HashMap<&str, u32> = HashMap::new();
        let mut agent_names: Vec<&str> = Vec::new();
        let mut states: HashMap<&str, u32> = HashMap::new();
        let mut state_names: Vec<&str> = Vec::new();
        let mut items: Vec<(u32, RawState)> = Vec::new();
        let mut errors = Vec::new();
        for (index, rec) in records.into_iter().enumerate() {
            let converted = (|| -> Result<(u32, RawState)> {
                let platform =
                    order
                        .position(rec.platform)
                        .ok_or_else(|| Error::UnlistedPlatform {
                            platform: rec.platform.to_owned(),
                        })?;
                let agent = directory.resolve(rec.agent_id, rec.agent_platform_id, rec.platform)?;
                if rec.state.is_empty() {
                    return Err(Error::EmptyName { field: "state" });
                }
                let (start, end) = checked_times(rec.start, rec.end)?;
                let a = *agents.entry(agent).or_insert_with(|| {
                    agent_names.push(agent);
                    (agent_names.len() - 1) as u32
                });
                let s = *states.entry(rec.state).or_insert_with(|| {
                    state_names.push(rec.state);
                    (state_names.len() - 1) as u32
                });
                Ok((
                    a,
                    RawState {
                        start,
                        end,
                        modified: rec.modified_at,
                        state: s,
                        platform: platform as u16,
                    },
                ))
            })();
            match converted {
                Ok(item) => items.push(item),
                Err(error) => errors.push(RecordError { index, error }),
            }
        }
        let agent_names = agent_names.into_iter().map(str::to_owned).collect();
        let state_names = state_names.into_iter().map(str::to_owned).collect();
        (
            Self::from_items(agent_names, order, state_names, items),
            errors,
        )
    }

    /// Builds from already-interned items, renumbering agents and states in sorted order and
    /// grouping by agent (a counting sort).
    pub(crate) fn from_items(
        agent_names: Vec<String>,
        order: &PlatformOrder,
        state_names: Vec<String>,
        mut items: Vec<(u32, RawState)>,
    ) -> Self {
        let (agents, agent_rank) = sorted_ranks(agent_names);
        let (states, state_rank) = sorted_ranks(state_names);
        let mut offsets = vec![0usize; agents.len() + 1];
        for (a, r) in &mut items {
            *a = agent_rank[*a as usize];
            r.state = state_rank[r.state as usize];
            offsets[*a as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let placeholder = RawState {
            start: 0,
            end: 0,
            modified: 0,
            state: 0,
            platform: 0,
        };
        let mut records = vec![placeholder; items.len()];
        for (a, r) in items {
            let slot = &mut fill[a as usize];
            records[*slot] = r;
            *slot += 1;
        }
        Self {
            agents,
            platforms: order.names().to_vec(),
            states,
            offsets,
            records,
        }
    }

    /// Agent ids, sorted; an agent's position is its compact id.
    ///
    /// # Example
    ///
    /// See [`StateLog::build`].
    #[must_use]
    pub fn agents(&self) -> &[String] {
        &self.agents
    }

    /// Platform names in priority order.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, PlatformOrder, StateLog, StateRecord};
    /// let order = PlatformOrder::parse("b,a")?;
    /// let (log, _) = StateLog::build(Vec::<StateRecord<'_>>::new(), &order, &AgentDirectory::new());
    /// assert_eq!(log.platforms(), ["b", "a"]);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn platforms(&self) -> &[String] {
        &self.platforms
    }

    /// Distinct state labels, sorted.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AgentDirectory, PlatformOrder, StateLog, StateRecord};
    /// let order = PlatformOrder::parse("api")?;
    /// let recs = [StateRecord::new("a", "api", "Z", 1), StateRecord::new("a", "api", "B", 2)];
    /// let (log, _) = StateLog::build(recs, &order, &AgentDirectory::new());
    /// assert_eq!(log.states(), ["B", "Z"]);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn states(&self) -> &[String] {
        &self.states
    }

    /// The number of accepted records.
    ///
    /// # Example
    ///
    /// See [`StateLog::build`].
    #[must_use]
    pub fn record_count(&self) -> usize {
        self.records.len()
    }

    /// The records of agent number `agent`.
    pub(crate) fn agent_records(&self, agent: usize) -> &[RawState] {
        &self.records[self.offsets[agent]..self.offsets[agent + 1]]
    }
}

/// Sorts and deduplicates names, returning them with the rank of each original index.
pub(crate) fn sorted_ranks(names: Vec<String>) -> (Vec<String>, Vec<u32>) {
    let mut idx: Vec<u32> = (0..names.len() as u32).collect();
    idx.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let mut rank = vec![0u32; names.len()];
    let mut sorted: Vec<String> = Vec::with_capacity(names.len());
    for &i in &idx {
        let name = &names[i as usize];
        if sorted.last() != Some(name) {
            sorted.push(name.clone());
        }
        rank[i as usize] = (sorted.len() - 1) as u32;
    }
    (sorted, rank)
}
