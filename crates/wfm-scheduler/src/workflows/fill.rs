//! Fill a gap ("staff a shift"): the best available agents for an uncovered window of one
//! queue, each with the shift, breaks and queue assignments to create.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::coverage::{CoverageDelta, Served, checked_window, overlapping, segments};
use super::recheck::{Recheck, new_violations};
use crate::assemble::{break_activity, shift_activity};
use crate::prepare::Prepared;
use crate::problem::{BreakKind, Problem};
use crate::schedule::{Activity, QueueAssignment, Schedule};
use crate::validate::Rule;
use crate::{Error, Result};

/// An uncovered window of one queue.
///
/// # Example
///
/// ```
/// let g = wfm_scheduler::Gap { queue_id: "q".into(), start_time: 0, end_time: 7200 };
/// assert_eq!(g.end_time - g.start_time, 7200);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// Queue to staff.
    pub queue_id: String,
    /// Start, unix seconds.
    pub start_time: i64,
    /// End (exclusive), unix seconds.
    pub end_time: i64,
}

/// Options of [`fill_gap`]. Defaults: at most 5 agents returned, at most 16 shift options
/// validated per agent.
///
/// # Example
///
/// ```
/// let c = wfm_scheduler::FillConfig::default().max_agents(2).max_options_per_agent(4);
/// assert!(c.validate().is_ok());
/// assert!(wfm_scheduler::FillConfig::default().max_agents(0).validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillConfig {
    max_agents: usize,
    max_options: usize,
}

impl Default for FillConfig {
    fn default() -> Self {
        Self {
            max_agents: 5,
            max_options: 16,
        }
    }
}

impl FillConfig {
    /// How many ranked agents to return.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::FillConfig::default().max_agents(1).validate().is_ok());
    /// ```
    #[must_use]
    pub fn max_agents(mut self, n: usize) -> Self {
        self.max_agents = n;
        self
    }

    /// How many of an agent's best shift options to try with the validator before giving up on
    /// the agent.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::FillConfig::default().max_options_per_agent(0).validate().is_err());
    /// ```
    #[must_use]
    pub fn max_options_per_agent(mut self, n: usize) -> Self {
        self.max_options = n;
        self
    }

    /// Checks the options.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] when a count is 0.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::FillConfig::default().validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.max_agents == 0 {
            return Err(Error::invalid("max_agents", 0, "must be at least 1"));
        }
        if self.max_options == 0 {
            return Err(Error::invalid(
                "max_options_per_agent",
                0,
                "must be at least 1",
            ));
        }
        Ok(())
    }
}

/// One agent who can fill the gap, with the records to create.
///
/// # Example
///
/// See [`fill_gap`].
///
/// ```
/// let c = wfm_scheduler::FillCandidate { agent_id: "a".into(), start_time: 0, end_time: 28_800,
///     shortfall_reduced_hours: 2.0, gap_hours: 2.0, cost: 160.0, activities: vec![],
///     assignments: vec![], coverage: vec![] };
/// assert!(c.shortfall_reduced_hours <= c.gap_hours);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillCandidate {
    /// The agent.
    pub agent_id: String,
    /// Shift start, unix seconds.
    pub start_time: i64,
    /// Shift end, unix seconds.
    pub end_time: i64,
    /// Staff-hours of the queue's shortfall inside the gap that the shift removes.
    pub shortfall_reduced_hours: f64,
    /// Productive hours the shift serves the queue inside the gap.
    pub gap_hours: f64,
    /// Paid cost of the shift.
    pub cost: f64,
    /// Shift, break and lunch activities to create.
    pub activities: Vec<Activity>,
    /// Queue assignments to create (the gap's queue in every productive interval).
    pub assignments: Vec<QueueAssignment>,
    /// Coverage the shift adds.
    pub coverage: Vec<CoverageDelta>,
}

/// A scored shift option of one agent.
#[derive(Debug, Clone)]
struct Option_ {
    start: usize,
    len: usize,
    breaks: Vec<(BreakKind, usize, usize)>,
    reduced: f64,
    gap_hours: f64,
    cost: f64,
}

impl Option_ {
    /// Best first: most shortfall removed, most gap hours, cheapest, shortest, earliest.
    fn rank(&self, other: &Self) -> std::cmp::Ordering {
        other
            .reduced
            .total_cmp(&self.reduced)
            .then(other.gap_hours.total_cmp(&self.gap_hours))
            .then(self.cost.total_cmp(&other.cost))
            .then(self.len.cmp(&other.len))
            .then(self.start.cmp(&other.start))
    }
}

