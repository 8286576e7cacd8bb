//! Local-calendar helpers for the solver side: local days of the horizon (wfm-core's
//! `IntervalGrid::local_days`), weekday, week index, and working-hours expansion through
//! wfm-core. (The validator has its own, independent, calendar code.)

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use chrono_tz::Tz;
use wfm_core::{IntervalGrid, Record};

use crate::problem::{Horizon, TimeWindow, WorkingHours};
use crate::{Error, Result};

/// One local day of the horizon.
#[derive(Debug, Clone)]
pub(crate) struct Day {
    pub(crate) date: NaiveDate,
    /// First interval of the day.
    pub(crate) first: usize,
    /// 0 = Monday.
    pub(crate) weekday: u32,
    /// Week block (7 local days from the first local day).
    pub(crate) week: usize,
}

/// The horizon's grid laid on the local calendar.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub(crate) start: i64,
    pub(crate) step: i64,
    pub(crate) n: usize,
    pub(crate) days: Vec<Day>,
    pub(crate) day_of: Vec<usize>,
    /// Local minute of day at each interval start.
    pub(crate) minute_of_day: Vec<u32>,
    pub(crate) n_weeks: usize,
    /// Whether each week block lies entirely inside the horizon.
    pub(crate) week_complete: Vec<bool>,
}

pub(crate) fn parse_tz(field: &str, name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| Error::UnknownTimeZone {
        field: field.into(),
        name: name.into(),
    })
}

impl Calendar {
    /// Lays the horizon on its local calendar through wfm-core's [`IntervalGrid`]: local days
    /// of 23 or 25 hours (DST) get fewer or more intervals.
    pub(crate) fn new(h: &Horizon) -> Result<Self> {
        let tz = parse_tz("horizon.timezone", &h.timezone)?;
        let step = i64::from(h.interval_minutes) * 60;
        let n = h.intervals as usize;
        let grid = IntervalGrid::from_unix(h.start, h.interval_minutes, n)
            .map_err(|e| Error::invalid("horizon", h.start, &e.to_string()))?;
        let mut day_of = vec![0; n];
        let mut days: Vec<Day> = Vec::new();
        for (k, local) in grid.local_days(tz).into_iter().enumerate() {
            day_of[local.range.clone()].fill(k);
            let week = days.first().map_or(0, |f| {
                ((local.date - f.date).num_days().max(0) / 7) as usize
            });
            days.push(Day {
                date: local.date,
                first: local.range.start,
                weekday: local.date.weekday().num_days_from_monday(),
                week,
            });
        }
        let minute_of_day = (0..n)
            .map(|i| {
                grid.local_datetime(i, tz)
                    .map(|t| t.hour() * 60 + t.minute())
                    .ok_or_else(|| Error::invalid("horizon.start", h.start, "instant out of range"))
            })
            .collect::<Result<Vec<u32>>>()?;
        let n_weeks = days.last().map_or(0, |d| d.week + 1);
        let mut week_complete = vec![false; n_weeks];
        if let (Some(first), Some(last)) = (days.first(), days.last()) {
            let starts_at_midnight =
                first.first == 0 && local_time(tz, h.start)?.time() == NaiveTime::MIN;
            let ends_at_midnight = local_time(tz, h.end())?.time() == NaiveTime::MIN;
            for (w, complete) in week_complete.iter_mut().enumerate() {
                let first_date = first.date + chrono::Days::new(7 * w as u64);
                let last_date = first_date + chrono::Days::new(6);
                let head_ok = w > 0 || starts_at_midnight;
                let tail_ok = last_date < last.date || (last_date == last.date && ends_at_midnight);
                *complete = head_ok && tail_ok;
            }
        }
        Ok(Self {
            start: h.start,
            step,
            n,
            days,
            day_of,
            minute_of_day,
            n_weeks,
            week_complete,
        })
    }

    pub(crate) fn instant(&self, i: usize) -> i64 {
        self.start + self.step * i as i64
    }

    /// Interval index of an instant that must lie on the grid within `[start, end]`.
    pub(crate) fn index_exact(&self, t: i64) -> Option<usize> {
        let off = t - self.start;
        (off >= 0 && off % self.step == 0 && off / self.step <= self.n as i64)
            .then_some((off / self.step) as usize)
    }

    /// Interval range `[a, b)` overlapping `[start, end)`, clamped to the horizon.
    pub(crate) fn overlapping(&self, w: TimeWindow) -> (usize, usize) {
        let lo = (w.start - self.start)
            .div_euclid(self.step)
            .clamp(0, self.n as i64);
        let hi = (w.end - self.start + self.step - 1)
            .div_euclid(self.step)
            .clamp(0, self.n as i64);
        (lo as usize, hi.max(lo) as usize)
    }

    /// Interval range fully inside `[start, end)`, clamped to the horizon.
    pub(crate) fn inside(&self, w: TimeWindow) -> (usize, usize) {
        let lo = (w.start - self.start + self.step - 1)
            .div_euclid(self.step)
            .clamp(0, self.n as i64);
        let hi = (w.end - self.start)
            .div_euclid(self.step)
            .clamp(0, self.n as i64);
        (lo as usize, hi.max(lo) as usize)
    }

    pub(crate) fn day_index(&self, date: NaiveDate) -> Option<usize> {
        self.days.iter().position(|d| d.date == date)
    }
}

