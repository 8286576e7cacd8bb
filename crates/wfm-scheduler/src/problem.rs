//! The scheduling problem: horizon, queues with requirements, agents, contracts, break rules, weights.
//!
//! All instants are UTC unix seconds. Local days, weekdays and weekends are taken in the horizon's
//! IANA time zone, so a DST day has 23 or 25 hours.

use serde::{Deserialize, Serialize};
pub use wfm_core::{DayOfWeek, WeeklyWindow};

/// A complete scheduling problem.
///
/// # Example
///
/// ```
/// use wfm_scheduler::Problem;
/// let p = Problem::from_json(r#"{
///   "horizon": {"start": 1767225600, "interval_minutes": 60, "intervals": 24, "timezone": "UTC"},
///   "queues": [{"id": "q", "required": [1.0]}],
///   "contracts": [{"id": "c", "shift_lengths_minutes": [480]}],
///   "agents": [{"id": "a", "queues": ["q"], "contract": "c"}]
/// }"#)?;
/// assert_eq!(p.agents.len(), 1);
/// assert!(p.check().is_err()); // the requirement has 1 value, the horizon 24 intervals
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// The planning grid.
    pub horizon: Horizon,
    /// Queues with their requirements.
    pub queues: Vec<Queue>,
    /// Agents to schedule.
    pub agents: Vec<Agent>,
    /// Contract rules referenced by agents.
    pub contracts: Vec<Contract>,
    /// Break rules by shift length.
    #[serde(default)]
    pub break_rules: Vec<BreakRule>,
    /// Activity type ids used for the emitted activities.
    #[serde(default)]
    pub activity_types: ActivityTypeIds,
    /// Objective weights.
    #[serde(default)]
    pub weights: Weights,
}

impl Problem {
    /// Parses a problem from JSON text (no I/O).
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] naming the JSON line and column when the text does not parse.
    ///
    /// # Example
    ///
    /// ```
    /// let e = wfm_scheduler::Problem::from_json("{").unwrap_err();
    /// assert!(e.to_string().contains("problem"));
    /// ```
    pub fn from_json(text: &str) -> crate::Result<Self> {
        serde_json::from_str(text).map_err(|e| crate::Error::InvalidValue {
            field: "problem".into(),
            value: format!("line {} column {}", e.line(), e.column()),
            reason: e.to_string(),
        })
    }
}

/// The planning grid: `intervals` slots of `interval_minutes` from `start`, in a site time zone.
///
/// # Example
///
/// ```
/// let h = wfm_scheduler::Horizon { start: 0, interval_minutes: 15, intervals: 96, timezone: "UTC".into() };
/// assert_eq!(h.end(), 86_400);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Horizon {
    /// First instant, UTC unix seconds.
    pub start: i64,
    /// Interval length in minutes (divides 1440).
    pub interval_minutes: u32,
    /// Number of intervals.
    pub intervals: u32,
    /// IANA time zone of the site (local days, weekdays, shift start granularity).
    pub timezone: String,
}

impl Horizon {
    /// The instant just after the last interval.
    ///
    /// # Example
    ///
    /// ```
    /// let h = wfm_scheduler::Horizon { start: 60, interval_minutes: 30, intervals: 2, timezone: "UTC".into() };
    /// assert_eq!(h.end(), 60 + 3600);
    /// ```
    #[must_use]
    pub fn end(&self) -> i64 {
        self.start + i64::from(self.intervals) * i64::from(self.interval_minutes) * 60
    }
}

/// A queue (skill) with its staffing requirement per interval.
///
/// # Example
///
/// ```
/// let q = wfm_scheduler::Queue { id: "q".into(), priority: 2.0, required: vec![1.0, 2.5], min_staffing: vec![] };
/// assert_eq!(q.required.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    /// Queue id.
    pub id: String,
    /// Weight multiplying understaffing on this queue (default 1).
    #[serde(default = "one")]
    pub priority: f64,
    /// Agents needed per interval (fractional allowed), one value per horizon interval.
    pub required: Vec<f64>,
    /// Optional minimum staffing per interval (empty: none), penalised by [`Weights::min_staffing`].
    #[serde(default)]
    pub min_staffing: Vec<f64>,
}

fn one() -> f64 {
    1.0
}

/// A UTC time range `[start, end)` in unix seconds.
///
/// # Example
///
/// ```
/// let w = wfm_scheduler::TimeWindow { start: 0, end: 3600 };
/// assert_eq!(w.end - w.start, 3600);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeWindow {
    /// Start, unix seconds (inclusive).
    pub start: i64,
    /// End, unix seconds (exclusive).
    pub end: i64,
}

