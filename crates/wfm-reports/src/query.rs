//! What a report covers: periods, grouping and filters.

use std::collections::HashMap;

use crate::filter::{GroupBy, ReportFilter};
use crate::grouping::{Cell, Cells, Groups};
use crate::periods::Periods;
use crate::store::ConversationStore;

/// The periods, grouping and filter of a report.
///
/// Conversations are attributed to the period containing their `started_at`.
///
/// # Example
///
/// ```
/// use wfm_reports::{GroupBy, Granularity, Periods, ReportFilter, ReportQuery};
/// let periods = Periods::new(0, 7 * 86_400, Granularity::Day, chrono_tz::Europe::Paris)?;
/// let q = ReportQuery::new(periods).by(GroupBy::Queue).filter(ReportFilter::default().queues(["q1"]));
/// assert_eq!(q.periods().len(), 8); // Paris days overlapping the first UTC week
/// # Ok::<(), wfm_reports::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReportQuery {
    periods: Periods,
    by: GroupBy,
    filter: ReportFilter,
    teams: HashMap<String, Vec<String>>,
}

impl ReportQuery {
    /// A query over `periods`, ungrouped and unfiltered.
    ///
    /// # Example
    ///
    /// ```
    /// let q = wfm_reports::ReportQuery::new(wfm_reports::Periods::grid(0, 3600, 24)?);
    /// assert_eq!(q.group_by(), wfm_reports::GroupBy::Total);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn new(periods: Periods) -> Self {
        Self {
            periods,
            by: GroupBy::Total,
            filter: ReportFilter::default(),
            teams: HashMap::new(),
        }
    }

    /// Groups rows by `by` within each period.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{GroupBy, Periods, ReportQuery};
    /// let q = ReportQuery::new(Periods::grid(0, 3600, 24)?).by(GroupBy::Agent);
    /// assert_eq!(q.group_by(), GroupBy::Agent);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn by(mut self, by: GroupBy) -> Self {
        self.by = by;
        self
    }

    /// Restricts the conversations counted.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Periods, ReportFilter, ReportQuery};
    /// let q = ReportQuery::new(Periods::grid(0, 3600, 24)?).filter(ReportFilter::default().agents(["a"]));
    /// assert!(!q.report_filter().accepts_agent(Some("b")));
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn filter(mut self, filter: ReportFilter) -> Self {
        self.filter = filter;
        self
    }

    /// The agent id -> team ids directory [`GroupBy::Team`] groups by (conversations
    /// carry no team). Without one, every conversation falls in the row without a team.
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use wfm_reports::{Channel, ConversationInput, ConversationStore, GroupBy, Periods, ReportQuery, ticket_stats};
    /// let mut store = ConversationStore::new();
    /// let batch = ["ann", "bob", "ann"].iter().enumerate().map(|(i, agent)| {
    ///     let mut c = ConversationInput::new(format!("c{i}"), Channel::Chat, 60);
    ///     c.assigned_agent_id = Some((*agent).into());
    ///     c
    /// }).collect();
    /// store.upsert(batch);
    /// let directory = HashMap::from([
    ///     ("ann".to_string(), vec!["blue".to_string(), "red".to_string()]),
    ///     ("bob".to_string(), vec!["red".to_string()]),
    /// ]);
    /// let q = ReportQuery::new(Periods::grid(0, 3600, 1)?).by(GroupBy::Team).team_directory(directory);
    /// assert_eq!(q.teams().len(), 2);
    /// let rows = ticket_stats(&store, &q)?;
    /// let counts: Vec<(Option<&str>, u64)> = rows.iter().map(|r| (r.key.group.as_deref(), r.created)).collect();
    /// // Ann is in two teams: her conversations count in both.
    /// assert_eq!(counts, [(Some("blue"), 2), (Some("red"), 3)]);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn team_directory(mut self, directory: HashMap<String, Vec<String>>) -> Self {
        self.teams = directory;
        self
    }

    /// The agent id -> team ids directory.
    ///
    /// # Example
    ///
    /// ```
    /// let q = wfm_reports::ReportQuery::new(wfm_reports::Periods::grid(0, 3600, 24)?);
    /// assert!(q.teams().is_empty());
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn teams(&self) -> &HashMap<String, Vec<String>> {
        &self.teams
    }

    /// The report periods.
    ///
    /// # Example
    ///
    /// ```
    /// let q = wfm_reports::ReportQuery::new(wfm_reports::Periods::grid(0, 3600, 24)?);
    /// assert_eq!(q.periods().len(), 24);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn periods(&self) -> &Periods {
        &self.periods
    }

    /// The grouping.
    ///
    /// # Example
    ///
    /// ```
    /// let q = wfm_reports::ReportQuery::new(wfm_reports::Periods::grid(0, 3600, 24)?);
    /// assert_eq!(q.group_by(), wfm_reports::GroupBy::Total);
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn group_by(&self) -> GroupBy {
        self.by
    }

    /// The filter.
    ///
    /// # Example
    ///
    /// ```
    /// let q = wfm_reports::ReportQuery::new(wfm_reports::Periods::grid(0, 3600, 24)?);
    /// assert_eq!(q.report_filter(), &wfm_reports::ReportFilter::default());
    /// # Ok::<(), wfm_reports::Error>(())
    /// ```
    #[must_use]
    pub fn report_filter(&self) -> &ReportFilter {
        &self.filter
    }

    pub(crate) fn group(&self, store: &ConversationStore) -> crate::Result<Cells> {
        let groups = Groups::new(self.by, store, &self.teams);
        crate::grouping::group(store, &self.periods, &self.filter, groups)
    }

    /// The cells to report: every non-empty cell, plus the empty periods when ungrouped
    /// (so an ungrouped report has exactly one row per period).
    pub(crate) fn report_cells(&self, cells: &Cells) -> Vec<Cell> {
        if self.by != GroupBy::Total {
            return cells.cells.clone();
        }
        let mut out: Vec<Cell> = (0..self.periods.len())
            .map(|period| Cell {
                period,
                group: 0,
                start: 0,
                end: 0,
            })
            .collect();
        for c in &cells.cells {
            out[c.period] = *c;
        }
        out
    }

    /// Period label, start, end and group name of a cell.
    pub(crate) fn key(&self, store: &ConversationStore, cells: &Cells, c: &Cell) -> RowKey {
        RowKey {
            period: self.periods.label(c.period),
            period_start: self.periods.start(c.period),
            period_end: self.periods.end(c.period),
            group: cells.groups.name(store, c.group),
        }
    }
}

/// The period and group a report row describes.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, Periods, ReportQuery, ticket_stats};
/// let mut store = ConversationStore::new();
/// store.upsert(vec![ConversationInput::new("a", Channel::Chat, 10)]);
/// let rows = ticket_stats(&store, &ReportQuery::new(Periods::grid(0, 3600, 1)?))?;
/// assert_eq!((rows[0].key.period_start, rows[0].key.period_end), (0, 3600));
/// assert_eq!(rows[0].key.group, None);
/// # Ok::<(), wfm_reports::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowKey {
    /// Local label of the period (see [`Periods::label`]).
    pub period: String,
    /// Period start, unix seconds.
    pub period_start: i64,
    /// Period end, unix seconds (exclusive).
    pub period_end: i64,
    /// Queue id, channel, agent id or team id of the group; `None` for the total and
    /// for conversations without a queue, agent or team.
    pub group: Option<String>,
}
