//! Top-down: daily totals (weekday factors x smoothed level, optional damped trend)
//! spread over intraday profiles per weekday.

use crate::day_of_month::DayOfMonth;
use crate::days::{Day, group_days};
use crate::engine::{Core, Engine, Method, Sample, fit_single};
use crate::timeline::Slot;
use crate::{DayKind, Error, Fit, FittedModel, Forecast, History, Result};

/// Top-down model: forecasts each local day's total, then spreads it over that weekday's
/// recent intraday profile. Holidays, eves and events are excluded from the normal-day
/// estimates and handled by the special-day layer.
///
/// Daily totals are `level x weekday factor`: factors from the last `weeks` occurrences of
/// each weekday, the level an exponentially weighted (half-life `half_life_days`) weighted
/// least-squares fit of the weekday-adjusted totals, with an optional damped trend.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Fit, History, Predict, Timeline, TopDown};
/// let y: Vec<f64> = (0..24 * 28).map(|i| if i % 24 < 12 { 4.0 } else { 0.0 }).collect();
/// let f = TopDown::new().fit(&History::new(Timeline::new(0, 60)?, y)?)?.predict(24, 0.95)?;
/// assert!((f.point[3] - 4.0).abs() < 1e-9 && f.point[20].abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TopDown {
    weeks: usize,
    profile_weeks: usize,
    half_life_days: f64,
    trend: bool,
    damping: f64,
    day_of_month: bool,
}

impl Default for TopDown {
    fn default() -> Self {
        Self {
            weeks: 8,
            profile_weeks: 6,
            half_life_days: 14.0,
            trend: false,
            damping: 0.95,
            day_of_month: false,
        }
    }
}

impl TopDown {
    /// The default configuration (8 weeks, 6-week profiles, 14-day half-life, no trend).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::TopDown::new();
    /// assert_eq!(m, wfm_forecast::TopDown::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Weeks of each weekday used for the weekday factors and level (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::TopDown::new().weeks(4);
    /// assert_ne!(m, wfm_forecast::TopDown::new());
    /// ```
    #[must_use]
    pub fn weeks(mut self, weeks: usize) -> Self {
        self.weeks = weeks;
        self
    }

    /// Weeks of each weekday pooled into its intraday profile (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::TopDown::new().profile_weeks(3);
    /// assert_ne!(m, wfm_forecast::TopDown::new());
    /// ```
    #[must_use]
    pub fn profile_weeks(mut self, weeks: usize) -> Self {
        self.profile_weeks = weeks;
        self
    }

    /// Half-life in days of the level's exponential weights (> 0).
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::TopDown::new().half_life_days(7.0);
    /// assert_ne!(m, wfm_forecast::TopDown::new());
    /// ```
    #[must_use]
    pub fn half_life_days(mut self, days: f64) -> Self {
        self.half_life_days = days;
        self
    }

    /// Adds a damped linear trend with damping factor `damping` in `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::TopDown::new().damped_trend(0.9);
    /// assert_ne!(m, wfm_forecast::TopDown::new());
    /// ```
    #[must_use]
    pub fn damped_trend(mut self, damping: f64) -> Self {
        self.trend = true;
        self.damping = damping;
        self
    }

    /// Learns day-of-month factors for the daily totals (paydays, billing cycles): each
    /// normal day's total against the same weekday one and two weeks either side, smoothed
    /// over neighbouring dates and shrunk toward 1.
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_forecast::TopDown::new().day_of_month(true);
    /// assert_ne!(m, wfm_forecast::TopDown::new());
    /// ```
    #[must_use]
    pub fn day_of_month(mut self, enabled: bool) -> Self {
        self.day_of_month = enabled;
        self
    }

