//! `wfm conversations` (being written).

use crate::{CliResult, Failure};

/// Arguments of `wfm conversations`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConversationsArgs {}

/// Runs `wfm conversations`.
pub(crate) fn run(_args: ConversationsArgs) -> CliResult {
    Err(Failure::input("wfm conversations is not available yet"))
}
