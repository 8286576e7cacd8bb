//! Working-hours rules: weekly local wall-clock windows in an IANA zone, with effective dates.

use super::problem::{Checks, ProblemKind};
use crate::{AgentId, Error, Problem, Record, Result};
use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A day of the week, written `monday` ... `sunday` (case-insensitive; `mon` ... `sun` accepted).
///
/// # Example
///
/// ```
/// use wfm_core::DayOfWeek;
/// let d: DayOfWeek = serde_json::from_str("\"Tue\"")?;
/// assert_eq!(d, DayOfWeek::Tuesday);
/// assert_eq!(serde_json::to_string(&d)?, "\"tuesday\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayOfWeek {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl DayOfWeek {
    /// The seven days, Monday first.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_core::DayOfWeek;
    /// assert_eq!(DayOfWeek::ALL.len(), 7);
    /// assert_eq!(DayOfWeek::ALL[6], DayOfWeek::Sunday);
    /// ```
    pub const ALL: [DayOfWeek; 7] = [
        DayOfWeek::Monday,
        DayOfWeek::Tuesday,
        DayOfWeek::Wednesday,
        DayOfWeek::Thursday,
        DayOfWeek::Friday,
        DayOfWeek::Saturday,
        DayOfWeek::Sunday,
    ];

    /// The chrono weekday.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::DayOfWeek::Sunday.to_weekday(), chrono::Weekday::Sun);
    /// ```
    #[must_use]
    pub fn to_weekday(self) -> Weekday {
        match self {
            DayOfWeek::Monday => Weekday::Mon,
            DayOfWeek::Tuesday => Weekday::Tue,
            DayOfWeek::Wednesday => Weekday::Wed,
            DayOfWeek::Thursday => Weekday::Thu,
            DayOfWeek::Friday => Weekday::Fri,
            DayOfWeek::Saturday => Weekday::Sat,
            DayOfWeek::Sunday => Weekday::Sun,
        }
    }
}

impl FromStr for DayOfWeek {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.trim().to_ascii_lowercase();
        DayOfWeek::ALL
            .into_iter()
            .find(|d| {
                let name = format!("{:?}", d.to_weekday()).to_ascii_lowercase();
                let full = serde_json::to_value(d).ok();
                lower == name || full.as_ref().and_then(|v| v.as_str()) == Some(lower.as_str())
            })
            .ok_or_else(|| format!("unknown day of week {s:?}, expected monday..sunday"))
    }
}

impl<'de> Deserialize<'de> for DayOfWeek {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A local wall-clock time `HH:MM` from `00:00` to `24:00` (the latter only as a window end).
///
/// # Example
///
/// ```
/// let t: wfm_core::ClockTime = "09:30".parse()?;
/// assert_eq!(t.minutes(), 570);
/// assert_eq!(t.to_string(), "09:30");
/// assert!("9:60".parse::<wfm_core::ClockTime>().is_err());
/// # Ok::<(), wfm_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// Minutes since local midnight, `0..=1440`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!("24:00".parse::<wfm_core::ClockTime>()?.minutes(), 1440);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    /// The time as a chrono `NaiveTime`, or `None` for `24:00`.
    ///
    /// # Example
    ///
    /// ```
    /// let t: wfm_core::ClockTime = "17:05".parse()?;
    /// assert_eq!(t.to_naive_time(), chrono::NaiveTime::from_hms_opt(17, 5, 0));
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn to_naive_time(self) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(self.minutes() / 60, self.minutes() % 60, 0)
    }
}

impl FromStr for ClockTime {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::InvalidClockTime {
            value: s.to_owned(),
        };
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        let digits =
            |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || m.len() != 2 || !digits(m) {
            return Err(bad());
        }
        let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return Err(bad());
        }
        Ok(ClockTime(h * 60 + m))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// One weekly window: `start_time`..`end_time` local on `day_of_week`. If `end_time <= start_time`
/// the window ends on the next day (`22:00`-`06:00` is a night shift; `08:00`-`08:00` is 24 hours).
///
/// Times are kept as written so [`Record::validate`] can report every bad one; [`WeeklyWindow::start`]
/// and [`WeeklyWindow::end`] parse them.
///
/// # Example
///
/// ```
/// let w: wfm_core::WeeklyWindow = serde_json::from_str(
///     r#"{"day_of_week": "friday", "start_time": "22:00", "end_time": "06:00"}"#,
/// )?;
/// assert_eq!(w.start()?.minutes(), 1320);
/// assert!(w.crosses_midnight()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyWindow {
    /// The local day the window starts on.
    pub day_of_week: DayOfWeek,
    /// Local start, `HH:MM`.
    pub start_time: String,
    /// Local end, `HH:MM` (`24:00` allowed).
    pub end_time: String,
}

