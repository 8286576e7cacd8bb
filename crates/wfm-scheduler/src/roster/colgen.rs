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
//! - Integer rosters: a MIP over the generated columns. Proof: with duals of the last round
//!   and the incumbent's objective `UB`, any roster better than `UB` uses for each employee a
//!   row of reduced cost at most `rc_e + (UB - 1 - LB)`; when the pricing can enumerate all of
//!   them within a budget, the MIP over those rows (and the incumbent's) solved to optimality
//!   proves its result optimal.
//!
//! Deterministic for a given input: the round count is a work budget, HiGHS runs with a fixed
//! seed, and the wall-clock deadline only matters when it binds first.

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;

use super::colgen_master::{Column, LpSolution, Master, MipSolution};
use super::pricing::{PricedRow, Pricer};
use super::rules::request_gain;
use super::{Roster, RosterProblem};

/// Tolerance on the floating-point bound before rounding it up to an integer.
const BOUND_EPS: f64 = 1e-6;
/// Extra columns (beyond the cheapest) taken per employee and round.
const EXTRA_COLUMNS: usize = 2;
/// Most partial rows alive on one day of one employee's enumeration.
const ENUMERATION_LABELS: usize = 400_000;
/// Most columns the proof's MIP may hold.
const ENUMERATION_COLUMNS: usize = 60_000;

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
            self.rounds += 1;
            // The bound needs the exact pricing: run it once the heuristic finds nothing.
            let exact = found.iter().all(Vec::is_empty);
            let found = if exact {
                self.exact_round(&lp, &thresholds)
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
            let mut added = 0;
            for (e, rows) in found.into_iter().enumerate() {
                for r in rows {
                    if self.add_row(e, r.row).is_some() {
                        added += 1;
                    }
                }
            }
            let rounded = (self.bound.unwrap_or(f64::NEG_INFINITY) - BOUND_EPS).ceil();
            if added == 0 || rounded >= (z - BOUND_EPS).ceil() || rounded >= upper as f64 {
                return;
            }
        }
    }

    /// The exact pricing of every employee (in parallel) against `lp`'s duals.
    fn exact_round(&self, lp: &LpSolution, thresholds: &[f64]) -> Vec<Vec<PricedRow>> {
        let gain = &self.gain;
        self.pricers
            .par_iter()
            .enumerate()
            .map(|(e, pricer)| {
                pricer.price(&cell_costs(&gain[e], lp), thresholds[e], EXTRA_COLUMNS)
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
                    .enumerate(&cell_cost, threshold, ENUMERATION_LABELS)
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
        match master.solve_mip(threads, seconds, Some(&chosen)) {
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
