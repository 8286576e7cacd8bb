//! MILP model of the rostering problem (or of a neighbourhood of it) built with good_lp.
//!
//! Variables: `x[e,d,s]` binary (only for cells the employee may work), `under`/`over` per
//! cover target, `v[e,w]` binary per worked weekend. Rows: one shift a day, forbidden
//! successions (aggregated over the successors), per-type maxima, total minutes,
//! run rules as a network flow per employee (or as windows, see `runs`).

use std::ops::Range;

use good_lp::{Constraint, Expression, ProblemVariables, Variable, variable};

use super::rules::{allowed_cells, cover_index, request_gain, weekend_of_day};
use super::runs::{run_flow, run_windows};
use super::{Roster, RosterProblem};

/// What part of the problem the model frees; everything else stays as in the incumbent.
#[derive(Debug)]
pub(crate) struct Scope<'a> {
    /// Employees whose cells are variables.
    pub(crate) employees: Vec<usize>,
    /// Days whose cells are free; cells outside are fixed to the incumbent.
    pub(crate) free_days: Range<usize>,
    /// Start values and the fixed part (a roster meeting every hard rule).
    pub(crate) incumbent: &'a Roster,
}

/// A built model: variables, objective, rows, start values in column order.
pub(crate) struct Model {
    pub(crate) vars: ProblemVariables,
    pub(crate) objective: Expression,
    pub(crate) constraints: Vec<Constraint>,
    /// Start value of every column, in creation order (= HiGHS column order).
    pub(crate) start: Vec<f64>,
    /// Every cell variable.
    pub(crate) cells: Vec<Cell>,
    /// Added to the model objective gives the official objective (unmet on-request weights
    /// the model cannot see, plus nothing else).
    pub(crate) constant: f64,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("columns", &self.start.len())
            .field("rows", &self.constraints.len())
            .finish()
    }
}

/// One `x[e,d,s]` variable and its column.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cell {
    pub(crate) employee: usize,
    pub(crate) day: usize,
    pub(crate) shift: usize,
    pub(crate) var: Variable,
    pub(crate) column: usize,
}

/// What is needed to read a roster back from column values once the model is consumed.
#[derive(Debug)]
pub(crate) struct Decoder {
    cells: Vec<(usize, usize, usize, usize)>,
}

impl Decoder {
    /// The decoder of `model`.
    pub(crate) fn of(model: &Model) -> Self {
        Self {
            cells: model
                .cells
                .iter()
                .map(|c| (c.employee, c.day, c.shift, c.column))
                .collect(),
        }
    }

    /// The roster given by column `values` for the scope's `employees`, on top of `incumbent`.
    pub(crate) fn roster(&self, incumbent: &Roster, employees: &[usize], values: &[f64]) -> Roster {
        let mut out = incumbent.clone();
        for &e in employees {
            out.shifts[e].iter_mut().for_each(|c| *c = None);
        }
        for &(e, d, s, column) in &self.cells {
            if values.get(column).copied().unwrap_or(0.0) > 0.5 {
                out.shifts[e][d] = Some(s);
            }
        }
        out
    }
}

/// Counts the columns while adding variables, so start values line up with HiGHS columns.
struct Builder {
    vars: ProblemVariables,
    start: Vec<f64>,
}

impl Builder {
    fn add(&mut self, fixed: bool, init: f64, binary: bool) -> Variable {
        let def = if fixed {
            variable().integer().min(init).max(init)
        } else if binary {
            variable().binary()
        } else {
            variable().min(0.0)
        };
        self.start.push(init);
        self.vars.add(def.initial(init))
    }
}

