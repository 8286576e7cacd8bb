//! Local-calendar helpers for the solver side: local days of the horizon, weekday, week index,
//! and working-hours expansion. (The validator has its own, independent, calendar code.)

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::problem::{Horizon, TimeWindow, WorkingHours};
use crate::{Error, Result};

/// One local day of the horizon.
#[derive(Debug, Clone)]
pub(crate) struct Day {
    pub(crate) date: NaiveDate,
    /// First interval of the day.
    pub(crate) first: usize,
    /// One past the last interval of the day.
    pub(crate) end: usize,
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
    pub(crate) fn new(h: &Horizon) -> Result<Self> {
        let tz = parse_tz("horizon.timezone", &h.timezone)?;
        let step = i64::from(h.interval_minutes) * 60;
        let n = h.intervals as usize;
        let mut days: Vec<Day> = Vec::new();
        let mut day_of = Vec::with_capacity(n);
        let mut minute_of_day = Vec::with_capacity(n);
        for i in 0..n {
            let t = h.start + step * i as i64;
            let local = local_time(tz, t)?;
            minute_of_day.push(local.hour() * 60 + local.minute());
            let date = local.date();
            if days.last().map(|d| d.date) != Some(date) {
                if let Some(last) = days.last_mut() {
                    last.end = i;
                }
                let week = days
                    .first()
                    .map_or(0, |f| ((date - f.date).num_days().max(0) / 7) as usize);
                days.push(Day {
                    date,
                    first: i,
                    end: n,
                    weekday: date.weekday().num_days_from_monday(),
                    week,
                });
            }
            day_of.push(days.len() - 1);
        }
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

/// Local wall time to UTC; a time inside a DST gap moves forward to the first valid minute.
pub(crate) fn to_utc(tz: Tz, local: NaiveDateTime) -> Option<i64> {
    (0..=180)
        .step_by(15)
        .find_map(|m| {
            tz.from_local_datetime(&(local + chrono::Duration::minutes(m)))
                .earliest()
        })
        .map(|dt| dt.timestamp())
}

/// Parses `HH:MM` (`24:00` allowed) into minutes since midnight.
pub(crate) fn parse_hhmm(field: &str, s: &str) -> Result<u32> {
    let bad = || Error::invalid(field, s, "expected HH:MM between 00:00 and 24:00");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

/// Expands a working-hours rule into UTC windows covering `[from, to)`.
pub(crate) fn expand_working_hours(
    field: &str,
    rule: &WorkingHours,
    from: i64,
    to: i64,
) -> Result<Vec<TimeWindow>> {
    let tz = parse_tz(&format!("{field}.timezone"), &rule.timezone)?;
    let first = local_time(tz, from)?.date() - chrono::Days::new(1);
    let last = local_time(tz, to)?.date() + chrono::Days::new(1);
    let mut out = Vec::new();
    let mut date = first;
    while date <= last {
        let effective = rule.effective_from.is_none_or(|f| date >= f)
            && rule.effective_to.is_none_or(|t| date <= t);
        for (k, e) in rule.weekly_pattern.iter().enumerate() {
            let s = parse_hhmm(
                &format!("{field}.weekly_pattern[{k}].start_time"),
                &e.start_time,
            )?;
            let en = parse_hhmm(
                &format!("{field}.weekly_pattern[{k}].end_time"),
                &e.end_time,
            )?;
            if !effective || e.day_of_week.index() != date.weekday().num_days_from_monday() {
                continue;
            }
            let midnight = date.and_time(NaiveTime::MIN);
            let start_local = midnight + chrono::Duration::minutes(i64::from(s));
            let end_minutes = if en <= s { en + 24 * 60 } else { en };
            let end_local = midnight + chrono::Duration::minutes(i64::from(end_minutes));
            if let (Some(a), Some(b)) = (to_utc(tz, start_local), to_utc(tz, end_local))
                && b > a
            {
                out.push(TimeWindow { start: a, end: b });
            }
        }
        date = date + chrono::Days::new(1);
    }
    Ok(out)
}
