//! Per-employee column generation (price-and-branch) for the roster problem (HiGHS).
//!
//! - Master ([`super::colgen_master`]): choose one row per employee, cover rows with under/over
//!   slacks. Started from the incumbent's rows, so it is always feasible.
//! - Pricing ([`super::pricing`]): per employee, an exact resource-constrained shortest path over
//!   the days with the request penalties and the cover duals, in parallel (rayon) over employees.
//! - Bound: after every round the Lagrangian bound `z_LP + sum_e min(0, rc_e)` (`rc_e` the least
//!   reduced cost of employee `e`, exact because the pricing is exact) is a valid lower bound on
//!   the optimum; at convergence it equals `z_LP`. Rounds stop when the bound rounded up to an
//!   integer (objectives are integral) reaches `z_LP` rounded up, or the incumbent.
//! - Integer rosters: first two price-and-dives ([`Generator::dive`]: fix the LP's integral and
//!   largest fractional rows, then cells, price again within the fixings, repeat until the LP
//!   is integral), then randomised dives (the fractional choice picked with probability
//!   proportional to its weight, [`Pick::Weighted`]) that mostly enrich the pool, then a MIP
//!   over the generated columns (the dives' included). Proof: with duals of the last round
//!   and the incumbent's objective `UB`, any roster better than `UB` uses for each employee a
//!   row of reduced cost at most `rc_e + (UB - 1 - LB)`; when the pricing can enumerate all of
//!   them within a budget, the MIP over those rows (and the incumbent's) solved to optimality
//!   proves its result optimal.
//!
//! Deterministic for a given input: the round count is a work budget, HiGHS runs with a fixed
//! seed, and the wall-clock deadline only matters when it binds first.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::colgen_master::{Column, LpSolution, Master, MipSolution};
use super::pricing::{PricedRow, Pricer};
use super::rules::request_gain;
use super::{Roster, RosterProblem};
use wfm_core::SplitMix64;

/// Tolerance on the floating-point bound before rounding it up to an integer.
const BOUND_EPS: f64 = 1e-6;
/// Extra columns (beyond the cheapest) taken per employee and round.
const EXTRA_COLUMNS: usize = 2;
/// Most partial rows alive on one day of one employee's enumeration.
const ENUMERATION_LABELS: usize = 400_000;
/// Most columns the proof's MIP may hold.
const ENUMERATION_COLUMNS: usize = 60_000;
/// Least time an exact pricing round is given (see [`Generator::run`]).
const EXACT_MIN: Duration = Duration::from_secs(2);
/// Most LP and pricing rounds between two fixings of a dive.
const DIVE_ROUNDS: usize = 20;
/// LP weight within this of 1 counts as integral in a dive.
const DIVE_INTEGRAL: f64 = 1e-6;
/// Cell-cost penalty that keeps the dive's pricing inside its fixings.
const DIVE_PENALTY: f64 = 1e7;

/// What a dive fixes per step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DiveFix {
    /// Single (employee, day) choices: slow, fine-grained.
    Cells,
    /// Whole employee rows (one column each): at most one step per employee.
    Rows,
}

/// How a dive chooses the fractional choice (cell or row) it fixes next.
#[derive(Debug, Clone)]
pub(crate) enum Pick {
    /// The heaviest (the first on ties): deterministic.
    Heaviest,
    /// At random with probability proportional to the LP weight (a weighted reservoir
    /// sample; the second field is the weight offered so far in the current choice), so that
    /// repeated dives explore different roundings of the same LP.
    Weighted(SplitMix64, f64),
}

impl Pick {
    /// [`Pick::Weighted`] from `seed`.
    pub(crate) fn weighted(seed: u64) -> Self {
        Self::Weighted(SplitMix64::new(seed), 0.0)
    }

