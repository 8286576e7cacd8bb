//! The master problem of the per-employee column generation, on `highs::Model` directly
//! (good_lp cannot add columns to a built model).
//!
//! Columns are whole rows (one employee's shift or day off on every day), each meeting every
//! hard rule of its employee; a column's cost is the employee's request penalty. Rows: one
//! convexity row per employee (exactly one row chosen) and one cover row per cover target,
//! `sum of chosen rows working (d, s) + under - over = requirement`, with the under and over
//! slacks priced at the target's weights. With binary column weights this is the exact
//! rostering model; its LP relaxation is the convex hull of each employee's feasible rows.

use std::time::Instant;

use highs::{Col, HighsModelStatus, HighsSolutionStatus, Model, Row, RowProblem, Sense};

use super::{Roster, RosterProblem};

/// One employee's row and its request penalty.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) employee: usize,
    pub(crate) row: Vec<Option<usize>>,
    pub(crate) cost: f64,
}

/// A solved master LP.
#[derive(Debug, Clone)]
pub(crate) struct LpSolution {
    pub(crate) objective: f64,
    /// Dual of each employee's convexity row.
    pub(crate) conv_duals: Vec<f64>,
    /// Dual of the cover row of each cell `d * n_types + s` (0 where there is no target).
    pub(crate) cover_duals: Vec<f64>,
    /// Value of each column, in the order of [`Master::columns`].
    pub(crate) values: Vec<f64>,
}

/// A solved master MIP.
#[derive(Debug, Clone)]
pub(crate) struct MipSolution {
    /// The roster of the best integer solution found.
    pub(crate) roster: Roster,
    /// Proven optimal over the columns of the model.
    pub(crate) optimal: bool,
}

/// Rows and slacks of the master, and the columns added so far.
pub(crate) struct Master {
    n: usize,
    employees: usize,
    /// Cover row index (among all rows) of each cell.
    cover_row: Vec<Option<usize>>,
    /// `(lower = upper, under weight, over weight)` per cover row.
    cover: Vec<(f64, f64, f64)>,
    pub(crate) columns: Vec<Column>,
    lp: Option<Warm>,
}

/// The LP model kept between solves (for its basis), its rows and its column handles in the
/// order of [`Master::columns`].
struct Warm {
    model: Model,
    rows: Vec<Row>,
    cols: Vec<Col>,
    /// Seconds spent in earlier solves of this model: HiGHS measures its time limit on a clock
    /// that runs across solves of one instance (a dive's LPs after 30 s of column generation
    /// stopped at once at a 6 s limit), so each limit is set on top of this.
    spent: f64,
}

impl Master {
    /// A master with every row and slack and no columns yet.
    pub(crate) fn new(problem: &RosterProblem) -> Self {
        let n = problem.shift_types.len();
        let employees = problem.employees.len();
        let mut cover_row = vec![None; problem.days * n];
        let mut cover = Vec::new();
        for c in &problem.cover {
            cover_row[c.day * n + c.shift] = Some(employees + cover.len());
            cover.push((
                f64::from(c.requirement),
                f64::from(c.under_weight),
                f64::from(c.over_weight),
            ));
        }
        Self {
            n,
            employees,
            cover_row,
            cover,
            columns: Vec::new(),
            lp: None,
        }
    }

    fn entries(&self, column: &Column, rows: &[Row]) -> Vec<(Row, f64)> {
        let mut entries = vec![(rows[column.employee], 1.0)];
        for (d, s) in column.row.iter().enumerate() {
            if let Some(r) = s.and_then(|s| self.cover_row[d * self.n + s]) {
                entries.push((rows[r], 1.0));
            }
        }
        entries
    }

    /// A fresh model with every row, the slacks and the columns (binary when `integer`).
    fn build(&self, integer: bool) -> Option<Warm> {
        let mut model = RowProblem::default().try_optimise(Sense::Minimise).ok()?;
        model.make_quiet();
        let mut rows = Vec::with_capacity(self.employees + self.cover.len());
        for _ in 0..self.employees {
            rows.push(
                model
                    .try_add_row(1.0..=1.0, std::iter::empty::<(Col, f64)>())
                    .ok()?,
            );
        }
        for &(req, _, _) in &self.cover {
            rows.push(
                model
                    .try_add_row(req..=req, std::iter::empty::<(Col, f64)>())
                    .ok()?,
            );
        }
        for (i, &(_, under, over)) in self.cover.iter().enumerate() {
            let row = rows[self.employees + i];
            model.try_add_column(under, 0.0.., [(row, 1.0)]).ok()?;
            model.try_add_column(over, 0.0.., [(row, -1.0)]).ok()?;
        }
        let mut cols = Vec::with_capacity(self.columns.len());
        for c in &self.columns {
            let entries = self.entries(c, &rows);
            cols.push(
                model
                    .try_add_column_with_integrality(c.cost, 0.0.., entries, integer)
                    .ok()?,
            );
        }
        Some(Warm {
            model,
            rows,
            cols,
            spent: 0.0,
        })
    }