/// Finds the best available agents for `gap`: skilled for its queue, not working then, whose
/// new shift respects availability, time off, day-off, granularity and every contract rule
/// (each proposal is re-checked with the independent validator against the agent's existing
/// shifts). Shifts overlap the gap; breaks go outside the gap where the rule allows, else where
/// the queue's surplus is highest, and never on a fixed activity.
///
/// Candidates are ranked by queue shortfall removed inside the gap, then productive gap hours,
/// then cost, then agent id; one candidate (its best shift) per agent.
///
/// # Errors
///
/// Any [`Problem::check`] error or bad assignment record (see [`crate::coverage_delta`]);
/// [`Error::UnknownId`] for an unknown queue; [`Error::EndBeforeStart`] for an empty gap;
/// [`Error::InvalidValue`] for a gap outside the horizon or a bad config.
///
/// # Example
///
/// ```
/// use wfm_scheduler::*;
/// let p = generate(&GeneratorConfig::default().agents(12).days(1).queues(1))?;
/// let s = solve(&p, &SolverConfig::default().milp(false))?;
/// let noon = p.horizon.start + 12 * 3600;
/// let gap = Gap { queue_id: "q1".into(), start_time: noon, end_time: noon + 7200 };
/// let found = fill_gap(&p, &s, &gap, &FillConfig::default().max_agents(3))?;
/// assert!(found.len() <= 3);
/// for c in &found {
///     assert!(c.start_time < gap.end_time && gap.start_time < c.end_time);
///     assert!(c.activities.iter().all(|a| a.agent_id == c.agent_id));
/// }
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn fill_gap(
    problem: &Problem,
    schedule: &Schedule,
    gap: &Gap,
    config: &FillConfig,
) -> Result<Vec<FillCandidate>> {
    config.validate()?;
    let prep = Prepared::new(problem)?;
    let q = problem
        .queues
        .iter()
        .position(|x| x.id == gap.queue_id)
        .ok_or_else(|| Error::UnknownId {
            field: "gap.queue_id".into(),
            id: gap.queue_id.clone(),
        })?;
    let window = checked_window("gap", gap.start_time, gap.end_time)?;
    let range = overlapping(&prep, window);
    if range.is_empty() {
        return Err(Error::invalid(
            "gap",
            format!("[{}, {})", gap.start_time, gap.end_time),
            "must overlap the horizon",
        ));
    }
    let served = Served::new(&prep, &schedule.assignments)?;
    let types = &problem.activity_types;
    let mut found: Vec<(Option_, usize)> = (0..problem.agents.len())
        .into_par_iter()
        .filter_map(|a| {
            let agent = &problem.agents[a];
            if !prep.agents[a].queues.contains(&q) {
                return None;
            }
            let working = schedule.activities.iter().any(|x| {
                x.agent_id == agent.id
                    && x.type_id == types.shift
                    && x.start_time < window.end
                    && window.start < x.end_time
            });
            if working {
                return None;
            }
            let mut options = shift_options(&prep, &served.counts[q], a, q, range.clone());
            options.sort_by(Option_::rank);
            let check = Recheck::new(problem, schedule, &[agent.id.as_str()]);
            let (acts, asg) = check.records(schedule);
            let before = check.violations(acts.clone(), asg.clone());
            options
                .into_iter()
                .take(config.max_options)
                .find(|o| {
                    let (new_acts, new_asg) = records(&prep, a, q, o);
                    let after = check.violations(
                        acts.iter().cloned().chain(new_acts).collect(),
                        asg.iter().cloned().chain(new_asg).collect(),
                    );
                    // Adding a shift can only help a weekly minimum.
                    new_violations(&before, after)
                        .iter()
                        .all(|v| v.rule == Rule::MinMinutesPerWeek)
                })
                .map(|o| (o, a))
        })
        .collect();
    found.sort_by(|x, y| {
        x.0.rank(&y.0)
            .then_with(|| problem.agents[x.1].id.cmp(&problem.agents[y.1].id))
    });
    found.truncate(config.max_agents);
    Ok(found
        .into_iter()
        .map(|(o, a)| {
            let (activities, assignments) = records(&prep, a, q, &o);
            let coverage = productive(&prep, a, &o)
                .map(|i| CoverageDelta {
                    queue_id: gap.queue_id.clone(),
                    interval: i,
                    start_time: prep.cal.instant(i),
                    required: problem.queues[q].required[i],
                    before: served.counts[q][i],
                    after: served.counts[q][i] + 1,
                })
                .collect();
            FillCandidate {
                agent_id: problem.agents[a].id.clone(),
                start_time: prep.cal.instant(o.start),
                end_time: prep.cal.instant(o.start + o.len),
                shortfall_reduced_hours: o.reduced,
                gap_hours: o.gap_hours,
                cost: o.cost,
                activities,
                assignments,
                coverage,
            }
        })
        .collect())
}

