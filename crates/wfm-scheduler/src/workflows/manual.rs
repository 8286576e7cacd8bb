//! Check one manual activity before creating it: working hours, approved time off, conflicts
//! with the agent's activities (`allow_conflicts`), skills, and the coverage delta it causes
//! (workflow `schedule-agent-shift`).

use serde::{Deserialize, Serialize};

use super::coverage::{
    CoverageDelta, Served, checked_window, deltas, find_agent, inside, overlapping,
};
use crate::calendar::working_hours_windows;
use crate::prepare::Prepared;
use crate::problem::{Problem, TimeWindow};
use crate::schedule::{Activity, Schedule};
use crate::{Error, Result};

/// Longest manual activity accepted, in seconds (31 days).
const MAX_SECONDS: i64 = 31 * 86_400;

/// Options of [`check_manual_activity`]. Default: conflicts block the activity.
///
/// # Example
///
/// ```
/// let c = wfm_scheduler::ManualCheckConfig::default().allow_conflicts(true);
/// assert!(c.allows_conflicts());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManualCheckConfig {
    allow_conflicts: bool,
}

impl ManualCheckConfig {
    /// Whether overlapping activities are reported without blocking (Assembled's
    /// `allow_conflicts`).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!wfm_scheduler::ManualCheckConfig::default().allows_conflicts());
    /// ```
    #[must_use]
    pub fn allow_conflicts(mut self, allow: bool) -> Self {
        self.allow_conflicts = allow;
        self
    }

    /// The `allow_conflicts` setting.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::ManualCheckConfig::default().allow_conflicts(true).allows_conflicts());
    /// ```
    #[must_use]
    pub fn allows_conflicts(&self) -> bool {
        self.allow_conflicts
    }
}

/// A problem with a manual activity.
///
/// # Example
///
/// ```
/// let i = wfm_scheduler::ActivityIssue::TimeOff { start_time: 0, end_time: 86_400 };
/// assert!(i.is_blocking(false));
/// let c = wfm_scheduler::ActivityIssue::Conflict { activity_id: "x".into(), type_id: "shift".into(),
///     start_time: 0, end_time: 3600 };
/// assert!(!c.is_blocking(true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActivityIssue {
    /// The activity is not inside the agent's working hours / availability.
    OutsideWorkingHours {
        /// Activity start, unix seconds.
        start_time: i64,
        /// Activity end, unix seconds.
        end_time: i64,
    },
    /// The activity overlaps approved time off.
    TimeOff {
        /// Time-off start, unix seconds.
        start_time: i64,
        /// Time-off end, unix seconds.
        end_time: i64,
    },
    /// The activity overlaps an activity of the same layer (a shift another shift; anything else
    /// another non-shift activity).
    Conflict {
        /// The existing activity's id.
        activity_id: String,
        /// Its type.
        type_id: String,
        /// Its start, unix seconds.
        start_time: i64,
        /// Its end, unix seconds.
        end_time: i64,
    },
    /// A non-shift activity overlaps one of the agent's fixed activities.
    FixedActivityConflict {
        /// The fixed activity's type.
        type_id: String,
        /// Its start, unix seconds.
        start_time: i64,
        /// Its end, unix seconds.
        end_time: i64,
    },
    /// The agent is not skilled for a queue listed in `queue_ids`.
    NotSkilled {
        /// The queue.
        queue_id: String,
    },
}

impl ActivityIssue {
    /// Whether the issue blocks creating the activity (conflicts do not when allowed).
    ///
    /// # Example
    ///
    /// ```
    /// let i = wfm_scheduler::ActivityIssue::NotSkilled { queue_id: "q".into() };
    /// assert!(i.is_blocking(true));
    /// ```
    #[must_use]
    pub fn is_blocking(&self, allow_conflicts: bool) -> bool {
        !(allow_conflicts
            && matches!(
                self,
                Self::Conflict { .. } | Self::FixedActivityConflict { .. }
            ))
    }
}

/// The verdict on a manual activity and its coverage effect.
///
/// # Example
///
/// See [`check_manual_activity`].
///
/// ```
/// let m = wfm_scheduler::ManualCheck { accepted: true, issues: vec![], coverage: vec![] };
/// assert!(m.accepted);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualCheck {
    /// No blocking issue.
    pub accepted: bool,
    /// Every issue found, blocking or not.
    pub issues: Vec<ActivityIssue>,
    /// Coverage per queue and interval that creating the activity changes.
    pub coverage: Vec<CoverageDelta>,
}

