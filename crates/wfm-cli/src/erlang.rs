//! `wfm erlang` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm erlang`.
#[derive(Debug, clap::Args)]
pub(crate) struct ErlangArgs {}

/// Runs `wfm erlang`.
pub(crate) fn run(_args: ErlangArgs) -> CliResult {
    Err(Failure::input("wfm erlang is not available yet"))
}
