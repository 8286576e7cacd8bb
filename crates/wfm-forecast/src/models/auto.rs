//! `auto`: rolling-origin backtests inside the training data choose a model or an
//! equal/inverse-error weighted ensemble, deterministically; the backtest errors of the
//! chosen combination calibrate its prediction intervals.

use rayon::prelude::*;

use crate::engine::{Core, Engine, Method, Sample, holdout_pairs};
use crate::models::{HoltWinters, Mstl, PoissonRegression, TopDown};
use crate::noise::Noise;
use crate::timeline::Slot;
use crate::{Error, Fit, FittedModel, History, Result};

/// The backtest report, the chosen `(candidate, weight)` pairs and the calibrated noise.
type Selection = (Backtest, Vec<(usize, f64)>, Noise);

/// Automatic model selection by rolling-origin backtests (the default model).
///
/// The last `folds` blocks of `fold_days` days of the history are forecast, each from the
/// data before it, by every calendar-aware candidate (five top-down variants: default,
/// recent-weighted, damped trend, and two with day-of-month factors; Holt-Winters; MSTL;
/// Poisson regression). The single model or top-k ensemble (equal or
/// inverse-MAE weights) with the lowest total absolute backtest error is refitted on the
/// whole history. Ties go to the earlier candidate, so the choice is deterministic.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Auto, Fit, History, Predict, Timeline};
/// let y: Vec<f64> = (0..24 * 7 * 8).map(|i| 3.0 + (i % 24) as f64).collect();
/// let f = Auto::new().fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(48, 0.95)?;
/// assert_eq!(f.len(), 48);
/// assert!((f.point[7] - 10.0).abs() < 0.5);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Auto {
    folds: usize,
    fold_days: usize,
}

impl Default for Auto {
    fn default() -> Self {
        Self {
            folds: 6,
            fold_days: 14,
        }
    }
}

/// Backtest result of one candidate model.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Auto, History, Timeline};
/// let y: Vec<f64> = (0..24 * 7 * 8).map(|i| (i % 24) as f64).collect();
/// let bt = Auto::new().backtest(&History::new(Timeline::new(0, 60)?, y)?)?;
/// assert!(bt.candidates.iter().any(|c| c.name == "top_down"));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CandidateScore {
    /// Candidate name.
    pub name: &'static str,
    /// Mean absolute error over all backtest intervals (infinite if it could not fit).
    pub mae: f64,
    /// Weighted absolute percentage error over all backtest intervals.
    pub wape: f64,
    /// Weight of the candidate in the chosen combination (0 if not chosen).
    pub weight: f64,
}

/// The outcome of `auto`'s backtests.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Auto, History, Timeline};
/// let y: Vec<f64> = (0..24 * 7 * 8).map(|i| (i % 24) as f64).collect();
/// let bt = Auto::new().backtest(&History::new(Timeline::new(0, 60)?, y)?)?;
/// let total: f64 = bt.candidates.iter().map(|c| c.weight).sum();
/// assert!((total - 1.0).abs() < 1e-9);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Backtest {
    /// Every candidate's score, with its weight in the chosen combination.
    pub candidates: Vec<CandidateScore>,
    /// Mean absolute error of the chosen combination.
    pub chosen_mae: f64,
    /// Number of backtest folds used.
    pub folds: usize,
}

impl Auto {
    /// Six 14-day folds (twelve weeks of backtests where the history allows; fewer folds
    /// when it is shorter): more folds make the choice less sensitive to one unusual
    /// fortnight.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Auto::new(), wfm_forecast::Auto::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of backtest folds (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert_ne!(wfm_forecast::Auto::new().folds(2), wfm_forecast::Auto::new());
    /// ```
    #[must_use]
    pub fn folds(mut self, folds: usize) -> Self {
        self.folds = folds.max(1);
        self
    }

    /// Length of each backtest fold in days (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert_ne!(wfm_forecast::Auto::new().fold_days(7), wfm_forecast::Auto::new());
    /// ```
    #[must_use]
    pub fn fold_days(mut self, days: usize) -> Self {
        self.fold_days = days.max(1);
        self
    }

