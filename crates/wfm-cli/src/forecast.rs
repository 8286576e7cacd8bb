//! `wfm forecast` and `wfm accuracy` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm forecast`.
#[derive(Debug, clap::Args)]
pub(crate) struct ForecastArgs {}

/// Arguments of `wfm accuracy`.
#[derive(Debug, clap::Args)]
pub(crate) struct AccuracyArgs {}

/// Runs `wfm forecast`.
pub(crate) fn run(_args: ForecastArgs) -> CliResult {
    Err(Failure::input("wfm forecast is not available yet"))
}

/// Runs `wfm accuracy`.
pub(crate) fn run_accuracy(_args: AccuracyArgs) -> CliResult {
    Err(Failure::input("wfm accuracy is not available yet"))
}
