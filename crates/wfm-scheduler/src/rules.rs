//! Solver-side contract checks used by the constructive heuristic: may this candidate join the
//! agent's current shifts without breaking a hard rule?

use crate::candidates::Candidate;
use crate::plan::PlannedShift;
use crate::prepare::Prepared;

/// Weekend key of a local day: index of its Saturday (Sunday maps to the day before).
pub(crate) fn weekend_key(prep: &Prepared<'_>, day: usize) -> Option<i64> {
    match prep.cal.days[day].weekday {
        5 => Some(day as i64),
        6 => Some(day as i64 - 1),
        _ => None,
    }
}

pub(crate) fn shift_minutes(prep: &Prepared<'_>, c: &Candidate) -> u32 {
    c.len as u32 * prep.problem.horizon.interval_minutes
}

/// Whether `c` can be added to `shifts` (the agent's current shifts).
pub(crate) fn can_add(prep: &Prepared<'_>, shifts: &[PlannedShift], c: &Candidate) -> bool {
    let ad = &prep.agents[c.agent];
    let k = &prep.contracts[ad.contract];
    let cal = &prep.cal;
    let (cs, ce) = (cal.instant(c.start), cal.instant(c.end()));
    let week = cal.days[c.day].week;
    let mut week_minutes = shift_minutes(prep, c);
    let mut week_shifts = 1;
    for s in shifts {
        if s.cand.day == c.day {
            return false;
        }
        let (ss, se) = (cal.instant(s.cand.start), cal.instant(s.cand.end()));
        let ok = if ss < cs {
            se + k.rest <= cs
        } else {
            ce + k.rest <= ss
        };
        if !ok {
            return false;
        }
        if cal.days[s.cand.day].week == week {
            week_minutes += shift_minutes(prep, &s.cand);
            week_shifts += 1;
        }
    }
    if week_minutes > k.max_week || week_shifts > k.max_shifts_week {
        return false;
    }
    // Consecutive worked days through c.day.
    let worked = |d: usize| d == c.day || shifts.iter().any(|s| s.cand.day == d);
    let mut run = 1u32;
    let mut d = c.day;
    while d > 0 && worked(d - 1) {
        run += 1;
        d -= 1;
    }
    let mut d = c.day + 1;
    while d < cal.days.len() && worked(d) {
        run += 1;
        d += 1;
    }
    if run > k.max_consecutive {
        return false;
    }
    if let (Some(max), Some(key)) = (k.max_weekends, weekend_key(prep, c.day)) {
        let mut keys: Vec<i64> = shifts
            .iter()
            .filter_map(|s| weekend_key(prep, s.cand.day))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if !keys.contains(&key) && keys.len() as u32 + 1 > max {
            return false;
        }
    }
    true
}