    /// Distributes given local-day totals over intervals (the "forecast totals" workflow):
    /// `totals[d]` is spread over the `d`-th local day after the history with the shape this
    /// model forecasts for it (weekday profile, holiday shape, closed hours). A day the
    /// model expects to be empty gets its total spread evenly. The history should end at a
    /// day boundary; otherwise the first day is the rest of the current day.
    ///
    /// # Errors
    ///
    /// As for [`Fit::fit`]; [`Error::InvalidValue`] for a negative or non-finite total.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{History, Timeline, TopDown};
    /// let y: Vec<f64> = (0..24 * 28).map(|i| if i % 24 < 12 { 1.0 } else { 3.0 }).collect();
    /// let h = History::new(Timeline::new(0, 60)?, y)?;
    /// let f = TopDown::new().distribute(&h, &[480.0])?;
    /// assert_eq!(f.len(), 24);
    /// assert!((f.point[0] - 10.0).abs() < 1e-9 && (f.point[23] - 30.0).abs() < 1e-9);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn distribute(&self, history: &History, totals: &[f64]) -> Result<Forecast> {
        crate::history::check_values(totals)?;
        if totals.len() > 3660 {
            return Err(Error::InvalidHorizon {
                horizon: totals.len(),
            });
        }
        let timeline = history.timeline();
        let spd = timeline.slots_per_day();
        let n = history.len();
        let slots = timeline.slots(0..n)?;
        let sample = Sample {
            y: history.values(),
            slots: &slots,
            spd,
        };
        let core = Core::fit(self, &sample)?;
        let mut future = timeline.slots(n..n + (totals.len() + 1) * (spd + spd / 8 + 1))?;
        let days = group_days(&future, &[], spd);
        let end = days.get(totals.len()).map_or(future.len(), |d| d.start);
        future.truncate(end);
        let mut point = core.point(&future);
        for (d, &total) in group_days(&future, &point, spd).iter().zip(totals) {
            let part = &mut point[d.start..d.end];
            if d.total > 0.0 {
                part.iter_mut().for_each(|v| *v *= total / d.total);
            } else {
                let each = total / part.len() as f64;
                part.iter_mut().for_each(|v| *v = each);
            }
        }
        Ok(Forecast::from_point(
            timeline.interval_start(n)?.timestamp(),
            timeline.interval_minutes(),
            point,
        ))
    }

    fn validate(&self) -> Result<()> {
        if self.weeks == 0 {
            return Err(Error::InvalidParameter {
                name: "weeks",
                value: 0.0,
            });
        }
        if self.profile_weeks == 0 {
            return Err(Error::InvalidParameter {
                name: "profile_weeks",
                value: 0.0,
            });
        }
        if !(self.half_life_days > 0.0 && self.half_life_days.is_finite()) {
            return Err(Error::InvalidParameter {
                name: "half_life_days",
                value: self.half_life_days,
            });
        }
        if !(0.0..=1.0).contains(&self.damping) {
            return Err(Error::InvalidParameter {
                name: "damping",
                value: self.damping,
            });
        }
        Ok(())
    }
}

impl Fit for TopDown {
    type Fitted = FittedModel;

    fn fit(&self, history: &History) -> Result<FittedModel> {
        fit_single(self, history)
    }
}

impl Method for TopDown {
    fn name(&self) -> &'static str {
        match (self.trend, self.day_of_month) {
            (false, false) => "top_down",
            (true, false) => "top_down_trend",
            (false, true) => "top_down_dom",
            (true, true) => "top_down_trend_dom",
        }
    }

    fn min_len(&self, spd: usize) -> usize {
        14 * spd
    }

    fn fit_engine(&self, sample: &Sample<'_>) -> Result<Box<dyn Engine>> {
        self.validate()?;
        let days = group_days(sample.slots, sample.y, sample.spd);
        let normal: Vec<&Day> = days
            .iter()
            .filter(|d| d.complete && d.kind == DayKind::Normal)
            .collect();
        let dom = self.day_of_month.then(|| DayOfMonth::learn(&days));
        let dom_factor = |m: u8| dom.as_ref().map_or(1.0, |f| f.factor(m));
        let profile =
            DailyProfile::learn(&normal, sample, self.weeks, self.profile_weeks, &dom_factor);
        let adjusted: Vec<(f64, f64)> = normal
            .iter()
            .rev()
            .take(self.weeks.saturating_mul(7))
            .filter_map(|d| {
                let f = profile.factor[usize::from(d.dow)] * dom_factor(d.dom);
                (f > 1e-9).then(|| (f64::from(d.day), d.total / f))
            })
            .collect();
        let last_day = sample.slots.last().map_or(0.0, |s| f64::from(s.day));
        let (level, slope) = weighted_line(&adjusted, last_day, self.half_life_days, self.trend);
        Ok(Box::new(TopDownEngine {
            profile,
            level,
            slope,
            damping: self.damping,
            last_day,
            dom,
        }))
    }
}

