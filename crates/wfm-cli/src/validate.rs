//! `wfm validate <KIND> <FILE>`: check a JSON file of Assembled-shaped records.
//!
//! Prints one line per problem, `FILE:LINE: record INDEX [key KEY]: FIELD = VALUE: REASON`, then
//! a summary `N records, M invalid`. Exits 2 if any record is invalid or the file is unreadable,
//! 0 otherwise.

use crate::stdout::{out, outln};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;

use wfm_core::{
    Activity, ActivityType, AgentState, ConversationInput, ConversationUpdate, ForecastInterval,
    LoadedRecord, Person, Queue, Record, RecordError, Requirement, Site, Skill, Team,
    TimeOffRequest, WorkingHoursRule,
};

use crate::{CliResult, Failure};

/// The record kinds `wfm validate` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// People (`/people`): Person records.
    People,
    /// Scheduled activities (events).
    Activities,
    /// Activity (event) types.
    ActivityTypes,
    /// Raw agent states.
    AgentStates,
    /// Working-hours rules.
    WorkingHours,
    /// Time-off requests.
    TimeOff,
    /// Conversations (`ConversationInput`).
    Conversations,
    /// Conversation partial updates (`ConversationUpdate`).
    ConversationUpdates,
    /// Staffing requirements.
    Requirements,
    /// Forecast interval rows.
    Forecasts,
    /// Queues.
    Queues,
    /// Sites.
    Sites,
    /// Teams.
    Teams,
    /// Skills.
    Skills,
}

/// Arguments of `wfm validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct ValidateArgs {
    /// What the file holds.
    #[arg(value_enum)]
    kind: Kind,
    /// JSON file: an array, an object keyed by id, a wrapper like {"people": ...}, or JSON lines.
    /// `-` reads standard input.
    file: PathBuf,
}

/// Runs `wfm validate`.
pub(crate) fn run(args: ValidateArgs) -> CliResult {
    let text = if args.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::input(format!("cannot read standard input: {e}")))?;
        s
    } else {
        crate::failure::read_file(&args.file)?
    };
    let name = args.file.display().to_string();
    let (report, total, invalid) = match args.kind {
        Kind::People => check::<Person>(&name, &text),
        Kind::Activities => check::<Activity>(&name, &text),
        Kind::ActivityTypes => check::<ActivityType>(&name, &text),
        Kind::AgentStates => check::<AgentState>(&name, &text),
        Kind::WorkingHours => check::<WorkingHoursRule>(&name, &text),
        Kind::TimeOff => check::<TimeOffRequest>(&name, &text),
        Kind::Conversations => check::<ConversationInput>(&name, &text),
        Kind::ConversationUpdates => check::<ConversationUpdate>(&name, &text),
        Kind::Requirements => check::<Requirement>(&name, &text),
        Kind::Forecasts => check::<ForecastInterval>(&name, &text),
        Kind::Queues => check::<Queue>(&name, &text),
        Kind::Sites => check::<Site>(&name, &text),
        Kind::Teams => check::<Team>(&name, &text),
        Kind::Skills => check::<Skill>(&name, &text),
    }?;
    out!("{report}");
    outln!("{total} records, {invalid} invalid");
    Ok(if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Loads and validates every record; returns the problem lines, the record count and the number
/// of invalid records.
fn check<T: Record>(name: &str, text: &str) -> Result<(String, usize, usize), Failure> {
    let records = wfm_core::load_records::<T>(text).map_err(|e| match e {
        wfm_core::Error::Document {
            line,
            column,
            message,
        } => Failure::input(format!("{name}:{line}:{column}: {message}")),
        other => Failure::input(format!("{name}: {other}")),
    })?;
    let mut out = String::new();
    let mut invalid = 0;
    for rec in &records {
        if rec.result.is_err() {
            invalid += 1;
        }
        describe(&mut out, name, rec);
    }
    Ok((out, records.len(), invalid))
}

/// Appends one line per problem of `rec` (nothing if it is valid).
fn describe<T>(out: &mut String, name: &str, rec: &LoadedRecord<T>) {
    let key = rec
        .key
        .as_deref()
        .map(|k| format!(" (key {k:?})"))
        .unwrap_or_default();
    let head = |line: usize| format!("{name}:{line}: record {}{key}", rec.index);
    match &rec.result {
        Ok(_) => {}
        Err(e @ RecordError::Parse { line, .. }) => {
            let _ = writeln!(out, "{}: {e}", head(*line));
        }
        Err(RecordError::Invalid { problems }) => {
            for p in problems {
                let _ = writeln!(out, "{}: {p}", head(rec.line));
            }
        }
        Err(other) => {
            let _ = writeln!(out, "{}: {other}", head(rec.line));
        }
    }
}
