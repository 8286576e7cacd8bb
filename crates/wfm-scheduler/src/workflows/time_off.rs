//! Time-off request impact: the coverage lost if a request is approved, and an approve/deny
//! recommendation by a policy, with its reasons (workflow `request-time-off`).

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::coverage::{
    CoverageDelta, Served, checked_window, deltas, find_agent, overlapping, shortfall_hours,
};
use crate::calendar::{parse_tz, to_utc};
use crate::prepare::Prepared;
use crate::problem::{Problem, TimeWindow};
use crate::schedule::{Activity, Schedule};
use crate::{Error, Result};

/// A time-off request is wfm-core's Assembled-shaped [`wfm_core::TimeOffRequest`]. The impact
/// workflow reads `agent_id`, `start_time`, `end_time` and `all_day` (its `status` does not
/// matter: the workflow answers "what if it is approved").
///
/// With `all_day`, the request covers every local day (in the agent's time zone: its first
/// working-hours rule's, else the horizon's) that `[start_time, end_time)` touches, from local
/// midnight to local midnight, so a DST day is 23 or 25 hours long.
///
/// # Example
///
/// ```
/// let r: wfm_scheduler::TimeOffRequest = serde_json::from_str(
///     r#"{"agent_id": "a", "start_time": 0, "end_time": "1970-01-01T01:00:00Z"}"#)?;
/// assert!(!r.all_day);
/// assert_eq!(r.end_time, 3600);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub use wfm_core::TimeOffRequest;

/// When to recommend denying a request.
///
/// Defaults: deny if any interval whose coverage the request lowers ends below 80% of its
/// requirement, or if the total shortfall grows by more than 4 staff-hours.
///
/// # Example
///
/// ```
/// let p = wfm_scheduler::TimeOffPolicy::default().min_coverage_ratio(0.5).max_added_shortfall_hours(2.0);
/// assert!(p.validate().is_ok());
/// assert!(wfm_scheduler::TimeOffPolicy::default().min_coverage_ratio(f64::NAN).validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TimeOffPolicy {
    min_coverage_ratio: f64,
    max_added_shortfall_hours: f64,
}

impl Default for TimeOffPolicy {
    fn default() -> Self {
        Self {
            min_coverage_ratio: 0.8,
            max_added_shortfall_hours: 4.0,
        }
    }
}

impl TimeOffPolicy {
    /// Deny when an interval the request lowers ends with fewer than `ratio` x required agents
    /// (0 disables the check).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::TimeOffPolicy::default().min_coverage_ratio(-0.1).validate().is_err());
    /// ```
    #[must_use]
    pub fn min_coverage_ratio(mut self, ratio: f64) -> Self {
        self.min_coverage_ratio = ratio;
        self
    }

    /// Deny when the shortfall grows by more than `hours` staff-hours (`f64::INFINITY` disables).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::TimeOffPolicy::default().max_added_shortfall_hours(f64::INFINITY).validate().is_ok());
    /// ```
    #[must_use]
    pub fn max_added_shortfall_hours(mut self, hours: f64) -> Self {
        self.max_added_shortfall_hours = hours;
        self
    }

    /// Checks the policy's values.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] when the ratio is not finite and >= 0, or the hours are NaN or < 0.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::TimeOffPolicy::default().validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if !(self.min_coverage_ratio.is_finite() && self.min_coverage_ratio >= 0.0) {
            return Err(Error::invalid(
                "min_coverage_ratio",
                self.min_coverage_ratio,
                "must be finite and >= 0",
            ));
        }
        if self.max_added_shortfall_hours.is_nan() || self.max_added_shortfall_hours < 0.0 {
            return Err(Error::invalid(
                "max_added_shortfall_hours",
                self.max_added_shortfall_hours,
                "must be >= 0",
            ));
        }
        Ok(())
    }
}

/// What the policy recommends.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&wfm_scheduler::Recommendation::Deny)?, "\"deny\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// No policy limit is crossed.
    Approve,
    /// At least one [`TimeOffReason`] applies.
    Deny,
}

/// Why a request is recommended for denial.
///
/// # Example
///
/// ```
/// let r = wfm_scheduler::TimeOffReason::ShortfallIncrease { added_hours: 5.0, limit_hours: 4.0 };
/// assert!(serde_json::to_string(&r)?.contains("shortfall_increase"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeOffReason {
    /// An interval the request lowers ends below `ratio` x `required`.
    BelowCoverageRatio {
        /// Queue id.
        queue_id: String,
        /// Interval start, unix seconds.
        start_time: i64,
        /// Agents left serving the queue.
        scheduled: u32,
        /// Agents required.
        required: f64,
        /// The policy's ratio.
        ratio: f64,
    },
    /// The total shortfall grows by more than the policy allows.
    ShortfallIncrease {
        /// Staff-hours added to the shortfall.
        added_hours: f64,
        /// The policy's limit.
        limit_hours: f64,
    },
}

