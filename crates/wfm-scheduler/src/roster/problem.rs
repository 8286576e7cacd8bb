//! The day-level rostering problem: employees, days, shift types, cover and requests.

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use super::RosterError;

/// Largest horizon accepted, in days (about 27 years): keeps every count far from overflow.
const MAX_DAYS: usize = 10_000;
/// Longest shift accepted, in minutes (48 hours).
const MAX_SHIFT_MINUTES: u32 = 2_880;

/// A shift type: a day-level shift with a paid length and the types that may not follow it.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::ShiftType;
/// let mut night = ShiftType::new("N", 600);
/// night.forbidden_next = vec![0];
/// assert_eq!(night.minutes, 600);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShiftType {
    /// Identifier, unique in the problem.
    pub id: String,
    /// Length in minutes (counted towards the employees' total minutes).
    pub minutes: u32,
    /// Indices of the shift types that may not be worked on the day after this one.
    #[serde(default)]
    pub forbidden_next: Vec<usize>,
}

impl ShiftType {
    /// A shift type with no forbidden successors.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::ShiftType;
    /// let day = ShiftType::new("D", 480);
    /// assert!(day.forbidden_next.is_empty());
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, minutes: u32) -> Self {
        Self {
            id: id.into(),
            minutes,
            forbidden_next: Vec::new(),
        }
    }
}

/// An employee and the hard rules of their contract.
///
/// Runs of work or rest that touch the start or end of the horizon are not checked against the
/// minimum-consecutive rules (the horizon is assumed to be surrounded by matching runs), as in
/// the Curtois & Qu benchmark definition.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::Employee;
/// let mut e = Employee::new("A", 2, 14);
/// e.max_total_minutes = 4_320;
/// assert_eq!(e.max_shifts, vec![14, 14]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Employee {
    /// Identifier, unique in the problem.
    pub id: String,
    /// Maximum number of shifts of each type (one entry per shift type).
    pub max_shifts: Vec<u32>,
    /// Minimum total minutes worked over the horizon.
    pub min_total_minutes: u32,
    /// Maximum total minutes worked over the horizon.
    pub max_total_minutes: u32,
    /// Minimum length of a run of worked days (runs touching the horizon ends are exempt).
    pub min_consecutive_shifts: u32,
    /// Maximum length of a run of worked days.
    pub max_consecutive_shifts: u32,
    /// Minimum length of a run of days off (runs touching the horizon ends are exempt).
    pub min_consecutive_days_off: u32,
    /// Maximum number of weekends with a shift on Saturday or Sunday.
    pub max_weekends: u32,
    /// Day indices on which the employee may not work.
    #[serde(default)]
    pub days_off: Vec<usize>,
}

impl Employee {
    /// An employee with no effective limits for a problem of `shift_types` types and `days` days.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::Employee;
    /// let e = Employee::new("B", 1, 7);
    /// assert_eq!((e.min_total_minutes, e.max_consecutive_shifts), (0, 7));
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, shift_types: usize, days: usize) -> Self {
        let days32 = u32::try_from(days).unwrap_or(u32::MAX);
        Self {
            id: id.into(),
            max_shifts: vec![days32; shift_types],
            min_total_minutes: 0,
            max_total_minutes: u32::MAX,
            min_consecutive_shifts: 1,
            max_consecutive_shifts: days32.max(1),
            min_consecutive_days_off: 1,
            max_weekends: u32::MAX,
            days_off: Vec::new(),
        }
    }
}

/// A weighted request by one employee to work (or not to work) one shift type on one day.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::ShiftRequest;
/// let r = ShiftRequest::new(0, 3, 1, 2);
/// assert_eq!((r.employee, r.day, r.shift, r.weight), (0, 3, 1, 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShiftRequest {
    /// Employee index.
    pub employee: usize,
    /// Day index.
    pub day: usize,
    /// Shift type index.
    pub shift: usize,
    /// Penalty when the request is not honoured.
    pub weight: u32,
}

impl ShiftRequest {
    /// A request of `weight` by `employee` about `shift` on `day`.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::ShiftRequest;
    /// assert_eq!(ShiftRequest::new(1, 0, 0, 5).weight, 5);
    /// ```
    #[must_use]
    pub fn new(employee: usize, day: usize, shift: usize, weight: u32) -> Self {
        Self {
            employee,
            day,
            shift,
            weight,
        }
    }
}

