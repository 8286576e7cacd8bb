#![doc = include_str!("../README.md")]

#[doc(inline)]
pub use wfm_core as core;

#[doc(inline)]
#[cfg(feature = "adherence")]
pub use wfm_adherence as adherence;
#[doc(inline)]
#[cfg(feature = "erlang")]
pub use wfm_erlang as erlang;
#[doc(inline)]
#[cfg(feature = "forecast")]
pub use wfm_forecast as forecast;
#[doc(inline)]
#[cfg(feature = "reports")]
pub use wfm_reports as reports;
#[doc(inline)]
#[cfg(feature = "scheduler")]
pub use wfm_scheduler as scheduler;
