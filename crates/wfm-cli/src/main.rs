//! The `wfm` command-line host: the only part of wfm that reads and writes files.
//!
//! Each engine crate has its own subcommand module here; the engines themselves do no I/O.

mod adherence;
mod conversations;
mod curtois;
mod erlang;
mod failure;
mod forecast;
mod report;
mod schedule;
mod stdout;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub(crate) use failure::{CliResult, Failure};

/// mimalloc instead of the platform allocator. Measured on `wfm-reports` ingest (1 M
/// conversations, one thread; `benches/benches/reports.rs`): glibc's malloc/free took
/// 0.68-1.26 s of CPU, mimalloc 0.30-0.40 s, most of the difference in freeing the
/// input's interned strings. The engine crates allocate through `std` only and leave
/// this choice to the host, as here.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Workforce management for contact centers: forecast, staff, schedule, measure.
#[derive(Debug, Parser)]
#[command(name = "wfm", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a JSON file of Assembled-shaped records (array, keyed object or JSON lines).
    Validate(validate::ValidateArgs),
    /// Staffing requirements from volume and handle time (Erlang B, C and A).
    Erlang(erlang::ErlangArgs),
    /// Forecast interval volumes (and handle times) from history.
    Forecast(forecast::ForecastArgs),
    /// Forecast-vs-actuals metrics as JSON.
    Accuracy(forecast::AccuracyArgs),
    /// Generate, validate and benchmark schedules.
    Schedule(schedule::ScheduleArgs),
    /// Condense agent states and measure adherence against a schedule.
    Adherence(adherence::AdherenceArgs),
    /// Ingest conversation records (the Conversations API, in a file).
    Conversations(conversations::ConversationsArgs),
    /// Structured reports from stored conversations.
    Report(report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Erlang(args) => erlang::run(args),
        Command::Forecast(args) => forecast::run(args),
        Command::Accuracy(args) => forecast::run_accuracy(args),
        Command::Schedule(args) => schedule::run(args),
        Command::Adherence(args) => adherence::run(args),
        Command::Conversations(args) => conversations::run(args),
        Command::Report(args) => report::run(args),
    };
    stdout::flush();
    match (result, stdout::failure()) {
        (Err(failure), _) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.code)
        }
        (Ok(_), Some(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        (Ok(code), None) => code,
    }
}
