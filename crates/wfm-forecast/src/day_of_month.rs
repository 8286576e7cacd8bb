//! Day-of-month effects on daily totals (billing cycles, paydays, statement dates).
//!
//! A log-additive decomposition of the complete normal days with a positive total,
//! `ln total = level + weekday + day of month + noise`, fitted by backfitting: the level is a
//! centred moving average (`LEVEL_WINDOW` days either side) of the series with the other two
//! effects removed, the weekday effects are means over the last `WEEKDAY_DAYS` days, and the
//! day-of-month effects are means smoothed with a triangular kernel over neighbouring dates
//! (circularly) and shrunk toward 0 by `SHRINK` pseudo-observations, so short or flat
//! histories give factors near 1. Estimating the level from a window around each day, rather
//! than from single same-weekday neighbours, keeps the neighbours' own day-of-month effects
//! out of each estimate.

use crate::DayKind;
use crate::days::Day;

/// Pseudo-observations pulling each log-factor toward 0.
const SHRINK: f64 = 4.0;
/// Kernel weights for offsets 0, 1, 2 days.
const KERNEL: [f64; 3] = [1.0, 0.5, 0.25];
/// Half-width in days of the centred moving-average level.
const LEVEL_WINDOW: u32 = 14;
/// Days (before the last normal day) whose residuals give the weekday effects.
const WEEKDAY_DAYS: u32 = 56;
/// Backfitting sweeps.
const SWEEPS: usize = 4;

/// Multiplicative factor per day of month (index 1..=31).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DayOfMonth {
    factor: [f64; 32],
}

impl DayOfMonth {
    /// Learns factors from `days` (all days of a sample, in time order).
    pub(crate) fn learn(days: &[Day]) -> Self {
        let normal: Vec<(u32, usize, usize, f64)> = days
            .iter()
            .filter(|d| d.complete && d.kind == DayKind::Normal && d.total > 0.0)
            .map(|d| {
                (
                    d.day,
                    usize::from(d.dow).min(6),
                    usize::from(d.dom).clamp(1, 31),
                    d.total.ln(),
                )
            })
            .collect();
        let mut weekday = [0.0; 7];
        let mut log_factor = [0.0; 32];
        let mut level = vec![0.0; normal.len()];
        let mut adjusted = vec![0.0; normal.len()];
        let last = normal.last().map_or(0, |d| d.0);
        for _ in 0..SWEEPS {
            for (a, &(_, w, m, ly)) in adjusted.iter_mut().zip(&normal) {
                *a = ly - weekday[w] - log_factor[m];
            }
            centred_mean(&normal, &adjusted, &mut level);
            let (mut sum, mut count) = ([0.0; 7], [0.0; 7]);
            for (&(day, w, m, ly), l) in normal.iter().zip(&level) {
                if last - day < WEEKDAY_DAYS {
                    sum[w] += ly - l - log_factor[m];
                    count[w] += 1.0;
                }
            }
            for w in 0..7 {
                weekday[w] = if count[w] > 0.0 {
                    sum[w] / count[w]
                } else {
                    0.0
                };
            }
            let (mut sum, mut count) = ([0.0; 32], [0.0; 32]);
            for (&(_, w, m, ly), l) in normal.iter().zip(&level) {
                sum[m] += ly - l - weekday[w];
                count[m] += 1.0;
            }
            for (m, f) in log_factor.iter_mut().enumerate().skip(1) {
                let (s, c) = smoothed(&sum, &count, m);
                *f = s / (c + SHRINK);
            }
            let mean = log_factor[1..].iter().sum::<f64>() / 31.0;
            log_factor[1..].iter_mut().for_each(|f| *f -= mean);
        }
        let mut factor = [1.0; 32];
        for (f, l) in factor.iter_mut().zip(&log_factor).skip(1) {
            *f = l.exp();
        }
        Self { factor }
    }

    /// Factor for day of month `dom`.
    pub(crate) fn factor(&self, dom: u8) -> f64 {
        self.factor[usize::from(dom).clamp(1, 31)]
    }
}

/// `out[i]` = mean of `values[j]` over the days within [`LEVEL_WINDOW`] of day `i`
/// (`days` sorted by day; two-pointer sliding window).
fn centred_mean(days: &[(u32, usize, usize, f64)], values: &[f64], out: &mut [f64]) {
    let (mut lo, mut hi, mut sum) = (0, 0, 0.0);
    for (i, o) in out.iter_mut().enumerate() {
        let day = days[i].0;
        while hi < days.len() && days[hi].0 <= day.saturating_add(LEVEL_WINDOW) {
            sum += values[hi];
            hi += 1;
        }
        while days[lo].0.saturating_add(LEVEL_WINDOW) < day {
            sum -= values[lo];
            lo += 1;
        }
        *o = sum / (hi - lo) as f64;
    }
}

/// Kernel-weighted sums of `sum` and `count` around day of month `m` (circular over 1..=31).
fn smoothed(sum: &[f64; 32], count: &[f64; 32], m: usize) -> (f64, f64) {
    let (mut s, mut c) = (0.0, 0.0);
    for (offset, w) in KERNEL.iter().enumerate() {
        for sign in [-1i64, 1] {
            if offset == 0 && sign == 1 {
                continue;
            }
            let o = usize::try_from((m as i64 - 1 + sign * offset as i64).rem_euclid(31) + 1)
                .unwrap_or(m);
            s += w * sum[o];
            c += w * count[o];
        }
    }
    (s, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(totals: impl Fn(u32, u8) -> f64, n: u32) -> Vec<Day> {
        (0..n)
            .map(|day| {
                let dom = u8::try_from(day % 30 + 1).unwrap_or(1);
                Day {
                    day,
                    dow: (day % 7) as u8,
                    kind: DayKind::Normal,
                    dom,
                    start: 0,
                    end: 1,
                    total: totals(day, dom),
                    complete: true,
                }
            })
            .collect()
    }

    #[test]
    fn flat_history_gives_unit_factors() {
        let f = DayOfMonth::learn(&days(|_, _| 100.0, 200));
        assert!((1..=31).all(|m| (f.factor(m) - 1.0).abs() < 1e-9));
    }

    #[test]
    fn month_start_peak_is_found() {
        // Days 1-3 of each (30-day) month are 50% busier; weekdays differ too.
        let f = DayOfMonth::learn(&days(
            |day, dom| {
                let peak = if dom <= 3 { 1.5 } else { 1.0 };
                peak * (100.0 + 20.0 * f64::from((day % 7) as u8))
            },
            300,
        ));
        assert!(f.factor(2) > 1.25, "{}", f.factor(2));
        assert!((f.factor(16) - 1.0).abs() < 0.1, "{}", f.factor(16));
    }

    #[test]
    fn empty_history_is_neutral() {
        let f = DayOfMonth::learn(&[]);
        assert!((f.factor(1) - 1.0).abs() < 1e-12);
    }
}
