//! Reporting buckets (interval, day, week, month) in an agent's local time zone.

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// The size of reporting buckets. Days, weeks (Monday to Monday) and months are local to the
/// agent's time zone, so a DST day lasts 23 or 25 hours; intervals tile each local day from
/// its midnight.
///
/// # Example
///
/// ```
/// use wfm_adherence::Granularity;
/// assert_eq!("day".parse::<Granularity>()?, Granularity::Day);
/// assert_eq!("interval".parse::<Granularity>()?, Granularity::Interval { minutes: 30 });
/// assert_eq!("15".parse::<Granularity>()?, Granularity::Interval { minutes: 15 });
/// assert!(Granularity::interval(7).is_err());
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Granularity {
    /// Fixed-length intervals from each local midnight.
    Interval {
        /// Interval length in minutes; divides 1440.
        minutes: u32,
    },
    /// Local calendar days.
    #[default]
    Day,
    /// Local ISO weeks starting Monday 00:00.
    Week,
    /// Local calendar months.
    Month,
}

impl Granularity {
    /// Intervals of `minutes`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInterval`] unless `minutes` divides 1440.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_adherence::Granularity::interval(60).is_ok());
    /// ```
    pub fn interval(minutes: u32) -> Result<Self> {
        if minutes == 0 || minutes > 1440 || 1440 % minutes != 0 {
            return Err(Error::InvalidInterval { minutes });
        }
        Ok(Self::Interval { minutes })
    }
}

impl std::str::FromStr for Granularity {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "interval" => Self::interval(30),
            "day" | "24h" => Ok(Self::Day),
            "week" => Ok(Self::Week),
            "month" => Ok(Self::Month),
            other => {
                let digits = other.trim_end_matches('m').trim_end_matches("min");
                match digits.parse::<u32>() {
                    Ok(m) => Self::interval(m),
                    Err(_) => Err(Error::InvalidInterval { minutes: 0 }),
                }
            }
        }
    }
}

/// The first instant of local `date` in `tz` (local midnight, or the first existing local
/// time after it when midnight falls in a DST gap).
fn local_day_start(tz: Tz, date: NaiveDate) -> Option<i64> {
    let mut t = date.and_hms_opt(0, 0, 0)?;
    for _ in 0..=24 * 4 {
        if let Some(dt) = tz.from_local_datetime(&t).earliest() {
            return Some(dt.timestamp());
        }
        t += chrono::Duration::minutes(15);
    }
    None
}

fn local_date(tz: Tz, t: i64) -> Option<NaiveDate> {
    Some(tz.timestamp_opt(t, 0).single()?.date_naive())
}

/// Bucket boundaries `b0 = lo < b1 < ... < bk = hi` covering `[lo, hi)`: the natural
/// boundaries of `granularity` in `tz` inside the range, plus `lo` and `hi`.
pub(crate) fn boundaries(tz: Tz, granularity: Granularity, lo: i64, hi: i64) -> Vec<i64> {
    let mut out = vec![lo];
    let Some(first) = local_date(tz, lo) else {
        out.push(hi);
        return out;
    };
    let mut date = match granularity {
        Granularity::Week => first
            .checked_sub_days(Days::new(u64::from(first.weekday().num_days_from_monday())))
            .unwrap_or(first),
        Granularity::Month => first.with_day(1).unwrap_or(first),
        _ => first,
    };
    let step = |d: NaiveDate| match granularity {
        Granularity::Week => d.checked_add_days(Days::new(7)),
        Granularity::Month => d.checked_add_months(Months::new(1)),
        _ => d.succ_opt(),
    };
    while let Some(start) = local_day_start(tz, date) {
        if start >= hi {
            break;
        }
        if start > lo {
            out.push(start);
        }
        let next_date = step(date);
        if let Granularity::Interval { minutes } = granularity {
            let day_end = next_date
                .and_then(|d| local_day_start(tz, d))
                .unwrap_or(hi)
                .min(hi);
            let mut t = start + i64::from(minutes) * 60;
            while t < day_end {
                if t > lo {
                    out.push(t);
                }
                t += i64::from(minutes) * 60;
            }
        }
        match next_date {
            Some(d) => date = d,
            None => break,
        }
    }
    out.push(hi);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dst_days_have_23_and_25_hours() {
        // Europe/Budapest: 2024-03-31 springs forward, 2024-10-27 falls back (tzdata).
        let tz = Tz::Europe__Budapest;
        let lo = 1_711_753_200; // 2024-03-30T00:00+01:00
        let b = boundaries(tz, Granularity::Day, lo, lo + 3 * 86_400);
        assert_eq!(b[1] - b[0], 86_400);
        assert_eq!(b[2] - b[1], 23 * 3600);
        let lo = 1_729_980_000; // 2024-10-27T00:00+02:00
        let b = boundaries(tz, Granularity::Day, lo, lo + 2 * 86_400);
        assert_eq!(b[1] - b[0], 25 * 3600);
        let b = boundaries(
            tz,
            Granularity::Interval { minutes: 15 },
            lo,
            lo + 25 * 3600,
        );
        assert_eq!(b.len() - 1, 100);
    }

    #[test]
    fn weeks_start_monday_and_months_on_the_first() {
        let lo = 1_704_067_200; // 2024-01-01T00:00Z, a Monday
        let b = boundaries(Tz::UTC, Granularity::Week, lo, lo + 10 * 86_400);
        assert_eq!(b, [lo, lo + 7 * 86_400, lo + 10 * 86_400]);
        let b = boundaries(Tz::UTC, Granularity::Month, lo, lo + 40 * 86_400);
        assert_eq!(b, [lo, lo + 31 * 86_400, lo + 40 * 86_400]);
    }
}
