//! Parser for the Curtois & Qu text instance format (schedulingbenchmarks.org, instances 1-24).

use super::{CoverTarget, Employee, RosterError, RosterProblem, ShiftRequest, ShiftType};

/// Parses a Curtois & Qu employee-scheduling instance (`InstanceN.txt` text) into a
/// [`RosterProblem`]. The horizon starts on a Monday. Pure: no file I/O.
///
/// Sections: `SECTION_HORIZON`, `SECTION_SHIFTS`, `SECTION_STAFF`, `SECTION_DAYS_OFF`,
/// `SECTION_SHIFT_ON_REQUESTS`, `SECTION_SHIFT_OFF_REQUESTS`, `SECTION_COVER`; `#` starts a
/// comment. A shift type missing from an employee's `MaxShifts` list is unlimited.
///
/// # Errors
///
/// [`RosterError::Parse`] naming the line and field of a malformed line or unknown id,
/// [`RosterError::MissingSection`] when the horizon, shifts or staff section is absent, and
/// [`RosterError::InvalidProblem`] when the parsed problem fails [`RosterProblem::validate`].
///
/// # Example
///
/// ```
/// use wfm_scheduler::roster::parse_curtois;
/// let text = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\n\
///             SECTION_STAFF\nA,D=7,2400,960,5,2,2,1\nSECTION_COVER\n0,D,1,100,1\n";
/// let p = parse_curtois(text)?;
/// assert_eq!((p.days, p.employees.len(), p.cover.len()), (7, 1, 1));
/// assert_eq!(p.employees[0].min_total_minutes, 960);
/// # Ok::<(), wfm_scheduler::roster::RosterError>(())
/// ```
pub fn parse_curtois(text: &str) -> Result<RosterProblem, RosterError> {
    let mut sections: Vec<(&str, Vec<(usize, &str)>)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("SECTION_") {
            sections.push((line, Vec::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push((i + 1, line));
        } else {
            return Err(parse_err(i + 1, "section header", line));
        }
    }
    let section = |name: &'static str| {
        sections
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.as_slice())
    };
    let required =
        |name: &'static str| section(name).ok_or(RosterError::MissingSection { section: name });

    let horizon = required("SECTION_HORIZON")?;
    let &(line, value) = horizon.first().ok_or(RosterError::MissingSection {
        section: "SECTION_HORIZON",
    })?;
    let days: usize = value
        .parse()
        .map_err(|_| parse_err(line, "horizon length", value))?;
    let mut problem = RosterProblem::new(days);

    let shift_lines = required("SECTION_SHIFTS")?;
    for &(line, text) in shift_lines {
        let f = fields(text);
        let (id, minutes) = (
            f.first().copied().unwrap_or(""),
            f.get(1).copied().unwrap_or(""),
        );
        let minutes = minutes
            .parse()
            .map_err(|_| parse_err(line, "shift length", minutes))?;
        problem.shift_types.push(ShiftType::new(id, minutes));
    }
    for &(line, text) in shift_lines {
        let f = fields(text);
        let s = problem
            .shift_index(f[0])
            .ok_or_else(|| parse_err(line, "shift id", f[0]))?;
        let list = f.get(2).copied().unwrap_or("");
        for next in list.split('|').map(str::trim).filter(|x| !x.is_empty()) {
            let n = problem
                .shift_index(next)
                .ok_or_else(|| parse_err(line, "forbidden successor", next))?;
            problem.shift_types[s].forbidden_next.push(n);
        }
    }

    let n_types = problem.shift_types.len();
    for &(line, text) in required("SECTION_STAFF")? {
        let f = fields(text);
        if f.len() < 8 {
            return Err(parse_err(line, "staff line (8 fields)", text));
        }
        let mut e = Employee::new(f[0], n_types, days);
        for item in f[1].split('|').map(str::trim).filter(|x| !x.is_empty()) {
            let (sid, max) = item
                .split_once('=')
                .ok_or_else(|| parse_err(line, "max shifts entry", item))?;
            let s = problem
                .shift_index(sid.trim())
                .ok_or_else(|| parse_err(line, "shift id", sid))?;
            e.max_shifts[s] = number(line, "max shifts", max.trim())?;
        }
        e.max_total_minutes = number(line, "max total minutes", f[2])?;
        e.min_total_minutes = number(line, "min total minutes", f[3])?;
        e.max_consecutive_shifts = number(line, "max consecutive shifts", f[4])?;
        e.min_consecutive_shifts = number(line, "min consecutive shifts", f[5])?;
        e.min_consecutive_days_off = number(line, "min consecutive days off", f[6])?;
        e.max_weekends = number(line, "max weekends", f[7])?;
        problem.employees.push(e);
    }

    for &(line, text) in section("SECTION_DAYS_OFF").unwrap_or(&[]) {
        let f = fields(text);
        let e = employee(&problem, line, f[0])?;
        for d in f[1..].iter().filter(|x| !x.is_empty()) {
            let d: usize = number(line, "day index", d)?;
            problem.employees[e].days_off.push(d);
        }
    }
    for (name, on) in [
        ("SECTION_SHIFT_ON_REQUESTS", true),
        ("SECTION_SHIFT_OFF_REQUESTS", false),
    ] {
        for &(line, text) in section(name).unwrap_or(&[]) {
            let f = fields(text);
            if f.len() < 4 {
                return Err(parse_err(line, "request line (4 fields)", text));
            }
            let e = employee(&problem, line, f[0])?;
            let day = number(line, "day index", f[1])?;
            let s = problem
                .shift_index(f[2])
                .ok_or_else(|| parse_err(line, "shift id", f[2]))?;
            let r = ShiftRequest::new(e, day, s, number(line, "request weight", f[3])?);
            if on {
                problem.shift_on_requests.push(r)
            } else {
                problem.shift_off_requests.push(r)
            }
        }
    }
    for &(line, text) in section("SECTION_COVER").unwrap_or(&[]) {
        let f = fields(text);
        if f.len() < 5 {
            return Err(parse_err(line, "cover line (5 fields)", text));
        }
        let day = number(line, "day index", f[0])?;
        let s = problem
            .shift_index(f[1])
            .ok_or_else(|| parse_err(line, "shift id", f[1]))?;
        problem.cover.push(CoverTarget::new(
            day,
            s,
            number(line, "requirement", f[2])?,
            number(line, "under weight", f[3])?,
            number(line, "over weight", f[4])?,
        ));
    }
    problem.validate()?;
    Ok(problem)
}

fn fields(line: &str) -> Vec<&str> {
    line.split(',').map(str::trim).collect()
}

fn parse_err(line: usize, field: &'static str, value: &str) -> RosterError {
    RosterError::Parse {
        line,
        field,
        value: value.to_string(),
    }
}

/// A non-negative integer field; `-0` (present in the published Instance15) reads as 0.
fn number<T: TryFrom<i64>>(
    line: usize,
    field: &'static str,
    value: &str,
) -> Result<T, RosterError> {
    value
        .parse::<i64>()
        .ok()
        .filter(|v| *v >= 0)
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| parse_err(line, field, value))
}

fn employee(problem: &RosterProblem, line: usize, id: &str) -> Result<usize, RosterError> {
    problem
        .employee_index(id)
        .ok_or_else(|| parse_err(line, "employee id", id))
}
