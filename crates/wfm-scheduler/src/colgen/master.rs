//! The master problem over weekly tours, on `highs::Model` directly (good_lp cannot add columns):
//! one convexity row per agent (exactly one tour), shift-class link rows (tours choose shift
//! classes; class counts feed coverage), implicit break counts per class and slot, integer queue
//! flows per skill group, and under-, over- and minimum-staffing slacks per queue interval.
//!
//! With tour weights `lambda` binary and break counts and flows integer this is the exact model
//! of `milp::build` written over tours instead of shifts; its LP relaxation over ALL tours is
//! at least as strong as the LP relaxation of that model.

use std::collections::BTreeMap;

use highs::{Col, HighsModelStatus, Model, Row, RowProblem, Sense};

use crate::assign::{Assignment, IDLE};
use crate::candidates::Candidates;
use crate::milp::{ClassKey, class_key};
use crate::plan::Plan;
use crate::prepare::Prepared;

/// No class (locked candidates are constants).
pub(crate) const NO_CLASS: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Count(usize),
    Break(usize, usize, usize),
    Flow(usize, usize, usize),
    Under(usize, usize),
    Over(usize, usize),
    Short(usize, usize),
}

#[derive(Debug, Clone)]
struct StaticCol {
    cost: f64,
    entries: Vec<(usize, f64)>,
    kind: Kind,
}

/// A generated tour: the agent, its candidate indices, its cost (paid cost and preferences).
#[derive(Debug, Clone)]
pub(crate) struct Tour {
    pub(crate) agent: usize,
    pub(crate) shifts: Vec<usize>,
    pub(crate) cost: f64,
}

/// Rows and the tour-independent columns of the master.
#[derive(Debug, Clone)]
pub(crate) struct Structure {
    pub(crate) class_of: Vec<u32>,
    pub(crate) keys: Vec<ClassKey>,
    row_bounds: Vec<(f64, f64)>,
    conv_row: Vec<usize>,
    link_row: Vec<usize>,
    statics: Vec<StaticCol>,
}

