//! Local-day aggregation and the closed-hours mask shared by the models.

use crate::DayKind;
use crate::timeline::Slot;

/// How many recent normal occurrences of an interval-of-week decide "closed".
const CLOSED_LOOKBACK: usize = 4;

/// One local day of a sample: its interval range and total.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Day {
    pub(crate) day: u32,
    pub(crate) dow: u8,
    pub(crate) kind: DayKind,
    /// Local day of month, 1..=31.
    pub(crate) dom: u8,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) total: f64,
    /// Whether the day runs from its first to its last slot inside the sample.
    pub(crate) complete: bool,
}

/// Groups consecutive slots by local day. `y` may be empty (totals are then 0).
pub(crate) fn group_days(slots: &[Slot], y: &[f64], slots_per_day: usize) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        let v = y.get(i).copied().unwrap_or(0.0);
        match days.last_mut() {
            Some(d) if d.day == s.day => {
                d.end = i + 1;
                d.total += v;
            }
            _ => days.push(Day {
                day: s.day,
                dow: s.dow,
                kind: s.kind,
                dom: s.dom,
                start: i,
                end: i + 1,
                total: v,
                complete: false,
            }),
        }
    }
    let last_slot = u16::try_from(slots_per_day.saturating_sub(1)).unwrap_or(u16::MAX);
    for d in &mut days {
        d.complete = slots[d.start].slot == 0 && slots[d.end - 1].slot == last_slot;
    }
    days
}

/// Intervals-of-week that were zero in every recent normal occurrence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClosedMask {
    closed: Vec<bool>,
    slots_per_day: usize,
}

impl ClosedMask {
    /// Learns the mask from the most recent normal days of the sample.
    pub(crate) fn learn(y: &[f64], slots: &[Slot], slots_per_day: usize) -> Self {
        let keys = 7 * slots_per_day;
        let mut seen = vec![0usize; keys];
        let mut nonzero = vec![false; keys];
        for (v, s) in y.iter().zip(slots).rev() {
            if s.kind != DayKind::Normal {
                continue;
            }
            let k = s.week_key(slots_per_day);
            if seen[k] < CLOSED_LOOKBACK {
                seen[k] += 1;
                nonzero[k] |= *v > 0.0;
            }
        }
        let closed = seen
            .iter()
            .zip(&nonzero)
            .map(|(&n, &nz)| n >= 2 && !nz)
            .collect();
        Self {
            closed,
            slots_per_day,
        }
    }

    /// Zeroes closed intervals of normal days (of every day when `all_days`) and every
    /// interval of closed days.
    pub(crate) fn apply(&self, future: &[Slot], values: &mut [f64], all_days: bool) {
        for (v, s) in values.iter_mut().zip(future) {
            let shut = match s.kind {
                DayKind::Closed => true,
                DayKind::Normal => self.closed[s.week_key(self.slots_per_day)],
                _ => all_days && self.closed[s.week_key(self.slots_per_day)],
            };
            if shut {
                *v = 0.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(n: usize, spd: usize) -> Vec<Slot> {
        (0..n)
            .map(|i| Slot {
                day: (i / spd) as u32,
                slot: (i % spd) as u16,
                dow: ((i / spd) % 7) as u8,
                kind: DayKind::Normal,
                dom: 1,
            })
            .collect()
    }

    #[test]
    fn groups_complete_days() {
        let s = slots(10, 4);
        let y = vec![1.0; 10];
        let days = group_days(&s, &y, 4);
        assert_eq!(days.len(), 3);
        assert!(days[0].complete && days[1].complete && !days[2].complete);
        assert!((days[0].total - 4.0).abs() < 1e-12);
    }

    #[test]
    fn mask_marks_always_zero_slots() {
        let spd = 2;
        let s = slots(7 * spd * 4, spd);
        let y: Vec<f64> = (0..s.len()).map(|i| (i % 2) as f64).collect();
        let mask = ClosedMask::learn(&y, &s, spd);
        let mut v = vec![5.0; 4];
        mask.apply(&s[..4], &mut v, false);
        assert_eq!(v, vec![0.0, 5.0, 0.0, 5.0]);
    }
}
