//! Independent evaluator: recomputes the official objective and every hard rule of a roster.
//!
//! Written from the rule definitions alone; it shares no code with the MILP builder or the
//! constructive heuristic, so a solver bug cannot hide behind a matching checker bug.

use serde::{Deserialize, Serialize};

use super::{Roster, RosterError, RosterProblem};

/// A broken hard rule, naming the employee (index), the day(s) and the limit.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::RosterViolation;
/// let v = RosterViolation::DayOff { employee: 0, day: 3 };
/// assert_eq!(v.employee(), 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RosterViolation {
    /// A shift on one of the employee's days off.
    DayOff {
        /// Employee index.
        employee: usize,
        /// Day index.
        day: usize,
    },
    /// `next` worked on `day + 1` after `shift` on `day`, which forbids it.
    ForbiddenSuccession {
        /// Employee index.
        employee: usize,
        /// Day of the first shift.
        day: usize,
        /// First shift type.
        shift: usize,
        /// Following shift type.
        next: usize,
    },
    /// More shifts of one type than allowed.
    MaxShifts {
        /// Employee index.
        employee: usize,
        /// Shift type index.
        shift: usize,
        /// Shifts worked.
        count: u32,
        /// Limit.
        max: u32,
    },
    /// Total minutes outside `[min, max]`.
    TotalMinutes {
        /// Employee index.
        employee: usize,
        /// Minutes worked.
        minutes: u64,
        /// Lower limit.
        min: u32,
        /// Upper limit.
        max: u32,
    },
    /// A run of worked days longer than allowed.
    MaxConsecutiveShifts {
        /// Employee index.
        employee: usize,
        /// First day of the run.
        first_day: usize,
        /// Run length.
        length: usize,
        /// Limit.
        max: u32,
    },
    /// A run of worked days (not touching the horizon ends) shorter than required.
    MinConsecutiveShifts {
        /// Employee index.
        employee: usize,
        /// First day of the run.
        first_day: usize,
        /// Run length.
        length: usize,
        /// Limit.
        min: u32,
    },
    /// A run of days off (not touching the horizon ends) shorter than required.
    MinConsecutiveDaysOff {
        /// Employee index.
        employee: usize,
        /// First day of the run.
        first_day: usize,
        /// Run length.
        length: usize,
        /// Limit.
        min: u32,
    },
    /// More weekends worked than allowed.
    MaxWeekends {
        /// Employee index.
        employee: usize,
        /// Weekends with a shift on Saturday or Sunday.
        worked: u32,
        /// Limit.
        max: u32,
    },
}

impl RosterViolation {
    /// The employee index the violation is about.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterViolation;
    /// let v = RosterViolation::MaxWeekends { employee: 4, worked: 3, max: 2 };
    /// assert_eq!(v.employee(), 4);
    /// ```
    #[must_use]
    pub fn employee(&self) -> usize {
        match *self {
            Self::DayOff { employee, .. }
            | Self::ForbiddenSuccession { employee, .. }
            | Self::MaxShifts { employee, .. }
            | Self::TotalMinutes { employee, .. }
            | Self::MaxConsecutiveShifts { employee, .. }
            | Self::MinConsecutiveShifts { employee, .. }
            | Self::MinConsecutiveDaysOff { employee, .. }
            | Self::MaxWeekends { employee, .. } => employee,
        }
    }
}

/// The recomputed objective of a roster and its hard-rule violations.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{evaluate, parse_curtois, Roster};
/// let p = parse_curtois("SECTION_HORIZON\n1\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=1,480,0,1,1,1,1\n\
///                        SECTION_COVER\n0,D,2,100,1\n")?;
/// let ev = evaluate(&p, &Roster::from_shifts(vec![vec![Some(0)]]))?;
/// assert_eq!((ev.objective, ev.cover_penalty, ev.violations.len()), (100, 100, 0));
/// # Ok::<(), wfm_scheduler::roster::RosterError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RosterEvaluation {
    /// Official objective: `cover_penalty + request_penalty`.
    pub objective: u64,
    /// Weighted under- and over-cover.
    pub cover_penalty: u64,
    /// Weights of unmet shift-on requests and of met shift-off requests.
    pub request_penalty: u64,
    /// Every broken hard rule; empty for a feasible roster.
    pub violations: Vec<RosterViolation>,
}

