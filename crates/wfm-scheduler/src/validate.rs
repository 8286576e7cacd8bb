//! The independent validator: re-checks every hard rule from the activity records and
//! recomputes coverage, totals and objective. It shares no code with the solver (working hours
//! expand through wfm-core, like every Assembled record).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::problem::{Agent, BreakKind, Preference, Problem};
use crate::schedule::Schedule;

/// Which rule a [`Violation`] breaks.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&wfm_scheduler::Rule::MinRest)?, "\"min_rest\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
#[non_exhaustive]
pub enum Rule {
    InvalidProblem,
    UnknownAgent,
    UnknownActivityType,
    OffGrid,
    ShiftLength,
    StartGranularity,
    Availability,
    TimeOff,
    DayOff,
    Overlap,
    OneShiftPerDay,
    MinRest,
    MaxMinutesPerWeek,
    MinMinutesPerWeek,
    MaxShiftsPerWeek,
    MaxConsecutiveDays,
    MaxWeekends,
    LockedShift,
    Breaks,
    BreakOnFixedActivity,
    QueueAssignment,
    Unassigned,
    Coverage,
    Totals,
    Objective,
    Preferences,
}

/// A broken hard rule or a reported number that does not match its recomputation.
///
/// # Example
///
/// ```
/// let v = wfm_scheduler::Violation { rule: wfm_scheduler::Rule::TimeOff, agent_id: Some("a".into()),
///     time: Some(0), message: "shift overlaps approved time off".into() };
/// assert_eq!(v.rule, wfm_scheduler::Rule::TimeOff);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The agent, when the rule is per agent.
    pub agent_id: Option<String>,
    /// Unix seconds where it happens, when known.
    pub time: Option<i64>,
    /// Explanation naming the values.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.rule)?;
        if let Some(a) = &self.agent_id {
            write!(f, " agent={a}")?;
        }
        if let Some(t) = self.time {
            write!(f, " time={t}")?;
        }
        write!(f, ": {}", self.message)
    }
}

struct V<'a> {
    out: Vec<Violation>,
    agent: Option<&'a str>,
}

impl V<'_> {
    fn push(&mut self, rule: Rule, time: Option<i64>, message: String) {
        self.out.push(Violation {
            rule,
            agent_id: self.agent.map(str::to_owned),
            time,
            message,
        });
    }
}

fn local(tz: Tz, t: i64) -> chrono::NaiveDateTime {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.with_timezone(&tz).naive_local())
        .unwrap_or_default()
}

/// Minutes since local midnight of an `HH:MM` text (0 if it does not parse: `Problem::check`
/// reports it).
fn clock_minutes(s: &str) -> i64 {
    s.parse::<wfm_core::ClockTime>()
        .map_or(0, |c| i64::from(c.minutes()))
}

