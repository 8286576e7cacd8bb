//! Shift swap between two agents: exchange their shifts (with breaks and lunches) that start in
//! given ranges, re-check both agents with the validator, and report the coverage effect.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::coverage::{
    CoverageDelta, Served, Timeline, checked_window, deltas, find_agent, inside, segments,
};
use super::recheck::{Recheck, new_violations};
use crate::calendar::{parse_tz, to_utc};
use crate::prepare::Prepared;
use crate::problem::{Problem, TimeWindow};
use crate::schedule::{Activity, QueueAssignment, Schedule};
use crate::validate::Violation;
use crate::{Error, Result};
use wfm_core::QueueId;

/// A swap request: every shift of either agent that starts inside one of `windows` goes to the
/// other agent, with the breaks and lunches inside it.
///
/// # Example
///
/// ```
/// use wfm_scheduler::{ShiftSwap, TimeWindow};
/// let s = ShiftSwap { first_agent: "a".into(), second_agent: "b".into(),
///     windows: vec![TimeWindow { start: 0, end: 86_400 }] };
/// assert_eq!(s.windows.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftSwap {
    /// One agent.
    pub first_agent: String,
    /// The other agent.
    pub second_agent: String,
    /// Ranges selecting shifts by their start, UTC unix seconds.
    pub windows: Vec<TimeWindow>,
}

impl ShiftSwap {
    /// A swap of the shifts starting on the given local dates of the horizon's time zone (each
    /// date from local midnight to the next, so DST days are 23 or 25 hours).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownTimeZone`] for a bad horizon time zone; [`Error::InvalidValue`] for a date
    /// without a local midnight or next day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(2).days(1))?;
    /// let d = NaiveDate::from_ymd_opt(2026, 3, 8).ok_or(wfm_scheduler::Error::UnknownId {
    ///     field: "date".into(), id: String::new() })?; // US spring-forward day
    /// let s = wfm_scheduler::ShiftSwap::on_dates(&p, "agent0001", "agent0002", &[d])?;
    /// assert_eq!(s.windows[0].end - s.windows[0].start, 23 * 3600);
    /// # Ok::<(), wfm_scheduler::Error>(())
    /// ```
    pub fn on_dates(
        problem: &Problem,
        first_agent: &str,
        second_agent: &str,
        dates: &[NaiveDate],
    ) -> Result<Self> {
        let tz = parse_tz("horizon.timezone", &problem.horizon.timezone)?;
        let midnight = |d: NaiveDate| {
            to_utc(tz, d.and_time(NaiveTime::MIN))
                .ok_or_else(|| Error::invalid("dates", d, "has no local midnight"))
        };
        let windows = dates
            .iter()
            .map(|&d| {
                let next = d
                    .succ_opt()
                    .ok_or_else(|| Error::invalid("dates", d, "has no next day"))?;
                Ok(TimeWindow {
                    start: midnight(d)?,
                    end: midnight(next)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            first_agent: first_agent.into(),
            second_agent: second_agent.into(),
            windows,
        })
    }
}

/// Why a swap is not valid.
///
/// # Example
///
/// ```
/// let i = wfm_scheduler::SwapIssue::MissingSkill { agent_id: "b".into(), queue_id: "q".into(), start_time: 0 };
/// assert!(serde_json::to_string(&i)?.contains("missing_skill"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SwapIssue {
    /// The receiving agent is not skilled for a queue served during a shift it would take; the
    /// coverage effect assumes it serves its first queue instead.
    MissingSkill {
        /// The receiving agent.
        agent_id: String,
        /// The queue.
        queue_id: String,
        /// First interval affected, unix seconds.
        start_time: i64,
    },
    /// A hard rule the swapped schedule breaks for one of the two agents and the original does
    /// not (availability, time off, contract rules, locked shifts, breaks...).
    Rule(Violation),
}

/// The result of a swap: whether it is valid, why not, the two agents' new records and the
/// coverage effect.
///
/// # Example
///
/// See [`swap_shifts`].
///
/// ```
/// let o = wfm_scheduler::SwapOutcome { valid: true, issues: vec![], moved: 2,
///     activities: vec![], assignments: vec![], coverage: vec![] };
/// assert!(o.valid && o.issues.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwapOutcome {
    /// No issue.
    pub valid: bool,
    /// Missing skills, then new rule violations in validator order.
    pub issues: Vec<SwapIssue>,
    /// Activities that change agent (shifts with their breaks and lunches).
    pub moved: usize,
    /// Both agents' activities after the swap (ids kept; moved ones carry the new agent).
    pub activities: Vec<Activity>,
    /// Both agents' queue assignments after the swap.
    pub assignments: Vec<QueueAssignment>,
    /// Coverage per queue and interval that the swap changes.
    pub coverage: Vec<CoverageDelta>,
}