/// An agent to schedule.
///
/// Availability is the union of `availability` windows and expanded `working_hours`; when both
/// are empty the agent is available all the time.
///
/// # Example
///
/// ```
/// let a = wfm_scheduler::Agent { id: "a".into(), queues: vec!["q".into()], contract: "c".into(), ..Default::default() };
/// assert!(a.time_off.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Agent id (Assembled `agent_id`).
    pub id: String,
    /// Queues the agent can serve, most preferred first.
    pub queues: Vec<String>,
    /// Contract id.
    pub contract: String,
    /// Cost per paid hour.
    #[serde(default)]
    pub cost_per_hour: f64,
    /// Vendor (in-house or BPO name).
    #[serde(default)]
    pub vendor: Option<String>,
    /// Site id.
    #[serde(default)]
    pub site: Option<String>,
    /// Availability windows in UTC (hard).
    #[serde(default)]
    pub availability: Vec<TimeWindow>,
    /// Working-hours rules (hard availability), expanded in their own time zone.
    #[serde(default)]
    pub working_hours: Vec<WorkingHours>,
    /// Approved time off (hard: no shift may overlap it).
    #[serde(default)]
    pub time_off: Vec<TimeWindow>,
    /// Meetings, trainings: kept exactly, non-productive; breaks may not overlap them.
    #[serde(default)]
    pub fixed_activities: Vec<FixedActivity>,
    /// Existing shifts that must be kept as they are.
    #[serde(default)]
    pub locked_shifts: Vec<LockedShift>,
    /// Soft preferences.
    #[serde(default)]
    pub preferences: Vec<Preference>,
}

/// An agent's working-hours rule: Assembled's `WorkingHoursRule` without the `id` and
/// `agent_id` (the agent is the one the rule is listed under), and with an open start when
/// `effective_from` is absent. [`WorkingHours::to_rule`] makes the full
/// [`wfm_core::WorkingHoursRule`], whose [`availability`](wfm_core::WorkingHoursRule::availability)
/// expands it to UTC (DST-correct, windows across midnight).
///
/// # Example
///
/// ```
/// use wfm_scheduler::{WorkingHours, WeeklyWindow, DayOfWeek};
/// let w = WorkingHours { timezone: "Europe/Paris".into(), weekly_pattern: vec![WeeklyWindow {
///     day_of_week: DayOfWeek::Monday, start_time: "09:00".into(), end_time: "17:00".into() }],
///     effective_from: None, effective_to: None };
/// // Monday 2026-01-05 09:00-17:00 CET = 08:00Z-16:00Z.
/// let monday = 1_767_571_200; // 2026-01-05T00:00:00Z
/// let rule = w.to_rule("a1");
/// assert_eq!(rule.availability(monday, monday + 86_400)?, vec![(monday + 8 * 3600, monday + 16 * 3600)]);
/// # Ok::<(), wfm_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    /// IANA time zone of the pattern.
    pub timezone: String,
    /// Weekly windows; `end_time` at or before `start_time` crosses midnight.
    pub weekly_pattern: Vec<WeeklyWindow>,
    /// First local date the rule applies (`YYYY-MM-DD`), inclusive; absent: no start.
    #[serde(default)]
    pub effective_from: Option<chrono::NaiveDate>,
    /// Last local date the rule applies, inclusive; absent: no end.
    #[serde(default)]
    pub effective_to: Option<chrono::NaiveDate>,
}

impl WorkingHours {
    /// The Assembled record for `agent_id` (rule id empty; an absent `effective_from` becomes
    /// the earliest date chrono represents).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_core::Record;
    /// let w = wfm_scheduler::WorkingHours { timezone: "UTC".into(), weekly_pattern: vec![],
    ///     effective_from: None, effective_to: None };
    /// let rule = w.to_rule("a1");
    /// assert_eq!(rule.agent_id.as_str(), "a1");
    /// assert!(rule.validate().is_empty());
    /// ```
    #[must_use]
    pub fn to_rule(&self, agent_id: &str) -> wfm_core::WorkingHoursRule {
        wfm_core::WorkingHoursRule {
            id: String::new(),
            agent_id: agent_id.into(),
            timezone: self.timezone.clone(),
            weekly_pattern: self.weekly_pattern.clone(),
            effective_from: self.effective_from.unwrap_or(chrono::NaiveDate::MIN),
            effective_to: self.effective_to,
        }
    }
}

/// The former name of [`WeeklyWindow`] (one weekly window of a [`WorkingHours`] rule).
///
/// # Example
///
/// ```
/// let e = wfm_scheduler::PatternEntry { day_of_week: wfm_scheduler::DayOfWeek::Friday,
///     start_time: "22:00".into(), end_time: "06:00".into() };
/// assert!(e.crosses_midnight()?);
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub type PatternEntry = WeeklyWindow;

