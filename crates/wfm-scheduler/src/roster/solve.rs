//! The roster solver: constructive start, monolithic MILP, then large-neighbourhood search.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::progress::{Phase, ProgressCallback, Reporter};

use super::anneal::Annealer;
use super::backend::{MilpLimits, solve_model};
use super::construct::construct;
use super::lns::{LnsSettings, improve};
use super::milp::{Scope, build};
use super::rules::allowed_cells;
use super::{Roster, RosterError, RosterProblem, evaluate};

/// Least time given to the one-employee MILP that finds a row the constructive search gave up on.
const FALLBACK_MIN: Duration = Duration::from_secs(30);

/// Work budget of the column generation: pricing rounds.
#[cfg(feature = "highs")]
const CG_ROUNDS: usize = 400;

/// Largest horizon given to the column generation: Curtois 18 and 19 (84 days) included since
/// the pricing compares resources above their floors (at 120 s 18 gave 4920 with it against
/// 5209 without it at 10 min; best known 4459).
#[cfg(feature = "highs")]
const CG_MAX_DAYS: usize = 84;

/// Largest problem (days x employees x shift types) given to the column generation (Curtois 12,
/// 28 x 60 x 10, still gains from it; 13, 28 x 120 x 18, loses: at 120 s a pricing round took
/// 9 s and the roster was 3670 against 2396 without it at 10 min).
#[cfg(feature = "highs")]
const CG_MAX_CELLS: usize = 16_800;

/// Share of the time left after the two deterministic dives given to randomised dives.
#[cfg(feature = "highs")]
const RANDOM_DIVES: f64 = 0.2;

/// Most time given to randomised dives (so that long runs keep their time for the MIP and the
/// neighbourhood search).
#[cfg(feature = "highs")]
const RANDOM_DIVES_MAX: Duration = Duration::from_secs(15);

/// An annealing run that lowers the objective by at least this fraction earns another, twice
/// as long, from the best roster (Curtois 13, where the neighbourhood MILPs stall: 10 s of
/// annealing give 2515, 100 s give 1721, against 2396 from 600 s of the MILP path).
const ANNEAL_GAIN: f64 = 0.02;

/// Most of the time left that repeated annealing runs may take.
const ANNEAL_MAX_SHARE: f64 = 0.5;

/// The MILP backend used by [`solve_roster`].
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::RosterBackend;
/// assert_ne!(RosterBackend::Microlp, RosterBackend::Highs);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RosterBackend {
    /// Pure-Rust microlp: always available; reports no bound unless it proves optimality.
    Microlp,
    /// HiGHS (needs the crate feature `highs`).
    Highs,
}

impl Default for RosterBackend {
    /// HiGHS when the `highs` feature is on, microlp otherwise.
    fn default() -> Self {
        if cfg!(feature = "highs") {
            Self::Highs
        } else {
            Self::Microlp
        }
    }
}

/// Options of [`solve_roster`].
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use wfm_scheduler::roster::{RosterBackend, RosterConfig};
/// let c = RosterConfig::default().backend(RosterBackend::Microlp).time_limit(Duration::from_secs(5));
/// assert_eq!(c.get_time_limit(), Duration::from_secs(5));
/// ```
#[derive(Clone, Debug)]
pub struct RosterConfig {
    backend: RosterBackend,
    time_limit: Duration,
    relative_gap: f64,
    threads: u32,
    seed: u64,
    monolithic_max_cells: usize,
    progress: Option<ProgressCallback>,
}

impl Default for RosterConfig {
    /// Default backend, 60 s, gap 0, 1 thread, seed 0, monolithic model up to 60,000 cells.
    fn default() -> Self {
        Self {
            backend: RosterBackend::default(),
            time_limit: Duration::from_secs(60),
            relative_gap: 0.0,
            threads: 1,
            seed: 0,
            monolithic_max_cells: 60_000,
            progress: None,
        }
    }
}

