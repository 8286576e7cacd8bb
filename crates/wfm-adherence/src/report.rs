//! Report rows in the shape of Assembled's adherence report:
//! `{name, value, attributes: {agent_id, type, start_time, end_time}}`.

use serde::Serialize;

use crate::adherence::AdherenceReport;
use crate::metrics::Metrics;

/// The attributes of a [`ReportRow`].
///
/// # Example
///
/// See [`ReportRow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReportAttributes<'a> {
    /// The agent.
    pub agent_id: &'a str,
    /// What the metric covers: `all` (tracked events), `productive`, `time_off` or `state`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Bucket start, unix seconds.
    pub start_time: i64,
    /// Bucket end, unix seconds.
    pub end_time: i64,
}

/// One metric of one agent in one bucket. Ratios (`*_adherence`, `conformance`,
/// `occupancy`) are in percent and omitted when undefined; `*_seconds` rows are seconds.
///
/// # Example
///
/// ```
/// use wfm_adherence::{Metrics, ReportRow};
/// let mut m = Metrics::default();
/// (m.scheduled_seconds, m.in_adherence_seconds, m.out_of_adherence_seconds) = (100, 90, 10);
/// let rows = ReportRow::for_bucket("a1", 0, 86_400, &m);
/// let sa = rows.iter().find(|r| r.name == "schedule_adherence").ok_or("missing")?;
/// assert_eq!(sa.value, 90.0);
/// assert_eq!(sa.attributes.kind, "all");
/// assert!(rows.iter().all(|r| r.name != "occupancy")); // undefined: no logged-in time
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ReportRow<'a> {
    /// Metric name, e.g. `schedule_adherence` or `in_adherence_seconds`.
    pub name: &'static str,
    /// The value.
    pub value: f64,
    /// Agent, coverage type and bucket.
    pub attributes: ReportAttributes<'a>,
}

impl<'a> ReportRow<'a> {
    /// All rows for one agent's bucket.
    ///
    /// # Example
    ///
    /// See [`ReportRow`].
    #[must_use]
    pub fn for_bucket(agent_id: &'a str, start: i64, end: i64, m: &Metrics) -> Vec<Self> {
        let mut rows = Vec::with_capacity(20);
        Self::push_bucket(&mut rows, agent_id, start, end, m);
        rows
    }

    fn push_bucket(rows: &mut Vec<Self>, agent_id: &'a str, start: i64, end: i64, m: &Metrics) {
        let mut push = |name: &'static str, kind: &'static str, value: f64| {
            rows.push(Self {
                name,
                value,
                attributes: ReportAttributes {
                    agent_id,
                    kind,
                    start_time: start,
                    end_time: end,
                },
            });
        };
        let ratios = [
            ("schedule_adherence", "all", m.schedule_adherence()),
            (
                "productive_adherence",
                "productive",
                m.productive_adherence(),
            ),
            ("conformance", "productive", m.conformance()),
            ("occupancy", "state", m.occupancy()),
        ];
        for (name, kind, value) in ratios {
            if let Some(v) = value {
                push(name, kind, v * 100.0);
            }
        }
        let seconds = [
            ("scheduled_seconds", "all", m.scheduled_seconds),
            ("in_adherence_seconds", "all", m.in_adherence_seconds),
            (
                "out_of_adherence_seconds",
                "all",
                m.out_of_adherence_seconds,
            ),
            ("excused_seconds", "all", m.excused_seconds),
            ("no_state_seconds", "all", m.no_state_seconds),
            ("unmapped_state_seconds", "all", m.unmapped_state_seconds),
            (
                "untracked_scheduled_seconds",
                "all",
                m.untracked_scheduled_seconds,
            ),
            (
                "productive_scheduled_seconds",
                "productive",
                m.productive_scheduled_seconds,
            ),
            (
                "productive_in_adherence_seconds",
                "productive",
                m.productive_in_adherence_seconds,
            ),
            (
                "productive_state_seconds",
                "productive",
                m.productive_state_seconds,
            ),
            ("time_off_seconds", "time_off", m.time_off_seconds),
            (
                "unscheduled_state_seconds",
                "state",
                m.unscheduled_state_seconds,
            ),
            ("logged_in_seconds", "state", m.logged_in_seconds),
            ("occupied_seconds", "state", m.occupied_seconds),
        ];
        for (name, kind, value) in seconds {
            push(name, kind, value as f64);
        }
    }
}

impl AdherenceReport {
    /// Every bucket's metrics as Assembled-shaped report rows (agent, then time, then metric).
    ///
    /// # Example
    ///
    /// ```
    /// # use wfm_adherence::*;
    /// # let order = PlatformOrder::parse("api")?;
    /// # let dir = AgentDirectory::new();
    /// # let types = ActivityTypes::new([ActivityType::new("phone", ActivityKind::Productive)])?;
    /// # let mapping = StateMapping::new().with_state("api", "Online", ["productive".parse()?]);
    /// # let (states, _) = StateLog::build([StateRecord::new("a", "api", "Online", 0)], &order, &dir);
    /// # let (schedule, _) = Schedule::build([ActivityInput::new("a", "phone", 0, 3600)], &types, &dir);
    /// # let input = AdherenceInput { states: &states, schedule: &schedule, types: &types, mapping: &mapping, directory: &dir };
    /// let report = measure(&input, &AdherenceConfig::new(Window::new(0, 7200)?))?;
    /// let rows = report.rows();
    /// let pa = rows.iter().find(|r| r.name == "productive_adherence").ok_or("missing")?;
    /// assert_eq!((pa.value, pa.attributes.agent_id, pa.attributes.end_time), (100.0, "a", 7200));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> Vec<ReportRow<'_>> {
        let mut rows = Vec::with_capacity(self.bucket_count() * 18);
        for b in self.buckets() {
            ReportRow::push_bucket(&mut rows, b.agent_id, b.start, b.end, b.metrics);
        }
        rows
    }
}
