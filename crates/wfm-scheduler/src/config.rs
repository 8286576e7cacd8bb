//! Solver options.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

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

/// How to solve: backend, time limit, relative gap, threads.
///
/// Defaults: microlp, 30 s, gap 0.001, 1 thread, MILP on.
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
}

impl Default for SolverConfig {
    fn default() -> Self {
        Self {
            backend: Backend::Microlp,
            time_limit_seconds: 30.0,
            gap: 0.001,
            threads: 1,
            use_milp: true,
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
