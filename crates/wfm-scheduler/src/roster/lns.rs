//! Large-neighbourhood search: re-optimise a block of employees over a window of days with the
//! MILP while the rest of the roster stays fixed.
//!
//! Every hard rule is per employee and the fixed cells stay in the model (as fixed columns the
//! solver's presolve removes), so every neighbourhood solution is a feasible roster. The block
//! size adapts: it grows while sub-problems are solved to optimality well inside their time
//! slice and shrinks when they hit it.

use std::ops::Range;
use std::time::{Duration, Instant};

use wfm_core::SplitMix64;

use super::backend::{MilpLimits, solve_model};
use super::milp::{Decoder, Scope, build};
use super::{Roster, RosterBackend, RosterError, RosterProblem};

/// Cells (employee x day x shift type) freed by the first neighbourhood, at most.
const START_CELLS: f64 = 1_500.0;
/// Bounds of the adaptive neighbourhood size, in cells (the upper one at most half the problem).
const CELLS: Range<f64> = 100.0..40_000.0;

/// What the search may use and how it reports.
pub(crate) struct LnsSettings<'a> {
    /// MILP backend.
    pub(crate) backend: RosterBackend,
    /// Solver threads per sub-problem.
    pub(crate) threads: u32,
    /// Longest time slice of one sub-problem.
    pub(crate) slice: Duration,
    /// Seed of the neighbourhood choice.
    pub(crate) seed: u64,
    /// Called after every sub-problem with (step, incumbent objective).
    pub(crate) report: &'a dyn Fn(usize, u64),
}

/// Improves `roster` (objective `objective`, meeting every hard rule) until `until`; returns the
/// best roster and objective found. `score` recomputes a roster's official objective
/// (refusing one that breaks a hard rule).
pub(crate) fn improve(
    problem: &RosterProblem,
    settings: &LnsSettings<'_>,
    mut roster: Roster,
    mut objective: u64,
    until: Instant,
    score: &dyn Fn(&Roster) -> Result<u64, RosterError>,
) -> Result<(Roster, u64), RosterError> {
    let employees = problem.employees.len();
    let days = problem.days;
    let n = problem.shift_types.len();
    if employees == 0 || objective == 0 {
        return Ok((roster, objective));
    }
    let mut rng = Pick(SplitMix64::new(settings.seed ^ 0x6A09_E667_F3BC_C908));
    let whole = (employees * days * n) as f64;
    let largest = CELLS.end.min(whole / 2.0).max(CELLS.start);
    let mut cells = START_CELLS.min(whole / 4.0).max(CELLS.start);
    let mut step = 0;
    while objective > 0 {
        let now = Instant::now();
        let left = until.saturating_duration_since(now);
        if left < Duration::from_millis(200) {
            break;
        }
        let (chosen, window) = neighbourhood(&mut rng, employees, days, n, cells);
        let scope = Scope {
            employees: chosen.clone(),
            free_days: window.clone(),
            incumbent: &roster,
        };
        let model = build(problem, &scope);
        let decoder = Decoder::of(&model);
        let slice = settings.slice.min(left);
        let outcome = solve_model(
            model,
            settings.backend,
            MilpLimits {
                time: slice,
                gap: 0.0,
                threads: settings.threads,
                first_solution: false,
            },
        )?;
        let took = now.elapsed();
        let everything = chosen.len() == employees && window == (0..days);
        if outcome.optimal && took < slice / 3 {
            cells = (cells * 1.25).min(largest);
        } else if !outcome.optimal {
            cells = (cells * 0.8).max(CELLS.start);
        }
        if let Some(values) = &outcome.values {
            let candidate = decoder.roster(&roster, &chosen, values);
            let value = score(&candidate)?;
            if value <= objective {
                roster = candidate;
                objective = value;
            }
        }
        step += 1;
        (settings.report)(step, objective);
        if everything && outcome.optimal {
            break;
        }
    }
    Ok((roster, objective))
}

/// A random block of about `cells` cells. Every other call: all employees (as many as fit)
/// over a short window of days, where the cover couples them most; otherwise a few employees
/// over whole rows when they fit, else over a window of two to eight weeks.
fn neighbourhood(
    rng: &mut Pick,
    employees: usize,
    days: usize,
    n: usize,
    cells: f64,
) -> (Vec<usize>, Range<usize>) {
    let per_employee_day = n.max(1) as f64;
    let full_rows = cells / (days as f64 * per_employee_day);
    let (count, len) = if rng.below(2) == 0 {
        let len = (cells / (employees as f64 * per_employee_day)).round();
        let len = (len.max(4.0) as usize).min(days);
        let count = (cells / (len as f64 * per_employee_day)).round().max(2.0) as usize;
        (count, len)
    } else if full_rows >= 3.0 || days <= 28 {
        (full_rows.round().max(2.0) as usize, days)
    } else {
        let len = [14, 28, 56][rng.below(3)].min(days);
        let count = (cells / (len as f64 * per_employee_day)).round().max(2.0) as usize;
        (count, len)
    };
    let count = count.min(employees);
    let start = rng.below(days - len + 1);
    // Partial Fisher-Yates: the first `count` entries are a uniform sample.
    let mut pool: Vec<usize> = (0..employees).collect();
    for i in 0..count {
        let j = i + rng.below(employees - i);
        pool.swap(i, j);
    }
    pool.truncate(count);
    pool.sort_unstable();
    (pool, start..start + len)
}

/// Seeded neighbourhood choices on wfm-core's SplitMix64.
struct Pick(SplitMix64);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }
}
