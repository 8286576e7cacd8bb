#![doc = include_str!("../README.md")]

mod activity;
mod adherence;
mod buckets;
mod classify;
mod condense;
mod directory;
mod error;
mod live;
mod mapping;
mod metrics;
mod platform;
mod records;
mod report;
mod schedule;
mod states;
pub mod synthetic;
mod time;

pub use activity::{ActivityKind, ActivityType, ActivityTypes};
pub use adherence::{
    AdherenceConfig, AdherenceException, AdherenceInput, AdherenceReport, AgentBucket, MAX_BUCKETS,
    UnmappedState, measure,
};
pub use buckets::Granularity;
pub use chrono_tz::Tz;
pub use condense::{CondenseConfig, Resolution, Segment, Timeline, condense};
pub use directory::{AgentDirectory, parse_time_zone};
pub use error::{Error, RecordError, Result};
pub use live::{LiveEngine, LiveStatus, out_of_adherence_at};
pub use mapping::{MapTarget, StateMapping, StatePrimary};
pub use metrics::Metrics;
pub use platform::{MAX_PLATFORMS, PlatformOrder};
pub use records::MappingRecord;
pub use report::{ReportAttributes, ReportRow};
pub use schedule::{ActivityInput, Schedule};
pub use states::{StateLog, StateRecord};
pub use time::{MAX_TIME, MIN_TIME, Window, parse_time};
