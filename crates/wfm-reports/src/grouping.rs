//! The grouping engine: conversations sorted into (period, group) cells, in parallel.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::filter::{GroupBy, ReportFilter};
use crate::periods::Periods;
use crate::record::Fact;
use crate::store::ConversationStore;

/// One non-empty (period, group) cell and its rows in `Cells::rows`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub(crate) period: usize,
    pub(crate) group: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Rows of the accepted conversations, grouped into cells.
#[derive(Debug)]
pub(crate) struct Cells {
    /// Row indices into the store's facts, cell after cell, ascending inside a cell. With
    /// [`GroupBy::Team`] a row appears once per team of its agent.
    pub(crate) rows: Vec<u32>,
    /// Non-empty cells in (period, group) order.
    pub(crate) cells: Vec<Cell>,
    /// The group slots of the report and their names.
    pub(crate) groups: Groups,
}

/// The group slots of a grouping, compiled against a store: one slot per queue, channel
/// or agent symbol, or per team of a team directory (slot 0: no team).
#[derive(Debug, Default)]
pub(crate) struct Groups {
    by: GroupBy,
    slots: usize,
    /// Team names of slots `1..` (sorted); slot 0 is "no team".
    team_names: Vec<String>,
    /// Per agent symbol: the range of its team slots in `agent_team_slots`.
    agent_teams: Vec<(u32, u32)>,
    agent_team_slots: Vec<u32>,
}

/// The team slot list of a conversation with no agent or an agent in no team.
const NO_TEAM: [u32; 1] = [0];

impl Groups {
    /// Compiles `by` for `store`; `directory` (agent id -> team ids) serves [`GroupBy::Team`].
    pub(crate) fn new(
        by: GroupBy,
        store: &ConversationStore,
        directory: &HashMap<String, Vec<String>>,
    ) -> Self {
        if by != GroupBy::Team {
            return Self {
                by,
                slots: by.slots(store),
                ..Self::default()
            };
        }
        let agents = &store.agents;
        let mut of_agent: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); agents.len()];
        let mut names = BTreeSet::new();
        for (agent, teams) in directory {
            let Some(sym) = agents.get(agent) else {
                continue;
            };
            for t in teams {
                of_agent[sym as usize].insert(t.as_str());
                names.insert(t.as_str());
            }
        }
        let team_names: Vec<String> = names.iter().map(|t| (*t).to_owned()).collect();
        let slot_of: HashMap<&str, u32> = names.iter().zip(1u32..).map(|(t, s)| (*t, s)).collect();
        let mut agent_teams = Vec::with_capacity(of_agent.len());
        let mut agent_team_slots = Vec::new();
        for teams in &of_agent {
            let start = agent_team_slots.len() as u32;
            agent_team_slots.extend(teams.iter().filter_map(|t| slot_of.get(t).copied()));
            agent_teams.push((start, agent_team_slots.len() as u32));
        }
        Self {
            by,
            slots: team_names.len() + 1,
            team_names,
            agent_teams,
            agent_team_slots,
        }
    }

    /// Number of group slots.
    pub(crate) fn len(&self) -> usize {
        self.slots
    }

    /// The team slots of a conversation (`[0]` when its agent has none).
    #[inline]
    fn team_slots(&self, f: &Fact) -> &[u32] {
        match self.agent_teams.get(f.agent as usize) {
            Some(&(a, b)) if a < b => &self.agent_team_slots[a as usize..b as usize],
            _ => &NO_TEAM,
        }
    }

    /// The group's name; `None` for the total and for conversations without a queue,
    /// agent or team.
    pub(crate) fn name(&self, store: &ConversationStore, slot: usize) -> Option<String> {
        match self.by {
            GroupBy::Team => slot
                .checked_sub(1)
                .and_then(|i| self.team_names.get(i))
                .cloned(),
            by => by.name(store, slot),
        }
    }
}

/// Groups the conversations started in `periods` and accepted by `filter` by
/// (period, `by`), with a parallel sort on packed `(cell << 32) | row` keys.
pub(crate) fn group(
    store: &ConversationStore,
    periods: &Periods,
    filter: &ReportFilter,
    groups: Groups,
) -> Result<Cells> {
    let n_groups = groups.len();
    let cells = (periods.len() as u64).saturating_mul(n_groups as u64);
    let max = u64::from(u32::MAX);
    if cells > max {
        return Err(Error::TooManyCells { cells, max });
    }
    let filter = filter.compile(store);
    let cell_of = |p: usize, slot: usize| ((p * n_groups + slot) as u64) << 32;
    let facts = store.facts().par_iter().enumerate();
    let mut keys: Vec<u64> = if groups.by == GroupBy::Team {
        facts
            .flat_map_iter(|(row, f)| {
                let p = filter
                    .accepts(f)
                    .then(|| periods.index_of(f.started_at))
                    .flatten();
                let slots = if p.is_some() {
                    groups.team_slots(f)
                } else {
                    &[]
                };
                slots
                    .iter()
                    .map(move |&s| cell_of(p.unwrap_or(0), s as usize) | row as u64)
            })
            .collect()
    } else {
        let by = groups.by;
        facts
            .filter_map(|(row, f)| {
                if !filter.accepts(f) {
                    return None;
                }
                let p = periods.index_of(f.started_at)?;
                Some(cell_of(p, by.slot(f)) | row as u64)
            })
            .collect()
    };
    keys.par_sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    while start < keys.len() {
        let cell = keys[start] >> 32;
        let len = keys[start..].partition_point(|k| k >> 32 == cell);
        let cell = cell as usize;
        out.push(Cell {
            period: cell / n_groups,
            group: cell % n_groups,
            start,
            end: start + len,
        });
        start += len;
    }
    let rows = keys.into_par_iter().map(|k| k as u32).collect();
    Ok(Cells {
        rows,
        cells: out,
        groups,
    })
}
