//! Average handle time forecast per interval (volume-weighted).

use crate::history::check_values;
use crate::timeline::weeks_to_intervals;
use crate::{Error, History, Result};

/// Volume-weighted AHT by interval-of-week over the last `weeks` weeks of normal days,
/// falling back to the slot-of-day and then the overall weighted mean where a key had
/// no volume.
///
/// # Example
///
/// ```
/// use wfm_forecast::{AhtModel, History, Timeline};
/// let volume = History::new(Timeline::new(0, 60)?, vec![10.0; 24 * 14])?;
/// let aht = vec![300.0; 24 * 14];
/// let fitted = AhtModel::new().fit(&volume, &aht)?;
/// let next = fitted.predict(24)?;
/// assert!(next.iter().all(|a| (a - 300.0).abs() < 1e-9));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AhtModel {
    weeks: usize,
}

impl Default for AhtModel {
    fn default() -> Self {
        Self { weeks: 8 }
    }
}

impl AhtModel {
    /// The 8-week volume-weighted model.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::AhtModel::new(), wfm_forecast::AhtModel::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Weeks of history used (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert_ne!(wfm_forecast::AhtModel::new().weeks(4), wfm_forecast::AhtModel::new());
    /// ```
    #[must_use]
    pub fn weeks(mut self, weeks: usize) -> Self {
        self.weeks = weeks.max(1);
        self
    }

    /// Fits on interval volumes and their AHT in seconds (`aht[i]` is ignored where the
    /// volume is zero).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when lengths differ; [`Error::InvalidValue`] for a
    /// negative or non-finite AHT.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{AhtModel, History, Timeline};
    /// let volume = History::new(Timeline::new(0, 60)?, vec![1.0; 24])?;
    /// assert!(AhtModel::new().fit(&volume, &[300.0; 23]).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn fit(&self, volume: &History, aht: &[f64]) -> Result<FittedAht> {
        if aht.len() != volume.len() {
            return Err(Error::LengthMismatch {
                what: "aht",
                expected: volume.len(),
                got: aht.len(),
            });
        }
        check_values(aht)?;
        let timeline = volume.timeline();
        let spd = timeline.slots_per_day();
        let slots = timeline.slots(0..volume.len())?;
        let start = volume
            .len()
            .saturating_sub(weeks_to_intervals(self.weeks, spd));
        let mut key = vec![(0.0, 0.0); 7 * spd];
        let mut slot = vec![(0.0, 0.0); spd];
        let mut all = (0.0, 0.0);
        for ((&v, &a), s) in volume.values()[start..]
            .iter()
            .zip(&aht[start..])
            .zip(&slots[start..])
        {
            if v <= 0.0 || s.kind.is_special() {
                continue;
            }
            for acc in [
                &mut key[s.week_key(spd)],
                &mut slot[usize::from(s.slot)],
                &mut all,
            ] {
                acc.0 += v * a;
                acc.1 += v;
            }
        }
        let mean = |acc: (f64, f64)| (acc.1 > 0.0).then(|| acc.0 / acc.1);
        let overall = mean(all).unwrap_or(0.0);
        let slot_mean: Vec<f64> = slot.iter().map(|&a| mean(a).unwrap_or(overall)).collect();
        let by_key = key
            .iter()
            .enumerate()
            .map(|(k, &a)| mean(a).unwrap_or(slot_mean[k % spd]))
            .collect();
        Ok(FittedAht {
            by_key,
            timeline: timeline.clone(),
            len: volume.len(),
        })
    }
}

/// A fitted AHT model.
///
/// # Example
///
/// ```
/// use wfm_forecast::{AhtModel, History, Timeline};
/// let v = History::new(Timeline::new(0, 60)?, vec![1.0; 48])?;
/// assert_eq!(AhtModel::new().fit(&v, &[200.0; 48])?.predict(5)?.len(), 5);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedAht {
    by_key: Vec<f64>,
    timeline: crate::Timeline,
    len: usize,
}

impl FittedAht {
    /// AHT seconds for the `horizon` intervals after the history.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHorizon`] for a zero horizon.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{AhtModel, History, Timeline};
    /// let v = History::new(Timeline::new(0, 60)?, vec![1.0; 48])?;
    /// assert!(AhtModel::new().fit(&v, &[200.0; 48])?.predict(0).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn predict(&self, horizon: usize) -> Result<Vec<f64>> {
        if horizon == 0 || horizon > crate::timeline::max_horizon(self.timeline.slots_per_day()) {
            return Err(Error::InvalidHorizon { horizon });
        }
        let end = self
            .len
            .checked_add(horizon)
            .ok_or(Error::InvalidHorizon { horizon })?;
        let spd = self.timeline.slots_per_day();
        Ok(self
            .timeline
            .slots(self.len..end)?
            .iter()
            .map(|s| self.by_key[s.week_key(spd)])
            .collect())
    }
}
