//! A roster: the shift type (or day off) of every employee on every day.

use serde::{Deserialize, Serialize};

use super::RosterProblem;

/// The assignment of at most one shift type per employee per day.
///
/// `shifts[e][d]` is `Some(s)` when employee `e` works shift type `s` on day `d`, `None` on a
/// day off.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{Employee, Roster, RosterProblem, ShiftType};
/// let mut p = RosterProblem::new(3);
/// p.shift_types.push(ShiftType::new("D", 480));
/// p.employees.push(Employee::new("A", 1, 3));
/// let mut r = Roster::empty(&p);
/// r.shifts[0][1] = Some(0);
/// assert_eq!(r.worked_days(0), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Roster {
    /// Per employee, per day: the shift type index worked, or `None` for a day off.
    pub shifts: Vec<Vec<Option<usize>>>,
}

impl Roster {
    /// A roster with every employee off every day.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::{Roster, RosterProblem};
    /// let r = Roster::empty(&RosterProblem::new(5));
    /// assert!(r.shifts.is_empty());
    /// ```
    #[must_use]
    pub fn empty(problem: &RosterProblem) -> Self {
        Self {
            shifts: vec![vec![None; problem.days]; problem.employees.len()],
        }
    }

    /// A roster from per-employee, per-day shift assignments.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::Roster;
    /// let r = Roster::from_shifts(vec![vec![Some(0), None]]);
    /// assert_eq!(r.worked_days(0), 1);
    /// ```
    #[must_use]
    pub fn from_shifts(shifts: Vec<Vec<Option<usize>>>) -> Self {
        Self { shifts }
    }

    /// Number of days employee `e` works (0 for an unknown employee).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::Roster;
    /// let r = Roster::from_shifts(vec![vec![Some(0), Some(1), None]]);
    /// assert_eq!((r.worked_days(0), r.worked_days(9)), (2, 0));
    /// ```
    #[must_use]
    pub fn worked_days(&self, e: usize) -> usize {
        self.shifts
            .get(e)
            .map_or(0, |row| row.iter().filter(|s| s.is_some()).count())
    }
}
