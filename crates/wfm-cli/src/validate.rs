//! `wfm validate` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct ValidateArgs {}

/// Runs `wfm validate`.
pub(crate) fn run(_args: ValidateArgs) -> CliResult {
    Err(Failure::input("wfm validate is not available yet"))
}
