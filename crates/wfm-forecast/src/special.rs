//! The special-day layer: holidays, eves and events reshape a model's normal-day forecast.
//!
//! For each kind it learns, from past days of that kind, the day total as a ratio of the
//! surrounding normal level (mean normal daily total within a week either side) and a pooled
//! intraday shape. A future special day then gets `ratio x level` spread over that shape, where
//! the level is backed out of the model's normal forecast for the same day through learned
//! weekday factors. Closed days become zero elsewhere ([`crate::days::ClosedMask`]).

use crate::DayKind;
use crate::days::{Day, group_days};
use crate::timeline::Slot;

/// Normal days used for weekday factors and shapes.
const RECENT_WEEKS: u32 = 8;

/// Learned effects of special days.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpecialDays {
    slots_per_day: usize,
    /// Per kind: median ratio of day total to the surrounding normal level, if learned.
    ratio: [Option<f64>; DayKind::COUNT],
    /// Per kind: pooled intraday shares by slot, and the number of days pooled.
    shape: [Vec<f64>; DayKind::COUNT],
    days_seen: [usize; DayKind::COUNT],
    /// Per weekday: mean normal total over the overall mean normal total.
    dow_factor: [f64; 7],
    /// Per weekday: normal intraday shares by slot.
    dow_shape: [Vec<f64>; 7],
}

impl SpecialDays {
    /// Learns the layer from a sample (values `y` on `slots`).
    pub(crate) fn learn(y: &[f64], slots: &[Slot], slots_per_day: usize) -> Self {
        let days = group_days(slots, y, slots_per_day);
        let normal: Vec<&Day> = days
            .iter()
            .filter(|d| d.complete && d.kind == DayKind::Normal)
            .collect();
        let (dow_factor, dow_shape) = weekday_profile(&normal, y, slots, slots_per_day);
        let mut ratios: [Vec<f64>; DayKind::COUNT] = Default::default();
        let mut shape: [Vec<f64>; DayKind::COUNT] = Default::default();
        let mut shape_total = [0.0; DayKind::COUNT];
        for d in days.iter().filter(|d| d.complete && d.kind.is_special()) {
            let near: Vec<f64> = normal
                .iter()
                .filter(|n| n.day.abs_diff(d.day) <= 7)
                .map(|n| n.total)
                .collect();
            if near.is_empty() {
                continue;
            }
            let level = near.iter().sum::<f64>() / near.len() as f64;
            if level <= 0.0 {
                continue;
            }
            let k = d.kind.index();
            ratios[k].push(d.total / level);
            let acc = &mut shape[k];
            acc.resize(slots_per_day, 0.0);
            for i in d.start..d.end {
                acc[usize::from(slots[i].slot)] += y[i];
            }
            shape_total[k] += d.total;
        }
        let mut days_seen = [0; DayKind::COUNT];
        let mut ratio = [None; DayKind::COUNT];
        for k in 0..DayKind::COUNT {
            days_seen[k] = ratios[k].len();
            ratio[k] = median(&mut ratios[k]);
            if shape_total[k] > 0.0 {
                shape[k].iter_mut().for_each(|v| *v /= shape_total[k]);
            } else {
                shape[k].clear();
            }
        }
        Self {
            slots_per_day,
            ratio,
            shape,
            days_seen,
            dow_factor,
            dow_shape,
        }
    }

