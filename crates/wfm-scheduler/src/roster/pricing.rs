//! Exact pricing for the per-employee column generation: a resource-constrained shortest path
//! over the days of one employee's row.
//!
//! A node is the state at the start of a day: the last day's shift type (or off), the length of
//! the current run of worked days (up to the maximum) or days off (capped at the minimum), and
//! whether the current worked run started on day 0 (runs touching the horizon ends are exempt
//! from the minimum-length rules). Labels on a node carry the resources that are not part of the
//! node: total minutes, weekends worked and the counts of the shift types whose maximum can bind.
//!
//! **Exactness.** Every hard rule of [`super::Employee`] is enforced on the transitions (days off,
//! per-type maxima, forbidden successions, run rules) or on the resources (minutes, weekends,
//! per-type counts). Pruning only removes labels that provably cannot lead to a row cheaper than
//! the threshold: the completion bound ([`super::completion`]) is the exact minimum completion cost
//! of a relaxation (run rules, successions and the total-minutes window kept, weekends and per-type
//! counts dropped). Dominance (same node and minutes, no more cost, weekends or per-type counts)
//! keeps at least one cheapest row. A weekend or per-type count is compared only above its *floor*,
//! the maximum minus the days still ahead that could raise it: below the floor the rule cannot bind
//! any more, so two such counts are equivalent (on Curtois 14, 42 days, one exact round took 23 s
//! before; with the floors the whole column generation converges, at the optimum 1278, in 55 s). So
//! [`Pricer::price`] returns a cheapest row whenever one below the threshold exists, and
//! [`Pricer::enumerate`] returns every row below the threshold. A unit test checks both against
//! brute force over every row of small instances, judged by the independent evaluator, with
//! each completion bound (the minutes window and its fallback without minutes).

use std::collections::HashMap;
use std::time::Instant;

use super::RosterProblem;
use super::completion::{Completion, MAX_ENTRIES};
use super::rules::{allowed_cells, weekend_of_day};

/// Tolerance on reduced costs (costs are integers, duals floats).
const EPS: f64 = 1e-9;

/// One employee's rules in the form the dynamic program uses.
#[derive(Debug, Clone)]
pub(crate) struct Pricer {
    days: usize,
    n: usize,
    allowed: Vec<bool>,
    minutes: Vec<u32>,
    /// `forbid[t * n + s]`: `s` may not follow `t`.
    forbid: Vec<bool>,
    min_total: u32,
    max_total: u32,
    min_on: u32,
    max_on: u32,
    min_off: u32,
    max_weekends: u32,
    weekend: Vec<Option<usize>>,
    /// Slot of each shift type among the counted (possibly binding) types.
    slot: Vec<Option<usize>>,
    /// Maximum of each counted type.
    slot_max: Vec<u16>,
    /// Run lengths stored per node: `0..runs`.
    runs: u32,
    /// `count_floor[d * k + j]`: counted type `j`'s maximum minus its allowed days from day `d`
    /// on (saturating). Below the floor a count cannot bind any more, so dominance compares
    /// counts raised to it; likewise `weekend_floor[d]` for the weekends still ahead.
    count_floor: Vec<u16>,
    weekend_floor: Vec<u32>,
    /// Most entries of the completion bound's minutes table (see [`Completion`]).
    completion_entries: usize,
}

/// A label: a partial row ending on one node.
#[derive(Debug, Clone, Copy)]
struct Label {
    cost: f64,
    minutes: u32,
    weekends: u32,
    node: u32,
    /// Index of the predecessor label of the previous day (`u32::MAX` for the root).
    pred: u32,
    /// `0` = off, `s + 1` = shift `s`, on the label's last day.
    choice: u8,
}

/// Labels of one day, with the per-type counts in a strided arena.
#[derive(Debug, Default)]
struct Layer {
    labels: Vec<Label>,
    counts: Vec<u16>,
    alive: Vec<bool>,
}

/// How labels are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Dominance on cost, weekends and per-type counts: exact.
    Exact,
    /// Exact dominance, but at most [`HEURISTIC_LABELS`] labels (the cheapest) per node and
    /// minutes: bounded work, not exact.
    Heuristic,
    /// No dominance: every row below the threshold.
    Enumerate,
}

/// Per counted type and for weekends: the value below which a resource cannot bind from the
/// next day on (see `Pricer::count_floor`).
#[derive(Debug, Clone, Copy)]
struct Floor<'a> {
    counts: &'a [u16],
    weekends: u32,
}