/// Builds the model of `scope`.
pub(crate) fn build(problem: &RosterProblem, scope: &Scope<'_>) -> Model {
    let n = problem.shift_types.len();
    let days = problem.days;
    let target = cover_index(problem);
    let weekend = weekend_of_day(problem);
    let inc = &scope.incumbent.shifts;
    let mut b = Builder {
        vars: ProblemVariables::new(),
        start: Vec::new(),
    };
    let mut in_scope = vec![false; problem.employees.len()];
    scope.employees.iter().for_each(|&e| in_scope[e] = true);
    let mut other = vec![0.0_f64; days * n];
    let mut have = vec![0_u32; days * n];
    for (e, row) in inc.iter().enumerate() {
        for (d, s) in row.iter().enumerate() {
            if let Some(s) = *s {
                have[d * n + s] += 1;
                if !in_scope[e] {
                    other[d * n + s] += 1.0;
                }
            }
        }
    }
    let mut objective = Expression::default();
    let mut constant = 0.0;
    let mut constraints = Vec::new();
    let mut cover: Vec<Expression> = vec![Expression::default(); days * n];
    let mut cells = Vec::new();

    let mut employees = scope.employees.clone();
    employees.sort_unstable();
    employees.dedup();
    for &e in &employees {
        let emp = &problem.employees[e];
        let allowed = allowed_cells(problem, e);
        let gain = request_gain(problem, e);
        constant += (problem.shift_on_requests.iter())
            .filter(|r| r.employee == e)
            .map(|r| f64::from(r.weight))
            .sum::<f64>();
        let mut x: Vec<Option<Variable>> = vec![None; days * n];
        let mut worked: Vec<Expression> = Vec::with_capacity(days);
        for (d, &assigned) in inc[e].iter().enumerate() {
            let fixed = !scope.free_days.contains(&d);
            let mut w = Expression::with_capacity(n);
            for s in 0..n {
                let k = d * n + s;
                if !allowed[k] {
                    continue;
                }
                let init = if assigned == Some(s) { 1.0 } else { 0.0 };
                let column = b.start.len();
                let v = b.add(fixed, init, true);
                cells.push(Cell {
                    employee: e,
                    day: d,
                    shift: s,
                    var: v,
                    column,
                });
                x[k] = Some(v);
                if gain[k] != 0 {
                    objective.add_mul(-(gain[k] as f64), v);
                }
                cover[k] += v;
                w += v;
            }
            worked.push(w);
        }
        for w in &worked {
            constraints.push(w.clone().leq(1.0));
        }
        // Forbidden successions: s today excludes every forbidden successor tomorrow.
        for d in 0..days.saturating_sub(1) {
            for (s, t) in problem.shift_types.iter().enumerate() {
                let Some(xs) = x[d * n + s] else { continue };
                let mut row = Expression::from(xs);
                let mut any = false;
                for &f in &t.forbidden_next {
                    if let Some(xf) = x[(d + 1) * n + f] {
                        row += xf;
                        any = true;
                    }
                }
                if any {
                    constraints.push(row.leq(1.0));
                }
            }
        }
        // Per-type maxima and total minutes.
        let mut minutes = Expression::with_capacity(days * n);
        for s in 0..n {
            let mut total = Expression::with_capacity(days);
            let mut open = 0_u32;
            for d in 0..days {
                if let Some(v) = x[d * n + s] {
                    total += v;
                    minutes.add_mul(f64::from(problem.shift_types[s].minutes), v);
                    open += 1;
                }
            }
            if open > emp.max_shifts[s] {
                constraints.push(total.leq(f64::from(emp.max_shifts[s])));
            }
        }
        constraints.push(minutes.clone().leq(f64::from(emp.max_total_minutes)));
        if emp.min_total_minutes > 0 {
            constraints.push(minutes.geq(f64::from(emp.min_total_minutes)));
        }
        if scope.free_days == (0..days) {
            let row: Vec<bool> = inc[e].iter().map(Option::is_some).collect();
            let mut add = |init: f64| b.add(false, init, false);
            run_flow(emp, &worked, &row, &mut add, &mut constraints);
        } else {
            run_windows(emp, &worked, &mut constraints);
        }
        // Weekends: v_w >= worked on Saturday / Sunday, sum v_w <= max.
        let mut keys: Vec<usize> = weekend.iter().flatten().copied().collect();
        keys.dedup();
        if keys.len() as u64 > u64::from(emp.max_weekends) {
            let mut total = Expression::with_capacity(keys.len());
            for key in keys {
                let wdays: Vec<usize> = (0..days).filter(|&d| weekend[d] == Some(key)).collect();
                let init = if wdays.iter().any(|&d| inc[e][d].is_some()) {
                    1.0
                } else {
                    0.0
                };
                let fixed = wdays.iter().all(|d| !scope.free_days.contains(d));
                let v = b.add(fixed, init, true);
                for d in wdays {
                    constraints.push(worked[d].clone().leq(v));
                }
                total += v;
            }
            constraints.push(total.leq(f64::from(emp.max_weekends)));
        }
    }
    for (i, c) in problem.cover.iter().enumerate() {
        let k = c.day * n + c.shift;
        debug_assert_eq!(target[k], Some(i));
        let want = f64::from(c.requirement);
        let got = f64::from(have[k]);
        let under = b.add(false, (want - got).max(0.0), false);
        let over = b.add(false, (got - want).max(0.0), false);
        objective.add_mul(f64::from(c.under_weight), under);
        objective.add_mul(f64::from(c.over_weight), over);
        let row = std::mem::take(&mut cover[k]) + under - over;
        constraints.push(row.eq(want - other[k]));
    }
    Model {
        vars: b.vars,
        objective,
        constraints,
        start: b.start,
        cells,
        constant,
    }
}
