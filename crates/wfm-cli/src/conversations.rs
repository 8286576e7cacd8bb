//! `wfm conversations`: the Conversations API over files.
//!
//! `ingest` upserts `--input` (and then applies `--updates`) into the store file
//! `--output` (JSON lines, read first when it exists, so re-ingesting changes nothing),
//! prints the outcome counts and every rejected record, and writes the store atomically.
//! `--associations` adds platform identity associations, which the store file keeps
//! (one `{"association": {...}}` line each, before the conversations) so `wfm report`
//! attributes conversations to agents without being given them again.
//! Exit code 0 when every record was applied, 1 when some were rejected (the valid ones
//! are still stored), 2 for unreadable input.
//!
//! `generate` writes seeded synthetic conversations (and optionally updates).

use crate::stdout::{out, outln};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wfm::reports::{
    BatchOutcome, ConversationStore, GeneratorConfig, Outcome, generate_conversations,
    generate_updates, generator_associations,
};
use wfm_core::{
    ConversationInput, ConversationUpdate, LoadedRecord, PlatformAssociation, Record, parse_records,
};

use crate::failure::{read_file, write_atomically, write_atomically_with};
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
    /// Platform identity associations to add and keep in the store: PlatformAssociation
    /// records (`agent_id`, `platform`, `platform_id`; JSON lines, array or
    /// `{"associations": [...]}`), or a `.csv` file `platform,platform_agent_id,agent_id`
    /// with a header (as `generate --associations` writes).
    #[arg(long, value_name = "A.jsonl")]
    associations: Option<PathBuf>,
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
pub(crate) type ReadRecords<T> = (Vec<(usize, T)>, Vec<String>);

/// Reads a document of records (JSON lines, array or keyed object).
pub(crate) fn read_records<T: Record>(path: &Path) -> Result<ReadRecords<T>, Failure> {
    let text = read_file(path)?;
    let loaded: Vec<LoadedRecord<T>> =
        parse_records(&text).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    // The records own their data: free the file's text before the second vector grows.
    drop(text);
    let mut ok = Vec::with_capacity(loaded.len());
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

/// One platform identity association line of a store file.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredAssociation {
    association: PlatformAssociation,
}

/// A platform identity association: `(platform, platform agent id, agent id)`.
pub(crate) type Association = (String, String, String);

fn association_of(a: PlatformAssociation) -> Result<Association, String> {
    match a.validate().into_iter().next() {
        Some(p) => Err(format!("{}: {}, got {}", p.field, p.kind, p.value)),
        None => Ok((a.platform, a.platform_id, a.agent_id.into_inner())),
    }
}

/// Reads platform identity associations: a `.csv` file `platform,platform_agent_id,agent_id`
/// with a header, or PlatformAssociation records. Returns the valid ones and a message
/// per invalid record.
pub(crate) fn read_associations(path: &Path) -> Result<(Vec<Association>, Vec<String>), Failure> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    if is_csv {
        let text = read_file(path)?;
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for (i, rec) in reader.records().enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| Failure::input(format!("{}:{line}: {e}", path.display())))?;
            match (rec.get(0), rec.get(1), rec.get(2)) {
                (Some(p), Some(raw), Some(agent))
                    if !p.is_empty() && !raw.is_empty() && !agent.is_empty() =>
                {
                    ok.push((p.to_owned(), raw.to_owned(), agent.to_owned()));
                }
                _ => bad.push(format!(
                    "{}:{line}: expected platform,platform_agent_id,agent_id, all non-empty",
                    path.display()
                )),
            }
        }
    } else {
        let (records, unparseable) = read_records::<PlatformAssociation>(path)?;
        bad = unparseable;
        for (line, a) in records {
            match association_of(a) {
                Ok(a) => ok.push(a),
                Err(why) => bad.push(format!("{}:{line}: {why}", path.display())),
            }
        }
    }
    Ok((ok, bad))
}

/// Loads the store file into a new store, its associations included; any invalid stored
/// record is an input error.
pub(crate) fn load_store(path: &Path) -> Result<ConversationStore, Failure> {
    let text = read_file(path)?;
    // Association lines are taken out (left blank, so line numbers stay right).
    let mut links = Vec::new();
    let mut rest = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let link = line
            .contains("\"association\"")
            .then(|| serde_json::from_str::<StoredAssociation>(line).ok())
            .flatten();
        match link {
            Some(l) => {
                let a = association_of(l.association).map_err(|why| {
                    Failure::input(format!("store {}:{}: {why}", path.display(), i + 1))
                })?;
                links.push(a);
                rest.push('\n');
            }
            None => rest.push_str(line),
        }
    }
    drop(text);
    let loaded: Vec<LoadedRecord<ConversationInput>> =
        parse_records(&rest).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    drop(rest);
    let mut lines = Vec::with_capacity(loaded.len());
    let mut batch = Vec::with_capacity(loaded.len());
    for r in loaded {
        match r.result {
            Ok(c) => {
                lines.push(r.line);
                batch.push(c);
            }
            Err(e) => {
                return Err(Failure::input(format!(
                    "store {}:{}: record {}: {e}",
                    path.display(),
                    r.line,
                    r.index
                )));
            }
        }
    }
    let mut store = ConversationStore::new();
    for (p, raw, agent) in &links {
        store.associate(p, raw, agent);
    }
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

/// Writes the store file: its associations, then its conversations, as JSON lines.
fn write_store(store: &ConversationStore, w: &mut dyn Write) -> std::io::Result<()> {
    for (p, raw, agent) in store.associations() {
        let line = StoredAssociation {
            association: PlatformAssociation {
                agent_id: agent.into(),
                platform: p.to_owned(),
                platform_id: raw.to_owned(),
            },
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    for c in store.conversations() {
        serde_json::to_writer(&mut *w, &c)?;
        w.write_all(b"\n")?;
    }
    Ok(())
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
    outln!(
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
    out!("{text}");
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
    if let Some(path) = &args.associations {
        let (links, bad) = read_associations(path)?;
        let changed = links
            .iter()
            .filter(|(p, raw, agent)| store.associate(p, raw, agent))
            .count();
        outln!(
            "associations {}: {} read, {changed} new or changed, rejected {}",
            path.display(),
            links.len(),
            bad.len()
        );
        for msg in &bad {
            outln!("  rejected {msg}");
        }
        rejected += bad.len();
    }
    write_atomically_with(&args.output, |w| write_store(&store, w))?;
    outln!(
        "store {}: {} conversations ({} before), {} associations",
        args.output.display(),
        store.len(),
        before,
        store.associations().len()
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
    outln!("{} conversations -> {}", convs.len(), args.output.display());
    if let Some(path) = &args.updates {
        let updates = generate_updates(&convs, args.seed, args.update_share);
        write_atomically(path, &json_lines(&updates)?)?;
        outln!("{} updates -> {}", updates.len(), path.display());
    }
    if let Some(path) = &args.associations {
        let mut csv = String::from("platform,platform_agent_id,agent_id\n");
        for (p, raw, agent) in generator_associations(args.agents) {
            let _ = writeln!(csv, "{p},{raw},{agent}");
        }
        write_atomically(path, csv.as_bytes())?;
        outln!("associations -> {}", path.display());
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
