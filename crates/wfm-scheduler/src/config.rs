//! Solver options.

use serde::{Deserialize, Serialize};

use crate::progress::ProgressCallback;
use crate::{Error, Result};

/// How a sub-problem is optimised after the constructive start.
///
/// # Example
///
/// ```
/// let s: wfm_scheduler::Strategy = "decomposed".parse()?;
/// assert_eq!(s, wfm_scheduler::Strategy::Decomposed);
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// Monolithic for small sub-problems (at most [`SolverConfig::monolithic_columns`] shift
    /// columns), decomposed otherwise.
    #[default]
    Auto,
    /// One MILP over every agent, warm-started from the constructive schedule.
    Monolithic,
    /// Large-neighbourhood search: small MILPs over groups of agents, the others fixed, in a
    /// deterministic order, plus the LP-relaxation bound of the full model.
    Decomposed,
}

impl std::str::FromStr for Strategy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "auto" => Ok(Self::Auto),
            "monolithic" => Ok(Self::Monolithic),
            "decomposed" => Ok(Self::Decomposed),
            other => Err(Error::invalid(
                "strategy",
                other,
                "expected auto, monolithic or decomposed",
            )),
        }
    }
}

/// The MILP backend.
///
/// # Example
///
/// ```
/// let b: wfm_scheduler::Backend = "highs".parse()?;
/// assert_eq!(b, wfm_scheduler::Backend::Highs);
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// Pure-Rust microlp (feature `microlp`, default).
    #[default]
    Microlp,
    /// HiGHS (feature `highs`).
    Highs,
}

impl Backend {
    /// Whether this build includes the backend.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::Backend::Microlp.is_available(), cfg!(feature = "microlp"));
    /// ```
    #[must_use]
    pub fn is_available(self) -> bool {
        match self {
            Self::Microlp => cfg!(feature = "microlp"),
            Self::Highs => cfg!(feature = "highs"),
        }
    }

    /// Lowercase name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::Backend::Highs.name(), "highs");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Microlp => "microlp",
            Self::Highs => "highs",
        }
    }
}

impl std::str::FromStr for Backend {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "microlp" => Ok(Self::Microlp),
            "highs" => Ok(Self::Highs),
            other => Err(Error::invalid("solver", other, "expected microlp or highs")),
        }
    }
}

/// How to solve: backend, strategy, work budget, time limit, relative gap, threads, progress.
///
/// Defaults: microlp, [`Strategy::Auto`], 30 s, gap 0.001, 1 thread, MILP on, LP bound on,
/// 200 Lagrangian-bound iterations, neighbourhood size and count chosen from the backend and
/// the problem size.
///
/// Determinism: the result depends only on the input and these options as long as the time
/// limit does not bind. The decomposed search is bounded by a work budget (a number of
/// neighbourhoods), not by the clock; the time limit is a safety cap that stops the search
/// early (and then the result depends on machine speed).
///
/// # Example
///
/// ```
/// use wfm_scheduler::{SolverConfig, Backend};
/// let c = SolverConfig::default().time_limit_seconds(5.0).gap(0.0).backend(Backend::Microlp);
/// assert!(c.validate().is_ok());
/// assert!(SolverConfig::default().gap(-1.0).validate().is_err());
/// ```
#[derive(Debug, Clone)]
pub struct SolverConfig {
    pub(crate) backend: Backend,
    pub(crate) time_limit_seconds: f64,
    pub(crate) gap: f64,
    pub(crate) threads: u32,
    pub(crate) use_milp: bool,
    pub(crate) strategy: Strategy,
    pub(crate) neighbourhood_agents: usize,
    pub(crate) neighbourhoods: usize,
    pub(crate) monolithic_columns: usize,
    pub(crate) lp_bound: bool,
    pub(crate) column_generation: bool,
    pub(crate) pricing_rounds: usize,
    pub(crate) lagrange_iterations: usize,
    pub(crate) progress: Option<ProgressCallback>,
}

