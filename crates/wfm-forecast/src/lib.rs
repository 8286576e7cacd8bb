#![doc = include_str!("../README.md")]

mod calendar;
mod days;
mod engine;
mod error;
mod forecast;
mod history;
mod metrics;
mod models;
mod noise;
mod special;
mod timeline;

pub use calendar::{Calendar, DayKind};
pub use engine::FittedModel;
pub use error::{Error, Result};
pub use forecast::{Fit, Forecast, Predict};
pub use history::History;
pub use metrics::{Granularity, Metrics, PeriodRow, compare, mase_scale};
pub use models::{
    Auto, Backtest, CandidateScore, HistoricalAverage, HoltWinters, Mstl, PoissonRegression,
    SeasonalNaive, TopDown,
};
pub use timeline::Timeline;