    /// Adds a column (to the warm LP too, when it exists).
    pub(crate) fn add(&mut self, column: Column) -> Option<()> {
        if let Some(mut warm) = self.lp.take() {
            let entries = self.entries(&column, &warm.rows);
            warm.cols.push(
                warm.model
                    .try_add_column(column.cost, 0.0.., entries)
                    .ok()?,
            );
            self.lp = Some(warm);
        }
        self.columns.push(column);
        Some(())
    }

    /// Allows column `j` in the LP (bounds `0..`) or holds it at 0. `None` when `j` is not a
    /// column.
    pub(crate) fn allow(&mut self, j: usize, allowed: bool) -> Option<()> {
        if self.lp.is_none() {
            self.lp = Some(self.build(false)?);
        }
        let warm = self.lp.as_mut()?;
        let col = *warm.cols.get(j)?;
        if allowed {
            warm.model.change_column_bounds(col, 0.0..);
        } else {
            warm.model.change_column_bounds(col, 0.0..=0.0);
        }
        Some(())
    }

    /// Solves the LP relaxation over the current columns (warm from the previous basis);
    /// `None` unless HiGHS reports it optimal.
    pub(crate) fn solve_lp(&mut self, threads: u32, time_limit: f64) -> Option<LpSolution> {
        let Warm {
            mut model,
            rows,
            cols,
            mut spent,
        } = match self.lp.take() {
            Some(lp) => lp,
            None => self.build(false)?,
        };
        set_options(&mut model, threads, spent + time_limit.max(0.0));
        let started = Instant::now();
        let solved = model.try_solve();
        spent += started.elapsed().as_secs_f64();
        let solved = solved.ok()?;
        let slacks = 2 * self.cover.len();
        let out = (solved.status() == HighsModelStatus::Optimal).then(|| {
            let solution = solved.get_solution();
            let duals = solution.dual_rows();
            let mut cover_duals = vec![0.0; self.cover_row.len()];
            for (cell, r) in self.cover_row.iter().enumerate() {
                if let Some(r) = r {
                    cover_duals[cell] = duals[*r];
                }
            }
            LpSolution {
                objective: solved.objective_value(),
                conv_duals: duals[..self.employees].to_vec(),
                cover_duals,
                values: solution.columns().get(slacks..).unwrap_or(&[]).to_vec(),
            }
        });
        self.lp = Some(Warm {
            model: Model::from(solved),
            rows,
            cols,
            spent,
        });
        out.filter(|lp| lp.values.len() == self.columns.len())
    }

    /// Solves the master with binary columns from `start` (an index into `columns` per
    /// employee) within `time_limit`; the best roster found, if any.
    pub(crate) fn solve_mip(
        &self,
        threads: u32,
        time_limit: f64,
        start: Option<&[usize]>,
    ) -> Option<MipSolution> {
        let Warm { mut model, .. } = self.build(true)?;
        set_options(&mut model, threads, time_limit);
        let _ = model.try_set_option("mip_abs_gap", 0.99);
        let _ = model.try_set_option("mip_rel_gap", 0.0);
        if let Some(start) = start {
            let mut values = vec![0.0; 2 * self.cover.len() + self.columns.len()];
            let mut have = vec![0.0; self.cover.len()];
            for &j in start {
                values[2 * self.cover.len() + j] = 1.0;
                for (d, s) in self.columns[j].row.iter().enumerate() {
                    if let Some(r) = s.and_then(|s| self.cover_row[d * self.n + s]) {
                        have[r - self.employees] += 1.0;
                    }
                }
            }
            for (i, &(req, _, _)) in self.cover.iter().enumerate() {
                values[2 * i] = (req - have[i]).max(0.0);
                values[2 * i + 1] = (have[i] - req).max(0.0);
            }
            let _ = model.try_set_solution(Some(&values), None, None, None);
        }
        let solved = model.try_solve().ok()?;
        if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
            return None;
        }
        let optimal = solved.status() == HighsModelStatus::Optimal;
        let values = solved.get_solution().columns().to_vec();
        let lambda = values.get(2 * self.cover.len()..)?;
        let days = self.cover_row.len() / self.n.max(1);
        let mut shifts = vec![None; self.employees];
        for (j, &v) in lambda.iter().enumerate() {
            if v > 0.5 {
                let c = &self.columns[j];
                shifts[c.employee] = Some(c.row.clone());
            }
        }
        let shifts: Option<Vec<Vec<Option<usize>>>> = shifts.into_iter().collect();
        let shifts = shifts?;
        debug_assert!(shifts.iter().all(|r| r.len() == days));
        Some(MipSolution {
            roster: Roster::from_shifts(shifts),
            optimal,
        })
    }
}

fn set_options(model: &mut Model, threads: u32, time_limit: f64) {
    let _ = model.try_set_option("threads", i32::try_from(threads.max(1)).unwrap_or(1));
    let _ = model.try_set_option("random_seed", 0);
    let _ = model.try_set_option("time_limit", time_limit.max(0.01));
}
