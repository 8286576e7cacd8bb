//! Constructive start: a roster meeting every hard rule, built employee by employee.
//!
//! All hard rules of the model are per employee, so any combination of individually feasible
//! rows is a feasible roster. Each row comes from a depth-first search over days that tries
//! the most useful choice first (cover still missing, requests) and remembers dead states.

use std::collections::HashSet;

use super::rules::{allowed_cells, cover_delta, cover_index, request_gain, weekend_of_day};
use super::{Roster, RosterError, RosterProblem};

/// Why a row search gave up without proving the rules contradictory.
const BUDGET_EXHAUSTED: &str = "search budget exhausted";

/// Search nodes allowed per employee before giving up.
const NODE_BUDGET: usize = 300_000;

/// Asked for employee `e`'s row given the rows built so far, when the search gives up.
pub(crate) type RowFallback<'a> =
    dyn FnMut(&Roster, usize) -> Result<Option<Vec<Option<usize>>>, RosterError> + 'a;

/// Builds a roster satisfying every hard rule, greedily steering towards cover and requests.
/// When the search for a row runs out of budget, `fallback(partial roster, e)` is asked for
/// employee `e`'s row (the solver uses a one-employee MILP).
pub(crate) fn construct(
    problem: &RosterProblem,
    fallback: &mut RowFallback<'_>,
) -> Result<Roster, RosterError> {
    let n = problem.shift_types.len();
    let target = cover_index(problem);
    let mut count = vec![0_u32; problem.days * n];
    let mut roster = Roster::empty(problem);
    for e in 0..problem.employees.len() {
        let gain = request_gain(problem, e);
        let score: Vec<i64> = (0..problem.days * n)
            .map(|k| gain[k] - cover_delta(problem, target[k], count[k]))
            .collect();
        let row = match employee_row(problem, e, &score) {
            Ok(row) => row,
            Err(reason) => {
                let rescued = if reason == BUDGET_EXHAUSTED {
                    fallback(&roster, e)?
                } else {
                    None
                };
                rescued.ok_or_else(|| RosterError::NoFeasibleRoster {
                    employee: problem.employees[e].id.clone(),
                    reason,
                })?
            }
        };
        for (d, s) in row.iter().enumerate() {
            if let Some(s) = s {
                count[d * n + s] += 1;
            }
        }
        roster.shifts[e] = row;
    }
    Ok(roster)
}

/// Search state at the start of a day.
#[derive(Clone, Debug)]
struct State {
    day: usize,
    prev: Option<usize>,
    /// Length of the current run (worked if `prev` is some, off otherwise).
    run: u32,
    /// The current run started on day 0 (exempt from minimum-length rules).
    run_from_start: bool,
    minutes: u32,
    weekends: u32,
    last_weekend: Option<usize>,
    counts: Vec<u32>,
}

struct Frame {
    state: State,
    choices: Vec<Option<usize>>,
    next: usize,
}