/// The impact of approving a time-off request.
///
/// # Example
///
/// See [`time_off_impact`].
///
/// ```
/// let i = wfm_scheduler::TimeOffImpact { agent_id: "a".into(),
///     window: wfm_scheduler::TimeWindow { start: 0, end: 3600 }, affected_activities: vec![],
///     coverage: vec![], shortfall_before_hours: 1.0, shortfall_after_hours: 3.0,
///     recommendation: wfm_scheduler::Recommendation::Approve, reasons: vec![] };
/// assert!((i.added_shortfall_hours() - 2.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeOffImpact {
    /// The agent.
    pub agent_id: String,
    /// The time off, all-day requests expanded to local midnights.
    pub window: TimeWindow,
    /// The agent's scheduled activities that overlap the window, by start.
    pub affected_activities: Vec<Activity>,
    /// Coverage per queue and interval that changes if approved.
    pub coverage: Vec<CoverageDelta>,
    /// Staff-hours short of requirement now.
    pub shortfall_before_hours: f64,
    /// Staff-hours short of requirement if approved.
    pub shortfall_after_hours: f64,
    /// The policy's recommendation.
    pub recommendation: Recommendation,
    /// Why the policy recommends denial (empty when it approves).
    pub reasons: Vec<TimeOffReason>,
}

impl TimeOffImpact {
    /// Staff-hours added to the shortfall if approved.
    ///
    /// # Example
    ///
    /// See [`TimeOffImpact`].
    ///
    /// ```
    /// let i = wfm_scheduler::TimeOffImpact { agent_id: "a".into(),
    ///     window: wfm_scheduler::TimeWindow { start: 0, end: 60 }, affected_activities: vec![],
    ///     coverage: vec![], shortfall_before_hours: 0.0, shortfall_after_hours: 0.0,
    ///     recommendation: wfm_scheduler::Recommendation::Approve, reasons: vec![] };
    /// assert!(i.added_shortfall_hours().abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn added_shortfall_hours(&self) -> f64 {
        self.shortfall_after_hours - self.shortfall_before_hours
    }

    /// The time-off activity to create once approved, of type `type_id`.
    ///
    /// # Example
    ///
    /// ```
    /// let i = wfm_scheduler::TimeOffImpact { agent_id: "a".into(),
    ///     window: wfm_scheduler::TimeWindow { start: 0, end: 86_400 }, affected_activities: vec![],
    ///     coverage: vec![], shortfall_before_hours: 0.0, shortfall_after_hours: 0.0,
    ///     recommendation: wfm_scheduler::Recommendation::Approve, reasons: vec![] };
    /// let a = i.activity("pto");
    /// assert_eq!((a.agent_id.as_str(), a.type_id.as_str(), a.end_time), ("a", "pto", 86_400));
    /// ```
    #[must_use]
    pub fn activity(&self, type_id: &str) -> Activity {
        Activity::new(
            format!("{}-{}-{type_id}", self.agent_id, self.window.start),
            self.agent_id.as_str(),
            type_id,
            self.window.start,
            self.window.end,
        )
    }
}

