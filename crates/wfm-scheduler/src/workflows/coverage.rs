//! Coverage rebuilt from queue-assignment records: per-agent queue timelines, counts per queue
//! and interval, shortfall, and the per-interval delta between two states.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;
use crate::problem::{Problem, TimeWindow};
use crate::schedule::{QueueAssignment, Schedule};
use crate::{Error, Result};

/// The queue an agent serves in each interval (`None`: not serving).
pub(crate) type Timeline = Vec<Option<usize>>;

/// Per-agent timelines and the resulting coverage counts of one schedule.
#[derive(Debug, Clone)]
pub(crate) struct Served {
    /// Timeline per agent index (agents without assignments have an all-`None` timeline).
    pub(crate) timelines: Vec<Timeline>,
    /// Agents serving each queue, `[queue][interval]`.
    pub(crate) counts: Vec<Vec<u32>>,
}

impl Served {
    /// Rebuilds timelines and counts from `assignments`; intervals count when fully inside an
    /// assignment, parts outside the horizon are ignored.
    pub(crate) fn new(prep: &Prepared<'_>, assignments: &[QueueAssignment]) -> Result<Self> {
        let p = prep.problem;
        let n = prep.cal.n;
        let agent_of = agent_index(p);
        let queue_of: HashMap<&str, usize> = p
            .queues
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        let mut timelines = vec![vec![None; n]; p.agents.len()];
        let mut counts = vec![vec![0u32; n]; p.queues.len()];
        for (k, a) in assignments.iter().enumerate() {
            let field = |s: &str| format!("assignments[{k}].{s}");
            let &agent = agent_of
                .get(a.agent_id.as_str())
                .ok_or_else(|| Error::UnknownId {
                    field: field("agent_id"),
                    id: a.agent_id.clone(),
                })?;
            let &queue = queue_of
                .get(a.queue_id.as_str())
                .ok_or_else(|| Error::UnknownId {
                    field: field("queue_id"),
                    id: a.queue_id.clone(),
                })?;
            let window = checked_window(&format!("assignments[{k}]"), a.start_time, a.end_time)?;
            let (lo, hi) = prep.cal.inside(clamp(prep, window));
            for i in lo..hi {
                if timelines[agent][i].is_some() {
                    return Err(Error::Overlap {
                        field: format!("assignments[{k}]"),
                        other: format!("another assignment of agent {}", a.agent_id),
                        time: prep.cal.instant(i),
                    });
                }
                timelines[agent][i] = Some(queue);
                counts[queue][i] += 1;
            }
        }
        Ok(Self { timelines, counts })
    }

    /// Replaces agent `a`'s timeline by `new`, updating the counts.
    pub(crate) fn set_timeline(&mut self, a: usize, new: Timeline) {
        let old = std::mem::replace(&mut self.timelines[a], new);
        for (i, (o, n)) in old.iter().zip(&self.timelines[a]).enumerate() {
            if o != n {
                if let Some(q) = *o {
                    self.counts[q][i] -= 1;
                }
                if let Some(q) = *n {
                    self.counts[q][i] += 1;
                }
            }
        }
    }
}

/// `w` clamped to the horizon (so interval arithmetic cannot overflow).
pub(crate) fn clamp(prep: &Prepared<'_>, w: TimeWindow) -> TimeWindow {
    let (h0, h1) = (prep.cal.instant(0), prep.cal.instant(prep.cal.n));
    TimeWindow {
        start: w.start.clamp(h0, h1),
        end: w.end.clamp(h0, h1),
    }
}

/// Intervals overlapping `w` (clamped to the horizon).
pub(crate) fn overlapping(prep: &Prepared<'_>, w: TimeWindow) -> std::ops::Range<usize> {
    let (lo, hi) = prep.cal.overlapping(clamp(prep, w));
    lo..hi
}

/// Intervals fully inside `w` (clamped to the horizon).
pub(crate) fn inside(prep: &Prepared<'_>, w: TimeWindow) -> std::ops::Range<usize> {
    let (lo, hi) = prep.cal.inside(clamp(prep, w));
    lo..hi
}

