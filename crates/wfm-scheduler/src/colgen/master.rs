//! The master problem over weekly tours, on `highs::Model` directly (good_lp cannot add columns).
//!
//! A tour is an agent's whole week WITH its break placement: the column covers the productive
//! intervals of its shifts (on shift, off break, off fixed activities) in its skill group's supply
//! rows. So the master has only one convexity row per agent (exactly one tour), one supply row
//! per skill group and interval (`sum of tours' productive coverage = sum of queue flows`, locked
//! shifts as constants), coverage rows per queue and interval with under- and overstaffing
//! slacks, minimum-staffing rows, and chord rows `under/f + over/(1-f) >= 1` on fractional
//! requirements (coverage is a whole number of agents). No shift-class or break-count variables.
//!
//! With tour weights binary this is the exact model of `milp::build` written over tours: each
//! agent works one rule-respecting tour with concrete breaks. Break windows of a rule are ordered
//! and spaced (checked on input), so a shift's best break placement under interval duals is
//! chosen slot by slot ([`Structure::price_classes`]); pricing over tours with their best
//! placement is therefore exact over the whole space of tours times placements. The LP relaxation
//! over ALL such tours equals that of the implicit-break (Aykin) master of session 2: a
//! fractional break-count split is a convex combination of the same tour with different breaks.

use std::collections::{BTreeMap, HashMap};

use highs::{Col, HighsModelStatus, Model, Row, RowProblem, Sense};

use crate::assign::{Assignment, IDLE};
use crate::candidates::Candidates;
use crate::milp::class_key;
use crate::plan::{PlacedBreak, Plan, PlannedShift};
use crate::prepare::Prepared;

/// No class (locked candidates are constants).
pub(crate) const NO_CLASS: u32 = u32::MAX;

/// A tour-independent column of the master.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Flow(usize, usize, usize),
    Under(usize, usize),
    Over(usize, usize),
    Short(usize, usize),
}

#[derive(Debug, Clone)]
struct StaticCol {
    cost: f64,
    entries: Vec<(usize, f64)>,
    /// A bound on the column's value in some optimal schedule (for the Lagrangian bound).
    upper: f64,
    kind: Kind,
}

/// A shift class: skill group, start, length and the offsets of fixed activities inside it
/// (class members are interchangeable for coverage).
#[derive(Debug, Clone)]
struct Class {
    group: usize,
    start: usize,
    len: usize,
    /// Per break slot: kind, length, and the offsets that avoid fixed activities.
    slots: Vec<(crate::problem::BreakKind, usize, Vec<usize>)>,
    /// Whether interval `start + i` is a fixed activity.
    inside: Vec<bool>,
}

/// A class's value under interval duals: the duals of its productive intervals with the best
/// break placement, and that placement.
#[derive(Debug, Clone)]
pub(crate) struct ClassPrice {
    pub(crate) value: f64,
    pub(crate) breaks: Vec<PlacedBreak>,
}

/// A generated tour: the agent, its candidate indices, their breaks (empty for locked shifts,
/// which are constants), its cost (paid cost and preferences).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tour {
    pub(crate) agent: usize,
    pub(crate) shifts: Vec<usize>,
    pub(crate) breaks: Vec<Vec<PlacedBreak>>,
    pub(crate) cost: f64,
}

/// Rows and the tour-independent columns of the master.
#[derive(Debug, Clone)]
pub(crate) struct Structure {
    pub(crate) class_of: Vec<u32>,
    classes: Vec<Class>,
    row_bounds: Vec<(f64, f64)>,
    conv_row: Vec<usize>,
    /// Supply row per skill group and interval (`usize::MAX`: no class covers it).
    sup_row: Vec<Vec<usize>>,
    statics: Vec<StaticCol>,
}

