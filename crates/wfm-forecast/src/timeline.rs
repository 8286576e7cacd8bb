//! The time axis of a series: UTC start, interval length, local zone and calendar.

use std::ops::Range;

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{Calendar, DayKind, Error, Result};

/// Number of intervals in `weeks` weeks of `slots_per_day` slots (saturating).
pub(crate) fn weeks_to_intervals(weeks: usize, slots_per_day: usize) -> usize {
    weeks.saturating_mul(7).saturating_mul(slots_per_day)
}

/// Longest forecast horizon accepted: ten years of intervals.
pub(crate) fn max_horizon(slots_per_day: usize) -> usize {
    3660 * slots_per_day
}

/// Calendar facts about one interval, in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// Local day index counted from the local date of the timeline start.
    pub(crate) day: u32,
    /// Slot of the local day: local minute of day / interval minutes.
    pub(crate) slot: u16,
    /// Local weekday, 0 = Monday.
    pub(crate) dow: u8,
    /// Kind of the local day.
    pub(crate) kind: DayKind,
    /// Local day of month, 1..=31.
    pub(crate) dom: u8,
}

impl Slot {
    /// Interval-of-week key in `0..7 * slots_per_day`.
    pub(crate) fn week_key(self, slots_per_day: usize) -> usize {
        usize::from(self.dow) * slots_per_day + usize::from(self.slot)
    }
}

/// The time axis of an interval series: UTC start, interval length, local time zone
/// and holiday calendar. Interval `i` starts at `start + i * interval_minutes`.
///
/// Local days follow the zone, so DST days have 23 or 25 hours of intervals.
///
/// # Example
///
/// ```
/// use wfm_forecast::Timeline;
/// // 2024-03-04 00:00 UTC is a Monday.
/// let t = Timeline::new(1_709_510_400, 30)?.with_tz(chrono_tz::Europe::Paris);
/// assert_eq!(t.slots_per_day(), 48);
/// assert_eq!(t.interval_start(2)?.timestamp(), 1_709_510_400 + 3600);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    start: i64,
    interval_minutes: u32,
    tz: Tz,
    calendar: Calendar,
}

