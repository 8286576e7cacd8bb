//! Report periods: interval, day, week or month buckets in a time zone, DST-correct.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// The most periods one report may have (5-minute intervals over 47 years).
pub const MAX_PERIODS: u64 = 5_000_000;

/// How report rows are bucketed in time.
///
/// # Example
///
/// ```
/// use wfm_reports::Granularity;
/// assert_eq!(Granularity::parse("week", 30), Some(Granularity::Week));
/// assert_eq!(Granularity::parse("interval", 15), Some(Granularity::Interval { minutes: 15 }));
/// assert_eq!(Granularity::parse("year", 30), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Granularity {
    /// Intervals of `minutes` (dividing 1440), aligned to local midnight.
    Interval {
        /// Interval length in minutes.
        minutes: u32,
    },
    /// Local calendar days (23 or 25 hours on DST change days).
    Day,
    /// Local ISO weeks, starting Monday 00:00.
    Week,
    /// Local calendar months.
    Month,
}

impl Granularity {
    /// Parses `interval`, `day`, `week` or `month`; `interval` uses `interval_minutes`.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::Granularity;
    /// assert_eq!(Granularity::parse("day", 30), Some(Granularity::Day));
    /// ```
    #[must_use]
    pub fn parse(name: &str, interval_minutes: u32) -> Option<Self> {
        match name {
            "interval" => Some(Granularity::Interval {
                minutes: interval_minutes,
            }),
            "day" => Some(Granularity::Day),
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            _ => None,
        }
    }
}

/// Consecutive half-open UTC periods `[start, end)` covering a report range.
///
/// The first and last periods are clipped to the range, so the periods partition
/// `[from, to)` exactly.
///
/// # Example
///
/// ```
/// use chrono_tz::America::New_York;
/// use wfm_reports::{Granularity, Periods};
/// // 2026-03-08 is the spring-forward day in New York: 23 hours.
/// let from = 1_772_946_000; // 2026-03-08T00:00-05:00
/// let periods = Periods::new(from, from + 47 * 3600, Granularity::Day, New_York)?;
/// assert_eq!(periods.len(), 2);
/// assert_eq!(periods.end(0) - periods.start(0), 23 * 3600);
/// assert_eq!(periods.label(0), "2026-03-08");
/// assert_eq!(periods.index_of(from + 23 * 3600), Some(1));
/// # Ok::<(), wfm_reports::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Periods {
    bounds: Vec<i64>,
    granularity: Granularity,
    tz: Tz,
    /// Set when every period has this length (fast lookup).
    uniform: Option<i64>,
}

fn utc(seconds: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or(Error::TimeOutOfRange { seconds })
}

/// The first instant of local date `d` in `tz` (midnight, or the end of a gap at midnight).
fn local_day_start(tz: Tz, d: NaiveDate) -> Result<i64> {
    let midnight = d.and_time(chrono::NaiveTime::MIN);
    // Zones with a DST gap at midnight start the day later: probe each minute up to 3 h.
    for minute in 0..=180 {
        let t = midnight + Duration::minutes(minute);
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) => return Ok(x.timestamp()),
            LocalResult::Ambiguous(a, _) => return Ok(a.timestamp()),
            LocalResult::None => {}
        }
    }
    Err(Error::TimeOutOfRange {
        seconds: midnight.and_utc().timestamp(),
    })
}

fn bucket_start_date(g: Granularity, d: NaiveDate) -> NaiveDate {
    match g {
        Granularity::Interval { .. } | Granularity::Day => d,
        Granularity::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Granularity::Month => d.with_day(1).unwrap_or(d),
    }
}

fn next_bucket_date(g: Granularity, d: NaiveDate) -> Option<NaiveDate> {
    match g {
        Granularity::Interval { .. } | Granularity::Day => d.succ_opt(),
        Granularity::Week => d.checked_add_signed(Duration::days(7)),
        Granularity::Month => d.checked_add_months(chrono::Months::new(1)),
    }
}