impl Structure {
    pub(crate) fn new(prep: &Prepared<'_>, cands: &Candidates) -> Self {
        let n = prep.cal.n;
        let ng = prep.groups.len();
        let hpi = prep.hours_per_interval;
        let w = &prep.problem.weights;
        let mut index = BTreeMap::new();
        let mut classes = Vec::new();
        let mut class_of = vec![NO_CLASS; cands.list.len()];
        for (ci, c) in cands.list.iter().enumerate() {
            if c.locked.is_some() {
                continue;
            }
            let key = class_key(prep, c);
            let next = classes.len() as u32;
            let id = *index.entry(key).or_insert(next);
            if id == next {
                let fixed = &prep.agents[c.agent].fixed;
                let inside: Vec<bool> = (c.start..c.end()).map(|t| fixed[t]).collect();
                let clear = |o: usize, l: usize| (o..o + l).all(|i| !inside[i]);
                let slots = prep
                    .rule_for(c.len)
                    .unwrap_or(&[])
                    .iter()
                    .map(|s| {
                        let offsets = (s.earliest..=s.latest).filter(|&o| clear(o, s.len));
                        (s.kind, s.len, offsets.collect())
                    })
                    .collect();
                classes.push(Class {
                    group: prep.agents[c.agent].group,
                    start: c.start,
                    len: c.len,
                    slots,
                    inside,
                });
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
        let mut active: Vec<Vec<bool>> = constant
            .iter()
            .map(|row| row.iter().map(|&x| x > 0.0).collect())
            .collect();
        for c in &classes {
            active[c.group][c.start..c.start + c.len]
                .iter_mut()
                .for_each(|x| *x = true);
        }
        let mut group_size = vec![0.0f64; ng];
        for ad in &prep.agents {
            group_size[ad.group] += 1.0;
        }

        let mut rows: Vec<(f64, f64)> = Vec::new();
        let mut add_row = |lo: f64, hi: f64| {
            rows.push((lo, hi));
            rows.len() - 1
        };
        let conv_row: Vec<usize> = (0..prep.agents.len()).map(|_| add_row(1.0, 1.0)).collect();
        let mut sup_row = vec![vec![usize::MAX; n]; ng];
        for g in 0..ng {
            for t in (0..n).filter(|&t| active[g][t]) {
                sup_row[g][t] = add_row(-constant[g][t], -constant[g][t]);
            }
        }
        let nq = prep.problem.queues.len();
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

        let agents = prep.agents.len() as f64;
        let mut statics = Vec::new();
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
                        upper: group_size[g],
                        kind: Kind::Flow(g, q, t),
                    });
                }
            }
        }
        for (q, queue) in prep.problem.queues.iter().enumerate() {
            for t in (0..n).filter(|&t| cov_row[q][t] != usize::MAX) {
                let req = queue.required[t];
                if req > 0.0 {
                    statics.push(StaticCol {
                        cost: w.understaffing * queue.priority * hpi,
                        entries: std::iter::once((cov_row[q][t], 1.0))
                            .chain(chord_row[q][t].map(|(r, f)| (r, 1.0 / f)))
                            .collect(),
                        upper: req,
                        kind: Kind::Under(q, t),
                    });
                }
                statics.push(StaticCol {
                    cost: w.overstaffing * hpi,
                    entries: std::iter::once((cov_row[q][t], -1.0))
                        .chain(chord_row[q][t].map(|(r, f)| (r, 1.0 / (1.0 - f))))
                        .collect(),
                    upper: agents,
                    kind: Kind::Over(q, t),
                });
                if min_row[q][t] != usize::MAX {
                    statics.push(StaticCol {
                        cost: w.min_staffing * hpi,
                        entries: vec![(min_row[q][t], 1.0)],
                        upper: queue.min_staffing.get(t).copied().unwrap_or(0.0),
                        kind: Kind::Short(q, t),
                    });
                }
            }
        }
        Self {
            class_of,
            classes,
            row_bounds: rows,
            conv_row,
            sup_row,
            statics,
        }
    }

    pub(crate) fn rows(&self) -> usize {
        self.row_bounds.len()
    }

    /// The supply row of skill group `g` at interval `t`, if some shift class covers it.
    pub(crate) fn supply_row(&self, g: usize, t: usize) -> Option<usize> {
        self.sup_row
            .get(g)
            .and_then(|r| r.get(t))
            .copied()
            .filter(|&r| r != usize::MAX)
    }

    /// Per class, its best break placement under the row duals `duals` and the duals of its
    /// productive intervals with that placement. Exact: break windows are ordered and spaced,
    /// so each slot's placement is independent (the least dual sum over its clear offsets).
    pub(crate) fn price_classes(&self, duals: &[f64]) -> Vec<ClassPrice> {
        let dual = |g: usize, t: usize| self.supply_row(g, t).map_or(0.0, |r| duals[r]);
        self.classes
            .iter()
            .map(|c| {
                let mut value: f64 = (0..c.len)
                    .filter(|&i| !c.inside[i])
                    .map(|i| dual(c.group, c.start + i))
                    .sum();
                let mut breaks = Vec::with_capacity(c.slots.len());
                for (kind, len, offsets) in &c.slots {
                    let sum = |o: usize| (o..o + len).map(|i| dual(c.group, c.start + i)).sum();
                    let best = offsets
                        .iter()
                        .map(|&o| (o, sum(o)))
                        .min_by(|x: &(usize, f64), y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
                    if let Some((o, s)) = best {
                        value -= s;
                        breaks.push(PlacedBreak {
                            kind: *kind,
                            start: c.start + o,
                            len: *len,
                        });
                    }
                }
                ClassPrice { value, breaks }
            })
            .collect()
    }

    /// The tour of `agent` working `shifts`, each with its class's placement in `prices`.
    pub(crate) fn tour(
        &self,
        agent: usize,
        shifts: Vec<usize>,
        prices: &[ClassPrice],
        cost: f64,
    ) -> Tour {
        let breaks = shifts
            .iter()
            .map(|&ci| match self.class_of[ci] {
                NO_CLASS => Vec::new(),
                k => prices[k as usize].breaks.clone(),
            })
            .collect();
        Tour {
            agent,
            shifts,
            breaks,
            cost,
        }
    }

    /// Supply rows a shift of class `class` with `breaks` covers (its productive intervals).
    fn productive_rows<'a>(
        &'a self,
        class: u32,
        breaks: &'a [PlacedBreak],
    ) -> impl Iterator<Item = usize> + 'a {
        let c = &self.classes[class as usize];
        (0..c.len)
            .filter(move |&i| {
                let t = c.start + i;
                !c.inside[i]
                    && !breaks
                        .iter()
                        .any(|b| (b.start..b.start + b.len).contains(&t))
            })
            .map(move |i| self.sup_row[c.group][c.start + i])
    }

    /// Supply rows a tour covers (productive intervals of its non-locked shifts).
    fn supply_entries<'a>(&'a self, tour: &'a Tour) -> impl Iterator<Item = usize> + 'a {
        tour.shifts
            .iter()
            .zip(&tour.breaks)
            .filter(|(ci, _)| self.class_of[**ci] != NO_CLASS)
            .flat_map(move |(&ci, brk)| self.productive_rows(self.class_of[ci], brk))
    }

    /// Reduced cost of `tour` under row duals `duals` (convexity dual included).
    pub(crate) fn reduced_cost(&self, tour: &Tour, duals: &[f64]) -> f64 {
        tour.cost
            - duals[self.conv_row[tour.agent]]
            - self.supply_entries(tour).map(|r| duals[r]).sum::<f64>()
    }

    /// Projects row duals onto the sign each row's bounds allow (a `>=` row has a nonnegative
    /// dual), removing solver tolerance noise so that the Lagrangian bound is exact.
    pub(crate) fn project(&self, duals: &mut [f64]) {
        for (d, &(lo, hi)) in duals.iter_mut().zip(&self.row_bounds) {
            if hi == f64::INFINITY {
                *d = d.max(0.0);
            } else if lo == f64::NEG_INFINITY {
                *d = d.min(0.0);
            }
        }
    }

    /// The tour-independent part of the Lagrangian bound at projected duals `duals` (every row
    /// but the convexity rows dualised): `sum_r pi_r b_r + sum_j min(0, rc_j) u_j` over the
    /// static columns, where `u_j` bounds the column in some optimal schedule (flows by the group
    /// size, understaffing by the requirement, overstaffing by the number of agents, minimum
    /// shortfall by the minimum). Adding each agent's least `cost - pi A` over ALL its tours
    /// gives a valid lower bound of the full problem.
    pub(crate) fn lagrangian_constant(&self, duals: &[f64]) -> f64 {
        let mut is_conv = vec![false; self.row_bounds.len()];
        for &r in &self.conv_row {
            is_conv[r] = true;
        }
        let rows: f64 = self
            .row_bounds
            .iter()
            .zip(duals)
            .zip(&is_conv)
            .filter(|(_, c)| !**c)
            .map(|((&(lo, hi), &d), _)| if d >= 0.0 { d * lo } else { d * hi })
            .filter(|x| x.is_finite())
            .sum();
        let statics: f64 = self
            .statics
            .iter()
            .map(|c| {
                let rc = c.cost - c.entries.iter().map(|&(r, v)| duals[r] * v).sum::<f64>();
                rc.min(0.0) * c.upper
            })
            .sum();
        rows + statics
    }

    /// A model with every row, the static columns and `tours`: the LP relaxation, or with
    /// `integer` the tour choice as binaries (flows stay continuous: the schedule is re-scored
    /// exactly afterwards, so this MIP is a fast heuristic, never the source of a bound).
    pub(crate) fn model(
        &self,
        tours: &[Tour],
        patterns: &mut Patterns,
        integer: bool,
    ) -> Option<Master> {
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
            pattern_row: Vec::new(),
            cols: Vec::new(),
            spent: 0.0,
        };
        for (i, c) in self.statics.iter().enumerate() {
            let factors: Vec<(Row, f64)> = c.entries.iter().map(|&(r, v)| (m.rows[r], v)).collect();
            m.model
                .try_add_column_with_integrality(c.cost, 0.0.., factors, false)
                .ok()?;
            m.cols.push(ColRef::Static(i));
        }
        for (j, t) in tours.iter().enumerate() {
            m.add_tour(self, patterns, t, j, integer)?;
        }
        Some(m)
    }

    /// Start values (in the column order of `master`) of the schedule with queue assignment
    /// `asg`, where `chosen[a]` is the index in `tours` of agent `a`'s tour.
    pub(crate) fn start(
        &self,
        prep: &Prepared<'_>,
        asg: &Assignment,
        tours: &[Tour],
        chosen: &[usize],
        patterns: &Patterns,
        master: &Master,
    ) -> Vec<f64> {
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
        let mut lambda = vec![0.0; tours.len()];
        let mut uses = vec![0.0; patterns.list.len()];
        for &j in chosen {
            let Some(tour) = tours.get(j) else {
                continue;
            };
            lambda[j] = 1.0;
            for (&ci, brk) in tour.shifts.iter().zip(&tour.breaks) {
                if let Some(p) = patterns.find(self.class_of[ci], brk) {
                    uses[p] += 1.0;
                }
            }
        }
        let cov = |q: usize, t: usize| f64::from(asg.coverage[q][t]);
        let queues = &prep.problem.queues;
        master
            .cols
            .iter()
            .map(|c| match *c {
                ColRef::Tour(j) => lambda[j],
                ColRef::Pattern(p) => uses[p],
                ColRef::Static(i) => match self.statics[i].kind {
                    Kind::Flow(g, q, t) => flow.get(&(g, q, t)).copied().unwrap_or(0.0),
                    Kind::Under(q, t) => (queues[q].required[t] - cov(q, t)).max(0.0),
                    Kind::Over(q, t) => (cov(q, t) - queues[q].required[t]).max(0.0),
                    Kind::Short(q, t) => {
                        (queues[q].min_staffing.get(t).copied().unwrap_or(0.0) - cov(q, t)).max(0.0)
                    }
                },
            })
            .collect()
    }
}

