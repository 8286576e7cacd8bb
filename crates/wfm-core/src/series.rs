//! `Series`: values on an [`IntervalGrid`] with explicit missing values.

use crate::{Error, IntervalGrid, Result};

/// One value per interval of a grid; `None` marks a missing observation.
///
/// Missing is explicit and distinct from zero (a closed queue has zero contacts; a feed outage has
/// none recorded). Present values are always finite: NaN and infinities are rejected on
/// construction, never used as a missing marker.
///
/// # Example
///
/// ```
/// use wfm_core::{IntervalGrid, Series};
/// let grid = IntervalGrid::from_unix(0, 30, 3)?;
/// let s = Series::new(grid, vec![Some(4.0), None, Some(2.0)])?;
/// assert_eq!(s.get(1), None);
/// assert_eq!(s.missing_count(), 1);
/// assert!(Series::new(grid, vec![Some(f64::NAN), None, None]).is_err());
/// # Ok::<(), wfm_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    grid: IntervalGrid,
    values: Vec<Option<f64>>,
}

impl Series {
    /// Builds a series, checking one value per interval and that present values are finite.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] or [`Error::NotFinite`] (naming the index and value).
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 2)?;
    /// let s = wfm_core::Series::new(grid, vec![Some(1.0), Some(2.5)])?;
    /// assert_eq!(s.len(), 2);
    /// assert!(wfm_core::Series::new(grid, vec![Some(1.0)]).is_err());
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    pub fn new(grid: IntervalGrid, values: Vec<Option<f64>>) -> Result<Self> {
        if values.len() != grid.len() {
            return Err(Error::LengthMismatch {
                expected: grid.len(),
                got: values.len(),
            });
        }
        if let Some((index, value)) = values
            .iter()
            .enumerate()
            .find_map(|(i, v)| v.filter(|x| !x.is_finite()).map(|x| (i, x)))
        {
            return Err(Error::NotFinite { index, value });
        }
        Ok(Self { grid, values })
    }

    /// Builds a series with every value present.
    ///
    /// # Errors
    ///
    /// As [`Series::new`].
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 2)?;
    /// let s = wfm_core::Series::from_values(grid, &[3.0, 4.0])?;
    /// assert_eq!(s.missing_count(), 0);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    pub fn from_values(grid: IntervalGrid, values: &[f64]) -> Result<Self> {
        Self::new(grid, values.iter().copied().map(Some).collect())
    }

    /// The grid.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 1)?;
    /// assert_eq!(wfm_core::Series::from_values(grid, &[1.0])?.grid(), &grid);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn grid(&self) -> &IntervalGrid {
        &self.grid
    }

    /// The values, `None` where missing.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 2)?;
    /// let s = wfm_core::Series::new(grid, vec![None, Some(1.0)])?;
    /// assert_eq!(s.values(), &[None, Some(1.0)]);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn values(&self) -> &[Option<f64>] {
        &self.values
    }

    /// The value of interval `i`: `None` if missing or out of range.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 1)?;
    /// let s = wfm_core::Series::from_values(grid, &[7.0])?;
    /// assert_eq!(s.get(0), Some(7.0));
    /// assert_eq!(s.get(5), None);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, i: usize) -> Option<f64> {
        self.values.get(i).copied().flatten()
    }

    /// The number of intervals.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 4)?;
    /// assert_eq!(wfm_core::Series::new(grid, vec![None; 4])?.len(), 4);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the series has no intervals.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 0)?;
    /// assert!(wfm_core::Series::new(grid, vec![])?.is_empty());
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The number of missing values.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 3)?;
    /// let s = wfm_core::Series::new(grid, vec![None, Some(0.0), None])?;
    /// assert_eq!(s.missing_count(), 2);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn missing_count(&self) -> usize {
        self.values.iter().filter(|v| v.is_none()).count()
    }

    /// The values with missing ones replaced by `fill`.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 60, 2)?;
    /// let s = wfm_core::Series::new(grid, vec![None, Some(2.0)])?;
    /// assert_eq!(s.filled(0.0), vec![0.0, 2.0]);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    #[must_use]
    pub fn filled(&self, fill: f64) -> Vec<f64> {
        self.values.iter().map(|v| v.unwrap_or(fill)).collect()
    }

    /// Re-aggregates to a coarser grid by exact summation (see [`IntervalGrid::aggregate_sum`]). A
    /// coarse interval is missing if any of its fine intervals is missing.
    ///
    /// # Errors
    ///
    /// As [`IntervalGrid::aggregate_sum`] for a bad `coarser_minutes`.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = wfm_core::IntervalGrid::from_unix(0, 15, 4)?;
    /// let s = wfm_core::Series::new(grid, vec![Some(1.0), Some(2.0), None, Some(4.0)])?;
    /// let hourly = s.aggregate_sum(30)?;
    /// assert_eq!(hourly.values(), &[Some(3.0), None]);
    /// # Ok::<(), wfm_core::Error>(())
    /// ```
    pub fn aggregate_sum(&self, coarser_minutes: u32) -> Result<Series> {
        let (grid, factor) = self.grid.coarser(coarser_minutes)?;
        let values = self
            .values
            .chunks_exact(factor)
            .map(|chunk| chunk.iter().copied().sum::<Option<f64>>())
            .collect();
        Ok(Series { grid, values })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_names_index_and_value() {
        let grid = IntervalGrid::from_unix(0, 60, 3).unwrap();
        let err = Series::new(grid, vec![None, Some(1.0), Some(f64::INFINITY)]).unwrap_err();
        assert!(matches!(err, Error::NotFinite { index: 2, value } if value.is_infinite()));
    }

    #[test]
    fn aggregate_rejects_partial_groups() {
        let grid = IntervalGrid::from_unix(0, 15, 3).unwrap();
        let s = Series::from_values(grid, &[1.0, 2.0, 3.0]).unwrap();
        assert!(matches!(
            s.aggregate_sum(30),
            Err(Error::IncompleteGroup { len: 3, factor: 2 })
        ));
    }
}
