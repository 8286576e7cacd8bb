//! The coverage part of the Lagrangian: per (queue, interval) the exact penalty the score charges
//! for a head count `n`, and its minimum over every head count the agents could supply.

use crate::candidates::Candidates;
use crate::prepare::Prepared;

/// One (queue, interval) cell: requirement, minimum staffing, the per-unit weights (already
/// times the interval's hours) and how many agents could serve it at most.
#[derive(Debug, Clone, Copy)]
struct Cell {
    required: f64,
    minimum: f64,
    under: f64,
    over: f64,
    short: f64,
    cap: u32,
}

impl Cell {
    /// The penalty `assign::score` charges for `n` agents serving the cell (under-staffing times
    /// queue priority, over-staffing, minimum-staffing shortfall), term by term as it does.
    fn penalty(&self, n: u32) -> f64 {
        let c = f64::from(n);
        self.under * (self.required - c).max(0.0)
            + self.over * (c - self.required).max(0.0)
            + self.short * (self.minimum - c).max(0.0)
    }
}

/// Every (queue, interval) cell, indexed `q * n + t`.
#[derive(Debug, Clone)]
pub(crate) struct CoverageTerms {
    cells: Vec<Cell>,
}

impl CoverageTerms {
    /// Cells of the sub-problem; the cap of a cell counts the agents skilled for the queue who
    /// have a candidate shift covering the interval outside their fixed activities (no schedule
    /// can put more agents there, so the cap only removes impossible head counts).
    pub(crate) fn new(prep: &Prepared<'_>, cands: &Candidates) -> Self {
        let n = prep.cal.n;
        let w = &prep.problem.weights;
        let hpi = prep.hours_per_interval;
        let mut cap = vec![0u32; prep.problem.queues.len() * n];
        let mut covered = vec![false; n];
        for (a, ad) in prep.agents.iter().enumerate() {
            covered.iter_mut().for_each(|x| *x = false);
            let mut reach = 0;
            // Candidates are sorted by start: each interval is marked once.
            for c in &cands.list[cands.by_agent[a].clone()] {
                for x in &mut covered[c.start.max(reach)..c.end().max(reach)] {
                    *x = true;
                }
                reach = reach.max(c.end());
            }
            for &q in &ad.queues {
                let row = &mut cap[q * n..(q + 1) * n];
                for t in 0..n {
                    row[t] += u32::from(covered[t] && !ad.fixed[t]);
                }
            }
        }
        let mut cells = Vec::with_capacity(cap.len());
        for (q, queue) in prep.problem.queues.iter().enumerate() {
            for t in 0..n {
                cells.push(Cell {
                    required: queue.required[t],
                    minimum: queue.min_staffing.get(t).copied().unwrap_or(0.0),
                    under: w.understaffing * queue.priority * hpi,
                    over: w.overstaffing * hpi,
                    short: w.min_staffing * hpi,
                    cap: cap[q * n + t],
                });
            }
        }
        Self { cells }
    }

    /// Number of cells (`queues * intervals`).
    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    /// A starting multiplier per cell: the under-staffing weight (plus the minimum-staffing
    /// weight where a minimum applies) where the requirement is positive, zero elsewhere: the
    /// price at which an extra agent exactly pays for the shortfall it removes.
    pub(crate) fn initial(&self, lambda: &mut [f64]) {
        for (l, c) in lambda.iter_mut().zip(&self.cells) {
            *l = if c.required > 0.0 {
                c.under + if c.minimum > 0.0 { c.short } else { 0.0 }
            } else {
                0.0
            };
        }
    }

    /// `min over n in 0..=cap of penalty(n) + lambda * n` for cell `i`, and the least minimiser.
    ///
    /// Exact: the penalty is convex and piecewise linear with kinks at the requirement and the
    /// minimum, so over the integers the minimum is at 0, at the cap, or at an integer next to
    /// a kink; those (at most six) points are evaluated.
    pub(crate) fn best(&self, i: usize, lambda: f64) -> (f64, u32) {
        let c = &self.cells[i];
        let cap = f64::from(c.cap);
        let clamp = |x: f64| x.clamp(0.0, cap) as u32;
        let points = [
            0,
            c.cap,
            clamp(c.required.floor()),
            clamp(c.required.ceil()),
            clamp(c.minimum.floor()),
            clamp(c.minimum.ceil()),
        ];
        let mut best = (f64::INFINITY, 0);
        for n in points {
            let v = c.penalty(n) + lambda * f64::from(n);
            if v < best.0 || (v <= best.0 && n < best.1) {
                best = (v, n);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_matches_enumeration_of_every_head_count() {
        // Fractional requirement and minimum, all weights on, various prices: the six-point
        // evaluation must equal the brute-force minimum over 0..=cap.
        for (required, minimum, cap) in [(2.4, 1.5, 5), (0.0, 0.0, 3), (3.0, 4.2, 2), (7.7, 0.0, 9)]
        {
            let terms = CoverageTerms {
                cells: vec![Cell {
                    required,
                    minimum,
                    under: 10.0,
                    over: 1.0,
                    short: 5.0,
                    cap,
                }],
            };
            for lambda in [-3.0, -1.0, 0.0, 0.5, 1.0, 4.0, 10.0, 15.0, 16.0, 40.0] {
                let brute = (0..=cap)
                    .map(|n| terms.cells[0].penalty(n) + lambda * f64::from(n))
                    .fold(f64::INFINITY, f64::min);
                let (v, n) = terms.best(0, lambda);
                assert!(
                    (v - brute).abs() < 1e-12,
                    "{required} {lambda}: {v} vs {brute}"
                );
                assert!(n <= cap);
            }
        }
    }
}
