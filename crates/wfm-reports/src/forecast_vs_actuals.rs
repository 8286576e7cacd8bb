//! Forecast vs actuals: forecast intervals joined with the conversations they predicted.
//!
//! Accuracy metrics (MAE, WAPE, MASE...) belong to `wfm-forecast`; the rows returned
//! here carry paired `forecasted` and `actual` values ready for its metrics, e.g.
//! `wfm_forecast::Metrics::compute(&actual, &forecasted, None, None)`.

use std::collections::HashMap;

use rayon::prelude::*;
use wfm_core::ForecastInterval;

use crate::error::{Error, Result};
use crate::filter::ReportFilter;
use crate::input::Channel;
use crate::record::Fact;
use crate::stats::mean;
use crate::store::ConversationStore;

/// One forecast interval next to its actuals (`delta = actual - forecasted`, as in
/// Assembled's forecasted-vs-actuals example).
///
/// # Example
///
/// See [`forecast_vs_actuals`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ForecastVsActualRow {
    /// The forecast interval.
    pub forecast: ForecastInterval,
    /// Conversations started in the interval, in the forecast's queue and channel.
    pub actual: f64,
    /// `actual - forecast.volume`.
    pub delta: f64,
    /// Actual mean handle time in seconds.
    pub actual_aht_seconds: Option<f64>,
}

type Key = (u32, Channel);
/// Forecast intervals of one key: `(start, end, index in the input)`, sorted.
type Spans = Vec<(i64, i64, usize)>;

/// Joins forecast intervals with the conversations accepted by `filter`, one row per
/// forecast interval in input order. A conversation counts in every interval whose
/// range contains its `started_at` and whose queue and channel match.
///
/// # Errors
///
/// [`Error::InvalidForecast`] for an empty or reversed interval, a non-finite or
/// negative volume, or two intervals of the same queue and channel that overlap.
///
/// # Example
///
/// ```
/// use wfm_core::ForecastInterval;
/// use wfm_reports::*;
/// let mut store = ConversationStore::new();
/// let batch = [("a", 100), ("b", 200), ("c", 2000)].map(|(id, t)| {
///     let mut c = ConversationInput::new(id, Channel::Chat, t);
///     c.queue_id = Some("billing".into());
///     c
/// });
/// store.upsert(batch.to_vec());
/// let forecast = vec![
///     ForecastInterval::new("billing", Channel::Chat, 0, 30, 1.5, 300.0),
///     ForecastInterval::new("billing", Channel::Chat, 1800, 30, 2.0, 300.0),
/// ];
/// let rows = forecast_vs_actuals(&store, &forecast, &ReportFilter::default())?;
/// assert_eq!((rows[0].actual, rows[0].delta), (2.0, 0.5));
/// assert_eq!((rows[1].actual, rows[1].delta), (1.0, -1.0));
/// # Ok::<(), wfm_reports::Error>(())
/// ```
pub fn forecast_vs_actuals(
    store: &ConversationStore,
    forecast: &[ForecastInterval],
    filter: &ReportFilter,
) -> Result<Vec<ForecastVsActualRow>> {
    let invalid = |index: usize, reason: String| Error::InvalidForecast { index, reason };
    // Index the intervals per (queue, channel), sorted by start.
    let mut index: HashMap<Key, Spans> = HashMap::new();
    for (i, f) in forecast.iter().enumerate() {
        if f.end_time <= f.start_time {
            return Err(invalid(
                i,
                format!(
                    "end_time {} is not after start_time {}",
                    f.end_time, f.start_time
                ),
            ));
        }
        if !f.volume.is_finite() || f.volume < 0.0 {
            return Err(invalid(
                i,
                format!("volume must be finite and >= 0, got {}", f.volume),
            ));
        }
        // A queue the store has never seen matches nothing: no index entry needed.
        let Some(queue) = store.queues.get(f.queue_id.as_str()) else {
            continue;
        };
        index
            .entry((queue, f.channel))
            .or_default()
            .push((f.start_time, f.end_time, i));
    }
    for list in index.values_mut() {
        list.sort_unstable();
        if let Some(w) = list.windows(2).find(|w| w[1].0 < w[0].1) {
            return Err(invalid(
                w[1].2,
                format!("overlaps forecast interval {}", w[0].2),
            ));
        }
    }
    let lists: Vec<(Key, Spans)> = index.into_iter().collect();
    let filter = filter.compile(store);
    let n = forecast.len();
    let find = |list: &[(i64, i64, usize)], t: i64| {
        let k = list.partition_point(|r| r.0 <= t);
        k.checked_sub(1)
            .map(|k| list[k])
            .filter(|r| t < r.1)
            .map(|r| r.2)
    };
    let matches = |key: &Key, f: &Fact| key.0 == f.queue && key.1 == f.channel;
    let threads = rayon::current_num_threads().max(1);
    let chunk = store.facts().len().div_ceil(threads).max(4096);
    let sums = store
        .facts()
        .par_chunks(chunk)
        .map(|part| {
            let mut acc = vec![(0u64, 0.0f64, 0u64); n];
            for f in part.iter().filter(|f| filter.accepts(f)) {
                for (key, list) in &lists {
                    if !matches(key, f) {
                        continue;
                    }
                    if let Some(row) = find(list, f.started_at) {
                        let a = &mut acc[row];
                        a.0 += 1;
                        if !f.handle.is_nan() {
                            a.1 += f.handle;
                            a.2 += 1;
                        }
                    }
                }
            }
            acc
        })
        .reduce(
            || vec![(0, 0.0, 0); n],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x = (x.0 + y.0, x.1 + y.1, x.2 + y.2);
                }
                a
            },
        );
    Ok(forecast
        .iter()
        .zip(sums)
        .map(|(f, (count, handle_sum, handled))| ForecastVsActualRow {
            forecast: f.clone(),
            actual: count as f64,
            delta: count as f64 - f.volume,
            actual_aht_seconds: mean(handle_sum, handled),
        })
        .collect())
}