    /// Offers candidate `item` of LP weight `w` (positive) for `chosen`, which starts a new
    /// choice when it is `None`.
    fn offer<T>(&mut self, chosen: &mut Option<(T, f64)>, item: T, w: f64) {
        match self {
            Self::Heaviest => {
                if chosen.as_ref().is_none_or(|c| w > c.1) {
                    *chosen = Some((item, w));
                }
            }
            Self::Weighted(rng, total) => {
                if chosen.is_none() {
                    *total = 0.0;
                }
                *total += w;
                if rng.unit() * *total < w {
                    *chosen = Some((item, w));
                }
            }
        }
    }
}

/// The duals and reduced costs of the last completed round: together a valid bound.
#[derive(Debug, Clone)]
struct Round {
    lp: LpSolution,
    /// Least reduced cost per employee (`<= 0`).
    least: Vec<f64>,
    bound: f64,
}

/// Column generation state: pricing problems, master and the best bound.
pub(crate) struct Generator<'a> {
    problem: &'a RosterProblem,
    pricers: Vec<Pricer>,
    /// Per employee: the penalty of working nothing (all shift-on requests missed).
    constant: Vec<f64>,
    /// Per employee and cell: how much working the cell lowers the request penalty.
    gain: Vec<Vec<i64>>,
    master: Master,
    index: HashMap<(usize, Vec<Option<usize>>), usize>,
    last: Option<Round>,
    /// Best valid lower bound so far.
    pub(crate) bound: Option<f64>,
    /// Pricing rounds done.
    pub(crate) rounds: usize,
}

/// Result of the enumeration proof.
#[derive(Debug)]
pub(crate) enum Proof {
    /// The MIP over every possibly improving row finished: its roster is optimal.
    Optimal(Roster),
    /// Already proven by the bound: no roster below the incumbent exists.
    ByBound,
    /// Too many rows to enumerate, or the MIP ran out of time (with its best roster, if any).
    Unknown(Option<Roster>),
}

impl<'a> Generator<'a> {
    /// A generator whose master holds `start`'s rows.
    pub(crate) fn new(problem: &'a RosterProblem, start: &Roster) -> Self {
        let employees = problem.employees.len();
        let pricers: Vec<Pricer> = (0..employees)
            .into_par_iter()
            .map(|e| Pricer::new(problem, e))
            .collect();
        let gain: Vec<Vec<i64>> = (0..employees).map(|e| request_gain(problem, e)).collect();
        let mut constant = vec![0.0; employees];
        for r in &problem.shift_on_requests {
            constant[r.employee] += f64::from(r.weight);
        }
        let mut g = Self {
            problem,
            pricers,
            constant,
            gain,
            master: Master::new(problem),
            index: HashMap::new(),
            last: None,
            bound: None,
            rounds: 0,
        };
        g.add_roster(start);
        g
    }

    fn cost(&self, e: usize, row: &[Option<usize>]) -> f64 {
        let n = self.problem.shift_types.len();
        let gained: i64 = row
            .iter()
            .enumerate()
            .filter_map(|(d, s)| s.map(|s| self.gain[e][d * n + s]))
            .sum();
        self.constant[e] - gained as f64
    }

    /// Adds the row of employee `e` unless present; its column index.
    fn add_row(&mut self, e: usize, row: Vec<Option<usize>>) -> Option<usize> {
        if let Some(&j) = self.index.get(&(e, row.clone())) {
            return Some(j);
        }
        let cost = self.cost(e, &row);
        let j = self.master.columns.len();
        self.master.add(Column {
            employee: e,
            row: row.clone(),
            cost,
        })?;
        self.index.insert((e, row), j);
        Some(j)
    }

    /// `found` (per employee) without the rows already in the pool.
    fn fresh(&self, found: Vec<Vec<PricedRow>>) -> Vec<Vec<PricedRow>> {
        found
            .into_iter()
            .enumerate()
            .map(|(e, rows)| {
                rows.into_iter()
                    .filter(|r| !self.index.contains_key(&(e, r.row.clone())))
                    .collect()
            })
            .collect()
    }

    /// Adds every row of `roster` as a column; the column index per employee.
    pub(crate) fn add_roster(&mut self, roster: &Roster) -> Option<Vec<usize>> {
        (0..roster.shifts.len())
            .map(|e| self.add_row(e, roster.shifts[e].clone()))
            .collect()
    }

