//! `IntervalGrid`: a run of equal-length UTC intervals.

use crate::time::{MAX_UNIX, MIN_UNIX, check_unix};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use std::ops::Range;

/// A run of `len` consecutive half-open intervals of `interval_minutes` minutes, starting at a UTC
/// instant.
///
/// Interval `i` covers `[start + i * step, start + (i + 1) * step)`. The interval length divides a
/// day (5, 6, 10, 15, 30, 60, ... 1440 minutes). The start need not be aligned to anything; grids
/// built with [`IntervalGrid::for_local_dates`] start at a local midnight. Construction checks that
/// the whole grid lies in the supported range (years 0001-9999), so no accessor can overflow.
///
/// # Example
///
/// ```
/// use wfm_core::IntervalGrid;
/// // 2024-01-01T00:00:00Z, 96 quarter-hours.
/// let grid = IntervalGrid::from_unix(1_704_067_200, 15, 96)?;
/// assert_eq!(grid.interval_seconds(), 900);
/// assert_eq!(grid.end_unix(), 1_704_067_200 + 86_400);
/// assert_eq!(grid.index_of_unix(1_704_067_200 + 901), Some(1));
/// # Ok::<(), wfm_core::Error>(())
/// ```
///
/// Serialized as `{"start": <unix seconds>, "interval_minutes": m, "len": n}`; deserializing
/// accepts an RFC 3339 `start` too and checks the grid like [`IntervalGrid::from_unix`].
///
/// ```
/// let grid: wfm_core::IntervalGrid = serde_json::from_str(
///     r#"{"start": "2024-01-01T00:00:00Z", "interval_minutes": 30, "len": 48}"#,
/// )?;
/// assert_eq!(serde_json::to_string(&grid)?, r#"{"start":1704067200,"interval_minutes":30,"len":48}"#);
/// assert!(serde_json::from_str::<wfm_core::IntervalGrid>(
///     r#"{"start": 0, "interval_minutes": 7, "len": 1}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "GridRepr", into = "GridRepr")]
pub struct IntervalGrid {
    start: i64,
    interval_minutes: u32,
    len: usize,
}

/// The wire form of a grid.
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GridRepr {
    #[serde(deserialize_with = "crate::time::deserialize_instant")]
    start: i64,
    interval_minutes: u32,
    len: usize,
}

impl TryFrom<GridRepr> for IntervalGrid {
    type Error = Error;

    fn try_from(r: GridRepr) -> Result<Self> {
        IntervalGrid::from_unix(r.start, r.interval_minutes, r.len)
    }
}

impl From<IntervalGrid> for GridRepr {
    fn from(g: IntervalGrid) -> Self {
        GridRepr {
            start: g.start,
            interval_minutes: g.interval_minutes,
            len: g.len,
        }
    }
}

/// Checks an interval length: 1..=1440 minutes, dividing 1440.
pub(crate) fn check_interval_minutes(minutes: u32) -> Result<u32> {
    if (1..=1440).contains(&minutes) && 1440 % minutes == 0 {
        Ok(minutes)
    } else {
        Err(Error::InvalidIntervalMinutes { minutes })
    }
}