impl Timeline {
    /// A timeline starting at `start` (UTC unix seconds) with `interval_minutes`
    /// per interval, in UTC with an empty calendar.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidIntervalMinutes`] unless the length divides 1440 and lies in 5..=60;
    /// [`Error::TimestampOutOfRange`] if `start` is not representable.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_forecast::Timeline::new(0, 15)?;
    /// assert_eq!(t.interval_minutes(), 15);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(start: i64, interval_minutes: u32) -> Result<Self> {
        if !(5..=60).contains(&interval_minutes) || 1440 % interval_minutes != 0 {
            return Err(Error::InvalidIntervalMinutes {
                minutes: interval_minutes,
            });
        }
        DateTime::<Utc>::from_timestamp(start, 0)
            .ok_or(Error::TimestampOutOfRange { seconds: start })?;
        Ok(Self {
            start,
            interval_minutes,
            tz: Tz::UTC,
            calendar: Calendar::new(),
        })
    }

    /// Sets the local time zone used for days, weekdays and slots.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_forecast::Timeline::new(0, 30)?.with_tz(chrono_tz::Asia::Jerusalem);
    /// assert_eq!(t.tz(), chrono_tz::Asia::Jerusalem);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with_tz(mut self, tz: Tz) -> Self {
        self.tz = tz;
        self
    }

    /// Sets the holiday calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Calendar, Timeline};
    /// let t = Timeline::new(0, 30)?.with_calendar(Calendar::new());
    /// assert!(t.calendar().is_empty());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.calendar = calendar;
        self
    }

    /// Start of interval 0, UTC unix seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Timeline::new(86_400, 30)?.start(), 86_400);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn start(&self) -> i64 {
        self.start
    }

    /// Interval length in minutes.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Timeline::new(0, 60)?.interval_minutes(), 60);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn interval_minutes(&self) -> u32 {
        self.interval_minutes
    }

    /// Number of slots in a 24-hour local day (`1440 / interval_minutes`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Timeline::new(0, 5)?.slots_per_day(), 288);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn slots_per_day(&self) -> usize {
        (1440 / self.interval_minutes) as usize
    }

    /// The local time zone.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Timeline::new(0, 30)?.tz(), chrono_tz::UTC);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The holiday calendar.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Timeline::new(0, 30)?.calendar().len(), 0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Start of interval `index` as a UTC instant.
    ///
    /// # Errors
    ///
    /// [`Error::TimestampOutOfRange`] if the instant is not representable.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_forecast::Timeline::new(0, 30)?;
    /// assert_eq!(t.interval_start(3)?.timestamp(), 5400);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn interval_start(&self, index: usize) -> Result<DateTime<Utc>> {
        let seconds = self.seconds(index)?;
        DateTime::<Utc>::from_timestamp(seconds, 0).ok_or(Error::TimestampOutOfRange { seconds })
    }

    /// Local date of interval `index`.
    ///
    /// # Errors
    ///
    /// [`Error::TimestampOutOfRange`] if the instant is not representable.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_forecast::Timeline::new(0, 60)?;
    /// assert_eq!(t.local_date(25)?.to_string(), "1970-01-02");
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn local_date(&self, index: usize) -> Result<NaiveDate> {
        Ok(self
            .interval_start(index)?
            .with_timezone(&self.tz)
            .date_naive())
    }

    /// UTC unix seconds at the start of interval `index`.
    fn seconds(&self, index: usize) -> Result<i64> {
        i64::try_from(index)
            .ok()
            .and_then(|i| i.checked_mul(i64::from(self.interval_minutes) * 60))
            .and_then(|s| s.checked_add(self.start))
            .ok_or(Error::TimestampOutOfRange {
                seconds: self.start,
            })
    }

    /// Local time minus UTC, in seconds, at UTC unix second `seconds`.
    fn utc_offset(&self, seconds: i64) -> Result<i64> {
        let utc = DateTime::<Utc>::from_timestamp(seconds, 0)
            .ok_or(Error::TimestampOutOfRange { seconds })?;
        Ok(i64::from(
            self.tz
                .offset_from_utc_datetime(&utc.naive_utc())
                .fix()
                .local_minus_utc(),
        ))
    }

    /// Calendar facts for intervals in `range`.
    ///
    /// The zone's UTC offset is looked up at both ends of each 24-hour chunk of intervals
    /// and per interval only in a chunk where it changes (zones change offset at most once
    /// a day), so the local clock of a year of intervals costs a few hundred zone lookups.
    ///
    /// # Errors
    ///
    /// [`Error::TimestampOutOfRange`] if an instant is not representable.
    pub(crate) fn slots(&self, range: Range<usize>) -> Result<Vec<Slot>> {
        const DAY: i64 = 86_400;
        let first = self.seconds(0)?;
        let origin = (first + self.utc_offset(first)?).div_euclid(DAY);
        let mut out = Vec::with_capacity(range.len());
        // (local day number, day index, weekday, kind, day of month)
        let mut cached: Option<(i64, u32, u8, DayKind, u8)> = None;
        let mut i = range.start;
        while i < range.end {
            let chunk_end = range.end.min(i.saturating_add(self.slots_per_day()));
            let (a, b) = (self.seconds(i)?, self.seconds(chunk_end - 1)?);
            let offset = self.utc_offset(a)?;
            let uniform = offset == self.utc_offset(b)?;
            let step = usize::try_from(self.interval_minutes).unwrap_or(60) * 60;
            // The instants between `a` and `b`, both representable.
            for utc in (a..=b).step_by(step) {
                let offset = if uniform {
                    offset
                } else {
                    self.utc_offset(utc)?
                };
                let local = utc
                    .checked_add(offset)
                    .ok_or(Error::TimestampOutOfRange { seconds: utc })?;
                let number = local.div_euclid(DAY);
                let (day, dow, kind, dom) = match cached {
                    Some((n, day, dow, kind, dom)) if n == number => (day, dow, kind, dom),
                    _ => {
                        let date = DateTime::<Utc>::from_timestamp(number * DAY, 0)
                            .ok_or(Error::TimestampOutOfRange { seconds: utc })?
                            .date_naive();
                        let day = u32::try_from((number - origin).max(0)).unwrap_or(u32::MAX);
                        let dow = u8::try_from(date.weekday().num_days_from_monday()).unwrap_or(0);
                        let kind = self.calendar.kind(date);
                        let dom = u8::try_from(date.day()).unwrap_or(1);
                        cached = Some((number, day, dow, kind, dom));
                        (day, dow, kind, dom)
                    }
                };
                let minute = local.rem_euclid(DAY) / 60;
                let slot = u16::try_from(minute / i64::from(self.interval_minutes)).unwrap_or(0);
                out.push(Slot {
                    day,
                    slot,
                    dow,
                    kind,
                    dom,
                });
            }
            i = chunk_end;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dst_day_has_23_hours_of_slots() -> Result<()> {
        // 2024-03-31 is the spring-forward day in Europe/Paris (02:00 -> 03:00).
        // 2024-03-30 23:00 UTC = 2024-03-31 00:00 CET.
        let t = Timeline::new(1_711_839_600, 60)?.with_tz(chrono_tz::Europe::Paris);
        let slots = t.slots(0..48)?;
        let first_day = slots.iter().filter(|s| s.day == 0).count();
        assert_eq!(first_day, 23);
        assert!(slots.iter().all(|s| s.day != 0 || s.slot != 2));
        assert_eq!(slots[0].dow, 6);
        Ok(())
    }

    #[test]
    fn fall_back_day_has_25_hours() -> Result<()> {
        // 2024-10-27 00:00 CEST = 2024-10-26 22:00 UTC.
        let t = Timeline::new(1_729_980_000, 60)?.with_tz(chrono_tz::Europe::Paris);
        let slots = t.slots(0..50)?;
        assert_eq!(slots.iter().filter(|s| s.day == 0).count(), 25);
        Ok(())
    }

    /// The chunked offset lookup gives the same slots as converting every instant with
    /// chrono-tz (the independent reference), across DST changes of one hour (Paris, New
    /// York, Sydney) and half an hour (Lord Howe), and a zone with a 45-minute offset.
    #[test]
    fn slots_match_per_instant_conversion() -> Result<()> {
        use chrono::Timelike;
        let zones = [
            chrono_tz::Europe::Paris,
            chrono_tz::America::New_York,
            chrono_tz::Australia::Sydney,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Asia::Kathmandu,
        ];
        for tz in zones {
            for minutes in [15u32, 60] {
                // 2024-01-01 00:00 UTC, a year and a bit.
                let t = Timeline::new(1_704_067_200, minutes)?.with_tz(tz);
                let n = 400 * t.slots_per_day();
                let slots = t.slots(0..n)?;
                let origin = t.local_date(0)?;
                for (i, s) in slots.iter().enumerate() {
                    let local = t.interval_start(i)?.with_timezone(&tz);
                    let date = local.date_naive();
                    let minute = local.hour() * 60 + local.minute();
                    assert_eq!(i64::from(s.day), (date - origin).num_days(), "{tz} {i}");
                    assert_eq!(u32::from(s.slot), minute / minutes, "{tz} {i}");
                    assert_eq!(u32::from(s.dow), date.weekday().num_days_from_monday());
                    assert_eq!(u32::from(s.dom), date.day());
                }
            }
        }
        Ok(())
    }

    #[test]
    fn rejects_odd_interval() {
        assert!(Timeline::new(0, 7).is_err());
        assert!(Timeline::new(0, 90).is_err());
        assert!(Timeline::new(0, 0).is_err());
    }
}