/// Recomputes the objective of `roster` and checks every hard rule of `problem`.
///
/// # Errors
///
/// [`RosterError::InvalidProblem`] when the problem fails validation, and
/// [`RosterError::RosterShape`] when the roster's size or a shift index does not fit it.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{evaluate, Employee, Roster, RosterProblem, RosterViolation, ShiftType};
/// let mut p = RosterProblem::new(2);
/// p.shift_types.push(ShiftType::new("D", 480));
/// let mut a = Employee::new("A", 1, 2);
/// a.days_off = vec![1];
/// p.employees.push(a);
/// let ev = evaluate(&p, &Roster::from_shifts(vec![vec![None, Some(0)]]))?;
/// assert_eq!(ev.violations, vec![RosterViolation::DayOff { employee: 0, day: 1 }]);
/// # Ok::<(), wfm_scheduler::roster::RosterError>(())
/// ```
pub fn evaluate(problem: &RosterProblem, roster: &Roster) -> Result<RosterEvaluation, RosterError> {
    problem.validate()?;
    check_shape(problem, roster)?;
    let n_types = problem.shift_types.len();
    let mut violations = Vec::new();
    for (e, row) in roster.shifts.iter().enumerate() {
        check_employee(problem, e, row, &mut violations);
    }

    let mut count = vec![0_u64; problem.days * n_types];
    for row in &roster.shifts {
        for (d, s) in row.iter().enumerate() {
            if let Some(s) = s {
                count[d * n_types + s] += 1;
            }
        }
    }
    let mut cover_penalty = 0_u64;
    for c in &problem.cover {
        let have = count[c.day * n_types + c.shift];
        let want = u64::from(c.requirement);
        cover_penalty += if have < want {
            (want - have) * u64::from(c.under_weight)
        } else {
            (have - want) * u64::from(c.over_weight)
        };
    }
    let works = |e: usize, d: usize, s: usize| roster.shifts[e][d] == Some(s);
    let unmet_on: u64 = (problem.shift_on_requests.iter())
        .filter(|r| !works(r.employee, r.day, r.shift))
        .map(|r| u64::from(r.weight))
        .sum();
    let met_off: u64 = (problem.shift_off_requests.iter())
        .filter(|r| works(r.employee, r.day, r.shift))
        .map(|r| u64::from(r.weight))
        .sum();
    let request_penalty = unmet_on + met_off;
    Ok(RosterEvaluation {
        objective: cover_penalty + request_penalty,
        cover_penalty,
        request_penalty,
        violations,
    })
}

fn check_shape(problem: &RosterProblem, roster: &Roster) -> Result<(), RosterError> {
    if roster.shifts.len() != problem.employees.len() {
        return Err(RosterError::RosterShape {
            what: "employees".into(),
            got: roster.shifts.len(),
            expected: problem.employees.len(),
        });
    }
    for (e, row) in roster.shifts.iter().enumerate() {
        if row.len() != problem.days {
            return Err(RosterError::RosterShape {
                what: format!("days of employee {e}"),
                got: row.len(),
                expected: problem.days,
            });
        }
        if let Some((d, s)) = row.iter().enumerate().find_map(|(d, s)| {
            s.filter(|&s| s >= problem.shift_types.len())
                .map(|s| (d, s))
        }) {
            return Err(RosterError::RosterShape {
                what: format!("shift index of employee {e} on day {d}"),
                got: s,
                expected: problem.shift_types.len(),
            });
        }
    }
    Ok(())
}

fn check_employee(
    problem: &RosterProblem,
    e: usize,
    row: &[Option<usize>],
    out: &mut Vec<RosterViolation>,
) {
    let emp = &problem.employees[e];
    let days = row.len();
    for (day, s) in row.iter().enumerate() {
        if s.is_some() && emp.days_off.contains(&day) {
            out.push(RosterViolation::DayOff { employee: e, day });
        }
    }
    for day in 1..days {
        if let (Some(shift), Some(next)) = (row[day - 1], row[day]) {
            if problem.shift_types[shift].forbidden_next.contains(&next) {
                out.push(RosterViolation::ForbiddenSuccession {
                    employee: e,
                    day: day - 1,
                    shift,
                    next,
                });
            }
        }
    }
    for (shift, &max) in emp.max_shifts.iter().enumerate() {
        let count = row.iter().filter(|&&s| s == Some(shift)).count() as u32;
        if count > max {
            out.push(RosterViolation::MaxShifts {
                employee: e,
                shift,
                count,
                max,
            });
        }
    }
    let minutes: u64 = row
        .iter()
        .flatten()
        .map(|&s| u64::from(problem.shift_types[s].minutes))
        .sum();
    if minutes < u64::from(emp.min_total_minutes) || minutes > u64::from(emp.max_total_minutes) {
        out.push(RosterViolation::TotalMinutes {
            employee: e,
            minutes,
            min: emp.min_total_minutes,
            max: emp.max_total_minutes,
        });
    }
    // Maximal runs of equal "worked" status: [start, end).
    let mut start = 0;
    while start < days {
        let worked = row[start].is_some();
        let mut end = start + 1;
        while end < days && row[end].is_some() == worked {
            end += 1;
        }
        let length = end - start;
        let interior = start > 0 && end < days;
        if worked && length > emp.max_consecutive_shifts as usize {
            out.push(RosterViolation::MaxConsecutiveShifts {
                employee: e,
                first_day: start,
                length,
                max: emp.max_consecutive_shifts,
            });
        }
        if worked && interior && length < emp.min_consecutive_shifts as usize {
            out.push(RosterViolation::MinConsecutiveShifts {
                employee: e,
                first_day: start,
                length,
                min: emp.min_consecutive_shifts,
            });
        }
        if !worked && interior && length < emp.min_consecutive_days_off as usize {
            out.push(RosterViolation::MinConsecutiveDaysOff {
                employee: e,
                first_day: start,
                length,
                min: emp.min_consecutive_days_off,
            });
        }
        start = end;
    }
    // A weekend is a Saturday-Sunday pair of one calendar week; it is worked if either day is.
    let monday_offset = problem.first_weekday.num_days_from_monday() as usize;
    let mut weekends: Vec<usize> = (0..days)
        .filter(|&d| row[d].is_some() && (monday_offset + d) % 7 >= 5)
        .map(|d| (monday_offset + d) / 7)
        .collect();
    weekends.dedup();
    let worked = weekends.len() as u32;
    if worked > emp.max_weekends {
        out.push(RosterViolation::MaxWeekends {
            employee: e,
            worked,
            max: emp.max_weekends,
        });
    }
}
