//! `wfm conversations`: the Conversations API over files.
//!
//! `ingest` upserts `--input` (and then applies `--updates`) into the store file
//! `--output` (JSON lines, read first when it exists, so re-ingesting changes nothing),
//! prints the outcome counts and every rejected record, and writes the store atomically.
//! Exit code 0 when every record was applied, 1 when some were rejected (the valid ones
//! are still stored), 2 for unreadable input.
//!
//! `generate` writes seeded synthetic conversations (and optionally updates).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wfm::reports::{
    BatchOutcome, ConversationStore, GeneratorConfig, Outcome, generate_conversations,
    generate_updates, generator_associations,
};
use wfm_core::{ConversationInput, ConversationUpdate, LoadedRecord, Record, parse_records};

use crate::failure::{read_file, write_atomically};
use crate::{CliResult, Failure};

/// Arguments of `wfm conversations`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConversationsArgs {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Upsert conversations and apply partial updates into a store file.
    Ingest(IngestArgs),
    /// Write seeded synthetic conversations as JSON lines.
    Generate(GenerateArgs),
}

/// Arguments of `wfm conversations ingest`.
#[derive(Debug, clap::Args)]
struct IngestArgs {
    /// Conversations to upsert (ConversationInput; JSON lines, array or keyed object).
    #[arg(long, value_name = "CONV.jsonl")]
    input: PathBuf,
    /// Partial updates to apply after the upsert (ConversationUpdate).
    #[arg(long, value_name = "UPD.jsonl")]
    updates: Option<PathBuf>,
    /// Store file (JSON lines); read first if it exists, then rewritten.
    #[arg(long, value_name = "STORE.jsonl")]
    output: PathBuf,
    /// Ignore an existing store file instead of reading it.
    #[arg(long)]
    fresh: bool,
}

/// Arguments of `wfm conversations generate`.
#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// Random seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// First instant (RFC3339 or unix seconds).
    #[arg(long, default_value = "2026-03-02T05:00:00Z")]
    start: String,
    /// Number of days.
    #[arg(long, default_value_t = 7)]
    days: u32,
    /// Expected conversations on an average weekday.
    #[arg(long, default_value_t = 2000.0)]
    daily_volume: f64,
    /// Number of agents.
    #[arg(long, default_value_t = 40)]
    agents: u32,
    /// Zone whose business hours shape the day.
    #[arg(long, default_value = "America/New_York")]
    tz: String,
    /// Conversations output (JSON lines).
    #[arg(long, value_name = "CONV.jsonl")]
    output: PathBuf,
    /// Also write updates of this share of the conversations here.
    #[arg(long, value_name = "UPD.jsonl")]
    updates: Option<PathBuf>,
    /// Also write the platform identity associations (CSV) the conversations use here.
    #[arg(long, value_name = "ASSOC.csv")]
    associations: Option<PathBuf>,
    /// Share of conversations updated (with --updates).
    #[arg(long, default_value_t = 0.1)]
    update_share: f64,
}

/// Runs `wfm conversations`.
pub(crate) fn run(args: ConversationsArgs) -> CliResult {
    match args.command {
        Command::Ingest(a) => ingest(&a),
        Command::Generate(a) => generate(&a),
    }
}

/// The parsed records of a document with their lines, and the unparseable ones as
/// printable messages.
type ReadRecords<T> = (Vec<(usize, T)>, Vec<String>);

/// Reads a document of records (JSON lines, array or keyed object).
fn read_records<T: Record>(path: &Path) -> Result<ReadRecords<T>, Failure> {
    let text = read_file(path)?;
    let loaded: Vec<LoadedRecord<T>> =
        parse_records(&text).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for r in loaded {
        match r.result {
            Ok(v) => ok.push((r.line, v)),
            Err(e) => bad.push(format!(
                "{}:{}: record {}: {e}",
                path.display(),
                r.line,
                r.index
            )),
        }
    }
    Ok((ok, bad))
}

/// Loads the store file into a new store; any invalid stored record is an input error.
pub(crate) fn load_store(path: &Path) -> Result<ConversationStore, Failure> {
    let (records, bad) = read_records::<ConversationInput>(path)?;
    if let Some(first) = bad.first() {
        return Err(Failure::input(format!("store {first}")));
    }
    let (lines, batch): (Vec<usize>, Vec<ConversationInput>) = records.into_iter().unzip();
    let mut store = ConversationStore::new();
    let out = store.upsert(batch);
    if let Some((i, r)) = out.rejected().next() {
        let line = lines.get(i).copied().unwrap_or(0);
        return Err(Failure::input(format!(
            "store {}:{line}: {r}",
            path.display()
        )));
    }
    Ok(store)
}

