//! Exact summary statistics: mean, median and 90th percentile.

/// Count, mean, median and 90th percentile of a set of values, computed exactly
/// (selection on the full data, no sketches).
///
/// Percentiles interpolate linearly between order statistics (Hyndman and Fan type 7,
/// the default of R's `quantile`, NumPy's `percentile` and Python's
/// `statistics.quantiles(method="inclusive")`). Statistics are `None` when `count == 0`.
///
/// # Example
///
/// ```
/// use wfm_reports::Summary;
/// let s = Summary::of(&mut [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]);
/// assert_eq!(s.count, 10);
/// assert_eq!(s.mean, Some(5.5));
/// assert_eq!(s.median, Some(5.5));
/// assert!((s.p90.unwrap_or(0.0) - 9.1).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct Summary {
    /// Number of values.
    pub count: u64,
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Median (50th percentile).
    pub median: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
}

impl Summary {
    /// Summarises `values` (reordered in place). NaN values must not be passed.
    ///
    /// # Example
    ///
    /// ```
    /// let s = wfm_reports::Summary::of(&mut []);
    /// assert_eq!((s.count, s.mean), (0, None));
    /// ```
    #[must_use]
    pub fn of(values: &mut [f64]) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        let sum: f64 = values.iter().sum();
        Self {
            count: values.len() as u64,
            mean: Some(sum / values.len() as f64),
            median: Some(quantile(values, 0.5)),
            p90: Some(quantile(values, 0.9)),
        }
    }
}

/// Type-7 quantile `q` in `[0, 1]` of non-empty, NaN-free `values` (reordered in place).
pub(crate) fn quantile(values: &mut [f64], q: f64) -> f64 {
    let n = values.len();
    let h = (n - 1) as f64 * q;
    let lo = (h.floor() as usize).min(n - 1);
    let (_, &mut below, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let frac = h - lo as f64;
    match above.iter().copied().min_by(f64::total_cmp) {
        Some(next) if frac > 0.0 => below + frac * (next - below),
        _ => below,
    }
}

/// Mean of a sum over a count, `None` for an empty count.
pub(crate) fn mean(sum: f64, count: u64) -> Option<f64> {
    (count > 0).then(|| sum / count as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_python_statistics() {
        // Python 3: statistics.median / statistics.quantiles(d, n=10, method="inclusive")[-1]
        // / statistics.mean on d = [300, 120, 45.5, 600, 210, 90, 1800] gives 210, 1080.0,
        // 452.2142857142857.
        let s = Summary::of(&mut [300.0, 120.0, 45.5, 600.0, 210.0, 90.0, 1800.0]);
        assert_eq!(s.median, Some(210.0));
        assert!((s.p90.unwrap() - 1080.0).abs() < 1e-9);
        assert!((s.mean.unwrap() - 452.214_285_714_285_7).abs() < 1e-9);
        let one = Summary::of(&mut [42.0]);
        assert_eq!((one.median, one.p90), (Some(42.0), Some(42.0)));
    }

    fn sorted_quantile(v: &[f64], q: f64) -> f64 {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        let h = (s.len() - 1) as f64 * q;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(s.len() - 1);
        s[lo] + (h - lo as f64) * (s[hi] - s[lo])
    }

    proptest! {
        #[test]
        fn selection_equals_sorting(v in prop::collection::vec(0.0f64..1e6, 1..200), q in 0.0f64..=1.0) {
            let expected = sorted_quantile(&v, q);
            let got = quantile(&mut v.clone(), q);
            prop_assert!((got - expected).abs() <= 1e-9 * expected.abs().max(1.0));
        }
    }
}