/// Contiguous queue segments of one agent's timeline as assignment records.
pub(crate) fn segments(
    prep: &Prepared<'_>,
    agent: usize,
    timeline: &[Option<usize>],
) -> Vec<QueueAssignment> {
    let p = prep.problem;
    let mut out = Vec::new();
    let mut i = 0;
    while i < timeline.len() {
        let mut e = i + 1;
        while e < timeline.len() && timeline[e] == timeline[i] {
            e += 1;
        }
        if let Some(q) = timeline[i] {
            out.push(QueueAssignment {
                agent_id: p.agents[agent].id.clone(),
                queue_id: p.queues[q].id.clone(),
                start_time: prep.cal.instant(i),
                end_time: prep.cal.instant(e),
            });
        }
        i = e;
    }
    out
}

/// Agent id to index in `problem.agents`.
pub(crate) fn agent_index(p: &Problem) -> HashMap<&str, usize> {
    p.agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect()
}

/// The index of `id` in `problem.agents`, or [`Error::UnknownId`] naming `field`.
pub(crate) fn find_agent(p: &Problem, field: &str, id: &str) -> Result<usize> {
    p.agents
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| Error::UnknownId {
            field: field.into(),
            id: id.into(),
        })
}

/// `[start, end)` as a window, or [`Error::EndBeforeStart`] naming `field`.
pub(crate) fn checked_window(field: &str, start: i64, end: i64) -> Result<TimeWindow> {
    if end > start {
        Ok(TimeWindow { start, end })
    } else {
        Err(Error::EndBeforeStart {
            field: field.into(),
            start,
            end,
        })
    }
}

/// Staff-hours short of requirement, summed over queues and intervals.
pub(crate) fn shortfall_hours(prep: &Prepared<'_>, counts: &[Vec<u32>]) -> f64 {
    prep.problem
        .queues
        .iter()
        .zip(counts)
        .flat_map(|(q, c)| q.required.iter().zip(c))
        .map(|(&r, &c)| (r - f64::from(c)).max(0.0))
        .sum::<f64>()
        * prep.hours_per_interval
}

/// Coverage of one queue in one interval before and after a change.
///
/// # Example
///
/// ```
/// let d = wfm_scheduler::CoverageDelta { queue_id: "q".into(), interval: 3, start_time: 10_800,
///     required: 2.0, before: 2, after: 1 };
/// assert_eq!(d.change(), -1);
/// assert!((d.shortfall_change() - 1.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageDelta {
    /// Queue id.
    pub queue_id: String,
    /// Interval index in the horizon.
    pub interval: usize,
    /// Interval start, unix seconds.
    pub start_time: i64,
    /// Agents required.
    pub required: f64,
    /// Agents serving the queue before the change.
    pub before: u32,
    /// Agents serving the queue after the change.
    pub after: u32,
}

