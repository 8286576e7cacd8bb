//! The forecasting models.

pub(crate) mod historical_average;
pub(crate) mod seasonal_naive;
pub(crate) mod top_down;