/// Every shift of agent `a` that overlaps `gap` and fits its availability, time off, day-off
/// and start granularity, with breaks placed, scored.
fn shift_options(
    prep: &Prepared<'_>,
    counts: &[u32],
    a: usize,
    q: usize,
    gap: std::ops::Range<usize>,
) -> Vec<Option_> {
    let ad = &prep.agents[a];
    let k = &prep.contracts[ad.contract];
    let cal = &prep.cal;
    let required = &prep.problem.queues[q].required;
    let short = |i: usize| (required[i] - f64::from(counts[i])).clamp(0.0, 1.0);
    let mut out = Vec::new();
    for &len in &k.lengths {
        let first = (gap.start + 1).saturating_sub(len);
        let last = (gap.end - 1).min(cal.n.saturating_sub(len));
        for start in first..=last {
            if start + len > cal.n
                || cal.minute_of_day[start] % k.granularity != 0
                || k.days_off.contains(&cal.days[cal.day_of[start]].weekday)
                || !ad.allowed[start..start + len].iter().all(|&x| x)
            {
                continue;
            }
            let Some(breaks) = place_breaks(prep, a, start, len, &gap, &short) else {
                continue;
            };
            let mut o = Option_ {
                start,
                len,
                breaks,
                reduced: 0.0,
                gap_hours: 0.0,
                cost: ad.cost_per_hour * len as f64 * prep.hours_per_interval,
            };
            let in_gap: Vec<usize> = productive(prep, a, &o)
                .filter(|i| gap.contains(i))
                .collect();
            o.reduced = in_gap.iter().map(|&i| short(i)).sum::<f64>() * prep.hours_per_interval;
            o.gap_hours = in_gap.len() as f64 * prep.hours_per_interval;
            out.push(o);
        }
    }
    out
}

/// Break positions for a shift `[start, start + len)`: each break of the rule independently (the
/// rule check guarantees spacing) at the offset that avoids the gap first, then covers the least
/// shortfall, then is earliest; `None` when a break cannot avoid the agent's fixed activities.
fn place_breaks(
    prep: &Prepared<'_>,
    a: usize,
    start: usize,
    len: usize,
    gap: &std::ops::Range<usize>,
    short: &dyn Fn(usize) -> f64,
) -> Option<Vec<(BreakKind, usize, usize)>> {
    let fixed = &prep.agents[a].fixed;
    let slots = prep.rule_for(len).unwrap_or(&[]);
    let mut out = Vec::with_capacity(slots.len());
    for b in slots {
        let best = (b.earliest..=b.latest)
            .map(|off| start + off)
            .filter(|&s| s + b.len <= start + len && !fixed[s..s + b.len].iter().any(|&x| x))
            .map(|s| {
                let in_gap = (s..s + b.len).filter(|i| gap.contains(i)).count();
                let lost: f64 = (s..s + b.len).map(short).sum();
                (in_gap, lost, s)
            })
            .min_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)).then(x.2.cmp(&y.2)))?;
        out.push((b.kind, best.2, b.len));
    }
    Some(out)
}

/// Productive intervals of an option: in the shift, not on a break, not on a fixed activity.
fn productive<'a>(
    prep: &'a Prepared<'_>,
    a: usize,
    o: &'a Option_,
) -> impl Iterator<Item = usize> + 'a {
    let fixed = &prep.agents[a].fixed;
    (o.start..o.start + o.len)
        .filter(move |&i| !fixed[i] && !o.breaks.iter().any(|&(_, s, l)| (s..s + l).contains(&i)))
}

