//! Core types shared by the wfm crates: identifiers, channels, instants, the interval grid, series,
//! and serde records in Assembled's shapes.
//!
//! - Instants are UTC: `i64` unix seconds in records, `chrono::DateTime<Utc>` in the grid API.
//!   Local days come from `chrono-tz`; a DST day has 23 or 25 hours, so never assume 96
//!   quarter-hours per day.
//! - Records accept both documented spellings of Assembled's API (real: unix seconds, `type_id`,
//!   maps keyed by id; reconstructed spec: RFC 3339, `activity_type_id`, arrays) and emit the real
//!   style.
//! - No file I/O: the loader takes `&str`.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use wfm_core::{IntervalGrid, Person, load_records};
//!
//! let d0 = NaiveDate::from_ymd_opt(2024, 3, 31).ok_or("bad date")?;
//! let d1 = NaiveDate::from_ymd_opt(2024, 4, 1).ok_or("bad date")?;
//! let grid = IntervalGrid::for_local_dates(chrono_tz::Europe::London, d0, d1, 30)?;
//! assert_eq!(grid.len(), 46); // clocks go forward: 23 hours
//!
//! let people = load_records::<Person>(r#"{"people": {"p1": {"name": "Ada", "agent_id": "a1"}}}"#)?;
//! let ada = people[0].result.as_ref().map_err(|e| e.to_string())?;
//! assert_eq!(ada.id.as_str(), "p1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod channel;
mod error;
mod grid;
mod grid_local;
mod ids;
mod lenient;
mod records;
mod rng;
mod series;
pub mod time;
mod tz;

pub use channel::Channel;
pub use error::{Error, Result};
pub use grid::IntervalGrid;
pub use grid_local::LocalDay;
pub use ids::{
    ActivityId, ActivityTypeId, AgentId, PersonId, QueueId, RequirementTypeId, SiteId, SkillId,
    TeamId,
};
pub use records::*;
pub use rng::SplitMix64;
pub use series::Series;
pub use tz::{local_to_unix, parse_time_zone};

#[cfg(test)]
mod tests {
    /// Public types can cross threads (rayon in the engines).
    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<crate::Error>();
        check::<crate::IntervalGrid>();
        check::<crate::Series>();
        check::<crate::Person>();
        check::<crate::WorkingHoursRule>();
        check::<crate::ConversationInput>();
        check::<crate::LoadedRecord<crate::Activity>>();
        check::<crate::RecordError>();
    }

    #[test]
    fn small_value_types_stay_small() {
        assert!(std::mem::size_of::<crate::IntervalGrid>() <= 24);
        assert_eq!(std::mem::size_of::<crate::Channel>(), 1);
        assert_eq!(std::mem::size_of::<crate::ClockTime>(), 2);
    }
}