/// One employee's row meeting all their hard rules, preferring cells with high `score`.
pub(crate) fn employee_row(
    problem: &RosterProblem,
    e: usize,
    score: &[i64],
) -> Result<Vec<Option<usize>>, &'static str> {
    let emp = &problem.employees[e];
    let n = problem.shift_types.len();
    let days = problem.days;
    let allowed = allowed_cells(problem, e);
    let weekend = weekend_of_day(problem);
    let max_len = (0..n)
        .filter(|&s| emp.max_shifts[s] > 0)
        .map(|s| problem.shift_types[s].minutes)
        .max()
        .unwrap_or(0);
    // Workable days from d to the end.
    let mut open_after = vec![0_u32; days + 1];
    for d in (0..days).rev() {
        open_after[d] = open_after[d + 1] + u32::from((0..n).any(|s| allowed[d * n + s]));
    }
    let k = emp.max_consecutive_shifts;
    let capacity = |day: usize| -> u64 {
        let rest = (days - day) as u64;
        let by_runs = rest * u64::from(k) / (u64::from(k) + 1) + 1;
        by_runs.min(u64::from(open_after[day])) * u64::from(max_len)
    };

    let child = |st: &State, choice: Option<usize>| -> Option<State> {
        let d = st.day;
        let mut next = st.clone();
        next.day = d + 1;
        match choice {
            Some(s) => {
                let len = problem.shift_types[s].minutes;
                if !allowed[d * n + s]
                    || st.counts[s] >= emp.max_shifts[s]
                    || u64::from(st.minutes) + u64::from(len) > u64::from(emp.max_total_minutes)
                {
                    return None;
                }
                match st.prev {
                    Some(p) if d > 0 => {
                        if problem.shift_types[p].forbidden_next.contains(&s) || st.run + 1 > k {
                            return None;
                        }
                        next.run = st.run + 1;
                    }
                    _ => {
                        if d > 0 && !st.run_from_start && st.run < emp.min_consecutive_days_off {
                            return None;
                        }
                        next.run = 1;
                        next.run_from_start = d == 0;
                    }
                }
                if let Some(w) = weekend[d] {
                    if st.last_weekend != Some(w) {
                        if st.weekends >= emp.max_weekends {
                            return None;
                        }
                        next.weekends += 1;
                        next.last_weekend = Some(w);
                    }
                }
                next.minutes += len;
                next.counts[s] += 1;
                next.prev = Some(s);
            }
            None => {
                match st.prev {
                    Some(_) if d > 0 => {
                        if !st.run_from_start && st.run < emp.min_consecutive_shifts {
                            return None;
                        }
                        next.run = 1;
                        next.run_from_start = false;
                    }
                    _ => {
                        next.run = if d == 0 { 1 } else { st.run + 1 };
                        next.run_from_start = if d == 0 { true } else { st.run_from_start };
                    }
                }
                next.prev = None;
            }
        }
        if u64::from(next.minutes) + capacity(next.day) < u64::from(emp.min_total_minutes) {
            return None;
        }
        Some(next)
    };
    let cap_run = k
        .max(emp.min_consecutive_shifts)
        .max(emp.min_consecutive_days_off);
    let key = |st: &State| -> Vec<u32> {
        let counted =
            st.day < days && weekend[st.day].is_some() && weekend[st.day] == st.last_weekend;
        let mut key = vec![
            st.day as u32,
            st.prev.map_or(0, |p| p as u32 + 1),
            st.run.min(cap_run),
            u32::from(st.run_from_start),
            st.minutes,
            st.weekends,
            u32::from(counted),
        ];
        key.extend_from_slice(&st.counts);
        key
    };
    let order = |st: &State| -> Vec<Option<usize>> {
        let d = st.day;
        let mut cands: Vec<(i64, Option<usize>)> = (0..n)
            .filter(|&s| allowed[d * n + s])
            .map(|s| (score[d * n + s], Some(s)))
            .collect();
        // Behind pace towards the minimum minutes: rest only as a last resort.
        let behind = u64::from(st.minutes) * days as u64 + 1
            < u64::from(emp.min_total_minutes) * (d as u64 + 1);
        cands.sort_by_key(|c| std::cmp::Reverse(c.0));
        let mut out: Vec<Option<usize>> = Vec::with_capacity(cands.len() + 1);
        let off_at = if behind {
            cands.len()
        } else {
            cands.iter().position(|c| c.0 < 0).unwrap_or(cands.len())
        };
        for (i, c) in cands.iter().enumerate() {
            if i == off_at {
                out.push(None);
            }
            out.push(c.1);
        }
        if off_at >= cands.len() {
            out.push(None);
        }
        out
    };

    let root = State {
        day: 0,
        prev: None,
        run: 0,
        run_from_start: true,
        minutes: 0,
        weekends: 0,
        last_weekend: None,
        counts: vec![0; n],
    };
    if days == 0 {
        return Ok(Vec::new());
    }
    let mut dead: HashSet<Vec<u32>> = HashSet::new();
    let mut stack = vec![Frame {
        choices: order(&root),
        state: root,
        next: 0,
    }];
    let mut nodes = 0_usize;
    while let Some(top) = stack.last_mut() {
        nodes += 1;
        if nodes > NODE_BUDGET {
            return Err(BUDGET_EXHAUSTED);
        }
        if top.next >= top.choices.len() {
            dead.insert(key(&top.state));
            stack.pop();
            continue;
        }
        let choice = top.choices[top.next];
        top.next += 1;
        let Some(next) = child(&top.state, choice) else {
            continue;
        };
        if next.day == days {
            if next.minutes >= emp.min_total_minutes {
                let mut row: Vec<Option<usize>> =
                    stack.iter().map(|f| f.choices[f.next - 1]).collect();
                row.truncate(days);
                return Ok(row);
            }
            continue;
        }
        if dead.contains(&key(&next)) {
            continue;
        }
        stack.push(Frame {
            choices: order(&next),
            state: next,
            next: 0,
        });
    }
    Err("the employee's hard rules cannot all be met")
}
