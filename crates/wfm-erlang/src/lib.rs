#![doc = include_str!("../README.md")]

mod erlang_a;
mod erlang_b;
mod erlang_c;
mod error;
mod ext;
mod metrics;
mod series;
mod shrinkage;
mod targets;
mod traffic;

pub use erlang_a::{ErlangA, ErlangAMetrics, SlDefinition};
pub use erlang_b::{erlang_b, erlang_b_load, erlang_b_trunks};
pub use erlang_c::ErlangC;
pub use error::{Error, Result};
pub use metrics::Metrics;
pub use shrinkage::{compound_shrinkage, gross_up, gross_up_fraction};
pub use targets::{DEFAULT_MAX_AGENTS, Targets};
pub use traffic::{MAX_ERLANGS, Traffic};