/// The sizes and limits of one employee's pricing, for [`Completion`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape<'a> {
    pub(super) days: usize,
    pub(super) n: usize,
    pub(super) nodes: usize,
    pub(super) minutes: &'a [u32],
    pub(super) min_total: u32,
    pub(super) max_total: u32,
}

/// A row found by the pricing and its path cost (sum of the per-cell costs it works).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PricedRow {
    pub(crate) row: Vec<Option<usize>>,
    pub(crate) cost: f64,
}

/// The search stopped early: it exceeded its label budget or passed its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stopped;

/// Most labels the heuristic pricing keeps per node and minutes.
const HEURISTIC_LABELS: usize = 8;

/// Labels extended between two looks at the clock.
const CLOCK_EVERY: usize = 1024;

impl Pricer {
    /// The pricing problem of employee `e` of `problem` (a validated problem).
    pub(crate) fn new(problem: &RosterProblem, e: usize) -> Self {
        let emp = &problem.employees[e];
        let n = problem.shift_types.len();
        let allowed = allowed_cells(problem, e);
        let mut forbid = vec![false; n * n];
        for (t, ty) in problem.shift_types.iter().enumerate() {
            for &s in &ty.forbidden_next {
                forbid[t * n + s] = true;
            }
        }
        let mut slot = vec![None; n];
        let mut slot_max = Vec::new();
        for s in 0..n {
            let available = (0..problem.days).filter(|&d| allowed[d * n + s]).count();
            let max = emp.max_shifts[s] as usize;
            if max < available {
                slot[s] = Some(slot_max.len());
                slot_max.push(u16::try_from(max).unwrap_or(u16::MAX));
            }
        }
        let weekend = weekend_of_day(problem);
        let mut count_floor = vec![0_u16; (problem.days + 1) * slot_max.len()];
        let mut weekend_floor = vec![0_u32; problem.days + 1];
        for d in 0..=problem.days {
            for (s, j) in slot.iter().enumerate() {
                let Some(j) = *j else { continue };
                let ahead = (d..problem.days).filter(|&x| allowed[x * n + s]).count();
                let ahead = u16::try_from(ahead).unwrap_or(u16::MAX);
                count_floor[d * slot_max.len() + j] = slot_max[j].saturating_sub(ahead);
            }
            let mut ahead: Vec<usize> = weekend[d..].iter().flatten().copied().collect();
            ahead.dedup();
            let ahead = u32::try_from(ahead.len()).unwrap_or(u32::MAX);
            weekend_floor[d] = emp.max_weekends.saturating_sub(ahead);
        }
        let days32 = u32::try_from(problem.days).unwrap_or(u32::MAX);
        let max_on = emp.max_consecutive_shifts.min(days32).max(1);
        let min_on = emp.min_consecutive_shifts.min(days32);
        let min_off = emp.min_consecutive_days_off.min(days32).max(1);
        Self {
            days: problem.days,
            n,
            allowed,
            minutes: problem.shift_types.iter().map(|t| t.minutes).collect(),
            forbid,
            min_total: emp.min_total_minutes,
            max_total: emp.max_total_minutes,
            min_on,
            max_on,
            min_off,
            max_weekends: emp.max_weekends,
            weekend,
            slot,
            slot_max,
            runs: max_on.max(min_off) + 1,
            count_floor,
            weekend_floor,
            completion_entries: MAX_ENTRIES,
        }
    }

    /// The same pricing with at most `entries` in the completion bound's minutes table (`0`
    /// forces the bound without minutes), so tests cover both bounds.
    #[cfg(test)]
    fn with_completion_entries(mut self, entries: usize) -> Self {
        self.completion_entries = entries;
        self
    }

    /// Most entries of the completion bound's minutes table.
    pub(super) fn completion_entries(&self) -> usize {
        self.completion_entries
    }

    fn nodes(&self) -> usize {
        (self.n + 1) * self.runs as usize * 2
    }

    fn node(&self, last: usize, run: u32, from_start: bool) -> u32 {
        ((last as u32 * self.runs + run) << 1) | u32::from(from_start)
    }

    fn unpack(&self, node: u32) -> (usize, u32, bool) {
        let from_start = node & 1 == 1;
        let rest = node >> 1;
        ((rest / self.runs) as usize, rest % self.runs, from_start)
    }

