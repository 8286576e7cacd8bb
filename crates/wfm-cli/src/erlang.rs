//! `wfm erlang`: staffing requirements from volume and handle time (Erlang B, C and A).
//!
//! Batch form: `wfm erlang --input IN.csv --output OUT.csv`. IN has a header row, any column order,
//! with `id`, `model` (erlang_b | erlang_c | erlang_a), `volume`, `interval_minutes`, `aht_seconds`,
//! `target_sl`, `target_seconds`, `patience_seconds` (erlang_a), `target_blocking` (erlang_b) and the
//! optional `sl_definition`, `agents` (evaluate at that count instead of solving), `shrinkage`
//! (factors separated by `;`, compounded) and `max_occupancy`. OUT is
//! `id,agents,service_level,prob_wait,asa_seconds,occupancy,abandon_rate,blocking,agents_with_shrinkage`
//! with empty cells where a value does not apply and every float at full (round-trip) precision.
//! A bad row stops the run naming its line, column and reason, exit code 2, and no output file.
//!
//! One-shot form: `wfm erlang --volume 100 --interval-minutes 30 --aht-seconds 180 --target-sl 0.8
//! --target-seconds 20` prints one answer as a table.

use crate::stdout::out;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use wfm::erlang::{
    ErlangA, ErlangC, Error, SlDefinition, Targets, Traffic, erlang_b, erlang_b_trunks, gross_up,
};

use crate::failure::{read_file, write_atomically};
use crate::{CliResult, Failure};

/// Arguments of `wfm erlang`.
#[derive(Debug, clap::Args)]
pub(crate) struct ErlangArgs {
    /// CSV of intervals to staff (batch form; needs --output).
    #[arg(long, value_name = "IN.csv")]
    input: Option<PathBuf>,
    /// Where to write the results CSV (written only if every row succeeds).
    #[arg(long, value_name = "OUT.csv")]
    output: Option<PathBuf>,
    /// Model for the one-shot form.
    #[arg(long, default_value = "erlang_c")]
    model: String,
    /// Contacts in the interval (one-shot form).
    #[arg(long)]
    volume: Option<f64>,
    /// Interval length in minutes.
    #[arg(long)]
    interval_minutes: Option<f64>,
    /// Average handle time in seconds.
    #[arg(long)]
    aht_seconds: Option<f64>,
    /// Service-level target, a fraction (erlang_c, erlang_a).
    #[arg(long)]
    target_sl: Option<f64>,
    /// Service-level threshold in seconds (erlang_c, erlang_a).
    #[arg(long)]
    target_seconds: Option<f64>,
    /// Mean patience in seconds (erlang_a).
    #[arg(long)]
    patience_seconds: Option<f64>,
    /// Blocking target, a fraction (erlang_b).
    #[arg(long)]
    target_blocking: Option<f64>,
    /// offered (default), answered, virtual or excluding_short_abandons (erlang_a).
    #[arg(long)]
    sl_definition: Option<String>,
    /// Evaluate at this many agents instead of solving.
    #[arg(long)]
    agents: Option<u32>,
    /// Shrinkage factors, e.g. `0.3` or `0.1;0.2` (compounded).
    #[arg(long)]
    shrinkage: Option<String>,
    /// Maximum occupancy, a fraction (erlang_c, erlang_a).
    #[arg(long)]
    max_occupancy: Option<f64>,
}

/// The output columns, in order.
const HEADER: [&str; 9] = [
    "id",
    "agents",
    "service_level",
    "prob_wait",
    "asa_seconds",
    "occupancy",
    "abandon_rate",
    "blocking",
    "agents_with_shrinkage",
];

/// A failure in one row: the column and the reason.
struct Bad {
    column: &'static str,
    reason: String,
}

fn bad(column: &'static str, reason: impl Into<String>) -> Bad {
    Bad {
        column,
        reason: reason.into(),
    }
}

/// The input fields of one row (CSV cells or one-shot flags).
trait Fields {
    /// The trimmed cell, `None` if absent or empty.
    fn cell(&self, column: &'static str) -> Option<&str>;

    fn number(&self, column: &'static str) -> Result<Option<f64>, Bad> {
        self.cell(column)
            .map(|s| {
                s.parse::<f64>()
                    .map_err(|_| bad(column, format!("not a number: {s:?}")))
            })
            .transpose()
    }

    fn required(&self, column: &'static str) -> Result<f64, Bad> {
        self.number(column)?
            .ok_or_else(|| bad(column, "missing value"))
    }
}

impl Fields for HashMap<&'static str, String> {
    fn cell(&self, column: &'static str) -> Option<&str> {
        self.get(column).map(|s| s.trim()).filter(|s| !s.is_empty())
    }
}

