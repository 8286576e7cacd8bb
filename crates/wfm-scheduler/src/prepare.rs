//! Input checking and the solver-side indexed view of a [`Problem`].

use std::collections::HashMap;

use crate::calendar::{self, Calendar};
use crate::problem::{BreakKind, Problem, TimeWindow};
use crate::{Error, Result};

/// One break of a rule, in intervals.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BreakSlot {
    pub(crate) kind: BreakKind,
    pub(crate) len: usize,
    pub(crate) earliest: usize,
    pub(crate) latest: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct ContractData {
    /// Allowed shift lengths in intervals (already filtered by the daily limits).
    pub(crate) lengths: Vec<usize>,
    pub(crate) granularity: u32,
    pub(crate) min_week: u32,
    pub(crate) max_week: u32,
    pub(crate) max_shifts_week: u32,
    pub(crate) max_consecutive: u32,
    pub(crate) rest: i64,
    pub(crate) days_off: Vec<u32>,
    pub(crate) max_weekends: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct LockedData {
    pub(crate) start: usize,
    pub(crate) len: usize,
    /// (kind, start interval, length)
    pub(crate) breaks: Vec<(BreakKind, usize, usize)>,
}

#[derive(Debug, Clone)]
pub(crate) struct PrefData {
    /// Index in the agent's `preferences`.
    pub(crate) index: usize,
    pub(crate) day: usize,
    pub(crate) weight: f64,
    /// None: day off; Some((earliest, latest)) local minutes: preferred start window.
    pub(crate) start_window: Option<(u32, u32)>,
}

#[derive(Debug, Clone)]
pub(crate) struct AgentData {
    pub(crate) contract: usize,
    /// Queue indices in preference order.
    pub(crate) queues: Vec<usize>,
    pub(crate) group: usize,
    pub(crate) cost_per_hour: f64,
    /// Interval may be worked (available, no time off).
    pub(crate) allowed: Vec<bool>,
    /// Interval holds a fixed activity.
    pub(crate) fixed: Vec<bool>,
    pub(crate) locked: Vec<LockedData>,
    pub(crate) prefs: Vec<PrefData>,
}

/// The indexed problem every solver stage works on.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<'p> {
    pub(crate) problem: &'p Problem,
    pub(crate) cal: Calendar,
    pub(crate) hours_per_interval: f64,
    pub(crate) agents: Vec<AgentData>,
    pub(crate) contracts: Vec<ContractData>,
    /// Break slots per rule.
    pub(crate) rules: Vec<Vec<BreakSlot>>,
    /// Rule for a shift length in intervals (index by length).
    pub(crate) rule_of_len: Vec<Option<usize>>,
    /// Queue lists shared by agents ("skill groups"), in preference order.
    pub(crate) groups: Vec<Vec<usize>>,
}

impl Problem {
    /// Checks the problem for bad input without solving it.
    ///
    /// # Errors
    ///
    /// A typed [`Error`] naming the first bad field and value: unknown ids, ranges that end before
    /// they start, overlapping time off, negative requirements, impossible rules.
    ///
    /// # Example
    ///
    /// ```
    /// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(3).days(1))?;
    /// p.check()?;
    /// # Ok::<(), wfm_scheduler::Error>(())
    /// ```
    pub fn check(&self) -> Result<()> {
        Prepared::new(self).map(|_| ())
    }
}

fn finite_nonneg(field: String, v: f64) -> Result<()> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(Error::invalid(field, v, "must be finite and >= 0"))
    }
}

fn window_ok(field: String, w: TimeWindow) -> Result<()> {
    if w.end > w.start {
        Ok(())
    } else {
        Err(Error::EndBeforeStart {
            field,
            start: w.start,
            end: w.end,
        })
    }
}

fn no_overlaps(field: &str, windows: &[TimeWindow]) -> Result<()> {
    let mut idx: Vec<usize> = (0..windows.len()).collect();
    idx.sort_by_key(|&i| windows[i]);
    for pair in idx.windows(2) {
        let (a, b) = (windows[pair[0]], windows[pair[1]]);
        if b.start < a.end {
            return Err(Error::Overlap {
                field: format!("{field}[{}]", pair[1]),
                other: format!("{field}[{}]", pair[0]),
                time: b.start,
            });
        }
    }
    Ok(())
}