fn local_time(tz: Tz, t: i64) -> Result<NaiveDateTime> {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|utc| utc.with_timezone(&tz).naive_local())
        .ok_or_else(|| Error::invalid("horizon.start", t, "instant out of range"))
}

/// Local wall time to UTC (wfm-core's rule: a time inside a DST gap maps to the transition).
pub(crate) use wfm_core::local_to_unix as to_utc;

/// Parses `HH:MM` (`00:00` to `24:00`, wfm-core's [`wfm_core::ClockTime`]) into minutes since
/// midnight; `field` names the value in the error.
pub(crate) fn parse_hhmm(field: &str, s: &str) -> Result<u32> {
    s.parse::<wfm_core::ClockTime>()
        .map(wfm_core::ClockTime::minutes)
        .map_err(|_| Error::invalid(field, s, "expected HH:MM between 00:00 and 24:00"))
}

/// Agent `agent_id`'s working-hours rule expanded to UTC windows within `[from, to)` by
/// wfm-core's DST-correct [`wfm_core::WorkingHoursRule::availability`]; `field` (e.g.
/// `agents[3].working_hours[0]`) prefixes the field named in errors.
pub(crate) fn working_hours_windows(
    field: &str,
    agent_id: &str,
    rule: &WorkingHours,
    from: i64,
    to: i64,
) -> Result<Vec<TimeWindow>> {
    parse_tz(&format!("{field}.timezone"), &rule.timezone)?;
    let rule = rule.to_rule(agent_id);
    if let Some(p) = rule.validate().into_iter().next() {
        return Err(crate::assembled::record_error(field, p));
    }
    let windows = rule
        .availability(from, to)
        .map_err(|e| Error::invalid(field, format!("[{from}, {to})"), &e.to_string()))?;
    Ok(windows
        .into_iter()
        .map(|(start, end)| TimeWindow { start, end })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::WeeklyWindow;
    use wfm_core::DayOfWeek;

    fn rule(tz: &str, day: DayOfWeek, start: &str, end: &str) -> WorkingHours {
        WorkingHours {
            timezone: tz.into(),
            weekly_pattern: vec![WeeklyWindow {
                day_of_week: day,
                start_time: start.into(),
                end_time: end.into(),
            }],
            effective_from: None,
            effective_to: None,
        }
    }

    #[test]
    fn dst_days_expand_through_wfm_core() {
        // 2024-03-10 (US spring forward): 01:00 EST = 06:00Z, 04:00 EDT = 08:00Z, so the
        // 01:00-04:00 window is 2 h; Saturday 22:00 EST (03:00Z Sun) to Sunday 06:00 EDT (10:00Z)
        // is 7 h. Offsets from the IANA tzdata (EST -5, EDT -4).
        let sat = 1_709_942_400; // 2024-03-09T00:00:00Z
        let field = "agents[0].working_hours[0]";
        let sunday = rule("America/New_York", DayOfWeek::Sunday, "01:00", "04:00");
        let got = working_hours_windows(field, "a", &sunday, sat, sat + 2 * 86_400).unwrap();
        let h = |x: i64| sat + x * 3600;
        assert_eq!(
            got,
            vec![TimeWindow {
                start: h(30),
                end: h(32)
            }]
        );
        let night = rule("America/New_York", DayOfWeek::Saturday, "22:00", "06:00");
        let got = working_hours_windows(field, "a", &night, sat, sat + 2 * 86_400).unwrap();
        assert_eq!(
            got,
            vec![TimeWindow {
                start: h(27),
                end: h(34)
            }]
        );
        // Effective dates are local dates: the rule ends the day before.
        let mut ended = sunday.clone();
        ended.effective_to = chrono::NaiveDate::from_ymd_opt(2024, 3, 9);
        assert_eq!(
            working_hours_windows(field, "a", &ended, sat, sat + 2 * 86_400).unwrap(),
            vec![]
        );
    }

    #[test]
    fn bad_rules_name_field_and_value() {
        let field = "agents[2].working_hours[1]";
        let bad = rule("UTC", DayOfWeek::Monday, "09:00", "17:60");
        let e = working_hours_windows(field, "a", &bad, 0, 86_400).unwrap_err();
        assert!(
            matches!(&e, Error::InvalidValue { field, value, .. }
                if field == "agents[2].working_hours[1].weekly_pattern[0].end_time" && value == "\"17:60\""),
            "{e}"
        );
        let e = working_hours_windows(
            field,
            "a",
            &rule("Mars/Base", DayOfWeek::Monday, "09:00", "17:00"),
            0,
            86_400,
        )
        .unwrap_err();
        assert_eq!(
            e,
            Error::UnknownTimeZone {
                field: "agents[2].working_hours[1].timezone".into(),
                name: "Mars/Base".into()
            }
        );
        let mut reversed = rule("UTC", DayOfWeek::Monday, "09:00", "17:00");
        reversed.effective_from = chrono::NaiveDate::from_ymd_opt(2024, 5, 1);
        reversed.effective_to = chrono::NaiveDate::from_ymd_opt(2024, 4, 1);
        let e = working_hours_windows(field, "a", &reversed, 0, 86_400).unwrap_err();
        assert!(
            matches!(&e, Error::InvalidValue { field, value, .. }
                if field == "agents[2].working_hours[1].effective_to" && value == "\"2024-04-01\""),
            "{e}"
        );
        assert!(parse_hhmm("p.earliest", "7:5").is_err());
        assert_eq!(parse_hhmm("p.earliest", "24:00"), Ok(1440));
    }
}
