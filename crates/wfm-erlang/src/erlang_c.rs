//! Erlang C: the M/M/n queue with infinitely patient callers.

use crate::error::{Error, Result};
use crate::ext::Ext;
use crate::metrics::Metrics;
use crate::series::lower_mass;
use crate::targets::Targets;
use crate::traffic::Traffic;

/// Loads up to this many erlangs start the staffing search from zero agents.
const SMALL_LOAD: f64 = 64.0;

/// The Erlang C model (M/M/n, FIFO, no abandonment) for one interval's traffic.
///
/// With `n` agents and offered load `a` erlangs (`n > a`), `C = P(wait) = B / (1 - (a/n)(1 - B))` with
/// `B` the Erlang B blocking, `SL(t) = 1 - C e^{-(n-a) t / AHT}`, `ASA = C AHT / (n - a)` and
/// occupancy `a / n`. With `n <= a` the queue is unstable: `P(wait) = 1`, `SL = 0`, `ASA = inf`.
///
/// # Example
///
/// ```
/// use wfm_erlang::{ErlangC, Targets, Traffic};
/// // 100 calls per 30 min at 180 s AHT, 80% answered in 20 s: 14 agents (SL 0.888350).
/// let model = ErlangC::new(Traffic::from_volume(100.0, 30.0, 180.0)?);
/// let s = model.min_agents(&Targets::new().service_level(0.8, 20.0))?;
/// assert_eq!(s.agents, 14);
/// assert!((s.service_level - 0.888_350).abs() < 1e-6);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErlangC {
    traffic: Traffic,
}