/// One result row; `None` cells are written empty.
#[derive(Debug, Default)]
struct Answer {
    model: &'static str,
    erlangs: f64,
    agents: u32,
    service_level: Option<f64>,
    prob_wait: Option<f64>,
    asa_seconds: Option<f64>,
    occupancy: Option<f64>,
    abandon_rate: Option<f64>,
    blocking: Option<f64>,
    agents_with_shrinkage: u32,
}

/// Maps a library error to the column it is about.
fn from_error(e: Error, solving_column: &'static str) -> Bad {
    let column = match &e {
        Error::InvalidInput { field, .. } => match *field {
            "erlangs" | "arrivals_per_second" => "volume",
            "max_asa_seconds" | "max_abandon" | "max_agents" => solving_column,
            other => HEADER_COLUMNS
                .iter()
                .find(|c| **c == other)
                .copied()
                .unwrap_or(solving_column),
        },
        _ => solving_column,
    };
    bad(column, e.to_string())
}

/// Every input column name.
const HEADER_COLUMNS: [&str; 13] = [
    "id",
    "model",
    "volume",
    "interval_minutes",
    "aht_seconds",
    "target_sl",
    "target_seconds",
    "patience_seconds",
    "target_blocking",
    "sl_definition",
    "agents",
    "shrinkage",
    "max_occupancy",
];

fn shrinkage(fields: &dyn Fields) -> Result<Vec<f64>, Bad> {
    let Some(cell) = fields.cell("shrinkage") else {
        return Ok(Vec::new());
    };
    cell.split(';')
        .map(|s| {
            let s = s.trim();
            s.parse::<f64>()
                .map_err(|_| bad("shrinkage", format!("not a number: {s:?}")))
        })
        .collect()
}

fn agents(fields: &dyn Fields) -> Result<Option<u32>, Bad> {
    fields
        .cell("agents")
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| bad("agents", format!("not a whole number of agents: {s:?}")))
        })
        .transpose()
}

/// Staffs (or evaluates) one row.
fn solve(fields: &dyn Fields) -> Result<Answer, Bad> {
    let model = match fields.cell("model").unwrap_or("erlang_c") {
        "erlang_b" => "erlang_b",
        "erlang_c" => "erlang_c",
        "erlang_a" => "erlang_a",
        other => {
            return Err(bad(
                "model",
                format!("unknown model {other:?} (expected erlang_b, erlang_c or erlang_a)"),
            ));
        }
    };
    let traffic = Traffic::from_volume(
        fields.required("volume")?,
        fields.required("interval_minutes")?,
        fields.required("aht_seconds")?,
    )
    .map_err(|e| from_error(e, "volume"))?;
    let factors = shrinkage(fields)?;
    let fixed = agents(fields)?;
    let a = traffic.erlangs();
    let mut answer = Answer {
        model,
        erlangs: a,
        ..Answer::default()
    };
    if model == "erlang_b" {
        let n = match fixed {
            Some(n) => n,
            None => erlang_b_trunks(a, fields.required("target_blocking")?)
                .map_err(|e| from_error(e, "target_blocking"))?,
        };
        let b = erlang_b(n, a).map_err(|e| from_error(e, "volume"))?;
        answer.agents = n;
        answer.blocking = Some(b);
        answer.occupancy = Some(if n == 0 {
            0.0
        } else {
            a * (1.0 - b) / f64::from(n)
        });
    } else {
        let t = fields.required("target_seconds")?;
        if !(t.is_finite() && t >= 0.0) {
            return Err(bad(
                "target_seconds",
                format!("target_seconds must be finite and >= 0, got {t}"),
            ));
        }
        let mut targets = Targets::new();
        if fixed.is_none() {
            targets = targets.service_level(fields.required("target_sl")?, t);
        }
        if let Some(o) = fields.number("max_occupancy")? {
            targets = targets.max_occupancy(o);
        }
        let metrics = if model == "erlang_c" {
            let m = ErlangC::new(traffic);
            match fixed {
                Some(n) => m.metrics(n, t),
                None => m
                    .min_agents(&targets)
                    .map_err(|e| from_error(e, "target_sl"))?,
            }
        } else {
            let definition = fields
                .cell("sl_definition")
                .unwrap_or("offered")
                .parse::<SlDefinition>()
                .map_err(|_| {
                    bad(
                        "sl_definition",
                        format!(
                            "unknown definition {:?} (expected offered, answered, virtual or excluding_short_abandons)",
                            fields.cell("sl_definition").unwrap_or_default()
                        ),
                    )
                })?;
            let m = ErlangA::new(traffic, fields.required("patience_seconds")?)
                .map_err(|e| from_error(e, "patience_seconds"))?
                .sl_definition(definition);
            match fixed {
                Some(n) => m.metrics(n, t).metrics,
                None => m
                    .min_agents(&targets)
                    .map_err(|e| from_error(e, "target_sl"))?,
            }
        };
        answer.agents = metrics.agents;
        answer.service_level = Some(metrics.service_level);
        answer.prob_wait = Some(metrics.prob_wait);
        answer.asa_seconds = Some(metrics.asa_seconds);
        answer.occupancy = Some(metrics.occupancy);
        answer.abandon_rate = (model == "erlang_a").then_some(metrics.abandon_rate);
    }
    answer.agents_with_shrinkage =
        gross_up(answer.agents, &factors).map_err(|e| from_error(e, "shrinkage"))?;
    Ok(answer)
}

