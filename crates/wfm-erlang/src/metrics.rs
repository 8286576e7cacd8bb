//! Queue metrics at a given agent count.

/// Performance of a queue staffed with `agents`: what a staffing answer reports.
///
/// Probabilities are in `[0, 1]`. `asa_seconds` is the mean wait of all arrivals (infinite when an
/// Erlang C queue is unstable). `abandon_rate` is 0 for models without abandonment.
///
/// # Example
///
/// ```
/// use wfm_erlang::{ErlangC, Traffic};
/// let m = ErlangC::new(Traffic::from_volume(100.0, 30.0, 180.0)?).metrics(14, 20.0);
/// assert_eq!(m.agents, 14);
/// assert!((m.service_level - 0.888_350).abs() < 1e-6);
/// assert!((m.occupancy - 10.0 / 14.0).abs() < 1e-15);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Metrics {
    /// Agents staffed.
    pub agents: u32,
    /// Share of contacts answered within the threshold (for Erlang A: of all arrivals).
    pub service_level: f64,
    /// Probability that a contact waits at all.
    pub prob_wait: f64,
    /// Average speed of answer in seconds: the mean wait of all arrivals.
    pub asa_seconds: f64,
    /// Share of agent time spent handling contacts.
    pub occupancy: f64,
    /// Share of arrivals that abandon.
    pub abandon_rate: f64,
}

impl Metrics {
    /// The metrics of a queue without traffic: nobody waits.
    pub(crate) fn idle(agents: u32) -> Self {
        Self {
            agents,
            service_level: 1.0,
            prob_wait: 0.0,
            asa_seconds: 0.0,
            occupancy: 0.0,
            abandon_rate: 0.0,
        }
    }

    /// The metrics of an unstable queue without abandonment: everyone waits forever.
    pub(crate) fn unstable(agents: u32) -> Self {
        Self {
            agents,
            service_level: 0.0,
            prob_wait: 1.0,
            asa_seconds: f64::INFINITY,
            occupancy: 1.0,
            abandon_rate: 0.0,
        }
    }

    /// Whether these metrics meet every target set in `targets` (the SL given is the one checked).
    pub(crate) fn meets(&self, targets: &crate::Targets, service_level: f64) -> bool {
        targets
            .service_level
            .is_none_or(|(x, _)| service_level >= x)
            && targets.max_asa.is_none_or(|s| self.asa_seconds <= s)
            && targets.max_abandon.is_none_or(|p| self.abandon_rate <= p)
            && targets.max_occupancy.is_none_or(|o| self.occupancy <= o)
    }
}
