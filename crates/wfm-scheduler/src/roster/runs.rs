//! Rows for the run rules of one employee: maximum run of worked days, minimum run of worked
//! days and minimum run of days off (minimum rules exempt for runs touching the horizon ends).
//!
//! Two formulations:
//! - [`run_flow`]: a path through a layered graph of states per day (`k`-th worked day of a
//!   run, `k`-th day off capped at the minimum), one unit of flow from day 0 to the last day,
//!   linked to the worked indicator of each day. The graph is a network, so its LP relaxation is
//!   the convex hull of the rows meeting all three rules jointly (e.g. with at most 5 worked
//!   days in a row and at least 2 off, no row averages more than 5/7 worked, which the window
//!   rows alone allow up to 5/6). Used when the whole row is free.
//! - [`run_windows`]: sliding windows for the maximum and start-of-run implications for the
//!   minima. Exact, weaker, and needs no extra columns: used for windowed neighbourhoods.

use good_lp::{Constraint, Expression, Variable};

use super::Employee;

/// Adds a continuous column `>= 0` (start value `init`) and returns it.
pub(crate) type AddColumn<'a> = dyn FnMut(f64) -> Variable + 'a;

/// The network formulation; `worked[d]` is the sum of the day's cell variables and `row[d]` the
/// incumbent's worked status (for start values).
pub(crate) fn run_flow(
    emp: &Employee,
    worked: &[Expression],
    row: &[bool],
    add: &mut AddColumn<'_>,
    constraints: &mut Vec<Constraint>,
) {
    let days = worked.len();
    if days == 0 {
        return;
    }
    let max_on = (emp.max_consecutive_shifts as usize).clamp(1, days);
    let min_on = emp.min_consecutive_shifts as usize;
    let min_off = (emp.min_consecutive_days_off as usize).clamp(1, days);
    // State q < max_on: (q + 1)-th worked day of a run; q >= max_on: (q - max_on + 1)-th day off
    // (the last one meaning "at least min_off").
    let states = max_on + min_off;
    let work = |q: usize| q < max_on;
    let length = |q: usize| if work(q) { q + 1 } else { q - max_on + 1 };
    // The incumbent's state per day (for start values).
    let mut at = Vec::with_capacity(days);
    for d in 0..days {
        let q = match (d, row[d]) {
            (0, true) => 0,
            (0, false) => max_on,
            (_, w) => {
                let p: usize = at[d - 1];
                match (work(p), w) {
                    (true, true) => (p + 1).min(max_on - 1),
                    (false, false) => (p + 1).min(states - 1),
                    (true, false) => max_on,
                    (false, true) => 0,
                }
            }
        };
        at.push(q);
    }
    // inflow[q] of the current day, as an expression.
    let mut inflow: Vec<Option<Expression>> = vec![None; states];
    let first_work = add(if row[0] { 1.0 } else { 0.0 });
    let first_off = add(if row[0] { 0.0 } else { 1.0 });
    constraints.push((Expression::from(first_work) + first_off).eq(1.0));
    inflow[0] = Some(first_work.into());
    inflow[max_on] = Some(first_off.into());
    for d in 0..days {
        let mut work_in = Expression::with_capacity(max_on);
        for flow in inflow.iter().take(max_on).flatten() {
            work_in += flow.clone();
        }
        constraints.push(work_in.eq(worked[d].clone()));
        if d + 1 == days {
            break;
        }
        let mut next: Vec<Option<Expression>> = vec![None; states];
        for (q, flow_in) in std::mem::take(&mut inflow).into_iter().enumerate() {
            let Some(flow_in) = flow_in else {
                continue;
            };
            // A run may end here if long enough or if it began on day 0 (exempt).
            let may_end = if work(q) {
                length(q) >= min_on || length(q) == d + 1
            } else {
                length(q) >= min_off || length(q) == d + 1
            };
            let stay = if work(q) {
                (q + 1 < max_on).then_some(q + 1)
            } else {
                Some((q + 1).min(states - 1))
            };
            let switch = may_end.then_some(if work(q) { max_on } else { 0 });
            let mut out = Expression::with_capacity(2);
            for to in [stay, switch].into_iter().flatten() {
                let init = if at[d] == q && at[d + 1] == to {
                    1.0
                } else {
                    0.0
                };
                let arc = add(init);
                out += arc;
                *next[to].get_or_insert_with(Expression::default) += arc;
            }
            constraints.push(flow_in.eq(out));
        }
        inflow = next;
    }
}

/// The window formulation (see the module documentation).
pub(crate) fn run_windows(
    emp: &Employee,
    worked: &[Expression],
    constraints: &mut Vec<Constraint>,
) {
    let days = worked.len();
    // Maximum run: every window of k + 1 days has a day off.
    let k = emp.max_consecutive_shifts as usize;
    if k < days {
        for start in 0..days - k {
            let mut row = Expression::with_capacity(k + 1);
            worked[start..=start + k]
                .iter()
                .for_each(|w| row += w.clone());
            constraints.push(row.leq(k as f64));
        }
    }
    // Minimum runs (interior runs only): a run of work starting on day d (worked d, off d - 1)
    // goes on through day d + j for every j below the minimum, unless it reaches the horizon
    // end first: `w[d] - w[d-1] <= w[d+j]`. The converse for days off:
    // `w[d-1] - w[d] <= 1 - w[d+j]`.
    let min_on = (emp.min_consecutive_shifts as usize).min(days);
    let min_off = (emp.min_consecutive_days_off as usize).min(days);
    for d in 1..days {
        for j in 1..min_on.min(days - d) {
            let row = worked[d].clone() - worked[d - 1].clone() - worked[d + j].clone();
            constraints.push(row.leq(0.0));
        }
        for j in 1..min_off.min(days - d) {
            let row = worked[d - 1].clone() - worked[d].clone() + worked[d + j].clone();
            constraints.push(row.leq(1.0));
        }
    }
}
