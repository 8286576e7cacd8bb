//! MSTL-style decomposition: moving-average trend, daily and weekly seasonal components,
//! and a damped-trend exponential smoothing (ETS(A,Ad,N)) forecast of the daily
//! deseasonalised level.
//!
//! After Bandara, Hyndman and Bergmeir (2021), "MSTL: A Seasonal-Trend Decomposition
//! Algorithm for Time Series with Multiple Seasonal Patterns", with moving averages in
//! place of loess and Gardner's damped trend for the trend component.

use crate::days::group_days;
use crate::engine::{Engine, Method, Sample, fit_single};
use crate::timeline::Slot;
use crate::timeline::weeks_to_intervals;
use crate::{Fit, FittedModel, History, Result};

const ETS_ALPHAS: [f64; 5] = [0.05, 0.1, 0.2, 0.3, 0.5];
const ETS_BETAS: [f64; 3] = [0.0, 0.02, 0.1];
const ETS_PHI: f64 = 0.9;

/// MSTL-style decomposition with an exponential-smoothing trend. Uses the last
/// `window_weeks` of history; special days are replaced by the same interval a week
/// earlier before decomposing.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, Mstl, Predict, Timeline};
/// let y: Vec<f64> = (0..24 * 7 * 6).map(|i| 5.0 + (i % 24) as f64).collect();
/// let f = Mstl::new().fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(48, 0.95)?;
/// assert!((f.point[30] - 11.0).abs() < 1e-6);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mstl {
    window_weeks: usize,
    seasonal_weeks: usize,
}

impl Default for Mstl {
    fn default() -> Self {
        Self {
            window_weeks: 16,
            seasonal_weeks: 6,
        }
    }
}

impl Mstl {
    /// The default configuration (16-week window, seasonal means over 6 weeks).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Mstl::new(), wfm_forecast::Mstl::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Weeks over which the seasonal components are averaged (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::Mstl::new().seasonal_weeks(4);
    /// assert_ne!(m, wfm_forecast::Mstl::new());
    /// ```
    #[must_use]
    pub fn seasonal_weeks(mut self, weeks: usize) -> Self {
        self.seasonal_weeks = weeks.max(1);
        self
    }
}

impl Fit for Mstl {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        fit_single(self, history)
    }
}

impl Method for Mstl {
    fn name(&self) -> &'static str {
        "mstl"
    }

    fn min_len(&self, spd: usize) -> usize {
        21 * spd
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        let spd = sample.spd;
        let n = sample.y.len();
        let start = n.saturating_sub(weeks_to_intervals(
            self.window_weeks.max(self.seasonal_weeks.saturating_add(2)),
            spd,
        ));
        let slots = &sample.slots[start..];
        let y = clean_special(&sample.y[start..], slots, spd);
        let trend = moving_average(&y, 7 * spd);
        let detrended: Vec<f64> = y.iter().zip(&trend).map(|(v, t)| v - t).collect();
        let recent = detrended
            .len()
            .saturating_sub(weeks_to_intervals(self.seasonal_weeks, spd));
        let daily = slot_means(
            &detrended[recent..],
            &slots[recent..],
            spd,
            |s| usize::from(s.slot),
            spd,
        );
        let residual: Vec<f64> = detrended
            .iter()
            .zip(slots)
            .map(|(v, s)| v - daily[usize::from(s.slot)])
            .collect();
        let weekly = slot_means(
            &residual[recent..],
            &slots[recent..],
            spd,
            |s| s.week_key(spd),
            7 * spd,
        );
        let deseasonal: Vec<f64> = y
            .iter()
            .zip(slots)
            .map(|(v, s)| v - daily[usize::from(s.slot)] - weekly[s.week_key(spd)])
            .collect();
        let levels: Vec<f64> = group_days(slots, &deseasonal, spd)
            .iter()
            .filter(|d| d.complete)
            .map(|d| d.total / (d.end - d.start) as f64)
            .collect();
        let ets = DampedTrend::fit(&levels);
        let last_day = slots.last().map_or(0, |s| s.day);
        Ok(Box::new(MstlEngine {
            spd,
            daily,
            weekly,
            ets,
            last_day,
        }))
    }
}