/// Checks one manual activity against the agent's working hours, approved time off, skills and
/// existing activities, and computes the coverage delta it causes.
///
/// An activity of the problem's shift type is productive: in the intervals fully inside it that
/// are not on the agent's breaks, other non-shift activities or fixed activities, the agent
/// serves the first queue of `queue_ids` it is skilled for (else its first queue). Any other
/// type is non-productive: the agent stops serving in every interval it touches. An existing
/// activity with the same id is the one being edited and is not a conflict.
///
/// # Errors
///
/// Any [`Problem::check`] error or bad assignment record (see [`crate::coverage_delta`]);
/// [`Error::UnknownId`] for an unknown agent or queue; [`Error::EndBeforeStart`] for an empty
/// activity; [`Error::InvalidValue`] for one longer than 31 days.
///
/// # Example
///
/// ```
/// use wfm_scheduler::*;
/// let p = generate(&GeneratorConfig::default().agents(6).days(1))?;
/// let s = solve(&p, &SolverConfig::default().milp(false))?;
/// let no_meetings = |id: &str| p.agents.iter().any(|a| a.id == id && a.fixed_activities.is_empty());
/// let shift = s.activities.iter().find(|a| a.type_id == "shift" && no_meetings(a.agent_id.as_str()))
///     .ok_or(Error::Infeasible { agent: String::new(), rule: "no shift".into(), time: 0, detail: String::new() })?;
/// // A one-hour meeting at the start of a scheduled shift: the agent stops serving for an hour.
/// let meeting = Activity::new("m1", shift.agent_id.clone(), "meeting", shift.start_time, shift.start_time + 3600);
/// let m = check_manual_activity(&p, &s, &meeting, &ManualCheckConfig::default())?;
/// assert!(m.accepted, "{:?}", m.issues);
/// assert_eq!(m.coverage.iter().map(|d| d.change()).sum::<i64>(), -4); // 4 quarter-hours
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn check_manual_activity(
    problem: &Problem,
    schedule: &Schedule,
    activity: &Activity,
    config: &ManualCheckConfig,
) -> Result<ManualCheck> {
    let prep = Prepared::new(problem)?;
    let a = find_agent(problem, "activity.agent_id", activity.agent_id.as_str())?;
    let agent = &problem.agents[a];
    let w = checked_window("activity", activity.start_time, activity.end_time)?;
    if w.end.saturating_sub(w.start) > MAX_SECONDS {
        return Err(Error::invalid(
            "activity",
            format!("[{}, {})", w.start, w.end),
            "must last at most 31 days",
        ));
    }
    let mut queues = Vec::new();
    for (k, id) in activity.queue_ids.iter().enumerate() {
        let q = problem
            .queues
            .iter()
            .position(|x| *id == x.id)
            .ok_or_else(|| Error::UnknownId {
                field: format!("activity.queue_ids[{k}]"),
                id: id.to_string(),
            })?;
        queues.push(q);
    }
    let types = &problem.activity_types;
    let is_shift = activity.type_id == types.shift;
    let mut issues = Vec::new();

    if !within_availability(problem, a, w)? {
        issues.push(ActivityIssue::OutsideWorkingHours {
            start_time: w.start,
            end_time: w.end,
        });
    }
    for t in agent
        .time_off
        .iter()
        .filter(|t| t.start < w.end && w.start < t.end)
    {
        issues.push(ActivityIssue::TimeOff {
            start_time: t.start,
            end_time: t.end,
        });
    }
    let mut theirs: Vec<&Activity> = schedule
        .activities
        .iter()
        .filter(|x| x.agent_id == agent.id && x.id != activity.id)
        .collect();
    theirs.sort_by(|x, y| (x.start_time, &x.id).cmp(&(y.start_time, &y.id)));
    for x in theirs
        .iter()
        .filter(|x| (x.type_id == types.shift) == is_shift)
        .filter(|x| x.start_time < w.end && w.start < x.end_time)
    {
        issues.push(ActivityIssue::Conflict {
            activity_id: x.id.to_string(),
            type_id: x.type_id.to_string(),
            start_time: x.start_time,
            end_time: x.end_time,
        });
    }
    if !is_shift {
        for f in agent
            .fixed_activities
            .iter()
            .filter(|f| f.start < w.end && w.start < f.end)
        {
            issues.push(ActivityIssue::FixedActivityConflict {
                type_id: f.type_id.clone(),
                start_time: f.start,
                end_time: f.end,
            });
        }
    }
    let skilled: Vec<usize> = queues
        .iter()
        .copied()
        .filter(|q| prep.agents[a].queues.contains(q))
        .collect();
    for &q in queues.iter().filter(|q| !skilled.contains(q)) {
        issues.push(ActivityIssue::NotSkilled {
            queue_id: problem.queues[q].id.clone(),
        });
    }

    // Coverage.
    let mut served = Served::new(&prep, &schedule.assignments)?;
    let before = served.counts.clone();
    let mut line = served.timelines[a].clone();
    if is_shift {
        let q = skilled.first().copied().unwrap_or(prep.agents[a].queues[0]);
        let mut off = prep.agents[a].fixed.clone();
        for x in theirs.iter().filter(|x| x.type_id != types.shift) {
            let r = overlapping(
                &prep,
                TimeWindow {
                    start: x.start_time,
                    end: x.end_time.max(x.start_time),
                },
            );
            off[r].iter_mut().for_each(|o| *o = true);
        }
        for i in inside(&prep, w) {
            if !off[i] {
                line[i] = Some(q);
            }
        }
    } else {
        line[overlapping(&prep, w)]
            .iter_mut()
            .for_each(|x| *x = None);
    }
    served.set_timeline(a, line);
    let allow = config.allow_conflicts;
    Ok(ManualCheck {
        accepted: issues.iter().all(|i| !i.is_blocking(allow)),
        issues,
        coverage: deltas(&prep, &before, &served.counts),
    })
}

