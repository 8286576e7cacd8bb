//! Outlier detection inside one series: robust residuals over k x MAD.

use crate::days::group_days;
use crate::special::median;
use crate::{Error, History, Result};

/// MAD to standard deviation for normal data.
const MAD_SCALE: f64 = 1.4826;

/// Whether an outlier is a single interval or a whole local day.
///
/// # Example
///
/// ```
/// assert_ne!(wfm_forecast::OutlierLevel::Day, wfm_forecast::OutlierLevel::Interval);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutlierLevel {
    /// One interval.
    Interval,
    /// A whole local day (by its total).
    Day,
}

/// An interval or day far from its robust expectation.
///
/// # Example
///
/// ```
/// use wfm_forecast::{History, OutlierConfig, Timeline, detect_outliers};
/// let mut y: Vec<f64> = (0..24 * 7 * 6).map(|i| 10.0 + (i % 3) as f64).collect();
/// y[24 * 7 * 3 + 5] = 200.0;
/// let found = detect_outliers(&History::new(Timeline::new(0, 60)?, y)?, &OutlierConfig::new())?;
/// assert!(found.iter().any(|o| o.index == 24 * 7 * 3 + 5 && o.actual == 200.0));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Outlier {
    /// Interval or day.
    pub level: OutlierLevel,
    /// Index of the (first) interval in the history.
    pub index: usize,
    /// Number of intervals covered.
    pub len: usize,
    /// UTC unix seconds of the start.
    pub start: i64,
    /// UTC unix seconds of the end (exclusive).
    pub end: i64,
    /// Robust expectation (same interval-of-week or weekday over nearby weeks).
    pub expected: f64,
    /// Observed value.
    pub actual: f64,
    /// Robust z-score: standardised residual over the MAD-based scale.
    pub score: f64,
}

/// Settings of [`detect_outliers`].
///
/// # Example
///
/// ```
/// let c = wfm_forecast::OutlierConfig::new().interval_threshold(8.0).day_threshold(5.0);
/// assert_ne!(c, wfm_forecast::OutlierConfig::new());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutlierConfig {
    interval_k: f64,
    day_k: f64,
    weeks: usize,
}

impl Default for OutlierConfig {
    fn default() -> Self {
        Self {
            interval_k: 6.0,
            day_k: 4.0,
            weeks: 3,
        }
    }
}

impl OutlierConfig {
    /// Thresholds 6 (intervals) and 4 (days), expectations from 3 weeks either side.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::OutlierConfig::new(), wfm_forecast::OutlierConfig::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Robust z-score above which an interval is an outlier (> 0).
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_forecast::OutlierConfig::new().interval_threshold(8.0);
    /// assert_ne!(c, wfm_forecast::OutlierConfig::new());
    /// ```
    #[must_use]
    pub fn interval_threshold(mut self, k: f64) -> Self {
        self.interval_k = k;
        self
    }

    /// Robust z-score above which a day is an outlier (> 0).
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_forecast::OutlierConfig::new().day_threshold(3.0);
    /// assert_ne!(c, wfm_forecast::OutlierConfig::new());
    /// ```
    #[must_use]
    pub fn day_threshold(mut self, k: f64) -> Self {
        self.day_k = k;
        self
    }
}

/// Finds intervals and normal days whose robust residual exceeds the threshold times the
/// MAD-based scale. The expectation of an interval is the median of the same
/// interval-of-week on normal days within `weeks` weeks either side; residuals are
/// standardised by `sqrt(expected + 1)` (count data) before the MAD. Days use the same
/// rule on daily totals by weekday, with log-ratio residuals `ln((actual + 1) / (expected +
/// 1))` (daily totals vary multiplicatively, so a day at a third of its usual volume is as
/// far out as one at three times it) and a MAD per weekday. Holidays and other special days
/// are never flagged.
///
/// # Errors
///
/// [`Error::InvalidParameter`] for a non-positive threshold.
///
/// # Example
///
/// ```
/// use wfm_forecast::{History, OutlierConfig, OutlierLevel, Timeline, detect_outliers};
/// let mut y = vec![10.0; 24 * 7 * 6];
/// for v in &mut y[24 * 15..24 * 16] { *v = 1.0; } // a quiet day
/// let found = detect_outliers(&History::new(Timeline::new(0, 60)?, y)?, &OutlierConfig::new())?;
/// assert!(found.iter().any(|o| o.level == OutlierLevel::Day && o.index == 24 * 15));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub fn detect_outliers(history: &History, config: &OutlierConfig) -> Result<Vec<Outlier>> {
    for (name, value) in [
        ("interval_threshold", config.interval_k),
        ("day_threshold", config.day_k),
    ] {
        if !(value > 0.0 && value.is_finite()) {
            return Err(Error::InvalidParameter { name, value });
        }
    }
    let timeline = history.timeline();
    let spd = timeline.slots_per_day();
    let y = history.values();
    let slots = timeline.slots(0..y.len())?;
    let step = i64::from(timeline.interval_minutes()) * 60;
    let start_of = |i: usize| {
        timeline.start()
            + i64::try_from(i)
                .unwrap_or(i64::MAX / step)
                .saturating_mul(step)
    };
    let mut out = Vec::new();

    // Days: by weekday totals.
    let days = group_days(&slots, y, spd);
    let normal: Vec<usize> = (0..days.len())
        .filter(|&d| days[d].complete && !days[d].kind.is_special())
        .collect();
    let day_expect: Vec<(usize, f64)> = normal
        .iter()
        .filter_map(|&d| {
            let mut near: Vec<f64> = normal
                .iter()
                .filter(|&&o| {
                    o != d
                        && days[o].dow == days[d].dow
                        && days[o].day.abs_diff(days[d].day) <= 7 * config.weeks as u32
                })
                .map(|&o| days[o].total)
                .collect();
            median(&mut near).map(|m| (d, m))
        })
        .collect();
    for (d, expected, score) in robust_scores(
        &day_expect,
        |d| days[d].total,
        log_ratio,
        0.02,
        |d| usize::from(days[d].dow),
    ) {
        if score > config.day_k {
            let day = &days[d];
            out.push(Outlier {
                level: OutlierLevel::Day,
                index: day.start,
                len: day.end - day.start,
                start: start_of(day.start),
                end: start_of(day.end),
                expected,
                actual: day.total,
                score,
            });
        }
    }

    // Intervals: by interval-of-week, using a per-key index of normal occurrences.
    let mut by_key: Vec<Vec<usize>> = vec![Vec::new(); 7 * spd];
    for (i, s) in slots.iter().enumerate() {
        if !s.kind.is_special() {
            by_key[s.week_key(spd)].push(i);
        }
    }
    let mut expect = Vec::new();
    for list in &by_key {
        for (j, &i) in list.iter().enumerate() {
            let lo = j.saturating_sub(config.weeks);
            let hi = (j + config.weeks + 1).min(list.len());
            let mut near: Vec<f64> = list[lo..hi]
                .iter()
                .filter(|&&o| o != i)
                .map(|&o| y[o])
                .collect();
            if let Some(m) = median(&mut near) {
                expect.push((i, m));
            }
        }
    }
    expect.sort_by_key(|e| e.0);
    for (i, expected, score) in robust_scores(&expect, |i| y[i], poisson_residual, 0.5, |_| 0) {
        if score > config.interval_k {
            out.push(Outlier {
                level: OutlierLevel::Interval,
                index: i,
                len: 1,
                start: start_of(i),
                end: start_of(i + 1),
                expected,
                actual: y[i],
                score,
            });
        }
    }
    out.sort_by(|a, b| {
        a.index
            .cmp(&b.index)
            .then((a.level as u8).cmp(&(b.level as u8)))
    });
    Ok(out)
}