impl CoverageDelta {
    /// `after - before`.
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_scheduler::CoverageDelta { queue_id: "q".into(), interval: 0, start_time: 0,
    ///     required: 1.0, before: 0, after: 2 };
    /// assert_eq!(d.change(), 2);
    /// ```
    #[must_use]
    pub fn change(&self) -> i64 {
        i64::from(self.after) - i64::from(self.before)
    }

    /// Change in agents short of the requirement in this interval (positive: worse).
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_scheduler::CoverageDelta { queue_id: "q".into(), interval: 0, start_time: 0,
    ///     required: 1.5, before: 2, after: 0 };
    /// assert!((d.shortfall_change() - 1.5).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn shortfall_change(&self) -> f64 {
        let short = |c: u32| (self.required - f64::from(c)).max(0.0);
        short(self.after) - short(self.before)
    }
}

/// The intervals whose coverage differs between `before` and `after` counts, queue by queue
/// (problem order), then by interval.
pub(crate) fn deltas(
    prep: &Prepared<'_>,
    before: &[Vec<u32>],
    after: &[Vec<u32>],
) -> Vec<CoverageDelta> {
    let mut out = Vec::new();
    for (q, queue) in prep.problem.queues.iter().enumerate() {
        for (i, (&b, &a)) in before[q].iter().zip(&after[q]).enumerate() {
            if a != b {
                out.push(CoverageDelta {
                    queue_id: queue.id.clone(),
                    interval: i,
                    start_time: prep.cal.instant(i),
                    required: queue.required[i],
                    before: b,
                    after: a,
                });
            }
        }
    }
    out
}

/// Coverage change per queue and interval between two schedules of the same problem, rebuilt
/// from their queue-assignment records (the coverage impact of an audit diff).
///
/// # Errors
///
/// Any [`Problem::check`] error; [`Error::UnknownId`] for an assignment naming an unknown agent or
/// queue; [`Error::EndBeforeStart`] for an empty assignment; [`Error::Overlap`] when one agent is
/// assigned twice in the same interval.
///
/// # Example
///
/// ```
/// use wfm_scheduler::{coverage_delta, generate, solve, GeneratorConfig, SolverConfig};
/// let p = generate(&GeneratorConfig::default().agents(6).days(1))?;
/// let before = solve(&p, &SolverConfig::default().milp(false))?;
/// let mut after = before.clone();
/// let gone = after.assignments.remove(0);
/// let d = coverage_delta(&p, &before, &after)?;
/// let lost: i64 = d.iter().map(|x| x.change()).sum();
/// assert_eq!(lost, -((gone.end_time - gone.start_time) / 900));
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn coverage_delta(
    problem: &Problem,
    before: &Schedule,
    after: &Schedule,
) -> Result<Vec<CoverageDelta>> {
    let prep = Prepared::new(problem)?;
    let b = Served::new(&prep, &before.assignments)?;
    let a = Served::new(&prep, &after.assignments)?;
    Ok(deltas(&prep, &b.counts, &a.counts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflows::fixture;

    #[test]
    fn counts_follow_assignments_and_timeline_updates() -> Result<()> {
        let p = fixture::problem();
        let prep = Prepared::new(&p)?;
        let s = fixture::schedule();
        let mut served = Served::new(&prep, &s.assignments)?;
        // fixture: ann serves q 8..16 except lunch at 12, bob serves q 10..18.
        assert_eq!(served.counts[0][9], 1);
        assert_eq!(served.counts[0][11], 2);
        assert_eq!(served.counts[0][12], 1);
        assert_eq!(served.counts[0][17], 1);
        let before = served.counts.clone();
        served.set_timeline(0, vec![None; prep.cal.n]);
        let d = deltas(&prep, &before, &served.counts);
        // ann served 7 intervals (8..16 minus 12).
        assert_eq!(d.len(), 7);
        assert!(d.iter().all(|x| x.change() == -1));
        // Before: q is covered, r (1 needed at 9 and 10) is not: 2 staff-hours. q needs 1 in
        // 8..18: losing ann adds shortfall where bob is absent (8, 9 and his lunch at 14).
        let before_h = shortfall_hours(&prep, &before);
        let after_h = shortfall_hours(&prep, &served.counts);
        assert!((before_h - 2.0).abs() < 1e-9);
        assert!((after_h - 5.0).abs() < 1e-9);
        Ok(())
    }

    #[test]
    fn bad_assignments_are_typed_errors() -> Result<()> {
        let p = fixture::problem();
        let prep = Prepared::new(&p)?;
        let mut s = fixture::schedule();
        s.assignments[0].queue_id = "nope".into();
        assert!(matches!(
            Served::new(&prep, &s.assignments),
            Err(Error::UnknownId { ref field, .. }) if field == "assignments[0].queue_id"
        ));
        let mut s = fixture::schedule();
        s.assignments.push(s.assignments[0].clone());
        assert!(matches!(
            Served::new(&prep, &s.assignments),
            Err(Error::Overlap { .. })
        ));
        let mut s = fixture::schedule();
        s.assignments[0].end_time = s.assignments[0].start_time;
        assert!(matches!(
            Served::new(&prep, &s.assignments),
            Err(Error::EndBeforeStart { .. })
        ));
        Ok(())
    }
}