impl Structure {
    pub(crate) fn new(prep: &Prepared<'_>, cands: &Candidates) -> Self {
        let n = prep.cal.n;
        let ng = prep.groups.len();
        let nq = prep.problem.queues.len();
        let hpi = prep.hours_per_interval;
        let w = &prep.problem.weights;
        let mut index: BTreeMap<ClassKey, u32> = BTreeMap::new();
        let mut keys = Vec::new();
        let mut class_of = vec![NO_CLASS; cands.list.len()];
        for (ci, c) in cands.list.iter().enumerate() {
            if c.locked.is_some() {
                continue;
            }
            let key = class_key(prep, c);
            let next = keys.len() as u32;
            let id = *index.entry(key.clone()).or_insert(next);
            if id == next {
                keys.push(key);
            }
            class_of[ci] = id;
        }
        // Constant supply of locked shifts (with their given breaks).
        let mut constant = vec![vec![0.0f64; n]; ng];
        let locked = Plan::locked_only(prep, cands);
        for (a, shifts) in locked.shifts.iter().enumerate() {
            for s in shifts {
                for t in Plan::productive(prep, s) {
                    constant[prep.agents[a].group][t] += 1.0;
                }
            }
        }
        let mut active = vec![vec![false; n]; ng];
        for (g, row) in constant.iter().enumerate() {
            for t in 0..n {
                active[g][t] |= row[t] > 0.0;
            }
        }
        for key in &keys {
            active[key.0][key.1..key.1 + key.2]
                .iter_mut()
                .for_each(|x| *x = true);
        }

        let mut rows: Vec<(f64, f64)> = Vec::new();
        let mut add_row = |lo: f64, hi: f64| {
            rows.push((lo, hi));
            rows.len() - 1
        };
        let conv_row: Vec<usize> = (0..prep.agents.len()).map(|_| add_row(1.0, 1.0)).collect();
        let link_row: Vec<usize> = keys.iter().map(|_| add_row(0.0, 0.0)).collect();
        let brk_row: Vec<Vec<usize>> = keys
            .iter()
            .map(|k| {
                let slots = prep.rule_for(k.2).map_or(0, <[_]>::len);
                (0..slots).map(|_| add_row(0.0, 0.0)).collect()
            })
            .collect();
        let mut sup_row = vec![vec![usize::MAX; n]; ng];
        for g in 0..ng {
            for t in (0..n).filter(|&t| active[g][t]) {
                sup_row[g][t] = add_row(-constant[g][t], -constant[g][t]);
            }
        }
        let mut cov_row = vec![vec![usize::MAX; n]; nq];
        let mut min_row = vec![vec![usize::MAX; n]; nq];
        let mut chord_row: Vec<Vec<Option<(usize, f64)>>> = vec![vec![None; n]; nq];
        for (q, queue) in prep.problem.queues.iter().enumerate() {
            for t in 0..n {
                let served = prep
                    .groups
                    .iter()
                    .enumerate()
                    .any(|(g, qs)| active[g][t] && qs.contains(&q));
                let req = queue.required[t];
                if served || req > 0.0 {
                    cov_row[q][t] = add_row(req, req);
                }
                let min = queue.min_staffing.get(t).copied().unwrap_or(0.0);
                if served && min > 0.0 {
                    min_row[q][t] = add_row(min, f64::INFINITY);
                }
                // Coverage is a whole number of agents: with f = frac(req), either
                // under >= f or over >= 1 - f, so under / f + over / (1 - f) >= 1 is valid
                // for every schedule and cuts off the fractional coverage c = req.
                let f = req - req.floor();
                if served && f > 1e-9 && f < 1.0 - 1e-9 {
                    chord_row[q][t] = Some((add_row(1.0, f64::INFINITY), f));
                }
            }
        }

        let mut statics = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            let (g, s, len, inside) = (key.0, key.1, key.2, &key.3);
            let mut entries = vec![(link_row[k], -1.0)];
            entries.extend(brk_row[k].iter().map(|&r| (r, -1.0)));
            for t in (s..s + len).filter(|t| !inside.contains(&(t - s))) {
                entries.push((sup_row[g][t], 1.0));
            }
            statics.push(StaticCol {
                cost: 0.0,
                entries,
                kind: Kind::Count(k),
            });
            for (j, slot) in prep.rule_for(len).unwrap_or(&[]).iter().enumerate() {
                let clear = |o: usize| !inside.iter().any(|&f| (o..o + slot.len).contains(&f));
                for o in (slot.earliest..=slot.latest).filter(|&o| clear(o)) {
                    let mut entries = vec![(brk_row[k][j], 1.0)];
                    entries.extend((s + o..s + o + slot.len).map(|t| (sup_row[g][t], -1.0)));
                    statics.push(StaticCol {
                        cost: 0.0,
                        entries,
                        kind: Kind::Break(k, j, o),
                    });
                }
            }
        }
        for (g, qs) in prep.groups.iter().enumerate() {
            for t in (0..n).filter(|&t| active[g][t]) {
                for (r, &q) in qs.iter().enumerate() {
                    let mut entries = vec![(sup_row[g][t], -1.0), (cov_row[q][t], 1.0)];
                    if min_row[q][t] != usize::MAX {
                        entries.push((min_row[q][t], 1.0));
                    }
                    statics.push(StaticCol {
                        cost: w.queue_preference * r as f64 * hpi,
                        entries,
                        kind: Kind::Flow(g, q, t),
                    });
                }
            }
        }
        for (q, queue) in prep.problem.queues.iter().enumerate() {
            for t in (0..n).filter(|&t| cov_row[q][t] != usize::MAX) {
                if queue.required[t] > 0.0 {
                    statics.push(StaticCol {
                        cost: w.understaffing * queue.priority * hpi,
                        entries: std::iter::once((cov_row[q][t], 1.0))
                            .chain(chord_row[q][t].map(|(r, f)| (r, 1.0 / f)))
                            .collect(),
                        kind: Kind::Under(q, t),
                    });
                }
                statics.push(StaticCol {
                    cost: w.overstaffing * hpi,
                    entries: std::iter::once((cov_row[q][t], -1.0))
                        .chain(chord_row[q][t].map(|(r, f)| (r, 1.0 / (1.0 - f))))
                        .collect(),
                    kind: Kind::Over(q, t),
                });
                if min_row[q][t] != usize::MAX {
                    statics.push(StaticCol {
                        cost: w.min_staffing * hpi,
                        entries: vec![(min_row[q][t], 1.0)],
                        kind: Kind::Short(q, t),
                    });
                }
            }
        }
        Self {
            class_of,
            keys,
            row_bounds: rows,
            conv_row,
            link_row,
            statics,
        }
    }

    pub(crate) fn rows(&self) -> usize {
        self.row_bounds.len()
    }

    fn tour_entries(&self, tour: &Tour) -> Vec<(usize, f64)> {
        let mut e = vec![(self.conv_row[tour.agent], 1.0)];
        for &ci in &tour.shifts {
            let k = self.class_of[ci];
            if k != NO_CLASS {
                e.push((self.link_row[k as usize], 1.0));
            }
        }
        e
    }

    /// A model with every row, the static columns and `tours`: the LP relaxation, or with
    /// `integer` the tour choice as binaries (class counts are then integral too; break counts
    /// and flows stay continuous: the schedule is re-scored exactly afterwards, so this MIP is a
    /// fast heuristic, never the source of a bound).
    pub(crate) fn model(&self, tours: &[Tour], integer: bool) -> Option<Master> {
        let mut model = RowProblem::default().try_optimise(Sense::Minimise).ok()?;
        model.make_quiet();
        let mut rows = Vec::with_capacity(self.row_bounds.len());
        for &(lo, hi) in &self.row_bounds {
            rows.push(
                model
                    .try_add_row(lo..=hi, std::iter::empty::<(Col, f64)>())
                    .ok()?,
            );
        }
        let mut m = Master {
            model,
            rows,
            columns: 0,
        };
        for c in &self.statics {
            m.add(c.cost, None, &c.entries, false)?;
        }
        for t in tours {
            m.add_tour(self, t, integer)?;
        }
        Some(m)
    }

    /// Start values (in column order) of the schedule `plan` with queue assignment `asg`,
    /// where `chosen[a]` is the index in `tours` of agent `a`'s tour.
    pub(crate) fn start(
        &self,
        prep: &Prepared<'_>,
        cands: &Candidates,
        plan: &Plan,
        asg: &Assignment,
        tours: &[Tour],
        chosen: &[usize],
    ) -> Vec<f64> {
        let mut count = vec![0.0; self.keys.len()];
        let mut brk: BTreeMap<(usize, usize, usize), f64> = BTreeMap::new();
        for shifts in &plan.shifts {
            for s in shifts {
                let Some(ci) = find(cands, &s.cand) else {
                    continue;
                };
                let k = self.class_of[ci];
                if k == NO_CLASS {
                    continue;
                }
                count[k as usize] += 1.0;
                for (j, b) in s.breaks.iter().enumerate() {
                    *brk.entry((k as usize, j, b.start - s.cand.start))
                        .or_default() += 1.0;
                }
            }
        }
        let mut flow: BTreeMap<(usize, usize, usize), f64> = BTreeMap::new();
        for (a, row) in asg.agent_queue.iter().enumerate() {
            for (t, &q) in row.iter().enumerate() {
                if q != IDLE {
                    *flow
                        .entry((prep.agents[a].group, q as usize, t))
                        .or_default() += 1.0;
                }
            }
        }
        let cov = |q: usize, t: usize| f64::from(asg.coverage[q][t]);
        let queues = &prep.problem.queues;
        let mut values: Vec<f64> = self
            .statics
            .iter()
            .map(|c| match c.kind {
                Kind::Count(k) => count[k],
                Kind::Break(k, j, o) => brk.get(&(k, j, o)).copied().unwrap_or(0.0),
                Kind::Flow(g, q, t) => flow.get(&(g, q, t)).copied().unwrap_or(0.0),
                Kind::Under(q, t) => (queues[q].required[t] - cov(q, t)).max(0.0),
                Kind::Over(q, t) => (cov(q, t) - queues[q].required[t]).max(0.0),
                Kind::Short(q, t) => {
                    (queues[q].min_staffing.get(t).copied().unwrap_or(0.0) - cov(q, t)).max(0.0)
                }
            })
            .collect();
        let mut lambda = vec![0.0; tours.len()];
        for &j in chosen {
            if let Some(x) = lambda.get_mut(j) {
                *x = 1.0;
            }
        }
        values.extend(lambda);
        values
    }

    /// Per class, per break slot: (offset, count) from a solution's values.
    pub(crate) fn break_counts(
        &self,
        values: &[f64],
    ) -> BTreeMap<ClassKey, crate::milp::SlotCounts> {
        let mut out: BTreeMap<ClassKey, crate::milp::SlotCounts> = BTreeMap::new();
        for (c, v) in self.statics.iter().zip(values) {
            if let Kind::Break(k, j, o) = c.kind {
                let slots = out.entry(self.keys[k].clone()).or_default();
                if slots.len() <= j {
                    slots.resize(j + 1, Vec::new());
                }
                slots[j].push((o, *v));
            }
        }
        out
    }

    /// Column index of the first tour.
    pub(crate) fn first_tour_column(&self) -> usize {
        self.statics.len()
    }

    pub(crate) fn conv_row(&self, a: usize) -> usize {
        self.conv_row[a]
    }

    pub(crate) fn link_row(&self, k: u32) -> Option<usize> {
        (k != NO_CLASS).then(|| self.link_row[k as usize])
    }
}

