//! Deferred work (email, back office): staffing so every item meets its response deadline.

use crate::error::{Error, Result, non_negative, positive};

/// Deferred work handled first in, first out as a fluid: items arrive spread evenly over each
/// interval, agents work only in open intervals, and every item must be finished within the
/// deadline of its arrival.
///
/// With `W(t)` the work arrived and `P(t)` the work done, feasibility is `W(t - D) <= P(t) <= W(t)`.
/// [`DeferredWork::plan`] returns the taut string between these bounds (on the open-hours time axis):
/// the staffing curve with the lowest peak that is also as even as the deadline allows (it minimises
/// every convex function of the staffing level), ending with exactly the work whose deadline falls
/// after the horizon left as backlog. The deadline is rounded down to whole intervals (stricter,
/// never late).
///
/// # Example
///
/// ```
/// use wfm_erlang::DeferredWork;
/// // 30-minute intervals, 10 minutes per email, answer within 4 hours; 12 intervals, all open.
/// let work = DeferredWork::new(30.0, 600.0, 4.0 * 3600.0)?;
/// let mut arrivals = [0.0; 12];
/// arrivals[0] = 30.0;
/// let plan = work.plan(&arrivals, &[true; 12])?;
/// // 30 emails = 5 agent-hours, arriving over the first half hour, the last due 4 hours later:
/// // spread evenly over 4.5 hours.
/// assert!(plan.agents[..9].iter().all(|&a| (a - 5.0 / 4.5).abs() < 1e-9));
/// assert!(plan.agents[9..].iter().all(|&a| a.abs() < 1e-9));
/// assert!(plan.backlog[8].abs() < 1e-9);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeferredWork {
    interval: f64,
    aht: f64,
    deadline_intervals: usize,
}

/// A deferred-work staffing plan, one entry per interval.
///
/// # Example
///
/// ```
/// use wfm_erlang::DeferredWork;
/// let plan = DeferredWork::new(60.0, 360.0, 7200.0)?.plan(&[10.0, 10.0], &[true, true])?;
/// assert_eq!(plan.agents.len(), 2);
/// assert_eq!(plan.backlog.len(), 2);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeferredPlan {
    /// Agents working in each interval (fractional: the fluid requirement; 0 when closed).
    pub agents: Vec<f64>,
    /// Items arrived but not finished at the end of each interval.
    pub backlog: Vec<f64>,
}

impl DeferredWork {
    /// Intervals of `interval_minutes`, `aht_seconds` per item, deadline `deadline_seconds` from
    /// arrival (at least one interval).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the bad input; `deadline_seconds` must be at least one interval
    /// (shorter deadlines are queueing problems: use [`crate::ErlangC`]).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_erlang::DeferredWork::new(30.0, 600.0, 600.0).is_err());
    /// ```
    pub fn new(interval_minutes: f64, aht_seconds: f64, deadline_seconds: f64) -> Result<Self> {
        let interval = positive("interval_minutes", interval_minutes)? * 60.0;
        let aht = positive("aht_seconds", aht_seconds)?;
        let deadline = positive("deadline_seconds", deadline_seconds)?;
        let d = (deadline / interval).floor();
        if d < 1.0 {
            return Err(Error::InvalidInput {
                field: "deadline_seconds",
                expected: "at least one interval",
                value: deadline,
            });
        }
        Ok(Self {
            interval,
            aht,
            deadline_intervals: d.min(1e9) as usize,
        })
    }

    /// The minimal, most even staffing for `arrivals[i]` items arriving in interval `i`, with
    /// `open[i]` telling whether agents may work in it.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if `open` and `arrivals` differ in length; [`Error::InvalidInput`]
    /// for a negative or non-finite arrival count; [`Error::DeadlineInfeasible`] naming the first
    /// interval whose items' deadline passes while closed.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_erlang::{DeferredWork, Error};
    /// let work = DeferredWork::new(60.0, 360.0, 3600.0)?;
    /// // Items arriving in a closed hour with a one-hour deadline cannot be answered in time.
    /// let err = work.plan(&[0.0, 5.0, 0.0], &[true, false, false]).unwrap_err();
    /// assert!(matches!(err, Error::DeadlineInfeasible { interval: 1 }));
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn plan(&self, arrivals: &[f64], open: &[bool]) -> Result<DeferredPlan> {
        if open.len() != arrivals.len() {
            return Err(Error::LengthMismatch {
                field: "open",
                got: open.len(),
                expected: arrivals.len(),
            });
        }
        let n = arrivals.len();
        // Work arrived by each boundary, in agent-seconds.
        let mut arrived = Vec::with_capacity(n + 1);
        arrived.push(0.0);
        for &v in arrivals {
            let v = non_negative("arrivals", v)?;
            let last = arrived[arrived.len() - 1];
            arrived.push(last + v * self.aht);
        }
        let d = self.deadline_intervals;
        let due = |k: usize| if k >= d { arrived[k - d] } else { 0.0 };
        // Points on the open-time axis; a closed stretch collapses into one point.
        let mut xs: Vec<f64> = vec![0.0];
        let mut lows: Vec<f64> = vec![0.0];
        let mut highs: Vec<f64> = vec![0.0];
        let mut point_of = vec![0usize; n + 1];
        let mut x = 0.0;
        for k in 1..=n {
            let last = xs.len() - 1;
            if open[k - 1] {
                x += self.interval;
                xs.push(x);
                lows.push(due(k));
                highs.push(arrived[k]);
            } else {
                lows[last] = lows[last].max(due(k));
                highs[last] = highs[last].min(arrived[k]);
            }
            let last = xs.len() - 1;
            if lows[last] > highs[last] * (1.0 + 1e-12) + 1e-9 {
                return Err(Error::DeadlineInfeasible {
                    interval: k.saturating_sub(d + 1),
                });
            }
            point_of[k] = last;
        }
        let last = xs.len() - 1;
        // End exactly at the work that is due within the horizon.
        highs[last] = lows[last];
        let done_at_points = taut_string(&xs, &lows, &highs);
        let done: Vec<f64> = point_of.iter().map(|&p| done_at_points[p]).collect();
        let agents = (0..n)
            .map(|i| {
                if open[i] {
                    ((done[i + 1] - done[i]) / self.interval).max(0.0)
                } else {
                    0.0
                }
            })
            .collect();
        let backlog = (0..n)
            .map(|i| ((arrived[i + 1] - done[i + 1]) / self.aht).max(0.0))
            .collect();
        Ok(DeferredPlan { agents, backlog })
    }
}