/// The activity and assignment records of an option (ids as the solver emits them).
fn records(
    prep: &Prepared<'_>,
    a: usize,
    q: usize,
    o: &Option_,
) -> (Vec<Activity>, Vec<QueueAssignment>) {
    let p = prep.problem;
    let id = &p.agents[a].id;
    let st = prep.cal.instant(o.start);
    let end = prep.cal.instant(o.start + o.len);
    let mut acts = vec![shift_activity(p, id, st, end, [p.queues[q].id.as_str()])];
    for &(kind, s, l) in &o.breaks {
        let (bs, be) = (prep.cal.instant(s), prep.cal.instant(s + l));
        acts.push(break_activity(p, id, kind, bs, be));
    }
    let mut line = vec![None; prep.cal.n];
    for i in productive(prep, a, o) {
        line[i] = Some(q);
    }
    (acts, segments(prep, a, &line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::TimeWindow;
    use crate::workflows::fixture::{self, at};

    fn gap(q: &str, from: i64, to: i64) -> Gap {
        Gap {
            queue_id: q.into(),
            start_time: at(from),
            end_time: at(to),
        }
    }

    #[test]
    fn cat_fills_the_morning_r_gap_and_dan_is_cheaper_but_busy() -> Result<()> {
        let p = fixture::problem();
        let s = fixture::schedule();
        // r needs 1 at 09 and 10, nobody serves it. dan (r, 10/h) has a meeting 09-10 so he
        // covers only 10 (1 h); cat (r, q; 30/h, available 06-22) covers both hours.
        let found = fill_gap(&p, &s, &gap("r", 9, 11), &FillConfig::default())?;
        let ids: Vec<&str> = found.iter().map(|c| c.agent_id.as_str()).collect();
        assert_eq!(ids, vec!["cat", "dan"]);
        let cat = &found[0];
        assert!((cat.shortfall_reduced_hours - 2.0).abs() < 1e-12);
        assert!((cat.cost - 240.0).abs() < 1e-9);
        // Earliest 8-hour shift covering 09-11 with the lunch (offset 3..5 h) outside the gap:
        // 06:00-14:00 would need the lunch at 09..11; 03:00 is before cat's availability.
        assert_eq!((cat.start_time, cat.end_time), (at(6), at(14)));
        let lunch = cat
            .activities
            .iter()
            .find(|a| a.type_id == "lunch")
            .map(|a| a.start_time);
        assert_eq!(lunch, Some(at(11)));
        assert!(
            cat.coverage
                .iter()
                .all(|d| d.change() == 1 && d.queue_id == "r")
        );
        assert_eq!(cat.coverage.len(), 7);
        let dan = &found[1];
        assert!((dan.gap_hours - 1.0).abs() < 1e-12);
        // dan's lunch must avoid his meeting and the gap.
        assert!(
            dan.activities
                .iter()
                .all(|a| a.type_id != "lunch" || a.start_time != at(9))
        );
        Ok(())
    }

    #[test]
    fn working_agents_rest_and_time_off_are_excluded() -> Result<()> {
        let mut p = fixture::problem();
        let s = fixture::schedule();
        // q 17-18: ann and bob are skilled; bob works then; ann ended at 16 and a second shift
        // the same day breaks one-shift-per-day; cat can (q is her second queue).
        let found = fill_gap(&p, &s, &gap("q", 17, 18), &FillConfig::default())?;
        let ids: Vec<&str> = found.iter().map(|c| c.agent_id.as_str()).collect();
        assert_eq!(ids, vec!["cat"]);
        p.agents[2].time_off = vec![TimeWindow {
            start: at(0),
            end: at(24),
        }];
        assert!(fill_gap(&p, &s, &gap("q", 17, 18), &FillConfig::default())?.is_empty());
        Ok(())
    }

    #[test]
    fn every_candidate_validates_with_the_schedule() -> Result<()> {
        let p = fixture::problem();
        let s = fixture::schedule();
        for c in fill_gap(
            &p,
            &s,
            &gap("q", 18, 20),
            &FillConfig::default().max_agents(10),
        )? {
            let check = Recheck::new(&p, &s, &[c.agent_id.as_str()]);
            let (mut acts, mut asg) = check.records(&s);
            acts.extend(c.activities);
            asg.extend(c.assignments);
            assert!(check.violations(acts, asg).is_empty(), "{}", c.agent_id);
        }
        Ok(())
    }

    #[test]
    fn bad_gaps_are_typed_errors() {
        let p = fixture::problem();
        let s = fixture::schedule();
        let c = FillConfig::default();
        assert!(matches!(
            fill_gap(&p, &s, &gap("x", 9, 10), &c),
            Err(Error::UnknownId { .. })
        ));
        assert!(matches!(
            fill_gap(&p, &s, &gap("q", 10, 9), &c),
            Err(Error::EndBeforeStart { .. })
        ));
        assert!(matches!(
            fill_gap(&p, &s, &gap("q", 30, 40), &c),
            Err(Error::InvalidValue { .. })
        ));
        assert!(matches!(
            fill_gap(&p, &s, &gap("q", 9, 10), &c.max_agents(0)),
            Err(Error::InvalidValue { .. })
        ));
        let extreme = Gap {
            queue_id: "q".into(),
            start_time: i64::MIN,
            end_time: i64::MAX,
        };
        assert!(fill_gap(&p, &s, &extreme, &FillConfig::default()).is_ok());
    }
}
