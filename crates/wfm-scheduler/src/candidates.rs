//! Candidate shifts per agent: every (start, length) that respects availability, time off,
//! days off, start granularity and leaves a break placement that avoids fixed activities.

use std::ops::Range;

use crate::prepare::Prepared;

/// One possible shift of one agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) agent: usize,
    pub(crate) day: usize,
    pub(crate) start: usize,
    pub(crate) len: usize,
    /// Index into the agent's locked shifts, when this candidate is one.
    pub(crate) locked: Option<usize>,
}

impl Candidate {
    pub(crate) fn end(&self) -> usize {
        self.start + self.len
    }
}

/// All candidates, grouped by agent and sorted by start within an agent.
#[derive(Debug, Clone)]
pub(crate) struct Candidates {
    pub(crate) list: Vec<Candidate>,
    pub(crate) by_agent: Vec<Range<usize>>,
}

/// Whether every break of the rule has at least one position avoiding fixed activities.
pub(crate) fn breaks_placeable(
    prep: &Prepared<'_>,
    agent: usize,
    start: usize,
    len: usize,
) -> bool {
    let fixed = &prep.agents[agent].fixed;
    prep.rule_for(len).is_none_or(|slots| {
        slots.iter().all(|s| {
            (s.earliest..=s.latest).any(|o| (start + o..start + o + s.len).all(|t| !fixed[t]))
        })
    })
}

impl Candidates {
    pub(crate) fn new(prep: &Prepared<'_>) -> Self {
        let cal = &prep.cal;
        let n = cal.n;
        let mut list = Vec::new();
        let mut by_agent = Vec::with_capacity(prep.agents.len());
        for (a, ad) in prep.agents.iter().enumerate() {
            let begin = list.len();
            let c = &prep.contracts[ad.contract];
            // blocked_prefix[i] = number of disallowed intervals before i.
            let mut blocked_prefix = vec![0u32; n + 1];
            for i in 0..n {
                blocked_prefix[i + 1] = blocked_prefix[i] + u32::from(!ad.allowed[i]);
            }
            let locked_days: Vec<usize> = ad.locked.iter().map(|l| cal.day_of[l.start]).collect();
            let mut mine: Vec<Candidate> = Vec::new();
            for (k, l) in ad.locked.iter().enumerate() {
                mine.push(Candidate {
                    agent: a,
                    day: cal.day_of[l.start],
                    start: l.start,
                    len: l.len,
                    locked: Some(k),
                });
            }
            for s in 0..n {
                if cal.minute_of_day[s] % c.granularity != 0 {
                    continue;
                }
                let day = cal.day_of[s];
                if c.days_off.contains(&cal.days[day].weekday) || locked_days.contains(&day) {
                    continue;
                }
                for &len in &c.lengths {
                    let e = s + len;
                    if e > n || blocked_prefix[e] != blocked_prefix[s] {
                        continue;
                    }
                    let clash_locked = ad.locked.iter().any(|l| s < l.start + l.len && l.start < e);
                    if clash_locked || !breaks_placeable(prep, a, s, len) {
                        continue;
                    }
                    mine.push(Candidate {
                        agent: a,
                        day,
                        start: s,
                        len,
                        locked: None,
                    });
                }
            }
            mine.sort_by_key(|c| (c.start, c.len));
            list.extend(mine);
            by_agent.push(begin..list.len());
        }
        Self { list, by_agent }
    }
    /// The index of `c` in [`Candidates::list`] (an agent's candidates are sorted by start
    /// and length).
    pub(crate) fn index_of(&self, c: &Candidate) -> Option<usize> {
        let range = self.by_agent.get(c.agent)?.clone();
        let slice = self.list.get(range.clone())?;
        let pos = slice.partition_point(|x| (x.start, x.len) < (c.start, c.len));
        slice
            .get(pos..)?
            .iter()
            .position(|x| x == c)
            .map(|i| range.start + pos + i)
    }
}