    /// Runs the backtests and reports every candidate and the chosen weights.
    ///
    /// # Errors
    ///
    /// [`Error::HistoryTooShort`] when no candidate can be fitted.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Auto, History, Timeline};
    /// let y = vec![5.0; 24 * 7 * 8];
    /// let bt = Auto::new().folds(2).backtest(&History::new(Timeline::new(0, 60)?, y)?)?;
    /// assert_eq!(bt.folds, 2);
    /// assert!(bt.chosen_mae < 1e-9);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn backtest(&self, history: &History) -> Result<Backtest> {
        let slots = history.timeline().slots(0..history.len())?;
        let sample = Sample {
            y: history.values(),
            slots: &slots,
            spd: history.timeline().slots_per_day(),
        };
        Ok(self.select(&sample)?.0)
    }

    fn select(&self, sample: &Sample<'_>) -> Result<Selection> {
        let methods = candidates();
        let n = sample.y.len();
        let block = self.fold_days.saturating_mul(sample.spd);
        let longest = methods
            .iter()
            .map(|m| m.min_len(sample.spd))
            .max()
            .unwrap_or(0);
        let origins: Vec<usize> = (1..=self.folds)
            .map_while(|j| j.checked_mul(block).and_then(|b| n.checked_sub(b)))
            .filter(|&o| o >= longest)
            .collect();
        if origins.is_empty() {
            return self.select_without_folds(sample, &methods);
        }
        let jobs: Vec<(usize, usize)> = (0..methods.len())
            .flat_map(|m| origins.iter().map(move |&o| (m, o)))
            .collect();
        let predictions: Vec<Option<Vec<f64>>> = jobs
            .par_iter()
            .map(|&(m, o)| {
                let core = Core::fit(methods[m].as_ref(), &sample.prefix(o)).ok()?;
                Some(core.point(&sample.slots[o..o + block]))
            })
            .collect();
        let actual: Vec<f64> = origins
            .iter()
            .flat_map(|&o| sample.y[o..o + block].iter().copied())
            .collect();
        let per_model: Vec<Option<Vec<f64>>> = (0..methods.len())
            .map(|m| {
                let mut all = Vec::with_capacity(actual.len());
                for (i, job) in jobs.iter().enumerate() {
                    if job.0 == m {
                        all.extend_from_slice(predictions[i].as_ref()?);
                    }
                }
                Some(all)
            })
            .collect();
        let abs_error =
            |p: &[f64]| -> f64 { p.iter().zip(&actual).map(|(f, a)| (a - f).abs()).sum() };
        let errors: Vec<f64> = per_model
            .iter()
            .map(|p| p.as_ref().map_or(f64::INFINITY, |p| abs_error(p)))
            .collect();
        let mut order: Vec<usize> = (0..methods.len())
            .filter(|&m| errors[m].is_finite())
            .collect();
        order.sort_by(|&a, &b| errors[a].total_cmp(&errors[b]).then(a.cmp(&b)));
        if order.is_empty() {
            return self.select_without_folds(sample, &methods);
        }
        let combine = |weights: &[(usize, f64)]| -> Vec<f64> {
            let mut out = vec![0.0; actual.len()];
            for &(m, w) in weights {
                if let Some(p) = &per_model[m] {
                    out.iter_mut().zip(p).for_each(|(o, v)| *o += w * v);
                }
            }
            out
        };
        let mut best: Option<(f64, Vec<(usize, f64)>)> = None;
        for k in 1..=order.len().min(4) {
            let top = &order[..k];
            let equal: Vec<(usize, f64)> = top.iter().map(|&m| (m, 1.0 / k as f64)).collect();
            let inv: f64 = top.iter().map(|&m| 1.0 / errors[m].max(1e-12)).sum();
            let weighted: Vec<(usize, f64)> = top
                .iter()
                .map(|&m| (m, 1.0 / errors[m].max(1e-12) / inv))
                .collect();
            for weights in [equal, weighted] {
                let e = abs_error(&combine(&weights));
                if best.as_ref().is_none_or(|(b, _)| e < *b - 1e-9) {
                    best = Some((e, weights));
                }
            }
        }
        let (chosen_error, weights) = best.unwrap_or((errors[order[0]], vec![(order[0], 1.0)]));
        let combined = combine(&weights);
        let pairs: Vec<(f64, f64)> = combined
            .iter()
            .copied()
            .zip(actual.iter().copied())
            .collect();
        let total: f64 = actual.iter().sum();
        let count = actual.len().max(1) as f64;
        let candidates = methods
            .iter()
            .enumerate()
            .map(|(m, method)| CandidateScore {
                name: method.name(),
                mae: errors[m] / count,
                wape: if total > 0.0 { errors[m] / total } else { 0.0 },
                weight: weights.iter().find(|w| w.0 == m).map_or(0.0, |w| w.1),
            })
            .collect();
        let report = Backtest {
            candidates,
            chosen_mae: chosen_error / count,
            folds: origins.len(),
        };
        Ok((report, weights, Noise::from_pairs(&pairs)))
    }

    /// Too little history for backtests: the first candidate that fits, with a holdout
    /// calibration.
    fn select_without_folds(
        &self,
        sample: &Sample<'_>,
        methods: &[Box<dyn Method>],
    ) -> Result<Selection> {
        let n = sample.y.len();
        let pick = methods
            .iter()
            .position(|m| m.min_len(sample.spd) <= n)
            .ok_or(Error::HistoryTooShort {
                model: "auto",
                needed: 7 * sample.spd,
                got: n,
            })?;
        let holdout = (7 * sample.spd).min(n / 4);
        let noise = Noise::from_pairs(&holdout_pairs(methods[pick].as_ref(), sample, holdout));
        let candidates = methods
            .iter()
            .enumerate()
            .map(|(m, method)| CandidateScore {
                name: method.name(),
                mae: f64::INFINITY,
                wape: f64::INFINITY,
                weight: if m == pick { 1.0 } else { 0.0 },
            })
            .collect();
        let report = Backtest {
            candidates,
            chosen_mae: f64::INFINITY,
            folds: 0,
        };
        Ok((report, vec![(pick, 1.0)], noise))
    }
}