fn cell(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// Runs `wfm erlang`.
pub(crate) fn run(args: ErlangArgs) -> CliResult {
    match (&args.input, &args.output) {
        (Some(input), Some(output)) => batch(input, output),
        (Some(_), None) => Err(Failure::input("--input needs --output")),
        (None, Some(_)) => Err(Failure::input("--output needs --input")),
        (None, None) => one_shot(&args),
    }
}

fn batch(input: &std::path::Path, output: &std::path::Path) -> CliResult {
    let text = read_file(input)?;
    let name = input.display();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Failure::input(format!("{name}: line 1: cannot read header: {e}")))?
        .clone();
    let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
    for h in &headers {
        columns.push(HEADER_COLUMNS.iter().find(|c| **c == h).copied());
    }
    for required in ["id", "volume", "interval_minutes", "aht_seconds"] {
        if !columns.contains(&Some(required)) {
            return Err(Failure::input(format!(
                "{name}: line 1, column {required}: missing column"
            )));
        }
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    let write_failed = |e: csv::Error| Failure::input(format!("cannot format output: {e}"));
    out.write_record(HEADER).map_err(write_failed)?;
    for record in reader.records() {
        let record = record.map_err(|e| Failure::input(format!("{name}: malformed CSV: {e}")))?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: HashMap<&'static str, String> = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(c, v)| c.map(|c| (c, v.to_string())))
            .collect();
        let id = fields.get("id").cloned().unwrap_or_default();
        let answer = solve(&fields).map_err(|b| {
            Failure::input(format!(
                "{name}: line {line}, column {}: {}",
                b.column, b.reason
            ))
        })?;
        out.write_record([
            id,
            answer.agents.to_string(),
            cell(answer.service_level),
            cell(answer.prob_wait),
            cell(answer.asa_seconds),
            cell(answer.occupancy),
            cell(answer.abandon_rate),
            cell(answer.blocking),
            answer.agents_with_shrinkage.to_string(),
        ])
        .map_err(write_failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Failure::input(format!("cannot format output: {e}")))?;
    write_atomically(output, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

fn one_shot(args: &ErlangArgs) -> CliResult {
    let mut fields: HashMap<&'static str, String> = HashMap::new();
    let mut put = |column: &'static str, v: Option<String>| {
        if let Some(v) = v {
            fields.insert(column, v);
        }
    };
    let num = |v: Option<f64>| v.map(|x| x.to_string());
    put("model", Some(args.model.clone()));
    put("volume", num(args.volume));
    put("interval_minutes", num(args.interval_minutes));
    put("aht_seconds", num(args.aht_seconds));
    put("target_sl", num(args.target_sl));
    put("target_seconds", num(args.target_seconds));
    put("patience_seconds", num(args.patience_seconds));
    put("target_blocking", num(args.target_blocking));
    put("sl_definition", args.sl_definition.clone());
    put("agents", args.agents.map(|n| n.to_string()));
    put("shrinkage", args.shrinkage.clone());
    put("max_occupancy", num(args.max_occupancy));
    if args.volume.is_none() {
        return Err(Failure::input(
            "give --input IN.csv --output OUT.csv, or --volume with the other one-shot flags",
        ));
    }
    let answer = solve(&fields)
        .map_err(|b| Failure::input(format!("--{}: {}", b.column.replace('_', "-"), b.reason)))?;
    let mut table = String::new();
    let mut row = |k: &str, v: String| {
        let _ = writeln!(table, "{k:<22} {v}");
    };
    row("model", answer.model.to_string());
    row("erlangs", answer.erlangs.to_string());
    row("agents", answer.agents.to_string());
    for (k, v) in [
        ("service_level", answer.service_level),
        ("prob_wait", answer.prob_wait),
        ("asa_seconds", answer.asa_seconds),
        ("occupancy", answer.occupancy),
        ("abandon_rate", answer.abandon_rate),
        ("blocking", answer.blocking),
    ] {
        if let Some(v) = v {
            row(k, v.to_string());
        }
    }
    row(
        "agents_with_shrinkage",
        answer.agents_with_shrinkage.to_string(),
    );
    out!("{table}");
    Ok(ExitCode::SUCCESS)
}