impl Periods {
    /// Periods of `granularity` in `tz` covering `[from, to)` (unix seconds).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyRange`] if `from >= to`, [`Error::InvalidIntervalMinutes`] for an
    /// interval length not dividing 1440, [`Error::TimeOutOfRange`] for instants chrono
    /// cannot represent, [`Error::TooManyPeriods`] above [`MAX_PERIODS`].
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Granularity, Periods};
    /// let p = Periods::new(0, 86_400, Granularity::Interval { minutes: 30 }, chrono_tz::UTC)?;
    /// assert_eq!(p.len(), 48);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    pub fn new(from: i64, to: i64, granularity: Granularity, tz: Tz) -> Result<Self> {
        if from >= to {
            return Err(Error::EmptyRange { from, to });
        }
        let step = match granularity {
            Granularity::Interval { minutes } => {
                if minutes == 0 || 1440 % minutes != 0 {
                    return Err(Error::InvalidIntervalMinutes { minutes });
                }
                Some(i64::from(minutes) * 60)
            }
            _ => None,
        };
        let span = u64::try_from(to.saturating_sub(from)).unwrap_or(u64::MAX);
        let estimate = span / step.map_or(86_400, |s| s as u64) + 2;
        if estimate > MAX_PERIODS {
            return Err(Error::TooManyPeriods {
                count: estimate,
                max: MAX_PERIODS,
            });
        }
        utc(to)?;
        let first_local = utc(from)?.with_timezone(&tz).date_naive();
        let mut date = bucket_start_date(granularity, first_local);
        let mut bounds = vec![from];
        let mut start = local_day_start(tz, date)?;
        while start < to {
            let next_date = next_bucket_date(granularity, date)
                .ok_or(Error::TimeOutOfRange { seconds: start })?;
            let end = local_day_start(tz, next_date)?;
            if let Some(step) = step {
                let mut t = start + step;
                while t < end && t < to {
                    if t > from {
                        bounds.push(t);
                    }
                    t += step;
                }
            }
            if end > from && end < to {
                bounds.push(end);
            }
            date = next_date;
            start = end;
        }
        bounds.push(to);
        let uniform = uniform_step(&bounds);
        Ok(Self {
            bounds,
            granularity,
            tz,
            uniform,
        })
    }

    /// `count` consecutive UTC intervals of `step_seconds` from `start` (an interval grid).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidIntervalMinutes`] unless `step_seconds` is a positive whole number
    /// of minutes dividing a day, [`Error::TooManyPeriods`] above [`MAX_PERIODS`],
    /// [`Error::EmptyRange`] for `count == 0`, [`Error::TimeOutOfRange`] past year 9999.
    ///
    /// # Example
    ///
    /// ```
    /// let p = wfm_reports::Periods::grid(3_600, 900, 4)?;
    /// assert_eq!((p.start(0), p.end(3)), (3_600, 7_200));
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    pub fn grid(start: i64, step_seconds: i64, count: usize) -> Result<Self> {
        let minutes = u32::try_from(step_seconds / 60).unwrap_or(0);
        if step_seconds <= 0 || step_seconds % 60 != 0 || minutes == 0 || 1440 % minutes != 0 {
            return Err(Error::InvalidIntervalMinutes { minutes });
        }
        if count as u64 > MAX_PERIODS {
            return Err(Error::TooManyPeriods {
                count: count as u64,
                max: MAX_PERIODS,
            });
        }
        let end = i64::try_from(count)
            .ok()
            .and_then(|c| c.checked_mul(step_seconds))
            .and_then(|d| start.checked_add(d))
            .ok_or(Error::TimeOutOfRange { seconds: start })?;
        utc(start)?;
        utc(end)?;
        if count == 0 {
            return Err(Error::EmptyRange {
                from: start,
                to: end,
            });
        }
        let bounds: Vec<i64> = (0..=count as i64)
            .map(|i| start + i * step_seconds)
            .collect();
        Ok(Self {
            bounds,
            granularity: Granularity::Interval { minutes },
            tz: chrono_tz::UTC,
            uniform: Some(step_seconds),
        })
    }

    /// The periods of a `wfm-core` interval grid, one per interval.
    ///
    /// # Errors
    ///
    /// As [`Periods::grid`] (an empty grid gives [`Error::EmptyRange`]).
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 15, 8)?;
    /// let p = wfm_reports::Periods::from_grid(&grid)?;
    /// assert_eq!((p.len(), p.end(7)), (8, 7_200));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_grid(grid: &wfm_core::IntervalGrid) -> Result<Self> {
        Self::grid(grid.start_unix(), grid.interval_seconds(), grid.len())
    }

    /// Number of periods.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::Periods::grid(0, 1800, 3)?.len(), 3);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Always `false`: a range is never empty.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!wfm_reports::Periods::grid(0, 1800, 1)?.is_empty());
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Start of period `i` (unix seconds). Out-of-range `i` gives the range end.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::Periods::grid(0, 1800, 3)?.start(1), 1800);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn start(&self, i: usize) -> i64 {
        self.bounds[i.min(self.len())]
    }

    /// End of period `i` (unix seconds, exclusive). Out-of-range `i` gives the range end.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::Periods::grid(0, 1800, 3)?.end(1), 3600);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn end(&self, i: usize) -> i64 {
        self.bounds[(i + 1).min(self.len())]
    }

    /// Start of the range.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::Periods::grid(60, 1800, 3)?.from(), 60);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> i64 {
        self.bounds[0]
    }

    /// End of the range (exclusive).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::Periods::grid(0, 1800, 3)?.to(), 5400);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn to(&self) -> i64 {
        self.bounds[self.len()]
    }

    /// The granularity the periods were built with.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Granularity, Periods};
    /// assert_eq!(Periods::grid(0, 1800, 3)?.granularity(), Granularity::Interval { minutes: 30 });
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// The period containing instant `t`, or `None` outside `[from, to)`.
    ///
    /// # Example
    ///
    /// ```
    /// let p = wfm_reports::Periods::grid(0, 1800, 3)?;
    /// assert_eq!(p.index_of(1799), Some(0));
    /// assert_eq!(p.index_of(5400), None);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn index_of(&self, t: i64) -> Option<usize> {
        let from = self.bounds[0];
        if t < from || t >= self.bounds[self.len()] {
            return None;
        }
        if let Some(step) = self.uniform {
            return Some(((t - from) / step) as usize);
        }
        Some(self.bounds.partition_point(|&b| b <= t) - 1)
    }

    /// Local label of period `i`: `YYYY-MM-DD` of its start for day, week and month,
    /// the local start with its UTC offset for intervals.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Granularity, Periods};
    /// let p = Periods::new(0, 3_600, Granularity::Interval { minutes: 30 }, chrono_tz::Asia::Kolkata)?;
    /// assert_eq!(p.label(1), "1970-01-01T06:00+05:30");
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn label(&self, i: usize) -> String {
        let start = self.start(i);
        let Some(local) = DateTime::from_timestamp(start, 0).map(|d| d.with_timezone(&self.tz))
        else {
            return start.to_string();
        };
        match self.granularity {
            Granularity::Interval { .. } => local.format("%Y-%m-%dT%H:%M%:z").to_string(),
            Granularity::Day | Granularity::Week | Granularity::Month => {
                local.format("%Y-%m-%d").to_string()
            }
        }
    }
}

