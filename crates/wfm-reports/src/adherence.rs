//! The adherence report seam: adherence measured elsewhere, aggregated and joined here.
//!
//! `wfm-reports` does not compute adherence. A caller (the `wfm` facade, or a host)
//! measures it with `wfm-adherence` from schedules and condensed agent states, hands
//! the per-agent measurements in as [`AdherenceSample`]s, and gets report rows at any
//! granularity and filter, and the quality-next-to-adherence table.

use std::collections::HashMap;

use crate::filter::ReportFilter;
use crate::periods::Periods;
use crate::qa::QaRow;

/// Adherence measured for one agent over one window: scheduled seconds and seconds in
/// adherence (as produced by an adherence engine, for windows no longer than the
/// report's periods; a sample counts in the period containing its `start`).
///
/// # Example
///
/// ```
/// let s = wfm_reports::AdherenceSample::new("a1", 0, 1800, 1800.0, 1620.0);
/// assert_eq!(s.adherent_seconds, 1620.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AdherenceSample {
    /// Agent id.
    pub agent_id: String,
    /// Window start, unix seconds.
    pub start: i64,
    /// Window end, unix seconds.
    pub end: i64,
    /// Scheduled (productive) seconds in the window.
    pub scheduled_seconds: f64,
    /// Of those, seconds in adherence.
    pub adherent_seconds: f64,
}

impl AdherenceSample {
    /// A sample.
    ///
    /// # Example
    ///
    /// ```
    /// let s = wfm_reports::AdherenceSample::new("a1", 0, 60, 60.0, 30.0);
    /// assert_eq!(s.agent_id, "a1");
    /// ```
    #[must_use]
    pub fn new(
        agent_id: impl Into<String>,
        start: i64,
        end: i64,
        scheduled: f64,
        adherent: f64,
    ) -> Self {
        Self {
            agent_id: agent_id.into(),
            start,
            end,
            scheduled_seconds: scheduled,
            adherent_seconds: adherent,
        }
    }
}

/// Adherence of one agent in one period.
///
/// # Example
///
/// See [`adherence_report`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AdherenceRow {
    /// Local label of the period.
    pub period: String,
    /// Period start, unix seconds.
    pub period_start: i64,
    /// Agent id.
    pub agent_id: String,
    /// Scheduled seconds.
    pub scheduled_seconds: f64,
    /// Seconds in adherence.
    pub adherent_seconds: f64,
    /// `100 * adherent / scheduled`; `None` with nothing scheduled.
    pub adherence_percent: Option<f64>,
}

/// Aggregates adherence samples per (period, agent); rows ordered by period then agent.
/// Samples with non-finite or negative seconds are skipped (an adherence engine never
/// produces them). Only the agent and team parts of `filter` apply.
///
/// # Example
///
/// ```
/// use wfm_reports::{AdherenceSample, Granularity, Periods, ReportFilter, adherence_report};
/// let samples = vec![
///     AdherenceSample::new("a1", 0, 1800, 1800.0, 1800.0),
///     AdherenceSample::new("a1", 1800, 3600, 1800.0, 900.0),
/// ];
/// let days = Periods::new(0, 86_400, Granularity::Day, chrono_tz::UTC)?;
/// let rows = adherence_report(&samples, &days, &ReportFilter::default());
/// assert_eq!(rows[0].adherence_percent, Some(75.0));
/// # Ok::<(), wfm_reports::Error>(())
/// ```
#[must_use]
pub fn adherence_report(
    samples: &[AdherenceSample],
    periods: &Periods,
    filter: &ReportFilter,
) -> Vec<AdherenceRow> {
    let mut cells: HashMap<(usize, &str), (f64, f64)> = HashMap::new();
    for s in samples {
        let valid = [s.scheduled_seconds, s.adherent_seconds]
            .iter()
            .all(|v| v.is_finite() && *v >= 0.0);
        if !valid || !filter.accepts_agent(Some(&s.agent_id)) {
            continue;
        }
        if let Some(p) = periods.index_of(s.start) {
            let c = cells.entry((p, &s.agent_id)).or_default();
            c.0 += s.scheduled_seconds;
            c.1 += s.adherent_seconds;
        }
    }
    let mut rows: Vec<AdherenceRow> = cells
        .into_iter()
        .map(|((p, agent), (scheduled, adherent))| AdherenceRow {
            period: periods.label(p),
            period_start: periods.start(p),
            agent_id: agent.to_owned(),
            scheduled_seconds: scheduled,
            adherent_seconds: adherent,
            adherence_percent: (scheduled > 0.0).then(|| 100.0 * adherent / scheduled),
        })
        .collect();
    rows.sort_by(|a, b| (a.period_start, &a.agent_id).cmp(&(b.period_start, &b.agent_id)));
    rows
}

/// Quality next to adherence for one agent and period.
///
/// # Example
///
/// See [`quality_vs_adherence`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct QualityAdherenceRow {
    /// Local label of the period.
    pub period: String,
    /// Period start, unix seconds.
    pub period_start: i64,
    /// Agent id.
    pub agent_id: String,
    /// Mean QA score (0-100), `None` if the agent was not scored in the period.
    pub qa_mean: Option<f64>,
    /// Number of QA scores.
    pub qa_count: u64,
    /// Adherence percent, `None` if nothing was scheduled or measured.
    pub adherence_percent: Option<f64>,
}

/// Joins QA rows and adherence rows of the same periods on (period, agent): the
/// "adherence-vs-quality" table, one row per pair present in either input.
///
/// # Example
///
/// ```
/// use wfm_reports::*;
/// let periods = Periods::grid(0, 3600, 1)?;
/// let qa = qa_report(&[QaScore::new("a1", 88.0, "klaus", 5)], &periods, &ReportFilter::default())?;
/// let adh = adherence_report(
///     &[AdherenceSample::new("a1", 0, 3600, 3600.0, 3240.0), AdherenceSample::new("a2", 0, 3600, 3600.0, 3600.0)],
///     &periods,
///     &ReportFilter::default(),
/// );
/// let rows = quality_vs_adherence(&qa, &adh);
/// assert_eq!(rows.len(), 2);
/// assert_eq!((rows[0].qa_mean, rows[0].adherence_percent), (Some(88.0), Some(90.0)));
/// assert_eq!((rows[1].qa_count, rows[1].adherence_percent), (0, Some(100.0)));
/// # Ok::<(), wfm_reports::Error>(())
/// ```
#[must_use]
pub fn quality_vs_adherence(qa: &[QaRow], adherence: &[AdherenceRow]) -> Vec<QualityAdherenceRow> {
    let mut joined: HashMap<(i64, &str), QualityAdherenceRow> = HashMap::new();
    let blank = |period: &str, start: i64, agent: &str| QualityAdherenceRow {
        period: period.to_owned(),
        period_start: start,
        agent_id: agent.to_owned(),
        qa_mean: None,
        qa_count: 0,
        adherence_percent: None,
    };
    for q in qa {
        let row = joined
            .entry((q.period_start, &q.agent_id))
            .or_insert_with(|| blank(&q.period, q.period_start, &q.agent_id));
        row.qa_mean = q.score.mean;
        row.qa_count = q.score.count;
    }
    for a in adherence {
        let row = joined
            .entry((a.period_start, &a.agent_id))
            .or_insert_with(|| blank(&a.period, a.period_start, &a.agent_id));
        row.adherence_percent = a.adherence_percent;
    }
    let mut rows: Vec<QualityAdherenceRow> = joined.into_values().collect();
    rows.sort_by(|a, b| (a.period_start, &a.agent_id).cmp(&(b.period_start, &b.agent_id)));
    rows
}
