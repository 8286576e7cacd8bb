//! The forecasting models.

pub(crate) mod auto;
pub(crate) mod historical_average;
pub(crate) mod holt_winters;
pub(crate) mod mstl;
pub(crate) mod poisson;
pub(crate) mod seasonal_naive;
pub(crate) mod top_down;

pub use auto::{Auto, Backtest, CandidateScore};
pub use historical_average::HistoricalAverage;
pub use holt_winters::HoltWinters;
pub use mstl::Mstl;
pub use poisson::PoissonRegression;
pub use seasonal_naive::SeasonalNaive;
pub use top_down::TopDown;