/// Whether `w` lies inside one merged availability window of agent `a` (always, when the agent
/// has neither availability windows nor working hours).
fn within_availability(problem: &Problem, a: usize, w: TimeWindow) -> Result<bool> {
    let agent = &problem.agents[a];
    if agent.availability.is_empty() && agent.working_hours.is_empty() {
        return Ok(true);
    }
    let mut windows: Vec<TimeWindow> = agent.availability.clone();
    for (j, rule) in agent.working_hours.iter().enumerate() {
        windows.extend(working_hours_windows(
            &format!("agents[{a}].working_hours[{j}]"),
            &agent.id,
            rule,
            w.start,
            w.end,
        )?);
    }
    windows.sort_unstable();
    let mut merged: Vec<TimeWindow> = Vec::new();
    for x in windows {
        match merged.last_mut() {
            Some(last) if x.start <= last.end => last.end = last.end.max(x.end),
            _ => merged.push(x),
        }
    }
    Ok(merged.iter().any(|m| m.start <= w.start && w.end <= m.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflows::fixture::{self, activity, at};

    fn check(p: &Problem, x: &Activity, allow: bool) -> Result<ManualCheck> {
        check_manual_activity(
            p,
            &fixture::schedule(),
            x,
            &ManualCheckConfig::default().allow_conflicts(allow),
        )
    }

    #[test]
    fn meeting_inside_anns_shift_drops_coverage_once() -> Result<()> {
        let p = fixture::problem();
        let m = activity("ann", "meeting", 9, 11);
        let out = check(&p, &m, false)?;
        assert!(out.accepted && out.issues.is_empty(), "{:?}", out.issues);
        let got: Vec<(usize, u32, u32)> = out
            .coverage
            .iter()
            .map(|d| (d.interval, d.before, d.after))
            .collect();
        // ann alone at 9 (bob starts at 10): 9 goes 1 -> 0, 10 goes 2 -> 1.
        assert_eq!(got, vec![(9, 1, 0), (10, 2, 1)]);
        Ok(())
    }

    #[test]
    fn meeting_over_a_lunch_conflicts_unless_allowed() -> Result<()> {
        let p = fixture::problem();
        let m = activity("ann", "meeting", 11, 13);
        let out = check(&p, &m, false)?;
        assert!(!out.accepted);
        assert!(
            matches!(out.issues.as_slice(), [ActivityIssue::Conflict { type_id, .. }] if type_id == "lunch")
        );
        let out = check(&p, &m, true)?;
        assert!(out.accepted);
        assert_eq!(out.coverage.len(), 1); // only 11 was productive
        Ok(())
    }

    #[test]
    fn evening_shift_for_cat_outside_hours_and_in_time_off() -> Result<()> {
        let mut p = fixture::problem();
        let mut s = activity("cat", "shift", 16, 24);
        s.queue_ids = vec!["q".into(), "r".into()];
        let out = check(&p, &s, false)?;
        assert_eq!(
            out.issues,
            vec![ActivityIssue::OutsideWorkingHours {
                start_time: at(16),
                end_time: at(24)
            }]
        );
        // Productive on q (first skilled listed queue) 16..24: q needs 1 at 16, 17 where bob is.
        assert_eq!(out.coverage.len(), 8);
        assert!(
            out.coverage
                .iter()
                .all(|d| d.queue_id == "q" && d.change() == 1)
        );
        p.agents[2].time_off = vec![TimeWindow {
            start: at(20),
            end: at(23),
        }];
        let out = check(&p, &s, true)?;
        assert!(!out.accepted);
        assert!(out.issues.contains(&ActivityIssue::TimeOff {
            start_time: at(20),
            end_time: at(23)
        }));
        Ok(())
    }

    #[test]
    fn new_shift_over_an_existing_one_and_unskilled_queue() -> Result<()> {
        let p = fixture::problem();
        let mut s = activity("bob", "shift", 12, 20);
        s.id = "new".into();
        s.queue_ids = vec!["r".into()];
        let out = check(&p, &s, true)?;
        assert!(!out.accepted); // not skilled for r blocks even with conflicts allowed
        assert!(out.issues.contains(&ActivityIssue::NotSkilled {
            queue_id: "r".into()
        }));
        assert!(
            out.issues
                .iter()
                .any(|i| matches!(i, ActivityIssue::Conflict { .. }))
        );
        // bob keeps his lunch at 14; new productive time on q: 18, 19.
        let gained: Vec<usize> = out.coverage.iter().map(|d| d.interval).collect();
        assert_eq!(gained, vec![18, 19]);
        Ok(())
    }

    #[test]
    fn dan_meeting_on_his_fixed_meeting_and_working_hours_rule() -> Result<()> {
        let mut p = fixture::problem();
        let out = check(&p, &activity("dan", "training", 9, 10), false)?;
        assert!(matches!(
            out.issues.as_slice(),
            [ActivityIssue::FixedActivityConflict { .. }]
        ));
        p.agents[3].working_hours = vec![crate::WorkingHours {
            timezone: "UTC".into(),
            weekly_pattern: vec![crate::PatternEntry {
                day_of_week: crate::DayOfWeek::Monday,
                start_time: "07:00".into(),
                end_time: "15:00".into(),
            }],
            effective_from: None,
            effective_to: None,
        }];
        let shift = |from, to| Activity {
            queue_ids: vec![],
            ..activity("dan", "shift", from, to)
        };
        let out = check(&p, &shift(7, 15), false)?;
        assert!(out.accepted, "{:?}", out.issues);
        // dan serves his only queue r, outside his 09-10 meeting: 7 intervals.
        assert_eq!(out.coverage.len(), 7);
        assert!(out.coverage.iter().all(|d| d.queue_id == "r"));
        assert!(!check(&p, &shift(8, 16), false)?.accepted);
        Ok(())
    }

    #[test]
    fn bad_activities_are_typed_errors() {
        let p = fixture::problem();
        let mut x = activity("zed", "shift", 8, 16);
        assert!(matches!(check(&p, &x, false), Err(Error::UnknownId { .. })));
        x.agent_id = "ann".into();
        x.queue_ids = vec!["nope".into()];
        assert!(
            matches!(check(&p, &x, false), Err(Error::UnknownId { ref field, .. }) if field == "activity.queue_ids[0]")
        );
        x.queue_ids.clear();
        x.end_time = x.start_time;
        assert!(matches!(
            check(&p, &x, false),
            Err(Error::EndBeforeStart { .. })
        ));
        x.start_time = i64::MIN;
        x.end_time = i64::MAX;
        assert!(matches!(
            check(&p, &x, false),
            Err(Error::InvalidValue { .. })
        ));
    }
}