impl ErlangC {
    /// The model for `traffic`.
    ///
    /// # Example
    ///
    /// ```
    /// let m = wfm_erlang::ErlangC::new(wfm_erlang::Traffic::from_erlangs(2.0, 60.0)?);
    /// assert!((m.metrics(3, 0.0).occupancy - 2.0 / 3.0).abs() < 1e-15);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn new(traffic: Traffic) -> Self {
        Self { traffic }
    }

    /// Metrics with `agents` staffed, service level measured at `answer_within_seconds`.
    ///
    /// A negative or NaN threshold is treated as 0.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{ErlangC, Traffic};
    /// let m = ErlangC::new(Traffic::from_volume(100.0, 30.0, 180.0)?).metrics(13, 20.0);
    /// assert!(m.service_level < 0.8 && m.prob_wait > 0.2);
    /// let unstable = ErlangC::new(Traffic::from_erlangs(10.0, 180.0)?).metrics(10, 20.0);
    /// assert!(unstable.asa_seconds.is_infinite() && unstable.service_level == 0.0);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn metrics(&self, agents: u32, answer_within_seconds: f64) -> Metrics {
        let a = self.traffic.erlangs();
        let t = if answer_within_seconds > 0.0 {
            answer_within_seconds
        } else {
            0.0
        };
        let n = f64::from(agents);
        if a == 0.0 {
            return Metrics::idle(agents);
        }
        if n <= a {
            return Metrics::unstable(agents);
        }
        self.metrics_with(agents, t, lower_mass(agents, a))
    }

    /// Metrics at a stable `agents > a > 0` given `lm = 1/B(agents, a) - 1`.
    fn metrics_with(&self, agents: u32, t: f64, lm: Ext) -> Metrics {
        let a = self.traffic.erlangs();
        let aht = self.traffic.aht_seconds();
        let n = f64::from(agents);
        let gap = n - a;
        // 1/C = 1 + Lm (n-a)/n, so 1 - C = Lm (n-a)/n / (1/C): no cancellation.
        let (c, not_c) = if lm.e == 0 && lm.m < 1e300 {
            // Plain floats suffice (the usual case near a staffing answer).
            let lm = lm.m * (gap / n);
            let inv_c = 1.0 + lm;
            (1.0 / inv_c, lm / inv_c)
        } else {
            let lm = lm.scale(gap / n);
            let inv_c = lm.add(Ext::from_f64(1.0));
            (Ext::from_f64(1.0).ratio(inv_c), lm.ratio(inv_c))
        };
        let decay = -(-gap * t / aht).exp_m1();
        let service_level = (not_c + c * decay).clamp(0.0, 1.0);
        Metrics {
            agents,
            service_level,
            prob_wait: c,
            asa_seconds: c * aht / gap,
            occupancy: a / n,
            abandon_rate: 0.0,
        }
    }

    /// The fewest agents meeting every target in `targets` (for Erlang C, an abandonment target is
    /// always met), with the metrics at that count (SL at the target's threshold, or 0 s).
    ///
    /// The search walks up from the stability bound `floor(a) + 1` with the stable recurrence
    /// `1/B_n = 1 + (n/a) / B_{n-1}`, starting from `1/B` summed directly at that bound: `O(sqrt(a))`
    /// work, about 1 us at 2,000 erlangs.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a bad target; [`Error::Unreachable`] if no count up to the
    /// targets' `max_agents` works.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{ErlangC, Targets, Traffic};
    /// let model = ErlangC::new(Traffic::from_volume(100.0, 30.0, 180.0)?);
    /// let s = model.min_agents(&Targets::new().service_level(0.8, 20.0))?;
    /// // Minimal: one fewer misses the target.
    /// assert!(model.metrics(s.agents - 1, 20.0).service_level < 0.8);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn min_agents(&self, targets: &Targets) -> Result<Metrics> {
        targets.validate()?;
        let t = targets.answer_within();
        match self.search(targets)? {
            (n, Some(lm)) if lm.is_finite() && lm < 1e300 => {
                Ok(self.metrics_with(n, t, Ext::from_f64(lm)))
            }
            (n, _) => Ok(self.metrics(n, t)),
        }
    }

    /// The answer and, when the load is positive, `1/B - 1` there.
    fn search(&self, targets: &Targets) -> Result<(u32, Option<f64>)> {
        let a = self.traffic.erlangs();
        let aht = self.traffic.aht_seconds();
        let max = targets.max_agents;
        if a == 0.0 {
            return Ok((0, None));
        }
        let unreachable = Error::Unreachable {
            max_agents: max,
            load: a,
        };
        let mut lower = a.floor() + 1.0;
        if let Some(o) = targets.max_occupancy {
            lower = lower.max((a / o).floor());
            // Bounded by `max`: far above it `lower + 1.0 == lower` in floating point.
            while a / lower > o && lower <= f64::from(max) {
                lower += 1.0;
            }
        }
        if lower > f64::from(max) {
            return Err(unreachable);
        }
        let mut n = lower as u32;
        // lm = 1/B(n, a) - 1, kept as a plain f64: near the answer it is modest, and if it ever
        // overflows to infinity every waiting metric is 0, which still compares correctly.
        let inv_a = 1.0 / a;
        let mut lm = if a <= SMALL_LOAD {
            (1..=n).fold(0.0, |l, k| f64::from(k) * inv_a * (1.0 + l))
        } else {
            lower_mass(n, a).to_f64()
        };
        let sl = targets.service_level;
        let step = sl.map_or(1.0, |(_, t)| (-t / aht).exp());
        let mut decay = sl.map_or(1.0, |(_, t)| (-(f64::from(n) - a) * t / aht).exp());
        loop {
            let nf = f64::from(n);
            let gap = nf - a;
            // 1/C = 1 + lm (n-a)/n.
            let inv_c = 1.0 + lm * gap / nf;
            let met_sl = sl.is_none_or(|(x, t)| {
                // SL >= x  <=>  C e^{-(n-a)t/AHT} <= 1 - x; re-check near-ties exactly.
                let (lhs, rhs) = (decay, (1.0 - x) * inv_c);
                if (lhs - rhs).abs() > 1e-9 * rhs {
                    lhs <= rhs
                } else {
                    self.metrics(n, t).service_level >= x
                }
            });
            let met = met_sl && targets.max_asa.is_none_or(|s| aht <= s * gap * inv_c);
            if met {
                return Ok((n, Some(lm)));
            }
            if n >= max {
                return Err(unreachable);
            }
            n += 1;
            lm = f64::from(n) * inv_a * (1.0 + lm);
            decay *= step;
        }
    }
}
