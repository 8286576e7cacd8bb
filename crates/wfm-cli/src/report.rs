//! `wfm report`: structured reports from a conversation store file.
//!
//! `wfm report ticket-stats|handle-time|actuals --conversations STORE.jsonl --from T0 --to T1
//! --granularity day --tz ZONE [--by queue|channel|agent|team] --output R.csv`
//!
//! Teams come from `--people PEOPLE.json` (Person records: `agent_id` and `teams`), for
//! `--by team` and `--team` filters. A conversation whose agent is in several teams
//! counts in each team's row, so team rows can add up to more than the total.
//!
//! `T0`/`T1` are RFC3339 instants, unix seconds, or local dates `YYYY-MM-DD` (midnight in
//! `--tz`). Rows are attributed by `started_at`. Percentiles are exact (type 7).

use crate::stdout::outln;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use wfm::reports::{
    Channel, ConversationStore, Granularity, GroupBy, Periods, ReportFilter, ReportQuery, RowKey,
    Summary, actuals, handle_time, ticket_stats,
};

use crate::conversations::{load_store, read_associations, read_records};
use crate::failure::write_atomically;
use crate::{CliResult, Failure};

/// The reports `wfm report` computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// Volume, resolution, first response and wait (mean/median/p90), CSAT.
    TicketStats,
    /// Handle time mean/median/p90.
    HandleTime,
    /// Interval actuals per queue and channel (volume, handled, AHT, wait, FRT, resolution, CSAT).
    Actuals,
}

/// Arguments of `wfm report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    /// Report to compute.
    #[arg(value_enum)]
    kind: Kind,
    /// Store file written by `wfm conversations ingest` (JSON lines).
    #[arg(long, value_name = "STORE.jsonl")]
    conversations: PathBuf,
    /// Range start: RFC3339, unix seconds, or a local date YYYY-MM-DD in --tz.
    #[arg(long, value_name = "T0")]
    from: String,
    /// Range end (exclusive), same formats as --from.
    #[arg(long, value_name = "T1")]
    to: String,
    /// interval, day, week or month.
    #[arg(long, default_value = "day")]
    granularity: String,
    /// Interval length in minutes for --granularity interval.
    #[arg(long, default_value_t = 30)]
    interval_minutes: u32,
    /// IANA time zone of the days, weeks and months.
    #[arg(long, default_value = "UTC")]
    tz: String,
    /// Group rows by queue, channel, agent or team (ticket-stats and handle-time; team
    /// needs --people).
    #[arg(long)]
    by: Option<String>,
    /// People (Person records with `agent_id` and `teams`/`team_ids`; JSON lines, array or
    /// keyed object): the agent -> teams directory of --by team and --team.
    #[arg(long, value_name = "PEOPLE.json")]
    people: Option<PathBuf>,
    /// Keep only conversations of agents in these teams (repeatable; needs --people).
    #[arg(long = "team")]
    teams: Vec<String>,
    /// Keep only these queues (repeatable).
    #[arg(long = "queue")]
    queues: Vec<String>,
    /// Keep only these channels (repeatable).
    #[arg(long = "channel")]
    channels: Vec<String>,
    /// Keep only these agents (repeatable).
    #[arg(long = "agent")]
    agents: Vec<String>,
    /// Platform identities besides those kept in the store file: CSV
    /// `platform,platform_agent_id,agent_id` with a header, or PlatformAssociation records
    /// (JSON): conversations from a platform assigned to a platform agent id count for the
    /// agent.
    #[arg(long, value_name = "ASSOC.csv")]
    associations: Option<PathBuf>,
    /// CSV output.
    #[arg(long, value_name = "R.csv")]
    output: PathBuf,
}

/// Applies the platform identity associations of a file to the store; any invalid
/// record is an input error.
fn associate(store: &mut ConversationStore, path: &Path) -> Result<(), Failure> {
    let (links, bad) = read_associations(path)?;
    if let Some(first) = bad.first() {
        return Err(Failure::input(first.clone()));
    }
    for (p, raw, agent) in &links {
        store.associate(p, raw, agent);
    }
    Ok(())
}

