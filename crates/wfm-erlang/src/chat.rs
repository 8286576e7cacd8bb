//! Chat with concurrency: agents hold up to `k` chats, handle time depends on how many they hold.

use crate::error::{Error, Result, non_negative, positive};
use crate::ext::{BIG, Ext, SMALL, STEP_EXP};
use crate::metrics::Metrics;
use crate::targets::Targets;

/// Chats with concurrency (after Koole's chat staffing model), exactly as a birth-death chain on the
/// number of chats in the system.
///
/// An agent holding `c` chats needs `aht_by_concurrency[c-1]` seconds per chat, so finishes chats at
/// rate `c / AHT_c`. Chats are spread evenly over the `n` agents (with `j` chats, `j mod n` agents
/// hold one more than the others) and a chat waits only when all `n k` slots are busy; waiting
/// chats leave the queue at rate `D = n k / AHT_k`, so `P(W > t) = P(wait) e^{-(D - lambda) t}`.
///
/// `occupancy` is the mean share of the `n k` chat slots in use.
///
/// # Example
///
/// ```
/// use wfm_erlang::{ChatModel, Targets};
/// // 200 chats per 30 min; 300 s handling alone, 420 s each with two, 540 s each with three.
/// let chat = ChatModel::from_volume(200.0, 30.0, &[300.0, 420.0, 540.0])?;
/// let s = chat.min_agents(&Targets::new().service_level(0.8, 60.0))?;
/// assert!(s.service_level >= 0.8);
/// assert!(chat.metrics(s.agents - 1, 60.0).service_level < 0.8);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ChatModel {
    rate: f64,
    aht: Vec<f64>,
}

impl ChatModel {
    /// Chats arriving at `per_second`, handled in `aht_by_concurrency[c-1]` seconds each when an agent
    /// holds `c` chats (`k = aht_by_concurrency.len()` is the maximum concurrency, 1 to 64).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `arrivals_per_second`, `aht_by_concurrency` (non-empty, at most
    /// 64 entries, each finite and `> 0`) or `erlangs` (above 1e6).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_erlang::ChatModel::new(0.1, &[]).is_err());
    /// ```
    pub fn new(per_second: f64, aht_by_concurrency: &[f64]) -> Result<Self> {
        let rate = non_negative("arrivals_per_second", per_second)?;
        if aht_by_concurrency.is_empty() || aht_by_concurrency.len() > 64 {
            return Err(Error::InvalidInput {
                field: "aht_by_concurrency",
                expected: "1 to 64 entries",
                value: aht_by_concurrency.len() as f64,
            });
        }
        for &h in aht_by_concurrency {
            positive("aht_by_concurrency", h)?;
        }
        let load = rate * aht_by_concurrency[0];
        if load.is_nan() || load > crate::MAX_ERLANGS {
            return Err(Error::InvalidInput {
                field: "erlangs",
                expected: "at most 1e6",
                value: load,
            });
        }
        Ok(Self {
            rate,
            aht: aht_by_concurrency.to_vec(),
        })
    }

