//! Conversions at the edge with `wfm-core`'s `IntervalGrid` and `Series`.

use chrono_tz::Tz;
use wfm_core::{IntervalGrid, Series};

use crate::{Calendar, Forecast, History, Result, Timeline};

impl Timeline {
    /// The timeline of a `wfm-core` grid (UTC, empty calendar; set the zone and calendar
    /// with [`Timeline::with_tz`] and [`Timeline::with_calendar`]).
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidIntervalMinutes`] for a grid this crate does not support.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 30, 48)?;
    /// let t = wfm_forecast::Timeline::from_grid(&grid)?;
    /// assert_eq!((t.start(), t.interval_minutes()), (0, 30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_grid(grid: &IntervalGrid) -> Result<Self> {
        Self::new(grid.start_unix(), grid.interval_minutes())
    }
}

impl History {
    /// A history from a `wfm-core` series; missing values count as zero (closed).
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidValue`] for a negative value, or as [`Timeline::from_grid`].
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_forecast::{Calendar, History};
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 3)?;
    /// let series = wfm_core::Series::new(grid, vec![Some(1.0), None, Some(2.0)])?;
    /// let h = History::from_series(&series, chrono_tz::UTC, Calendar::new())?;
    /// assert_eq!(h.values(), &[1.0, 0.0, 2.0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_series(series: &Series, tz: Tz, calendar: Calendar) -> Result<Self> {
        let timeline = Timeline::from_grid(series.grid())?
            .with_tz(tz)
            .with_calendar(calendar);
        Self::new(timeline, series.filled(0.0))
    }
}

impl Forecast {
    /// The forecast's `wfm-core` grid.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Core`] if the grid is not representable.
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_forecast::Forecast::from_point(0, 30, vec![1.0; 4]);
    /// assert_eq!(f.grid()?.len(), 4);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn grid(&self) -> Result<IntervalGrid> {
        Ok(IntervalGrid::from_unix(
            self.start,
            self.interval_minutes,
            self.len(),
        )?)
    }

    /// The point forecast as a `wfm-core` series.
    ///
    /// # Errors
    ///
    /// As [`Forecast::grid`].
    ///
    /// # Example
    ///
    /// ```
    /// let f = wfm_forecast::Forecast::from_point(0, 30, vec![2.0; 3]);
    /// assert_eq!(f.point_series()?.get(1), Some(2.0));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn point_series(&self) -> Result<Series> {
        Ok(Series::from_values(self.grid()?, &self.point)?)
    }
}