/// A fixed activity (meeting, training) kept exactly; it is time on shift that serves no queue.
///
/// # Example
///
/// ```
/// let f = wfm_scheduler::FixedActivity { type_id: "meeting".into(), start: 0, end: 1800 };
/// assert_eq!(f.end, 1800);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedActivity {
    /// Activity type id.
    pub type_id: String,
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds.
    pub end: i64,
}

/// An existing shift to keep, with its breaks.
///
/// # Example
///
/// ```
/// let l = wfm_scheduler::LockedShift { start: 0, end: 28_800, breaks: vec![] };
/// assert!(l.breaks.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedShift {
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds.
    pub end: i64,
    /// Breaks inside the shift, kept as given.
    #[serde(default)]
    pub breaks: Vec<LockedBreak>,
}

/// A break inside a [`LockedShift`].
///
/// # Example
///
/// ```
/// let b = wfm_scheduler::LockedBreak { kind: wfm_scheduler::BreakKind::Lunch, start: 0, end: 1800 };
/// assert_eq!(b.kind, wfm_scheduler::BreakKind::Lunch);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedBreak {
    /// Break or lunch.
    pub kind: BreakKind,
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds.
    pub end: i64,
}

/// Contract rules shared by a group of agents. Minutes are elapsed minutes.
///
/// Weeks are consecutive blocks of 7 local days from the horizon's first local day; weekly
/// minimums apply only to complete weeks. A weekend is a local Saturday and the Sunday after it.
///
/// # Example
///
/// ```
/// let c = wfm_scheduler::Contract { id: "ft".into(), shift_lengths_minutes: vec![480], ..Default::default() };
/// assert_eq!(c.min_rest_minutes, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contract {
    /// Contract id.
    pub id: String,
    /// Allowed shift lengths.
    pub shift_lengths_minutes: Vec<u32>,
    /// Shifts start at local times that are multiples of this (default: the interval).
    pub start_granularity_minutes: u32,
    /// Minimum minutes on a worked day.
    pub min_minutes_per_day: u32,
    /// Maximum minutes on a worked day.
    pub max_minutes_per_day: u32,
    /// Minimum minutes per complete week.
    pub min_minutes_per_week: u32,
    /// Maximum minutes per week.
    pub max_minutes_per_week: u32,
    /// Maximum shifts per week.
    pub max_shifts_per_week: u32,
    /// Maximum consecutive worked local days.
    pub max_consecutive_days: u32,
    /// Minimum rest between the end of a shift and the start of the next.
    pub min_rest_minutes: u32,
    /// Local weekdays never worked.
    pub days_off: Vec<DayOfWeek>,
    /// Maximum weekends with any work (none: unlimited).
    pub max_weekends: Option<u32>,
}

impl Default for Contract {
    fn default() -> Self {
        Self {
            id: String::new(),
            shift_lengths_minutes: Vec::new(),
            start_granularity_minutes: 0,
            min_minutes_per_day: 0,
            max_minutes_per_day: 24 * 60,
            min_minutes_per_week: 0,
            max_minutes_per_week: 7 * 24 * 60,
            max_shifts_per_week: 7,
            max_consecutive_days: 7,
            min_rest_minutes: 0,
            days_off: Vec::new(),
            max_weekends: None,
        }
    }
}

/// Breaks and lunches for shifts whose length lies in `[min_shift_minutes, max_shift_minutes]`.
///
/// Break windows must be in order and leave room for `min_spacing_minutes` between consecutive
/// breaks (checked by [`Problem::check`]).
///
/// # Example
///
/// ```
/// use wfm_scheduler::{BreakRule, BreakSpec, BreakKind};
/// let r = BreakRule { min_shift_minutes: 360, max_shift_minutes: 600, min_spacing_minutes: 60,
///     breaks: vec![BreakSpec { kind: BreakKind::Lunch, duration_minutes: 30,
///         earliest_start_minutes: 180, latest_start_minutes: 240 }] };
/// assert_eq!(r.breaks.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakRule {
    /// Shortest shift the rule applies to.
    pub min_shift_minutes: u32,
    /// Longest shift the rule applies to.
    pub max_shift_minutes: u32,
    /// Minimum minutes between the end of one break and the start of the next.
    #[serde(default)]
    pub min_spacing_minutes: u32,
    /// The breaks, in order.
    pub breaks: Vec<BreakSpec>,
}