/// Replaces special-day values by the same interval-of-week one week earlier
/// (or the same slot's mean when there is none).
fn clean_special(y: &[f64], slots: &[Slot], spd: usize) -> Vec<f64> {
    let mut out = y.to_vec();
    let mut last = vec![None; 7 * spd];
    for (v, s) in out.iter_mut().zip(slots) {
        let k = s.week_key(spd);
        if s.kind.is_special() {
            if let Some(prev) = last[k] {
                *v = prev;
            }
        }
        last[k] = Some(*v);
    }
    out
}

/// Centred moving average of width `width`; near the ends the full-width window is
/// shifted inward rather than truncated, so whole seasonal cycles are always averaged.
fn moving_average(y: &[f64], width: usize) -> Vec<f64> {
    let mut prefix = Vec::with_capacity(y.len() + 1);
    prefix.push(0.0);
    for v in y {
        prefix.push(prefix[prefix.len() - 1] + v);
    }
    let half = width / 2;
    (0..y.len())
        .map(|t| {
            let lo = t.saturating_sub(half).min(y.len().saturating_sub(width));
            let hi = (lo + width).min(y.len());
            (prefix[hi] - prefix[lo]) / (hi - lo) as f64
        })
        .collect()
}

/// Mean of values grouped by `key(slot)` into `size` buckets.
fn slot_means(
    y: &[f64],
    slots: &[Slot],
    _spd: usize,
    key: impl Fn(&Slot) -> usize,
    size: usize,
) -> Vec<f64> {
    let mut sum = vec![0.0; size];
    let mut count = vec![0usize; size];
    for (v, s) in y.iter().zip(slots) {
        let k = key(s);
        sum[k] += v;
        count[k] += 1;
    }
    sum.iter()
        .zip(&count)
        .map(|(s, &c)| if c > 0 { s / c as f64 } else { 0.0 })
        .collect()
}

/// Additive damped-trend exponential smoothing, parameters by one-step SSE on a grid.
#[derive(Debug, Clone, Copy)]
struct DampedTrend {
    level: f64,
    slope: f64,
}

impl DampedTrend {
    fn fit(z: &[f64]) -> Self {
        let Some(&first) = z.first() else {
            return Self {
                level: 0.0,
                slope: 0.0,
            };
        };
        let mut best = (
            f64::INFINITY,
            Self {
                level: first,
                slope: 0.0,
            },
        );
        for &alpha in &ETS_ALPHAS {
            for &beta in &ETS_BETAS {
                let (mut l, mut b, mut sse) = (first, 0.0, 0.0);
                for &v in &z[1..] {
                    let f = l + ETS_PHI * b;
                    let e = v - f;
                    sse += e * e;
                    l = f + alpha * e;
                    b = ETS_PHI * b + alpha * beta * e;
                }
                if sse < best.0 {
                    best = (sse, Self { level: l, slope: b });
                }
            }
        }
        best.1
    }

    fn forecast(&self, h: f64) -> f64 {
        self.level + self.slope * ETS_PHI * (1.0 - ETS_PHI.powf(h)) / (1.0 - ETS_PHI)
    }
}

#[derive(Debug)]
struct MstlEngine {
    spd: usize,
    daily: Vec<f64>,
    weekly: Vec<f64>,
    ets: DampedTrend,
    last_day: u32,
}

impl Engine for MstlEngine {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        future
            .iter()
            .map(|s| {
                let h = f64::from(s.day.saturating_sub(self.last_day));
                self.ets.forecast(h)
                    + self.daily[usize::from(s.slot)]
                    + self.weekly[s.week_key(self.spd)]
            })
            .collect()
    }
}