/// Swaps the shifts of two agents that start inside `swap.windows` and checks the result.
///
/// The receiver of a shift serves, in each productive interval, the queue the giver served there
/// when skilled for it, else its own first queue (reported as [`SwapIssue::MissingSkill`]);
/// intervals of the receiver's fixed activities are not productive. Both agents are then
/// re-checked with the independent validator; violations the original schedule already had are
/// not counted against the swap.
///
/// # Errors
///
/// Any [`Problem::check`] error or bad assignment record (see [`crate::coverage_delta`]);
/// [`Error::UnknownId`] for an unknown agent; [`Error::InvalidValue`] when both agents are the
/// same or the windows select no shift; [`Error::EndBeforeStart`] for an empty window.
///
/// # Example
///
/// ```
/// use wfm_scheduler::*;
/// let p = generate(&GeneratorConfig::default().agents(6).days(1).queues(1))?;
/// let s = solve(&p, &SolverConfig::default().milp(false))?;
/// let shift = s.activities.iter().find(|a| a.type_id == "shift").ok_or(Error::Infeasible {
///     agent: String::new(), rule: "no shift".into(), time: 0, detail: String::new() })?;
/// let other = p.agents.iter().find(|a| a.id != shift.agent_id).map(|a| a.id.clone()).unwrap_or_default();
/// let swap = ShiftSwap { first_agent: shift.agent_id.to_string(), second_agent: other,
///     windows: vec![TimeWindow { start: p.horizon.start, end: p.horizon.end() }] };
/// let out = swap_shifts(&p, &s, &swap)?;
/// assert!(out.moved >= 1);
/// assert_eq!(out.valid, out.issues.is_empty());
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn swap_shifts(
    problem: &Problem,
    schedule: &Schedule,
    swap: &ShiftSwap,
) -> Result<SwapOutcome> {
    let prep = Prepared::new(problem)?;
    let ids = [swap.first_agent.as_str(), swap.second_agent.as_str()];
    let agents = [
        find_agent(problem, "swap.first_agent", ids[0])?,
        find_agent(problem, "swap.second_agent", ids[1])?,
    ];
    if agents[0] == agents[1] {
        return Err(Error::invalid(
            "swap.second_agent",
            ids[1],
            "must differ from first_agent",
        ));
    }
    if swap.windows.is_empty() {
        return Err(Error::invalid(
            "swap.windows",
            "[]",
            "must list at least one range",
        ));
    }
    for (k, w) in swap.windows.iter().enumerate() {
        checked_window(&format!("swap.windows[{k}]"), w.start, w.end)?;
    }
    let types = &problem.activity_types;
    let is_break = |a: &Activity| a.type_id == types.break_ || a.type_id == types.lunch;

    // The moved shifts of each agent, and which of its activities move.
    let moved_shifts: [Vec<TimeWindow>; 2] = ids.map(|id| {
        schedule
            .activities
            .iter()
            .filter(|a| {
                a.agent_id == id
                    && a.type_id == types.shift
                    && swap
                        .windows
                        .iter()
                        .any(|w| w.start <= a.start_time && a.start_time < w.end)
            })
            .map(|a| TimeWindow {
                start: a.start_time,
                end: a.end_time,
            })
            .collect()
    });
    if moved_shifts.iter().all(Vec::is_empty) {
        return Err(Error::invalid(
            "swap.windows",
            format!("{:?}", swap.windows),
            "select no shift of either agent",
        ));
    }
    let moves = |x: usize, a: &Activity| {
        a.agent_id == ids[x]
            && moved_shifts[x].iter().any(|s| {
                (a.type_id == types.shift && a.start_time == s.start && a.end_time == s.end)
                    || (is_break(a) && s.start <= a.start_time && a.end_time <= s.end)
            })
    };

    let check = Recheck::new(problem, schedule, &ids);
    let (old_acts, old_asg) = check.records(schedule);
    let mut served = Served::new(&prep, &schedule.assignments)?;
    let before_counts = served.counts.clone();
    let old_lines = agents.map(|a| served.timelines[a].clone());

    // New timelines: clear moved-out shifts, then fill moved-in ones from the giver's old line.
    let mut new_lines = old_lines.clone();
    for x in 0..2 {
        for s in &moved_shifts[x] {
            new_lines[x][inside(&prep, *s)]
                .iter_mut()
                .for_each(|q| *q = None);
        }
    }
    let mut issues = Vec::new();
    for x in 0..2 {
        let (giver, receiver) = (x, 1 - x);
        let r = agents[receiver];
        for s in &moved_shifts[giver] {
            let breaks: Vec<TimeWindow> = old_acts
                .iter()
                .filter(|a| {
                    moves(giver, a) && is_break(a) && s.start <= a.start_time && a.end_time <= s.end
                })
                .map(|a| TimeWindow {
                    start: a.start_time,
                    end: a.end_time,
                })
                .collect();
            let mut missing: Vec<usize> = Vec::new();
            for i in inside(&prep, *s) {
                let t = prep.cal.instant(i);
                let on_break = breaks.iter().any(|b| b.start <= t && t < b.end);
                if on_break || prep.agents[r].fixed[i] {
                    continue;
                }
                let skilled = |q: usize| prep.agents[r].queues.contains(&q);
                new_lines[receiver][i] = Some(match old_lines[giver][i] {
                    Some(q) if skilled(q) => q,
                    Some(q) => {
                        if !missing.contains(&q) {
                            missing.push(q);
                            issues.push(SwapIssue::MissingSkill {
                                agent_id: ids[receiver].to_owned(),
                                queue_id: problem.queues[q].id.clone(),
                                start_time: t,
                            });
                        }
                        prep.agents[r].queues[0]
                    }
                    None => prep.agents[r].queues[0],
                });
            }
        }
    }

    // New records of the two agents.
    let mut moved = 0;
    let mut activities: Vec<Activity> = old_acts
        .iter()
        .map(|a| {
            let x = usize::from(a.agent_id != ids[0]);
            let mut a = a.clone();
            if moves(x, &a) {
                moved += 1;
                a.agent_id = ids[1 - x].into();
                if a.type_id == types.shift {
                    a.queue_ids = served_queues(&prep, &new_lines[1 - x], a.start_time, a.end_time);
                }
            }
            a
        })
        .collect();
    activities.sort_by(|x, y| {
        (&x.agent_id, x.start_time, &x.id).cmp(&(&y.agent_id, y.start_time, &y.id))
    });
    let assignments: Vec<QueueAssignment> = (0..2)
        .flat_map(|x| segments(&prep, agents[x], &new_lines[x]))
        .collect();

    let before = check.violations(old_acts, old_asg);
    let after = check.violations(activities.clone(), assignments.clone());
    issues.extend(
        new_violations(&before, after)
            .into_iter()
            .map(SwapIssue::Rule),
    );

    for (x, line) in new_lines.into_iter().enumerate() {
        served.set_timeline(agents[x], line);
    }
    Ok(SwapOutcome {
        valid: issues.is_empty(),
        issues,
        moved,
        activities,
        assignments,
        coverage: deltas(&prep, &before_counts, &served.counts),
    })
}

