//! `wfm schedule curtois` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm schedule curtois`.
#[derive(Debug, clap::Args)]
pub(crate) struct CurtoisArgs {}

/// Runs `wfm schedule curtois`.
pub(crate) fn run(_args: CurtoisArgs) -> CliResult {
    Err(Failure::input("wfm schedule curtois is not available yet"))
}
