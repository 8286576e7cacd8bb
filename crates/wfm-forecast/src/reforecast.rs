//! Intraday re-forecast: scale the rest of today by how today is running so far.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::{Error, Forecast, Result};

/// Updates `forecast` with today's actuals so far: `actual[i]` replaces interval `i` of the
/// forecast (`actual` covers its first intervals), and the remaining intervals of the same
/// local day (in `tz`) are scaled by `(A + s) / (F + s)`, where `A` and `F` are actual and
/// forecast volume so far and `s = strength x forecast day total` shrinks the ratio toward 1
/// early in the day. Later days are unchanged.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `actual` is longer than the forecast;
/// [`Error::InvalidValue`] for a negative or non-finite actual;
/// [`Error::InvalidParameter`] for a negative or non-finite `strength`.
///
/// # Example
///
/// ```
/// use wfm_forecast::{Forecast, reforecast_intraday};
/// let f = Forecast::from_point(0, 60, vec![10.0; 24]);
/// // The first 12 hours ran at 20 per hour; with no shrinkage the rest doubles.
/// let updated = reforecast_intraday(&f, &[20.0; 12], chrono_tz::UTC, 0.0)?;
/// assert!((updated.point[12] - 20.0).abs() < 1e-9);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub fn reforecast_intraday(
    forecast: &Forecast,
    actual: &[f64],
    tz: Tz,
    strength: f64,
) -> Result<Forecast> {
    if actual.len() > forecast.len() {
        return Err(Error::LengthMismatch {
            what: "actuals so far",
            expected: forecast.len(),
            got: actual.len(),
        });
    }
    crate::history::check_values(actual)?;
    if !(strength.is_finite() && strength >= 0.0) {
        return Err(Error::InvalidParameter {
            name: "strength",
            value: strength,
        });
    }
    let mut out = forecast.clone();
    let Some(last) = actual.len().checked_sub(1) else {
        return Ok(out);
    };
    let date_of = |i: usize| -> Result<chrono::NaiveDate> {
        let t = forecast.interval_start(i);
        Ok(DateTime::from_timestamp(t, 0)
            .ok_or(Error::TimestampOutOfRange { seconds: t })?
            .with_timezone(&tz)
            .date_naive())
    };
    let today = date_of(last)?;
    let mut day_start = last;
    while day_start > 0 && date_of(day_start - 1)? == today {
        day_start -= 1;
    }
    let mut day_end = actual.len();
    while day_end < forecast.len() && date_of(day_end)? == today {
        day_end += 1;
    }
    let so_far_actual: f64 = actual[day_start..].iter().sum();
    let so_far_forecast: f64 = forecast.point[day_start..actual.len()].iter().sum();
    let day_total: f64 = forecast.point[day_start..day_end].iter().sum();
    let s = strength * day_total;
    let ratio = if so_far_forecast + s > 0.0 {
        (so_far_actual + s) / (so_far_forecast + s)
    } else {
        1.0
    };
    for (i, &a) in actual.iter().enumerate() {
        out.point[i] = a;
        out.lower[i] = a;
        out.upper[i] = a;
    }
    for i in actual.len()..day_end {
        out.point[i] *= ratio;
        out.lower[i] *= ratio;
        out.upper[i] *= ratio;
    }
    Ok(out)
}
