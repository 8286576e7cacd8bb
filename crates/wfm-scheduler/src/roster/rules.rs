//! Per-employee rule tables shared by the constructive heuristic and the MILP builder
//! (the evaluator deliberately does not use them).

use super::RosterProblem;

/// Weekend number of each day (`None` on weekdays): Saturday and Sunday of one calendar week
/// share a number.
pub(crate) fn weekend_of_day(problem: &RosterProblem) -> Vec<Option<usize>> {
    let offset = problem.first_weekday.num_days_from_monday() as usize;
    (0..problem.days)
        .map(|d| {
            let week_day = (offset + d) % 7;
            (week_day == 5 || week_day == 6).then_some((offset + d) / 7)
        })
        .collect()
}

/// `allowed[d * n_types + s]`: employee `e` may work shift `s` on day `d` at all.
pub(crate) fn allowed_cells(problem: &RosterProblem, e: usize) -> Vec<bool> {
    let emp = &problem.employees[e];
    let n = problem.shift_types.len();
    let mut allowed = vec![false; problem.days * n];
    for d in 0..problem.days {
        if emp.days_off.contains(&d) {
            continue;
        }
        for (s, t) in problem.shift_types.iter().enumerate() {
            allowed[d * n + s] = emp.max_shifts[s] > 0 && t.minutes <= emp.max_total_minutes;
        }
    }
    allowed
}

/// Marginal change of the cover penalty when one more employee works `(d, s)` on top of
/// `have`: negative while under the requirement.
pub(crate) fn cover_delta(problem: &RosterProblem, target: Option<usize>, have: u32) -> i64 {
    let Some(i) = target else { return 0 };
    let c = &problem.cover[i];
    if have < c.requirement {
        -i64::from(c.under_weight)
    } else {
        i64::from(c.over_weight)
    }
}

/// `target[d * n_types + s]`: index of the cover target of `(d, s)`, if any.
pub(crate) fn cover_index(problem: &RosterProblem) -> Vec<Option<usize>> {
    let n = problem.shift_types.len();
    let mut target = vec![None; problem.days * n];
    for (i, c) in problem.cover.iter().enumerate() {
        target[c.day * n + c.shift] = Some(i);
    }
    target
}

/// Request weight of employee `e` per cell: `+w` for shift-on, `-w` for shift-off requests
/// (working the cell gains this much).
pub(crate) fn request_gain(problem: &RosterProblem, e: usize) -> Vec<i64> {
    let n = problem.shift_types.len();
    let mut gain = vec![0_i64; problem.days * n];
    for r in problem.shift_on_requests.iter().filter(|r| r.employee == e) {
        gain[r.day * n + r.shift] += i64::from(r.weight);
    }
    for r in problem
        .shift_off_requests
        .iter()
        .filter(|r| r.employee == e)
    {
        gain[r.day * n + r.shift] -= i64::from(r.weight);
    }
    gain
}
