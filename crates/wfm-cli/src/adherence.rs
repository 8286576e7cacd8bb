//! `wfm adherence` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm adherence`.
#[derive(Debug, clap::Args)]
pub(crate) struct AdherenceArgs {}

/// Runs `wfm adherence`.
pub(crate) fn run(_args: AdherenceArgs) -> CliResult {
    Err(Failure::input("wfm adherence is not available yet"))
}