fn uniform_step(bounds: &[i64]) -> Option<i64> {
    let step = bounds[1] - bounds[0];
    bounds
        .windows(2)
        .all(|w| w[1] - w[0] == step)
        .then_some(step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Australia::Sydney, Europe::London};

    fn at(tz: Tz, y: i32, m: u32, d: u32) -> i64 {
        tz.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap().timestamp()
    }

    #[test]
    fn dst_days_have_23_and_25_hours() {
        // Transition dates from the IANA tz database (chrono-tz 2025 data).
        for (tz, spring, fall) in [
            (New_York, (2026, 3, 8), (2026, 11, 1)),
            (London, (2026, 3, 29), (2026, 10, 25)),
            (Sydney, (2026, 10, 4), (2026, 4, 5)),
        ] {
            let s = at(tz, spring.0, spring.1, spring.2);
            let p = Periods::new(s, s + 3 * 86_400, Granularity::Day, tz).unwrap();
            assert_eq!(p.end(0) - p.start(0), 23 * 3600, "{tz} spring");
            let f = at(tz, fall.0, fall.1, fall.2);
            let p = Periods::new(f, f + 3 * 86_400, Granularity::Day, tz).unwrap();
            assert_eq!(p.end(0) - p.start(0), 25 * 3600, "{tz} fall");
            let p =
                Periods::new(f, f + 25 * 3600, Granularity::Interval { minutes: 15 }, tz).unwrap();
            assert_eq!(p.len(), 100, "{tz}");
            assert_eq!(
                p.index_of(f + 25 * 3600 - 1),
                Some(99),
                "{tz} 100 quarter hours"
            );
        }
    }

    #[test]
    fn weeks_start_monday_and_months_first_day() {
        let from = at(London, 2026, 3, 4); // a Wednesday
        let to = at(London, 2026, 5, 20);
        let w = Periods::new(from, to, Granularity::Week, London).unwrap();
        assert_eq!(w.start(0), from); // clipped to the range start
        assert_eq!(w.label(1), "2026-03-09");
        assert_eq!(w.end(3) - w.start(3), 7 * 86_400 - 3600); // contains spring forward
        let m = Periods::new(from, to, Granularity::Month, London).unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m.label(1), "2026-04-01");
        assert_eq!(m.start(1), at(London, 2026, 4, 1));
        assert_eq!(m.to(), to);
    }

    #[test]
    fn periods_partition_the_range() {
        let p = Periods::new(
            1_000,
            200_000,
            Granularity::Interval { minutes: 60 },
            New_York,
        )
        .unwrap();
        for i in 0..p.len() {
            assert!(p.start(i) < p.end(i));
            assert_eq!(p.index_of(p.start(i)), Some(i));
            assert_eq!(p.index_of(p.end(i) - 1), Some(i));
        }
        assert_eq!(p.from(), 1_000);
        assert_eq!(p.index_of(999), None);
    }

    #[test]
    fn bad_parameters_are_errors() {
        assert!(matches!(
            Periods::new(0, 10, Granularity::Interval { minutes: 7 }, London),
            Err(Error::InvalidIntervalMinutes { minutes: 7 })
        ));
        assert!(matches!(
            Periods::new(0, i64::MAX, Granularity::Day, London),
            Err(Error::TooManyPeriods { .. })
        ));
        assert!(matches!(
            Periods::new(i64::MIN, 0, Granularity::Month, London),
            Err(Error::TooManyPeriods { .. } | Error::TimeOutOfRange { .. })
        ));
        assert!(Periods::grid(0, 0, 3).is_err());
        assert!(Periods::grid(i64::MAX - 10, 60, 3).is_err());
    }
}