    fn offer_bound(&mut self, b: f64) {
        self.bound = Some(self.bound.map_or(b, |old| old.max(b)));
    }

    /// Rounds of LP and pricing until the rounded bound stops moving, the incumbent `upper` is
    /// proven, `max_rounds` rounds are done or `deadline` passes.
    pub(crate) fn run(&mut self, upper: u64, threads: u32, max_rounds: usize, deadline: Instant) {
        let started = Instant::now();
        for _ in 0..max_rounds {
            let left = deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if left <= 0.05 {
                return;
            }
            let Some(lp) = self.master.solve_lp(threads, left) else {
                return;
            };
            let thresholds: Vec<f64> = (0..self.pricers.len())
                .map(|e| lp.conv_duals[e] - self.constant[e])
                .collect();
            let gain = &self.gain;
            let found: Vec<Vec<PricedRow>> = self
                .pricers
                .par_iter()
                .enumerate()
                .map(|(e, pricer)| {
                    pricer.price_heuristic(&cell_costs(&gain[e], &lp), thresholds[e], EXTRA_COLUMNS)
                })
                .collect();
            let found = self.fresh(found);
            self.rounds += 1;
            // The bound needs the exact pricing: run it once the heuristic finds nothing new.
            // Rows already in the pool come back when their reduced cost is negative only
            // within the LP's tolerances; counting them kept Curtois 15 re-pricing the same
            // LP (z = 3842.8) for 270 rounds, most of its column-generation time.
            let exact = found.iter().all(Vec::is_empty);
            let found = if exact {
                // Out of time before the exact pricing finished: the LP is as good as the
                // heuristic pricing can make it, but no bound comes from this round.
                // An exact round may take as long as the rounds so far (at least EXACT_MIN):
                // on long horizons (Curtois 15, 42 days) it can take minutes.
                let budget = started.elapsed().max(EXACT_MIN);
                let until = deadline.min(Instant::now() + budget);
                let Some(found) = self.exact_round(&lp, &thresholds, until) else {
                    return;
                };
                found
            } else {
                found
            };
            let z = lp.objective;
            if exact {
                let least: Vec<f64> = found
                    .iter()
                    .enumerate()
                    .map(|(e, rows)| {
                        rows.first()
                            .map_or(0.0, |r| (r.cost - thresholds[e]).min(0.0))
                    })
                    .collect();
                let bound = z + least.iter().sum::<f64>();
                self.offer_bound(bound);
                self.last = Some(Round { lp, least, bound });
            }
            let before = self.master.columns.len();
            for (e, rows) in found.into_iter().enumerate() {
                for r in rows {
                    self.add_row(e, r.row);
                }
            }
            let added = self.master.columns.len() - before;
            let rounded = (self.bound.unwrap_or(f64::NEG_INFINITY) - BOUND_EPS).ceil();
            if added == 0 || rounded >= (z - BOUND_EPS).ceil() || rounded >= upper as f64 {
                return;
            }
        }
    }

    /// Price-and-dive: a roster from the LP relaxation by fixing cells. Repeatedly solves the
    /// master LP (warm) with the columns that break a fixing held at 0, and adds the heuristic
    /// pricing's columns (which respect the fixings) until it finds none (at most
    /// [`DIVE_ROUNDS`] rounds). When every employee's weight is on one column, those columns
    /// are the roster; otherwise `fix` chooses what to fix: [`DiveFix::Cells`] every
    /// (employee, day) whose choice is integral in the LP and the fractional choice (shift or
    /// day off) of largest value, [`DiveFix::Rows`] the whole row of every employee whose
    /// heaviest column is integral and of the one whose heaviest column is heaviest. Every fixing has
    /// a positive-valued allowed column, so each employee keeps a column and the LP stays
    /// feasible. When `deadline` passes (or an LP fails) the dive stops early with each
    /// employee's heaviest column in the last LP: any one column per employee is a roster
    /// meeting every hard rule. The columns it generates stay in the pool (for the MIP); the
    /// fixings are released at the end. `None` only when no LP was solved.
    pub(crate) fn dive(
        &mut self,
        fix: DiveFix,
        pick: &mut Pick,
        threads: u32,
        deadline: Instant,
    ) -> Option<Roster> {
        let days = self.problem.days;
        let mut fixed: Vec<Vec<Option<Option<usize>>>> = vec![vec![None; days]; self.pricers.len()];
        let roster = self.dive_fixing(&mut fixed, fix, pick, threads, deadline);
        for j in 0..self.master.columns.len() {
            self.master.allow(j, true)?;
        }
        roster
    }

