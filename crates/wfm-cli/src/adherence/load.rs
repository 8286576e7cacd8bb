//! Reading the input files of `wfm adherence`: every bad record is reported with its file,
//! position and reason, and every good one is used.

use std::path::Path;

use serde::Serialize;
use wfm::adherence::{
    ActivityInput, ActivityType, ActivityTypes, AgentDirectory, MappingRecord, PlatformOrder,
    RecordError, Schedule, StateLog, StateMapping, StateRecord,
};
use wfm_core::{Activity, AgentState, Person, Record};

use crate::Failure;
use crate::failure::read_file;

/// A rejected input record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rejected {
    /// Which input (`states`, `schedule`, `activity-types`, `mapping`, `people`).
    pub(crate) file: &'static str,
    /// 0-based position in the file's collection.
    pub(crate) index: usize,
    /// 1-based line where the record starts.
    pub(crate) line: usize,
    /// Why it was rejected.
    pub(crate) message: String,
}

/// Parsed records of one file with their original (index, line).
struct Loaded<T> {
    records: Vec<T>,
    positions: Vec<(usize, usize)>,
}

fn load<T: Record>(
    path: &Path,
    file: &'static str,
    rejected: &mut Vec<Rejected>,
) -> Result<Loaded<T>, Failure> {
    let text = read_file(path)?;
    let all = wfm_core::load_records::<T>(&text)
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    let mut out = Loaded {
        records: Vec::with_capacity(all.len()),
        positions: Vec::with_capacity(all.len()),
    };
    for rec in all {
        match rec.result {
            Ok(r) => {
                out.records.push(r);
                out.positions.push((rec.index, rec.line));
            }
            Err(e) => rejected.push(Rejected {
                file,
                index: rec.index,
                line: rec.line,
                message: e.to_string(),
            }),
        }
    }
    Ok(out)
}

fn reject_engine<T>(
    loaded: &Loaded<T>,
    file: &'static str,
    errors: Vec<RecordError>,
    out: &mut Vec<Rejected>,
) {
    for e in errors {
        let (index, line) = loaded
            .positions
            .get(e.index)
            .copied()
            .unwrap_or((e.index, 0));
        out.push(Rejected {
            file,
            index,
            line,
            message: e.error.to_string(),
        });
    }
}

/// The agent directory from an optional people file, with a default zone. With a people file
/// the directory is closed: states and activities of agents not in it are rejected.
pub(crate) fn directory(
    people: Option<&Path>,
    default_tz: wfm::adherence::Tz,
    rejected: &mut Vec<Rejected>,
) -> Result<AgentDirectory, Failure> {
    let mut dir = AgentDirectory::new().with_default_time_zone(default_tz);
    if let Some(path) = people {
        let loaded = load::<Person>(path, "people", rejected)?;
        for (p, &(index, line)) in loaded.records.iter().zip(&loaded.positions) {
            match dir.clone().with_person(p) {
                Ok(d) => dir = d,
                Err(e) => rejected.push(Rejected {
                    file: "people",
                    index,
                    line,
                    message: e.to_string(),
                }),
            }
        }
        dir = dir.closed(true);
    }
    Ok(dir)
}

/// The raw state records (parsed, not yet checked by the engine).
pub(crate) struct States(Loaded<AgentState>);

impl States {
    pub(crate) fn read(path: &Path, rejected: &mut Vec<Rejected>) -> Result<Self, Failure> {
        Ok(Self(load::<AgentState>(path, "states", rejected)?))
    }

    /// Platforms named by any state record, sorted.
    pub(crate) fn platforms(&self) -> Vec<String> {
        let mut p: Vec<String> = self
            .0
            .records
            .iter()
            .filter_map(|s| s.platform.clone())
            .collect();
        p.sort();
        p.dedup();
        p
    }

    pub(crate) fn log(
        &self,
        order: &PlatformOrder,
        dir: &AgentDirectory,
        rejected: &mut Vec<Rejected>,
    ) -> StateLog {
        let (log, errors) =
            StateLog::build(self.0.records.iter().map(StateRecord::from), order, dir);
        reject_engine(&self.0, "states", errors, rejected);
        log
    }
}

/// Activity types, bad ones reported.
pub(crate) fn activity_types(
    path: &Path,
    rejected: &mut Vec<Rejected>,
) -> Result<ActivityTypes, Failure> {
    let loaded = load::<wfm_core::ActivityType>(path, "activity-types", rejected)?;
    let mut seen = std::collections::HashSet::new();
    let mut types = Vec::new();
    for (t, &(index, line)) in loaded.records.iter().zip(&loaded.positions) {
        if seen.insert(t.id.as_str().to_owned()) {
            types.push(ActivityType::from(t));
        } else {
            rejected.push(Rejected {
                file: "activity-types",
                index,
                line,
                message: format!("activity type {:?} is defined twice", t.id.as_str()),
            });
        }
    }
    ActivityTypes::new(types).map_err(|e| Failure::input(format!("{}: {e}", path.display())))
}

/// The layered schedule.
pub(crate) fn schedule(
    path: &Path,
    types: &ActivityTypes,
    dir: &AgentDirectory,
    rejected: &mut Vec<Rejected>,
) -> Result<Schedule, Failure> {
    let loaded = load::<Activity>(path, "schedule", rejected)?;
    let (schedule, errors) =
        Schedule::build(loaded.records.iter().map(ActivityInput::from), types, dir);
    reject_engine(&loaded, "schedule", errors, rejected);
    Ok(schedule)
}

/// The state mapping and the platforms in file order (the default priority order).
pub(crate) fn mapping(
    path: &Path,
    rejected: &mut Vec<Rejected>,
) -> Result<(StateMapping, Vec<String>), Failure> {
    let loaded = load::<MappingRecord>(path, "mapping", rejected)?;
    let mut mapping = StateMapping::new();
    let mut platforms: Vec<String> = Vec::new();
    for (r, &(index, line)) in loaded.records.iter().zip(&loaded.positions) {
        match r.apply(mapping.clone()) {
            Ok(m) => {
                mapping = m;
                if !platforms.contains(&r.platform) {
                    platforms.push(r.platform.clone());
                }
            }
            Err(e) => rejected.push(Rejected {
                file: "mapping",
                index,
                line,
                message: e.to_string(),
            }),
        }
    }
    Ok((mapping, platforms))
}