/// Shift patterns (a class with a concrete break placement) that generated tours use. In the
/// master a tour column has one entry per pattern (a link row) and the pattern column carries
/// the interval coverage, so tour columns stay sparse (a week of productive intervals in every
/// tour column made each LP several times slower); the LP value is unchanged.
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    index: HashMap<(u32, Vec<usize>), usize>,
    list: Vec<(u32, Vec<PlacedBreak>)>,
}

impl Patterns {
    fn key(class: u32, breaks: &[PlacedBreak]) -> (u32, Vec<usize>) {
        (class, breaks.iter().map(|b| b.start).collect())
    }

    fn find(&self, class: u32, breaks: &[PlacedBreak]) -> Option<usize> {
        (class != NO_CLASS)
            .then(|| self.index.get(&Self::key(class, breaks)).copied())
            .flatten()
    }

    fn id(&mut self, class: u32, breaks: &[PlacedBreak]) -> usize {
        let next = self.list.len();
        let id = *self.index.entry(Self::key(class, breaks)).or_insert(next);
        if id == next {
            self.list.push((class, breaks.to_vec()));
        }
        id
    }
}

/// The schedule in which agent `a` works `tours[chosen[a]]` (locked shifts as given).
pub(crate) fn plan_of(
    prep: &Prepared<'_>,
    cands: &Candidates,
    structure: &Structure,
    tours: &[Tour],
    chosen: &[usize],
) -> Plan {
    let mut plan = Plan::locked_only(prep, cands);
    for &j in chosen {
        let Some(tour) = tours.get(j) else {
            continue;
        };
        for (&ci, brk) in tour.shifts.iter().zip(&tour.breaks) {
            if structure.class_of[ci] != NO_CLASS {
                plan.insert(PlannedShift {
                    cand: cands.list[ci],
                    breaks: brk.clone(),
                });
            }
        }
    }
    plan
}

