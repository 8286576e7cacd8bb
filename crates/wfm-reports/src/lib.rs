#![doc = include_str!("../README.md")]

mod actuals;
mod error;
mod filter;
mod grouping;
mod input;
mod outcome;
mod periods;
mod query;
mod record;
mod stats;
mod store;
mod symbols;
mod ticket_stats;
mod unix_time;

pub use actuals::{ActualSeries, actuals};
pub use error::{Error, Result};
pub use filter::{GroupBy, ReportFilter};
pub use input::{Channel, ConversationInput, ConversationUpdate};
pub use outcome::{BatchOutcome, Outcome, OutcomeCounts, Rejection};
pub use periods::{Granularity, MAX_PERIODS, Periods};
pub use query::{ReportQuery, RowKey};
pub use stats::Summary;
pub use store::ConversationStore;
pub use ticket_stats::{HandleTimeRow, TicketStatsRow, handle_time, ticket_stats};