impl RosterConfig {
    /// Sets the MILP backend.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::{RosterBackend, RosterConfig};
    /// let c = RosterConfig::default().backend(RosterBackend::Microlp);
    /// assert_eq!(c.get_backend(), RosterBackend::Microlp);
    /// ```
    #[must_use]
    pub fn backend(mut self, backend: RosterBackend) -> Self {
        self.backend = backend;
        self
    }

    /// Sets the wall-clock limit of the whole solve (construction, MILP and search).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use wfm_scheduler::roster::RosterConfig;
    /// let c = RosterConfig::default().time_limit(Duration::from_millis(500));
    /// assert_eq!(c.get_time_limit().as_millis(), 500);
    /// ```
    #[must_use]
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Sets the relative MILP gap at which the solve may stop (`0.0..=1.0`).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// let c = RosterConfig::default().relative_gap(0.01);
    /// assert!((c.get_relative_gap() - 0.01).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn relative_gap(mut self, gap: f64) -> Self {
        self.relative_gap = gap;
        self
    }

    /// Sets the number of solver threads (HiGHS only; at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().threads(2).get_threads(), 2);
    /// ```
    #[must_use]
    pub fn threads(mut self, threads: u32) -> Self {
        self.threads = threads;
        self
    }

    /// Sets the seed of the neighbourhood search.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().seed(7).get_seed(), 7);
    /// ```
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the largest problem (in employee-day-shift cells) solved as one MILP; larger
    /// problems go straight to neighbourhood search.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().monolithic_max_cells(0).get_monolithic_max_cells(), 0);
    /// ```
    #[must_use]
    pub fn monolithic_max_cells(mut self, cells: usize) -> Self {
        self.monolithic_max_cells = cells;
        self
    }

    /// Sets a progress callback: [`Phase::Construct`], then [`Phase::Improve`] (annealing
    /// and neighbourhood MILPs, `step` = neighbourhoods solved), [`Phase::Monolithic`] (the
    /// whole model) and [`Phase::Done`], each with the incumbent objective and the bound.
    ///
    /// # Example
    ///
    /// ```
    /// use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
    /// use wfm_scheduler::ProgressCallback;
    /// use wfm_scheduler::roster::{parse_curtois, solve_roster, RosterBackend, RosterConfig};
    /// let calls = Arc::new(AtomicUsize::new(0));
    /// let seen = Arc::clone(&calls);
    /// let config = RosterConfig::default()
    ///     .backend(RosterBackend::Microlp)
    ///     .progress(ProgressCallback::new(move |_| { seen.fetch_add(1, Ordering::Relaxed); }));
    /// let p = parse_curtois("SECTION_HORIZON\n2\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\n\
    ///                        A,D=2,960,0,2,1,1,1\nSECTION_COVER\n0,D,1,100,1\n1,D,0,100,1\n")?;
    /// solve_roster(&p, &config)?;
    /// assert!(calls.load(Ordering::Relaxed) >= 2); // construct and done at least
    /// # Ok::<(), wfm_scheduler::roster::RosterError>(())
    /// ```
    #[must_use]
    pub fn progress(mut self, callback: ProgressCallback) -> Self {
        self.progress = Some(callback);
        self
    }

    /// The backend.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::{RosterBackend, RosterConfig};
    /// assert_eq!(RosterConfig::default().backend(RosterBackend::Highs).get_backend(), RosterBackend::Highs);
    /// ```
    #[must_use]
    pub fn get_backend(&self) -> RosterBackend {
        self.backend
    }

    /// The time limit.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().get_time_limit().as_secs(), 60);
    /// ```
    #[must_use]
    pub fn get_time_limit(&self) -> Duration {
        self.time_limit
    }

    /// The relative gap.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert!(RosterConfig::default().get_relative_gap().abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn get_relative_gap(&self) -> f64 {
        self.relative_gap
    }

    /// The thread count.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().get_threads(), 1);
    /// ```
    #[must_use]
    pub fn get_threads(&self) -> u32 {
        self.threads
    }

    /// The search seed.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().get_seed(), 0);
    /// ```
    #[must_use]
    pub fn get_seed(&self) -> u64 {
        self.seed
    }

    /// The monolithic-model size limit in cells.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert_eq!(RosterConfig::default().get_monolithic_max_cells(), 60_000);
    /// ```
    #[must_use]
    pub fn get_monolithic_max_cells(&self) -> usize {
        self.monolithic_max_cells
    }

    /// Checks the settings.
    ///
    /// # Errors
    ///
    /// [`RosterError::InvalidConfig`] for a zero time limit, a gap outside `0.0..=1.0` or
    /// zero threads.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterConfig;
    /// assert!(RosterConfig::default().relative_gap(2.0).validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), RosterError> {
        if self.time_limit.is_zero() {
            return Err(RosterError::InvalidConfig {
                field: "time_limit",
                value: format!("{:?}", self.time_limit),
            });
        }
        if !(0.0..=1.0).contains(&self.relative_gap) {
            return Err(RosterError::InvalidConfig {
                field: "relative_gap",
                value: self.relative_gap.to_string(),
            });
        }
        if self.threads == 0 {
            return Err(RosterError::InvalidConfig {
                field: "threads",
                value: "0".into(),
            });
        }
        Ok(())
    }
}