/// The cover target of one shift type on one day: the "shift-type cover" requirement mode.
///
/// Penalty: `under_weight` per employee missing below `requirement`, `over_weight` per
/// employee above it.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::CoverTarget;
/// let c = CoverTarget::new(0, 0, 5, 100, 1);
/// assert_eq!(c.requirement, 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverTarget {
    /// Day index.
    pub day: usize,
    /// Shift type index.
    pub shift: usize,
    /// Employees wanted on this shift type that day.
    pub requirement: u32,
    /// Penalty per employee short.
    pub under_weight: u32,
    /// Penalty per employee in excess.
    pub over_weight: u32,
}

impl CoverTarget {
    /// A cover target.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::CoverTarget;
    /// assert_eq!(CoverTarget::new(2, 1, 3, 100, 1).under_weight, 100);
    /// ```
    #[must_use]
    pub fn new(
        day: usize,
        shift: usize,
        requirement: u32,
        under_weight: u32,
        over_weight: u32,
    ) -> Self {
        Self {
            day,
            shift,
            requirement,
            under_weight,
            over_weight,
        }
    }
}

/// A day-level rostering problem: assign at most one shift type per employee per day.
///
/// Hard rules live on each [`Employee`] and [`ShiftType`]; cover targets and shift requests
/// are soft and make up the objective (sum of unmet request weights plus weighted under-
/// and over-cover).
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{CoverTarget, Employee, RosterProblem, ShiftType};
/// let mut p = RosterProblem::new(7);
/// p.shift_types.push(ShiftType::new("D", 480));
/// p.employees.push(Employee::new("A", 1, 7));
/// p.cover.push(CoverTarget::new(0, 0, 1, 100, 1));
/// p.validate()?;
/// # Ok::<(), wfm_scheduler::roster::RosterError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RosterProblem {
    /// Horizon length in days.
    pub days: usize,
    /// Weekday of day 0 (weekends are Saturday and Sunday).
    pub first_weekday: Weekday,
    /// Shift types.
    pub shift_types: Vec<ShiftType>,
    /// Employees.
    pub employees: Vec<Employee>,
    /// Soft requests to work a shift type on a day.
    #[serde(default)]
    pub shift_on_requests: Vec<ShiftRequest>,
    /// Soft requests not to work a shift type on a day.
    #[serde(default)]
    pub shift_off_requests: Vec<ShiftRequest>,
    /// Soft cover targets per day and shift type.
    #[serde(default)]
    pub cover: Vec<CoverTarget>,
}

impl RosterProblem {
    /// An empty problem of `days` days starting on a Monday.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::RosterProblem;
    /// assert_eq!(RosterProblem::new(28).days, 28);
    /// ```
    #[must_use]
    pub fn new(days: usize) -> Self {
        Self {
            days,
            first_weekday: Weekday::Mon,
            shift_types: Vec::new(),
            employees: Vec::new(),
            shift_on_requests: Vec::new(),
            shift_off_requests: Vec::new(),
            cover: Vec::new(),
        }
    }

