//! Forecast output and the Fit -> Fitted -> Predict traits.

use crate::{History, Result};

/// Point forecasts with prediction intervals, one value per interval.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, Predict, SeasonalNaive, Timeline};
/// let week: Vec<f64> = (0..7 * 24 * 2).map(|i| (i % 24) as f64).collect();
/// let fitted = SeasonalNaive::new().fit(&History::new(Timeline::new(0, 60)?, week)?)?;
/// let forecast = fitted.predict(24, 0.95)?;
/// assert_eq!(forecast.point.len(), 24);
/// assert!(forecast.lower.iter().zip(&forecast.point).all(|(l, p)| l <= p));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Forecast {
    /// UTC unix seconds of the first forecast interval.
    pub start: i64,
    /// Interval length in minutes.
    pub interval_minutes: u32,
    /// Point forecasts (never negative).
    pub point: Vec<f64>,
    /// Lower bounds of the prediction intervals.
    pub lower: Vec<f64>,
    /// Upper bounds of the prediction intervals.
    pub upper: Vec<f64>,
    /// Nominal coverage of the prediction intervals, in `(0, 1)`.
    pub level: f64,
}

impl Forecast {
    /// Number of intervals.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::Forecast;
    /// let f = Forecast::from_point(0, 30, vec![1.0, 2.0]);
    /// assert_eq!(f.len(), 2);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.point.len()
    }

    /// Whether the forecast has no intervals.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_forecast::Forecast::from_point(0, 30, vec![]).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.point.is_empty()
    }

    /// A forecast without uncertainty: bounds equal the point (level 0.5 by convention).
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_forecast::Forecast::from_point(60, 15, vec![3.0]);
    /// assert_eq!(f.upper, vec![3.0]);
    /// assert_eq!(f.interval_start(0), 60);
    /// ```
    #[must_use]
    pub fn from_point(start: i64, interval_minutes: u32, point: Vec<f64>) -> Self {
        Self {
            start,
            interval_minutes,
            lower: point.clone(),
            upper: point.clone(),
            point,
            level: 0.5,
        }
    }

    /// UTC unix seconds of the start of interval `index`.
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_forecast::Forecast::from_point(0, 30, vec![0.0; 4]);
    /// assert_eq!(f.interval_start(3), 5400);
    /// ```
    #[must_use]
    pub fn interval_start(&self, index: usize) -> i64 {
        let index = i64::try_from(index).unwrap_or(i64::MAX);
        self.start
            .saturating_add(index.saturating_mul(i64::from(self.interval_minutes) * 60))
    }
}

/// A model configuration that can be fitted to a [`History`].
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, HistoricalAverage, History, Predict, Timeline};
/// let h = History::new(Timeline::new(0, 60)?, vec![2.0; 24 * 14])?;
/// let f = HistoricalAverage::new().fit(&h)?.predict(5, 0.9)?;
/// assert!(f.point.iter().all(|v| (v - 2.0).abs() < 1e-9));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub trait Fit {
    /// The fitted model.
    type Fitted: Predict;

    /// Fits the model.
    ///
    /// # Errors
    ///
    /// [`crate::Error::HistoryTooShort`] when the history is shorter than the model needs,
    /// or a configuration error.
    fn fit(&self, history: &History) -> Result<Self::Fitted>;
}

/// A fitted model that forecasts the intervals right after its history.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, Predict, SeasonalNaive, Timeline};
/// let h = History::new(Timeline::new(0, 60)?, vec![1.0; 24 * 7])?;
/// assert_eq!(SeasonalNaive::new().fit(&h)?.predict(3, 0.8)?.len(), 3);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub trait Predict {
    /// Forecasts `horizon` intervals with prediction intervals at `level` (e.g. 0.95).
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidHorizon`] for a zero horizon, [`crate::Error::InvalidLevel`]
    /// for a level outside `(0, 1)`.
    fn predict(&self, horizon: usize, level: f64) -> Result<Forecast>;
}
