//! Taylor's double-seasonal Holt-Winters (daily and weekly cycles) with an AR(1)
//! adjustment of the one-step errors, additive form.
//!
//! Reference: J. W. Taylor (2003), "Short-term electricity demand forecasting using double
//! seasonal exponential smoothing", Journal of the Operational Research Society 54, 799-805.
//! Seasonal states are indexed by local slot-of-day and interval-of-week, so DST days
//! (23/25 hours) keep the states aligned with the clock.

use crate::engine::{Engine, Method, Sample, fit_single};
use crate::timeline::Slot;
use crate::timeline::weeks_to_intervals;
use crate::{Fit, FittedModel, History, Result};

const ALPHAS: [f64; 3] = [0.002, 0.01, 0.03];
const DELTAS: [f64; 3] = [0.0, 0.05, 0.15];
const OMEGAS: [f64; 3] = [0.0, 0.05, 0.15];
const PHIS: [f64; 3] = [0.0, 0.5, 0.9];

/// Double-seasonal Holt-Winters with AR(1) errors. The smoothing parameters are chosen on
/// a grid by the one-step squared error of the last `score_weeks`; the recursion runs over
/// the last `window_weeks` of history. Special days neither update the states nor score.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, HoltWinters, Predict, Timeline};
/// let y: Vec<f64> = (0..24 * 7 * 6).map(|i| 5.0 + (i % 24) as f64).collect();
/// let f = HoltWinters::new().fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(24, 0.95)?;
/// assert!((f.point[10] - 15.0).abs() < 0.5);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HoltWinters {
    window_weeks: usize,
    score_weeks: usize,
}

impl Default for HoltWinters {
    fn default() -> Self {
        Self {
            window_weeks: 26,
            score_weeks: 8,
        }
    }
}

impl HoltWinters {
    /// The default configuration (26-week window, scored on the last 8 weeks).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::HoltWinters::new(), wfm_forecast::HoltWinters::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Weeks of history the recursion runs over (at least 3; more history is ignored).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::HoltWinters::new().window_weeks(52);
    /// assert_ne!(m, wfm_forecast::HoltWinters::new());
    /// ```
    #[must_use]
    pub fn window_weeks(mut self, weeks: usize) -> Self {
        self.window_weeks = weeks.max(3);
        self
    }
}

impl Fit for HoltWinters {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        fit_single(self, history)
    }
}

impl Method for HoltWinters {
    fn name(&self) -> &'static str {
        "holt_winters"
    }

    fn min_len(&self, spd: usize) -> usize {
        21 * spd
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        let spd = sample.spd;
        let n = sample.y.len();
        let start = n.saturating_sub(weeks_to_intervals(self.window_weeks, spd));
        let y = &sample.y[start..];
        let slots = &sample.slots[start..];
        let init = State::initial(y, slots, spd);
        let score_from = y
            .len()
            .saturating_sub(weeks_to_intervals(self.score_weeks, spd));
        let mut best: Option<(f64, State)> = None;
        for &alpha in &ALPHAS {
            for &delta in &DELTAS {
                for &omega in &OMEGAS {
                    for &phi in &PHIS {
                        let params = Params {
                            alpha,
                            delta,
                            omega,
                            phi,
                        };
                        let mut state = init.clone();
                        let sse = state.run(y, slots, params, score_from);
                        if best.as_ref().is_none_or(|(b, _)| sse < *b) {
                            best = Some((sse, state));
                        }
                    }
                }
            }
        }
        let state = best.map_or(init, |(_, s)| s);
        Ok(Box::new(HwEngine { state }))
    }
}

#[derive(Debug, Clone, Copy)]
struct Params {
    alpha: f64,
    delta: f64,
    omega: f64,
    phi: f64,
}

#[derive(Debug, Clone)]
struct State {
    spd: usize,
    level: f64,
    daily: Vec<f64>,
    weekly: Vec<f64>,
    last_error: f64,
    phi: f64,
}

impl State {
    /// Level = mean of the first two weeks; daily = slot means of deviations; weekly = the rest.
    fn initial(y: &[f64], slots: &[Slot], spd: usize) -> Self {
        let m = y.len().min(14 * spd);
        let level = y[..m].iter().sum::<f64>() / m.max(1) as f64;
        let mut daily = vec![0.0; spd];
        let mut dn = vec![0usize; spd];
        for (v, s) in y[..m].iter().zip(slots) {
            daily[usize::from(s.slot)] += v - level;
            dn[usize::from(s.slot)] += 1;
        }
        for (d, &c) in daily.iter_mut().zip(&dn) {
            *d /= c.max(1) as f64;
        }
        let mut weekly = vec![0.0; 7 * spd];
        let mut wn = vec![0usize; 7 * spd];
        for (v, s) in y[..m].iter().zip(slots) {
            let k = s.week_key(spd);
            weekly[k] += v - level - daily[usize::from(s.slot)];
            wn[k] += 1;
        }
        for (w, &c) in weekly.iter_mut().zip(&wn) {
            *w /= c.max(1) as f64;
        }
        Self {
            spd,
            level,
            daily,
            weekly,
            last_error: 0.0,
            phi: 0.0,
        }
    }

    /// Runs the recursion; returns the one-step SSE from index `score_from` on.
    fn run(&mut self, y: &[f64], slots: &[Slot], p: Params, score_from: usize) -> f64 {
        self.phi = p.phi;
        let mut sse = 0.0;
        let (gd, gw) = (p.delta * (1.0 - p.alpha), p.omega * (1.0 - p.alpha));
        for (t, (&v, s)) in y.iter().zip(slots).enumerate() {
            if s.kind.is_special() {
                self.last_error = 0.0;
                continue;
            }
            let ds = usize::from(s.slot);
            let wk = s.week_key(self.spd);
            let base = self.level + self.daily[ds] + self.weekly[wk];
            let e = v - base - p.phi * self.last_error;
            if t >= score_from {
                sse += e * e;
            }
            self.level += p.alpha * e;
            self.daily[ds] += gd * e;
            self.weekly[wk] += gw * e;
            self.last_error = v - base;
        }
        sse
    }
}

#[derive(Debug)]
struct HwEngine {
    state: State,
}

impl Engine for HwEngine {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        let s = &self.state;
        let mut ar = s.last_error;
        future
            .iter()
            .map(|f| {
                ar *= s.phi;
                s.level + s.daily[usize::from(f.slot)] + s.weekly[f.week_key(s.spd)] + ar
            })
            .collect()
    }
}