/// Scores a time-off request: the coverage lost if it is approved (the agent's scheduled work
/// inside it removed; an interval partly inside counts as lost), shortfall before and after, and
/// the `policy`'s recommendation with reasons.
///
/// # Errors
///
/// Any [`Problem::check`] error or bad assignment record (see [`crate::coverage_delta`]);
/// [`Error::UnknownId`] for an unknown agent; [`Error::EndBeforeStart`] for an empty request;
/// [`Error::Overlap`] when it overlaps the agent's approved time off; [`Error::InvalidValue`] for
/// a bad policy or an instant out of range.
///
/// # Example
///
/// ```
/// use wfm_scheduler::*;
/// let p = generate(&GeneratorConfig::default().agents(6).days(1))?;
/// let s = solve(&p, &SolverConfig::default().milp(false))?;
/// let shift = s.activities.iter().find(|a| a.type_id == "shift").ok_or(Error::Infeasible {
///     agent: String::new(), rule: "no shift".into(), time: 0, detail: String::new() })?;
/// let req = TimeOffRequest { agent_id: shift.agent_id.as_str().into(), start_time: shift.start_time,
///     end_time: shift.end_time, ..Default::default() };
/// let impact = time_off_impact(&p, &s, &req, &TimeOffPolicy::default())?;
/// assert!(impact.coverage.iter().all(|d| d.change() == -1));
/// assert!(impact.added_shortfall_hours() >= 0.0);
/// assert_eq!(impact.recommendation == Recommendation::Approve, impact.reasons.is_empty());
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn time_off_impact(
    problem: &Problem,
    schedule: &Schedule,
    request: &TimeOffRequest,
    policy: &TimeOffPolicy,
) -> Result<TimeOffImpact> {
    policy.validate()?;
    let prep = Prepared::new(problem)?;
    let a = find_agent(problem, "request.agent_id", request.agent_id.as_str())?;
    let agent = &problem.agents[a];
    let window = resolve_window(problem, a, request)?;
    if let Some((j, t)) = agent
        .time_off
        .iter()
        .enumerate()
        .find(|(_, t)| t.start < window.end && window.start < t.end)
    {
        return Err(Error::Overlap {
            field: "request".into(),
            other: format!("agents[{a}].time_off[{j}]"),
            time: t.start.max(window.start),
        });
    }
    let mut served = Served::new(&prep, &schedule.assignments)?;
    let before = served.counts.clone();
    let mut timeline = served.timelines[a].clone();
    timeline[overlapping(&prep, window)]
        .iter_mut()
        .for_each(|x| *x = None);
    served.set_timeline(a, timeline);
    let coverage = deltas(&prep, &before, &served.counts);
    let shortfall_before_hours = shortfall_hours(&prep, &before);
    let shortfall_after_hours = shortfall_hours(&prep, &served.counts);

    let ratio = policy.min_coverage_ratio;
    let mut reasons: Vec<TimeOffReason> = coverage
        .iter()
        .filter(|d| d.change() < 0 && f64::from(d.after) < ratio * d.required - 1e-9)
        .map(|d| TimeOffReason::BelowCoverageRatio {
            queue_id: d.queue_id.clone(),
            start_time: d.start_time,
            scheduled: d.after,
            required: d.required,
            ratio,
        })
        .collect();
    let added = shortfall_after_hours - shortfall_before_hours;
    if added > policy.max_added_shortfall_hours + 1e-9 {
        reasons.push(TimeOffReason::ShortfallIncrease {
            added_hours: added,
            limit_hours: policy.max_added_shortfall_hours,
        });
    }
    let mut affected_activities: Vec<Activity> = schedule
        .activities
        .iter()
        .filter(|x| {
            x.agent_id == agent.id && x.start_time < window.end && window.start < x.end_time
        })
        .cloned()
        .collect();
    affected_activities.sort_by(|x, y| (x.start_time, &x.id).cmp(&(y.start_time, &y.id)));
    Ok(TimeOffImpact {
        agent_id: agent.id.clone(),
        window,
        affected_activities,
        coverage,
        shortfall_before_hours,
        shortfall_after_hours,
        recommendation: if reasons.is_empty() {
            Recommendation::Approve
        } else {
            Recommendation::Deny
        },
        reasons,
    })
}

