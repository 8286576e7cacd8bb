//! Forecast-vs-actuals metrics per interval, local day and local week.

use chrono::{DateTime, Datelike};
use chrono_tz::Tz;

use crate::{Error, Forecast, Result};

/// Accuracy metrics of a forecast against actuals.
///
/// `mape` skips zero actuals; `mase` is present only when an in-sample scale was given;
/// `coverage` only when prediction intervals exist (interval granularity).
///
/// # Example
///
/// ```
/// use wfm_forecast::Metrics;
/// let m = Metrics::compute(&[10.0, 0.0, 30.0], &[12.0, 1.0, 27.0], None, Some(2.0))?;
/// assert!((m.mae - 2.0).abs() < 1e-12);
/// assert!((m.wape - 0.15).abs() < 1e-12);
/// assert!((m.accuracy - 0.85).abs() < 1e-12);
/// assert_eq!(m.mase, Some(1.0));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Metrics {
    /// Number of periods compared.
    pub count: usize,
    /// Sum of actuals.
    pub actual_total: f64,
    /// Sum of forecasts.
    pub forecast_total: f64,
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Weighted absolute percentage error: `sum |a - f| / sum a` (0 when both are 0).
    pub wape: f64,
    /// Mean absolute percentage error over non-zero actuals.
    pub mape: Option<f64>,
    /// Symmetric MAPE: mean of `2|a - f| / (|a| + |f|)`, pairs of zeros count as 0.
    pub smape: f64,
    /// Mean absolute scaled error: `mae / scale`.
    pub mase: Option<f64>,
    /// Mean of `actual - forecast` (positive: under-forecast).
    pub bias: f64,
    /// Share of actuals inside `[lower, upper]`.
    pub coverage: Option<f64>,
    /// `1 - wape`.
    pub accuracy: f64,
}

impl Metrics {
    /// Computes metrics for paired `actual` and `forecast` values; `bounds` are the optional
    /// prediction intervals, `scale` the MASE denominator (see [`mase_scale`]).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when lengths differ; [`Error::InvalidValue`] for a
    /// non-finite value.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::Metrics;
    /// let lower = [0.0, 0.0];
    /// let upper = [5.0, 1.0];
    /// let m = Metrics::compute(&[3.0, 2.0], &[3.0, 0.5], Some((&lower, &upper)), None)?;
    /// assert_eq!(m.coverage, Some(0.5));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn compute(
        actual: &[f64],
        forecast: &[f64],
        bounds: Option<(&[f64], &[f64])>,
        scale: Option<f64>,
    ) -> Result<Self> {
        check_len("forecast", actual.len(), forecast.len())?;
        if let Some((lo, hi)) = bounds {
            check_len("lower", actual.len(), lo.len())?;
            check_len("upper", actual.len(), hi.len())?;
        }
        for (index, &value) in actual.iter().chain(forecast).enumerate() {
            if !value.is_finite() {
                return Err(Error::InvalidValue { index, value });
            }
        }
        let n = actual.len();
        let nf = n.max(1) as f64;
        let (mut abs, mut sq, mut bias, mut smape, mut ape, mut ape_n) =
            (0.0, 0.0, 0.0, 0.0, 0.0, 0);
        for (&a, &f) in actual.iter().zip(forecast) {
            let e = a - f;
            abs += e.abs();
            sq += e * e;
            bias += e;
            let denom = a.abs() + f.abs();
            if denom > 0.0 {
                smape += 2.0 * e.abs() / denom;
            }
            if a != 0.0 {
                ape += (e / a).abs();
                ape_n += 1;
            }
        }
        let actual_total: f64 = actual.iter().sum();
        let wape = if actual_total.abs() > 0.0 {
            abs / actual_total.abs()
        } else if abs > 0.0 {
            1.0
        } else {
            0.0
        };
        let coverage = bounds.map(|(lo, hi)| {
            let inside = actual
                .iter()
                .zip(lo.iter().zip(hi))
                .filter(|(a, (l, h))| **a >= **l && **a <= **h)
                .count();
            inside as f64 / nf
        });
        let mae = abs / nf;
        Ok(Self {
            count: n,
            actual_total,
            forecast_total: forecast.iter().sum(),
            mae,
            rmse: (sq / nf).sqrt(),
            wape,
            mape: (ape_n > 0).then(|| ape / ape_n as f64),
            smape: smape / nf,
            mase: scale.filter(|s| *s > 0.0 && s.is_finite()).map(|s| mae / s),
            bias: bias / nf,
            coverage,
            accuracy: 1.0 - wape,
        })
    }
}

fn check_len(what: &'static str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            what,
            expected,
            got,
        })
    }
}