impl IntervalGrid {
    /// Builds a grid from a UTC start instant.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidIntervalMinutes`] if `interval_minutes` does not divide 1440,
    /// [`Error::SubSecondStart`] if `start` has a fractional second, and [`Error::OutOfRange`] if
    /// the grid leaves years 0001-9999.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let start = Utc.with_ymd_and_hms(2024, 3, 10, 5, 0, 0).single().ok_or("bad date")?;
    /// let grid = wfm_core::IntervalGrid::new(start, 30, 48)?;
    /// assert_eq!(grid.start(), start);
    /// assert_eq!(grid.len(), 48);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(start: DateTime<Utc>, interval_minutes: u32, len: usize) -> Result<Self> {
        if start.timestamp_subsec_nanos() != 0 {
            return Err(Error::SubSecondStart {
                start: start.to_rfc3339(),
            });
        }
        Self::from_unix(start.timestamp(), interval_minutes, len)
    }

    /// Builds a grid from a start in unix seconds.
    ///
    /// # Errors
    ///
    /// As [`IntervalGrid::new`].
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 24)?;
    /// assert_eq!(grid.end_unix(), 86_400);
    /// assert!(wfm_core::IntervalGrid::from_unix(0, 7, 24).is_err());
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    pub fn from_unix(start: i64, interval_minutes: u32, len: usize) -> Result<Self> {
        check_interval_minutes(interval_minutes)?;
        check_unix(start)?;
        let step = i64::from(interval_minutes) * 60;
        let end = i64::try_from(len)
            .ok()
            .and_then(|n| n.checked_mul(step))
            .and_then(|d| d.checked_add(start))
            .filter(|end| (MIN_UNIX..=MAX_UNIX).contains(end));
        if end.is_none() {
            return Err(Error::OutOfRange {
                value: format!("{len} intervals of {interval_minutes} minutes from {start}"),
            });
        }
        Ok(Self {
            start,
            interval_minutes,
            len,
        })
    }

    /// The first interval's start.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(60, 1, 3)?;
    /// assert_eq!(grid.start().timestamp(), 60);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn start(&self) -> DateTime<Utc> {
        // In range by construction; the default is unreachable.
        DateTime::from_timestamp(self.start, 0).unwrap_or_default()
    }

    /// The first interval's start in unix seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::IntervalGrid::from_unix(-600, 5, 3)?.start_unix(), -600);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn start_unix(&self) -> i64 {
        self.start
    }

    /// The interval length in minutes.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::IntervalGrid::from_unix(0, 6, 10)?.interval_minutes(), 6);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn interval_minutes(&self) -> u32 {
        self.interval_minutes
    }

    /// The interval length in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::IntervalGrid::from_unix(0, 6, 10)?.interval_seconds(), 360);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn interval_seconds(&self) -> i64 {
        i64::from(self.interval_minutes) * 60
    }

    /// The number of intervals.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::IntervalGrid::from_unix(0, 30, 48)?.len(), 48);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the grid has no intervals.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_core::IntervalGrid::from_unix(0, 30, 0)?.is_empty());
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The end of the last interval (exclusive) in unix seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::IntervalGrid::from_unix(0, 30, 2)?.end_unix(), 3_600);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn end_unix(&self) -> i64 {
        // Cannot overflow: checked in `from_unix`, and len fits i64 there.
        self.start + self.len as i64 * self.interval_seconds()
    }

    /// The end of the last interval (exclusive).
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 24)?;
    /// assert_eq!(grid.end().to_rfc3339(), "1970-01-02T00:00:00+00:00");
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn end(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.end_unix(), 0).unwrap_or_default()
    }

    /// The start of interval `i` in unix seconds, or `None` if `i >= len`.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 15, 4)?;
    /// assert_eq!(grid.start_unix_of(3), Some(2_700));
    /// assert_eq!(grid.start_unix_of(4), None);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn start_unix_of(&self, i: usize) -> Option<i64> {
        (i < self.len).then(|| self.start + i as i64 * self.interval_seconds())
    }

    /// The start of interval `i`, or `None` if `i >= len`.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 15, 4)?;
    /// assert_eq!(grid.instant(1).map(|t| t.timestamp()), Some(900));
    /// assert!(grid.instant(9).is_none());
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn instant(&self, i: usize) -> Option<DateTime<Utc>> {
        self.start_unix_of(i)
            .and_then(|s| DateTime::from_timestamp(s, 0))
    }

    /// The index of the interval containing `t` (unix seconds), or `None` outside the grid.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 15, 4)?;
    /// assert_eq!(grid.index_of_unix(899), Some(0));
    /// assert_eq!(grid.index_of_unix(900), Some(1));
    /// assert_eq!(grid.index_of_unix(3_600), None);
    /// assert_eq!(grid.index_of_unix(-1), None);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn index_of_unix(&self, t: i64) -> Option<usize> {
        if t < self.start || t >= self.end_unix() {
            return None;
        }
        usize::try_from((t - self.start) / self.interval_seconds()).ok()
    }

    /// The index of the interval containing `t`, or `None` outside the grid.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 15, 4)?;
    /// let t = DateTime::from_timestamp(1_000, 500).ok_or("bad")?;
    /// assert_eq!(grid.index_of(t), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn index_of(&self, t: DateTime<Utc>) -> Option<usize> {
        // `timestamp()` floors, so a sub-second instant falls in the interval that contains it.
        self.index_of_unix(t.timestamp())
    }

    /// The sub-grid covering the intervals in `range`, or `None` if the range is out of bounds or
    /// reversed.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 48)?;
    /// let day2 = grid.sub_grid(24..48).ok_or("out of bounds")?;
    /// assert_eq!(day2.start_unix(), 86_400);
    /// assert_eq!(day2.len(), 24);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sub_grid(&self, range: Range<usize>) -> Option<IntervalGrid> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        Some(IntervalGrid {
            start: self.start + range.start as i64 * self.interval_seconds(),
            interval_minutes: self.interval_minutes,
            len: range.end - range.start,
        })
    }

    /// The start instants of every interval, in unix seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 30, 3)?;
    /// assert_eq!(grid.starts_unix().collect::<Vec<_>>(), vec![0, 1_800, 3_600]);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    pub fn starts_unix(&self) -> impl ExactSizeIterator<Item = i64> + use<> {
        let (start, step) = (self.start, self.interval_seconds());
        (0..self.len).map(move |i| start + i as i64 * step)
    }

    /// Re-aggregates per-interval counts to a coarser grid by exact summation of consecutive groups
    /// (e.g. 6-minute counts to 30-minute sums). Groups begin at the grid start.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if `values.len() != self.len()`,
    /// [`Error::InvalidIntervalMinutes`] / [`Error::NotAMultiple`] for a bad `coarser_minutes`, and
    /// [`Error::IncompleteGroup`] if the grid does not split into whole groups.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 6, 10)?;
    /// let counts = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
    /// let (coarse, sums) = grid.aggregate_sum(&counts, 30)?;
    /// assert_eq!(coarse.interval_minutes(), 30);
    /// assert_eq!(coarse.len(), 2);
    /// assert_eq!(sums, vec![15.0, 40.0]);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    pub fn aggregate_sum(
        &self,
        values: &[f64],
        coarser_minutes: u32,
    ) -> Result<(IntervalGrid, Vec<f64>)> {
        if values.len() != self.len {
            return Err(Error::LengthMismatch {
                expected: self.len,
                got: values.len(),
            });
        }
        let (coarse, factor) = self.coarser(coarser_minutes)?;
        let sums = values
            .chunks_exact(factor)
            .map(|chunk| chunk.iter().sum())
            .collect();
        Ok((coarse, sums))
    }

    /// The coarser grid for `coarser_minutes` and the number of fine intervals per coarse one.
    pub(crate) fn coarser(&self, coarser_minutes: u32) -> Result<(IntervalGrid, usize)> {
        check_interval_minutes(coarser_minutes)?;
        if coarser_minutes % self.interval_minutes != 0 {
            return Err(Error::NotAMultiple {
                interval: self.interval_minutes,
                coarser: coarser_minutes,
            });
        }
        let factor = (coarser_minutes / self.interval_minutes) as usize;
        if self.len % factor != 0 {
            return Err(Error::IncompleteGroup {
                len: self.len,
                factor,
            });
        }
        let coarse = IntervalGrid {
            start: self.start,
            interval_minutes: coarser_minutes,
            len: self.len / factor,
        };
        Ok((coarse, factor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DIVISORS: [u32; 12] = [1, 5, 6, 10, 12, 15, 20, 30, 60, 120, 360, 1440];

    #[test]
    fn rejects_bad_lengths_and_ranges() {
        for m in [0, 7, 25, 1441, 2880] {
            assert_eq!(
                IntervalGrid::from_unix(0, m, 1),
                Err(Error::InvalidIntervalMinutes { minutes: m })
            );
        }
        assert!(IntervalGrid::from_unix(MAX_UNIX, 1, 1).is_err());
        assert!(IntervalGrid::from_unix(0, 1, usize::MAX).is_err());
        assert!(IntervalGrid::from_unix(i64::MIN, 1, 0).is_err());
        let t = DateTime::from_timestamp(0, 1).unwrap();
        assert!(matches!(
            IntervalGrid::new(t, 15, 1),
            Err(Error::SubSecondStart { .. })
        ));
    }

    #[test]
    fn aggregate_errors_are_typed() {
        let g = IntervalGrid::from_unix(0, 6, 7).unwrap();
        let v = vec![1.0; 7];
        assert_eq!(
            g.aggregate_sum(&v, 30),
            Err(Error::IncompleteGroup { len: 7, factor: 5 })
        );
        assert!(matches!(
            g.aggregate_sum(&v, 15),
            Err(Error::NotAMultiple { .. })
        ));
        assert!(matches!(
            g.aggregate_sum(&v[..3], 6),
            Err(Error::LengthMismatch { .. })
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn index_instant_round_trip(
            start in -3_000_000_000i64..3_000_000_000,
            m in prop::sample::select(DIVISORS.to_vec()),
            len in 1usize..2_000,
            pick in any::<prop::sample::Index>(),
            offset in 0i64..86_400,
        ) {
            let g = IntervalGrid::from_unix(start, m, len)?;
            let i = pick.index(len);
            let t = g.start_unix_of(i).unwrap();
            prop_assert_eq!(g.index_of_unix(t), Some(i));
            prop_assert_eq!(g.index_of(g.instant(i).unwrap()), Some(i));
            // Any instant inside interval i maps back to i.
            let inside = t + offset % g.interval_seconds();
            prop_assert_eq!(g.index_of_unix(inside), Some(i));
            prop_assert_eq!(g.index_of_unix(g.end_unix()), None);
            prop_assert_eq!(g.index_of_unix(start - 1), None);
        }

        #[test]
        fn aggregation_preserves_totals(
            m in prop::sample::select(vec![1u32, 5, 6, 10, 15, 30]),
            mult in prop::sample::select(vec![1u32, 2, 4, 6, 12]),
            groups in 0usize..50,
            seed in prop::collection::vec(0u32..1_000, 600),
        ) {
            let coarser = m * mult;
            prop_assume!(1440 % coarser == 0);
            let factor = mult as usize;
            let len = groups * factor;
            let g = IntervalGrid::from_unix(1_700_000_000, m, len)?;
            // Integer-valued counts make float sums exact, so totals compare exactly.
            let values: Vec<f64> = (0..len).map(|i| f64::from(seed[i % seed.len()])).collect();
            let (coarse, sums) = g.aggregate_sum(&values, coarser)?;
            prop_assert_eq!(coarse.len(), groups);
            prop_assert_eq!(coarse.end_unix(), g.end_unix());
            let total: f64 = values.iter().sum();
            let coarse_total: f64 = sums.iter().sum();
            prop_assert!((total - coarse_total).abs() < 1e-9);
        }
    }
}
