//! Time values: range checks, parsing, and the half-open [`Window`].

use crate::error::{Error, Result};

/// The earliest accepted time: 1970-01-01T00:00:00Z.
pub const MIN_TIME: i64 = 0;
/// The latest accepted time: 9999-12-31T23:59:59Z.
pub const MAX_TIME: i64 = 253_402_300_799;

/// Checks that `value` lies in `MIN_TIME..=MAX_TIME`.
pub(crate) fn check_time(field: &'static str, value: i64) -> Result<i64> {
    if (MIN_TIME..=MAX_TIME).contains(&value) {
        Ok(value)
    } else {
        Err(Error::TimeOutOfRange { field, value })
    }
}

/// Parses a time given as integer unix seconds or as RFC 3339, and range-checks it.
///
/// # Errors
///
/// Returns [`Error::InvalidTime`] for text that is neither, and [`Error::TimeOutOfRange`] for
/// times outside years 1970 to 9999.
///
/// # Example
///
/// ```
/// use wfm_adherence::parse_time;
/// assert_eq!(parse_time("start", "1700000000")?, 1_700_000_000);
/// assert_eq!(parse_time("start", "2023-11-14T22:13:20Z")?, 1_700_000_000);
/// assert!(parse_time("start", "253402300800").is_err()); // year 10,000
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
pub fn parse_time(field: &'static str, text: &str) -> Result<i64> {
    // wfm-core does the parsing; this crate's narrower range (1970 to 9999) and typed error
    // naming the field are applied on top.
    match wfm_core::time::parse_instant(text) {
        Ok(v) => check_time(field, v),
        Err(_) => match text.trim().parse::<i64>() {
            Ok(v) => check_time(field, v),
            Err(_) => Err(Error::InvalidTime {
                field,
                text: text.to_owned(),
            }),
        },
    }
}

/// A half-open time window `[start, end)` in unix seconds, with `start < end`.
///
/// # Example
///
/// ```
/// use wfm_adherence::Window;
/// let w = Window::new(0, 86_400)?;
/// assert_eq!((w.start(), w.end(), w.len()), (0, 86_400, 86_400));
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    start: i64,
    end: i64,
}

impl Window {
    /// Creates a window, checking both ends.
    ///
    /// # Errors
    ///
    /// [`Error::TimeOutOfRange`] for either end outside years 1970 to 9999,
    /// [`Error::EndBeforeStart`] if `end < start`, [`Error::EmptyWindow`] if they are equal.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{Error, Window};
    /// assert_eq!(Window::new(5, 5), Err(Error::EmptyWindow { start: 5, end: 5 }));
    /// ```
    pub fn new(start: i64, end: i64) -> Result<Self> {
        check_time("window start", start)?;
        check_time("window end", end)?;
        if end < start {
            return Err(Error::EndBeforeStart { start, end });
        }
        if end == start {
            return Err(Error::EmptyWindow { start, end });
        }
        Ok(Self { start, end })
    }

    /// The first second inside the window.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_adherence::Window::new(3, 9)?.start(), 3);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn start(&self) -> i64 {
        self.start
    }

    /// The first second after the window.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_adherence::Window::new(3, 9)?.end(), 9);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn end(&self) -> i64 {
        self.end
    }

    /// The window's length in seconds (always positive).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_adherence::Window::new(3, 9)?.len(), 6);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    #[expect(clippy::len_without_is_empty, reason = "a window is never empty")]
    pub fn len(&self) -> i64 {
        self.end - self.start
    }

    /// The end of what can be measured: `min(end, now)` (never before `start`).
    ///
    /// # Example
    ///
    /// ```
    /// let w = wfm_adherence::Window::new(0, 100)?;
    /// assert_eq!(w.horizon(Some(40)), 40);
    /// assert_eq!(w.horizon(None), 100);
    /// assert_eq!(w.horizon(Some(-7)), 0);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn horizon(&self, now: Option<i64>) -> i64 {
        now.map_or(self.end, |n| n.clamp(self.start, self.end))
    }
}
