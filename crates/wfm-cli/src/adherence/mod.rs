//! `wfm adherence`: condense agent states and measure adherence against a schedule.
//!
//! ```text
//! wfm adherence --states STATES.json --schedule ACTIVITIES.json --activity-types TYPES.json \
//!     --mapping MAP.json --from T0 --to T1 [--priority five9,zendesk,api] [--now T] \
//!     [--granularity day] [--output REPORT.json]
//! wfm adherence condense --states STATES.json --priority five9,zendesk --from T0 --to T1
//! ```
//!
//! Times are unix seconds or RFC 3339. Input files are arrays, id-keyed objects, wrapper
//! objects (`{"agent_states": ...}`, `{"activities": ...}`, `{"activity_types": ...}`,
//! `{"mappings": ...}`) or JSON lines. Bad records are listed under `errors` in the output (and
//! counted on stderr) while every good record is used; exit code 2 means the run itself could
//! not be done (unreadable file, bad flag, unknown platform in `--priority`).

mod load;

use crate::stdout::out;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::json;
use wfm::adherence::{
    AdherenceConfig, AdherenceInput, CondenseConfig, Granularity, PlatformOrder, Resolution, Tz,
    Window, condense, measure, parse_time, parse_time_zone,
};

use crate::failure::write_atomically;
use crate::{CliResult, Failure};
use load::Rejected;

/// Arguments of `wfm adherence`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct AdherenceArgs {
    #[command(subcommand)]
    command: Option<Box<AdherenceCommand>>,
    /// Raw agent states (AgentState records).
    #[arg(long, required = true)]
    states: Option<PathBuf>,
    /// Scheduled activities (Activity records).
    #[arg(long, required = true)]
    schedule: Option<PathBuf>,
    /// Activity types (ActivityType records).
    #[arg(long = "activity-types", required = true)]
    activity_types: Option<PathBuf>,
    /// State mappings: [{"platform", "state", "maps_to": ["productive:phone"], "primary"}].
    #[arg(long, required = true)]
    mapping: Option<PathBuf>,
    /// Window start (unix seconds or RFC 3339).
    #[arg(long, required = true)]
    from: Option<String>,
    /// Window end (unix seconds or RFC 3339).
    #[arg(long, required = true)]
    to: Option<String>,
    /// Platforms, highest priority first (default: the mapping file's platforms in file order).
    #[arg(long)]
    priority: Option<String>,
    #[command(flatten)]
    common: Common,
    /// Bucket size: interval (30 min), a number of minutes, day, week or month.
    #[arg(long, default_value = "day")]
    granularity: String,
    /// Out-of-adherence seconds excused at the start of each scheduled activity.
    #[arg(long, default_value_t = 0)]
    start_grace: i64,
    /// Out-of-adherence seconds excused at the end of each scheduled activity.
    #[arg(long, default_value_t = 0)]
    end_grace: i64,
    /// Out-of-adherence runs shorter than this many seconds are excused.
    #[arg(long, default_value_t = 0)]
    min_exception: i64,
}

/// Options shared by both forms.
#[derive(Debug, clap::Args)]
struct Common {
    /// The current time: open states close here and nothing later is measured (default: the
    /// clock).
    #[arg(long)]
    now: Option<String>,
    /// People (Person records): agent time zones and platform ids; states and activities of
    /// agents not listed are then rejected as unknown.
    #[arg(long)]
    people: Option<PathBuf>,
    /// Time zone of agents without one.
    #[arg(long, default_value = "UTC")]
    timezone: String,
    /// An agent adheres if any active platform state matches (instead of the priority winner).
    #[arg(long)]
    any_platform: bool,
    /// Write the JSON here (atomically) instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
enum AdherenceCommand {
    /// Print the condensed timeline (one non-overlapping state sequence per agent).
    Condense(CondenseArgs),
}

/// Arguments of `wfm adherence condense`.
#[derive(Debug, clap::Args)]
struct CondenseArgs {
    /// Raw agent states (AgentState records).
    #[arg(long)]
    states: PathBuf,
    /// Platforms, highest priority first, e.g. five9,zendesk,api.
    #[arg(long)]
    priority: String,
    /// Window start (unix seconds or RFC 3339).
    #[arg(long)]
    from: String,
    /// Window end (unix seconds or RFC 3339).
    #[arg(long)]
    to: String,
    #[command(flatten)]
    common: Common,
}

/// Runs `wfm adherence` or `wfm adherence condense`.
pub(crate) fn run(args: AdherenceArgs) -> CliResult {
    match args.command {
        Some(command) => match *command {
            AdherenceCommand::Condense(c) => run_condense(c),
        },
        None => run_report(args),
    }
}

fn bad<E: std::fmt::Display>(flag: &str) -> impl Fn(E) -> Failure + '_ {
    move |e| Failure::input(format!("{flag}: {e}"))
}

fn window(from: &str, to: &str) -> Result<Window, Failure> {
    let start = parse_time("--from", from).map_err(bad("--from"))?;
    let end = parse_time("--to", to).map_err(bad("--to"))?;
    Window::new(start, end).map_err(bad("--from/--to"))
}

fn now(common: &Common) -> Result<i64, Failure> {
    match &common.now {
        Some(t) => parse_time("--now", t).map_err(bad("--now")),
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))),
    }
}

fn resolution(common: &Common) -> Resolution {
    if common.any_platform {
        Resolution::AnyPlatform
    } else {
        Resolution::Priority
    }
}

