//! The solver-side schedule: chosen candidates with concrete break starts, per-interval queue
//! assignment, and its score.

use crate::candidates::{Candidate, Candidates};
use crate::prepare::Prepared;
use crate::problem::BreakKind;

/// One placed break: kind, first interval, length in intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlacedBreak {
    pub(crate) kind: BreakKind,
    pub(crate) start: usize,
    pub(crate) len: usize,
}

/// A chosen shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlannedShift {
    pub(crate) cand: Candidate,
    pub(crate) breaks: Vec<PlacedBreak>,
}

/// Shifts of every agent (sorted by start).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) shifts: Vec<Vec<PlannedShift>>,
}

impl Plan {
    pub(crate) fn empty(n_agents: usize) -> Self {
        Self {
            shifts: vec![Vec::new(); n_agents],
        }
    }

    /// A plan holding only the locked shifts, with their given breaks.
    pub(crate) fn locked_only(prep: &Prepared<'_>, cands: &Candidates) -> Self {
        let mut plan = Self::empty(prep.agents.len());
        for c in cands.list.iter().filter(|c| c.locked.is_some()) {
            let breaks = c
                .locked
                .and_then(|k| prep.agents[c.agent].locked.get(k))
                .map(|l| {
                    l.breaks
                        .iter()
                        .map(|&(kind, start, len)| PlacedBreak { kind, start, len })
                        .collect()
                })
                .unwrap_or_default();
            plan.shifts[c.agent].push(PlannedShift { cand: *c, breaks });
        }
        plan
    }

    pub(crate) fn insert(&mut self, shift: PlannedShift) {
        let v = &mut self.shifts[shift.cand.agent];
        let pos = v.partition_point(|s| s.cand.start < shift.cand.start);
        v.insert(pos, shift);
    }

    /// Productive on-shift intervals of a shift (not on break, not in a fixed activity).
    pub(crate) fn productive<'a>(
        prep: &'a Prepared<'_>,
        s: &'a PlannedShift,
    ) -> impl Iterator<Item = usize> + 'a {
        let fixed = &prep.agents[s.cand.agent].fixed;
        (s.cand.start..s.cand.end()).filter(move |&t| {
            !fixed[t]
                && !s
                    .breaks
                    .iter()
                    .any(|b| (b.start..b.start + b.len).contains(&t))
        })
    }
}
