//! The `ticket_stats` and `handle_time` reports.

use rayon::prelude::*;

use crate::error::Result;
use crate::query::{ReportQuery, RowKey};
use crate::record::Fact;
use crate::stats::{Summary, mean};
use crate::store::ConversationStore;

/// One row of the `ticket_stats` report.
///
/// # Example
///
/// See [`ticket_stats`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TicketStatsRow {
    /// Period and group.
    pub key: RowKey,
    /// Conversations started in the period.
    pub created: u64,
    /// Of those, conversations marked resolved.
    pub resolved: u64,
    /// `resolved / created`; `None` when nothing was created.
    pub resolution_rate: Option<f64>,
    /// First response time in seconds, over conversations that have one.
    pub first_response: Summary,
    /// Wait time in seconds, over conversations that have one.
    pub wait: Summary,
    /// Mean CSAT score over rated conversations.
    pub csat_mean: Option<f64>,
    /// Number of rated conversations.
    pub csat_count: u64,
}

/// One row of the `handle_time` report.
///
/// # Example
///
/// See [`handle_time`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HandleTimeRow {
    /// Period and group.
    pub key: RowKey,
    /// Conversations started in the period.
    pub conversations: u64,
    /// Handle time in seconds over conversations that have one (`count` = handled).
    pub handle_time: Summary,
}

/// Fills `scratch` with the non-missing values of `metric` over `rows`.
fn collect(scratch: &mut Vec<f64>, facts: &[Fact], rows: &[u32], metric: fn(&Fact) -> f64) {
    scratch.clear();
    scratch.extend(
        rows.iter()
            .map(|&r| metric(&facts[r as usize]))
            .filter(|v| !v.is_nan()),
    );
}

/// Ticket statistics per period and group: volume, resolution, first response and
/// wait time (mean, median, p90, exact), CSAT.
///
/// Ungrouped, the report has one row per period (empty periods included); grouped,
/// one row per non-empty (period, group) cell, in period then group order.
///
/// # Errors
///
/// [`Error::TooManyCells`](crate::Error::TooManyCells) if periods x groups exceeds `u32::MAX`.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, GroupBy, Periods, ReportQuery, ticket_stats};
/// let mut store = ConversationStore::new();
/// let mut a = ConversationInput::new("a", Channel::Chat, 100);
/// a.resolved = Some(true);
/// a.first_response_time_seconds = Some(30.0);
/// let mut b = ConversationInput::new("b", Channel::Email, 200);
/// b.first_response_time_seconds = Some(90.0);
/// b.csat_score = Some(4.0);
/// store.upsert(vec![a, b]);
/// let q = ReportQuery::new(Periods::grid(0, 3600, 2)?);
/// let rows = ticket_stats(&store, &q)?;
/// assert_eq!(rows.len(), 2);
/// assert_eq!((rows[0].created, rows[0].resolved), (2, 1));
/// assert_eq!(rows[0].resolution_rate, Some(0.5));
/// assert_eq!(rows[0].first_response.median, Some(60.0));
/// assert_eq!((rows[0].csat_mean, rows[0].csat_count), (Some(4.0), 1));
/// assert_eq!(rows[1].created, 0);
/// let by_channel = ticket_stats(&store, &q.by(GroupBy::Channel))?;
/// assert_eq!(by_channel[0].key.group.as_deref(), Some("email"));
/// # Ok::<(), wfm_reports::Error>(())
/// ```
pub fn ticket_stats(store: &ConversationStore, query: &ReportQuery) -> Result<Vec<TicketStatsRow>> {
    per_cell(store, query, |scratch, facts, rows, key| {
        let mut resolved = 0;
        let mut csat_sum = 0.0;
        let mut csat_count = 0;
        for &r in rows {
            let f = &facts[r as usize];
            resolved += u64::from(f.resolved == 1);
            if !f.csat.is_nan() {
                csat_sum += f.csat;
                csat_count += 1;
            }
        }
        collect(scratch, facts, rows, |f| f.frt);
        let first_response = Summary::of(scratch);
        collect(scratch, facts, rows, |f| f.wait);
        let wait = Summary::of(scratch);
        let created = rows.len() as u64;
        TicketStatsRow {
            key,
            created,
            resolved,
            resolution_rate: mean(resolved as f64, created),
            first_response,
            wait,
            csat_mean: mean(csat_sum, csat_count),
            csat_count,
        }
    })
}

/// Handle time (AHT mean, median, p90, exact) per period and group.
///
/// Rows as in [`ticket_stats`].
///
/// # Errors
///
/// [`Error::TooManyCells`](crate::Error::TooManyCells) if periods x groups exceeds `u32::MAX`.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, GroupBy, Periods, ReportQuery, handle_time};
/// let mut store = ConversationStore::new();
/// let batch = [300.0, 120.0, 600.0].iter().enumerate().map(|(i, &h)| {
///     let mut c = ConversationInput::new(format!("c{i}"), Channel::Phone, 60);
///     c.assigned_agent_id = Some("ag-1".into());
///     c.handle_time_seconds = Some(h);
///     c
/// }).collect();
/// store.upsert(batch);
/// let q = ReportQuery::new(Periods::grid(0, 3600, 1)?).by(GroupBy::Agent);
/// let rows = handle_time(&store, &q)?;
/// assert_eq!(rows[0].key.group.as_deref(), Some("ag-1"));
/// assert_eq!(rows[0].handle_time.mean, Some(340.0));
/// assert_eq!(rows[0].handle_time.median, Some(300.0));
/// # Ok::<(), wfm_reports::Error>(())
/// ```
pub fn handle_time(store: &ConversationStore, query: &ReportQuery) -> Result<Vec<HandleTimeRow>> {
    per_cell(store, query, |scratch, facts, rows, key| {
        collect(scratch, facts, rows, |f| f.handle);
        HandleTimeRow {
            key,
            conversations: rows.len() as u64,
            handle_time: Summary::of(scratch),
        }
    })
}

/// Groups the query's conversations and builds one row per reported cell in parallel;
/// `row` gets a scratch buffer, the facts, the cell's rows and its key.
fn per_cell<R: Send>(
    store: &ConversationStore,
    query: &ReportQuery,
    row: impl Fn(&mut Vec<f64>, &[Fact], &[u32], RowKey) -> R + Sync,
) -> Result<Vec<R>> {
    let cells = query.group(store)?;
    let facts = store.facts();
    Ok(query
        .report_cells(&cells)
        .par_iter()
        .map_init(Vec::new, |scratch, c| {
            row(
                scratch,
                facts,
                &cells.rows[c.start..c.end],
                query.key(store, &cells, c),
            )
        })
        .collect())
}