/// Candidate index of `c` (candidates of an agent are sorted by start and length).
pub(crate) fn find(cands: &Candidates, c: &crate::candidates::Candidate) -> Option<usize> {
    let range = cands.by_agent.get(c.agent)?.clone();
    let slice = &cands.list[range.clone()];
    let pos = slice.partition_point(|x| (x.start, x.len) < (c.start, c.len));
    slice
        .get(pos..)?
        .iter()
        .position(|x| x == c)
        .map(|i| range.start + pos + i)
}

/// A master model and its row handles.
pub(crate) struct Master {
    model: Model,
    rows: Vec<Row>,
    columns: usize,
}

/// A solved LP: objective, row duals and column values.
pub(crate) struct LpSolution {
    pub(crate) objective: f64,
    pub(crate) duals: Vec<f64>,
    pub(crate) values: Vec<f64>,
}

/// A solved MIP: column values.
pub(crate) struct MipSolution {
    pub(crate) values: Vec<f64>,
}

impl Master {
    fn add(
        &mut self,
        cost: f64,
        upper: Option<f64>,
        entries: &[(usize, f64)],
        integer: bool,
    ) -> Option<()> {
        let factors: Vec<(Row, f64)> = entries
            .iter()
            .filter_map(|&(r, v)| self.rows.get(r).map(|&row| (row, v)))
            .collect();
        let res = match upper {
            Some(u) => self
                .model
                .try_add_column_with_integrality(cost, 0.0..=u, factors, integer),
            None => self
                .model
                .try_add_column_with_integrality(cost, 0.0.., factors, integer),
        };
        res.ok()?;
        self.columns += 1;
        Some(())
    }

