//! Interval actuals per (queue, channel): the series forecasts learn from.

use rayon::prelude::*;
use wfm_core::{IntervalGrid, Series};

use crate::error::{Error, Result};
use crate::filter::ReportFilter;
use crate::input::{Channel, channel_index};
use crate::periods::Periods;
use crate::record::Fact;
use crate::stats::mean;
use crate::store::ConversationStore;

/// Actual series of one (queue, channel), one value per period.
///
/// Counts are never missing (0 for an empty interval); means are `None` when no
/// conversation of the interval has the field.
///
/// # Example
///
/// See [`actuals`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ActualSeries {
    /// Queue id (`None` for conversations without a queue).
    pub queue_id: Option<String>,
    /// Channel.
    pub channel: Channel,
    /// Conversations started in the interval.
    pub volume: Vec<f64>,
    /// Of those, conversations with a handle time.
    pub handled: Vec<f64>,
    /// Mean handle time in seconds over handled conversations.
    pub aht: Vec<Option<f64>>,
    /// Mean wait time in seconds.
    pub wait: Vec<Option<f64>>,
    /// Mean first response time in seconds.
    pub first_response: Vec<Option<f64>>,
    /// Resolved conversations over volume.
    pub resolution_rate: Vec<Option<f64>>,
    /// Mean CSAT score over rated conversations.
    pub csat: Vec<Option<f64>>,
}

/// Most (period, queue and channel) cells [`actuals`] accumulates (about 1.3 GB per thread).
pub const MAX_ACTUAL_CELLS: u64 = 1 << 24;

/// Sums of one (period, group) cell.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    volume: u64,
    resolved: u64,
    handle: (f64, u64),
    wait: (f64, u64),
    frt: (f64, u64),
    csat: (f64, u64),
}

fn add(sum: &mut (f64, u64), v: f64) {
    if !v.is_nan() {
        sum.0 += v;
        sum.1 += 1;
    }
}

impl Acc {
    #[inline]
    fn push(&mut self, f: &Fact) {
        self.volume += 1;
        self.resolved += u64::from(f.resolved == 1);
        add(&mut self.handle, f.handle);
        add(&mut self.wait, f.wait);
        add(&mut self.frt, f.frt);
        add(&mut self.csat, f.csat);
    }

    fn merge(&mut self, o: &Acc) {
        self.volume += o.volume;
        self.resolved += o.resolved;
        for (a, b) in [
            (&mut self.handle, o.handle),
            (&mut self.wait, o.wait),
            (&mut self.frt, o.frt),
            (&mut self.csat, o.csat),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
}

/// Buckets the conversations accepted by `filter` into `periods` (usually an interval
/// grid, see [`Periods::grid`]) by `started_at`, one [`ActualSeries`] per (queue,
/// channel) present, ordered by queue id then channel.
///
/// Accumulation is a dense scan, parallel over chunks of the store.
///
/// # Errors
///
/// [`Error::TooManyCells`] if periods x (queue, channel) pairs exceeds [`MAX_ACTUAL_CELLS`].
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, Periods, ReportFilter, actuals};
/// let mut store = ConversationStore::new();
/// let batch = (0..4).map(|i| {
///     let mut c = ConversationInput::new(format!("c{i}"), Channel::Phone, 600 * i);
///     c.queue_id = Some("support".into());
///     c.handle_time_seconds = Some(100.0 * (i + 1) as f64);
///     c
/// }).collect();
/// store.upsert(batch);
/// let grid = Periods::grid(0, 1800, 2)?; // two 30-minute intervals
/// let series = actuals(&store, &grid, &ReportFilter::default())?;
/// assert_eq!(series.len(), 1);
/// assert_eq!(series[0].volume, vec![3.0, 1.0]);
/// assert_eq!(series[0].aht, vec![Some(200.0), Some(400.0)]);
/// # Ok::<(), wfm_reports::Error>(())
/// ```
pub fn actuals(
    store: &ConversationStore,
    periods: &Periods,
    filter: &ReportFilter,
) -> Result<Vec<ActualSeries>> {
    let filter = filter.compile(store);
    let facts = store.facts();
    let n_channels = Channel::ALL.len();
    // Pass 1: which (queue, channel) pairs occur, numbered densely in (queue name, channel) order.
    let mut present = vec![false; store.queues.len() * n_channels];
    let seen = facts
        .par_iter()
        .fold(
            || vec![false; present.len()],
            |mut seen, f| {
                if filter.accepts(f) && periods.index_of(f.started_at).is_some() {
                    seen[f.queue as usize * n_channels + channel_index(f.channel)] = true;
                }
                seen
            },
        )
        .reduce(
            || vec![false; present.len()],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
                a
            },
        );
    present.copy_from_slice(&seen);
    let mut pairs: Vec<(Option<&str>, usize)> = present
        .iter()
        .enumerate()
        .filter(|(_, p)| **p)
        .map(|(i, _)| (store.queues.name((i / n_channels) as u32), i))
        .collect();
    pairs.sort();
    let mut group_of = vec![u32::MAX; present.len()];
    for (g, (_, slot)) in pairs.iter().enumerate() {
        group_of[*slot] = g as u32;
    }
    let n_periods = periods.len();
    let cells = (n_periods as u64).saturating_mul(pairs.len() as u64);
    // Dense accumulators (about 80 bytes a cell, one table per thread): cap the memory.
    let max = MAX_ACTUAL_CELLS;
    if cells > max {
        return Err(Error::TooManyCells { cells, max });
    }
    // Pass 2: dense accumulation, one accumulator table per chunk.
    let threads = rayon::current_num_threads().max(1);
    let chunk = facts.len().div_ceil(threads).max(4096);
    let accs = facts
        .par_chunks(chunk)
        .map(|part| {
            let mut acc = vec![Acc::default(); cells as usize];
            for f in part {
                if !filter.accepts(f) {
                    continue;
                }
                let Some(p) = periods.index_of(f.started_at) else {
                    continue;
                };
                let g = group_of[f.queue as usize * n_channels + channel_index(f.channel)] as usize;
                acc[g * n_periods + p].push(f);
            }
            acc
        })
        .reduce(
            || vec![Acc::default(); cells as usize],
            |mut a, b| {
                a.iter_mut().zip(&b).for_each(|(x, y)| x.merge(y));
                a
            },
        );
    Ok(pairs
        .iter()
        .enumerate()
        .map(|(g, &(queue, slot))| {
            let row = &accs[g * n_periods..(g + 1) * n_periods];
            let m = |pick: fn(&Acc) -> (f64, u64)| -> Vec<Option<f64>> {
                row.iter().map(|a| mean(pick(a).0, pick(a).1)).collect()
            };
            ActualSeries {
                queue_id: queue.map(str::to_owned),
                channel: Channel::ALL[slot % n_channels],
                volume: row.iter().map(|a| a.volume as f64).collect(),
                handled: row.iter().map(|a| a.handle.1 as f64).collect(),
                aht: m(|a| a.handle),
                wait: m(|a| a.wait),
                first_response: m(|a| a.frt),
                resolution_rate: m(|a| (a.resolved as f64, a.volume)),
                csat: m(|a| a.csat),
            }
        })
        .collect())
}