/// How good the returned roster is known to be.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::RosterStatus;
/// assert_ne!(RosterStatus::Optimal, RosterStatus::Feasible);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RosterStatus {
    /// Proven optimal (within the configured gap).
    Optimal,
    /// Meets every hard rule; optimality not proven.
    Feasible,
}

/// A solved roster with its objective, bound and statistics.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{parse_curtois, solve_roster, RosterBackend, RosterConfig};
/// let p = parse_curtois("SECTION_HORIZON\n2\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=2,960,0,2,1,1,1\n\
///                        SECTION_COVER\n0,D,1,100,1\n1,D,0,100,1\n")?;
/// let s = solve_roster(&p, &RosterConfig::default().backend(RosterBackend::Microlp))?;
/// assert_eq!((s.objective, s.violations), (0, 0));
/// # Ok::<(), wfm_scheduler::roster::RosterError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RosterSolution {
    /// The roster.
    pub roster: Roster,
    /// Its official objective, recomputed by [`evaluate`].
    pub objective: u64,
    /// A proven lower bound on the optimal objective, when known.
    pub bound: Option<f64>,
    /// `(objective - bound) / objective` (0 when both are 0), when a bound is known.
    pub gap: Option<f64>,
    /// Proven optimal or only feasible.
    pub status: RosterStatus,
    /// Wall-clock seconds spent.
    pub seconds: f64,
    /// Hard-rule violations found by [`evaluate`] (always 0 for a returned roster).
    pub violations: usize,
}