/// Availability windows of an agent in UTC, or `None` when unrestricted.
fn availability(agent: &Agent, from: i64, to: i64) -> Option<Vec<(i64, i64)>> {
    if agent.availability.is_empty() && agent.working_hours.is_empty() {
        return None;
    }
    let mut w: Vec<(i64, i64)> = agent
        .availability
        .iter()
        .map(|x| (x.start, x.end))
        .collect();
    // Working hours expand through wfm-core's DST-correct rule expansion (its own tests pin
    // New York, London and Sydney DST days); a rule it rejects was reported by `Problem::check`.
    for rule in &agent.working_hours {
        if let Ok(windows) = rule.to_rule(&agent.id).availability(from, to) {
            w.extend(windows);
        }
    }
    // Merge touching windows.
    w.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for (a, b) in w {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    Some(merged)
}

#[derive(Clone, Copy)]
struct Span {
    start: i64,
    end: i64,
}

fn overlaps(a: Span, s: i64, e: i64) -> bool {
    a.start < e && s < a.end
}

/// Re-checks every hard rule of `problem` on `schedule` and recomputes coverage, totals,
/// objective and unmet preferences from the activity and assignment records.
///
/// Returns an empty list for a valid schedule whose reported numbers are right.
///
/// # Example
///
/// ```
/// use wfm_scheduler::{generate, solve, validate, GeneratorConfig, SolverConfig};
/// let p = generate(&GeneratorConfig::default().agents(5).days(1))?;
/// let mut s = solve(&p, &SolverConfig::default().milp(false))?;
/// assert!(validate(&p, &s).is_empty());
/// s.totals.cost += 1.0;
/// assert!(!validate(&p, &s).is_empty());
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[must_use]
pub fn validate(problem: &Problem, schedule: &Schedule) -> Vec<Violation> {
    let mut v = V {
        out: Vec::new(),
        agent: None,
    };
    if let Err(e) = problem.check() {
        v.push(Rule::InvalidProblem, None, e.to_string());
        return v.out;
    }
    let h = &problem.horizon;
    let Ok(tz) = h.timezone.parse::<Tz>() else {
        return v.out;
    };
    let step = i64::from(h.interval_minutes) * 60;
    let n = h.intervals as usize;
    let (h0, h1) = (h.start, h.end());
    let first_date = local(tz, h0).date();
    let last_date = local(tz, h1 - 1).date();
    let whole_start = local(tz, h0).time() == NaiveTime::MIN;
    let whole_end = local(tz, h1).time() == NaiveTime::MIN;
    let week_of = |d: NaiveDate| ((d - first_date).num_days() / 7) as usize;
    let week_complete = |w: usize| {
        let a = first_date + chrono::Days::new(7 * w as u64);
        let b = a + chrono::Days::new(6);
        (w > 0 || whole_start) && (b < last_date || (b == last_date && whole_end))
    };
    let types = &problem.activity_types;
    let agents: HashMap<&str, &Agent> = problem.agents.iter().map(|a| (a.id.as_str(), a)).collect();
    let queue_idx: HashMap<&str, usize> = problem
        .queues
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();

    // Activities by agent.
    let mut shifts: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut brks: BTreeMap<&str, Vec<(BreakKind, Span)>> = BTreeMap::new();
    for a in &schedule.activities {
        v.agent = Some(a.agent_id.as_str());
        if !agents.contains_key(a.agent_id.as_str()) {
            v.push(
                Rule::UnknownAgent,
                Some(a.start_time),
                format!("activity {} names unknown agent", a.id),
            );
            continue;
        }
        if !on_grid(a.start_time, a.end_time, h0, h1, step) {
            v.push(
                Rule::OffGrid,
                Some(a.start_time),
                format!(
                    "activity {} [{}, {}) is not on the horizon grid",
                    a.id, a.start_time, a.end_time
                ),
            );
            continue;
        }
        let span = Span {
            start: a.start_time,
            end: a.end_time,
        };
        if a.type_id == types.shift {
            shifts.entry(a.agent_id.as_str()).or_default().push(span);
        } else if a.type_id == types.break_ {
            brks.entry(a.agent_id.as_str())
                .or_default()
                .push((BreakKind::Break, span));
        } else if a.type_id == types.lunch {
            brks.entry(a.agent_id.as_str())
                .or_default()
                .push((BreakKind::Lunch, span));
        } else {
            v.push(
                Rule::UnknownActivityType,
                Some(a.start_time),
                format!("activity {} has type {:?}", a.id, a.type_id),
            );
        }
    }

    let hours = |s: Span| (s.end - s.start) as f64 / 3600.0;
    let mut paid_hours = 0.0;
    let mut cost = 0.0;
    let mut n_shifts = 0u32;
    let mut productive: HashMap<&str, Vec<bool>> = HashMap::new();
    let mut unmet: BTreeSet<(String, usize)> = BTreeSet::new();
    let mut pref_penalty = 0.0;
    for agent in &problem.agents {
        v.agent = Some(agent.id.as_str());
        let Some(contract) = problem.contracts.iter().find(|c| c.id == agent.contract) else {
            continue;
        };
        let mut list = shifts.get(agent.id.as_str()).cloned().unwrap_or_default();
        list.sort_by_key(|s| s.start);
        let avail = availability(agent, h0, h1);
        let is_locked = |s: &Span| {
            agent
                .locked_shifts
                .iter()
                .any(|l| l.start == s.start && l.end == s.end)
        };
        for l in &agent.locked_shifts {
            if !list.iter().any(|s| s.start == l.start && s.end == l.end) {
                v.push(
                    Rule::LockedShift,
                    Some(l.start),
                    format!("locked shift [{}, {}) is missing", l.start, l.end),
                );
            }
        }
        let mut dates: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        let mut week_minutes: BTreeMap<usize, i64> = BTreeMap::new();
        let mut week_shifts: BTreeMap<usize, u32> = BTreeMap::new();
        let mut prod = vec![false; n];
        let agent_breaks = brks.get(agent.id.as_str()).cloned().unwrap_or_default();
        for (k, s) in list.iter().enumerate() {
            n_shifts += 1;
            paid_hours += hours(*s);
            cost += agent.cost_per_hour * hours(*s);
            let minutes = (s.end - s.start) / 60;
            let start_local = local(tz, s.start);
            let date = start_local.date();
            *dates.entry(date).or_default() += 1;
            *week_minutes.entry(week_of(date)).or_default() += minutes;
            *week_shifts.entry(week_of(date)).or_default() += 1;
            let locked = is_locked(s);
            if !locked {
                let lengths_ok = contract
                    .shift_lengths_minutes
                    .iter()
                    .any(|&m| i64::from(m) == minutes)
                    && (i64::from(contract.min_minutes_per_day)
                        ..=i64::from(contract.max_minutes_per_day))
                        .contains(&minutes);
                if !lengths_ok {
                    v.push(
                        Rule::ShiftLength,
                        Some(s.start),
                        format!(
                            "shift of {minutes} minutes is not allowed by contract {}",
                            contract.id
                        ),
                    );
                }
                let g = if contract.start_granularity_minutes == 0 {
                    h.interval_minutes
                } else {
                    contract.start_granularity_minutes
                };
                if (start_local.hour() * 60 + start_local.minute()) % g != 0 {
                    v.push(
                        Rule::StartGranularity,
                        Some(s.start),
                        format!(
                            "shift starts at local {start_local}, not on a {g}-minute boundary"
                        ),
                    );
                }
                if let Some(w) = &avail
                    && !w.iter().any(|&(a, b)| a <= s.start && s.end <= b)
                {
                    v.push(
                        Rule::Availability,
                        Some(s.start),
                        format!("shift [{}, {}) is outside working hours", s.start, s.end),
                    );
                }
                if contract
                    .days_off
                    .iter()
                    .any(|d| d.to_weekday() == date.weekday())
                {
                    v.push(
                        Rule::DayOff,
                        Some(s.start),
                        format!("shift on contract day off {}", date.weekday()),
                    );
                }
            }
            for t in agent
                .time_off
                .iter()
                .filter(|t| overlaps(*s, t.start, t.end))
            {
                v.push(
                    Rule::TimeOff,
                    Some(t.start.max(s.start)),
                    format!(
                        "shift [{}, {}) overlaps approved time off [{}, {})",
                        s.start, s.end, t.start, t.end
                    ),
                );
            }
            if let Some(next) = list.get(k + 1) {
                if next.start < s.end {
                    v.push(Rule::Overlap, Some(next.start), "two shifts overlap".into());
                } else if next.start - s.end < i64::from(contract.min_rest_minutes) * 60 {
                    v.push(
                        Rule::MinRest,
                        Some(s.end),
                        format!(
                            "{} minutes of rest, contract needs {}",
                            (next.start - s.end) / 60,
                            contract.min_rest_minutes
                        ),
                    );
                }
            }
            // Breaks of this shift.
            let mut inside: Vec<(BreakKind, Span)> = agent_breaks
                .iter()
                .copied()
                .filter(|(_, b)| b.start >= s.start && b.end <= s.end)
                .collect();
            inside.sort_by_key(|(_, b)| b.start);
            if locked {
                if let Some(l) = agent
                    .locked_shifts
                    .iter()
                    .find(|l| l.start == s.start && l.end == s.end)
                {
                    let want: Vec<(BreakKind, i64, i64)> =
                        l.breaks.iter().map(|b| (b.kind, b.start, b.end)).collect();
                    let mut want = want;
                    want.sort_by_key(|x| x.1);
                    let got: Vec<(BreakKind, i64, i64)> =
                        inside.iter().map(|(k, b)| (*k, b.start, b.end)).collect();
                    if got != want {
                        v.push(
                            Rule::LockedShift,
                            Some(s.start),
                            "breaks of a locked shift were changed".into(),
                        );
                    }
                }
            } else {
                let rule = problem.break_rules.iter().find(|r| {
                    (i64::from(r.min_shift_minutes)..=i64::from(r.max_shift_minutes))
                        .contains(&minutes)
                });
                let specs = rule.map(|r| r.breaks.as_slice()).unwrap_or(&[]);
                if specs.len() != inside.len() {
                    v.push(
                        Rule::Breaks,
                        Some(s.start),
                        format!(
                            "shift has {} breaks, its rule needs {}",
                            inside.len(),
                            specs.len()
                        ),
                    );
                } else {
                    for (j, (spec, (kind, b))) in specs.iter().zip(&inside).enumerate() {
                        let off = (b.start - s.start) / 60;
                        if spec.kind != *kind
                            || (b.end - b.start) / 60 != i64::from(spec.duration_minutes)
                            || off < i64::from(spec.earliest_start_minutes)
                            || off > i64::from(spec.latest_start_minutes)
                        {
                            v.push(Rule::Breaks, Some(b.start), format!("break {j} ({kind:?}, {} minutes at offset {off}) does not match its rule", (b.end - b.start) / 60));
                        }
                        if j > 0 {
                            let prev = inside[j - 1].1;
                            let spacing = i64::from(rule.map_or(0, |r| r.min_spacing_minutes)) * 60;
                            if b.start - prev.end < spacing {
                                v.push(
                                    Rule::Breaks,
                                    Some(b.start),
                                    format!(
                                        "break {j} starts {} minutes after the previous one ends",
                                        (b.start - prev.end) / 60
                                    ),
                                );
                            }
                        }
                    }
                }
                for (_, b) in &inside {
                    if agent
                        .fixed_activities
                        .iter()
                        .any(|f| overlaps(*b, f.start, f.end))
                    {
                        v.push(
                            Rule::BreakOnFixedActivity,
                            Some(b.start),
                            "break overlaps a fixed activity".into(),
                        );
                    }
                }
            }
            for (i, slot) in prod.iter_mut().enumerate() {
                let t = h0 + step * i as i64;
                let on = s.start <= t && t < s.end;
                let off = inside.iter().any(|(_, b)| b.start <= t && t < b.end)
                    || agent
                        .fixed_activities
                        .iter()
                        .any(|f| f.start < t + step && t < f.end);
                if on && !off {
                    *slot = true;
                }
            }
        }
        for (_, b) in &agent_breaks {
            if !list.iter().any(|s| b.start >= s.start && b.end <= s.end) {
                v.push(
                    Rule::Breaks,
                    Some(b.start),
                    "break outside any shift".into(),
                );
            }
        }
        for (date, count) in &dates {
            if *count > 1 {
                v.push(
                    Rule::OneShiftPerDay,
                    wfm_core::local_to_unix(tz, date.and_time(NaiveTime::MIN)),
                    format!("{count} shifts start on {date}"),
                );
            }
        }
        for (&w, &m) in &week_minutes {
            if m > i64::from(contract.max_minutes_per_week) {
                v.push(
                    Rule::MaxMinutesPerWeek,
                    None,
                    format!(
                        "week {w} has {m} minutes, max {}",
                        contract.max_minutes_per_week
                    ),
                );
            }
        }
        for w in 0..=week_of(last_date) {
            let m = week_minutes.get(&w).copied().unwrap_or(0);
            if week_complete(w) && m < i64::from(contract.min_minutes_per_week) {
                v.push(
                    Rule::MinMinutesPerWeek,
                    None,
                    format!(
                        "week {w} has {m} minutes, min {}",
                        contract.min_minutes_per_week
                    ),
                );
            }
        }
        for (&w, &c) in &week_shifts {
            if c > contract.max_shifts_per_week {
                v.push(
                    Rule::MaxShiftsPerWeek,
                    None,
                    format!(
                        "week {w} has {c} shifts, max {}",
                        contract.max_shifts_per_week
                    ),
                );
            }
        }
        let mut run = 0u32;
        let mut prev: Option<NaiveDate> = None;
        for &d in dates.keys() {
            run = if prev.is_some_and(|p| p + chrono::Days::new(1) == d) {
                run + 1
            } else {
                1
            };
            if run > contract.max_consecutive_days {
                v.push(
                    Rule::MaxConsecutiveDays,
                    wfm_core::local_to_unix(tz, d.and_time(NaiveTime::MIN)),
                    format!(
                        "{run} consecutive days ending {d}, max {}",
                        contract.max_consecutive_days
                    ),
                );
            }
            prev = Some(d);
        }
        if let Some(maxw) = contract.max_weekends {
            let weekends: BTreeSet<NaiveDate> = dates
                .keys()
                .filter_map(|d| match d.weekday() {
                    chrono::Weekday::Sat => Some(*d),
                    chrono::Weekday::Sun => Some(*d - chrono::Days::new(1)),
                    _ => None,
                })
                .collect();
            if weekends.len() as u32 > maxw {
                v.push(
                    Rule::MaxWeekends,
                    None,
                    format!("{} weekends worked, max {maxw}", weekends.len()),
                );
            }
        }
        for (k, p) in agent.preferences.iter().enumerate() {
            let (date, weight, met) = match p {
                Preference::DayOff { date, weight } => (*date, *weight, !dates.contains_key(date)),
                Preference::ShiftStart {
                    date,
                    earliest,
                    latest,
                    weight,
                } => {
                    let (e, l) = (clock_minutes(earliest), clock_minutes(latest));
                    let met = list.iter().any(|s| {
                        let x = local(tz, s.start);
                        let m = i64::from(x.hour() * 60 + x.minute());
                        x.date() == *date && e <= m && m <= l
                    });
                    (*date, *weight, met)
                }
            };
            if date >= first_date && date <= last_date && !met {
                unmet.insert((agent.id.clone(), k));
                pref_penalty += problem.weights.preference * weight;
            }
        }
        productive.insert(agent.id.as_str(), prod);
    }

    // Queue assignments and coverage.
    let nq = problem.queues.len();
    let mut cov = vec![vec![0u32; n]; nq];
    let mut served: HashMap<&str, Vec<Option<usize>>> = HashMap::new();
    let mut qpref = 0.0;
    for a in &schedule.assignments {
        v.agent = Some(a.agent_id.as_str());
        let (Some(agent), Some(&q)) = (
            agents.get(a.agent_id.as_str()),
            queue_idx.get(a.queue_id.as_str()),
        ) else {
            v.push(
                Rule::QueueAssignment,
                Some(a.start_time),
                format!("assignment names unknown agent or queue {:?}", a.queue_id),
            );
            continue;
        };
        let Some(rank) = agent.queues.iter().position(|x| *x == a.queue_id) else {
            v.push(
                Rule::QueueAssignment,
                Some(a.start_time),
                format!("agent is not skilled for queue {}", a.queue_id),
            );
            continue;
        };
        if !on_grid(a.start_time, a.end_time, h0, h1, step) {
            v.push(
                Rule::OffGrid,
                Some(a.start_time),
                "assignment is not on the horizon grid".into(),
            );
            continue;
        }
        let prod = productive.get(a.agent_id.as_str());
        let slots = served
            .entry(a.agent_id.as_str())
            .or_insert_with(|| vec![None; n]);
        let (i0, i1) = (
            ((a.start_time - h0) / step) as usize,
            ((a.end_time - h0) / step) as usize,
        );
        for i in i0..i1 {
            if !prod.is_some_and(|p| p[i]) {
                v.push(
                    Rule::QueueAssignment,
                    Some(h0 + step * i as i64),
                    "assignment outside productive shift time".into(),
                );
                continue;
            }
            if slots[i].is_some() {
                v.push(
                    Rule::QueueAssignment,
                    Some(h0 + step * i as i64),
                    "agent serves two queues at once".into(),
                );
                continue;
            }
            slots[i] = Some(q);
            cov[q][i] += 1;
            qpref += problem.weights.queue_preference * rank as f64 * step as f64 / 3600.0;
        }
    }
    for (id, prod) in &productive {
        v.agent = Some(id);
        let slots = served.get(id);
        if let Some(i) = (0..n).find(|&i| prod[i] && slots.is_none_or(|s| s[i].is_none())) {
            v.push(
                Rule::Unassigned,
                Some(h0 + step * i as i64),
                "productive shift time serves no queue".into(),
            );
        }
    }
    v.agent = None;
    let hpi = step as f64 / 3600.0;
    let w = &problem.weights;
    let (mut under_h, mut over_h, mut min_h, mut under_p) = (0.0, 0.0, 0.0, 0.0);
    for (q, queue) in problem.queues.iter().enumerate() {
        let reported = schedule.coverage.iter().find(|c| c.queue_id == queue.id);
        for (i, &count) in cov[q].iter().enumerate() {
            let c = f64::from(count);
            let under = (queue.required[i] - c).max(0.0);
            let over = (c - queue.required[i]).max(0.0);
            under_h += under * hpi;
            over_h += over * hpi;
            under_p += w.understaffing * queue.priority * under * hpi;
            min_h += (queue.min_staffing.get(i).copied().unwrap_or(0.0) - c).max(0.0) * hpi;
            let ok = reported.is_some_and(|r| {
                r.scheduled.get(i) == Some(&count)
                    && r.under.get(i).is_some_and(|x| (x - under).abs() < 1e-6)
                    && r.over.get(i).is_some_and(|x| (x - over).abs() < 1e-6)
            });
            if !ok {
                v.push(
                    Rule::Coverage,
                    Some(h0 + step * i as i64),
                    format!(
                        "queue {} coverage {} differs from the reported value",
                        queue.id, count
                    ),
                );
                break;
            }
        }
    }
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0);
    let t = &schedule.totals;
    for (name, got, want) in [
        ("shortfall_hours", t.shortfall_hours, under_h),
        ("overstaffing_hours", t.overstaffing_hours, over_h),
        (
            "min_staffing_shortfall_hours",
            t.min_staffing_shortfall_hours,
            min_h,
        ),
        ("paid_hours", t.paid_hours, paid_hours),
        ("cost", t.cost, cost),
        ("shifts", f64::from(t.shifts), f64::from(n_shifts)),
    ] {
        if !close(got, want) {
            v.push(
                Rule::Totals,
                None,
                format!("{name} reported {got}, recomputed {want}"),
            );
        }
    }
    let o = &schedule.objective;
    let terms = [
        ("understaffing", o.understaffing, under_p),
        ("overstaffing", o.overstaffing, w.overstaffing * over_h),
        ("min_staffing", o.min_staffing, w.min_staffing * min_h),
        ("cost", o.cost, w.cost * cost),
        ("queue_preference", o.queue_preference, qpref),
        ("preferences", o.preferences, pref_penalty),
    ];
    let total: f64 = terms.iter().map(|x| x.2).sum();
    for (name, got, want) in terms.into_iter().chain([
        ("total", o.total, total),
        ("stats.objective", schedule.stats.objective, total),
    ]) {
        if !close(got, want) {
            v.push(
                Rule::Objective,
                None,
                format!("{name} reported {got}, recomputed {want}"),
            );
        }
    }
    let reported: BTreeSet<(String, usize)> = schedule
        .unmet_preferences
        .iter()
        .map(|u| (u.agent_id.clone(), u.index))
        .collect();
    if reported != unmet {
        v.push(
            Rule::Preferences,
            None,
            format!(
                "{} unmet preferences reported, {} recomputed",
                reported.len(),
                unmet.len()
            ),
        );
    }
    v.out
}

/// Whether `[start, end)` is non-empty, inside the horizon `[h0, h1)` and on its interval grid.
fn on_grid(start: i64, end: i64, h0: i64, h1: i64, step: i64) -> bool {
    start < end && start >= h0 && end <= h1 && (start - h0) % step == 0 && (end - h0) % step == 0
}