/// Default subgradient iterations of the Lagrangian bound (see
/// [`SolverConfig::lagrange_iterations`]).
const DEFAULT_LAGRANGE_ITERATIONS: usize = 200;

impl Default for SolverConfig {
    fn default() -> Self {
        Self {
            backend: Backend::Microlp,
            time_limit_seconds: 30.0,
            gap: 0.001,
            threads: 1,
            use_milp: true,
            strategy: Strategy::Auto,
            neighbourhood_agents: 0,
            neighbourhoods: 0,
            monolithic_columns: 400,
            lp_bound: true,
            column_generation: true,
            pricing_rounds: 0,
            lagrange_iterations: DEFAULT_LAGRANGE_ITERATIONS,
            progress: None,
        }
    }
}

impl SolverConfig {
    /// Sets the backend.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_scheduler::SolverConfig::default().backend(wfm_scheduler::Backend::Highs);
    /// assert_eq!(c.get_backend(), wfm_scheduler::Backend::Highs);
    /// ```
    #[must_use]
    pub fn backend(mut self, backend: Backend) -> Self {
        self.backend = backend;
        self
    }

    /// The backend.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::SolverConfig::default().get_backend(), wfm_scheduler::Backend::Microlp);
    /// ```
    #[must_use]
    pub fn get_backend(&self) -> Backend {
        self.backend
    }

    /// Sets the wall-clock limit for the whole solve; the best schedule found is returned.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_scheduler::SolverConfig::default().time_limit_seconds(2.0);
    /// assert!(c.validate().is_ok());
    /// ```
    #[must_use]
    pub fn time_limit_seconds(mut self, seconds: f64) -> Self {
        self.time_limit_seconds = seconds;
        self
    }

    /// Sets the relative MIP gap at which the solver may stop (0 = prove optimality).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().gap(0.01).validate().is_ok());
    /// ```
    #[must_use]
    pub fn gap(mut self, gap: f64) -> Self {
        self.gap = gap;
        self
    }

    /// Sets the solver threads (HiGHS only).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().threads(2).validate().is_ok());
    /// ```
    #[must_use]
    pub fn threads(mut self, threads: u32) -> Self {
        self.threads = threads;
        self
    }

    /// Turns the MILP stage off (constructive heuristic and break placement only).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().milp(false).validate().is_ok());
    /// ```
    #[must_use]
    pub fn milp(mut self, on: bool) -> Self {
        self.use_milp = on;
        self
    }

    /// Sets the strategy (monolithic MILP or decomposed neighbourhood search).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::{SolverConfig, Strategy};
    /// assert_eq!(SolverConfig::default().strategy(Strategy::Monolithic).get_strategy(), Strategy::Monolithic);
    /// ```
    #[must_use]
    pub fn strategy(mut self, strategy: Strategy) -> Self {
        self.strategy = strategy;
        self
    }

    /// The strategy.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::SolverConfig::default().get_strategy(), wfm_scheduler::Strategy::Auto);
    /// ```
    #[must_use]
    pub fn get_strategy(&self) -> Strategy {
        self.strategy
    }

    /// Sets how many agents each neighbourhood MILP re-optimises (0 = automatic: 1). On the
    /// committed 30-agent week, 1-agent neighbourhoods improved most within 60 s with microlp
    /// (2- and 4-agent ones hit the per-neighbourhood cap); 8-agent ones took about 30 s each
    /// with HiGHS on the shared machine.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().neighbourhood_agents(6).validate().is_ok());
    /// ```
    #[must_use]
    pub fn neighbourhood_agents(mut self, agents: usize) -> Self {
        self.neighbourhood_agents = agents;
        self
    }

    /// Sets the work budget of the decomposed search: how many neighbourhood MILPs at most
    /// (0 = three passes over the agents). The search also stops after a full pass without
    /// improvement.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().neighbourhoods(50).validate().is_ok());
    /// ```
    #[must_use]
    pub fn neighbourhoods(mut self, count: usize) -> Self {
        self.neighbourhoods = count;
        self
    }

