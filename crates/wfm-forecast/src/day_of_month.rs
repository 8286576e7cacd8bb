//! Day-of-month effects on daily totals (billing cycles, paydays, statement dates).
//!
//! Each complete normal day's total is compared with the mean of the same weekday one and
//! two weeks either side (normal days only); the ratios are grouped by day of month,
//! smoothed with a triangular kernel over neighbouring days (circularly) and shrunk toward 1
//! by `SHRINK` pseudo-observations, so short or flat histories give factors near 1.

use crate::DayKind;
use crate::days::Day;

/// Pseudo-observations pulling each factor toward 1.
const SHRINK: f64 = 4.0;
/// Kernel weights for offsets 0, 1, 2 days.
const KERNEL: [f64; 3] = [1.0, 0.5, 0.25];

/// Multiplicative factor per day of month (index 1..=31).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DayOfMonth {
    factor: [f64; 32],
}

impl DayOfMonth {
    /// Learns factors from `days` (all days of a sample, in time order).
    pub(crate) fn learn(days: &[Day]) -> Self {
        let normal: Vec<&Day> = days
            .iter()
            .filter(|d| d.complete && d.kind == DayKind::Normal)
            .collect();
        let by_day: std::collections::HashMap<u32, f64> =
            normal.iter().map(|d| (d.day, d.total)).collect();
        let mut sum = [0.0; 32];
        let mut count = [0.0; 32];
        for d in &normal {
            let refs: Vec<f64> = [-14i64, -7, 7, 14]
                .iter()
                .filter_map(|k| {
                    let other = u32::try_from(i64::from(d.day) + k).ok()?;
                    by_day.get(&other).copied()
                })
                .collect();
            if refs.len() < 2 {
                continue;
            }
            let mean = refs.iter().sum::<f64>() / refs.len() as f64;
            if mean <= 0.0 {
                continue;
            }
            let m = usize::from(d.dom).clamp(1, 31);
            sum[m] += d.total / mean;
            count[m] += 1.0;
        }
        let mut factor = [1.0; 32];
        for (m, f) in factor.iter_mut().enumerate().skip(1) {
            let (mut s, mut c) = (0.0, 0.0);
            for (offset, w) in KERNEL.iter().enumerate() {
                for sign in [-1i64, 1] {
                    if offset == 0 && sign == 1 {
                        continue;
                    }
                    let o =
                        usize::try_from((m as i64 - 1 + sign * offset as i64).rem_euclid(31) + 1)
                            .unwrap_or(m);
                    s += w * sum[o];
                    c += w * count[o];
                }
            }
            *f = (s + SHRINK) / (c + SHRINK);
        }
        Self { factor }
    }

    /// Factor for day of month `dom`.
    pub(crate) fn factor(&self, dom: u8) -> f64 {
        self.factor[usize::from(dom).clamp(1, 31)]
    }
}