fn default_zone(common: &Common) -> Result<Tz, Failure> {
    parse_time_zone(&common.timezone).map_err(bad("--timezone"))
}

fn required<'a>(value: &'a Option<PathBuf>, flag: &str) -> Result<&'a Path, Failure> {
    value
        .as_deref()
        .ok_or_else(|| Failure::input(format!("{flag} is required")))
}

/// Writes `value` to `--output` or standard output, and reports rejected records on stderr.
fn emit(common: &Common, value: &serde_json::Value, rejected: usize) -> CliResult {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::input(format!("cannot encode output: {e}")))?;
    text.push('\n');
    match &common.output {
        Some(path) => write_atomically(path, text.as_bytes())?,
        None => out!("{text}"),
    }
    if rejected > 0 {
        eprintln!("warning: {rejected} input records rejected (listed under \"errors\")");
    }
    Ok(ExitCode::SUCCESS)
}

fn run_condense(args: CondenseArgs) -> CliResult {
    let window = window(&args.from, &args.to)?;
    let order = PlatformOrder::parse(&args.priority).map_err(bad("--priority"))?;
    let mut rejected: Vec<Rejected> = Vec::new();
    let dir = load::directory(
        args.common.people.as_deref(),
        default_zone(&args.common)?,
        &mut rejected,
    )?;
    let states = load::States::read(&args.states, &mut rejected)?;
    let mut known = states.platforms();
    known.extend(dir.platforms().map(str::to_owned));
    order.check_known(&known).map_err(bad("--priority"))?;
    let log = states.log(&order, &dir, &mut rejected);
    let config = CondenseConfig::new(window)
        .now(Some(now(&args.common)?))
        .resolution(resolution(&args.common));
    let timeline = condense(&log, &config);
    #[derive(Serialize)]
    struct Row<'a> {
        agent_id: &'a str,
        platform: &'a str,
        state: &'a str,
        start_time: i64,
        end_time: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        active: Option<Vec<serde_json::Value>>,
    }
    let any = args.common.any_platform;
    let rows: Vec<Row<'_>> = timeline
        .segments()
        .map(|s| Row {
            agent_id: s.agent_id,
            platform: s.platform,
            state: s.state,
            start_time: s.start,
            end_time: s.end,
            active: any.then(|| {
                s.active
                    .iter()
                    .map(|(p, st)| json!({"platform": p, "state": st}))
                    .collect()
            }),
        })
        .collect();
    let out = json!({
        "start_time": window.start(),
        "end_time": config.horizon(),
        "priority_order": order.names(),
        "agent_states": rows,
        "errors": rejected,
    });
    emit(&args.common, &out, rejected.len())
}

fn run_report(args: AdherenceArgs) -> CliResult {
    let window = window(
        args.from.as_deref().unwrap_or_default(),
        args.to.as_deref().unwrap_or_default(),
    )?;
    let granularity: Granularity = args.granularity.parse().map_err(bad("--granularity"))?;
    let mut rejected: Vec<Rejected> = Vec::new();
    let dir = load::directory(
        args.common.people.as_deref(),
        default_zone(&args.common)?,
        &mut rejected,
    )?;
    let (mapping, mapped_platforms) =
        load::mapping(required(&args.mapping, "--mapping")?, &mut rejected)?;
    let order = match &args.priority {
        Some(p) => PlatformOrder::parse(p),
        None => PlatformOrder::new(mapped_platforms),
    }
    .map_err(bad("--priority"))?;
    let types = load::activity_types(
        required(&args.activity_types, "--activity-types")?,
        &mut rejected,
    )?;
    let schedule = load::schedule(
        required(&args.schedule, "--schedule")?,
        &types,
        &dir,
        &mut rejected,
    )?;
    let states = load::States::read(required(&args.states, "--states")?, &mut rejected)?;
    let log = states.log(&order, &dir, &mut rejected);
    let config = AdherenceConfig::new(window)
        .now(Some(now(&args.common)?))
        .resolution(resolution(&args.common))
        .granularity(granularity)
        .start_grace(args.start_grace)
        .end_grace(args.end_grace)
        .min_exception(args.min_exception);
    let input = AdherenceInput {
        states: &log,
        schedule: &schedule,
        types: &types,
        mapping: &mapping,
        directory: &dir,
    };
    let report = measure(&input, &config).map_err(|e| Failure::input(e.to_string()))?;
    let rows = report.rows();
    let exceptions: Vec<serde_json::Value> = report
        .exceptions()
        .map(|e| {
            json!({
                "agent_id": e.agent_id,
                "activity_type_id": e.activity_type_id,
                "platform": e.platform,
                "state": e.state,
                "start_time": e.start,
                "end_time": e.end,
            })
        })
        .collect();
    let unmapped: Vec<serde_json::Value> = report
        .unmapped_states()
        .iter()
        .map(|u| json!({"platform": u.platform, "state": u.state, "seconds": u.seconds}))
        .collect();
    let out = json!({
        "status": "complete",
        "report_type": "adherence",
        "start_time": window.start(),
        "end_time": config.horizon(),
        "granularity": args.granularity,
        "priority_order": order.names(),
        "metrics": rows,
        "total_metric_count": rows.len(),
        "exceptions": exceptions,
        "unmapped_states": unmapped,
        "errors": rejected,
    });
    emit(&args.common, &out, rejected.len())
}