/// The candidate models, in tie-breaking order (simplest first), with distinct labels.
fn candidates() -> Vec<Box<dyn Method>> {
    let labelled = |name: &'static str, inner: Box<dyn Method>| -> Box<dyn Method> {
        Box::new(Labelled { name, inner })
    };
    vec![
        Box::new(TopDown::new()),
        labelled(
            "top_down_recent",
            Box::new(TopDown::new().half_life_days(7.0).weeks(4)),
        ),
        Box::new(TopDown::new().damped_trend(0.9)),
        Box::new(TopDown::new().day_of_month(true)),
        labelled(
            "top_down_dom_recent",
            Box::new(
                TopDown::new()
                    .day_of_month(true)
                    .half_life_days(7.0)
                    .weeks(4),
            ),
        ),
        Box::new(HoltWinters::new()),
        Box::new(Mstl::new()),
        Box::new(PoissonRegression::new()),
    ]
}

/// A candidate under a distinct report name.
#[derive(Debug)]
struct Labelled {
    name: &'static str,
    inner: Box<dyn Method>,
}

impl Method for Labelled {
    fn name(&self) -> &'static str {
        self.name
    }

    fn min_len(&self, spd: usize) -> usize {
        self.inner.min_len(spd)
    }

    fn calendar_aware(&self) -> bool {
        self.inner.calendar_aware()
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        self.inner.fit_engine(sample)
    }
}

impl Fit for Auto {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        let timeline = history.timeline();
        let slots = timeline.slots(0..history.len())?;
        let sample = Sample {
            y: history.values(),
            slots: &slots,
            spd: timeline.slots_per_day(),
        };
        let (_, weights, noise) = self.select(&sample)?;
        let methods = candidates();
        let members: Vec<(f64, Core)> = weights
            .par_iter()
            .map(|&(m, w)| Core::fit(methods[m].as_ref(), &sample).map(|c| (w, c)))
            .collect::<Result<_>>()?;
        Ok(FittedModel::new(
            "auto",
            Box::new(Ensemble { members }),
            noise,
            timeline.clone(),
            history.len(),
        ))
    }
}

/// A weighted sum of fitted models.
#[derive(Debug)]
struct Ensemble {
    members: Vec<(f64, Core)>,
}

impl Engine for Ensemble {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        let mut out = vec![0.0; future.len()];
        for (w, core) in &self.members {
            out.iter_mut()
                .zip(core.point(future))
                .for_each(|(o, v)| *o += w * v);
        }
        out
    }
}
