//! Local-time helpers shared by the grid and working-hours rules.

use crate::{Error, Result};
use chrono::{LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

/// Parses an IANA time-zone name (`America/New_York`).
///
/// # Errors
///
/// [`Error::UnknownTimeZone`] naming the rejected text.
///
/// # Example
///
/// ```
/// let tz = wfm_core::parse_time_zone("Europe/London")?;
/// assert_eq!(tz, chrono_tz::Europe::London);
/// assert!(wfm_core::parse_time_zone("Mars/Olympus").is_err());
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub fn parse_time_zone(name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| Error::UnknownTimeZone {
        name: name.to_owned(),
    })
}

/// Converts a local wall-clock time to unix seconds. A time skipped by a spring-forward gap maps
/// to the first instant after the gap (the transition; 02:30 on a US spring-forward day is 03:00
/// EDT); a time repeated by a fall-back fold takes its earlier occurrence. The mapping never
/// decreases as the local time increases, so a local window never inverts. `None` only outside
/// chrono's range.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use chrono_tz::America::New_York;
/// // Spring forward at 02:00 local (IANA tzdata); 2024-03-10T00:00Z is 1_710_028_800.
/// let day = NaiveDate::from_ymd_opt(2024, 3, 10).ok_or("date")?;
/// let at = |h, m| day.and_hms_opt(h, m, 0).ok_or("time");
/// // 02:30 does not exist: it maps to the transition, 03:00 EDT = 07:00 UTC.
/// assert_eq!(wfm_core::local_to_unix(New_York, at(2, 30)?), Some(1_710_054_000));
/// assert_eq!(wfm_core::local_to_unix(New_York, at(3, 0)?), Some(1_710_054_000));
/// // 01:00 EST = 06:00 UTC.
/// assert_eq!(wfm_core::local_to_unix(New_York, at(1, 0)?), Some(1_710_050_400));
/// # Ok::<(), &str>(())
/// ```
#[must_use]
pub fn local_to_unix(tz: Tz, local: NaiveDateTime) -> Option<i64> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.timestamp()),
        LocalResult::Ambiguous(earliest, _) => Some(earliest.timestamp()),
        LocalResult::None => {
            // Read with the offset in force before the gap, the time lands at or after the
            // transition and less than a day past it (gaps are < 1 day, transitions are months
            // apart); binary-search for the first instant whose local time is not before `local`.
            let probe = local.checked_sub_signed(chrono::TimeDelta::hours(30))?;
            let before = tz.offset_from_utc_datetime(&probe).fix();
            let upper = local.and_utc().timestamp() - i64::from(before.local_minus_utc());
            let (mut lo, mut hi) = (upper - 86_400, upper);
            while lo + 1 < hi {
                let mid = lo + (hi - lo) / 2;
                if local_naive(tz, mid)? >= local {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            Some(hi)
        }
    }
}

/// The first instant (unix seconds) whose local date in `tz` is `date` or later: local midnight,
/// the earlier one if midnight repeats, or the end of the gap if midnight is skipped.
pub(crate) fn local_day_start(tz: Tz, date: NaiveDate) -> Option<i64> {
    local_to_unix(tz, date.and_time(NaiveTime::MIN))
}

/// The local wall-clock time of unix instant `t` in `tz`.
fn local_naive(tz: Tz, t: i64) -> Option<NaiveDateTime> {
    let utc = chrono::DateTime::from_timestamp(t, 0)?;
    Some(utc.with_timezone(&tz).naive_local())
}

/// The local date of unix instant `t` in `tz`.
pub(crate) fn local_date(tz: Tz, t: i64) -> Option<NaiveDate> {
    let utc = chrono::DateTime::from_timestamp(t, 0)?;
    Some(utc.with_timezone(&tz).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::{New_York, Santiago};

    fn at(date: (i32, u32, u32), h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(date.0, date.1, date.2)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn gap_times_map_to_the_end_of_the_gap() {
        // 2024-03-10 02:00-03:00 does not exist in New York; 02:30 maps to the transition,
        // 03:00 EDT = 2024-03-10T07:00:00Z = 1710054000, as do 02:00 and 02:59.
        for (h, m) in [(2, 0), (2, 30), (2, 59), (3, 0)] {
            assert_eq!(
                local_to_unix(New_York, at((2024, 3, 10), h, m)),
                Some(1_710_054_000)
            );
        }
        assert_eq!(
            local_to_unix(New_York, at((2024, 3, 10), 1, 59)),
            Some(1_710_054_000 - 60)
        );
    }

    #[test]
    fn fold_times_take_the_earlier_instant() {
        // 2024-11-03 01:30 happens twice; earlier is EDT (-4) = 05:30Z = 1730611800.
        assert_eq!(
            local_to_unix(New_York, at((2024, 11, 3), 1, 30)),
            Some(1_730_611_800)
        );
    }

    #[test]
    fn skipped_midnight_starts_the_day_at_the_transition() {
        // Santiago springs forward at local midnight 2024-09-08 (00:00 -04 -> 01:00 -03):
        // the day starts at 2024-09-08T04:00:00Z = 1725768000.
        let start = local_day_start(Santiago, NaiveDate::from_ymd_opt(2024, 9, 8).unwrap());
        assert_eq!(start, Some(1_725_768_000));
        assert_eq!(
            local_date(Santiago, 1_725_768_000 - 1),
            NaiveDate::from_ymd_opt(2024, 9, 7)
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Local -> UTC never decreases, and is exact wherever the local time exists.
        #[test]
        fn local_to_unix_is_monotone_and_exact(
            zone in proptest::sample::select(vec![
                New_York, Santiago, chrono_tz::Europe::London, chrono_tz::Australia::Sydney,
                chrono_tz::Australia::Lord_Howe,
            ]),
            // 2024 transition dates of these zones (IANA tzdata), +-1 day around each.
            date in proptest::sample::select(vec![
                (2024, 3, 10), (2024, 11, 3), (2024, 3, 31), (2024, 10, 27), (2024, 4, 7),
                (2024, 10, 6), (2024, 4, 6), (2024, 9, 8),
            ]),
            minute in -1440i64..2880,
            step in 0i64..300,
        ) {
            let a = at(date, 0, 0) + chrono::TimeDelta::minutes(minute);
            let b = a + chrono::TimeDelta::minutes(step);
            let (ta, tb) = (local_to_unix(zone, a).unwrap(), local_to_unix(zone, b).unwrap());
            proptest::prop_assert!(ta <= tb, "{a} -> {ta}, {b} -> {tb}");
            let back = local_naive(zone, ta).unwrap();
            proptest::prop_assert!(back >= a);
            if zone.from_local_datetime(&a).earliest().is_some() {
                proptest::prop_assert_eq!(back, a);
            }
        }
    }
}
