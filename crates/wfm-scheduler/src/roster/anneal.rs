//! Simulated annealing over feasible rosters: the primal heuristic between MILP solves.
//!
//! Moves (each kept only if the touched rows still meet every hard rule): change one
//! employee's shift on one day, swap two employees' shifts on one day, swap a block of days
//! between two employees, and exchange two days within one employee's row. The objective
//! change is computed incrementally from cover counts and request weights.

use std::time::Instant;

use super::rules::{allowed_cells, cover_index, request_gain, weekend_of_day};
use super::{Roster, RosterProblem};

/// Per-employee data the row check and the moves need.
struct EmployeeRules {
    allowed: Vec<bool>,
    gain: Vec<i64>,
}

/// Incremental state of the annealer.
pub(crate) struct Annealer<'a> {
    problem: &'a RosterProblem,
    n: usize,
    rows: Vec<Vec<Option<usize>>>,
    count: Vec<u32>,
    target: Vec<Option<usize>>,
    weekend: Vec<Option<usize>>,
    rules: Vec<EmployeeRules>,
    objective: i64,
    rng: wfm_core::SplitMix64,
}

impl<'a> Annealer<'a> {
    /// Starts from `roster`, which must meet every hard rule; `objective` is its objective.
    pub(crate) fn new(
        problem: &'a RosterProblem,
        roster: &Roster,
        objective: u64,
        seed: u64,
    ) -> Self {
        let n = problem.shift_types.len();
        let mut count = vec![0_u32; problem.days * n];
        for row in &roster.shifts {
            for (d, s) in row.iter().enumerate() {
                if let Some(s) = s {
                    count[d * n + s] += 1;
                }
            }
        }
        let rules = (0..problem.employees.len())
            .map(|e| EmployeeRules {
                allowed: allowed_cells(problem, e),
                gain: request_gain(problem, e),
            })
            .collect();
        Self {
            problem,
            n,
            rows: roster.shifts.clone(),
            count,
            target: cover_index(problem),
            weekend: weekend_of_day(problem),
            rules,
            objective: i64::try_from(objective).unwrap_or(i64::MAX),
            rng: wfm_core::SplitMix64::new(seed ^ 0xD1B5_4A32_D192_ED03),
        }
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng.below(n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        self.rng.unit()
    }

    /// Cover penalty change when `(d, s)` goes from `have` to `have + 1` (`add`) or `have - 1`.
    fn cover_step(&self, k: usize, add: bool) -> i64 {
        let Some(i) = self.target[k] else { return 0 };
        let c = &self.problem.cover[i];
        let have = self.count[k];
        if add {
            if have < c.requirement {
                -i64::from(c.under_weight)
            } else {
                i64::from(c.over_weight)
            }
        } else if have <= c.requirement {
            i64::from(c.under_weight)
        } else {
            -i64::from(c.over_weight)
        }
    }

    /// Objective change of setting `rows[e][d]` from its value to `to`, applying it.
    fn set(&mut self, e: usize, d: usize, to: Option<usize>) -> i64 {
        let from = self.rows[e][d];
        if from == to {
            return 0;
        }
        let mut delta = 0;
        if let Some(s) = from {
            let k = d * self.n + s;
            delta += self.cover_step(k, false) + self.rules[e].gain[k];
            self.count[k] -= 1;
        }
        if let Some(s) = to {
            let k = d * self.n + s;
            delta += self.cover_step(k, true) - self.rules[e].gain[k];
            self.count[k] += 1;
        }
        self.rows[e][d] = to;
        self.objective += delta;
        delta
    }

    /// Every hard rule of employee `e`'s current row.
    fn row_ok(&self, e: usize) -> bool {
        let p = self.problem;
        let emp = &p.employees[e];
        let row = &self.rows[e];
        let days = row.len();
        let mut minutes = 0_u64;
        let mut per_type = [0_u32; 64];
        let mut counts_big = if self.n > 64 {
            vec![0_u32; self.n]
        } else {
            Vec::new()
        };
        let mut weekends = 0_u32;
        let mut last_weekend = None;
        let mut run_start = 0;
        for d in 0..=days {
            let cur = row.get(d).copied().flatten();
            if d < days {
                if let Some(s) = cur {
                    if !self.rules[e].allowed[d * self.n + s] {
                        return false;
                    }
                    minutes += u64::from(p.shift_types[s].minutes);
                    let c = if self.n > 64 {
                        &mut counts_big[s]
                    } else {
                        &mut per_type[s]
                    };
                    *c += 1;
                    if *c > emp.max_shifts[s] {
                        return false;
                    }
                    if let Some(w) = self.weekend[d] {
                        if last_weekend != Some(w) {
                            weekends += 1;
                            last_weekend = Some(w);
                        }
                    }
                    if d > 0 {
                        if let Some(prev) = row[d - 1] {
                            if p.shift_types[prev].forbidden_next.contains(&s) {
                                return false;
                            }
                        }
                    }
                }
            }
            // A run ends before d when the worked status changes (or at the end).
            if d > 0 && (d == days || cur.is_some() != row[d - 1].is_some()) {
                let length = d - run_start;
                let interior = run_start > 0 && d < days;
                if row[d - 1].is_some() {
                    if length > emp.max_consecutive_shifts as usize
                        || (interior && length < emp.min_consecutive_shifts as usize)
                    {
                        return false;
                    }
                } else if interior && length < emp.min_consecutive_days_off as usize {
                    return false;
                }
                run_start = d;
            }
        }
        weekends <= emp.max_weekends
            && minutes >= u64::from(emp.min_total_minutes)
            && minutes <= u64::from(emp.max_total_minutes)
    }

    /// A random value for cell `(e, d)`: off or a shift type the employee may work.
    fn random_value(&mut self, e: usize, d: usize) -> Option<usize> {
        let s = self.below(self.n + 1);
        (s < self.n && self.rules[e].allowed[d * self.n + s]).then_some(s)
    }

    /// Runs until `until`, returning the best roster found and its objective.
    pub(crate) fn run(&mut self, until: Instant, best_objective: u64) -> Option<(Roster, u64)> {
        let employees = self.rows.len();
        let days = self.problem.days;
        if employees == 0 || days == 0 {
            return None;
        }
        let started = Instant::now();
        let total = until
            .saturating_duration_since(started)
            .as_secs_f64()
            .max(1e-3);
        let (t_hot, t_cold) = (8.0_f64, 0.3_f64);
        let mut temperature = t_hot;
        let mut best = i64::try_from(best_objective).unwrap_or(i64::MAX);
        let mut best_rows: Option<Vec<Vec<Option<usize>>>> = None;
        let mut undo: Vec<(usize, usize, Option<usize>)> = Vec::with_capacity(16);
        let mut iter = 0_u64;
        loop {
            iter += 1;
            if iter % 1024 == 0 {
                let now = Instant::now();
                if now >= until {
                    break;
                }
                let frac = (now - started).as_secs_f64() / total;
                temperature = t_hot * (t_cold / t_hot).powf(frac);
            }
            undo.clear();
            let e1 = self.below(employees);
            let d = self.below(days);
            let mut delta = 0;
            let mut touched = [e1, usize::MAX];
            match self.below(4) {
                0 => {
                    let v = self.random_value(e1, d);
                    undo.push((e1, d, self.rows[e1][d]));
                    delta += self.set(e1, d, v);
                }
                1 | 2 => {
                    let e2 = self.below(employees);
                    if e2 == e1 {
                        continue;
                    }
                    touched[1] = e2;
                    let len = if self.below(2) == 0 {
                        1
                    } else {
                        1 + self.below(7)
                    };
                    for day in d..(d + len).min(days) {
                        let (a, b) = (self.rows[e1][day], self.rows[e2][day]);
                        undo.push((e1, day, a));
                        undo.push((e2, day, b));
                        delta += self.set(e1, day, b);
                        delta += self.set(e2, day, a);
                    }
                }
                _ => {
                    let d2 = self.below(days);
                    let (a, b) = (self.rows[e1][d], self.rows[e1][d2]);
                    if a == b {
                        continue;
                    }
                    undo.push((e1, d, a));
                    undo.push((e1, d2, b));
                    delta += self.set(e1, d, b);
                    delta += self.set(e1, d2, a);
                }
            }
            let accept = (delta <= 0 || self.unit() < (-(delta as f64) / temperature).exp())
                && touched.iter().all(|&e| e == usize::MAX || self.row_ok(e));
            if !accept {
                for &(e, day, v) in undo.iter().rev() {
                    self.set(e, day, v);
                }
                continue;
            }
            if self.objective < best {
                best = self.objective;
                best_rows = Some(self.rows.clone());
            }
        }
        best_rows.map(|rows| {
            (
                Roster::from_shifts(rows),
                u64::try_from(best).unwrap_or(u64::MAX),
            )
        })
    }
}
