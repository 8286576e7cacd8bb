//! Maximising the Lagrangian dual by a deterministic subgradient method.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::coverage::CoverageTerms;
use super::values::{AgentPrefix, GroupValues};
use crate::candidates::Candidates;
use crate::colgen::pricing::{AgentTours, cheapest_tour};
use crate::prepare::Prepared;

/// Polyak coefficient at the start; halved after `stall` iterations without a better bound.
const THETA0: f64 = 1.0;
/// The stall count is a twentieth of the run's iteration budget, at least [`STALL_MIN`] and at
/// most [`STALL_MAX`]: a short run must shrink its step within its budget, a long one should
/// not shrink it too early. Measured with the generated weeks (`measure_generated`, HiGHS, the
/// Lagrangian beside column generation, bounded by time): a stall count of 5 stopped on
/// [`THETA_MIN`] after 268 iterations at 1,000 x 7 (60 s) with 645,697; 10 reached 647,274,
/// 15 647,645, 20 648,147 (still rising when its time ended); at 200 x 7 (10 s) 5, 10, 15 and
/// 20 all land within 122,320-122,771 (run-to-run spread of the same size).
const STALL_MIN: usize = 5;
const STALL_MAX: usize = 20;
/// Below this coefficient the steps no longer move the bound measurably: stop.
const THETA_MIN: f64 = 1e-4;

/// The state of one maximisation: multipliers, best bound so far and step control. Runs can be
/// resumed ([`Lagrangian::run`] again) with a better target and more iterations.
#[derive(Debug, Clone)]
pub(crate) struct Lagrangian {
    terms: CoverageTerms,
    tours: Vec<AgentTours>,
    groups: GroupValues,
    lambda: Vec<f64>,
    /// Subgradient `n* - served` per cell (reused buffer).
    grad: Vec<f64>,
    best: Option<f64>,
    theta: f64,
    stall: usize,
    iterations: usize,
    /// Some agent has no rule-respecting tour: no bound (the problem is infeasible).
    infeasible: bool,
}

/// One agent's part of an evaluation: its least `cost - value` over all tours, and that tour.
type AgentPart = Option<(Vec<usize>, f64)>;

impl Lagrangian {
    pub(crate) fn new(prep: &Prepared<'_>, cands: &Candidates) -> Self {
        let terms = CoverageTerms::new(prep, cands);
        let mut lambda = vec![0.0; terms.len()];
        terms.initial(&mut lambda);
        let tours = (0..prep.agents.len())
            .map(|a| AgentTours::new(prep, cands, a))
            .collect();
        Self {
            grad: vec![0.0; terms.len()],
            terms,
            tours,
            groups: GroupValues::new(prep),
            lambda,
            best: None,
            theta: THETA0,
            stall: 0,
            iterations: 0,
            infeasible: false,
        }
    }

    /// The best (largest) dual value found: a valid lower bound on the objective of every
    /// schedule of the sub-problem.
    pub(crate) fn bound(&self) -> Option<f64> {
        self.best
    }

    /// Iterations run so far.
    pub(crate) fn iterations(&self) -> usize {
        self.iterations
    }

    /// Runs up to `iterations` more subgradient steps (stopping early at `deadline`, when the
    /// bound reaches `target`, when the subgradient vanishes, when the step is negligible, or,
    /// between iterations, once `stop` is set by the thread it runs beside; `usize::MAX` lets
    /// the deadline alone end it).
    /// `target` is the objective of a known schedule (Polyak step length `theta * (target -
    /// L) / |g|^2`).
    pub(crate) fn run(
        &mut self,
        prep: &Prepared<'_>,
        cands: &Candidates,
        target: f64,
        iterations: usize,
        deadline: Instant,
        stop: Option<&AtomicBool>,
    ) -> Option<f64> {
        let stall = (iterations / 20).clamp(STALL_MIN, STALL_MAX);
        let stopped = || stop.is_some_and(|s| s.load(Ordering::Relaxed));
        for _ in 0..iterations {
            if self.infeasible || self.theta < THETA_MIN || Instant::now() >= deadline || stopped()
            {
                break;
            }
            let Some(value) = self.evaluate(prep, cands) else {
                self.infeasible = true;
                self.best = None;
                break;
            };
            self.iterations += 1;
            if self.best.is_none_or(|b| value > b) {
                self.best = Some(value);
                self.stall = 0;
            } else {
                self.stall += 1;
                if self.stall >= stall {
                    self.theta /= 2.0;
                    self.stall = 0;
                }
            }
            let norm2: f64 = self.grad.iter().map(|g| g * g).sum();
            let gap = target - value;
            if norm2 == 0.0 || gap <= 1e-9 * target.abs().max(1.0) {
                // The relaxed solution is feasible (then `value` is optimal for the dual), or the
                // bound meets the known schedule: nothing left to gain.
                break;
            }
            let step = self.theta * gap / norm2;
            for (l, g) in self.lambda.iter_mut().zip(&self.grad) {
                *l += step * g;
            }
        }
        self.best
    }

    /// `L(lambda)` at the current multipliers, filling the subgradient; `None` when some agent
    /// has no rule-respecting tour.
    fn evaluate(&mut self, prep: &Prepared<'_>, cands: &Candidates) -> Option<f64> {
        let n = prep.cal.n;
        self.groups.update(prep, &self.lambda);
        let groups = &self.groups;
        let parts: Vec<AgentPart> = self
            .tours
            .par_iter()
            .map_init(
                || (AgentPrefix::default(), Vec::new(), Vec::new()),
                |(prefix, values, breaks), tours| {
                    let a = tours.agent;
                    prefix.fill(prep, a, groups.of(prep.agents[a].group));
                    let range = cands.by_agent[a].clone();
                    values.clear();
                    values.extend(
                        cands.list[range.clone()]
                            .iter()
                            .map(|c| prefix.shift_value(prep, c, breaks)),
                    );
                    cheapest_tour(prep, cands, tours, |ci| values[ci - range.start])
                },
            )
            .collect();
        let mut total = 0.0;
        for i in 0..self.terms.len() {
            let (v, count) = self.terms.best(i, self.lambda[i]);
            total += v;
            self.grad[i] = f64::from(count);
        }
        let mut prefix = AgentPrefix::default();
        let mut breaks = Vec::new();
        for (tours, part) in self.tours.iter().zip(parts) {
            let (shifts, cost) = part?;
            total += cost;
            let a = tours.agent;
            let group = prep.agents[a].group;
            prefix.fill(prep, a, self.groups.of(group));
            let fixed = &prep.agents[a].fixed;
            for &ci in &shifts {
                let c = &cands.list[ci];
                prefix.shift_value(prep, c, &mut breaks);
                for (t, &f) in fixed.iter().enumerate().take(c.end()).skip(c.start) {
                    let on_break = breaks.iter().any(|&(s, len)| (s..s + len).contains(&t));
                    if !f && !on_break {
                        self.grad[self.groups.queue(group, t) * n + t] -= 1.0;
                    }
                }
            }
        }
        Some(total)
    }
}