/// Solves a rostering problem: a constructive roster meeting every hard rule, a short look at
/// the monolithic MILP (small problems), a short simulated annealing over feasible rosters, then large-neighbourhood search (MILPs over
/// blocks of employees and days, the rest fixed), and, when the problem has at most
/// `monolithic_max_cells` cells, the monolithic MILP warm-started from the incumbent for the
/// remaining three quarters of the time, to prove optimality or report the bound and gap.
/// Each employee's run rules enter the MILP as a network flow (see the crate's `ROSTER.md`).
///
/// The returned roster always meets every hard rule (checked by [`evaluate`]). Results are
/// reproducible for the same input and configuration when the solve ends by proving
/// optimality; a solve cut by the time limit may differ from run to run.
///
/// # Errors
///
/// [`RosterError::InvalidProblem`] / [`RosterError::InvalidConfig`] for bad input,
/// [`RosterError::NoFeasibleRoster`] when an employee's hard rules cannot be met, and
/// [`RosterError::Solver`] when a backend fails.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{parse_curtois, solve_roster, RosterConfig, RosterStatus, RosterBackend};
/// let text = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\n\
///             A,D=7,2400,1440,5,2,2,1\nB,D=7,2400,1440,5,2,2,1\nSECTION_COVER\n\
///             0,D,1,100,1\n1,D,1,100,1\n2,D,2,100,1\n3,D,1,100,1\n4,D,1,100,1\n5,D,0,100,1\n6,D,0,100,1\n";
/// let p = parse_curtois(text)?;
/// let s = solve_roster(&p, &RosterConfig::default().backend(RosterBackend::Microlp))?;
/// assert_eq!((s.objective, s.status, s.violations), (0, RosterStatus::Optimal, 0));
/// # Ok::<(), wfm_scheduler::roster::RosterError>(())
/// ```
pub fn solve_roster(
    problem: &RosterProblem,
    config: &RosterConfig,
) -> Result<RosterSolution, RosterError> {
    let started = Instant::now();
    problem.validate()?;
    config.validate()?;
    let deadline = started + config.time_limit;
    let mut fallback =
        |partial: &Roster, e: usize| -> Result<Option<Vec<Option<usize>>>, RosterError> {
            let scope = Scope {
                employees: vec![e],
                free_days: 0..problem.days,
                incumbent: partial,
            };
            let model = build(problem, &scope);
            let remaining = deadline.saturating_duration_since(Instant::now());
            // Any row meeting the rules will do: stop at the first solution. A roster must come
            // back, so this search may overrun the time limit (by at most FALLBACK_MIN each).
            let limits = MilpLimits {
                time: remaining.max(FALLBACK_MIN),
                gap: 1.0,
                threads: config.threads,
                first_solution: true,
            };
            let (_, candidate) = run(model, partial, &[e], config.backend, limits)?;
            Ok(candidate.map(|mut r| std::mem::take(&mut r.shifts[e])))
        };
    let reporter = Reporter {
        callback: config.progress.clone(),
        subproblem: 0,
        subproblems: 1,
    };
    reporter.report(Phase::Construct, (0, 1), None, None);
    let best = construct(problem, &mut fallback)?;
    let best_objective = checked_objective(problem, &best)?;
    reporter.report(Phase::Construct, (1, 1), Some(best_objective as f64), None);
    let cells: usize = (0..problem.employees.len())
        .map(|e| allowed_cells(problem, e).iter().filter(|&&a| a).count())
        .sum();
    let monolithic = cells <= config.monolithic_max_cells;
    let mut state = Incumbent {
        roster: best,
        objective: best_objective,
        bound: None,
    };
    let share = |fraction: f64, cap: Duration| {
        let remaining = deadline.saturating_duration_since(Instant::now());
        Instant::now() + remaining.mul_f64(fraction).min(cap)
    };
    let mut optimal = best_objective == 0;
    // Per-employee column generation (HiGHS): the bound, and often the optimum outright.
    #[cfg(feature = "highs")]
    if !optimal
        && config.backend == RosterBackend::Highs
        && problem.days <= CG_MAX_DAYS
        && problem.days * problem.employees.len() * problem.shift_types.len() <= CG_MAX_CELLS
    {
        optimal = state.column_generation(problem, config, deadline, &reporter)?;
    }
    // 0. Small problems: a short look at the whole model settles the easy ones outright.
    if !optimal && monolithic {
        let until = share(0.1, Duration::from_secs(5));
        optimal = state.monolithic(problem, config, until, &reporter)?;
    }
    // 1. Simulated annealing: a quick, good start for the MILPs, repeated (each run twice as
    //    long) while it keeps paying (ANNEAL_GAIN), for at most ANNEAL_MAX_SHARE of the time.
    if !optimal {
        let cap = Duration::from_secs(if monolithic { 10 } else { 60 });
        state.anneal_while_gaining(
            problem,
            config.seed,
            share(0.1, cap),
            share(ANNEAL_MAX_SHARE, Duration::MAX),
        )?;
        reporter.report(Phase::Improve, (0, 1), Some(state.objective as f64), None);
    }
    // 2. Neighbourhood MILPs over blocks of employees and days: all of the remaining time for
    //    big problems, a quarter of it for small ones.
    if !optimal {
        let until = share(if monolithic { 0.25 } else { 1.0 }, Duration::MAX);
        state.lns(problem, config, until, &reporter)?;
        optimal = proven(state.objective, state.bound, config.relative_gap);
    }
    // 3. Small problems: the whole model, warm-started, for the rest of the time (one call, so
    //    its search tree is never thrown away): proves optimality or gives the bound.
    if !optimal && monolithic {
        let until = share(1.0, Duration::MAX);
        optimal = state.monolithic(problem, config, until, &reporter)?;
    }
    let Incumbent {
        roster: best,
        objective: best_objective,
        bound,
    } = state;
    let optimal = optimal || proven(best_objective, bound, config.relative_gap);
    let gap = bound.map(|b| relative_gap(best_objective, b));
    reporter.report(Phase::Done, (1, 1), Some(best_objective as f64), bound);
    Ok(RosterSolution {
        roster: best,
        objective: best_objective,
        bound,
        gap,
        status: if optimal {
            RosterStatus::Optimal
        } else {
            RosterStatus::Feasible
        },
        seconds: started.elapsed().as_secs_f64(),
        violations: 0,
    })
}

