//! Regularised Poisson regression on calendar features, fitted by block Newton (IRLS).
//!
//! `log mu_t = a[interval-of-week(t)] + b * x_t`, with `x_t` the age in weeks (a log-linear
//! trend). Observations are weighted by recency (exponential, half-life in days). The
//! interval-of-week effects are shrunk toward their slot-of-day mean rate by `prior`
//! pseudo-observations (a gamma prior, closed-form update); the trend has a ridge penalty.
//! Holidays, eves and events are left out and handled by the special-day layer.

use crate::engine::{Engine, Method, Sample, fit_single};
use crate::timeline::Slot;
use crate::timeline::weeks_to_intervals;
use crate::{Error, Fit, FittedModel, History, Result};

const ITERATIONS: usize = 25;
/// Damping per day of the trend's extrapolation.
const TREND_DAMPING: f64 = 0.9;

/// Regularised Poisson regression ("ML" model) on interval-of-week effects and a
/// log-linear trend, fitted by iteratively reweighted least squares.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, PoissonRegression, Predict, Timeline};
/// let y: Vec<f64> = (0..24 * 7 * 6).map(|i| if i % 24 < 12 { 8.0 } else { 2.0 }).collect();
/// let f = PoissonRegression::new().fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(24, 0.95)?;
/// assert!((f.point[3] - 8.0).abs() < 0.1 && (f.point[15] - 2.0).abs() < 0.1);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoissonRegression {
    weeks: usize,
    half_life_days: f64,
    prior: f64,
    ridge: f64,
}

impl Default for PoissonRegression {
    fn default() -> Self {
        Self {
            weeks: 16,
            half_life_days: 21.0,
            prior: 0.5,
            ridge: 0.05,
        }
    }
}

impl PoissonRegression {
    /// Default configuration: 16 weeks, 21-day half-life, prior 0.5, ridge 0.05.
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::PoissonRegression::new();
    /// assert_eq!(m, wfm_forecast::PoissonRegression::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Half-life in days of the recency weights (> 0).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::PoissonRegression::new().half_life_days(14.0);
    /// assert_ne!(m, wfm_forecast::PoissonRegression::new());
    /// ```
    #[must_use]
    pub fn half_life_days(mut self, days: f64) -> Self {
        self.half_life_days = days;
        self
    }

    /// Weeks of history used (at least 2).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::PoissonRegression::new().weeks(8);
    /// assert_ne!(m, wfm_forecast::PoissonRegression::new());
    /// ```
    #[must_use]
    pub fn weeks(mut self, weeks: usize) -> Self {
        self.weeks = weeks.max(2);
        self
    }

    fn validate(&self) -> Result<()> {
        for (name, value) in [
            ("half_life_days", self.half_life_days),
            ("prior", self.prior),
            ("ridge", self.ridge),
        ] {
            if !(value.is_finite() && value >= 0.0) || (name == "half_life_days" && value <= 0.0) {
                return Err(Error::InvalidParameter { name, value });
            }
        }
        Ok(())
    }
}

impl Fit for PoissonRegression {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        fit_single(self, history)
    }
}

impl Method for PoissonRegression {
    fn name(&self) -> &'static str {
        "poisson"
    }

    fn min_len(&self, spd: usize) -> usize {
        14 * spd
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        self.validate()?;
        let spd = sample.spd;
        let keys = 7 * spd;
        let n = sample.y.len();
        let start = n.saturating_sub(weeks_to_intervals(self.weeks, spd));
        let last_day = sample.slots.last().map_or(0.0, |s| f64::from(s.day));
        let decay = std::f64::consts::LN_2 / self.half_life_days;
        // Rows: (key, slot, weight, x, y) for normal days.
        let rows: Vec<(usize, usize, f64, f64, f64)> = sample.y[start..]
            .iter()
            .zip(&sample.slots[start..])
            .filter(|(_, s)| !s.kind.is_special())
            .map(|(&v, s)| {
                let age = last_day - f64::from(s.day);
                (
                    s.week_key(spd),
                    usize::from(s.slot),
                    (-decay * age).exp(),
                    -age / 7.0,
                    v,
                )
            })
            .collect();
        let total_weight: f64 = rows.iter().map(|r| r.2).sum();
        let mut sy = vec![0.0; keys];
        for r in &rows {
            sy[r.0] += r.2 * r.4;
        }
        let mut effect = vec![0.0; keys];
        let mut beta = 0.0;
        let mut se = vec![0.0; keys];
        for _ in 0..ITERATIONS {
            // Key effects given beta: closed form with a gamma prior toward the slot rate.
            se.iter_mut().for_each(|v| *v = 0.0);
            for r in &rows {
                se[r.0] += r.2 * (beta * r.3).exp();
            }
            let mut slot_y = vec![0.0; spd];
            let mut slot_e = vec![0.0; spd];
            for k in 0..keys {
                slot_y[k % spd] += sy[k];
                slot_e[k % spd] += se[k];
            }
            for k in 0..keys {
                let rate = if slot_e[k % spd] > 0.0 {
                    slot_y[k % spd] / slot_e[k % spd]
                } else {
                    0.0
                };
                let num = sy[k] + self.prior * rate;
                let den = se[k] + self.prior;
                effect[k] = if num > 0.0 && den > 0.0 {
                    (num / den).ln()
                } else {
                    f64::NEG_INFINITY
                };
            }
            // Newton step on the trend given the key effects.
            let (mut g, mut h) = (-self.ridge * total_weight * beta, self.ridge * total_weight);
            for r in &rows {
                let mu = (effect[r.0] + beta * r.3).exp();
                g += r.2 * r.3 * (r.4 - mu);
                h += r.2 * r.3 * r.3 * mu;
            }
            let step = if h > 0.0 {
                (g / h).clamp(-0.5, 0.5)
            } else {
                0.0
            };
            beta += step;
            if step.abs() < 1e-9 {
                break;
            }
        }
        Ok(Box::new(PoissonEngine {
            spd,
            effect,
            beta,
            last_day,
        }))
    }
}

#[derive(Debug)]
struct PoissonEngine {
    spd: usize,
    effect: Vec<f64>,
    beta: f64,
    last_day: f64,
}

impl Engine for PoissonEngine {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        future
            .iter()
            .map(|s| {
                let h = (f64::from(s.day) - self.last_day).max(0.0);
                let x = TREND_DAMPING * (1.0 - TREND_DAMPING.powf(h)) / (1.0 - TREND_DAMPING) / 7.0;
                (self.effect[s.week_key(self.spd)] + self.beta * x).exp()
            })
            .collect()
    }
}