/// The request's UTC window; all-day requests span local midnights in the agent's time zone.
fn resolve_window(problem: &Problem, a: usize, r: &TimeOffRequest) -> Result<TimeWindow> {
    let w = checked_window("request", r.start_time, r.end_time)?;
    if !r.all_day {
        return Ok(w);
    }
    let agent = &problem.agents[a];
    let (field, tz_name) = match agent.working_hours.first() {
        Some(wh) => (
            format!("agents[{a}].working_hours[0].timezone"),
            &wh.timezone,
        ),
        None => ("horizon.timezone".to_owned(), &problem.horizon.timezone),
    };
    let tz = parse_tz(&field, tz_name)?;
    let local_date = |field: &str, t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.with_timezone(&tz).date_naive())
            .ok_or_else(|| Error::invalid(field, t, "instant out of range"))
    };
    let first = local_date("request.start_time", w.start)?;
    let last = local_date("request.end_time", w.end - 1)?;
    let midnight = |field: &str, d: chrono::NaiveDate| {
        to_utc(tz, d.and_time(NaiveTime::MIN))
            .ok_or_else(|| Error::invalid(field, d, "has no local midnight"))
    };
    let after_last = last
        .succ_opt()
        .ok_or_else(|| Error::invalid("request.end_time", r.end_time, "instant out of range"))?;
    Ok(TimeWindow {
        start: midnight("request.start_time", first)?,
        end: midnight("request.end_time", after_last)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflows::fixture::{self, H, at};

    fn request(agent: &str, from: i64, to: i64) -> TimeOffRequest {
        TimeOffRequest {
            agent_id: agent.into(),
            start_time: at(from),
            end_time: at(to),
            ..TimeOffRequest::default()
        }
    }

    #[test]
    fn ann_afternoon_off_hand_checked() -> Result<()> {
        let p = fixture::problem();
        let s = fixture::schedule();
        // ann serves q 13-16; bob serves 10-14 and 15-18: without ann, 14 drops 1 -> 0
        // (required 1), 13 and 15 drop 2 -> 1.
        let i = time_off_impact(&p, &s, &request("ann", 13, 16), &TimeOffPolicy::default())?;
        let got: Vec<(usize, u32, u32)> = i
            .coverage
            .iter()
            .map(|d| (d.interval, d.before, d.after))
            .collect();
        assert_eq!(got, vec![(13, 2, 1), (14, 1, 0), (15, 2, 1)]);
        assert!((i.added_shortfall_hours() - 1.0).abs() < 1e-12);
        assert_eq!(i.affected_activities.len(), 1); // the shift; the lunch ends at 13
        assert_eq!(i.recommendation, Recommendation::Deny);
        assert_eq!(
            i.reasons,
            vec![TimeOffReason::BelowCoverageRatio {
                queue_id: "q".into(),
                start_time: at(14),
                scheduled: 0,
                required: 1.0,
                ratio: 0.8
            }]
        );
        // A lenient policy approves the same request.
        let lenient = TimeOffPolicy::default().min_coverage_ratio(0.0);
        let i = time_off_impact(&p, &s, &request("ann", 13, 16), &lenient)?;
        assert_eq!(i.recommendation, Recommendation::Approve);
        // A strict shortfall limit denies it for the added hour.
        let strict = lenient.max_added_shortfall_hours(0.5);
        let i = time_off_impact(&p, &s, &request("ann", 13, 16), &strict)?;
        assert!(matches!(
            i.reasons.as_slice(),
            [TimeOffReason::ShortfallIncrease { added_hours, .. }] if (added_hours - 1.0).abs() < 1e-12
        ));
        Ok(())
    }

    #[test]
    fn partial_interval_counts_as_lost_and_idle_agent_costs_nothing() -> Result<()> {
        let p = fixture::problem();
        let s = fixture::schedule();
        let mut r = request("bob", 17, 18);
        r.start_time += H / 2; // 17:30-18:00 still removes bob's 17:00 interval
        let i = time_off_impact(&p, &s, &r, &TimeOffPolicy::default())?;
        assert_eq!(i.coverage.len(), 1);
        assert_eq!((i.coverage[0].interval, i.coverage[0].after), (17, 0));
        let i = time_off_impact(&p, &s, &request("cat", 8, 16), &TimeOffPolicy::default())?;
        assert!(i.coverage.is_empty() && i.affected_activities.is_empty());
        assert_eq!(i.recommendation, Recommendation::Approve);
        Ok(())
    }

    #[test]
    fn all_day_spans_local_midnights_across_dst() -> Result<()> {
        // 2026-03-08 is the US spring-forward day: New York midnight to midnight is 23 hours
        // (05:00Z to 04:00Z next day; tz database rules, checked with `TZ=America/New_York date`).
        let mut p = fixture::problem();
        p.horizon.timezone = "America/New_York".into();
        let s = fixture::with(vec![], vec![]);
        let r = TimeOffRequest {
            agent_id: "ann".into(),
            start_time: 1_772_989_200, // 2026-03-08T17:00:00Z, 12:00 local (EDT)
            end_time: 1_772_992_800,
            all_day: true,
            ..TimeOffRequest::default()
        };
        let i = time_off_impact(&p, &s, &r, &TimeOffPolicy::default())?;
        assert_eq!(i.window.start, 1_772_946_000); // 2026-03-08T05:00:00Z
        assert_eq!(i.window.end - i.window.start, 23 * H);
        Ok(())
    }

    #[test]
    fn bad_requests_are_typed_errors() {
        let mut p = fixture::problem();
        let s = fixture::schedule();
        let pol = TimeOffPolicy::default();
        assert!(matches!(
            time_off_impact(&p, &s, &request("zed", 8, 9), &pol),
            Err(Error::UnknownId { .. })
        ));
        assert!(matches!(
            time_off_impact(&p, &s, &request("ann", 9, 8), &pol),
            Err(Error::EndBeforeStart { .. })
        ));
        assert!(matches!(
            time_off_impact(
                &p,
                &s,
                &request("ann", 9, 10),
                &pol.clone().min_coverage_ratio(-1.0)
            ),
            Err(Error::InvalidValue { .. })
        ));
        p.agents[0].time_off.push(TimeWindow {
            start: at(20),
            end: at(22),
        });
        assert!(matches!(
            time_off_impact(&p, &s, &request("ann", 21, 23), &pol),
            Err(Error::Overlap { time, .. }) if time == at(21)
        ));
        let extreme = TimeOffRequest {
            agent_id: "ann".into(),
            start_time: i64::MIN,
            end_time: i64::MAX,
            all_day: true,
            ..TimeOffRequest::default()
        };
        assert!(time_off_impact(&p, &s, &extreme, &pol).is_err());
    }
}
