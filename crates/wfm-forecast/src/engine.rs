//! Shared fitting machinery: every model is an [`Engine`] for normal days, wrapped with the
//! special-day layer, the closed-hours mask and calibrated prediction intervals.

use std::fmt::Debug;

use crate::days::ClosedMask;
use crate::noise::Noise;
use crate::special::SpecialDays;
use crate::timeline::{Slot, max_horizon};
use crate::{Error, Forecast, History, Predict, Result, Timeline};

/// Holdout used to calibrate a single model's intervals, in days.
const CALIBRATION_DAYS: usize = 14;

/// A training sample: values with their calendar facts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample<'a> {
    pub(crate) y: &'a [f64],
    pub(crate) slots: &'a [Slot],
    pub(crate) spd: usize,
}

impl<'a> Sample<'a> {
    /// The first `len` intervals.
    pub(crate) fn prefix(&self, len: usize) -> Sample<'a> {
        Sample {
            y: &self.y[..len],
            slots: &self.slots[..len],
            spd: self.spd,
        }
    }
}

/// A fitted model's normal-day point forecast.
pub(crate) trait Engine: Send + Sync + Debug {
    /// Point forecasts for `future`, the slots right after the training sample.
    fn point(&self, future: &[Slot]) -> Vec<f64>;
}

/// A model configuration.
pub(crate) trait Method: Send + Sync + Debug {
    /// Short name used in reports.
    fn name(&self) -> &'static str;
    /// Minimum history length in intervals.
    fn min_len(&self, spd: usize) -> usize;
    /// Whether the special-day layer and closed mask apply (false for plain baselines).
    fn calendar_aware(&self) -> bool {
        true
    }
    /// Fits the normal-day engine.
    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>>;
}

/// An engine with its post-processing layers.
#[derive(Debug)]
pub(crate) struct Core {
    engine: Box<dyn Engine>,
    special: Option<SpecialDays>,
    closed: Option<ClosedMask>,
}

impl Core {
    /// Fits `method` on `sample`.
    pub(crate) fn fit(method: &dyn Method, sample: &Sample<'_>) -> Result<Self> {
        let needed = method.min_len(sample.spd);
        if sample.y.len() < needed {
            return Err(Error::HistoryTooShort {
                model: method.name(),
                needed,
                got: sample.y.len(),
            });
        }
        let engine = method.fit_engine(sample)?;
        let (special, closed) = if method.calendar_aware() {
            (
                Some(SpecialDays::learn(sample.y, sample.slots, sample.spd)),
                Some(ClosedMask::learn(sample.y, sample.slots, sample.spd)),
            )
        } else {
            (None, None)
        };
        Ok(Self {
            engine,
            special,
            closed,
        })
    }

    /// Non-negative finite point forecasts for `future`.
    pub(crate) fn point(&self, future: &[Slot]) -> Vec<f64> {
        let mut p = self.engine.point(future);
        p.resize(future.len(), 0.0);
        sanitize(&mut p);
        // Mask first so special days start from a clean normal-day shape, then again
        // after reshaping for normal and closed days.
        if let Some(closed) = &self.closed {
            closed.apply(future, &mut p, true);
        }
        if let Some(special) = &self.special {
            special.apply(future, &mut p);
        }
        if let Some(closed) = &self.closed {
            closed.apply(future, &mut p, false);
        }
        sanitize(&mut p);
        p
    }
}

impl Engine for Core {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        Core::point(self, future)
    }
}

/// Replaces NaN/negative values by zero.
pub(crate) fn sanitize(values: &mut [f64]) {
    for v in values {
        if !v.is_finite() || *v < 0.0 {
            *v = 0.0;
        }
    }
}