/// The best roster so far, its objective and the best proven bound.
#[derive(Debug)]
pub(super) struct Incumbent {
    /// The roster (meets every hard rule).
    pub(super) roster: Roster,
    /// Its objective.
    pub(super) objective: u64,
    /// The best proven lower bound, if any.
    pub(super) bound: Option<f64>,
}

impl Incumbent {
    /// Takes `candidate` if it is at least as good; returns whether it is strictly better.
    fn offer(&mut self, problem: &RosterProblem, candidate: Roster) -> Result<bool, RosterError> {
        let objective = checked_objective(problem, &candidate)?;
        if objective <= self.objective {
            let better = objective < self.objective;
            self.roster = candidate;
            self.objective = objective;
            return Ok(better);
        }
        Ok(false)
    }

    /// Solves the whole problem as one MILP from the incumbent; returns whether it is proven optimal.
    fn monolithic(
        &mut self,
        problem: &RosterProblem,
        config: &RosterConfig,
        until: Instant,
        reporter: &Reporter,
    ) -> Result<bool, RosterError> {
        let limit = until.saturating_duration_since(Instant::now());
        if limit < Duration::from_millis(50) {
            return Ok(false);
        }
        reporter.report(
            Phase::Monolithic,
            (0, 1),
            Some(self.objective as f64),
            self.bound,
        );
        let all: Vec<usize> = (0..problem.employees.len()).collect();
        let scope = Scope {
            employees: all.clone(),
            free_days: 0..problem.days,
            incumbent: &self.roster,
        };
        let model = build(problem, &scope);
        let constant = model.constant;
        let limits = MilpLimits {
            time: limit,
            gap: config.relative_gap,
            threads: config.threads,
            first_solution: false,
        };
        let (outcome, candidate) = run(model, &self.roster, &all, config.backend, limits)?;
        if let Some(b) = outcome.bound {
            let b = b + constant;
            self.bound = Some(self.bound.map_or(b, |old| old.max(b)));
        }
        if let Some(candidate) = candidate {
            self.offer(problem, candidate)?;
            reporter.report(
                Phase::Monolithic,
                (1, 1),
                Some(self.objective as f64),
                self.bound,
            );
            if outcome.optimal {
                // Proven optimal within the solver's gap; at gap 0 the (integral) optimum is
                // the incumbent's objective.
                if config.relative_gap == 0.0 {
                    self.bound = Some(self.objective as f64);
                }
                return Ok(true);
            }
        }
        Ok(proven(self.objective, self.bound, config.relative_gap))
    }

