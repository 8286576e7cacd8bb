#![doc = include_str!("../README.md")]

mod chat;
mod curve;
mod deferred;
mod erlang_a;
mod erlang_b;
mod erlang_c;
mod error;
mod ext;
mod hybrid;
mod metrics;
#[cfg(test)]
mod properties;
mod series;
mod shrinkage;
mod targets;
mod traffic;

pub use chat::ChatModel;
pub use curve::{
    CurveConfig, RequirementCurve, RequirementPoint, StaffingModel, requirement_curve,
};
pub use deferred::{DeferredPlan, DeferredWork};
pub use erlang_a::{ErlangA, ErlangAMetrics, SlDefinition};
pub use erlang_b::{erlang_b, erlang_b_load, erlang_b_trunks};
pub use erlang_c::ErlangC;
pub use error::{Error, Result};
pub use hybrid::{Deflection, HybridSplit};
pub use metrics::Metrics;
pub use shrinkage::{compound_shrinkage, gross_up, gross_up_fraction};
pub use targets::{DEFAULT_MAX_AGENTS, Targets};
pub use traffic::{MAX_ERLANGS, Traffic};
