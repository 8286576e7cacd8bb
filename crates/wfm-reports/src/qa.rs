//! QA scores per agent, and their join with adherence.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::filter::ReportFilter;
use crate::periods::Periods;
use crate::stats::Summary;

/// A QA score as pushed to `POST /qa_scores/bulk` (scored by a QA tool, stored here).
///
/// # Example
///
/// ```
/// use wfm_reports::QaScore;
/// let s: QaScore = serde_json::from_str(
///     r#"{"agent_id":"a1","score":4,"max_score":5,"source":"klaus","scored_at":"2026-03-02T10:00:00Z"}"#,
/// )?;
/// assert_eq!(s.normalised(), Some(80.0));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QaScore {
    /// Agent scored.
    pub agent_id: String,
    /// Score, out of `max_score`.
    pub score: f64,
    /// Scoring tool (e.g. `klaus`).
    pub source: String,
    /// When it was scored, unix seconds (RFC3339 accepted on input).
    #[serde(deserialize_with = "wfm_core::time::deserialize_instant")]
    pub scored_at: i64,
    /// Conversation reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_external_id: Option<String>,
    /// Maximum score (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_score: Option<f64>,
}

impl QaScore {
    /// A score out of 100.
    ///
    /// # Example
    ///
    /// ```
    /// let s = wfm_reports::QaScore::new("a1", 92.0, "klaus", 0);
    /// assert_eq!(s.normalised(), Some(92.0));
    /// ```
    #[must_use]
    pub fn new(
        agent_id: impl Into<String>,
        score: f64,
        source: impl Into<String>,
        scored_at: i64,
    ) -> Self {
        Self {
            agent_id: agent_id.into(),
            score,
            source: source.into(),
            scored_at,
            conversation_external_id: None,
            max_score: None,
        }
    }

    /// The score on a 0-100 scale, `None` if the score or maximum is invalid
    /// (non-finite, maximum not positive, score outside `0..=max`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::QaScore::new("a", 120.0, "x", 0).normalised(), None);
    /// ```
    #[must_use]
    pub fn normalised(&self) -> Option<f64> {
        let max = self.max_score.unwrap_or(100.0);
        let ok = max.is_finite() && max > 0.0 && self.score.is_finite();
        (ok && (0.0..=max).contains(&self.score)).then(|| self.score * 100.0 / max)
    }
}

/// QA scores of one agent in one period.
///
/// # Example
///
/// See [`qa_report`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct QaRow {
    /// Local label of the period.
    pub period: String,
    /// Period start, unix seconds.
    pub period_start: i64,
    /// Agent id.
    pub agent_id: String,
    /// Scores on the 0-100 scale (count, mean, median, p90).
    pub score: Summary,
}

/// QA scores per (period, agent), by `scored_at`; rows ordered by period then agent.
/// Only the agent and team parts of `filter` apply.
///
/// # Errors
///
/// [`Error::InvalidQaScore`] naming the first invalid score (non-finite, negative,
/// above `max_score`, or `max_score` not positive).
///
/// # Example
///
/// ```
/// use wfm_reports::{Periods, QaScore, ReportFilter, qa_report};
/// let scores = vec![QaScore::new("a1", 90.0, "klaus", 10), QaScore::new("a1", 70.0, "klaus", 20)];
/// let rows = qa_report(&scores, &Periods::grid(0, 3600, 1)?, &ReportFilter::default())?;
/// assert_eq!(rows[0].score.mean, Some(80.0));
/// assert_eq!(rows[0].score.count, 2);
/// # Ok::<(), wfm_reports::Error>(())
/// ```
pub fn qa_report(
    scores: &[QaScore],
    periods: &Periods,
    filter: &ReportFilter,
) -> Result<Vec<QaRow>> {
    let mut cells: HashMap<(usize, &str), Vec<f64>> = HashMap::new();
    for (index, s) in scores.iter().enumerate() {
        let Some(v) = s.normalised() else {
            let bad_max = s.max_score.filter(|m| !m.is_finite() || *m <= 0.0);
            return Err(Error::InvalidQaScore {
                index,
                field: if bad_max.is_some() {
                    "max_score"
                } else {
                    "score"
                },
                value: bad_max.unwrap_or(s.score),
            });
        };
        if !filter.accepts_agent(Some(&s.agent_id)) {
            continue;
        }
        if let Some(p) = periods.index_of(s.scored_at) {
            cells.entry((p, &s.agent_id)).or_default().push(v);
        }
    }
    let mut rows: Vec<QaRow> = cells
        .into_iter()
        .map(|((p, agent), mut v)| QaRow {
            period: periods.label(p),
            period_start: periods.start(p),
            agent_id: agent.to_owned(),
            score: Summary::of(&mut v),
        })
        .collect();
    rows.sort_by(|a, b| (a.period_start, &a.agent_id).cmp(&(b.period_start, &b.agent_id)));
    Ok(rows)
}
