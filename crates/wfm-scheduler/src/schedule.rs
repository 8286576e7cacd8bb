//! The solution: Assembled-shaped activities, queue assignments, coverage, totals, statistics.

use serde::{Deserialize, Serialize};

/// A generated schedule.
///
/// # Example
///
/// ```
/// use wfm_scheduler::{generate, solve, GeneratorConfig, SolverConfig};
/// let p = generate(&GeneratorConfig::default().agents(4).days(1).queues(1))?;
/// let s = solve(&p, &SolverConfig::default().time_limit_seconds(5.0))?;
/// assert!(wfm_scheduler::validate(&p, &s).is_empty());
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Shift envelopes with their breaks and lunches, as Assembled activities.
    pub activities: Vec<Activity>,
    /// Which queue each agent serves, as contiguous segments inside shifts.
    pub assignments: Vec<QueueAssignment>,
    /// Coverage per queue and interval.
    pub coverage: Vec<QueueCoverage>,
    /// Totals.
    pub totals: Totals,
    /// Objective by term.
    pub objective: ObjectiveBreakdown,
    /// Soft preferences not met.
    pub unmet_preferences: Vec<UnmetPreference>,
    /// How the schedule was found.
    pub stats: SolverStats,
}

/// The schedule's activities are wfm-core's Assembled [`Activity`](wfm_core::Activity) records:
/// shift envelopes (`queue_ids` = the queues the agent may serve), breaks and lunches inside
/// them, with deterministic ids (agent, start and kind). They feed `wfm-adherence` and the
/// Assembled API without conversion.
///
/// # Example
///
/// ```
/// let a = wfm_scheduler::Activity::new("x", "a", "shift", 0, 3_600);
/// assert_eq!(a.end_time - a.start_time, 3_600);
/// ```
pub use wfm_core::Activity;

/// An agent serving one queue over `[start_time, end_time)`.
///
/// # Example
///
/// ```
/// let q = wfm_scheduler::QueueAssignment { agent_id: "a".into(), queue_id: "q".into(), start_time: 0, end_time: 900 };
/// assert_eq!(q.queue_id, "q");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueAssignment {
    /// Agent id.
    pub agent_id: String,
    /// Queue id.
    pub queue_id: String,
    /// Start, unix seconds.
    pub start_time: i64,
    /// End, unix seconds.
    pub end_time: i64,
}

/// Scheduled agents per interval of one queue, with under- and over-staffing.
///
/// # Example
///
/// ```
/// let c = wfm_scheduler::QueueCoverage { queue_id: "q".into(), scheduled: vec![2], under: vec![0.5], over: vec![0.0] };
/// assert_eq!(c.scheduled[0], 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueCoverage {
    /// Queue id.
    pub queue_id: String,
    /// Agents serving the queue per interval.
    pub scheduled: Vec<u32>,
    /// `max(0, required - scheduled)` per interval.
    pub under: Vec<f64>,
    /// `max(0, scheduled - required)` per interval.
    pub over: Vec<f64>,
}

/// Schedule totals, in staff-hours and currency.
///
/// # Example
///
/// ```
/// let t = wfm_scheduler::Totals::default();
/// assert_eq!(t.shifts, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Staff-hours short of requirement, summed over queues.
    pub shortfall_hours: f64,
    /// Staff-hours above requirement.
    pub overstaffing_hours: f64,
    /// Staff-hours below minimum staffing.
    pub min_staffing_shortfall_hours: f64,
    /// Paid hours (shift lengths).
    pub paid_hours: f64,
    /// Paid cost.
    pub cost: f64,
    /// Number of shifts.
    pub shifts: u32,
}

/// The objective by term (see [`crate::Weights`]); `total` is their sum.
///
/// # Example
///
/// ```
/// let o = wfm_scheduler::ObjectiveBreakdown::default();
/// assert!(o.total.abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveBreakdown {
    /// Weighted understaffing.
    pub understaffing: f64,
    /// Weighted overstaffing.
    pub overstaffing: f64,
    /// Weighted minimum-staffing shortfall.
    pub min_staffing: f64,
    /// Weighted cost.
    pub cost: f64,
    /// Weighted queue-preference rank.
    pub queue_preference: f64,
    /// Weighted unmet soft preferences.
    pub preferences: f64,
    /// Sum of the terms.
    pub total: f64,
}

/// A soft preference the schedule does not meet.
///
/// # Example
///
/// ```
/// let u = wfm_scheduler::UnmetPreference { agent_id: "a".into(), index: 0, weight: 2.0 };
/// assert_eq!(u.index, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmetPreference {
    /// Agent id.
    pub agent_id: String,
    /// Index in the agent's `preferences`.
    pub index: usize,
    /// The preference's weight.
    pub weight: f64,
}

/// How good the answer is known to be.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&wfm_scheduler::Status::Optimal)?, "\"optimal\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal within the requested gap: the returned schedule's own objective is within
    /// the gap of a proven lower bound (`bound`).
    Optimal,
    /// Feasible; the time limit stopped the proof. See `bound` and `gap`.
    Feasible,
    /// From the heuristics only: construction and best-response sweeps (MILP off, or it found
    /// nothing better).
    Heuristic,
}

/// Solver statistics.
///
/// # Example
///
/// ```
/// let s = wfm_scheduler::SolverStats { status: wfm_scheduler::Status::Heuristic, solver: "none".into(),
///     objective: 1.0, bound: None, gap: None, seconds: 0.0, columns: 0, rows: 0, subproblems: 1,
///     neighbourhoods: 0 };
/// assert!(s.gap.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolverStats {
    /// Status.
    pub status: Status,
    /// Backend used (`microlp`, `highs` or `none`).
    pub solver: String,
    /// Objective of the returned schedule.
    pub objective: f64,
    /// Best proven lower bound on the objective, when known.
    pub bound: Option<f64>,
    /// `(objective - bound) / max(|objective|, 1)`, when the bound is known.
    pub gap: Option<f64>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// MILP columns (summed over sub-problems).
    pub columns: usize,
    /// MILP rows (summed over sub-problems).
    pub rows: usize,
    /// Independent sub-problems solved.
    pub subproblems: usize,
    /// MILPs solved: neighbourhoods of the decomposed search, or 1 for a monolithic solve.
    #[serde(default)]
    pub neighbourhoods: usize,
}