/// The agent id -> team ids directory of a people file.
fn team_directory(path: &Path) -> Result<HashMap<String, Vec<String>>, Failure> {
    let (people, bad) = read_records::<wfm_core::Person>(path)?;
    if let Some(first) = bad.first() {
        return Err(Failure::input(first.clone()));
    }
    let mut directory: HashMap<String, Vec<String>> = HashMap::new();
    for (_, person) in people {
        if let Some(agent) = person.agent_id {
            directory
                .entry(agent.into_inner())
                .or_default()
                .extend(person.teams.into_iter().map(|t| t.into_inner()));
        }
    }
    Ok(directory)
}

/// Parses an instant, or a local date as its first instant in `tz`.
fn parse_time(flag: &str, text: &str, tz: Tz) -> Result<i64, Failure> {
    if let Ok(d) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        let midnight = d.and_time(chrono::NaiveTime::MIN);
        return tz
            .from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.timestamp())
            .ok_or_else(|| {
                Failure::input(format!(
                    "{flag}: local midnight of {text} does not exist in {tz}"
                ))
            });
    }
    wfm_core::time::parse_instant(text).map_err(|e| Failure::input(format!("{flag}: {e}")))
}

fn filter(
    args: &ReportArgs,
    directory: &HashMap<String, Vec<String>>,
) -> Result<ReportFilter, Failure> {
    let mut f = ReportFilter::default();
    if !args.queues.is_empty() {
        f = f.queues(args.queues.iter().cloned());
    }
    if !args.channels.is_empty() {
        let channels = args
            .channels
            .iter()
            .map(|c| {
                c.parse::<Channel>()
                    .map_err(|_| Failure::input(format!("--channel: unknown channel {c:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        f = f.channels(channels);
    }
    if !args.agents.is_empty() {
        f = f.agents(args.agents.iter().cloned());
    }
    if !args.teams.is_empty() {
        f = f.teams(&args.teams, directory);
    }
    Ok(f)
}

/// Runs `wfm report`.
pub(crate) fn run(args: ReportArgs) -> CliResult {
    let tz =
        wfm_core::parse_time_zone(&args.tz).map_err(|e| Failure::input(format!("--tz: {e}")))?;
    let from = parse_time("--from", &args.from, tz)?;
    let to = parse_time("--to", &args.to, tz)?;
    let granularity =
        Granularity::parse(&args.granularity, args.interval_minutes).ok_or_else(|| {
            Failure::input(format!(
                "--granularity must be interval, day, week or month, got {:?}",
                args.granularity
            ))
        })?;
    let by = match &args.by {
        None => GroupBy::Total,
        Some(b) => match GroupBy::parse(b) {
            Some(g) if g != GroupBy::Total => g,
            _ => {
                return Err(Failure::input(format!(
                    "--by must be queue, channel, agent or team, got {b:?}"
                )));
            }
        },
    };
    let directory = match &args.people {
        Some(path) => team_directory(path)?,
        None if by == GroupBy::Team || !args.teams.is_empty() => {
            return Err(Failure::input(
                "--by team and --team need --people PEOPLE.json (agent_id and teams)",
            ));
        }
        None => HashMap::new(),
    };
    if args.kind == Kind::Actuals && args.by.is_some() {
        return Err(Failure::input(
            "--by does not apply to actuals (always per queue and channel)",
        ));
    }
    let periods =
        Periods::new(from, to, granularity, tz).map_err(|e| Failure::input(e.to_string()))?;
    let filter = filter(&args, &directory)?;
    let mut store = load_store(&args.conversations)?;
    if let Some(path) = &args.associations {
        associate(&mut store, path)?;
    }
    let query = ReportQuery::new(periods)
        .by(by)
        .filter(filter)
        .team_directory(directory);
    let csv = match args.kind {
        Kind::TicketStats => ticket_stats_csv(&store, &query, &args),
        Kind::HandleTime => handle_time_csv(&store, &query, &args),
        Kind::Actuals => actuals_csv(&store, &query),
    }?;
    let rows = csv.lines().count().saturating_sub(1);
    write_atomically(&args.output, csv.as_bytes())?;
    outln!("{rows} rows -> {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}

fn cell(v: Option<f64>) -> String {
    v.map(|x| format!("{x}")).unwrap_or_default()
}

fn summary(s: &Summary) -> [String; 3] {
    [cell(s.mean), cell(s.median), cell(s.p90)]
}

fn key_fields(k: &RowKey, grouped: bool) -> Vec<String> {
    let mut v = vec![
        k.period.clone(),
        k.period_start.to_string(),
        k.period_end.to_string(),
    ];
    if grouped {
        v.push(k.group.clone().unwrap_or_default());
    }
    v
}

fn header(args: &ReportArgs, rest: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = ["period", "period_start", "period_end"]
        .map(String::from)
        .to_vec();
    if let Some(by) = &args.by {
        h.push(by.clone());
    }
    h.extend(rest.iter().map(|s| (*s).to_owned()));
    h
}

fn write_csv(header: Vec<String>, rows: Vec<Vec<String>>) -> Result<String, Failure> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::input(format!("cannot write csv: {e}"));
    w.write_record(&header).map_err(fail)?;
    for r in rows {
        w.write_record(&r).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::input(format!("cannot write csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Failure::input(format!("cannot write csv: {e}")))
}

fn report_error(e: wfm::reports::Error) -> Failure {
    Failure::input(e.to_string())
}

fn ticket_stats_csv(
    store: &ConversationStore,
    q: &ReportQuery,
    args: &ReportArgs,
) -> Result<String, Failure> {
    let grouped = args.by.is_some();
    let rows = ticket_stats(store, q)
        .map_err(report_error)?
        .into_iter()
        .map(|r| {
            let mut v = key_fields(&r.key, grouped);
            v.extend([
                r.created.to_string(),
                r.resolved.to_string(),
                cell(r.resolution_rate),
            ]);
            v.extend(summary(&r.first_response));
            v.extend(summary(&r.wait));
            v.extend([cell(r.csat_mean), r.csat_count.to_string()]);
            v
        })
        .collect();
    let h = header(
        args,
        &[
            "created",
            "resolved",
            "resolution_rate",
            "frt_mean",
            "frt_median",
            "frt_p90",
            "wait_mean",
            "wait_median",
            "wait_p90",
            "csat_mean",
            "csat_count",
        ],
    );
    write_csv(h, rows)
}

fn handle_time_csv(
    store: &ConversationStore,
    q: &ReportQuery,
    args: &ReportArgs,
) -> Result<String, Failure> {
    let grouped = args.by.is_some();
    let rows = handle_time(store, q)
        .map_err(report_error)?
        .into_iter()
        .map(|r| {
            let mut v = key_fields(&r.key, grouped);
            v.extend([r.conversations.to_string(), r.handle_time.count.to_string()]);
            v.extend(summary(&r.handle_time));
            v
        })
        .collect();
    let h = header(
        args,
        &[
            "conversations",
            "handled",
            "aht_mean",
            "aht_median",
            "aht_p90",
        ],
    );
    write_csv(h, rows)
}

fn actuals_csv(store: &ConversationStore, q: &ReportQuery) -> Result<String, Failure> {
    let periods = q.periods();
    let series = actuals(store, periods, q.report_filter()).map_err(report_error)?;
    let mut rows = Vec::new();
    for p in 0..periods.len() {
        for s in &series {
            rows.push(vec![
                periods.label(p),
                periods.start(p).to_string(),
                periods.end(p).to_string(),
                s.queue_id.clone().unwrap_or_default(),
                s.channel.as_str().to_owned(),
                s.volume[p].to_string(),
                s.handled[p].to_string(),
                cell(s.aht[p]),
                cell(s.wait[p]),
                cell(s.first_response[p]),
                cell(s.resolution_rate[p]),
                cell(s.csat[p]),
            ]);
        }
    }
    let h = [
        "period",
        "period_start",
        "period_end",
        "queue",
        "channel",
        "volume",
        "handled",
        "aht",
        "wait",
        "first_response",
        "resolution_rate",
        "csat",
    ]
    .map(String::from)
    .to_vec();
    write_csv(h, rows)
}
