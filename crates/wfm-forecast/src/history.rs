//! A validated interval series on a [`Timeline`].

use crate::{Error, Result, Timeline};

/// Interval volumes on a [`Timeline`]: finite, non-negative values, one per interval.
///
/// # Example
///
/// ```
/// use wfm_forecast::{History, Timeline};
/// let history = History::new(Timeline::new(0, 60)?, vec![1.0, 2.0, 3.0])?;
/// assert_eq!(history.len(), 3);
/// assert!(History::new(Timeline::new(0, 60)?, vec![-1.0]).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    timeline: Timeline,
    values: Vec<f64>,
}

impl History {
    /// Wraps `values` (interval `i` on `timeline`), checking each is finite and `>= 0`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the first bad index and value.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Error, History, Timeline};
    /// let err = History::new(Timeline::new(0, 30)?, vec![1.0, f64::NAN]).unwrap_err();
    /// assert!(matches!(err, Error::InvalidValue { index: 1, .. }));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(timeline: Timeline, values: Vec<f64>) -> Result<Self> {
        check_values(&values)?;
        Ok(Self { timeline, values })
    }

    /// The time axis.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{History, Timeline};
    /// let h = History::new(Timeline::new(0, 30)?, vec![0.0])?;
    /// assert_eq!(h.timeline().interval_minutes(), 30);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The interval values.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{History, Timeline};
    /// let h = History::new(Timeline::new(0, 30)?, vec![4.0])?;
    /// assert_eq!(h.values(), &[4.0]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Number of intervals.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{History, Timeline};
    /// assert_eq!(History::new(Timeline::new(0, 30)?, vec![])?.len(), 0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no intervals.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{History, Timeline};
    /// assert!(History::new(Timeline::new(0, 30)?, vec![])?.is_empty());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The first `len` intervals (all of them if `len` is larger).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{History, Timeline};
    /// let h = History::new(Timeline::new(0, 30)?, vec![1.0, 2.0, 3.0])?;
    /// assert_eq!(h.prefix(2).values(), &[1.0, 2.0]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn prefix(&self, len: usize) -> Self {
        Self {
            timeline: self.timeline.clone(),
            values: self.values[..len.min(self.values.len())].to_vec(),
        }
    }
}

/// Checks every value is finite and non-negative.
pub(crate) fn check_values(values: &[f64]) -> Result<()> {
    match values
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || **v < 0.0)
    {
        Some((index, &value)) => Err(Error::InvalidValue { index, value }),
        None => Ok(()),
    }
}
