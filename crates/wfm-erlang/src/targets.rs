//! Staffing targets, combinable.

use crate::error::{
    Error, Result, fraction_above_zero, fraction_below_one, non_negative, positive,
};

/// The default cap on agents tried by the staffing searches.
pub const DEFAULT_MAX_AGENTS: u32 = 1_000_000;

/// What a staffing answer must achieve: any combination of a service level, a maximum average speed
/// of answer, a maximum abandonment rate and a maximum occupancy. The minimal agent count meets all
/// the targets set.
///
/// # Example
///
/// ```
/// use wfm_erlang::{ErlangC, Targets, Traffic};
/// let targets = Targets::new().service_level(0.8, 20.0).max_occupancy(0.85);
/// let staffing = ErlangC::new(Traffic::from_volume(100.0, 30.0, 180.0)?).min_agents(&targets)?;
/// assert_eq!(staffing.agents, 14); // 80/20 needs 14; 10 erlangs / 14 = 71% occupancy
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Targets {
    pub(crate) service_level: Option<(f64, f64)>,
    pub(crate) max_asa: Option<f64>,
    pub(crate) max_abandon: Option<f64>,
    pub(crate) max_occupancy: Option<f64>,
    pub(crate) max_agents: u32,
}

impl Default for Targets {
    fn default() -> Self {
        Self::new()
    }
}

impl Targets {
    /// No targets yet: only stability (Erlang C needs more agents than erlangs).
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Targets::new();
    /// assert_eq!(t.max_agents_tried(), wfm_erlang::DEFAULT_MAX_AGENTS);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self {
            service_level: None,
            max_asa: None,
            max_abandon: None,
            max_occupancy: None,
            max_agents: DEFAULT_MAX_AGENTS,
        }
    }

    /// At least `fraction` (in `[0, 1)`) of contacts answered within `within_seconds` (`>= 0`).
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Targets::new().service_level(0.9, 30.0);
    /// assert_eq!(t.service_level_target(), Some((0.9, 30.0)));
    /// ```
    #[must_use]
    pub fn service_level(mut self, fraction: f64, within_seconds: f64) -> Self {
        self.service_level = Some((fraction, within_seconds));
        self
    }

    /// Average speed of answer at most `seconds` (finite, `> 0`).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{ErlangC, Targets, Traffic};
    /// let s = ErlangC::new(Traffic::from_erlangs(10.0, 180.0)?).min_agents(&Targets::new().max_asa(15.0))?;
    /// assert!(s.asa_seconds <= 15.0);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn max_asa(mut self, seconds: f64) -> Self {
        self.max_asa = Some(seconds);
        self
    }

    /// Abandonment rate at most `fraction` (in `[0, 1)`; Erlang A only, always met by Erlang C).
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Targets::new().max_abandon(0.05);
    /// assert_eq!(t, wfm_erlang::Targets::new().max_abandon(0.05));
    /// ```
    #[must_use]
    pub fn max_abandon(mut self, fraction: f64) -> Self {
        self.max_abandon = Some(fraction);
        self
    }

    /// Occupancy at most `fraction` (in `(0, 1]`).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{ErlangC, Targets, Traffic};
    /// let s = ErlangC::new(Traffic::from_erlangs(17.0, 300.0)?).min_agents(&Targets::new().max_occupancy(0.85))?;
    /// assert_eq!(s.agents, 20);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn max_occupancy(mut self, fraction: f64) -> Self {
        self.max_occupancy = Some(fraction);
        self
    }

    /// Gives up with [`Error::Unreachable`] above `agents` (default [`DEFAULT_MAX_AGENTS`]).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{Error, ErlangC, Targets, Traffic};
    /// let t = Targets::new().service_level(0.8, 20.0).max_agents(5);
    /// let err = ErlangC::new(Traffic::from_erlangs(10.0, 180.0)?).min_agents(&t).unwrap_err();
    /// assert!(matches!(err, Error::Unreachable { max_agents: 5, .. }));
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn max_agents(mut self, agents: u32) -> Self {
        self.max_agents = agents;
        self
    }

    /// The service-level target as `(fraction, within_seconds)`, if set.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_erlang::Targets::new().service_level_target(), None);
    /// ```
    #[must_use]
    pub fn service_level_target(&self) -> Option<(f64, f64)> {
        self.service_level
    }

    /// The agent cap of the searches.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_erlang::Targets::new().max_agents(7).max_agents_tried(), 7);
    /// ```
    #[must_use]
    pub fn max_agents_tried(&self) -> u32 {
        self.max_agents
    }

    /// The threshold at which service level is reported: the target's, or 0 s.
    pub(crate) fn answer_within(&self) -> f64 {
        self.service_level.map_or(0.0, |(_, t)| t)
    }

    /// Checks every target set.
    pub(crate) fn validate(&self) -> Result<()> {
        if let Some((x, t)) = self.service_level {
            fraction_below_one("target_sl", x)?;
            non_negative("target_seconds", t)?;
        }
        if let Some(s) = self.max_asa {
            positive("max_asa_seconds", s)?;
        }
        if let Some(p) = self.max_abandon {
            fraction_below_one("max_abandon", p)?;
        }
        if let Some(o) = self.max_occupancy {
            fraction_above_zero("max_occupancy", o)?;
        }
        if self.max_agents == 0 {
            return Err(Error::InvalidInput {
                field: "max_agents",
                expected: "at least 1",
                value: 0.0,
            });
        }
        Ok(())
    }
}
