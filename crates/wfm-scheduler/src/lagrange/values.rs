//! What an agent's shift is worth under the multipliers: per productive interval the best of
//! the agent's queues (multiplier minus the queue-preference penalty of its rank), with every
//! break of the shift's rule placed where it loses the least.

use crate::candidates::Candidate;
use crate::prepare::Prepared;

/// Per skill group and interval: the value of one agent of the group serving there and the
/// queue that attains it. An agent on shift at a productive interval must serve exactly one
/// skilled queue (the validator's `Unassigned` rule), so its value is the maximum, not
/// `max(0, ...)`.
#[derive(Debug, Clone)]
pub(crate) struct GroupValues {
    n: usize,
    /// `[group * n + t]`
    value: Vec<f64>,
    /// `[group * n + t]` queue index attaining `value`.
    queue: Vec<u32>,
}

impl GroupValues {
    pub(crate) fn new(prep: &Prepared<'_>) -> Self {
        let size = prep.groups.len() * prep.cal.n;
        Self {
            n: prep.cal.n,
            value: vec![0.0; size],
            queue: vec![0; size],
        }
    }

    /// Recomputes the values from the multipliers `lambda[q * n + t]`.
    pub(crate) fn update(&mut self, prep: &Prepared<'_>, lambda: &[f64]) {
        let n = self.n;
        let rank_cost = prep.problem.weights.queue_preference * prep.hours_per_interval;
        for (g, qs) in prep.groups.iter().enumerate() {
            for t in 0..n {
                let mut best = (f64::NEG_INFINITY, 0u32);
                for (r, &q) in qs.iter().enumerate() {
                    let v = lambda[q * n + t] - rank_cost * r as f64;
                    if v > best.0 {
                        best = (v, q as u32);
                    }
                }
                self.value[g * n + t] = best.0;
                self.queue[g * n + t] = best.1;
            }
        }
    }

    /// Value of the group at every interval.
    pub(crate) fn of(&self, group: usize) -> &[f64] {
        &self.value[group * self.n..(group + 1) * self.n]
    }

    /// Queue the group serves at `t`.
    pub(crate) fn queue(&self, group: usize, t: usize) -> usize {
        self.queue[group * self.n + t] as usize
    }
}

/// Prefix sums of one agent's interval values (zero on fixed activities) and of its fixed
/// intervals; buffers are reused across agents and iterations.
#[derive(Debug, Clone, Default)]
pub(crate) struct AgentPrefix {
    value: Vec<f64>,
    fixed: Vec<u32>,
}

impl AgentPrefix {
    /// Fills the prefix sums for agent `a` under the group values `v`.
    pub(crate) fn fill(&mut self, prep: &Prepared<'_>, a: usize, v: &[f64]) {
        let fixed = &prep.agents[a].fixed;
        let n = v.len();
        self.value.resize(n + 1, 0.0);
        self.fixed.resize(n + 1, 0);
        for t in 0..n {
            let f = fixed[t];
            self.value[t + 1] = self.value[t] + if f { 0.0 } else { v[t] };
            self.fixed[t + 1] = self.fixed[t] + u32::from(f);
        }
    }

    fn sum(&self, from: usize, to: usize) -> f64 {
        self.value[to] - self.value[from]
    }

    fn has_fixed(&self, from: usize, to: usize) -> bool {
        self.fixed[to] != self.fixed[from]
    }

    /// The largest value of working candidate `c`: its productive intervals' values with each
    /// break at its least valuable position, and those break positions in `breaks` (start,
    /// length), which is cleared first.
    ///
    /// A non-locked shift takes one break per slot of its rule, anywhere in the slot's window
    /// but never on a fixed activity (as `breaks::place` and the validator require). Slot
    /// windows are ordered and spaced apart (checked on input), so breaks never overlap and each
    /// is chosen alone: the choice is exact. A locked shift keeps its given breaks.
    pub(crate) fn shift_value(
        &self,
        prep: &Prepared<'_>,
        c: &Candidate,
        breaks: &mut Vec<(usize, usize)>,
    ) -> f64 {
        breaks.clear();
        if let Some(k) = c.locked {
            let given = prep.agents[c.agent]
                .locked
                .get(k)
                .map_or(&[][..], |l| &l.breaks[..]);
            breaks.extend(given.iter().map(|&(_, s, len)| (s, len)));
            // Locked breaks are taken as given (they may touch each other or fixed time), so
            // sum the productive intervals one by one, as `Plan::productive` does.
            return (c.start..c.end())
                .filter(|&t| !breaks.iter().any(|&(s, len)| (s..s + len).contains(&t)))
                .map(|t| self.sum(t, t + 1))
                .sum();
        }
        let mut total = self.sum(c.start, c.end());
        for s in prep.rule_for(c.len).unwrap_or(&[]) {
            let mut best: Option<(f64, usize)> = None;
            for o in s.earliest..=s.latest {
                let b = c.start + o;
                if self.has_fixed(b, b + s.len) {
                    continue;
                }
                let lost = self.sum(b, b + s.len);
                if best.is_none_or(|(x, _)| lost < x) {
                    best = Some((lost, b));
                }
            }
            // Candidates exist only when every slot has a position (`breaks_placeable`).
            if let Some((lost, b)) = best {
                total -= lost;
                breaks.push((b, s.len));
            }
        }
        total
    }
}