    fn dive_fixing(
        &mut self,
        fixed: &mut [Vec<Option<Option<usize>>>],
        fix: DiveFix,
        pick: &mut Pick,
        threads: u32,
        deadline: Instant,
    ) -> Option<Roster> {
        let n = self.problem.shift_types.len();
        let breaks = |fixed: &[Vec<Option<Option<usize>>>], c: &Column| {
            fixed[c.employee]
                .iter()
                .zip(&c.row)
                .any(|(f, v)| f.is_some_and(|f| f != *v))
        };
        let mut values: Vec<f64> = Vec::new();
        loop {
            for _ in 0..DIVE_ROUNDS {
                let left = deadline
                    .saturating_duration_since(Instant::now())
                    .as_secs_f64();
                let lp = if left > 0.0 {
                    self.master.solve_lp(threads, left)
                } else {
                    None
                };
                let Some(lp) = lp else {
                    return self.heaviest_columns(&values);
                };
                let found = self.price_within(&lp, fixed);
                values = lp.values;
                let before = self.master.columns.len();
                for (e, rows) in found.into_iter().enumerate() {
                    for r in rows {
                        let j = self.add_row(e, r.row)?;
                        if j >= before && breaks(fixed, &self.master.columns[j]) {
                            self.master.allow(j, false)?;
                        }
                    }
                }
                if self.master.columns.len() == before {
                    break;
                }
            }
            let best = self.best_columns(&values);
            if best
                .iter()
                .all(|b| b.is_some_and(|(_, v)| v >= 1.0 - DIVE_INTEGRAL))
            {
                return self.heaviest_columns(&values);
            }
            let newly = match fix {
                DiveFix::Cells => Self::fix_cells(fixed, &self.master.columns, &values, n, pick),
                DiveFix::Rows => Self::fix_rows(fixed, &self.master.columns, &best, pick),
            };
            if !newly {
                return self.heaviest_columns(&values);
            }
            for j in 0..self.master.columns.len() {
                if breaks(fixed, &self.master.columns[j]) {
                    self.master.allow(j, false)?;
                }
            }
        }
    }

    /// [`DiveFix::Cells`]: fixes every (employee, day) whose choice is integral in `values`
    /// and the fractional choice of largest weight; whether anything new was fixed.
    fn fix_cells(
        fixed: &mut [Vec<Option<Option<usize>>>],
        columns: &[Column],
        values: &[f64],
        n: usize,
        pick: &mut Pick,
    ) -> bool {
        let days = fixed.first().map_or(0, Vec::len);
        // Per employee, day and choice (shift, or off = n): the LP weight.
        let mut weight = vec![0.0; fixed.len() * days * (n + 1)];
        for (&v, c) in values.iter().zip(columns) {
            if v > 1e-9 {
                for (d, s) in c.row.iter().enumerate() {
                    weight[(c.employee * days + d) * (n + 1) + s.unwrap_or(n)] += v;
                }
            }
        }
        let mut fractional: Option<((usize, usize, usize), f64)> = None;
        let mut newly = false;
        for (e, row) in fixed.iter_mut().enumerate() {
            for (d, f) in row.iter_mut().enumerate() {
                if f.is_some() {
                    continue;
                }
                for k in 0..=n {
                    let w = weight[(e * days + d) * (n + 1) + k];
                    if w >= 1.0 - DIVE_INTEGRAL {
                        *f = Some((k < n).then_some(k));
                        newly = true;
                    } else if w > 1e-9 {
                        pick.offer(&mut fractional, (e, d, k), w);
                    }
                }
            }
        }
        if let Some(((e, d, k), _)) = fractional
            && fixed[e][d].is_none()
        {
            fixed[e][d] = Some((k < n).then_some(k));
            newly = true;
        }
        newly
    }