    /// Sets the size (shift columns) up to which [`Strategy::Auto`] solves monolithically.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().monolithic_columns(0).validate().is_ok());
    /// ```
    #[must_use]
    pub fn monolithic_columns(mut self, columns: usize) -> Self {
        self.monolithic_columns = columns;
        self
    }

    /// Turns the LP-relaxation lower bound of the decomposed search on or off.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().lp_bound(false).validate().is_ok());
    /// ```
    #[must_use]
    pub fn lp_bound(mut self, on: bool) -> Self {
        self.lp_bound = on;
        self
    }

    /// Turns column generation over weekly tours on or off (HiGHS only; default on). When on,
    /// sub-problems too large for one MILP are solved by pricing tours against the master LP
    /// (a valid lower bound) and then the master over the generated tours as a MIP; when off,
    /// by the neighbourhood search.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().column_generation(false).validate().is_ok());
    /// ```
    #[must_use]
    pub fn column_generation(mut self, on: bool) -> Self {
        self.column_generation = on;
        self
    }

    /// Sets the work budget of column generation: pricing rounds at most (0 = automatic: 60).
    /// Pricing also stops when no agent has an improving tour (the bound is then the master LP
    /// value).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().pricing_rounds(20).validate().is_ok());
    /// ```
    #[must_use]
    pub fn pricing_rounds(mut self, rounds: usize) -> Self {
        self.pricing_rounds = rounds;
        self
    }

    /// Sets the work budget of the Lagrangian lower bound (no LP solver needed, so it gives a
    /// bound with every backend): subgradient iterations at most, each one exact tour pricing per
    /// agent (0 = off). Default 200: half run before the search (so a bound exists even when the
    /// time limit ends the search), the rest after it against the better schedule; the time
    /// limit caps both. When column generation runs (HiGHS), the Lagrangian instead runs beside
    /// it on the core the master LP leaves idle, bounded by time rather than by this count
    /// (any value above 0 turns it on there).
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_scheduler::SolverConfig::default().lagrange_iterations(40);
    /// assert_eq!(c.get_lagrange_iterations(), 40);
    /// assert_eq!(wfm_scheduler::SolverConfig::default().get_lagrange_iterations(), 200);
    /// ```
    #[must_use]
    pub fn lagrange_iterations(mut self, iterations: usize) -> Self {
        self.lagrange_iterations = iterations;
        self
    }

    /// The work budget of the Lagrangian lower bound (subgradient iterations).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::SolverConfig::default().lagrange_iterations(0).get_lagrange_iterations(), 0);
    /// ```
    #[must_use]
    pub fn get_lagrange_iterations(&self) -> usize {
        self.lagrange_iterations
    }

    /// Sets a progress callback (phase, sub-problem, incumbent, bound).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::{ProgressCallback, SolverConfig};
    /// let c = SolverConfig::default().progress(ProgressCallback::new(|_| {}));
    /// assert!(c.validate().is_ok());
    /// ```
    #[must_use]
    pub fn progress(mut self, callback: ProgressCallback) -> Self {
        self.progress = Some(callback);
        self
    }

    /// Neighbourhood size actually used.
    pub(crate) fn neighbourhood_size(&self) -> usize {
        self.neighbourhood_agents.max(1)
    }

    /// Checks the options.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a negative or non-finite limit or gap;
    /// [`Error::SolverUnavailable`] when the backend is not compiled in.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::SolverConfig::default().time_limit_seconds(f64::NAN).validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if !(self.time_limit_seconds.is_finite() && self.time_limit_seconds >= 0.0) {
            return Err(Error::invalid(
                "time_limit_seconds",
                self.time_limit_seconds,
                "must be finite and >= 0",
            ));
        }
        if !(self.gap.is_finite() && (0.0..=1.0).contains(&self.gap)) {
            return Err(Error::invalid("gap", self.gap, "must be in 0..=1"));
        }
        if !self.backend.is_available() {
            return Err(Error::SolverUnavailable {
                solver: self.backend.name().into(),
                feature: self.backend.name().into(),
            });
        }
        Ok(())
    }
}
