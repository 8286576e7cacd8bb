//! Historical average of the same interval-of-week over the last k weeks.

use crate::engine::{Engine, Method, Sample, fit_single};
use crate::models::seasonal_naive::KeyTable;
use crate::{Error, Fit, FittedModel, History, Result};

/// Baseline: the mean of the same local interval-of-week over the last `weeks` weeks
/// (8 by default). Ignores the holiday calendar.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, HistoricalAverage, History, Predict, Timeline};
/// // Two weeks of hourly data: 1s then 3s; the 2-week average is 2.
/// let mut y = vec![1.0; 24 * 7];
/// y.extend(vec![3.0; 24 * 7]);
/// let model = HistoricalAverage::new().weeks(2);
/// let f = model.fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(24, 0.95)?;
/// assert!(f.point.iter().all(|v| (v - 2.0).abs() < 1e-12));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoricalAverage {
    weeks: usize,
}

impl Default for HistoricalAverage {
    fn default() -> Self {
        Self { weeks: 8 }
    }
}

impl HistoricalAverage {
    /// The 8-week historical average.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::HistoricalAverage::new().weeks_used(), 8);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how many recent weeks are averaged (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::HistoricalAverage::new().weeks(4).weeks_used(), 4);
    /// ```
    #[must_use]
    pub fn weeks(mut self, weeks: usize) -> Self {
        self.weeks = weeks;
        self
    }

    /// How many recent weeks are averaged.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::HistoricalAverage::default().weeks_used(), 8);
    /// ```
    #[must_use]
    pub fn weeks_used(&self) -> usize {
        self.weeks
    }
}

impl Fit for HistoricalAverage {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        fit_single(self, history)
    }
}

impl Method for HistoricalAverage {
    fn name(&self) -> &'static str {
        "historical_average"
    }

    fn min_len(&self, spd: usize) -> usize {
        7 * spd
    }

    fn calendar_aware(&self) -> bool {
        false
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        if self.weeks == 0 {
            return Err(Error::InvalidParameter {
                name: "weeks",
                value: 0.0,
            });
        }
        Ok(Box::new(KeyTable::recent_mean(sample, self.weeks)))
    }
}
