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

/// Converts a local wall-clock time to unix seconds with the "compatible" rule used by RFC 5545,
/// `java.time` and jiff: a time in a spring-forward gap is read with the offset in force before the
/// gap (so it lands as far past the gap's end as it was past its start); an ambiguous time in a
/// fall-back fold takes the earlier instant. `None` only outside chrono's range.
pub(crate) fn local_to_unix(tz: Tz, local: NaiveDateTime) -> Option<i64> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.timestamp()),
        LocalResult::Ambiguous(earliest, _) => Some(earliest.timestamp()),
        LocalResult::None => {
            // The offset before the gap: read at an instant safely before it (gaps are < 1 day and
            // transitions are months apart).
            let probe = local.checked_sub_signed(chrono::TimeDelta::hours(30))?;
            let before = tz.offset_from_utc_datetime(&probe).fix();
            Some(local.and_utc().timestamp() - i64::from(before.local_minus_utc()))
        }
    }
}

/// The first instant (unix seconds) whose local date in `tz` is `date` or later: local midnight,
/// the earlier one if midnight repeats, or the end of the gap if midnight is skipped.
pub(crate) fn local_day_start(tz: Tz, date: NaiveDate) -> Option<i64> {
    let midnight = date.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) => Some(t.timestamp()),
        LocalResult::Ambiguous(earliest, _) => Some(earliest.timestamp()),
        LocalResult::None => {
            // Midnight is skipped; the day starts at the transition. The compatible reading of
            // midnight is at or after it and at most a day later: binary-search for the first
            // instant whose local date is `date`.
            let upper = local_to_unix(tz, midnight)?;
            let (mut lo, mut hi) = (upper - 86_400, upper);
            while lo + 1 < hi {
                let mid = lo + (hi - lo) / 2;
                if local_date(tz, mid)? >= date {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            Some(hi)
        }
    }
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
    fn gap_times_shift_forward_by_the_gap() {
        // 2024-03-10 02:30 does not exist in New York; compatible reading = 03:30 EDT = 07:30Z.
        // 2024-03-10T07:30:00Z = 1710055800.
        assert_eq!(
            local_to_unix(New_York, at((2024, 3, 10), 2, 30)),
            Some(1_710_055_800)
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
}