    /// Column generation, a price-and-dive, a MIP over its columns and the enumeration proof (see
    /// `roster/colgen.rs`); returns whether the incumbent is proven optimal.
    #[cfg(feature = "highs")]
    fn column_generation(
        &mut self,
        problem: &RosterProblem,
        config: &RosterConfig,
        deadline: Instant,
        reporter: &Reporter,
    ) -> Result<bool, RosterError> {
        use super::colgen::{DiveFix, Generator, Pick, Proof};
        let share = |fraction: f64| {
            let remaining = deadline.saturating_duration_since(Instant::now());
            Instant::now() + remaining.mul_f64(fraction)
        };
        let seconds = |fraction: f64, cap: f64| {
            let remaining = deadline.saturating_duration_since(Instant::now());
            (remaining.as_secs_f64() * fraction).min(cap)
        };
        let mut generator = Generator::new(problem, &self.roster);
        generator.run(self.objective, config.threads, CG_ROUNDS, share(0.5));
        if let Some(b) = generator.bound {
            self.bound = Some(self.bound.map_or(b, |old| old.max(b)));
        }
        let report = |state: &Self, step: usize| {
            reporter.report(
                Phase::Bound,
                (step, 4),
                Some(state.objective as f64),
                state.bound,
            );
        };
        report(self, 1);
        if proven(self.objective, self.bound, config.relative_gap) {
            return Ok(true);
        }
        // Price-and-dive first: seconds, and on Curtois 8 and 9 far better than the MIP over
        // the pool (1,410 against 1,902 and the optimum 439 against 1,451 in one run each).
        // Two dives from the same LP, each keeping its columns for the next: whole rows
        // (Curtois 16 at 120 s: 3233 against 3325 for cells) and single cells (14: 1379
        // against 3904 for rows, which ran out of its time).
        for fix in [DiveFix::Rows, DiveFix::Cells] {
            if let Some(roster) =
                generator.dive(fix, &mut Pick::Heaviest, config.threads, share(0.2))
            {
                self.offer(problem, roster)?;
            }
            if proven(self.objective, self.bound, config.relative_gap) {
                break;
            }
        }
        // Then randomised dives (weighted picks; rows and cells alternately), each adding its
        // columns to the pool: on Curtois 6 at 60 s the MIP over the richer pool finds the
        // optimum 1950 (1952 without them), on 7 the first two give 1064 and 1061 where the
        // deterministic dives gave 1268.
        let until = share(RANDOM_DIVES).min(Instant::now() + RANDOM_DIVES_MAX);
        let mut pick = Pick::weighted(config.seed ^ 0x5851_F42D_4C95_7F2D);
        for fix in [DiveFix::Rows, DiveFix::Cells].into_iter().cycle() {
            if Instant::now() >= until || proven(self.objective, self.bound, config.relative_gap) {
                break;
            }
            // No roster: the LP failed or the time ran out; another dive would fare no better.
            let Some(roster) = generator.dive(fix, &mut pick, config.threads, until) else {
                break;
            };
            self.offer(problem, roster)?;
        }
        report(self, 2);
        if proven(self.objective, self.bound, config.relative_gap) {
            return Ok(true);
        }
        if let Some(found) = generator.mip(&self.roster, config.threads, seconds(0.3, 60.0)) {
            self.offer(problem, found.roster)?;
        }
        report(self, 3);
        if proven(self.objective, self.bound, config.relative_gap) {
            return Ok(true);
        }
        let proof = generator.prove(
            &self.roster,
            self.objective,
            config.threads,
            seconds(0.5, f64::MAX),
        );
        let optimal = match proof {
            Proof::Optimal(roster) => {
                self.offer(problem, roster)?;
                true
            }
            Proof::ByBound => true,
            Proof::Unknown(roster) => {
                if let Some(roster) = roster {
                    self.offer(problem, roster)?;
                }
                false
            }
        };
        if optimal {
            self.bound = Some(self.objective as f64);
        }
        report(self, 4);
        Ok(optimal || proven(self.objective, self.bound, config.relative_gap))
    }