impl WeeklyWindow {
    /// The parsed start; `24:00` is rejected as a start.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidClockTime`] naming the text.
    ///
    /// # Example
    ///
    /// ```
    /// let w: wfm_core::WeeklyWindow = serde_json::from_str(
    ///     r#"{"day_of_week": "monday", "start_time": "24:00", "end_time": "08:00"}"#,
    /// )?;
    /// assert!(w.start().is_err());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn start(&self) -> Result<ClockTime> {
        let t: ClockTime = self.start_time.parse()?;
        if t.minutes() == 1440 {
            return Err(Error::InvalidClockTime {
                value: self.start_time.clone(),
            });
        }
        Ok(t)
    }

    /// The parsed end.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidClockTime`] naming the text.
    ///
    /// # Example
    ///
    /// ```
    /// let w: wfm_core::WeeklyWindow = serde_json::from_str(
    ///     r#"{"day_of_week": "monday", "start_time": "08:00", "end_time": "24:00"}"#,
    /// )?;
    /// assert_eq!(w.end()?.minutes(), 1440);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> Result<ClockTime> {
        self.end_time.parse()
    }

    /// Whether the window ends on the next local day (`end <= start`).
    ///
    /// # Errors
    ///
    /// As [`WeeklyWindow::start`] and [`WeeklyWindow::end`].
    ///
    /// # Example
    ///
    /// ```
    /// let w: wfm_core::WeeklyWindow = serde_json::from_str(
    ///     r#"{"day_of_week": "monday", "start_time": "09:00", "end_time": "17:00"}"#,
    /// )?;
    /// assert!(!w.crosses_midnight()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn crosses_midnight(&self) -> Result<bool> {
        Ok(self.end()? <= self.start()?)
    }
}

/// An agent's working-hours rule (`/scheduling_rules/working_hours`): weekly local windows in
/// `timezone`, effective on local dates `effective_from..=effective_to` (open-ended if `None`).
/// A window belongs to the date it starts on. See [`WorkingHoursRule::availability`] for the UTC
/// expansion.
///
/// # Example
///
/// ```
/// use wfm_core::{Record, WorkingHoursRule};
/// let rule: WorkingHoursRule = serde_json::from_str(r#"{
///     "id": "wh1", "agent_id": "a1", "timezone": "America/Chicago",
///     "weekly_pattern": [{"day_of_week": "monday", "start_time": "09:00", "end_time": "17:00"}],
///     "effective_from": "2024-01-01", "effective_to": null}"#)?;
/// assert!(rule.validate().is_empty());
/// assert_eq!(rule.time_zone()?, chrono_tz::America::Chicago);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkingHoursRule {
    /// Rule id.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    pub id: String,
    /// The agent.
    pub agent_id: AgentId,
    /// IANA time zone of the wall-clock times.
    pub timezone: String,
    /// Weekly windows; several per day allowed.
    #[serde(default, deserialize_with = "crate::lenient::list")]
    pub weekly_pattern: Vec<WeeklyWindow>,
    /// First local date the rule applies to.
    pub effective_from: NaiveDate,
    /// Last local date the rule applies to (inclusive); `None` means open-ended.
    #[serde(default)]
    pub effective_to: Option<NaiveDate>,
}

impl WorkingHoursRule {
    /// The parsed time zone.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownTimeZone`] naming the text.
    ///
    /// # Example
    ///
    /// ```
    /// let rule = wfm_core::WorkingHoursRule { timezone: "Nowhere".into(), ..Default::default() };
    /// assert!(rule.time_zone().is_err());
    /// ```
    pub fn time_zone(&self) -> Result<chrono_tz::Tz> {
        crate::parse_time_zone(&self.timezone)
    }
}

impl Record for WorkingHoursRule {
    const KIND: &'static str = "working-hours";
    const COLLECTION_KEYS: &'static [&'static str] =
        &["working_hours", "rules", "working_hours_rules"];
    const ID_FIELD: Option<&'static str> = Some("id");

    fn validate(&self) -> Vec<Problem> {
        let mut c = Checks::default();
        c.non_empty("agent_id", self.agent_id.as_str());
        c.time_zone("timezone", &self.timezone);
        for (i, w) in self.weekly_pattern.iter().enumerate() {
            if w.start().is_err() {
                c.push(
                    format!("weekly_pattern[{i}].start_time"),
                    &w.start_time,
                    ProblemKind::InvalidClockTime,
                );
            }
            if w.end().is_err() {
                c.push(
                    format!("weekly_pattern[{i}].end_time"),
                    &w.end_time,
                    ProblemKind::InvalidClockTime,
                );
            }
        }
        if let Some(to) = self.effective_to.filter(|to| *to < self.effective_from) {
            c.push(
                "effective_to",
                to,
                ProblemKind::EndNotAfterStart {
                    start_field: "effective_from",
                    start: self.effective_from.to_string(),
                    allow_equal: true,
                },
            );
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        for ok in ["00:00", "9:05", "23:59", "24:00"] {
            assert!(ok.parse::<ClockTime>().is_ok(), "{ok}");
        }
        for bad in [
            "", "24:01", "12:60", "1200", "12:5", "-1:00", "+1:00", "12:00:00", "aa:bb", "123:00",
        ] {
            assert!(bad.parse::<ClockTime>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_bad_field_is_reported() {
        let rule: WorkingHoursRule = serde_json::from_str(
            r#"{"agent_id": "a", "timezone": "Nowhere/Town",
                "weekly_pattern": [{"day_of_week": "mon", "start_time": "25:00", "end_time": "9"},
                                   {"day_of_week": "SUNDAY", "start_time": "08:00", "end_time": "16:00"}],
                "effective_from": "2024-05-01", "effective_to": "2024-04-01"}"#,
        )
        .unwrap();
        let fields: Vec<_> = rule.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "timezone",
                "weekly_pattern[0].start_time",
                "weekly_pattern[0].end_time",
                "effective_to"
            ]
        );
    }

    #[test]
    fn unknown_day_names_the_value() {
        let err = serde_json::from_str::<DayOfWeek>("\"funday\"").unwrap_err();
        assert!(err.to_string().contains("\"funday\""), "{err}");
    }
}