    /// The node before day 0: off, with the rest rule met (the horizon start is exempt).
    fn root(&self) -> u32 {
        self.node(0, self.min_off, false)
    }

    /// The node after working `choice` (`0` off, `s + 1` shift `s`) on day `d` from `node`.
    fn step(&self, node: u32, d: usize, choice: usize) -> Option<u32> {
        let (last, run, from_start) = self.unpack(node);
        if choice == 0 {
            if last == 0 {
                return Some(self.node(0, (run + 1).min(self.min_off), false));
            }
            // Ending a worked run: long enough, or exempt because it started on day 0.
            return (run >= self.min_on || from_start).then(|| self.node(0, 1, false));
        }
        let s = choice - 1;
        if !self.allowed[d * self.n + s] {
            return None;
        }
        if last == 0 {
            return (run >= self.min_off).then(|| self.node(choice, 1, d == 0));
        }
        if self.forbid[(last - 1) * self.n + s] || run >= self.max_on {
            return None;
        }
        Some(self.node(choice, run + 1, from_start))
    }

    /// The sizes and limits the completion bound needs.
    pub(super) fn shape(&self) -> Shape<'_> {
        Shape {
            days: self.days,
            n: self.n,
            nodes: self.nodes(),
            minutes: &self.minutes,
            min_total: self.min_total,
            max_total: self.max_total,
        }
    }

    /// The node after working `choice` (`0` off, `s + 1` shift `s`) on day `d` from `node`,
    /// `None` when a rule forbids it.
    pub(super) fn transition(&self, node: u32, d: usize, choice: usize) -> Option<u32> {
        self.step(node, d, choice)
    }

    /// A cheapest row whose path cost (sum of `cell_cost[d * n + s]` over worked cells) is below
    /// `threshold`, with up to `extra` further distinct rows below it (cheapest first); empty
    /// when no row is below the threshold. Exact (see the module documentation); [`Stopped`]
    /// when `deadline` passes first (on long horizons the exact labels can number millions).
    pub(crate) fn price(
        &self,
        cell_cost: &[f64],
        threshold: f64,
        extra: usize,
        deadline: Instant,
    ) -> Result<Vec<PricedRow>, Stopped> {
        self.best_rows(cell_cost, threshold, extra, Mode::Exact, Some(deadline))
    }

    /// Like [`Pricer::price`] but keeps one label per node and minutes (weekends and per-type
    /// counts left out of the dominance): fast, every row it returns is feasible, but it may
    /// miss the cheapest row, so it proves nothing.
    pub(crate) fn price_heuristic(
        &self,
        cell_cost: &[f64],
        threshold: f64,
        extra: usize,
    ) -> Vec<PricedRow> {
        // At most one label per node and minutes: bounded work, no clock needed.
        self.best_rows(cell_cost, threshold, extra, Mode::Heuristic, None)
            .unwrap_or_default()
    }

    fn best_rows(
        &self,
        cell_cost: &[f64],
        threshold: f64,
        extra: usize,
        mode: Mode,
        deadline: Option<Instant>,
    ) -> Result<Vec<PricedRow>, Stopped> {
        let mut rows = self.search(cell_cost, threshold, mode, usize::MAX, deadline)?;
        rows.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        rows.truncate(1 + extra);
        Ok(rows)
    }

    /// Every row whose path cost is below `threshold`, or [`Stopped`] when more than
    /// `max_labels` partial rows are alive on one day or `deadline` passes.
    pub(crate) fn enumerate(
        &self,
        cell_cost: &[f64],
        threshold: f64,
        max_labels: usize,
        deadline: Instant,
    ) -> Result<Vec<PricedRow>, Stopped> {
        self.search(
            cell_cost,
            threshold,
            Mode::Enumerate,
            max_labels,
            Some(deadline),
        )
    }

    fn search(
        &self,
        cell_cost: &[f64],
        threshold: f64,
        mode: Mode,
        max_labels: usize,
        deadline: Option<Instant>,
    ) -> Result<Vec<PricedRow>, Stopped> {
        let completion = Completion::new(self, cell_cost);
        let k = self.slot_max.len();
        let root = self.root();
        if completion.bound(0, root, 0) >= threshold - EPS {
            return Ok(Vec::new());
        }
        let mut layers: Vec<Layer> = Vec::with_capacity(self.days + 1);
        layers.push(Layer {
            labels: vec![Label {
                cost: 0.0,
                minutes: 0,
                weekends: 0,
                node: root,
                pred: u32::MAX,
                choice: 0,
            }],
            counts: vec![0; k],
            alive: vec![true],
        });
        let mut buckets: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        let mut counts = vec![0_u16; k];
        for d in 0..self.days {
            let floor = Floor {
                counts: &self.count_floor[(d + 1) * k..(d + 2) * k],
                weekends: self.weekend_floor[d + 1],
            };
            let mut next = Layer::default();
            buckets.clear();
            let prev = &layers[d];
            for (i, label) in prev.labels.iter().enumerate() {
                if !prev.alive[i] {
                    continue;
                }
                if i % CLOCK_EVERY == 0 && deadline.is_some_and(|t| Instant::now() >= t) {
                    return Err(Stopped);
                }
                let (last, _, _) = self.unpack(label.node);
                for choice in 0..=self.n {
                    let Some(w) = self.step(label.node, d, choice) else {
                        continue;
                    };
                    counts.copy_from_slice(&prev.counts[i * k..(i + 1) * k]);
                    let mut l = Label {
                        cost: label.cost,
                        minutes: label.minutes,
                        weekends: label.weekends,
                        node: w,
                        pred: i as u32,
                        choice: choice as u8,
                    };
                    if choice > 0 {
                        let s = choice - 1;
                        l.cost += cell_cost[d * self.n + s];
                        l.minutes += self.minutes[s];
                        if l.minutes > self.max_total {
                            continue;
                        }
                        if let Some(j) = self.slot[s] {
                            counts[j] += 1;
                            if counts[j] > self.slot_max[j] {
                                continue;
                            }
                        }
                        if let Some(wk) = self.weekend[d] {
                            let counted = last > 0 && d > 0 && self.weekend[d - 1] == Some(wk);
                            if !counted {
                                l.weekends += 1;
                                if l.weekends > self.max_weekends {
                                    continue;
                                }
                            }
                        }
                    }
                    if l.cost + completion.bound(d + 1, w, l.minutes) >= threshold - EPS {
                        continue;
                    }
                    if mode != Mode::Enumerate
                        && !Self::insert_dominant(&mut next, &mut buckets, &l, &counts, floor, mode)
                    {
                        continue;
                    }
                    if mode == Mode::Enumerate {
                        next.labels.push(l);
                        next.counts.extend_from_slice(&counts);
                        next.alive.push(true);
                        if next.labels.len() > max_labels {
                            return Err(Stopped);
                        }
                    }
                }
            }
            layers.push(next);
        }
        let last = &layers[self.days];
        let mut rows = Vec::new();
        for (i, l) in last.labels.iter().enumerate() {
            if last.alive[i] && l.minutes >= self.min_total && l.cost < threshold - EPS {
                rows.push(PricedRow {
                    row: self.trace(&layers, i),
                    cost: l.cost,
                });
            }
        }
        Ok(rows)
    }

    /// Adds `l` to `layer` unless a label on the same node with the same minutes dominates it
    /// (no more cost, weekends or per-type counts, each raised to `floor`); removes the labels
    /// it dominates. In [`Mode::Heuristic`] a full bucket keeps its [`HEURISTIC_LABELS`]
    /// cheapest labels. Returns whether `l` was added. The bucket holds only live labels.
    fn insert_dominant(
        layer: &mut Layer,
        buckets: &mut HashMap<(u32, u32), Vec<u32>>,
        l: &Label,
        counts: &[u16],
        floor: Floor<'_>,
        mode: Mode,
    ) -> bool {
        let k = counts.len();
        let bucket = buckets.entry((l.node, l.minutes)).or_default();
        let le = |a: &[u16], b: &[u16]| {
            a.iter()
                .zip(b)
                .zip(floor.counts)
                .all(|((&x, &y), &f)| x.max(f) <= y.max(f))
        };
        let wle = |a: u32, b: u32| a.max(floor.weekends) <= b.max(floor.weekends);
        for &j in bucket.iter() {
            let j = j as usize;
            let o = &layer.labels[j];
            if o.cost <= l.cost + EPS
                && wle(o.weekends, l.weekends)
                && le(&layer.counts[j * k..(j + 1) * k], counts)
            {
                return false;
            }
        }
        bucket.retain(|&j| {
            let j = j as usize;
            let o = &layer.labels[j];
            let dominated = l.cost <= o.cost + EPS
                && wle(l.weekends, o.weekends)
                && le(counts, &layer.counts[j * k..(j + 1) * k]);
            if dominated {
                layer.alive[j] = false;
            }
            !dominated
        });
        if mode == Mode::Heuristic && bucket.len() >= HEURISTIC_LABELS {
            // Full: the new label replaces the dearest one, or is dropped.
            let dearest = bucket
                .iter()
                .enumerate()
                .max_by(|a, b| {
                    let cost = |j: &u32| layer.labels[*j as usize].cost;
                    cost(a.1).total_cmp(&cost(b.1))
                })
                .map(|(at, &j)| (at, j as usize));
            if let Some((at, j)) = dearest {
                if layer.labels[j].cost <= l.cost {
                    return false;
                }
                layer.alive[j] = false;
                bucket.swap_remove(at);
            }
        }
        bucket.push(layer.labels.len() as u32);
        layer.labels.push(*l);
        layer.counts.extend_from_slice(counts);
        layer.alive.push(true);
        true
    }

    fn trace(&self, layers: &[Layer], mut i: usize) -> Vec<Option<usize>> {
        let mut row = vec![None; self.days];
        for d in (1..=self.days).rev() {
            let l = &layers[d].labels[i];
            row[d - 1] = (l.choice > 0).then(|| l.choice as usize - 1);
            i = l.pred as usize;
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{Employee, Roster, RosterProblem, ShiftType, evaluate};

    /// Every row of employee 0 of a one-employee problem, with feasibility judged by the
    /// independent evaluator.
    fn feasible_rows(p: &RosterProblem) -> Vec<Vec<Option<usize>>> {
        let n = p.shift_types.len();
        let total = (n + 1).pow(p.days as u32);
        let mut out = Vec::new();
        for mut code in 0..total {
            let row: Vec<Option<usize>> = (0..p.days)
                .map(|_| {
                    let c = code % (n + 1);
                    code /= n + 1;
                    (c > 0).then(|| c - 1)
                })
                .collect();
            let ev = evaluate(p, &Roster::from_shifts(vec![row.clone()])).expect("shape");
            if ev.violations.is_empty() {
                out.push(row);
            }
        }
        out
    }

    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(3600)
    }

    #[test]
    fn a_passed_deadline_stops_the_exact_search() {
        let (p, cost) = tiny(3);
        let pricer = Pricer::new(&p, 0);
        let past = Instant::now();
        assert_eq!(pricer.price(&cost, 1e6, 0, past), Err(Stopped));
        assert_eq!(pricer.enumerate(&cost, 1e6, 1 << 20, past), Err(Stopped));
    }

    fn path_cost(row: &[Option<usize>], cost: &[f64], n: usize) -> f64 {
        row.iter()
            .enumerate()
            .filter_map(|(d, s)| s.map(|s| cost[d * n + s]))
            .sum()
    }

    fn tiny(seed: u64) -> (RosterProblem, Vec<f64>) {
        let days = 7 + (seed % 3) as usize;
        sample(seed, days)
    }

    /// A one-employee problem of `days` days with random rules and cell costs.
    fn sample(seed: u64, days: usize) -> (RosterProblem, Vec<f64>) {
        let mut rng = wfm_core::SplitMix64::new(seed);
        let mut p = RosterProblem::new(days);
        p.first_weekday = if seed % 2 == 0 {
            chrono::Weekday::Mon
        } else {
            chrono::Weekday::Thu
        };
        p.shift_types.push(ShiftType::new("E", 480));
        p.shift_types.push(ShiftType::new("L", 600));
        p.shift_types[1].forbidden_next = vec![0];
        let mut e = Employee::new("A", 2, days);
        let scale = (days / 7).max(1) as u32;
        e.max_shifts = vec![days as u32, scale * (1 + (rng.next_u64() % 3) as u32)];
        e.min_total_minutes = 480 * scale * (1 + (rng.next_u64() % 3) as u32);
        e.max_total_minutes =
            e.min_total_minutes + scale * (600 + 480 * (rng.next_u64() % 3) as u32);
        e.min_consecutive_shifts = 1 + (rng.next_u64() % 2) as u32;
        e.max_consecutive_shifts = 2 + (rng.next_u64() % 3) as u32;
        e.min_consecutive_days_off = 1 + (rng.next_u64() % 2) as u32;
        e.max_weekends = (rng.next_u64() % (scale as u64 + 2)) as u32;
        e.days_off = vec![(rng.next_u64() % days as u64) as usize];
        p.employees.push(e);
        let cost = (0..days * 2)
            .map(|_| (rng.next_u64() % 41) as f64 / 4.0 - 6.0)
            .collect();
        (p, cost)
    }

    /// On four-week horizons (too long for brute force) the exact pricing, whose dominance
    /// compares weekends and per-type counts above their floors, finds the same minimum as the
    /// enumeration, which keeps every label (and is itself checked by brute force below).
    #[test]
    fn exact_pricing_matches_the_enumeration_on_four_weeks() {
        let mut checked = 0;
        for seed in 0..120 {
            let (p, cost) = sample(seed, 28);
            let pricer = Pricer::new(&p, 0);
            let found = pricer.price(&cost, 1e6, 0, far()).expect("in time");
            let Some(best) = found.first() else { continue };
            // Every row within 1.0 of the minimum; no dominance, so none is missed.
            let Ok(listed) = pricer.enumerate(&cost, best.cost + 1.0, 1 << 20, far()) else {
                continue;
            };
            checked += 1;
            let least = listed.iter().map(|r| r.cost).fold(f64::INFINITY, f64::min);
            assert!(
                (least - best.cost).abs() < 1e-9,
                "seed {seed}: {least} vs {}",
                best.cost
            );
        }
        assert!(checked >= 60, "only {checked} seeds were checked");
    }

    #[test]
    fn pricing_matches_brute_force_on_tiny_instances() {
        let mut checked = 0;
        for seed in 0..60 {
            let (p, cost) = tiny(seed);
            let rows = feasible_rows(&p);
            // Both completion bounds: with the minutes window, and without it (the fallback
            // for tables too large).
            for pricer in [
                Pricer::new(&p, 0),
                Pricer::new(&p, 0).with_completion_entries(0),
            ] {
                checked += usize::from(matches_brute_force(seed, &pricer, &rows, &cost));
            }
        }
        assert!(checked >= 40, "only {checked} seeds had a feasible row");
    }

    /// Checks `pricer` against the brute-force `rows`; whether any row was feasible.
    fn matches_brute_force(
        seed: u64,
        pricer: &Pricer,
        rows: &[Vec<Option<usize>>],
        cost: &[f64],
    ) -> bool {
        let brute = rows
            .iter()
            .map(|r| path_cost(r, cost, 2))
            .fold(f64::INFINITY, f64::min);
        // Threshold above every row: the pricing must return the true minimum.
        let found = pricer.price(cost, 1e6, 0, far()).expect("in time");
        if rows.is_empty() {
            assert!(found.is_empty(), "seed {seed}: no feasible row exists");
            return false;
        }
        assert_eq!(found.len(), 1, "seed {seed}");
        assert!((found[0].cost - brute).abs() < 1e-9, "seed {seed}");
        assert!(rows.contains(&found[0].row), "seed {seed}: row is feasible");
        assert!((path_cost(&found[0].row, cost, 2) - brute).abs() < 1e-9);
        // Enumeration below a threshold returns exactly the rows below it.
        let threshold = brute + 3.0;
        let mut listed = pricer
            .enumerate(cost, threshold, 1 << 20, far())
            .expect("small");
        let mut want: Vec<_> = rows
            .iter()
            .filter(|r| path_cost(r, cost, 2) < threshold - EPS)
            .cloned()
            .collect();
        listed.sort_by(|a, b| a.row.cmp(&b.row));
        want.sort();
        let got: Vec<_> = listed.into_iter().map(|r| r.row).collect();
        assert_eq!(got, want, "seed {seed}");
        // The heuristic returns a feasible row no cheaper than the minimum.
        for r in pricer.price_heuristic(cost, 1e6, 2) {
            assert!(
                rows.contains(&r.row),
                "seed {seed}: heuristic row is feasible"
            );
            assert!(r.cost >= brute - 1e-9, "seed {seed}");
        }
        // A threshold at the minimum admits nothing.
        let none = pricer.price(cost, brute, 0, far()).expect("in time");
        assert!(none.is_empty(), "seed {seed}");
        true
    }
}