/// Prints a batch's counts and its rejected and superseded records; returns the number
/// rejected (including unparseable records).
fn report_batch(
    what: &str,
    path: &Path,
    lines: &[usize],
    ids: &[String],
    out: &BatchOutcome,
    unparseable: &[String],
) -> usize {
    let c = out.counts();
    println!(
        "{what} {}: {c}, unparseable {}",
        path.display(),
        unparseable.len()
    );
    let mut text = String::new();
    for msg in unparseable {
        let _ = writeln!(text, "  rejected {msg}");
    }
    for (i, o) in out.outcomes.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(0);
        let id = ids.get(i).map_or("", String::as_str);
        match o {
            Outcome::Rejected(r) => {
                let _ = writeln!(
                    text,
                    "  rejected {}:{line}: external_id {id:?}: {r}",
                    path.display()
                );
            }
            Outcome::Superseded { by } => {
                let later = lines.get(*by).copied().unwrap_or(0);
                let _ = writeln!(
                    text,
                    "  superseded {}:{line}: external_id {id:?} is sent again on line {later}",
                    path.display()
                );
            }
            _ => {}
        }
    }
    print!("{text}");
    c.rejected + unparseable.len()
}

fn ingest(args: &IngestArgs) -> CliResult {
    let mut store = if !args.fresh && args.output.exists() {
        load_store(&args.output)?
    } else {
        ConversationStore::new()
    };
    let before = store.len();
    let (records, bad) = read_records::<ConversationInput>(&args.input)?;
    let ids: Vec<String> = records.iter().map(|(_, c)| c.external_id.clone()).collect();
    let (lines, batch): (Vec<usize>, Vec<ConversationInput>) = records.into_iter().unzip();
    let out = store.upsert(batch);
    let mut rejected = report_batch("upsert", &args.input, &lines, &ids, &out, &bad);
    if let Some(path) = &args.updates {
        let (records, bad) = read_records::<ConversationUpdate>(path)?;
        let ids: Vec<String> = records.iter().map(|(_, u)| u.external_id.clone()).collect();
        let (lines, batch): (Vec<usize>, Vec<ConversationUpdate>) = records.into_iter().unzip();
        let out = store.update(batch);
        rejected += report_batch("update", path, &lines, &ids, &out, &bad);
    }
    let mut text = String::new();
    for c in store.conversations() {
        let line = serde_json::to_string(&c)
            .map_err(|e| Failure::input(format!("cannot serialise {}: {e}", c.external_id)))?;
        text.push_str(&line);
        text.push('\n');
    }
    write_atomically(&args.output, text.as_bytes())?;
    println!(
        "store {}: {} conversations ({} before)",
        args.output.display(),
        store.len(),
        before
    );
    Ok(if rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn generate(args: &GenerateArgs) -> CliResult {
    let start = wfm_core::time::parse_instant(&args.start)
        .map_err(|e| Failure::input(format!("--start: {e}")))?;
    let tz =
        wfm_core::parse_time_zone(&args.tz).map_err(|e| Failure::input(format!("--tz: {e}")))?;
    if !(args.daily_volume.is_finite() && args.daily_volume >= 0.0) {
        return Err(Failure::input(format!(
            "--daily-volume must be finite and >= 0, got {}",
            args.daily_volume
        )));
    }
    let config = GeneratorConfig::new(args.seed)
        .start(start)
        .days(args.days)
        .daily_volume(args.daily_volume)
        .agents(args.agents)
        .tz(tz);
    let convs = generate_conversations(&config);
    write_atomically(&args.output, &json_lines(&convs)?)?;
    println!("{} conversations -> {}", convs.len(), args.output.display());
    if let Some(path) = &args.updates {
        let updates = generate_updates(&convs, args.seed, args.update_share);
        write_atomically(path, &json_lines(&updates)?)?;
        println!("{} updates -> {}", updates.len(), path.display());
    }
    if let Some(path) = &args.associations {
        let mut csv = String::from("platform,platform_agent_id,agent_id\n");
        for (p, raw, agent) in generator_associations(args.agents) {
            let _ = writeln!(csv, "{p},{raw},{agent}");
        }
        write_atomically(path, csv.as_bytes())?;
        println!("associations -> {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn json_lines<T: serde::Serialize>(items: &[T]) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    for item in items {
        serde_json::to_writer(&mut out, item)
            .map_err(|e| Failure::input(format!("cannot serialise a record: {e}")))?;
        out.push(b'\n');
    }
    Ok(out)
}
