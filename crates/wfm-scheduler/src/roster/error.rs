//! The roster module's error type.

/// Errors returned by the day-level rostering engine.
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::{RosterError, parse_curtois};
/// let err = parse_curtois("SECTION_HORIZON\nseven\n").unwrap_err();
/// assert!(matches!(err, RosterError::Parse { line: 2, .. }));
/// assert_eq!(err.to_string(), "line 2: invalid horizon length \"seven\"");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// A line of an instance file could not be read.
    #[error("line {line}: invalid {field} {value:?}")]
    Parse {
        /// 1-based line number in the input text.
        line: usize,
        /// What the line or field should have held.
        field: &'static str,
        /// The offending text.
        value: String,
    },
    /// A required section is absent from an instance file.
    #[error("missing section {section}")]
    MissingSection {
        /// The section header, e.g. `SECTION_HORIZON`.
        section: &'static str,
    },
    /// A field of a [`RosterProblem`](super::RosterProblem) is out of range or inconsistent.
    #[error("invalid {field} = {value}: {reason}")]
    InvalidProblem {
        /// Path of the field, e.g. `employees[3].max_shifts`.
        field: String,
        /// The offending value.
        value: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A roster does not have the problem's shape (employees x days, known shift types).
    #[error("roster shape: {what} is {got}, expected {expected}")]
    RosterShape {
        /// What was measured, e.g. `employees` or `days of employee 2`.
        what: String,
        /// The size or index found.
        got: usize,
        /// The size or bound expected.
        expected: usize,
    },
    /// A configuration value is out of range.
    #[error("invalid configuration {field} = {value}")]
    InvalidConfig {
        /// The setting's name.
        field: &'static str,
        /// The offending value.
        value: String,
    },
    /// No roster satisfying an employee's hard rules was found.
    #[error("no feasible roster for employee {employee}: {reason}")]
    NoFeasibleRoster {
        /// The employee's id.
        employee: String,
        /// Whether the rules are contradictory or the search gave up.
        reason: &'static str,
    },
    /// The MILP backend failed in a way the engine could not recover from.
    #[error("{backend} solver failed: {message}")]
    Solver {
        /// `microlp` or `highs`.
        backend: &'static str,
        /// The backend's message.
        message: String,
    },
}
