//! Parsing of `timestamp,value,...` CSV files onto a regular interval grid.

use std::collections::BTreeMap;

use chrono::{LocalResult, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::Failure;

/// One parsed row: UTC seconds, its numeric fields and its 1-based line number.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) time: i64,
    pub(crate) fields: Vec<f64>,
    pub(crate) line: usize,
}

/// Parses a timestamp: RFC3339 or unix seconds (`wfm_core::time::parse_instant`), or
/// `YYYY-MM-DD HH:MM[:SS]` local in `tz`. In a repeated (fall-back) hour the earlier instant
/// is taken unless it is not after `previous`; a time in a spring-forward gap is an error.
pub(crate) fn parse_time(text: &str, tz: Tz, previous: Option<i64>) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(t) = wfm_core::time::parse_instant(text) {
        return Ok(t);
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .map_err(|_| {
            format!("unparsable timestamp {text:?} (expected YYYY-MM-DD HH:MM or RFC3339)")
        })?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.timestamp()),
        LocalResult::Ambiguous(early, late) => {
            if previous.is_some_and(|p| early.timestamp() <= p) {
                Ok(late.timestamp())
            } else {
                Ok(early.timestamp())
            }
        }
        LocalResult::None => Err(format!(
            "timestamp {text:?} does not exist in {tz} (DST gap)"
        )),
    }
}

/// Reads `timestamp,v1[,v2...]` rows (header optional, blank lines skipped); `min_fields`
/// numeric fields are required, up to `max_fields` are read. Values must be finite and `>= 0`.
pub(crate) fn read_rows(
    text: &str,
    file: &str,
    tz: Tz,
    min_fields: usize,
    max_fields: usize,
) -> Result<Vec<Row>, Failure> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let cells: Vec<&str> = trimmed.split(',').map(str::trim).collect();
        if rows.is_empty()
            && i == 0
            && cells[0]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
        {
            continue; // header
        }
        let bad = |msg: String| Failure::input(format!("{file} line {line}: {msg}"));
        let time = parse_time(cells[0], tz, rows.last().map(|r| r.time)).map_err(bad)?;
        if cells.len() < 1 + min_fields {
            return Err(bad(format!(
                "expected at least {} columns, got {}",
                1 + min_fields,
                cells.len()
            )));
        }
        let mut fields = Vec::new();
        for cell in cells.iter().skip(1).take(max_fields) {
            if cell.is_empty() && fields.len() >= min_fields {
                fields.push(f64::NAN);
                continue;
            }
            let v: f64 = cell
                .parse()
                .map_err(|_| bad(format!("value {cell:?} is not a number")))?;
            if !v.is_finite() || v < 0.0 {
                return Err(bad(format!("value {cell:?} must be finite and >= 0")));
            }
            fields.push(v);
        }
        rows.push(Row { time, fields, line });
    }
    let mut seen: BTreeMap<i64, usize> = BTreeMap::new();
    for r in &rows {
        if let Some(first) = seen.insert(r.time, r.line) {
            return Err(Failure::input(format!(
                "{file} line {}: duplicate timestamp (first seen on line {first})",
                r.line
            )));
        }
    }
    rows.sort_by_key(|r| r.time);
    Ok(rows)
}

/// The most common gap between consecutive rows, in minutes.
pub(crate) fn infer_interval(rows: &[Row]) -> Option<u32> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for w in rows.windows(2) {
        *counts.entry(w[1].time - w[0].time).or_default() += 1;
    }
    let (gap, _) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    u32::try_from(gap / 60)
        .ok()
        .filter(|m| *m > 0 && gap % 60 == 0)
}

/// A regular series built from rows.
#[derive(Debug)]
pub(crate) struct Grid {
    pub(crate) start: i64,
    pub(crate) minutes: u32,
    /// Per interval: summed first field, and `sum(v * field2)` / present flag.
    pub(crate) volume: Vec<f64>,
    pub(crate) weighted_second: Vec<f64>,
    pub(crate) present: Vec<bool>,
}

/// Buckets rows into `minutes`-long intervals aligned to the local day in `tz`. Rows must
/// lie on the data's own grid (`base` minutes from the first row) and `minutes` must be a
/// multiple of `base`.
pub(crate) fn to_grid(
    rows: &[Row],
    file: &str,
    tz: Tz,
    base: u32,
    minutes: u32,
) -> Result<Grid, Failure> {
    let first = rows
        .first()
        .ok_or_else(|| Failure::input(format!("{file}: no data rows")))?;
    if minutes % base != 0 {
        return Err(Failure::input(format!(
            "--interval-minutes {minutes} is not a multiple of the data's {base}-minute interval"
        )));
    }
    let base_s = i64::from(base) * 60;
    let step = i64::from(minutes) * 60;
    for r in rows {
        if (r.time - first.time).rem_euclid(base_s) != 0 {
            return Err(Failure::input(format!(
                "{file} line {}: timestamp is off the {base}-minute grid started on line {}",
                r.line, first.line
            )));
        }
    }
    let local = tz
        .timestamp_opt(first.time, 0)
        .single()
        .map_or(0, |t| i64::from(t.num_seconds_from_midnight()));
    let start = first.time - local.rem_euclid(step);
    let last = rows.last().map_or(first.time, |r| r.time);
    let n = usize::try_from((last - start) / step + 1)
        .map_err(|_| Failure::input(format!("{file}: timestamps out of range")))?;
    if n > 10_000_000 {
        return Err(Failure::input(format!(
            "{file}: span of {n} intervals is too long"
        )));
    }
    let mut grid = Grid {
        start,
        minutes,
        volume: vec![0.0; n],
        weighted_second: vec![0.0; n],
        present: vec![false; n],
    };
    for r in rows {
        let i = usize::try_from((r.time - start) / step).unwrap_or(0);
        let v = r.fields[0];
        grid.volume[i] += v;
        if let Some(&a) = r.fields.get(1).filter(|a| a.is_finite()) {
            grid.weighted_second[i] += v * a;
        }
        grid.present[i] = true;
    }
    Ok(grid)
}

/// Fills absent intervals from the same interval-of-week in the nearest week that has
/// data (earlier first), or zero.
pub(crate) fn impute_gaps(values: &mut [f64], present: &[bool], week: usize) {
    for i in 0..values.len() {
        if present[i] {
            continue;
        }
        let mut k = 1;
        let filled = loop {
            let back = i.checked_sub(k * week).filter(|&j| present[j]);
            let fwd = Some(i + k * week).filter(|&j| j < values.len() && present[j]);
            match (back, fwd) {
                (Some(j), _) | (None, Some(j)) => break Some(values[j]),
                (None, None) if i < k * week && i + k * week >= values.len() => break None,
                _ => k += 1,
            }
        };
        values[i] = filled.unwrap_or(0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_local_and_rfc3339() {
        let a = parse_time("2024-01-01 00:30", chrono_tz::UTC, None);
        let b = parse_time("2024-01-01T00:30:00Z", chrono_tz::UTC, None);
        assert_eq!(a, b);
        assert!(parse_time("2024-03-31 02:30", chrono_tz::Europe::Paris, None).is_err());
        assert!(parse_time("yesterday", chrono_tz::UTC, None).is_err());
    }

    #[test]
    fn imputes_from_neighbouring_weeks() {
        let mut v = vec![1.0, 2.0, 0.0, 4.0, 5.0, 6.0];
        let present = [true, true, false, true, true, true];
        impute_gaps(&mut v, &present, 3);
        assert!((v[2] - 6.0).abs() < 1e-12, "same slot a week later");
    }
}