    /// `volume` chats over `interval_minutes`; see [`ChatModel::new`].
    ///
    /// # Errors
    ///
    /// As [`ChatModel::new`], and `volume` / `interval_minutes`.
    ///
    /// # Example
    ///
    /// ```
    /// let chat = wfm_erlang::ChatModel::from_volume(60.0, 60.0, &[300.0])?;
    /// // With one chat per agent the model is Erlang C.
    /// let c = wfm_erlang::ErlangC::new(wfm_erlang::Traffic::from_volume(60.0, 60.0, 300.0)?);
    /// assert!((chat.metrics(8, 20.0).service_level - c.metrics(8, 20.0).service_level).abs() < 1e-12);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn from_volume(
        volume: f64,
        interval_minutes: f64,
        aht_by_concurrency: &[f64],
    ) -> Result<Self> {
        let volume = non_negative("volume", volume)?;
        let interval = positive("interval_minutes", interval_minutes)? * 60.0;
        Self::new(volume / interval, aht_by_concurrency)
    }

    /// The departure rate with `j` chats on `n` agents.
    fn departures(&self, n: u32, j: u64) -> f64 {
        let k = self.aht.len() as u64;
        let n64 = u64::from(n);
        if j >= n64 * k {
            return (n64 * k) as f64 / self.aht[self.aht.len() - 1];
        }
        let (q, r) = (j / n64, j % n64);
        let rate = |c: u64| {
            if c == 0 {
                0.0
            } else {
                c as f64 / self.aht[(c - 1) as usize]
            }
        };
        r as f64 * rate(q + 1) + (n64 - r) as f64 * rate(q)
    }

    /// Metrics with `agents` staffed, service level at `answer_within_seconds`.
    ///
    /// # Example
    ///
    /// ```
    /// let chat = wfm_erlang::ChatModel::from_volume(200.0, 30.0, &[300.0, 420.0])?;
    /// assert!(chat.metrics(20, 60.0).asa_seconds.is_infinite()); // 20 * 2 / 420 s < 200 / 1800 s
    /// let m = chat.metrics(30, 60.0);
    /// assert!(m.prob_wait < 1.0 && m.occupancy < 1.0 && m.service_level > 0.0);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn metrics(&self, agents: u32, answer_within_seconds: f64) -> Metrics {
        let t = if answer_within_seconds > 0.0 {
            answer_within_seconds
        } else {
            0.0
        };
        let unstable = Metrics::unstable(agents);
        if self.rate == 0.0 {
            return Metrics::idle(agents);
        }
        if agents == 0 {
            return unstable;
        }
        let slots = u64::from(agents) * self.aht.len() as u64;
        let top = self.departures(agents, slots);
        if top <= self.rate {
            return unstable;
        }
        // Relative to pi(slots) = 1: the states below, summed downwards, with the chats in service.
        let inv_rate = 1.0 / self.rate;
        let (mut term, mut mass, mut busy, mut e) = (1.0f64, 0.0f64, 0.0f64, 0i64);
        let mut j = slots;
        while j > 0 {
            let ratio = self.departures(agents, j) * inv_rate;
            term *= ratio;
            j -= 1;
            mass += term;
            busy += term * j as f64;
            if mass > BIG {
                term *= SMALL;
                mass *= SMALL;
                busy *= SMALL;
                e += STEP_EXP;
            } else if ratio < 1.0 && term < mass * 1e-18 {
                break;
            }
        }
        let lower = Ext { m: mass, e };
        let busy_lower = Ext { m: busy, e };
        let rho = self.rate / top;
        let waiting = Ext::from_f64(1.0 / (1.0 - rho));
        let total = lower.add(waiting);
        let prob_wait = waiting.ratio(total).clamp(0.0, 1.0);
        let lower_share = lower.ratio(total);
        let decay = -(-(top - self.rate) * t).exp_m1();
        let slots_f = slots as f64;
        let occupancy = (busy_lower.ratio(total) / slots_f + prob_wait).clamp(0.0, 1.0);
        Metrics {
            agents,
            service_level: (lower_share + prob_wait * decay).clamp(0.0, 1.0),
            prob_wait,
            asa_seconds: prob_wait / (top - self.rate),
            occupancy,
            abandon_rate: 0.0,
        }
    }

    /// The fewest agents meeting every target (abandonment targets are always met).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a bad target; [`Error::Unreachable`] past `max_agents`.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{ChatModel, Targets};
    /// let chat = ChatModel::from_volume(0.0, 30.0, &[300.0, 400.0])?;
    /// assert_eq!(chat.min_agents(&Targets::new().service_level(0.9, 30.0))?.agents, 0);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn min_agents(&self, targets: &Targets) -> Result<Metrics> {
        targets.validate()?;
        let t = targets.answer_within();
        if self.rate == 0.0 {
            return Ok(self.metrics(0, t));
        }
        let max = targets.max_agents;
        let meets = |n: u32| {
            let m = self.metrics(n, t);
            m.meets(targets, m.service_level) && m.prob_wait < 1.0
        };
        // Stability needs n k / AHT_k > lambda.
        let k = self.aht.len() as f64;
        let floor = (self.rate * self.aht[self.aht.len() - 1] / k).floor();
        let mut lo = floor.min(f64::from(max)) as u32; // fails (or is 0)
        let mut hi = lo.saturating_add(1).min(max);
        let mut step = 1u32;
        while !meets(hi) {
            if hi >= max {
                return Err(Error::Unreachable {
                    max_agents: max,
                    load: self.rate * self.aht[0],
                });
            }
            lo = hi;
            step = step.saturating_mul(2);
            hi = hi.saturating_add(step).min(max);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if meets(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(self.metrics(hi, t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErlangC, Traffic};

    #[test]
    fn one_slot_is_erlang_c() -> Result<()> {
        let chat = ChatModel::from_volume(100.0, 30.0, &[180.0])?;
        let c = ErlangC::new(Traffic::from_volume(100.0, 30.0, 180.0)?);
        for n in 11..20 {
            let (x, y) = (chat.metrics(n, 20.0), c.metrics(n, 20.0));
            assert!((x.service_level - y.service_level).abs() < 1e-12);
            assert!((x.asa_seconds - y.asa_seconds).abs() < 1e-9);
            assert!((x.occupancy - y.occupancy).abs() < 1e-12);
        }
        Ok(())
    }

    /// Brute force: the stationary distribution of the same chain by direct balance on a truncated
    /// state space, independent of the summation order used above.
    #[test]
    fn matches_truncated_chain() -> Result<()> {
        let chat = ChatModel::new(0.05, &[200.0, 260.0, 330.0])?;
        let n = 4u32;
        let slots = 12u64;
        let states = 400usize;
        let mut p = vec![1.0f64; states];
        for j in 1..states {
            p[j] = p[j - 1] * 0.05 / chat.departures(n, j as u64);
        }
        let total: f64 = p.iter().sum();
        let wait: f64 = p[slots as usize..].iter().sum::<f64>() / total;
        let m = chat.metrics(n, 0.0);
        assert!(
            (m.prob_wait - wait).abs() < 1e-12,
            "{} vs {wait}",
            m.prob_wait
        );
        Ok(())
    }
}
