//! The grouping engine: conversations sorted into (period, group) cells, in parallel.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::filter::{GroupBy, ReportFilter};
use crate::periods::Periods;
use crate::record::Fact;
use crate::store::ConversationStore;

/// One non-empty (period, group) cell and its rows in `Cells::rows`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub(crate) period: usize,
    pub(crate) group: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Rows of the accepted conversations, grouped into cells.
#[derive(Debug)]
pub(crate) struct Cells {
    /// Row indices into the store's facts, cell after cell, ascending inside a cell.
    pub(crate) rows: Vec<u32>,
    /// Non-empty cells in (period, group) order.
    pub(crate) cells: Vec<Cell>,
}

/// Groups the conversations started in `periods` and accepted by `filter` by
/// (period, `by`), with a parallel sort on packed `(cell << 32) | row` keys.
pub(crate) fn group(
    store: &ConversationStore,
    periods: &Periods,
    filter: &ReportFilter,
    by: GroupBy,
) -> Result<Cells> {
    let groups = by.slots(store);
    let cells = (periods.len() as u64).saturating_mul(groups as u64);
    let max = u64::from(u32::MAX);
    if cells > max {
        return Err(Error::TooManyCells { cells, max });
    }
    let filter = filter.compile(store);
    let key = |(row, f): (usize, &Fact)| {
        if !filter.accepts(f) {
            return None;
        }
        let p = periods.index_of(f.started_at)?;
        let cell = (p * groups + by.slot(f)) as u64;
        Some((cell << 32) | row as u64)
    };
    let mut keys: Vec<u64> = store
        .facts()
        .par_iter()
        .enumerate()
        .filter_map(key)
        .collect();
    keys.par_sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    while start < keys.len() {
        let cell = keys[start] >> 32;
        let len = keys[start..].partition_point(|k| k >> 32 == cell);
        let cell = cell as usize;
        out.push(Cell {
            period: cell / groups,
            group: cell % groups,
            start,
            end: start + len,
        });
        start += len;
    }
    let rows = keys.into_par_iter().map(|k| k as u32).collect();
    Ok(Cells { rows, cells: out })
}
