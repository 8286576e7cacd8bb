//! Expanding a working-hours rule to UTC availability windows.

use crate::time::check_unix;
use crate::tz::{local_date, local_to_unix};
use crate::{ClockTime, Error, Result, WorkingHoursRule};
use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Weekday};

impl WorkingHoursRule {
    /// The rule's availability within `[from, to)` (unix seconds) as sorted, non-overlapping,
    /// non-adjacent half-open UTC windows `(start, end)`, clipped to the range.
    ///
    /// Each weekly window is expanded on every local date of its weekday within
    /// `effective_from..=effective_to`, then converted to UTC in the rule's zone, so DST is handled
    /// per date. A window whose end is not after its start ends on the next local date. Local times
    /// that do not exist or happen twice are resolved as follows:
    ///
    /// - **spring-forward gap:** a time inside the gap moves forward to the first instant after
    ///   it (02:30 on a US spring-forward day is 03:00 EDT), so `02:30`-`03:15` that day is
    ///   03:00-03:15 EDT and a window wholly inside the gap vanishes;
    /// - **fall-back fold:** a repeated time takes its earlier occurrence (01:30 on a US fall-back
    ///   day is 01:30 EDT), so `00:00`-`03:00` that day lasts four hours.
    ///
    /// This mapping never decreases, so a window is never inverted: it covers exactly the
    /// wall-clock time that exists between its ends. Overlapping or touching windows are merged.
    ///
    /// # Errors
    ///
    /// [`Error::ReversedRange`] if `to < from`, [`Error::OutOfRange`] for instants outside years
    /// 0001-9999, [`Error::UnknownTimeZone`] and [`Error::InvalidClockTime`] for a bad rule.
    ///
    /// # Example
    ///
    /// ```
    /// let rule: wfm_core::WorkingHoursRule = serde_json::from_str(r#"{
    ///     "agent_id": "a1", "timezone": "America/New_York", "effective_from": "2024-01-01",
    ///     "weekly_pattern": [{"day_of_week": "sunday", "start_time": "09:00", "end_time": "17:00"}]}"#)?;
    /// // Sunday 2024-03-10 (spring forward): 09:00-17:00 EDT = 13:00Z-21:00Z.
    /// let from = 1_710_028_800; // 2024-03-10T00:00:00Z
    /// let windows = rule.availability(from, from + 86_400)?;
    /// assert_eq!(windows, vec![(from + 13 * 3600, from + 21 * 3600)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn availability(&self, from: i64, to: i64) -> Result<Vec<(i64, i64)>> {
        if to < from {
            return Err(Error::ReversedRange {
                start: from,
                end: to,
            });
        }
        check_unix(from)?;
        check_unix(to)?;
        let tz = self.time_zone()?;
        let mut pattern: Vec<(Weekday, ClockTime, ClockTime)> = Vec::new();
        for w in &self.weekly_pattern {
            pattern.push((w.day_of_week.to_weekday(), w.start()?, w.end()?));
        }
        if from == to || pattern.is_empty() {
            return Ok(Vec::new());
        }
        let out_of_range = |t: i64| Error::OutOfRange {
            value: t.to_string(),
        };
        // A window starting the day before `from` can reach into the range; one starting after
        // the local date of `to` cannot.
        let first = local_date(tz, from)
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| out_of_range(from))?;
        let last = local_date(tz, to).ok_or_else(|| out_of_range(to))?;
        let first = first.max(self.effective_from);
        let last = self.effective_to.map_or(last, |e| last.min(e));

        let mut windows = Vec::new();
        let mut day = first;
        while day <= last {
            for &(weekday, start, end) in &pattern {
                if day.weekday() != weekday {
                    continue;
                }
                let Some((s, e)) = expand(tz, day, start, end) else {
                    continue;
                };
                let (s, e) = (s.max(from), e.min(to));
                if s < e {
                    windows.push((s, e));
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        Ok(merge(windows))
    }
}

/// The UTC instants of one window starting on local `day`.
fn expand(
    tz: chrono_tz::Tz,
    day: NaiveDate,
    start: ClockTime,
    end: ClockTime,
) -> Option<(i64, i64)> {
    let at = |date: NaiveDate, t: ClockTime| -> Option<i64> {
        // 24:00 is the next day's midnight.
        let (date, minutes) = if t.minutes() == 1440 {
            (date.succ_opt()?, 0)
        } else {
            (date, t.minutes())
        };
        let time = NaiveTime::MIN + TimeDelta::minutes(i64::from(minutes));
        local_to_unix(tz, date.and_time(time))
    };
    let end_day = if end <= start { day.succ_opt()? } else { day };
    Some((at(day, start)?, at(end_day, end)?))
}

/// Sorts and merges overlapping or touching windows.
fn merge(mut windows: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    windows.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(windows.len());
    for (s, e) in windows {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{DayOfWeek, WeeklyWindow, WorkingHoursRule};
    use chrono::{NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;

    /// Unix seconds of a UTC wall time (expected values are derived by hand from each zone's
    /// UTC offsets in the IANA tzdata: EST -5/EDT -4, GMT 0/BST +1, AEST +10/AEDT +11).
    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .timestamp()
    }

    fn rule(tz: &str, windows: &[(DayOfWeek, &str, &str)]) -> WorkingHoursRule {
        WorkingHoursRule {
            id: "r".into(),
            agent_id: "a".into(),
            timezone: tz.into(),
            weekly_pattern: windows
                .iter()
                .map(|&(day_of_week, s, e)| WeeklyWindow {
                    day_of_week,
                    start_time: s.into(),
                    end_time: e.into(),
                })
                .collect(),
            effective_from: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            effective_to: None,
        }
    }

    use DayOfWeek::*;

    #[test]
    fn new_york_spring_forward_day_and_gap_rule() {
        let r = rule(
            "America/New_York",
            &[(Saturday, "09:00", "17:00"), (Sunday, "01:00", "04:00")],
        );
        let got = r
            .availability(utc(2024, 3, 9, 0, 0), utc(2024, 3, 11, 0, 0))
            .unwrap();
        assert_eq!(
            got,
            vec![
                (utc(2024, 3, 9, 14, 0), utc(2024, 3, 9, 22, 0)), // EST
                (utc(2024, 3, 10, 6, 0), utc(2024, 3, 10, 8, 0)), // 01:00 EST - 04:00 EDT: 2 h
            ]
        );
        // A start inside the gap moves to its end: 02:30 -> 03:00 EDT (07:00Z); 03:15 EDT is
        // 07:15Z. A window wholly inside the gap vanishes; an end inside it also moves to 03:00.
        let day = |windows: &[(DayOfWeek, &str, &str)]| {
            rule("America/New_York", windows)
                .availability(utc(2024, 3, 10, 0, 0), utc(2024, 3, 11, 0, 0))
                .unwrap()
        };
        assert_eq!(
            day(&[(Sunday, "02:30", "03:15")]),
            vec![(utc(2024, 3, 10, 7, 0), utc(2024, 3, 10, 7, 15))]
        );
        assert_eq!(day(&[(Sunday, "02:10", "02:50")]), vec![]);
        assert_eq!(
            day(&[(Sunday, "01:00", "02:30")]),
            vec![(utc(2024, 3, 10, 6, 0), utc(2024, 3, 10, 7, 0))]
        );
    }

    #[test]
    fn new_york_fall_back_takes_earliest() {
        // 2024-11-03: 01:30 happens twice; the earlier is EDT (05:30Z). 00:00 EDT = 04:00Z,
        // 03:00 EST = 08:00Z.
        let r = rule(
            "America/New_York",
            &[(Sunday, "00:00", "03:00"), (Sunday, "01:30", "01:45")],
        );
        let got = r
            .availability(utc(2024, 11, 3, 0, 0), utc(2024, 11, 4, 0, 0))
            .unwrap();
        assert_eq!(got, vec![(utc(2024, 11, 3, 4, 0), utc(2024, 11, 3, 8, 0))]);
        let r = rule("America/New_York", &[(Sunday, "01:30", "01:45")]);
        let got = r
            .availability(utc(2024, 11, 3, 0, 0), utc(2024, 11, 4, 0, 0))
            .unwrap();
        assert_eq!(
            got,
            vec![(utc(2024, 11, 3, 5, 30), utc(2024, 11, 3, 5, 45))]
        );
    }

    #[test]
    fn london_fall_back_window_is_25_hours_long_over_the_day() {
        // 2024-10-27 00:00 BST = 2024-10-26T23:00Z; 24:00 GMT = 2024-10-28T00:00Z.
        let r = rule("Europe/London", &[(Sunday, "00:00", "24:00")]);
        let got = r
            .availability(utc(2024, 10, 26, 0, 0), utc(2024, 10, 29, 0, 0))
            .unwrap();
        assert_eq!(
            got,
            vec![(utc(2024, 10, 26, 23, 0), utc(2024, 10, 28, 0, 0))]
        );
        // Spring forward 2024-03-31: 00:00 GMT .. 24:00 BST = 23 h.
        let got = r
            .availability(utc(2024, 3, 30, 0, 0), utc(2024, 4, 2, 0, 0))
            .unwrap();
        assert_eq!(got, vec![(utc(2024, 3, 31, 0, 0), utc(2024, 3, 31, 23, 0))]);
    }

    #[test]
    fn sydney_dst_days() {
        // 2024-10-06 spring forward at 02:00 AEST: 01:00 AEST = 10-05T15:00Z, 04:00 AEDT = 17:00Z.
        let r = rule("Australia/Sydney", &[(Sunday, "01:00", "04:00")]);
        let got = r
            .availability(utc(2024, 10, 5, 0, 0), utc(2024, 10, 7, 0, 0))
            .unwrap();
        assert_eq!(
            got,
            vec![(utc(2024, 10, 5, 15, 0), utc(2024, 10, 5, 17, 0))]
        );
        // 2024-04-07 fall back at 03:00 AEDT: 01:00 AEDT = 04-06T14:00Z, 04:00 AEST = 18:00Z.
        let got = r
            .availability(utc(2024, 4, 6, 0, 0), utc(2024, 4, 8, 0, 0))
            .unwrap();
        assert_eq!(got, vec![(utc(2024, 4, 6, 14, 0), utc(2024, 4, 6, 18, 0))]);
    }

    #[test]
    fn window_crossing_midnight_into_a_dst_day() {
        // Saturday 2024-03-09 22:00 EST (03:00Z Sun) to Sunday 06:00 EDT (10:00Z): 7 h.
        let r = rule("America/New_York", &[(Saturday, "22:00", "06:00")]);
        let got = r
            .availability(utc(2024, 3, 9, 0, 0), utc(2024, 3, 12, 0, 0))
            .unwrap();
        assert_eq!(got, vec![(utc(2024, 3, 10, 3, 0), utc(2024, 3, 10, 10, 0))]);
        // The previous day's night shift reaches into a range that starts after midnight.
        let got = r
            .availability(utc(2024, 3, 10, 5, 0), utc(2024, 3, 10, 6, 0))
            .unwrap();
        assert_eq!(got, vec![(utc(2024, 3, 10, 5, 0), utc(2024, 3, 10, 6, 0))]);
    }

    #[test]
    fn effective_dates_several_windows_and_merging() {
        let mut r = rule(
            "UTC",
            &[
                (Monday, "09:00", "12:00"),
                (Monday, "11:00", "13:00"),
                (Monday, "14:00", "15:00"),
                (Tuesday, "00:00", "00:00"),
                (Wednesday, "09:00", "10:00"),
            ],
        );
        // Week of Monday 2024-01-01; the rule is effective Mon..Tue only.
        r.effective_from = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        r.effective_to = NaiveDate::from_ymd_opt(2024, 1, 2);
        let got = r
            .availability(utc(2023, 12, 25, 0, 0), utc(2024, 1, 8, 0, 0))
            .unwrap();
        assert_eq!(
            got,
            vec![
                (utc(2024, 1, 1, 9, 0), utc(2024, 1, 1, 13, 0)),
                (utc(2024, 1, 1, 14, 0), utc(2024, 1, 1, 15, 0)),
                (utc(2024, 1, 2, 0, 0), utc(2024, 1, 3, 0, 0)), // 00:00-00:00 is 24 h
            ]
        );
    }

    #[test]
    fn errors_are_typed() {
        let r = rule("UTC", &[(Monday, "09:00", "17:00")]);
        assert!(matches!(
            r.availability(10, 5),
            Err(crate::Error::ReversedRange { .. })
        ));
        assert!(matches!(
            r.availability(0, i64::MAX),
            Err(crate::Error::OutOfRange { .. })
        ));
        assert_eq!(r.availability(5, 5), Ok(vec![]));
        let bad = rule("UTC", &[(Monday, "09:00", "17:60")]);
        assert!(matches!(
            bad.availability(0, 10),
            Err(crate::Error::InvalidClockTime { .. })
        ));
        let bad = rule("Nowhere", &[]);
        assert!(matches!(
            bad.availability(0, 10),
            Err(crate::Error::UnknownTimeZone { .. })
        ));
    }

    #[test]
    fn extreme_effective_dates_do_not_panic() {
        let mut r = rule("Pacific/Kiritimati", &[(Monday, "22:00", "06:00")]);
        r.effective_from = NaiveDate::MIN;
        r.effective_to = Some(NaiveDate::MAX);
        let min = crate::time::MIN_UNIX;
        let max = crate::time::MAX_UNIX;
        assert!(r.availability(min, min + 30 * 86_400).is_ok());
        assert!(r.availability(max - 30 * 86_400, max).is_ok());
        r.effective_from = NaiveDate::MAX;
        assert_eq!(r.availability(min, min + 86_400), Ok(vec![]));
    }

    fn window_strategy() -> impl Strategy<Value = (DayOfWeek, String, String)> {
        let day = prop::sample::select(vec![
            Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
        ]);
        let clock = (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45]))
            .prop_map(|(h, m)| format!("{h:02}:{m:02}"));
        (day, clock.clone(), clock)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn windows_are_sorted_disjoint_and_inside_the_range(
            windows in prop::collection::vec(window_strategy(), 0..8),
            zone in prop::sample::select(vec!["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kathmandu", "America/Santiago"]),
            from in 1_700_000_000i64..1_800_000_000,
            span in 0i64..(60 * 86_400),
        ) {
            let mut r = rule(zone, &[]);
            r.weekly_pattern = windows
                .into_iter()
                .map(|(day_of_week, start_time, end_time)| WeeklyWindow { day_of_week, start_time, end_time })
                .collect();
            let to = from + span;
            let got = r.availability(from, to)?;
            for (k, &(s, e)) in got.iter().enumerate() {
                prop_assert!(from <= s && s < e && e <= to, "({s}, {e}) outside [{from}, {to})");
                if k > 0 {
                    prop_assert!(got[k - 1].1 < s, "windows overlap or touch");
                }
            }
        }
    }
}
