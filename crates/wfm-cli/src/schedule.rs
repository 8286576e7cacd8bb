//! `wfm schedule` and its subcommands (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm schedule`: solve a problem, or one of the subcommands.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct ScheduleArgs {
    #[command(subcommand)]
    command: Option<ScheduleCommand>,
}

#[derive(Debug, clap::Subcommand)]
enum ScheduleCommand {
    /// Solve a Curtois & Qu employee-scheduling benchmark instance.
    Curtois(crate::curtois::CurtoisArgs),
}

/// Runs `wfm schedule`.
pub(crate) fn run(args: ScheduleArgs) -> CliResult {
    match args.command {
        Some(ScheduleCommand::Curtois(a)) => crate::curtois::run(a),
        None => Err(Failure::input("wfm schedule is not available yet")),
    }
}
