//! Manual adjustments: a separate layer applied on top of a forecast.

use crate::{Error, Forecast, Result};

/// What an adjustment does to each interval in its range.
///
/// # Example
///
/// ```
/// use wfm_forecast::AdjustmentKind;
/// assert_eq!(AdjustmentKind::Multiply(1.5).apply(10.0), 15.0);
/// assert_eq!(AdjustmentKind::Add(-20.0).apply(10.0), 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AdjustmentKind {
    /// Multiply by a factor (`>= 0`).
    Multiply(f64),
    /// Add an amount per interval (negative lowers); results are floored at zero.
    Add(f64),
}

impl AdjustmentKind {
    /// Applies the adjustment to one value (never below zero).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::AdjustmentKind::Add(2.5).apply(1.0), 3.5);
    /// ```
    #[must_use]
    pub fn apply(self, value: f64) -> f64 {
        match self {
            Self::Multiply(f) => (value * f).max(0.0),
            Self::Add(a) => (value + a).max(0.0),
        }
    }
}

/// One manual adjustment over `[start, end)` (UTC unix seconds), optionally limited
/// to one queue.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Adjustment, AdjustmentKind};
/// let a = Adjustment::new(0, 3600, AdjustmentKind::Multiply(1.2))?.for_queue("billing");
/// assert_eq!(a.queue(), Some("billing"));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    start: i64,
    end: i64,
    kind: AdjustmentKind,
    queue: Option<String>,
}

impl Adjustment {
    /// An adjustment of every queue over `[start, end)`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRange`] when `end <= start`; [`Error::InvalidParameter`] for a
    /// negative or non-finite factor or a non-finite amount.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind};
    /// assert!(Adjustment::new(10, 0, AdjustmentKind::Add(1.0)).is_err());
    /// assert!(Adjustment::new(0, 10, AdjustmentKind::Multiply(-1.0)).is_err());
    /// ```
    pub fn new(start: i64, end: i64, kind: AdjustmentKind) -> Result<Self> {
        if end <= start {
            return Err(Error::InvalidRange { start, end });
        }
        match kind {
            AdjustmentKind::Multiply(f) if !(f.is_finite() && f >= 0.0) => {
                return Err(Error::InvalidParameter {
                    name: "factor",
                    value: f,
                });
            }
            AdjustmentKind::Add(a) if !a.is_finite() => {
                return Err(Error::InvalidParameter {
                    name: "amount",
                    value: a,
                });
            }
            _ => {}
        }
        Ok(Self {
            start,
            end,
            kind,
            queue: None,
        })
    }

    /// Limits the adjustment to one queue id.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind};
    /// let a = Adjustment::new(0, 60, AdjustmentKind::Add(1.0))?.for_queue("q1");
    /// assert!(a.applies_to(Some("q1")) && !a.applies_to(Some("q2")));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn for_queue(mut self, queue: impl Into<String>) -> Self {
        self.queue = Some(queue.into());
        self
    }

    /// The queue the adjustment is limited to, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind};
    /// assert_eq!(Adjustment::new(0, 60, AdjustmentKind::Add(1.0))?.queue(), None);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn queue(&self) -> Option<&str> {
        self.queue.as_deref()
    }

    /// Whether the adjustment applies to a forecast of `queue` (`None`: unnamed forecast,
    /// which only queue-less adjustments touch).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind};
    /// assert!(Adjustment::new(0, 60, AdjustmentKind::Add(1.0))?.applies_to(None));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn applies_to(&self, queue: Option<&str>) -> bool {
        self.queue.as_deref().is_none_or(|q| Some(q) == queue)
    }
}

/// An ordered layer of manual adjustments, applied after the forecast so the
/// baseline stays available. Adjustments apply in insertion order.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Adjustment, AdjustmentKind, Adjustments, Forecast};
/// let baseline = Forecast::from_point(0, 30, vec![10.0; 4]);
/// let layer = Adjustments::new()
///     .with(Adjustment::new(0, 3600, AdjustmentKind::Multiply(2.0))?)
///     .with(Adjustment::new(1800, 7200, AdjustmentKind::Add(1.0))?);
/// let adjusted = layer.apply(&baseline, None);
/// assert_eq!(adjusted.point, vec![20.0, 21.0, 11.0, 11.0]);
/// assert_eq!(baseline.point, vec![10.0; 4]);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Adjustments {
    list: Vec<Adjustment>,
}

impl Adjustments {
    /// An empty layer.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_forecast::Adjustments::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an adjustment.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind, Adjustments};
    /// let l = Adjustments::new().with(Adjustment::new(0, 1, AdjustmentKind::Add(1.0))?);
    /// assert_eq!(l.len(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with(mut self, adjustment: Adjustment) -> Self {
        self.list.push(adjustment);
        self
    }

    /// Appends every adjustment of `other` after this layer's (composition).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind, Adjustments};
    /// let a = Adjustments::new().with(Adjustment::new(0, 1, AdjustmentKind::Add(1.0))?);
    /// assert_eq!(a.clone().then(a).len(), 2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn then(mut self, other: Adjustments) -> Self {
        self.list.extend(other.list);
        self
    }

    /// Number of adjustments.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Adjustments::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the layer is empty.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_forecast::Adjustments::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Returns the adjusted forecast for `queue`; an interval is adjusted when its start
    /// lies in an adjustment's range. Bounds move with the point (scaled or shifted).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Adjustment, AdjustmentKind, Adjustments, Forecast};
    /// let f = Forecast::from_point(0, 60, vec![5.0, 5.0]);
    /// let l = Adjustments::new().with(Adjustment::new(0, 3600, AdjustmentKind::Add(-10.0))?);
    /// assert_eq!(l.apply(&f, None).point, vec![0.0, 5.0]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn apply(&self, forecast: &Forecast, queue: Option<&str>) -> Forecast {
        let mut out = forecast.clone();
        for a in self.list.iter().filter(|a| a.applies_to(queue)) {
            for i in 0..out.len() {
                let t = out.interval_start(i);
                if t >= a.start && t < a.end {
                    out.point[i] = a.kind.apply(out.point[i]);
                    out.lower[i] = a.kind.apply(out.lower[i]).min(out.point[i]);
                    out.upper[i] = a.kind.apply(out.upper[i]).max(out.point[i]);
                }
            }
        }
        out
    }
}