/// One break of a [`BreakRule`]; offsets are minutes after the shift start.
///
/// # Example
///
/// ```
/// let b = wfm_scheduler::BreakSpec { kind: wfm_scheduler::BreakKind::Break, duration_minutes: 15,
///     earliest_start_minutes: 60, latest_start_minutes: 120 };
/// assert!(b.latest_start_minutes >= b.earliest_start_minutes);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakSpec {
    /// Break or lunch.
    pub kind: BreakKind,
    /// Length.
    pub duration_minutes: u32,
    /// Earliest start offset from the shift start.
    pub earliest_start_minutes: u32,
    /// Latest start offset from the shift start.
    pub latest_start_minutes: u32,
}

/// The kind of a break.
///
/// # Example
///
/// ```
/// let k: wfm_scheduler::BreakKind = serde_json::from_str("\"lunch\"")?;
/// assert_eq!(k, wfm_scheduler::BreakKind::Lunch);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BreakKind {
    /// A short paid break.
    Break,
    /// A meal break.
    Lunch,
}

/// A soft preference of an agent, penalised by `weight` x [`Weights::preference`] when unmet.
///
/// # Example
///
/// ```
/// let p: wfm_scheduler::Preference = serde_json::from_str(
///     r#"{"kind": "day_off", "date": "2026-01-05", "weight": 5.0}"#)?;
/// assert!(matches!(p, wfm_scheduler::Preference::DayOff { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Preference {
    /// Would like not to work on this local date.
    DayOff {
        /// Local date in the horizon's time zone.
        date: chrono::NaiveDate,
        /// Penalty when unmet.
        weight: f64,
    },
    /// Would like to work this local date with a shift starting in `[earliest, latest]` (local `HH:MM`).
    ShiftStart {
        /// Local date in the horizon's time zone.
        date: chrono::NaiveDate,
        /// Earliest local start `HH:MM`.
        earliest: String,
        /// Latest local start `HH:MM`.
        latest: String,
        /// Penalty when unmet.
        weight: f64,
    },
}

/// Activity type ids used in the emitted Assembled activities.
///
/// # Example
///
/// ```
/// assert_eq!(wfm_scheduler::ActivityTypeIds::default().lunch, "lunch");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityTypeIds {
    /// Type of the shift envelope.
    pub shift: String,
    /// Type of short breaks.
    #[serde(rename = "break")]
    pub break_: String,
    /// Type of lunches.
    pub lunch: String,
}

impl Default for ActivityTypeIds {
    fn default() -> Self {
        Self {
            shift: "shift".into(),
            break_: "break".into(),
            lunch: "lunch".into(),
        }
    }
}

/// Objective weights. All amounts are per staff-hour (or per currency unit for cost).
///
/// Defaults: `understaffing` 100 (times the queue priority), `overstaffing` 10, `cost` 1 per
/// currency unit, `min_staffing` 1000 below a queue's minimum, `queue_preference` 1 per rank below
/// an agent's first queue, `preference` 1 times each preference's weight.
///
/// # Example
///
/// ```
/// let w = wfm_scheduler::Weights::default();
/// assert!(w.understaffing > w.overstaffing);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Per staff-hour short of the requirement, times the queue priority.
    pub understaffing: f64,
    /// Per staff-hour above the requirement.
    pub overstaffing: f64,
    /// Per currency unit of paid cost.
    pub cost: f64,
    /// Per staff-hour below a queue's minimum staffing.
    pub min_staffing: f64,
    /// Per staff-hour served on an agent's queue of preference rank r, times r (0 for the first).
    pub queue_preference: f64,
    /// Multiplies each unmet soft preference's weight.
    pub preference: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            understaffing: 100.0,
            overstaffing: 10.0,
            cost: 1.0,
            min_staffing: 1000.0,
            queue_preference: 1.0,
            preference: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_fixture_keeps_its_wire_shape() {
        // The fixture was written by serialising a `Problem`; with wfm-core's `DayOfWeek` and
        // `WeeklyWindow` inside, parsing and writing it again gives the same JSON value.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/schedule/problem_30x7.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let problem = Problem::from_json(&text).unwrap();
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&problem).unwrap(), original);
        assert!(problem.agents.iter().any(|a| !a.working_hours.is_empty()));
        // Assembled spellings of the weekday are accepted on input and written canonically.
        let w: WorkingHours = serde_json::from_str(
            r#"{"timezone": "UTC", "weekly_pattern": [{"day_of_week": "Mon", "start_time": "09:00", "end_time": "17:00"}]}"#,
        )
        .unwrap();
        assert_eq!(w.weekly_pattern[0].day_of_week, DayOfWeek::Monday);
        assert!(
            serde_json::to_string(&w)
                .unwrap()
                .contains(r#""day_of_week":"monday""#)
        );
    }
}