/// The shortest path from `(xs[0], lows[0])` to `(xs[last], lows[last])` staying within
/// `[lows[p], highs[p]]` at every `xs[p]` (strictly increasing), evaluated at every point.
fn taut_string(xs: &[f64], lows: &[f64], highs: &[f64]) -> Vec<f64> {
    let last = xs.len() - 1;
    let mut y = vec![0.0; xs.len()];
    y[0] = lows[0];
    let mut cur = 0;
    while cur < last {
        let (x0, y0) = (xs[cur], y[cur]);
        let (mut s_low, mut s_high) = (f64::NEG_INFINITY, f64::INFINITY);
        let (mut i_low, mut i_high) = (cur, cur);
        let mut next = (last, lows[last]);
        for p in cur + 1..=last {
            let dx = xs[p] - x0;
            let sl = (lows[p] - y0) / dx;
            let sh = (highs[p] - y0) / dx;
            if sl > s_high {
                next = (i_high, highs[i_high]);
                break;
            }
            if sh < s_low {
                next = (i_low, lows[i_low]);
                break;
            }
            if sl >= s_low {
                (s_low, i_low) = (sl, p);
            }
            if sh <= s_high {
                (s_high, i_high) = (sh, p);
            }
            if p == last {
                next = (last, lows[last].clamp(y0 + s_low * dx, y0 + s_high * dx));
            }
        }
        let (to, y_to) = next;
        let slope = (y_to - y0) / (xs[to] - x0);
        for p in cur + 1..to {
            y[p] = y0 + slope * (xs[p] - x0);
        }
        y[to] = y_to;
        cur = to;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Independent check: simulate FIFO with the plan's capacity and verify every item's deadline.
    fn check_deadlines(work: &DeferredWork, arrivals: &[f64], plan: &DeferredPlan) {
        let d = work.deadline_intervals;
        let mut done = 0.0;
        let mut arrived = 0.0;
        let mut arrived_by = vec![0.0];
        for i in 0..arrivals.len() {
            arrived += arrivals[i] * work.aht;
            arrived_by.push(arrived);
            done += plan.agents[i] * work.interval;
            assert!(
                done <= arrived + 1e-6,
                "interval {i}: worked ahead of arrivals"
            );
            if i + 1 >= d {
                assert!(
                    done + 1e-6 >= arrived_by[i + 1 - d],
                    "interval {i}: late items"
                );
            }
        }
    }

    #[test]
    fn peaks_are_levelled_within_the_deadline() -> Result<()> {
        let work = DeferredWork::new(60.0, 600.0, 3.0 * 3600.0)?;
        let arrivals = [0.0, 36.0, 0.0, 0.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0];
        let plan = work.plan(&arrivals, &[true; 10])?;
        check_deadlines(&work, &arrivals, &plan);
        // 36 items * 600 s = 6 agent-hours arriving over hour 1, the last due 3 h after it ends:
        // 4 hours to do them, 1.5 agents (a fixed 3-hour window would say 2).
        assert!((plan.agents[1] - 1.5).abs() < 1e-9, "{:?}", plan.agents);
        let peak = plan.agents.iter().copied().fold(0.0, f64::max);
        assert!(peak <= 1.5 + 1e-9);
        // Work due after the horizon is left as backlog, spread evenly: 3 intervals of 6 items.
        assert!((plan.backlog[9] - 18.0).abs() < 1e-9, "{:?}", plan.backlog);
        Ok(())
    }

    #[test]
    fn closed_hours_shift_work() -> Result<()> {
        let work = DeferredWork::new(60.0, 600.0, 12.0 * 3600.0)?;
        let mut arrivals = vec![6.0; 24];
        let open: Vec<bool> = (0..24).map(|h| (8..18).contains(&h)).collect();
        arrivals[20] = 12.0;
        let plan = work.plan(&arrivals, &open)?;
        check_deadlines(&work, &arrivals, &plan);
        for (h, &a) in plan.agents.iter().enumerate() {
            if !open[h] {
                assert!(a.abs() < 1e-12);
            }
        }
        Ok(())
    }
}
