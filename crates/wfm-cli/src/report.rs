//! `wfm report` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {}

/// Runs `wfm report`.
pub(crate) fn run(_args: ReportArgs) -> CliResult {
    Err(Failure::input("wfm report is not available yet"))
}
