//! Local-time views of an [`IntervalGrid`]: grids over local dates, per-day slices, week positions.

use crate::tz::local_day_start;
use crate::{Error, IntervalGrid, Result};
use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;
use std::ops::Range;

/// The intervals of a grid that start on one local date.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// let d0 = NaiveDate::from_ymd_opt(2024, 3, 10).ok_or("bad date")?;
/// let d1 = NaiveDate::from_ymd_opt(2024, 3, 11).ok_or("bad date")?;
/// let grid = wfm_core::IntervalGrid::for_local_dates(chrono_tz::America::New_York, d0, d1, 15)?;
/// let days = grid.local_days(chrono_tz::America::New_York);
/// assert_eq!(days[0].date, d0);
/// assert_eq!(days[0].range, 0..92); // spring forward: 23 hours
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LocalDay {
    /// The local date.
    pub date: NaiveDate,
    /// Indices of the grid intervals that start on `date`.
    pub range: Range<usize>,
}

impl IntervalGrid {
    /// A grid covering local dates `[d0, d1)` in `tz`: from the first instant of `d0` to the first
    /// instant of `d1`. Local days of 23 or 25 hours (DST) get fewer or more intervals; never assume
    /// a fixed count per day.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyDateRange`] if `d1 <= d0`, [`Error::InvalidIntervalMinutes`],
    /// [`Error::UnevenLocalDays`] if the span is not a whole number of intervals (a 30-minute DST
    /// shift on an hourly grid), and [`Error::OutOfRange`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d0 = NaiveDate::from_ymd_opt(2024, 11, 3).ok_or("bad date")?;
    /// let d1 = NaiveDate::from_ymd_opt(2024, 11, 4).ok_or("bad date")?;
    /// let grid = wfm_core::IntervalGrid::for_local_dates(chrono_tz::America::New_York, d0, d1, 30)?;
    /// assert_eq!(grid.len(), 50); // fall back: 25 hours
    /// assert_eq!(grid.start_unix(), 1_730_606_400); // 2024-11-03T04:00:00Z
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_local_dates(
        tz: Tz,
        d0: NaiveDate,
        d1: NaiveDate,
        interval_minutes: u32,
    ) -> Result<IntervalGrid> {
        crate::grid::check_interval_minutes(interval_minutes)?;
        if d1 <= d0 {
            return Err(Error::EmptyDateRange { from: d0, to: d1 });
        }
        let out_of_range = |d: NaiveDate| Error::OutOfRange {
            value: d.to_string(),
        };
        let start = local_day_start(tz, d0).ok_or_else(|| out_of_range(d0))?;
        let end = local_day_start(tz, d1).ok_or_else(|| out_of_range(d1))?;
        let step = i64::from(interval_minutes) * 60;
        let span = end - start;
        if span % step != 0 {
            return Err(Error::UnevenLocalDays {
                from: d0,
                to: d1,
                minutes: span / 60,
                interval: interval_minutes,
            });
        }
        let len = usize::try_from(span / step).map_err(|_| out_of_range(d1))?;
        IntervalGrid::from_unix(start, interval_minutes, len)
    }