    pub(crate) fn add_tour(&mut self, s: &Structure, tour: &Tour, integer: bool) -> Option<()> {
        self.add(tour.cost, Some(1.0), &s.tour_entries(tour), integer)
    }

    pub(crate) fn columns(&self) -> usize {
        self.columns
    }

    fn options(&mut self, threads: u32, time_limit: f64) {
        let _ = self.model.try_set_option("threads", threads.max(1) as i32);
        let _ = self.model.try_set_option("random_seed", 0);
        let _ = self
            .model
            .try_set_option("time_limit", time_limit.max(0.01));
    }

    /// Solves the LP (warm from the previous basis); `None` unless optimal.
    pub(crate) fn solve_lp(&mut self, threads: u32, time_limit: f64) -> Option<LpSolution> {
        self.options(threads, time_limit);
        // Interior point (with crossover, for basic duals): on this degenerate master it was
        // 3-5x faster per round than dual simplex, and warm primal simplex did not help
        // (measured at 200 x 7).
        let _ = self.model.try_set_option("solver", "ipm");
        let model = std::mem::replace(
            &mut self.model,
            RowProblem::default().try_optimise(Sense::Minimise).ok()?,
        );
        let solved = model.try_solve().ok()?;
        let status = solved.status();
        let out = (status == HighsModelStatus::Optimal).then(|| {
            let sol = solved.get_solution();
            LpSolution {
                objective: solved.objective_value(),
                duals: sol.dual_rows().to_vec(),
                values: sol.columns().to_vec(),
            }
        });
        self.model = Model::from(solved);
        out
    }

    /// Solves the MIP from `start` with relative gap `gap`; the best solution found, if any.
    pub(crate) fn solve_mip(
        mut self,
        threads: u32,
        time_limit: f64,
        gap: f64,
        start: Option<&[f64]>,
    ) -> Option<MipSolution> {
        self.options(threads, time_limit);
        let _ = self.model.try_set_option("mip_rel_gap", gap);
        if let Some(s) = start {
            let _ = self.model.try_set_solution(Some(s), None, None, None);
        }
        let solved = self.model.try_solve().ok()?;
        if solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
            return None;
        }
        let values = solved.get_solution().columns().to_vec();
        (values.len() == self.columns).then_some(MipSolution { values })
    }
}
