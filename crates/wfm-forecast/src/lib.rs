#![doc = include_str!("../README.md")]

mod adjust;
mod aht;
mod calendar;
mod day_of_month;
mod days;
mod engine;
mod error;
mod forecast;
mod history;
mod interop;
mod metrics;
mod models;
mod noise;
mod outliers;
mod reforecast;
mod special;
mod timeline;

pub use adjust::{Adjustment, AdjustmentKind, Adjustments};
pub use aht::{AhtModel, FittedAht};
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
pub use outliers::{Outlier, OutlierConfig, OutlierLevel, detect_outliers, replace_outliers};
pub use reforecast::reforecast_intraday;
pub use timeline::Timeline;