    /// [`DiveFix::Rows`]: fixes the whole row of every employee whose heaviest column (`best`)
    /// is integral, and of the not yet fixed employee with the heaviest fractional column;
    /// whether anything new was fixed.
    fn fix_rows(
        fixed: &mut [Vec<Option<Option<usize>>>],
        columns: &[Column],
        best: &[Option<(usize, f64)>],
        pick: &mut Pick,
    ) -> bool {
        let mut fractional: Option<(usize, f64)> = None;
        let mut newly = false;
        for (row, b) in fixed.iter_mut().zip(best) {
            let Some((j, v)) = *b else { continue };
            if row.iter().all(Option::is_some) {
                continue;
            }
            if v >= 1.0 - DIVE_INTEGRAL {
                for (f, &s) in row.iter_mut().zip(&columns[j].row) {
                    *f = Some(s);
                }
                newly = true;
            } else {
                pick.offer(&mut fractional, j, v);
            }
        }
        if let Some((j, _)) = fractional {
            let c = &columns[j];
            for (f, &s) in fixed[c.employee].iter_mut().zip(&c.row) {
                *f = Some(s);
            }
            newly = true;
        }
        newly
    }

    /// The heuristic pricing of every unfixed employee against `lp`'s duals, with the cells
    /// that break a fixing priced out ([`DIVE_PENALTY`]) and the fixed cells priced in.
    fn price_within(
        &self,
        lp: &LpSolution,
        fixed: &[Vec<Option<Option<usize>>>],
    ) -> Vec<Vec<PricedRow>> {
        let n = self.problem.shift_types.len();
        let (gain, constant) = (&self.gain, &self.constant);
        self.pricers
            .par_iter()
            .enumerate()
            .map(|(e, pricer)| {
                let mut cost = cell_costs(&gain[e], lp);
                let mut threshold = lp.conv_duals[e] - constant[e];
                for (d, f) in fixed[e].iter().enumerate() {
                    let Some(f) = f else { continue };
                    for s in 0..n {
                        if *f == Some(s) {
                            cost[d * n + s] -= DIVE_PENALTY;
                            threshold -= DIVE_PENALTY;
                        } else {
                            cost[d * n + s] += DIVE_PENALTY;
                        }
                    }
                }
                pricer.price_heuristic(&cost, threshold, 0)
            })
            .collect()
    }

    /// Per employee, its column of largest value in `values` (the first on ties).
    fn best_columns(&self, values: &[f64]) -> Vec<Option<(usize, f64)>> {
        let mut best: Vec<Option<(usize, f64)>> = vec![None; self.pricers.len()];
        for (j, (&v, c)) in values.iter().zip(&self.master.columns).enumerate() {
            let b = &mut best[c.employee];
            if b.is_none_or(|(_, w)| v > w) {
                *b = Some((j, v));
            }
        }
        best
    }

    /// The roster of each employee's heaviest column in `values` (`None` when some employee
    /// has none, e.g. before the first LP).
    fn heaviest_columns(&self, values: &[f64]) -> Option<Roster> {
        let shifts = self
            .best_columns(values)
            .iter()
            .map(|b| b.map(|(j, _)| self.master.columns[j].row.clone()))
            .collect::<Option<Vec<_>>>()?;
        Some(Roster::from_shifts(shifts))
    }