/// What a master column is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ColRef {
    Static(usize),
    Pattern(usize),
    /// A tour, by its index in the pool.
    Tour(usize),
}

/// A master model and its row handles.
pub(crate) struct Master {
    model: Model,
    rows: Vec<Row>,
    /// Link row of each pattern present in this model.
    pattern_row: Vec<Option<Row>>,
    cols: Vec<ColRef>,
    /// Seconds spent in earlier solves of this model: HiGHS measures its time limit on a clock
    /// that runs across solves of one instance, so each limit is set on top of this.
    spent: f64,
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
    /// The link row of pattern `p`, adding the row and the pattern column on first use.
    fn pattern(&mut self, s: &Structure, patterns: &Patterns, p: usize) -> Option<Row> {
        if self.pattern_row.len() <= p {
            self.pattern_row.resize(p + 1, None);
        }
        if let Some(row) = self.pattern_row[p] {
            return Some(row);
        }
        let (class, breaks) = patterns.list.get(p)?;
        let row = self
            .model
            .try_add_row(0.0..=0.0, std::iter::empty::<(Col, f64)>())
            .ok()?;
        let mut factors = vec![(row, -1.0)];
        for r in s.productive_rows(*class, breaks) {
            factors.push((*self.rows.get(r)?, 1.0));
        }
        self.model
            .try_add_column_with_integrality(0.0, 0.0.., factors, false)
            .ok()?;
        self.cols.push(ColRef::Pattern(p));
        self.pattern_row[p] = Some(row);
        Some(row)
    }