/// Weekday factors and intraday shares learned from recent normal days.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DailyProfile {
    spd: usize,
    /// Mean total of each weekday over the mean of all weekdays.
    pub(crate) factor: [f64; 7],
    /// Intraday shares per weekday (`7 * spd`, interval-of-week order).
    pub(crate) share: Vec<f64>,
}

impl DailyProfile {
    /// Factors from the last `weeks` and shares from the last `profile_weeks`
    /// occurrences of each weekday among `normal` days (in time order). Totals are
    /// divided by `dom_factor(day of month)` first.
    pub(crate) fn learn(
        normal: &[&Day],
        sample: &Sample<'_>,
        weeks: usize,
        profile_weeks: usize,
        dom_factor: &dyn Fn(u8) -> f64,
    ) -> Self {
        let spd = sample.spd;
        let mut mean = [0.0; 7];
        let mut seen = [0usize; 7];
        let mut share_seen = [0usize; 7];
        let mut share = vec![0.0; 7 * spd];
        let mut share_total = [0.0; 7];
        for d in normal.iter().rev() {
            let w = usize::from(d.dow);
            if seen[w] < weeks {
                mean[w] += d.total / dom_factor(d.dom);
                seen[w] += 1;
            }
            if share_seen[w] < profile_weeks {
                share_seen[w] += 1;
                share_total[w] += d.total;
                for i in d.start..d.end {
                    share[w * spd + usize::from(sample.slots[i].slot)] += sample.y[i];
                }
            }
        }
        for w in 0..7 {
            if seen[w] > 0 {
                mean[w] /= seen[w] as f64;
            }
            let row = &mut share[w * spd..(w + 1) * spd];
            if share_total[w] > 0.0 {
                row.iter_mut().for_each(|v| *v /= share_total[w]);
            } else {
                row.iter_mut().for_each(|v| *v = 1.0 / spd as f64);
            }
        }
        let known: Vec<f64> = (0..7).filter(|&w| seen[w] > 0).map(|w| mean[w]).collect();
        let overall = known.iter().sum::<f64>() / known.len().max(1) as f64;
        let mut factor = [1.0; 7];
        for w in 0..7 {
            if seen[w] > 0 && overall > 0.0 {
                factor[w] = mean[w] / overall;
            }
        }
        Self { spd, factor, share }
    }

    /// Share of the day's total falling in `slot`.
    pub(crate) fn share(&self, slot: Slot) -> f64 {
        self.share[slot.week_key(self.spd)]
    }
}

/// Exponentially weighted least squares of `(day, value)` against `day - last_day`:
/// returns the fitted value at `last_day` and the slope (0 without trend).
pub(crate) fn weighted_line(
    points: &[(f64, f64)],
    last_day: f64,
    half_life: f64,
    trend: bool,
) -> (f64, f64) {
    let decay = std::f64::consts::LN_2 / half_life;
    let (mut sw, mut sx, mut sy, mut sxx, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(day, v) in points {
        let x = day - last_day;
        let w = (decay * x).exp();
        sw += w;
        sx += w * x;
        sy += w * v;
        sxx += w * x * x;
        sxy += w * x * v;
    }
    if sw <= 0.0 {
        return (0.0, 0.0);
    }
    let mean_y = sy / sw;
    let det = sw * sxx - sx * sx;
    if !trend || det.abs() < 1e-9 * sw * sw.max(1.0) {
        return (mean_y, 0.0);
    }
    let slope = (sw * sxy - sx * sy) / det;
    let intercept = (sy - slope * sx) / sw;
    (intercept, slope)
}

#[derive(Debug)]
struct TopDownEngine {
    profile: DailyProfile,
    level: f64,
    slope: f64,
    damping: f64,
    last_day: f64,
    dom: Option<DayOfMonth>,
}

impl Engine for TopDownEngine {
    fn point(&self, future: &[Slot]) -> Vec<f64> {
        future
            .iter()
            .map(|s| {
                let h = (f64::from(s.day) - self.last_day).max(0.0);
                let growth = if (self.damping - 1.0).abs() < 1e-12 {
                    h
                } else {
                    self.damping * (1.0 - self.damping.powf(h)) / (1.0 - self.damping)
                };
                let total = (self.level + self.slope * growth).max(0.0)
                    * self.profile.factor[usize::from(s.dow)]
                    * self.dom.as_ref().map_or(1.0, |f| f.factor(s.dom));
                total * self.profile.share(*s)
            })
            .collect()
    }
}