    /// The exact pricing of every employee (in parallel) against `lp`'s duals; `None` when
    /// `deadline` passes before every employee is priced.
    fn exact_round(
        &self,
        lp: &LpSolution,
        thresholds: &[f64],
        deadline: Instant,
    ) -> Option<Vec<Vec<PricedRow>>> {
        let gain = &self.gain;
        self.pricers
            .par_iter()
            .enumerate()
            .map(|(e, pricer)| {
                pricer
                    .price(
                        &cell_costs(&gain[e], lp),
                        thresholds[e],
                        EXTRA_COLUMNS,
                        deadline,
                    )
                    .ok()
            })
            .collect()
    }

    /// The MIP over the generated columns, started from `start`'s rows.
    pub(crate) fn mip(
        &mut self,
        start: &Roster,
        threads: u32,
        seconds: f64,
    ) -> Option<MipSolution> {
        let chosen = self.add_roster(start)?;
        self.master.solve_mip(threads, seconds, Some(&chosen))
    }

    /// Enumerates every row that can be part of a roster better than `incumbent` (objective
    /// `upper`) and solves the MIP over them within `seconds`.
    pub(crate) fn prove(
        &mut self,
        incumbent: &Roster,
        upper: u64,
        threads: u32,
        seconds: f64,
    ) -> Proof {
        let Some(round) = self.last.clone() else {
            return Proof::Unknown(None);
        };
        // Capped at a year, so the addition cannot overflow.
        let deadline = Instant::now() + Duration::from_secs_f64(seconds.clamp(0.0, 3.2e7));
        let slack = upper as f64 - 1.0 - round.bound;
        if slack < -BOUND_EPS {
            return Proof::ByBound;
        }
        let gain = &self.gain;
        let listed: Vec<Option<Vec<PricedRow>>> = self
            .pricers
            .par_iter()
            .enumerate()
            .map(|(e, pricer)| {
                let cell_cost = cell_costs(&gain[e], &round.lp);
                let threshold =
                    round.lp.conv_duals[e] - self.constant[e] + round.least[e] + slack + BOUND_EPS;
                pricer
                    .enumerate(&cell_cost, threshold, ENUMERATION_LABELS, deadline)
                    .ok()
            })
            .collect();
        let total: usize = listed.iter().map(|l| l.as_ref().map_or(0, Vec::len)).sum();
        if listed.iter().any(Option::is_none) || total > ENUMERATION_COLUMNS {
            return Proof::Unknown(None);
        }
        // The proof's MIP holds exactly the enumerated rows and the incumbent's.
        let mut master = Master::new(self.problem);
        let mut index: HashMap<(usize, Vec<Option<usize>>), usize> = HashMap::new();
        let mut push = |master: &mut Master, e: usize, row: Vec<Option<usize>>, cost: f64| {
            let next = master.columns.len();
            let j = *index.entry((e, row.clone())).or_insert(next);
            if j == next {
                master.add(Column {
                    employee: e,
                    row,
                    cost,
                })?;
            }
            Some(j)
        };
        let mut chosen = Vec::with_capacity(incumbent.shifts.len());
        for (e, row) in incumbent.shifts.iter().enumerate() {
            let cost = self.cost(e, row);
            match push(&mut master, e, row.clone(), cost) {
                Some(j) => chosen.push(j),
                None => return Proof::Unknown(None),
            }
        }
        for (e, rows) in listed.into_iter().enumerate() {
            for r in rows.unwrap_or_default() {
                let cost = self.cost(e, &r.row);
                if push(&mut master, e, r.row, cost).is_none() {
                    return Proof::Unknown(None);
                }
            }
        }
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        match master.solve_mip(threads, left, Some(&chosen)) {
            Some(MipSolution {
                roster,
                optimal: true,
            }) => Proof::Optimal(roster),
            Some(s) => Proof::Unknown(Some(s.roster)),
            None => Proof::Unknown(None),
        }
    }
}

/// Per cell of one employee: request penalty change (`-gain`) minus the cover dual.
fn cell_costs(gain: &[i64], lp: &LpSolution) -> Vec<f64> {
    gain.iter()
        .zip(&lp.cover_duals)
        .map(|(&g, &dual)| -(g as f64) - dual)
        .collect()
}
