//! Adherence metrics for one agent and bucket: seconds, and the ratios derived from them.

use serde::Serialize;

/// Seconds measured for one agent in one bucket. Ratios are methods, so callers can add
/// seconds across agents and days and derive ratios afterwards (never average percentages).
///
/// *Tracked* scheduled time is scheduled time whose activity is not time off and is either
/// productive or has at least one mapped state (Assembled counts only mapped events).
/// `in_adherence_seconds + out_of_adherence_seconds == scheduled_seconds` always.
///
/// # Example
///
/// ```
/// use wfm_adherence::Metrics;
/// let mut m = Metrics::default();
/// (m.scheduled_seconds, m.in_adherence_seconds, m.out_of_adherence_seconds) = (100, 80, 20);
/// (m.productive_scheduled_seconds, m.productive_in_adherence_seconds) = (50, 45);
/// m.productive_state_seconds = 60;
/// assert_eq!(m.schedule_adherence(), Some(0.8));
/// assert_eq!(m.productive_adherence(), Some(0.9));
/// assert_eq!(m.conformance(), Some(1.2)); // may exceed 100%
/// assert_eq!(m.occupancy(), None); // no logged-in time known
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Metrics {
    /// Tracked scheduled time.
    pub scheduled_seconds: i64,
    /// Tracked scheduled time in adherence (including excused time).
    pub in_adherence_seconds: i64,
    /// Tracked scheduled time out of adherence.
    pub out_of_adherence_seconds: i64,
    /// Part of `in_adherence_seconds` excused by a grace period or the minimum exception length.
    pub excused_seconds: i64,
    /// Part of `out_of_adherence_seconds` with no state at all.
    pub no_state_seconds: i64,
    /// Part of `out_of_adherence_seconds` in unmapped states.
    pub unmapped_state_seconds: i64,
    /// Scheduled productive time.
    pub productive_scheduled_seconds: i64,
    /// Scheduled productive time in adherence.
    pub productive_in_adherence_seconds: i64,
    /// Time in states mapped to productive work, scheduled or not (conformance numerator).
    pub productive_state_seconds: i64,
    /// Scheduled time off.
    pub time_off_seconds: i64,
    /// Scheduled time in untracked activities (no state maps to them).
    pub untracked_scheduled_seconds: i64,
    /// Time with a state but no scheduled activity.
    pub unscheduled_state_seconds: i64,
    /// Time in logged-in states (those with a [`StatePrimary`](crate::StatePrimary) other than offline or time off).
    pub logged_in_seconds: i64,
    /// Time in working states (occupied or after-call work).
    pub occupied_seconds: i64,
}

fn ratio(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

impl Metrics {
    /// Schedule adherence: in-adherence / tracked scheduled time, across all channels and all
    /// events except time off (Assembled's opt-in "schedule adherence"). `None` when nothing
    /// tracked was scheduled.
    ///
    /// # Example
    ///
    /// See [`Metrics`].
    #[must_use]
    pub fn schedule_adherence(&self) -> Option<f64> {
        ratio(self.in_adherence_seconds, self.scheduled_seconds)
    }

    /// Productive adherence: in-adherence / scheduled time during productive events
    /// (Assembled's default adherence).
    ///
    /// # Example
    ///
    /// See [`Metrics`].
    #[must_use]
    pub fn productive_adherence(&self) -> Option<f64> {
        ratio(
            self.productive_in_adherence_seconds,
            self.productive_scheduled_seconds,
        )
    }

    /// Conformance: productive-state time / scheduled productive time; may exceed 1.
    ///
    /// # Example
    ///
    /// See [`Metrics`].
    #[must_use]
    pub fn conformance(&self) -> Option<f64> {
        ratio(
            self.productive_state_seconds,
            self.productive_scheduled_seconds,
        )
    }

    /// Occupancy: working-state time / logged-in time, when states carry primaries.
    ///
    /// # Example
    ///
    /// ```
    /// let mut m = wfm_adherence::Metrics::default();
    /// (m.logged_in_seconds, m.occupied_seconds) = (100, 75);
    /// assert_eq!(m.occupancy(), Some(0.75));
    /// ```
    #[must_use]
    pub fn occupancy(&self) -> Option<f64> {
        ratio(self.occupied_seconds, self.logged_in_seconds)
    }

    /// Adds `other` field by field.
    ///
    /// # Example
    ///
    /// ```
    /// let mut a = wfm_adherence::Metrics::default();
    /// a.scheduled_seconds = 5;
    /// a.add(&a.clone());
    /// assert_eq!(a.scheduled_seconds, 10);
    /// ```
    pub fn add(&mut self, other: &Self) {
        self.scheduled_seconds += other.scheduled_seconds;
        self.in_adherence_seconds += other.in_adherence_seconds;
        self.out_of_adherence_seconds += other.out_of_adherence_seconds;
        self.excused_seconds += other.excused_seconds;
        self.no_state_seconds += other.no_state_seconds;
        self.unmapped_state_seconds += other.unmapped_state_seconds;
        self.productive_scheduled_seconds += other.productive_scheduled_seconds;
        self.productive_in_adherence_seconds += other.productive_in_adherence_seconds;
        self.productive_state_seconds += other.productive_state_seconds;
        self.time_off_seconds += other.time_off_seconds;
        self.untracked_scheduled_seconds += other.untracked_scheduled_seconds;
        self.unscheduled_state_seconds += other.unscheduled_state_seconds;
        self.logged_in_seconds += other.logged_in_seconds;
        self.occupied_seconds += other.occupied_seconds;
    }

    /// Whether every field is zero.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_adherence::Metrics::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