    /// Adds `tour`, pool index `j`, with its patterns.
    pub(crate) fn add_tour(
        &mut self,
        s: &Structure,
        patterns: &mut Patterns,
        tour: &Tour,
        j: usize,
        integer: bool,
    ) -> Option<()> {
        let mut factors = vec![(*self.rows.get(s.conv_row[tour.agent])?, 1.0)];
        for (&ci, brk) in tour.shifts.iter().zip(&tour.breaks) {
            let class = s.class_of[ci];
            if class != NO_CLASS {
                let p = patterns.id(class, brk);
                factors.push((self.pattern(s, patterns, p)?, 1.0));
            }
        }
        self.model
            .try_add_column_with_integrality(tour.cost, 0.0..=1.0, factors, integer)
            .ok()?;
        self.cols.push(ColRef::Tour(j));
        Some(())
    }

    pub(crate) fn columns(&self) -> usize {
        self.cols.len()
    }

    /// What each column is, in column order.
    pub(crate) fn cols(&self) -> &[ColRef] {
        &self.cols
    }

    fn options(&mut self, threads: u32, time_limit: f64) {
        let _ = self.model.try_set_option("threads", threads.max(1) as i32);
        let _ = self.model.try_set_option("random_seed", 0);
        let _ = self
            .model
            .try_set_option("time_limit", self.spent + time_limit.max(0.01));
    }

    /// Solves the LP (warm from the previous basis); `None` unless optimal.
    pub(crate) fn solve_lp(&mut self, threads: u32, time_limit: f64) -> Option<LpSolution> {
        self.options(threads, time_limit);
        // Interior point without crossover: the tour columns make the simplex basis dense
        // (each round re-optimised from the previous basis took seconds at 200 x 7 and grew
        // with the pool), and central duals price better than extreme ones. The bound does not
        // need an optimal basis: it is the Lagrangian value at whatever duals come back.
        let _ = self.model.try_set_option("solver", "ipm");
        let _ = self.model.try_set_option("run_crossover", "off");
        let model = std::mem::replace(
            &mut self.model,
            RowProblem::default().try_optimise(Sense::Minimise).ok()?,
        );
        let t0 = std::time::Instant::now();
        let solved = model.try_solve();
        self.spent += t0.elapsed().as_secs_f64();
        let solved = solved.ok()?;
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
        (values.len() == self.cols.len()).then_some(MipSolution { values })
    }
}
