#![doc = include_str!("../README.md")]

mod actuals;
mod adherence;
mod error;
mod fasthash;
mod filter;
mod forecast_vs_actuals;
mod generator;
mod grouping;
mod input;
mod outcome;
mod periods;
mod qa;
mod query;
mod record;
mod rng;
mod stats;
mod store;
mod symbols;
mod ticket_stats;

pub use actuals::{ActualSeries, IntervalActuals, MAX_ACTUAL_CELLS, actuals, interval_actuals};
pub use adherence::{
    AdherenceRow, AdherenceSample, QualityAdherenceRow, adherence_report, quality_vs_adherence,
};
pub use chrono_tz::Tz;
pub use error::{Error, Result};
pub use filter::{GroupBy, ReportFilter};
pub use forecast_vs_actuals::{ForecastVsActualRow, forecast_vs_actuals};
pub use generator::{
    GeneratorConfig, generate_conversations, generate_updates, generator_associations,
};
pub use input::{Channel, ConversationInput, ConversationUpdate, update_for};
pub use outcome::{BatchOutcome, Outcome, OutcomeCounts, Rejection};
pub use periods::{Granularity, MAX_PERIODS, Periods};
pub use qa::{QaRow, QaScore, qa_report};
pub use query::{ReportQuery, RowKey};
pub use stats::Summary;
pub use store::ConversationStore;
pub use ticket_stats::{HandleTimeRow, TicketStatsRow, handle_time, ticket_stats};