    /// Reshapes the special days of `future` in the normal-day forecast `point`.
    pub(crate) fn apply(&self, future: &[Slot], point: &mut [f64]) {
        for d in group_days(future, point, self.slots_per_day) {
            let k = d.kind.index();
            let Some(ratio) = self.ratio[k].filter(|_| d.kind != DayKind::Closed) else {
                continue;
            };
            let dow = usize::from(d.dow);
            let normal_share: f64 = (d.start..d.end)
                .map(|i| share(&self.dow_shape[dow], future[i].slot))
                .sum();
            let factor = self.dow_factor[dow];
            if normal_share <= 1e-9 || factor <= 1e-9 {
                continue;
            }
            let level = d.total / (factor * normal_share);
            let n = self.days_seen[k] as f64;
            let w = n / (n + 1.0);
            let blended = |i: usize| {
                let own = share(&self.shape[k], future[i].slot);
                let normal = if d.total > 0.0 {
                    point[i] / d.total * normal_share
                } else {
                    share(&self.dow_shape[dow], future[i].slot)
                };
                w * own + (1.0 - w) * normal
            };
            let kind_share: f64 = (d.start..d.end).map(blended).sum();
            let target = ratio * level * kind_share;
            if kind_share <= 1e-12 {
                point[d.start..d.end].iter_mut().for_each(|v| *v = 0.0);
                continue;
            }
            let scale = target / kind_share;
            let values: Vec<f64> = (d.start..d.end).map(|i| blended(i) * scale).collect();
            point[d.start..d.end].copy_from_slice(&values);
        }
    }
}

fn share(shape: &[f64], slot: u16) -> f64 {
    shape.get(usize::from(slot)).copied().unwrap_or(0.0)
}

/// Weekday factors and shapes from the last [`RECENT_WEEKS`] weeks of normal days.
fn weekday_profile(
    normal: &[&Day],
    y: &[f64],
    slots: &[Slot],
    slots_per_day: usize,
) -> ([f64; 7], [Vec<f64>; 7]) {
    let last = normal.last().map_or(0, |d| d.day);
    let recent: Vec<&&Day> = normal
        .iter()
        .filter(|d| last - d.day < RECENT_WEEKS * 7)
        .collect();
    let mut sum = [0.0; 7];
    let mut count = [0usize; 7];
    let mut shape: [Vec<f64>; 7] = Default::default();
    for s in &mut shape {
        s.resize(slots_per_day, 0.0);
    }
    for d in &recent {
        let w = usize::from(d.dow);
        sum[w] += d.total;
        count[w] += 1;
        for i in d.start..d.end {
            shape[w][usize::from(slots[i].slot)] += y[i];
        }
    }
    let overall = sum.iter().sum::<f64>() / count.iter().sum::<usize>().max(1) as f64;
    let mut factor = [1.0; 7];
    for w in 0..7 {
        if count[w] > 0 && overall > 0.0 {
            factor[w] = sum[w] / count[w] as f64 / overall;
        }
        if sum[w] > 0.0 {
            shape[w].iter_mut().for_each(|v| *v /= sum[w]);
        } else {
            let flat = 1.0 / slots_per_day as f64;
            shape[w].iter_mut().for_each(|v| *v = flat);
        }
    }
    (factor, shape)
}

/// Median (sorts in place); `None` when empty.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holiday_ratio_is_learned_and_applied() {
        let spd = 4;
        let n_days = 35;
        let mut slots = Vec::new();
        let mut y = Vec::new();
        for d in 0..n_days {
            for s in 0..spd {
                let kind = if d == 17 || d == 30 {
                    DayKind::Holiday
                } else {
                    DayKind::Normal
                };
                slots.push(Slot {
                    day: d,
                    slot: s,
                    dow: (d % 7) as u8,
                    kind,
                    dom: 1,
                });
                y.push(if kind == DayKind::Holiday { 1.0 } else { 10.0 });
            }
        }
        let layer = SpecialDays::learn(&y, &slots, spd as usize);
        let future: Vec<Slot> = (0..spd)
            .map(|s| Slot {
                day: 40,
                slot: s,
                dow: 5,
                kind: DayKind::Holiday,
                dom: 1,
            })
            .collect();
        let mut point = vec![10.0; spd as usize];
        layer.apply(&future, &mut point);
        assert!(point.iter().all(|v| (v - 1.0).abs() < 1e-9), "{point:?}");
    }

    #[test]
    fn median_of_even_count() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0, 4.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