    /// Checks every index and bound, naming the first bad field.
    ///
    /// # Errors
    ///
    /// [`RosterError::InvalidProblem`] for an empty or too long horizon, duplicate ids,
    /// zero-length shifts, indices out of range, `min > max` minute bounds, zero run limits,
    /// or duplicate cover targets.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::{RosterError, RosterProblem, ShiftType};
    /// let mut p = RosterProblem::new(7);
    /// p.shift_types.push(ShiftType::new("D", 0));
    /// assert!(matches!(p.validate(), Err(RosterError::InvalidProblem { .. })));
    /// ```
    pub fn validate(&self) -> Result<(), RosterError> {
        let bad = |field: String, value: String, reason: &'static str| {
            Err(RosterError::InvalidProblem {
                field,
                value,
                reason,
            })
        };
        if self.days == 0 || self.days > MAX_DAYS {
            return bad("days".into(), self.days.to_string(), "must be 1..=10000");
        }
        let n_types = self.shift_types.len();
        if n_types == 0 {
            return bad(
                "shift_types".into(),
                "[]".into(),
                "at least one shift type is needed",
            );
        }
        for (s, t) in self.shift_types.iter().enumerate() {
            if t.id.is_empty() || self.shift_types[..s].iter().any(|o| o.id == t.id) {
                return bad(
                    format!("shift_types[{s}].id"),
                    format!("{:?}", t.id),
                    "must be unique and non-empty",
                );
            }
            if t.minutes == 0 || t.minutes > MAX_SHIFT_MINUTES {
                return bad(
                    format!("shift_types[{s}].minutes"),
                    t.minutes.to_string(),
                    "must be 1..=2880",
                );
            }
            if let Some(&n) = t.forbidden_next.iter().find(|&&n| n >= n_types) {
                return bad(
                    format!("shift_types[{s}].forbidden_next"),
                    n.to_string(),
                    "shift type index out of range",
                );
            }
        }
        for (e, emp) in self.employees.iter().enumerate() {
            if emp.id.is_empty() || self.employees[..e].iter().any(|o| o.id == emp.id) {
                return bad(
                    format!("employees[{e}].id"),
                    format!("{:?}", emp.id),
                    "must be unique and non-empty",
                );
            }
            if emp.max_shifts.len() != n_types {
                return bad(
                    format!("employees[{e}].max_shifts"),
                    emp.max_shifts.len().to_string(),
                    "needs one entry per shift type",
                );
            }
            if emp.min_total_minutes > emp.max_total_minutes {
                return bad(
                    format!("employees[{e}].min_total_minutes"),
                    emp.min_total_minutes.to_string(),
                    "exceeds max_total_minutes",
                );
            }
            for (field, v) in [
                ("min_consecutive_shifts", emp.min_consecutive_shifts),
                ("max_consecutive_shifts", emp.max_consecutive_shifts),
                ("min_consecutive_days_off", emp.min_consecutive_days_off),
            ] {
                if v == 0 {
                    return bad(
                        format!("employees[{e}].{field}"),
                        "0".into(),
                        "must be at least 1",
                    );
                }
            }
            if let Some(&d) = emp.days_off.iter().find(|&&d| d >= self.days) {
                return bad(
                    format!("employees[{e}].days_off"),
                    d.to_string(),
                    "day index out of range",
                );
            }
        }
        for (name, list) in [
            ("shift_on_requests", &self.shift_on_requests),
            ("shift_off_requests", &self.shift_off_requests),
        ] {
            for (i, r) in list.iter().enumerate() {
                self.check_indices(name, i, r.employee, r.day, r.shift)?;
            }
        }
        let mut seen = vec![false; self.days * n_types];
        for (i, c) in self.cover.iter().enumerate() {
            self.check_indices("cover", i, 0, c.day, c.shift)?;
            let k = c.day * n_types + c.shift;
            if seen[k] {
                return bad(
                    format!("cover[{i}]"),
                    format!("day {} shift {}", c.day, c.shift),
                    "duplicate cover target",
                );
            }
            seen[k] = true;
        }
        Ok(())
    }

    fn check_indices(
        &self,
        list: &str,
        i: usize,
        employee: usize,
        day: usize,
        shift: usize,
    ) -> Result<(), RosterError> {
        let (field, value, len) = if list != "cover" && employee >= self.employees.len() {
            ("employee", employee, self.employees.len())
        } else if day >= self.days {
            ("day", day, self.days)
        } else if shift >= self.shift_types.len() {
            ("shift", shift, self.shift_types.len())
        } else {
            return Ok(());
        };
        let _ = len;
        Err(RosterError::InvalidProblem {
            field: format!("{list}[{i}].{field}"),
            value: value.to_string(),
            reason: "index out of range",
        })
    }

    /// Index of the shift type with this id.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::{RosterProblem, ShiftType};
    /// let mut p = RosterProblem::new(7);
    /// p.shift_types.push(ShiftType::new("E", 480));
    /// assert_eq!(p.shift_index("E"), Some(0));
    /// ```
    #[must_use]
    pub fn shift_index(&self, id: &str) -> Option<usize> {
        self.shift_types.iter().position(|t| t.id == id)
    }

    /// Index of the employee with this id.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::roster::{Employee, RosterProblem};
    /// let mut p = RosterProblem::new(7);
    /// p.employees.push(Employee::new("A", 0, 7));
    /// assert_eq!(p.employee_index("A"), Some(0));
    /// ```
    #[must_use]
    pub fn employee_index(&self, id: &str) -> Option<usize> {
        self.employees.iter().position(|e| e.id == id)
    }
}