    /// Neighbourhood MILPs from the incumbent until `until`.
    fn lns(
        &mut self,
        problem: &RosterProblem,
        config: &RosterConfig,
        until: Instant,
        reporter: &Reporter,
    ) -> Result<(), RosterError> {
        let total = until.saturating_duration_since(Instant::now());
        let bound = self.bound;
        let report = |step: usize, objective: u64| {
            reporter.report(
                Phase::Improve,
                (step, step + 1),
                Some(objective as f64),
                bound,
            );
        };
        let settings = LnsSettings {
            backend: config.backend,
            threads: config.threads,
            slice: (total / 8).clamp(Duration::from_secs(2), Duration::from_secs(20)),
            seed: config.seed,
            report: &report,
        };
        let score = |r: &Roster| checked_objective(problem, r);
        let start = self.roster.clone();
        let (roster, _) = improve(problem, &settings, start, self.objective, until, &score)?;
        self.offer(problem, roster)?;
        Ok(())
    }

    /// Simulated annealing from the incumbent until `first`; then, while the last run lowered
    /// the objective by at least [`ANNEAL_GAIN`], another run twice as long (from the best
    /// roster, with the next seed), none ending after `last`.
    pub(super) fn anneal_while_gaining(
        &mut self,
        problem: &RosterProblem,
        seed: u64,
        first: Instant,
        last: Instant,
    ) -> Result<(), RosterError> {
        let mut length = first.saturating_duration_since(Instant::now());
        for run in 0_u64.. {
            let start = Instant::now();
            let before = self.objective;
            self.anneal(problem, seed.wrapping_add(run), (start + length).min(last))?;
            let gained = before.saturating_sub(self.objective) as f64;
            if self.objective == 0 || gained < ANNEAL_GAIN * before as f64 || Instant::now() >= last
            {
                break;
            }
            length *= 2;
        }
        Ok(())
    }

    /// Simulated annealing from the incumbent until `until`.
    fn anneal(
        &mut self,
        problem: &RosterProblem,
        seed: u64,
        until: Instant,
    ) -> Result<(), RosterError> {
        let mut annealer = Annealer::new(problem, &self.roster, self.objective, seed);
        if let Some((roster, _)) = annealer.run(until, self.objective) {
            self.offer(problem, roster)?;
        }
        Ok(())
    }
}

/// Solves `model` and decodes its roster (if the backend returned values).
fn run(
    model: super::milp::Model,
    incumbent: &Roster,
    employees: &[usize],
    backend: RosterBackend,
    limits: MilpLimits,
) -> Result<(super::backend::MilpOutcome, Option<Roster>), RosterError> {
    let decoder = super::milp::Decoder::of(&model);
    let outcome = solve_model(model, backend, limits)?;
    let roster = outcome
        .values
        .as_ref()
        .map(|v| decoder.roster(incumbent, employees, v));
    Ok((outcome, roster))
}

/// The objective of a roster the engine produced, refusing one that breaks a hard rule.
fn checked_objective(problem: &RosterProblem, roster: &Roster) -> Result<u64, RosterError> {
    let ev = evaluate(problem, roster)?;
    match ev.violations.first() {
        None => Ok(ev.objective),
        Some(v) => Err(RosterError::Solver {
            backend: "roster",
            message: format!("internal error: produced roster breaks a hard rule: {v:?}"),
        }),
    }
}

fn relative_gap(objective: u64, bound: f64) -> f64 {
    if objective == 0 {
        0.0
    } else {
        ((objective as f64 - bound) / objective as f64).max(0.0)
    }
}

/// The objective is integral: a bound within 1 of it (or within the gap) proves it.
fn proven(objective: u64, bound: Option<f64>, gap: f64) -> bool {
    bound.is_some_and(|b| {
        objective as f64 - b < 1.0 - 1e-6 || relative_gap(objective, b) <= gap && gap > 0.0
    })
}