    /// Splits the grid into local days of `tz`: each interval belongs to the local date on which it
    /// starts (a day starts at its first instant, see [`IntervalGrid::for_local_dates`]). The
    /// ranges are consecutive, non-empty and together cover `0..len()` exactly.
    ///
    /// # Example
    ///
    /// ```
    /// // 48 hours from 2024-10-26T23:00:00Z = 2024-10-27 00:00 BST, the 25-hour day in London.
    /// let grid = wfm_core::IntervalGrid::from_unix(1_729_983_600, 60, 48)?;
    /// let days = grid.local_days(chrono_tz::Europe::London);
    /// assert_eq!(days.len(), 2);
    /// assert_eq!(days[0].range, 0..25);
    /// assert_eq!(days[1].range, 25..48);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn local_days(&self, tz: Tz) -> Vec<LocalDay> {
        let mut out = Vec::new();
        let Some(mut date) = crate::tz::local_date(tz, self.start_unix()) else {
            return out;
        };
        let step = self.interval_seconds();
        let mut i = 0;
        while i < self.len() {
            let next = date.succ_opt();
            let j = match next.and_then(|d| local_day_start(tz, d)) {
                Some(boundary) if boundary <= self.start_unix() => 0,
                Some(boundary) => {
                    let k = (boundary - self.start_unix() + step - 1) / step;
                    usize::try_from(k).map_or(self.len(), |k| k.min(self.len()))
                }
                None => self.len(),
            };
            if j > i {
                out.push(LocalDay { date, range: i..j });
                i = j;
            }
            match next {
                Some(d) => date = d,
                None => break,
            }
        }
        out
    }

    /// The local date and time at which interval `i` starts, or `None` if `i >= len()`.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 2)?;
    /// let t = grid.local_datetime(1, chrono_tz::Australia::Sydney).ok_or("out of range")?;
    /// assert_eq!(t.to_rfc3339(), "1970-01-01T11:00:00+10:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_datetime(&self, i: usize, tz: Tz) -> Option<DateTime<Tz>> {
        self.instant(i).map(|t| t.with_timezone(&tz))
    }

    /// The number of intervals in a (24 × 7 hour) week: `7 * 1440 / interval_minutes`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::IntervalGrid::from_unix(0, 30, 1)?.intervals_per_week(), 336);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn intervals_per_week(&self) -> usize {
        7 * 1440 / self.interval_minutes() as usize
    }

    /// The position of interval `i` in the local week of `tz`: Monday 00:00 local is 0, then one
    /// step per interval length of local wall-clock time, up to [`IntervalGrid::intervals_per_week`]
    /// minus one. Intervals repeated by a fall-back share a position; positions skipped by a
    /// spring-forward do not occur. `None` if `i >= len()`.
    ///
    /// # Example
    ///
    /// ```
    /// // 1970-01-05T00:00:00Z was a Monday.
    /// let grid = wfm_core::IntervalGrid::from_unix(345_600, 30, 3)?;
    /// assert_eq!(grid.interval_of_week(2, chrono_tz::UTC), Some(2));
    /// // 01:00 UTC is 20:00 on Sunday in New York (EST): the last hours of the week.
    /// assert_eq!(grid.interval_of_week(2, chrono_tz::America::New_York), Some(336 - 8));
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn interval_of_week(&self, i: usize, tz: Tz) -> Option<usize> {
        let local = self.local_datetime(i, tz)?;
        let per_day = 1440 / self.interval_minutes() as usize;
        let minute = (local.hour() * 60 + local.minute()) as usize;
        Some(
            local.weekday().num_days_from_monday() as usize * per_day
                + minute / self.interval_minutes() as usize,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Australia::Sydney;
    use chrono_tz::Europe::London;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Hours per local day from 2024-01-01 to 2025-01-01, via the grid.
    fn day_lengths(tz: Tz) -> Vec<(NaiveDate, usize)> {
        let grid =
            IntervalGrid::for_local_dates(tz, date(2024, 1, 1), date(2025, 1, 1), 60).unwrap();
        grid.local_days(tz)
            .into_iter()
            .map(|d| (d.date, d.range.len()))
            .filter(|&(_, h)| h != 24)
            .collect()
    }

    #[test]
    fn dst_days_have_23_and_25_hours() {
        // Transition dates from the IANA tzdata rules for 2024 (US: 2nd Sun Mar / 1st Sun Nov;
        // EU: last Sun Mar / Oct; NSW: 1st Sun Apr / Oct).
        assert_eq!(
            day_lengths(New_York),
            vec![(date(2024, 3, 10), 23), (date(2024, 11, 3), 25)]
        );
        assert_eq!(
            day_lengths(London),
            vec![(date(2024, 3, 31), 23), (date(2024, 10, 27), 25)]
        );
        assert_eq!(
            day_lengths(Sydney),
            vec![(date(2024, 4, 7), 25), (date(2024, 10, 6), 23)]
        );
    }

    #[test]
    fn new_york_spring_forward_grid() {
        let g = IntervalGrid::for_local_dates(New_York, date(2024, 3, 10), date(2024, 3, 11), 15)
            .unwrap();
        assert_eq!(g.len(), 92);
        // 2024-03-10T05:00:00Z = local midnight EST.
        assert_eq!(g.start_unix(), 1_710_046_800);
        // Interval 8 starts at 02:00 EST-equivalent instant = 03:00 EDT local.
        let t = g.local_datetime(8, New_York).unwrap();
        assert_eq!((t.hour(), t.minute()), (3, 0));
        // Sunday: week positions 6*96 + 3*4 = 588 at 03:00.
        assert_eq!(g.interval_of_week(8, New_York), Some(588));
    }

    #[test]
    fn sydney_fall_back_repeats_week_positions() {
        // 2024-04-07 03:00 AEDT -> 02:00 AEST: the hour 02:00-03:00 happens twice.
        let g =
            IntervalGrid::for_local_dates(Sydney, date(2024, 4, 7), date(2024, 4, 8), 60).unwrap();
        assert_eq!(g.len(), 25);
        assert_eq!(g.interval_of_week(2, Sydney), g.interval_of_week(3, Sydney));
    }

    #[test]
    fn uneven_days_are_rejected() {
        // Lord Howe Island shifts by 30 minutes; 2024-04-07 is 24.5 hours long.
        let err = IntervalGrid::for_local_dates(
            chrono_tz::Australia::Lord_Howe,
            date(2024, 4, 7),
            date(2024, 4, 8),
            60,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::UnevenLocalDays { minutes: 1470, .. }),
            "{err}"
        );
        assert!(matches!(
            IntervalGrid::for_local_dates(London, date(2024, 1, 2), date(2024, 1, 2), 60),
            Err(Error::EmptyDateRange { .. })
        ));
    }

    #[test]
    fn out_of_range_indices_are_none() {
        let g = IntervalGrid::from_unix(0, 60, 2).unwrap();
        assert_eq!(g.interval_of_week(2, London), None);
        assert!(g.local_datetime(2, London).is_none());
        assert!(
            IntervalGrid::from_unix(0, 60, 0)
                .unwrap()
                .local_days(London)
                .is_empty()
        );
    }

    #[test]
    fn extreme_dates_are_errors_not_panics() {
        let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
        for tz in [
            New_York,
            Sydney,
            chrono_tz::Pacific::Kiritimati,
            chrono_tz::Etc::GMTPlus12,
        ] {
            assert!(IntervalGrid::for_local_dates(tz, min, min.succ_opt().unwrap(), 60).is_err());
            assert!(IntervalGrid::for_local_dates(tz, max.pred_opt().unwrap(), max, 60).is_err());
            assert!(IntervalGrid::for_local_dates(tz, min, max, 60).is_err());
            // The supported range's own ends work.
            let first = date(1, 1, 2);
            assert!(IntervalGrid::for_local_dates(tz, first, date(1, 1, 3), 60).is_ok());
            let last = date(9999, 12, 30);
            assert!(IntervalGrid::for_local_dates(tz, last, date(9999, 12, 31), 60).is_ok());
        }
        let g = IntervalGrid::from_unix(crate::time::MIN_UNIX, 60, 48).unwrap();
        assert!(!g.local_days(chrono_tz::Etc::GMTPlus12).is_empty());
        let g = IntervalGrid::from_unix(crate::time::MAX_UNIX - 2 * 86_400, 60, 24).unwrap();
        assert!(!g.local_days(chrono_tz::Pacific::Kiritimati).is_empty());
    }

    const ZONES: [Tz; 6] = [
        New_York,
        London,
        Sydney,
        chrono_tz::Asia::Kolkata,
        chrono_tz::America::Santiago,
        chrono_tz::Asia::Kathmandu,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn local_days_partition_the_grid(
            start in 1_500_000_000i64..1_900_000_000,
            m in prop::sample::select(vec![5u32, 15, 30, 60, 120]),
            len in 0usize..3_000,
            zone in prop::sample::select(ZONES.to_vec()),
        ) {
            let g = IntervalGrid::from_unix(start, m, len)?;
            let days = g.local_days(zone);
            let mut next = 0;
            for (k, day) in days.iter().enumerate() {
                prop_assert_eq!(day.range.start, next);
                prop_assert!(day.range.end > day.range.start);
                if k > 0 {
                    prop_assert!(day.date > days[k - 1].date);
                }
                next = day.range.end;
            }
            prop_assert_eq!(next, len);
        }

        #[test]
        fn local_date_grids_have_whole_days(
            offset in 0i64..3_000,
            ndays in 1i64..40,
            zone in prop::sample::select(ZONES[..3].to_vec()),
        ) {
            let d0 = date(2020, 1, 1) + chrono::TimeDelta::days(offset);
            let d1 = d0 + chrono::TimeDelta::days(ndays);
            let g = IntervalGrid::for_local_dates(zone, d0, d1, 15)?;
            let days = g.local_days(zone);
            prop_assert_eq!(days.len() as i64, ndays);
            prop_assert_eq!(days[0].date, d0);
            for d in &days {
                prop_assert!([92, 96, 100].contains(&d.range.len()));
                // Each day starts at local midnight.
                let t = g.local_datetime(d.range.start, zone).unwrap();
                prop_assert_eq!((t.date_naive(), t.hour(), t.minute()), (d.date, 0, 0));
            }
        }
    }
}