/// Queue ids served on `timeline` during `[start, end)`, in problem order.
fn served_queues(prep: &Prepared<'_>, timeline: &Timeline, start: i64, end: i64) -> Vec<QueueId> {
    let mut qs: Vec<usize> = timeline[inside(prep, TimeWindow { start, end })]
        .iter()
        .flatten()
        .copied()
        .collect();
    qs.sort_unstable();
    qs.dedup();
    qs.into_iter()
        .map(|q| prep.problem.queues[q].id.as_str().into())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Rule;
    use crate::workflows::fixture::{self, at};

    fn whole_day(a: &str, b: &str) -> ShiftSwap {
        ShiftSwap {
            first_agent: a.into(),
            second_agent: b.into(),
            windows: vec![TimeWindow {
                start: at(0),
                end: at(24),
            }],
        }
    }

    #[test]
    fn ann_and_bob_trade_shifts_without_coverage_change() -> Result<()> {
        let p = fixture::problem();
        let s = fixture::schedule();
        let out = swap_shifts(&p, &s, &whole_day("ann", "bob"))?;
        assert!(out.valid, "{:?}", out.issues);
        assert_eq!(out.moved, 4);
        assert!(out.coverage.is_empty()); // same shifts, same queue: coverage unchanged
        let bob_shift = out
            .activities
            .iter()
            .find(|a| a.agent_id == "bob" && a.type_id == "shift")
            .map(|a| (a.start_time, a.end_time));
        assert_eq!(bob_shift, Some((at(8), at(16))));
        Ok(())
    }

    #[test]
    fn giving_a_q_shift_to_dan_reports_skill_meeting_and_coverage() -> Result<()> {
        let p = fixture::problem();
        let s = fixture::schedule();
        let out = swap_shifts(&p, &s, &whole_day("ann", "dan"))?;
        assert!(!out.valid);
        assert_eq!(
            out.issues,
            vec![SwapIssue::MissingSkill {
                agent_id: "dan".into(),
                queue_id: "q".into(),
                start_time: at(8)
            }]
        );
        // dan serves r instead, except his 09-10 meeting and the 12-13 lunch:
        // q loses 8..12 and 13..16 (7 intervals), r gains 8, 10, 11, 13, 14, 15.
        let q: Vec<usize> = out
            .coverage
            .iter()
            .filter(|d| d.queue_id == "q")
            .map(|d| d.interval)
            .collect();
        let r: Vec<usize> = out
            .coverage
            .iter()
            .filter(|d| d.queue_id == "r")
            .map(|d| d.interval)
            .collect();
        assert_eq!(q, vec![8, 9, 10, 11, 13, 14, 15]);
        assert_eq!(r, vec![8, 10, 11, 13, 14, 15]);
        Ok(())
    }

    #[test]
    fn availability_and_time_off_break_the_swap() -> Result<()> {
        let mut p = fixture::problem();
        p.agents[2].availability = vec![TimeWindow {
            start: at(9),
            end: at(22),
        }];
        let s = fixture::schedule();
        let out = swap_shifts(&p, &s, &whole_day("ann", "cat"))?;
        let rules: Vec<Rule> = out
            .issues
            .iter()
            .filter_map(|i| match i {
                SwapIssue::Rule(v) => Some(v.rule),
                SwapIssue::MissingSkill { .. } => None,
            })
            .collect();
        assert_eq!(rules, vec![Rule::Availability]);
        p.agents[2].availability.clear();
        p.agents[2].time_off = vec![TimeWindow {
            start: at(15),
            end: at(20),
        }];
        let out = swap_shifts(&p, &s, &whole_day("ann", "cat"))?;
        assert!(
            matches!(out.issues.as_slice(), [SwapIssue::Rule(v)] if v.rule == Rule::TimeOff && v.agent_id.as_deref() == Some("cat"))
        );
        Ok(())
    }

    #[test]
    fn bad_swaps_are_typed_errors() {
        let p = fixture::problem();
        let s = fixture::schedule();
        assert!(matches!(
            swap_shifts(&p, &s, &whole_day("ann", "ann")),
            Err(Error::InvalidValue { .. })
        ));
        assert!(matches!(
            swap_shifts(&p, &s, &whole_day("ann", "zed")),
            Err(Error::UnknownId { .. })
        ));
        assert!(matches!(
            swap_shifts(&p, &s, &whole_day("cat", "dan")),
            Err(Error::InvalidValue { .. })
        ));
        let mut w = whole_day("ann", "bob");
        w.windows[0].end = w.windows[0].start;
        assert!(matches!(
            swap_shifts(&p, &s, &w),
            Err(Error::EndBeforeStart { .. })
        ));
        w.windows.clear();
        assert!(matches!(
            swap_shifts(&p, &s, &w),
            Err(Error::InvalidValue { .. })
        ));
    }
}