/// Actuals of one (queue, channel) on a `wfm-core` grid, as [`Series`] ready for
/// forecasting (missing means are explicit missing values).
///
/// # Example
///
/// See [`interval_actuals`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct IntervalActuals {
    /// Queue id (`None` for conversations without a queue).
    pub queue_id: Option<String>,
    /// Channel.
    pub channel: Channel,
    /// Conversations started per interval.
    pub volume: Series,
    /// Conversations with a handle time per interval.
    pub handled: Series,
    /// Mean handle time in seconds.
    pub aht: Series,
    /// Mean wait time in seconds.
    pub wait: Series,
    /// Mean first response time in seconds.
    pub first_response: Series,
    /// Resolved over volume.
    pub resolution_rate: Series,
    /// Mean CSAT score.
    pub csat: Series,
}

/// [`actuals`] on a `wfm-core` [`IntervalGrid`], as [`Series`] per (queue, channel).
///
/// # Errors
///
/// As [`actuals`] and [`Periods::from_grid`].
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, ReportFilter, interval_actuals};
/// let mut store = ConversationStore::new();
/// let mut c = ConversationInput::new("a", Channel::Email, 1_000);
/// c.handle_time_seconds = Some(300.0);
/// store.upsert(vec![c]);
/// let grid = wfm_core::IntervalGrid::from_unix(0, 30, 2)?;
/// let series = interval_actuals(&store, &grid, &ReportFilter::default())?;
/// assert_eq!(series[0].volume.values(), &[Some(1.0), Some(0.0)]);
/// assert_eq!(series[0].aht.values(), &[Some(300.0), None]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn interval_actuals(
    store: &ConversationStore,
    grid: &IntervalGrid,
    filter: &ReportFilter,
) -> Result<Vec<IntervalActuals>> {
    let periods = Periods::from_grid(grid)?;
    let counts = |v: Vec<f64>| Series::new(*grid, v.into_iter().map(Some).collect());
    let means = |v: Vec<Option<f64>>| Series::new(*grid, v);
    actuals(store, &periods, filter)?
        .into_iter()
        .map(|a| {
            Ok(IntervalActuals {
                queue_id: a.queue_id,
                channel: a.channel,
                volume: counts(a.volume)?,
                handled: counts(a.handled)?,
                aht: means(a.aht)?,
                wait: means(a.wait)?,
                first_response: means(a.first_response)?,
                resolution_rate: means(a.resolution_rate)?,
                csat: means(a.csat)?,
            })
        })
        .collect()
}
