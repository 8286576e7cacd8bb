//! Weekly seasonal naive: each interval repeats the same interval-of-week last seen.

use crate::engine::{Engine, Method, Sample, fit_single};
use crate::timeline::Slot;
use crate::{Fit, FittedModel, History, Result};

/// Weekly seasonal naive baseline: the forecast for an interval is the value of the same
/// local interval-of-week in the most recent week. Ignores the holiday calendar.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, Predict, SeasonalNaive, Timeline};
/// let y: Vec<f64> = (0..24 * 14).map(|i| (i % 24) as f64).collect();
/// let f = SeasonalNaive::new().fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(24, 0.95)?;
/// assert!((f.point[5] - 5.0).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SeasonalNaive;

impl SeasonalNaive {
    /// The weekly seasonal naive model.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::SeasonalNaive::new(), wfm_forecast::SeasonalNaive);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self
    }
}

impl Fit for SeasonalNaive {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        fit_single(self, history)
    }
}

impl Method for SeasonalNaive {
    fn name(&self) -> &'static str {
        "seasonal_naive"
    }

    fn min_len(&self, spd: usize) -> usize {
        7 * spd
    }

    fn calendar_aware(&self) -> bool {
        false
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        Ok(Box::new(KeyTable::recent_mean(sample, 1)))
    }
}

/// A value per interval-of-week, with a per-slot fallback for keys never seen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KeyTable {
    spd: usize,
    by_key: Vec<Option<f64>>,
    by_slot: Vec<f64>,
}

impl KeyTable {
    /// Mean of the last `weeks` occurrences of each interval-of-week.
    pub(crate) fn recent_mean(sample: &Sample<'_>, weeks: usize) -> Self {
        let spd = sample.spd;
        let mut sum = vec![0.0; 7 * spd];
        let mut count = vec![0usize; 7 * spd];
        let mut by_slot = vec![None; spd];
        for (v, s) in sample.y.iter().zip(sample.slots).rev() {
            let k = s.week_key(spd);
            if count[k] < weeks {
                sum[k] += v;
                count[k] += 1;
            }
            let slot = usize::from(s.slot);
            if by_slot[slot].is_none() {
                by_slot[slot] = Some(*v);
            }
        }
        let by_key = sum
            .iter()
            .zip(&count)
            .map(|(s, &c)| (c > 0).then(|| s / c as f64))
            .collect();
        Self {
            spd,
            by_key,
            by_slot: by_slot.into_iter().map(|v| v.unwrap_or(0.0)).collect(),
        }
    }
}

impl Engine for KeyTable {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        future
            .iter()
            .map(|s| {
                self.by_key[s.week_key(self.spd)]
                    .unwrap_or_else(|| self.by_slot[usize::from(s.slot)])
            })
            .collect()
    }
}
