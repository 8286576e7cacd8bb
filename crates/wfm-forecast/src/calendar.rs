//! Holiday and event calendars: local dates with a kind.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::{Error, Result};

/// What kind of day a local date is. Ordinary days are [`DayKind::Normal`].
///
/// # Example
///
/// ```
/// use wfm_forecast::DayKind;
/// let kind: DayKind = "eve".parse()?;
/// assert_eq!(kind, DayKind::Eve);
/// assert!(DayKind::Holiday.is_special());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum DayKind {
    /// An ordinary day.
    #[default]
    Normal,
    /// A public holiday: volume and intraday shape learned from past holidays.
    Holiday,
    /// The day before a holiday.
    Eve,
    /// The centre is closed: the forecast is zero all day.
    Closed,
    /// Some other event with its own learned effect.
    Event,
}

impl DayKind {
    /// Number of kinds (for dense per-kind tables).
    pub(crate) const COUNT: usize = 5;

    /// Dense index of the kind.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Whether the day is not ordinary.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!wfm_forecast::DayKind::Normal.is_special());
    /// ```
    #[must_use]
    pub fn is_special(self) -> bool {
        self != Self::Normal
    }
}

impl FromStr for DayKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "normal" => Ok(Self::Normal),
            "holiday" => Ok(Self::Holiday),
            "eve" => Ok(Self::Eve),
            "closed" => Ok(Self::Closed),
            "event" => Ok(Self::Event),
            _ => Err(Error::UnknownDayKind { kind: s.to_owned() }),
        }
    }
}

/// A calendar of special local dates (holidays, eves, closures, events).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use wfm_forecast::{Calendar, DayKind};
/// let date = NaiveDate::from_ymd_opt(1999, 9, 20).ok_or("bad date")?;
/// let calendar = Calendar::new().with_day(date, DayKind::Holiday);
/// assert_eq!(calendar.kind(date), DayKind::Holiday);
/// assert_eq!(calendar.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl Calendar {
    /// An empty calendar: every day is normal.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_forecast::Calendar::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `date` as `kind` (replacing an earlier mark).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_forecast::{Calendar, DayKind};
    /// let d = NaiveDate::from_ymd_opt(2024, 12, 25).ok_or("bad date")?;
    /// assert_eq!(Calendar::new().with_day(d, DayKind::Closed).kind(d), DayKind::Closed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_day(mut self, date: NaiveDate, kind: DayKind) -> Self {
        self.insert(date, kind);
        self
    }

    /// Marks `date` as `kind` in place.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_forecast::{Calendar, DayKind};
    /// let mut cal = Calendar::new();
    /// let d = NaiveDate::from_ymd_opt(2024, 12, 24).ok_or("bad date")?;
    /// cal.insert(d, DayKind::Eve);
    /// assert_eq!(cal.kind(d), DayKind::Eve);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&mut self, date: NaiveDate, kind: DayKind) {
        if kind == DayKind::Normal {
            self.days.remove(&date);
        } else {
            self.days.insert(date, kind);
        }
    }

    /// The kind of `date` ([`DayKind::Normal`] when unmarked).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("bad date")?;
    /// assert_eq!(wfm_forecast::Calendar::new().kind(d), wfm_forecast::DayKind::Normal);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self, date: NaiveDate) -> DayKind {
        self.days.get(&date).copied().unwrap_or_default()
    }

    /// Number of marked dates.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Calendar::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.days.len()
    }

    /// Whether no date is marked.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_forecast::Calendar::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Parses `date,kind[,name]` CSV text (header line optional, `#` comments and blank
    /// lines skipped). Kinds: holiday, eve, closed, event (or normal).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCalendarLine`] naming the 1-based line, or [`Error::UnknownDayKind`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_forecast::{Calendar, DayKind};
    /// let cal = Calendar::parse_csv("date,kind,name\n1999-09-20,holiday,Yom Kippur\n")?;
    /// let d = NaiveDate::from_ymd_opt(1999, 9, 20).ok_or("bad date")?;
    /// assert_eq!(cal.kind(d), DayKind::Holiday);
    /// assert!(Calendar::parse_csv("1999-13-01,holiday").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_csv(text: &str) -> Result<Self> {
        let mut calendar = Self::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("date")) {
                continue;
            }
            let mut fields = line.split(',');
            let bad = || Error::InvalidCalendarLine {
                line: i + 1,
                text: raw.to_owned(),
            };
            let date = fields
                .next()
                .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
                .ok_or_else(bad)?;
            let kind: DayKind = fields.next().ok_or_else(bad)?.parse()?;
            calendar.insert(date, kind);
        }
        Ok(calendar)
    }

    /// Iterates over the marked dates in order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_forecast::{Calendar, DayKind};
    /// let d = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("bad date")?;
    /// let cal = Calendar::new().with_day(d, DayKind::Holiday);
    /// assert_eq!(cal.iter().next(), Some((d, DayKind::Holiday)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (NaiveDate, DayKind)> + '_ {
        self.days.iter().map(|(d, k)| (*d, *k))
    }
}
