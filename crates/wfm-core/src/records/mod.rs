//! Serde records in Assembled's shapes, their validation, and the collection loader.

mod activity;
mod agent_state;
mod availability;
mod conversation;
mod demand;
mod load;
mod org;
mod person;
mod problem;
mod time_off;
mod working_hours;

pub use activity::{Activity, ActivityCategory, ActivityKind, ActivityType};
pub use agent_state::{AgentState, PlatformAssociation};
pub use conversation::{ConversationInput, ConversationUpdate};
pub use demand::{ForecastInterval, Requirement};
pub use load::{LoadedRecord, RecordError, load_records, parse_records};
pub use org::{Queue, Site, Skill, Team};
pub use person::Person;
pub use problem::{Problem, ProblemKind, Record};
pub use time_off::{TimeOffRequest, TimeOffStatus};
pub use working_hours::{ClockTime, DayOfWeek, WeeklyWindow, WorkingHoursRule};

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod load_tests;