/// Residual of an interval count standardised by its Poisson scale.
fn poisson_residual(actual: f64, expected: f64) -> f64 {
    (actual - expected) / (expected.max(0.0) + 1.0).sqrt()
}

/// Log-ratio residual of a day total (daily totals vary multiplicatively).
fn log_ratio(actual: f64, expected: f64) -> f64 {
    ((actual.max(0.0) + 1.0) / (expected.max(0.0) + 1.0)).ln()
}

/// `(id, expected, score)` with score = |residual| / (MAD x 1.4826), where
/// `residual(actual, expected)` standardises each deviation; the MAD is taken within each `group(id)`
/// (weekdays for days, one group for intervals) and bounded below by `floor` (half a Poisson
/// standard deviation for intervals, a 2% deviation for days).
fn robust_scores(
    expect: &[(usize, f64)],
    actual: impl Fn(usize) -> f64,
    residual: impl Fn(f64, f64) -> f64,
    floor: f64,
    group: impl Fn(usize) -> usize,
) -> Vec<(usize, f64, f64)> {
    let z: Vec<f64> = expect
        .iter()
        .map(|&(i, e)| residual(actual(i), e))
        .collect();
    let groups = expect.iter().map(|&(i, _)| group(i) + 1).max().unwrap_or(0);
    let mut members: Vec<Vec<f64>> = vec![Vec::new(); groups];
    for (&(i, _), zi) in expect.iter().zip(&z) {
        members[group(i)].push(zi.abs());
    }
    let mad: Vec<f64> = members
        .iter_mut()
        .map(|m| (median(m).unwrap_or(0.0) * MAD_SCALE).max(floor))
        .collect();
    expect
        .iter()
        .zip(&z)
        .map(|(&(i, e), zi)| (i, e, zi.abs() / mad[group(i)]))
        .collect()
}

/// Returns a copy of the history with each outlier replaced by its expectation (days are
/// rescaled to their expected total, keeping their intraday shape; an all-zero day gets
/// the expected total spread evenly).
///
/// # Errors
///
/// [`Error::LengthMismatch`] if an outlier lies outside the history.
///
/// # Example
///
/// ```
/// use wfm_forecast::{History, OutlierConfig, Timeline, detect_outliers, replace_outliers};
/// let mut y = vec![10.0; 24 * 7 * 6];
/// y[500] = 300.0;
/// let h = History::new(Timeline::new(0, 60)?, y)?;
/// let cleaned = replace_outliers(&h, &detect_outliers(&h, &OutlierConfig::new())?)?;
/// assert!((cleaned.values()[500] - 10.0).abs() < 1e-9);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub fn replace_outliers(history: &History, outliers: &[Outlier]) -> Result<History> {
    let mut y = history.values().to_vec();
    for o in outliers {
        let end = o.index + o.len;
        if end > y.len() {
            return Err(Error::LengthMismatch {
                what: "outlier range",
                expected: y.len(),
                got: end,
            });
        }
        match o.level {
            OutlierLevel::Interval => y[o.index] = o.expected.max(0.0),
            OutlierLevel::Day => {
                let total: f64 = y[o.index..end].iter().sum();
                if total > 0.0 {
                    let f = o.expected.max(0.0) / total;
                    y[o.index..end].iter_mut().for_each(|v| *v *= f);
                } else {
                    let each = o.expected.max(0.0) / o.len.max(1) as f64;
                    y[o.index..end].iter_mut().for_each(|v| *v = each);
                }
            }
        }
    }
    History::new(history.timeline().clone(), y)
}