impl<'p> Prepared<'p> {
    pub(crate) fn new(problem: &'p Problem) -> Result<Self> {
        let h = &problem.horizon;
        if h.interval_minutes == 0 || 1440 % h.interval_minutes != 0 {
            return Err(Error::invalid(
                "horizon.interval_minutes",
                h.interval_minutes,
                "must divide 1440",
            ));
        }
        if h.intervals == 0 || h.intervals > 200_000 {
            return Err(Error::invalid(
                "horizon.intervals",
                h.intervals,
                "must be in 1..=200000",
            ));
        }
        if chrono::DateTime::from_timestamp(h.start, 0).is_none() || h.start.abs() > 100_000_000_000
        {
            return Err(Error::invalid(
                "horizon.start",
                h.start,
                "instant out of range",
            ));
        }
        let cal = Calendar::new(h)?;
        let n = cal.n;
        let im = h.interval_minutes;
        let step_of = |field: String, minutes: u32| -> Result<usize> {
            if minutes % im == 0 {
                Ok((minutes / im) as usize)
            } else {
                Err(Error::invalid(
                    field,
                    minutes,
                    &format!("must be a multiple of the {im}-minute interval"),
                ))
            }
        };

        let mut queue_index = HashMap::new();
        for (k, q) in problem.queues.iter().enumerate() {
            if q.id.is_empty() {
                return Err(Error::invalid(
                    format!("queues[{k}].id"),
                    "\"\"",
                    "must not be empty",
                ));
            }
            if queue_index.insert(q.id.as_str(), k).is_some() {
                return Err(Error::DuplicateId {
                    field: "queues".into(),
                    id: q.id.clone(),
                });
            }
            finite_nonneg(format!("queues[{k}].priority"), q.priority)?;
            if q.required.len() != n {
                return Err(Error::invalid(
                    format!("queues[{k}].required"),
                    format!("{} values", q.required.len()),
                    &format!("must have one value per interval ({n})"),
                ));
            }
            if !q.min_staffing.is_empty() && q.min_staffing.len() != n {
                return Err(Error::invalid(
                    format!("queues[{k}].min_staffing"),
                    format!("{} values", q.min_staffing.len()),
                    &format!("must be empty or have {n} values"),
                ));
            }
            for (i, &v) in q.required.iter().enumerate() {
                finite_nonneg(format!("queues[{k}].required[{i}]"), v)?;
            }
            for (i, &v) in q.min_staffing.iter().enumerate() {
                finite_nonneg(format!("queues[{k}].min_staffing[{i}]"), v)?;
            }
        }

        let mut contract_index = HashMap::new();
        let mut contracts = Vec::with_capacity(problem.contracts.len());
        for (k, c) in problem.contracts.iter().enumerate() {
            let f = |s: &str| format!("contracts[{k}].{s}");
            if contract_index.insert(c.id.as_str(), k).is_some() {
                return Err(Error::DuplicateId {
                    field: "contracts".into(),
                    id: c.id.clone(),
                });
            }
            if c.shift_lengths_minutes.is_empty() {
                return Err(Error::invalid(
                    f("shift_lengths_minutes"),
                    "[]",
                    "must list at least one length",
                ));
            }
            let granularity = if c.start_granularity_minutes == 0 {
                im
            } else {
                c.start_granularity_minutes
            };
            step_of(f("start_granularity_minutes"), granularity)?;
            if 1440 % granularity != 0 {
                return Err(Error::invalid(
                    f("start_granularity_minutes"),
                    granularity,
                    "must divide 1440",
                ));
            }
            if c.min_minutes_per_day > c.max_minutes_per_day {
                return Err(Error::invalid(
                    f("min_minutes_per_day"),
                    c.min_minutes_per_day,
                    "must not exceed max_minutes_per_day",
                ));
            }
            if c.min_minutes_per_week > c.max_minutes_per_week {
                return Err(Error::invalid(
                    f("min_minutes_per_week"),
                    c.min_minutes_per_week,
                    "must not exceed max_minutes_per_week",
                ));
            }
            let mut lengths = Vec::new();
            for (j, &m) in c.shift_lengths_minutes.iter().enumerate() {
                if m == 0 || m > 24 * 60 {
                    return Err(Error::invalid(
                        f(&format!("shift_lengths_minutes[{j}]")),
                        m,
                        "must be in 1..=1440",
                    ));
                }
                let len = step_of(f(&format!("shift_lengths_minutes[{j}]")), m)?;
                if (c.min_minutes_per_day..=c.max_minutes_per_day).contains(&m)
                    && !lengths.contains(&len)
                {
                    lengths.push(len);
                }
            }
            if lengths.is_empty() {
                return Err(Error::invalid(
                    f("shift_lengths_minutes"),
                    format!("{:?}", c.shift_lengths_minutes),
                    "no length lies within min/max_minutes_per_day",
                ));
            }
            lengths.sort_unstable();
            if c.max_consecutive_days == 0 && c.min_minutes_per_week > 0 {
                return Err(Error::invalid(
                    f("max_consecutive_days"),
                    0,
                    "forbids all work while min_minutes_per_week > 0",
                ));
            }
            contracts.push(ContractData {
                lengths,
                granularity,
                min_week: c.min_minutes_per_week,
                max_week: c.max_minutes_per_week,
                max_shifts_week: c.max_shifts_per_week,
                max_consecutive: c.max_consecutive_days,
                rest: i64::from(c.min_rest_minutes) * 60,
                days_off: c
                    .days_off
                    .iter()
                    .map(|d| d.to_weekday().num_days_from_monday())
                    .collect(),
                max_weekends: c.max_weekends,
            });
        }

        let mut rules = Vec::with_capacity(problem.break_rules.len());
        let max_len = 1440 / im as usize + 1;
        let mut rule_of_len = vec![None; max_len];
        for (k, r) in problem.break_rules.iter().enumerate() {
            let f = |s: &str| format!("break_rules[{k}].{s}");
            if r.min_shift_minutes > r.max_shift_minutes {
                return Err(Error::invalid(
                    f("min_shift_minutes"),
                    r.min_shift_minutes,
                    "must not exceed max_shift_minutes",
                ));
            }
            let mut slots: Vec<BreakSlot> = Vec::new();
            let mut prev_end_latest = 0u32;
            for (j, b) in r.breaks.iter().enumerate() {
                let g = |s: &str| f(&format!("breaks[{j}].{s}"));
                if b.duration_minutes == 0 {
                    return Err(Error::invalid(g("duration_minutes"), 0, "must be positive"));
                }
                if b.earliest_start_minutes > b.latest_start_minutes {
                    return Err(Error::invalid(
                        g("earliest_start_minutes"),
                        b.earliest_start_minutes,
                        "must not exceed latest_start_minutes",
                    ));
                }
                if j > 0 && b.earliest_start_minutes < prev_end_latest + r.min_spacing_minutes {
                    return Err(Error::invalid(
                        g("earliest_start_minutes"),
                        b.earliest_start_minutes,
                        &format!(
                            "must be at least {} (previous break's latest end plus min_spacing_minutes)",
                            prev_end_latest + r.min_spacing_minutes
                        ),
                    ));
                }
                if b.latest_start_minutes + b.duration_minutes > r.min_shift_minutes {
                    return Err(Error::invalid(
                        g("latest_start_minutes"),
                        b.latest_start_minutes,
                        &format!(
                            "break must end within the shortest shift of the rule ({} minutes)",
                            r.min_shift_minutes
                        ),
                    ));
                }
                prev_end_latest = b.latest_start_minutes + b.duration_minutes;
                slots.push(BreakSlot {
                    kind: b.kind,
                    len: step_of(g("duration_minutes"), b.duration_minutes)?,
                    earliest: step_of(g("earliest_start_minutes"), b.earliest_start_minutes)?,
                    latest: step_of(g("latest_start_minutes"), b.latest_start_minutes)?,
                });
            }
            for (len, slot) in rule_of_len.iter_mut().enumerate() {
                let minutes = len as u32 * im;
                if (r.min_shift_minutes..=r.max_shift_minutes).contains(&minutes) {
                    if slot.is_some() {
                        return Err(Error::invalid(
                            f("min_shift_minutes"),
                            r.min_shift_minutes,
                            &format!(
                                "overlaps another break rule at shift length {minutes} minutes"
                            ),
                        ));
                    }
                    *slot = Some(k);
                }
            }
            rules.push(slots);
        }

        let mut agent_ids = HashMap::new();
        let mut group_index: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut groups = Vec::new();
        let mut agents = Vec::with_capacity(problem.agents.len());
        for (k, a) in problem.agents.iter().enumerate() {
            let f = |s: &str| format!("agents[{k}].{s}");
            if a.id.is_empty() {
                return Err(Error::invalid(f("id"), "\"\"", "must not be empty"));
            }
            if agent_ids.insert(a.id.as_str(), k).is_some() {
                return Err(Error::DuplicateId {
                    field: "agents".into(),
                    id: a.id.clone(),
                });
            }
            let contract =
                *contract_index
                    .get(a.contract.as_str())
                    .ok_or_else(|| Error::UnknownId {
                        field: f("contract"),
                        id: a.contract.clone(),
                    })?;
            if a.queues.is_empty() {
                return Err(Error::invalid(
                    f("queues"),
                    "[]",
                    "must list at least one queue",
                ));
            }
            let mut queues = Vec::new();
            for (j, q) in a.queues.iter().enumerate() {
                let qi = *queue_index
                    .get(q.as_str())
                    .ok_or_else(|| Error::UnknownId {
                        field: f(&format!("queues[{j}]")),
                        id: q.clone(),
                    })?;
                if queues.contains(&qi) {
                    return Err(Error::DuplicateId {
                        field: f("queues"),
                        id: q.clone(),
                    });
                }
                queues.push(qi);
            }
            finite_nonneg(f("cost_per_hour"), a.cost_per_hour)?;
            let next = groups.len();
            let group = *group_index.entry(queues.clone()).or_insert(next);
            if group == next {
                groups.push(queues.clone());
            }

            // Availability.
            let mut allowed = vec![a.availability.is_empty() && a.working_hours.is_empty(); n];
            let mut windows = Vec::new();
            for (j, w) in a.availability.iter().enumerate() {
                window_ok(f(&format!("availability[{j}]")), *w)?;
                windows.push(*w);
            }
            for (j, wh) in a.working_hours.iter().enumerate() {
                windows.extend(calendar::working_hours_windows(
                    &f(&format!("working_hours[{j}]")),
                    &a.id,
                    wh,
                    cal.start,
                    h.end(),
                )?);
            }
            for w in windows {
                let (lo, hi) = cal.inside(w);
                allowed[lo..hi].iter_mut().for_each(|x| *x = true);
            }
            for (j, w) in a.time_off.iter().enumerate() {
                window_ok(f(&format!("time_off[{j}]")), *w)?;
                let (lo, hi) = cal.overlapping(*w);
                allowed[lo..hi].iter_mut().for_each(|x| *x = false);
            }
            no_overlaps(&f("time_off"), &a.time_off)?;
            let mut fixed = vec![false; n];
            let fixed_windows: Vec<TimeWindow> = a
                .fixed_activities
                .iter()
                .map(|x| TimeWindow {
                    start: x.start,
                    end: x.end,
                })
                .collect();
            for (j, w) in fixed_windows.iter().enumerate() {
                window_ok(f(&format!("fixed_activities[{j}]")), *w)?;
                let (lo, hi) = cal.overlapping(*w);
                fixed[lo..hi].iter_mut().for_each(|x| *x = true);
            }
            no_overlaps(&f("fixed_activities"), &fixed_windows)?;

            // Locked shifts.
            let locked_windows: Vec<TimeWindow> = a
                .locked_shifts
                .iter()
                .map(|x| TimeWindow {
                    start: x.start,
                    end: x.end,
                })
                .collect();
            let mut locked = Vec::new();
            for (j, l) in a.locked_shifts.iter().enumerate() {
                let lf = f(&format!("locked_shifts[{j}]"));
                window_ok(
                    lf.clone(),
                    TimeWindow {
                        start: l.start,
                        end: l.end,
                    },
                )?;
                let s = cal.index_exact(l.start).ok_or_else(|| {
                    Error::invalid(
                        format!("{lf}.start"),
                        l.start,
                        "must be an interval boundary inside the horizon",
                    )
                })?;
                let e = cal.index_exact(l.end).ok_or_else(|| {
                    Error::invalid(
                        format!("{lf}.end"),
                        l.end,
                        "must be an interval boundary inside the horizon",
                    )
                })?;
                for (ti, t) in a.time_off.iter().enumerate() {
                    if t.start < l.end && l.start < t.end {
                        return Err(Error::Infeasible {
                            agent: a.id.clone(),
                            rule: "time_off".into(),
                            time: t.start.max(l.start),
                            detail: format!("{lf} overlaps approved time_off[{ti}]"),
                        });
                    }
                }
                let mut breaks = Vec::new();
                for (bi, b) in l.breaks.iter().enumerate() {
                    let bf = format!("{lf}.breaks[{bi}]");
                    window_ok(
                        bf.clone(),
                        TimeWindow {
                            start: b.start,
                            end: b.end,
                        },
                    )?;
                    let bs = cal
                        .index_exact(b.start)
                        .filter(|&x| x >= s)
                        .ok_or_else(|| {
                            Error::invalid(
                                format!("{bf}.start"),
                                b.start,
                                "must be an interval boundary inside the shift",
                            )
                        })?;
                    let be = cal.index_exact(b.end).filter(|&x| x <= e).ok_or_else(|| {
                        Error::invalid(
                            format!("{bf}.end"),
                            b.end,
                            "must be an interval boundary inside the shift",
                        )
                    })?;
                    breaks.push((b.kind, bs, be - bs));
                }
                locked.push(LockedData {
                    start: s,
                    len: e - s,
                    breaks,
                });
            }
            no_overlaps(&f("locked_shifts"), &locked_windows)?;
            locked.sort_by_key(|l| l.start);
            for pair in locked.windows(2) {
                if cal.day_of[pair[0].start] == cal.day_of[pair[1].start] {
                    return Err(Error::Infeasible {
                        agent: a.id.clone(),
                        rule: "one_shift_per_day".into(),
                        time: cal.instant(pair[1].start),
                        detail: "two locked shifts start on the same local day".into(),
                    });
                }
            }

            let mut prefs = Vec::new();
            for (j, p) in a.preferences.iter().enumerate() {
                let pf = f(&format!("preferences[{j}]"));
                let (date, weight, start_window) = match p {
                    crate::Preference::DayOff { date, weight } => (*date, *weight, None),
                    crate::Preference::ShiftStart {
                        date,
                        earliest,
                        latest,
                        weight,
                    } => {
                        let e = calendar::parse_hhmm(&format!("{pf}.earliest"), earliest)?;
                        let l = calendar::parse_hhmm(&format!("{pf}.latest"), latest)?;
                        (*date, *weight, Some((e, l)))
                    }
                };
                finite_nonneg(format!("{pf}.weight"), weight)?;
                if let Some(day) = cal.day_index(date) {
                    prefs.push(PrefData {
                        index: j,
                        day,
                        weight,
                        start_window,
                    });
                }
            }

            agents.push(AgentData {
                contract,
                queues,
                group,
                cost_per_hour: a.cost_per_hour,
                allowed,
                fixed,
                locked,
                prefs,
            });
        }

        let w = &problem.weights;
        for (name, v) in [
            ("understaffing", w.understaffing),
            ("overstaffing", w.overstaffing),
            ("cost", w.cost),
            ("min_staffing", w.min_staffing),
            ("queue_preference", w.queue_preference),
            ("preference", w.preference),
        ] {
            finite_nonneg(format!("weights.{name}"), v)?;
        }

        Ok(Self {
            problem,
            cal,
            hours_per_interval: f64::from(im) / 60.0,
            agents,
            contracts,
            rules,
            rule_of_len,
            groups,
        })
    }

    /// The break rule for a shift of `len` intervals.
    pub(crate) fn rule_for(&self, len: usize) -> Option<&[BreakSlot]> {
        self.rule_of_len
            .get(len)
            .copied()
            .flatten()
            .and_then(|r| self.rules.get(r))
            .map(Vec::as_slice)
    }
}