/// In-sample MAE of the seasonal naive forecast with lag `season` (the MASE scale);
/// `None` if the history is not longer than one season.
///
/// # Example
///
/// ```
/// let history = [1.0, 2.0, 4.0, 2.0];
/// assert_eq!(wfm_forecast::mase_scale(&history, 2), Some(1.5));
/// assert_eq!(wfm_forecast::mase_scale(&history, 4), None);
/// ```
#[must_use]
pub fn mase_scale(history: &[f64], season: usize) -> Option<f64> {
    if season == 0 || history.len() <= season {
        return None;
    }
    let n = history.len() - season;
    let sum: f64 = history[season..]
        .iter()
        .zip(history)
        .map(|(a, b)| (a - b).abs())
        .sum();
    Some(sum / n as f64)
}

/// Level at which forecast and actuals are compared.
///
/// # Example
///
/// ```
/// let g: wfm_forecast::Granularity = "day".parse()?;
/// assert_eq!(g, wfm_forecast::Granularity::Day);
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// Each forecast interval.
    Interval,
    /// Local days.
    Day,
    /// Local weeks starting on Monday.
    Week,
}

impl std::str::FromStr for Granularity {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "interval" => Ok(Self::Interval),
            "day" => Ok(Self::Day),
            "week" => Ok(Self::Week),
            other => Err(format!(
                "granularity must be interval, day or week, got {other:?}"
            )),
        }
    }
}

/// One row of a forecast-vs-actuals table.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Forecast, Granularity, compare};
/// let f = Forecast::from_point(0, 60, vec![1.0; 48]);
/// let (rows, _) = compare(&[2.0; 48], &f, chrono_tz::UTC, Granularity::Day, None)?;
/// assert_eq!(rows.len(), 2);
/// assert!((rows[0].delta - 24.0).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PeriodRow {
    /// UTC unix seconds of the period's first interval.
    pub start: i64,
    /// Sum of actuals.
    pub actual: f64,
    /// Sum of forecasts.
    pub forecast: f64,
    /// `actual - forecast`.
    pub delta: f64,
}

/// Compares `actual` with `forecast` at `granularity` (local days and weeks in `tz`):
/// the per-period rows and their metrics. `scale` is the interval-level MASE scale; it is
/// multiplied by the mean number of intervals per period for coarser levels.
///
/// # Errors
///
/// [`Error::LengthMismatch`] when lengths differ; [`Error::InvalidValue`] for a non-finite value.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Forecast, Granularity, compare};
/// let f = Forecast::from_point(0, 60, vec![10.0; 24]);
/// let (_, m) = compare(&[9.0; 24], &f, chrono_tz::UTC, Granularity::Interval, None)?;
/// assert!((m.accuracy - (1.0 - 1.0 / 9.0)).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub fn compare(
    actual: &[f64],
    forecast: &Forecast,
    tz: Tz,
    granularity: Granularity,
    scale: Option<f64>,
) -> Result<(Vec<PeriodRow>, Metrics)> {
    check_len("actuals", forecast.len(), actual.len())?;
    if granularity == Granularity::Interval {
        let rows = actual
            .iter()
            .zip(&forecast.point)
            .enumerate()
            .map(|(i, (&a, &f))| PeriodRow {
                start: forecast.interval_start(i),
                actual: a,
                forecast: f,
                delta: a - f,
            })
            .collect();
        let bounds = Some((forecast.lower.as_slice(), forecast.upper.as_slice()));
        let m = Metrics::compute(actual, &forecast.point, bounds, scale)?;
        return Ok((rows, m));
    }
    let mut rows: Vec<PeriodRow> = Vec::new();
    let mut last_key = None;
    for (i, (&a, &f)) in actual.iter().zip(&forecast.point).enumerate() {
        let start = forecast.interval_start(i);
        let local = DateTime::from_timestamp(start, 0)
            .ok_or(Error::TimestampOutOfRange { seconds: start })?
            .with_timezone(&tz)
            .date_naive();
        let key = match granularity {
            Granularity::Week => {
                local.iso_week().year() * 100 + i32::try_from(local.iso_week().week()).unwrap_or(0)
            }
            _ => local.num_days_from_ce(),
        };
        match rows.last_mut() {
            Some(r) if last_key == Some(key) => {
                r.actual += a;
                r.forecast += f;
                r.delta = r.actual - r.forecast;
            }
            _ => rows.push(PeriodRow {
                start,
                actual: a,
                forecast: f,
                delta: a - f,
            }),
        }
        last_key = Some(key);
    }
    let a: Vec<f64> = rows.iter().map(|r| r.actual).collect();
    let f: Vec<f64> = rows.iter().map(|r| r.forecast).collect();
    let per_period = actual.len() as f64 / rows.len().max(1) as f64;
    let m = Metrics::compute(&a, &f, None, scale.map(|s| s * per_period))?;
    Ok((rows, m))
}
