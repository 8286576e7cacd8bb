//! Progress reports of long solves: phase, sub-problem, incumbent and bound, through a callback.

use std::fmt;
use std::sync::Arc;

/// The stage a solve is in.
///
/// # Example
///
/// ```
/// assert_eq!(wfm_scheduler::Phase::Improve.name(), "improve");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Phase {
    /// Building the rule-respecting start schedule.
    Construct,
    /// Solving the LP relaxation for the lower bound.
    Bound,
    /// Solving the whole MILP at once (small sub-problems).
    Monolithic,
    /// Re-optimising neighbourhoods of agents with small MILPs.
    Improve,
    /// A sub-problem is finished.
    Done,
}

impl Phase {
    /// Lowercase name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::Phase::Bound.name(), "bound");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Construct => "construct",
            Self::Bound => "bound",
            Self::Monolithic => "monolithic",
            Self::Improve => "improve",
            Self::Done => "done",
        }
    }
}

/// One progress report.
///
/// `step` of `steps` counts work units of the phase (neighbourhoods in [`Phase::Improve`]); the
/// incumbent and bound are those of sub-problem `subproblem` (0-based) of `subproblems`.
///
/// # Example
///
/// ```
/// let p = wfm_scheduler::Progress { phase: wfm_scheduler::Phase::Improve, subproblem: 0,
///     subproblems: 1, step: 3, steps: 10, incumbent: Some(120.0), bound: Some(100.0) };
/// assert!((p.fraction() - 0.3).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Current phase.
    pub phase: Phase,
    /// Sub-problem index (independent agent groups), 0-based.
    pub subproblem: usize,
    /// Number of sub-problems.
    pub subproblems: usize,
    /// Work units done in this phase.
    pub step: usize,
    /// Work units planned in this phase (at least `step`).
    pub steps: usize,
    /// Objective of the best schedule of the sub-problem so far.
    pub incumbent: Option<f64>,
    /// Lower bound of the sub-problem, when known.
    pub bound: Option<f64>,
}

impl Progress {
    /// `step / steps` in `0..=1` (1 when `steps` is 0).
    ///
    /// # Example
    ///
    /// ```
    /// let p = wfm_scheduler::Progress { phase: wfm_scheduler::Phase::Done, subproblem: 0,
    ///     subproblems: 1, step: 0, steps: 0, incumbent: None, bound: None };
    /// assert!((p.fraction() - 1.0).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn fraction(&self) -> f64 {
        if self.steps == 0 {
            1.0
        } else {
            (self.step as f64 / self.steps as f64).clamp(0.0, 1.0)
        }
    }
}

/// A progress callback, shared between the threads that solve sub-problems.
///
/// # Example
///
/// ```
/// use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
/// use wfm_scheduler::{generate, solve, GeneratorConfig, ProgressCallback, SolverConfig};
/// let calls = Arc::new(AtomicUsize::new(0));
/// let seen = Arc::clone(&calls);
/// let callback = ProgressCallback::new(move |_| { seen.fetch_add(1, Ordering::Relaxed); });
/// let p = generate(&GeneratorConfig::default().agents(3).days(1).interval_minutes(60))?;
/// solve(&p, &SolverConfig::default().progress(callback))?;
/// assert!(calls.load(Ordering::Relaxed) >= 2);
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[derive(Clone)]
pub struct ProgressCallback(Arc<dyn Fn(&Progress) + Send + Sync>);

impl ProgressCallback {
    /// Wraps a function.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_scheduler::ProgressCallback::new(|p| assert!(p.fraction() <= 1.0));
    /// assert!(format!("{c:?}").contains("ProgressCallback"));
    /// ```
    pub fn new(f: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    pub(crate) fn call(&self, p: &Progress) {
        (self.0)(p);
    }
}

impl fmt::Debug for ProgressCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressCallback")
    }
}

/// Reports for one sub-problem.
#[derive(Debug, Clone)]
pub(crate) struct Reporter {
    pub(crate) callback: Option<ProgressCallback>,
    pub(crate) subproblem: usize,
    pub(crate) subproblems: usize,
}

impl Reporter {
    pub(crate) fn report(
        &self,
        phase: Phase,
        (step, steps): (usize, usize),
        incumbent: Option<f64>,
        bound: Option<f64>,
    ) {
        if let Some(cb) = &self.callback {
            cb.call(&Progress {
                phase,
                subproblem: self.subproblem,
                subproblems: self.subproblems,
                step,
                steps: steps.max(step),
                incumbent,
                bound,
            });
        }
    }
}