/// `(forecast, actual)` pairs from fitting `method` on all but the last `holdout`
/// intervals of `sample` and forecasting them; empty if the prefix is too short.
pub(crate) fn holdout_pairs(
    method: &dyn Method,
    sample: &Sample<'_>,
    holdout: usize,
) -> Vec<(f64, f64)> {
    let n = sample.y.len();
    if holdout == 0 || n <= holdout {
        return Vec::new();
    }
    let cut = n - holdout;
    match Core::fit(method, &sample.prefix(cut)) {
        Ok(core) => core
            .point(&sample.slots[cut..])
            .into_iter()
            .zip(sample.y[cut..].iter().copied())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A fitted model of any kind, ready to forecast the intervals after its history.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, FittedModel, History, Predict, SeasonalNaive, Timeline};
/// let h = History::new(Timeline::new(0, 60)?, vec![1.0; 24 * 14])?;
/// let fitted: FittedModel = SeasonalNaive::new().fit(&h)?;
/// assert_eq!(fitted.name(), "seasonal_naive");
/// assert_eq!(fitted.predict(24, 0.95)?.len(), 24);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug)]
pub struct FittedModel {
    name: &'static str,
    core: Box<dyn Engine>,
    noise: Noise,
    timeline: Timeline,
    len: usize,
}

impl FittedModel {
    pub(crate) fn new(
        name: &'static str,
        core: Box<dyn Engine>,
        noise: Noise,
        timeline: Timeline,
        len: usize,
    ) -> Self {
        Self {
            name,
            core,
            noise,
            timeline,
            len,
        }
    }

    /// The model's short name (for example `holt_winters`).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Fit, HistoricalAverage, History, Timeline};
    /// let h = History::new(Timeline::new(0, 60)?, vec![1.0; 24 * 14])?;
    /// assert_eq!(HistoricalAverage::new().fit(&h)?.name(), "historical_average");
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Number of history intervals the model was fitted on.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Fit, History, SeasonalNaive, Timeline};
    /// let h = History::new(Timeline::new(0, 60)?, vec![1.0; 24 * 8])?;
    /// assert_eq!(SeasonalNaive::new().fit(&h)?.history_len(), 192);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn history_len(&self) -> usize {
        self.len
    }

    /// The timeline of the history (the forecast continues it).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Fit, History, SeasonalNaive, Timeline};
    /// let h = History::new(Timeline::new(0, 60)?, vec![1.0; 24 * 8])?;
    /// assert_eq!(SeasonalNaive::new().fit(&h)?.timeline().interval_minutes(), 60);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }
}

impl Predict for FittedModel {
    fn predict(&self, horizon: usize, level: f64) -> Result<Forecast> {
        if horizon == 0 || horizon > max_horizon(self.timeline.slots_per_day()) {
            return Err(Error::InvalidHorizon { horizon });
        }
        if !(level > 0.0 && level < 1.0) {
            return Err(Error::InvalidLevel { level });
        }
        let end = self
            .len
            .checked_add(horizon)
            .ok_or(Error::InvalidHorizon { horizon })?;
        let future = self.timeline.slots(self.len..end)?;
        let point = self.core.point(&future);
        let (lower, upper) = point.iter().map(|&mu| self.noise.bounds(mu, level)).unzip();
        Ok(Forecast {
            start: self.timeline.interval_start(self.len)?.timestamp(),
            interval_minutes: self.timeline.interval_minutes(),
            point,
            lower,
            upper,
            level,
        })
    }
}

/// Fits a single model on a history: the engine on all of it, the intervals on a
/// 14-day holdout at its end.
pub(crate) fn fit_single(method: &dyn Method, history: &History) -> Result<FittedModel> {
    let timeline = history.timeline();
    let slots = timeline.slots(0..history.len())?;
    let sample = Sample {
        y: history.values(),
        slots: &slots,
        spd: timeline.slots_per_day(),
    };
    let core = Core::fit(method, &sample)?;
    let holdout = (CALIBRATION_DAYS * sample.spd).min(sample.y.len() / 4);
    let noise = Noise::from_pairs(&holdout_pairs(method, &sample, holdout));
    Ok(FittedModel::new(
        method.name(),
        Box::new(core),
        noise,
        timeline.clone(),
        history.len(),
    ))
}
