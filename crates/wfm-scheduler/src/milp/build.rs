//! The sparse MILP: one binary per candidate shift, break positions as integer counts per shift
//! class (Aykin-style implicit breaks on the aggregate), continuous queue flows per skill group.
//!
//! The model is exact: every schedule maps to a model solution with the same objective, and an
//! optimal model solution maps back to a schedule with the same objective (members of a class
//! are interchangeable; coverage penalties are written with chords between the integers around
//! fractional requirements, so they are convex with integer breakpoints and, for integral
//! supply, some optimal queue flow is integral, as in min-cost flow). A proven optimum of the
//! model is therefore a proven optimum of the schedule.

use std::collections::BTreeMap;

use good_lp::{Constraint, Expression, ProblemVariables, Variable, variable};

use crate::assign::{Assignment, IDLE};
use crate::breaks;
use crate::candidates::{Candidate, Candidates};
use crate::plan::{PlacedBreak, Plan};
use crate::prepare::Prepared;
use crate::rules::{shift_minutes, weekend_key};

/// Shift class of non-locked candidates: (group, start, len, offsets of the agent's fixed
/// activities inside the shift). Members of one class are interchangeable, so any multiset of
/// break positions the model picks for a class can be handed to its members exactly.
pub(crate) type ClassKey = (usize, usize, usize, Vec<usize>);

/// The class of candidate `c`.
pub(crate) fn class_key(prep: &Prepared<'_>, c: &Candidate) -> ClassKey {
    let fixed = &prep.agents[c.agent].fixed;
    let inside = (c.start..c.end())
        .filter(|&t| fixed[t])
        .map(|t| t - c.start)
        .collect();
    (prep.agents[c.agent].group, c.start, c.len, inside)
}

/// A built model ready for a backend.
pub(crate) struct Built {
    pub(crate) vars: ProblemVariables,
    /// Every variable in creation order (column order).
    pub(crate) columns: Vec<Variable>,
    /// Start value per column, when a start plan was given.
    pub(crate) start: Option<Vec<f64>>,
    pub(crate) objective: Expression,
    pub(crate) constraints: Vec<Constraint>,
    /// (candidate index, column) for non-locked candidates.
    pub(crate) x: Vec<(usize, usize)>,
    /// class -> per break slot -> (position offset, column)
    pub(crate) breaks: BTreeMap<ClassKey, Vec<Vec<(usize, usize)>>>,
    /// Candidate index -> its breaks, when the scope fixes break positions.
    pub(crate) placed: BTreeMap<usize, Vec<PlacedBreak>>,
}

struct Builder {
    vars: ProblemVariables,
    columns: Vec<Variable>,
    start: Option<Vec<f64>>,
}

impl Builder {
    fn add(&mut self, def: good_lp::VariableDefinition, start: f64) -> (Variable, usize) {
        let v = self.vars.add(def);
        self.columns.push(v);
        if let Some(s) = self.start.as_mut() {
            s.push(start);
        }
        (v, self.columns.len() - 1)
    }
}

/// Which part of the problem a model covers, and how.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scope<'a> {
    /// Agents whose shifts are variables (`None`: all). The others keep `base`'s shifts, as
    /// constants; only intervals a free agent can work get coverage rows.
    pub(crate) free: Option<&'a [bool]>,
    /// The plan the non-free agents keep (required when `free` is set).
    pub(crate) base: Option<&'a Plan>,
    /// LP relaxation: binaries and integers become continuous.
    pub(crate) relax: bool,
    /// `[group][t]` worth of an agent's work: when set, each candidate's breaks are fixed where
    /// work is worth least (no break variables; neighbourhood models stay small and easy).
    pub(crate) break_value: Option<&'a [Vec<f64>]>,
}

impl Scope<'_> {
    pub(crate) fn is_free(&self, a: usize) -> bool {
        self.free.is_none_or(|f| f.get(a).copied().unwrap_or(false))
    }
}

pub(crate) fn build(
    prep: &Prepared<'_>,
    cands: &Candidates,
    start: Option<(&Plan, &Assignment)>,
    scope: Scope<'_>,
) -> Built {
    let n = prep.cal.n;
    let binary = || {
        if scope.relax {
            variable().min(0).max(1)
        } else {
            variable().binary()
        }
    };
    let integer = |max: usize| {
        let v = variable().min(0).max(max as f64);
        if scope.relax { v } else { v.integer() }
    };
    let hpi = prep.hours_per_interval;
    let w = &prep.problem.weights;
    let nq = prep.problem.queues.len();
    let mut b = Builder {
        vars: ProblemVariables::new(),
        columns: Vec::new(),
        start: start.map(|_| Vec::new()),
    };
    let mut objective = Expression::with_capacity(cands.list.len() + 4 * n * nq);
    let mut constraints = Vec::new();
    let chosen = |ci: usize| -> bool {
        start.is_some_and(|(plan, _)| {
            let c = &cands.list[ci];
            plan.shifts[c.agent].iter().any(|s| s.cand == *c)
        })
    };

    // Shift variables.
    let mut xcol: Vec<Option<Variable>> = vec![None; cands.list.len()];
    let mut x = Vec::new();
    for (ci, c) in cands.list.iter().enumerate() {
        if c.locked.is_some() || !scope.is_free(c.agent) {
            continue;
        }
        let (v, col) = b.add(binary(), if chosen(ci) { 1.0 } else { 0.0 });
        xcol[ci] = Some(v);
        x.push((ci, col));
        let hours = c.len as f64 * hpi;
        objective.add_mul(w.cost * prep.agents[c.agent].cost_per_hour * hours, v);
    }

    // Supply per group per interval.
    let mut supply: Vec<Vec<Expression>> = (0..prep.groups.len())
        .map(|_| (0..n).map(|_| Expression::with_capacity(8)).collect())
        .collect();
    let mut constant = vec![vec![0.0f64; n]; prep.groups.len()];
    let locked = Plan::locked_only(prep, cands);
    for (a, shifts) in locked.shifts.iter().enumerate() {
        let shifts = match scope.base {
            Some(base) if !scope.is_free(a) => base.shifts.get(a).unwrap_or(shifts),
            _ => shifts,
        };
        for s in shifts {
            for t in Plan::productive(prep, s) {
                constant[prep.agents[a].group][t] += 1.0;
            }
        }
    }
    let mut classes: BTreeMap<ClassKey, Vec<usize>> = BTreeMap::new();
    // Intervals some free candidate can work: only those need coverage rows.
    let mut active = vec![scope.free.is_none(); n];
    for (ci, c) in cands.list.iter().enumerate() {
        if xcol[ci].is_some() {
            active[c.start..c.end()].iter_mut().for_each(|x| *x = true);
            classes.entry(class_key(prep, c)).or_default().push(ci);
        }
    }
    let mut breaks = BTreeMap::new();
    let mut placed = BTreeMap::new();
    if let Some(value) = scope.break_value {
        for (ci, c) in cands.list.iter().enumerate() {
            let Some(v) = xcol[ci] else { continue };
            let g = prep.agents[c.agent].group;
            let fixed = &prep.agents[c.agent].fixed;
            let bs = breaks::place(prep, c, &value[g]);
            for t in (c.start..c.end()).filter(|&t| {
                !fixed[t] && !bs.iter().any(|b| (b.start..b.start + b.len).contains(&t))
            }) {
                supply[g][t].add_mul(1.0, v);
            }
            placed.insert(ci, bs);
        }
        classes.clear();
    }
    for (key, members) in &classes {
        let (g, s, len, inside) = (key.0, key.1, key.2, &key.3);
        let count_start = members.iter().filter(|&&ci| chosen(ci)).count() as f64;
        let yv = if members.len() == 1 {
            xcol[members[0]]
        } else {
            let (y, _) = b.add(integer(members.len()), count_start);
            let mut e = Expression::with_capacity(members.len() + 1);
            for &ci in members {
                if let Some(v) = xcol[ci] {
                    e.add_mul(1.0, v);
                }
            }
            e.add_mul(-1.0, y);
            constraints.push(e.eq(0.0));
            Some(y)
        };
        let Some(y) = yv else { continue };
        for e in &mut supply[g][s..s + len] {
            e.add_mul(1.0, y);
        }
        // Fixed activities (the same offsets for every member): no queue work there.
        for &o in inside {
            supply[g][s + o].add_mul(-1.0, y);
        }
        if let Some(slots) = prep.rule_for(len) {
            let mut per_slot = Vec::with_capacity(slots.len());
            for (k, slot) in slots.iter().enumerate() {
                let mut link = Expression::with_capacity(slot.latest - slot.earliest + 2);
                let mut cols = Vec::new();
                // A break never sits on a fixed activity (as in `breaks::place`).
                let clear = |o: usize| !inside.iter().any(|&f| (o..o + slot.len).contains(&f));
                for o in (slot.earliest..=slot.latest).filter(|&o| clear(o)) {
                    let start_count = start.map_or(0.0, |(plan, _)| {
                        members
                            .iter()
                            .filter(|&&ci| chosen(ci))
                            .filter(|&&ci| {
                                let c = &cands.list[ci];
                                plan.shifts[c.agent].iter().any(|sh| {
                                    sh.cand == *c
                                        && sh.breaks.get(k).is_some_and(|pb| pb.start == s + o)
                                })
                            })
                            .count() as f64
                    });
                    let (bv, col) = b.add(integer(members.len()), start_count);
                    link.add_mul(1.0, bv);
                    for e in &mut supply[g][s + o..s + o + slot.len] {
                        e.add_mul(-1.0, bv);
                    }
                    cols.push((o, col));
                }
                link.add_mul(-1.0, y);
                constraints.push(link.eq(0.0));
                per_slot.push(cols);
            }
            breaks.insert(key.clone(), per_slot);
        }
    }

    // Queue flows and coverage.
    let mut cov: Vec<Vec<Expression>> = (0..nq)
        .map(|_| (0..n).map(|_| Expression::with_capacity(4)).collect())
        .collect();
    let mut cov_const = vec![vec![0.0f64; n]; nq];
    for (g, qs) in prep.groups.iter().enumerate() {
        for t in (0..n).filter(|&t| active[t]) {
            let sup = std::mem::take(&mut supply[g][t]);
            if qs.len() == 1 {
                cov[qs[0]][t] += sup;
                cov_const[qs[0]][t] += constant[g][t];
                continue;
            }
            let mut link = sup;
            for (r, &q) in qs.iter().enumerate() {
                let f0 = start.map_or(0.0, |(plan, asg)| {
                    (0..prep.agents.len())
                        .filter(|&a| {
                            prep.agents[a].group == g
                                && asg.agent_queue[a][t] == q as u16
                                && asg.agent_queue[a][t] != IDLE
                        })
                        .filter(|&a| !plan.shifts[a].is_empty())
                        .count() as f64
                });
                // Continuous: with integral supply and the chord rows below (penalties convex
                // with integer breakpoints) some optimal flow is integral (min-cost flow).
                let (f, _) = b.add(variable().min(0), f0);
                objective.add_mul(w.queue_preference * r as f64 * hpi, f);
                cov[q][t].add_mul(1.0, f);
                link.add_mul(-1.0, f);
            }
            link += constant[g][t];
            constraints.push(link.eq(0.0));
        }
    }
    for (q, queue) in prep.problem.queues.iter().enumerate() {
        for t in (0..n).filter(|&t| active[t]) {
            let c0 = start.map_or(0.0, |(_, asg)| f64::from(asg.coverage[q][t]));
            let req = queue.required[t];
            let cexpr = std::mem::take(&mut cov[q][t]) + cov_const[q][t];
            let (over, _) = b.add(variable().min(0), (c0 - req).max(0.0));
            let w_over = w.overstaffing * hpi;
            objective.add_mul(w_over, over);
            constraints.push((cexpr.clone() - over).leq(req));
            let min = queue.min_staffing.get(t).copied().unwrap_or(0.0);
            if min > 0.0 {
                let (short, _) = b.add(variable().min(0), (min - c0).max(0.0));
                objective.add_mul(w.min_staffing * hpi, short);
                constraints.push((cexpr.clone() + short).geq(min));
                // Chord between the integers around a fractional minimum: short >= (min -
                // floor) * (ceil - coverage); exact at every whole coverage.
                let (lo, hi) = (min.floor(), min.ceil());
                if hi > lo {
                    let frac = min - lo;
                    constraints.push((cexpr.clone() * frac + short).geq(frac * hi));
                }
            }
            if req > 0.0 {
                let (under, _) = b.add(variable().min(0), (req - c0).max(0.0));
                let w_under = w.understaffing * queue.priority * hpi;
                objective.add_mul(w_under, under);
                constraints.push((cexpr.clone() + under).geq(req));
                // Chord of the penalty between the integers around a fractional requirement:
                // exact at every whole coverage, and no split of an agent over queues can
                // undercut it (the LP cannot profit from fractional coverage near the kink).
                let (lo, hi) = (req.floor(), req.ceil());
                if hi > lo {
                    let (f_lo, f_hi) = (w_under * (req - lo), w_over * (hi - req));
                    let slope = f_hi - f_lo;
                    let pen = Expression::from(under) * w_under + Expression::from(over) * w_over;
                    constraints.push((pen - cexpr * slope).geq(f_lo - slope * lo));
                }
            }
        }
    }

    // Per-agent contract rows.
    let cal = &prep.cal;
    for (a, ad) in prep.agents.iter().enumerate() {
        if !scope.is_free(a) {
            continue;
        }
        let k = &prep.contracts[ad.contract];
        let range = cands.by_agent[a].clone();
        let mine: Vec<usize> = range.clone().filter(|&ci| xcol[ci].is_some()).collect();
        let locked_days: Vec<usize> = range
            .clone()
            .filter(|&ci| cands.list[ci].locked.is_some())
            .map(|ci| cands.list[ci].day)
            .collect();
        let day_expr = |d: usize| -> Expression {
            let mut e = Expression::with_capacity(16);
            for &ci in mine.iter().filter(|&&ci| cands.list[ci].day == d) {
                if let Some(v) = xcol[ci] {
                    e.add_mul(1.0, v);
                }
            }
            if locked_days.contains(&d) {
                e += 1.0;
            }
            e
        };
        for d in 0..cal.days.len() {
            if mine.iter().filter(|&&ci| cands.list[ci].day == d).count() > 1 {
                constraints.push(day_expr(d).leq(1.0));
            }
        }
        // Rest (and overlap) between shifts on different days.
        let max_len = k
            .lengths
            .iter()
            .copied()
            .max()
            .unwrap_or(0)
            .max(ad.locked.iter().map(|l| l.len).max().unwrap_or(0));
        for (pos, &c2) in mine.iter().enumerate() {
            let cand2 = cands.list[c2];
            let s2 = cal.instant(cand2.start);
            let mut by_day: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &c1 in mine[..pos].iter().rev() {
                let cand1 = cands.list[c1];
                if cand1.start + max_len + 1 < cand2.start
                    && cal.instant(cand1.start + max_len) + k.rest < s2
                {
                    break;
                }
                if cand1.day != cand2.day
                    && cand1.start < cand2.start
                    && cal.instant(cand1.end()) + k.rest > s2
                {
                    by_day.entry(cand1.day).or_default().push(c1);
                }
            }
            for (_, list) in by_day {
                let mut e = Expression::with_capacity(list.len() + 1);
                if let Some(v) = xcol[c2] {
                    e.add_mul(1.0, v);
                }
                for c1 in list {
                    if let Some(v) = xcol[c1] {
                        e.add_mul(1.0, v);
                    }
                }
                constraints.push(e.leq(1.0));
            }
        }
        // Weekly minutes and shift counts.
        for week in 0..cal.n_weeks {
            let mut minutes = Expression::with_capacity(mine.len());
            let mut count = Expression::with_capacity(mine.len());
            let mut fixed_minutes = 0.0;
            let mut fixed_count = 0.0;
            for ci in range.clone() {
                let c = &cands.list[ci];
                if cal.days[c.day].week != week {
                    continue;
                }
                let m = f64::from(shift_minutes(prep, c));
                match xcol[ci] {
                    Some(v) => {
                        minutes.add_mul(m, v);
                        count.add_mul(1.0, v);
                    }
                    None => {
                        fixed_minutes += m;
                        fixed_count += 1.0;
                    }
                }
            }
            constraints.push((minutes.clone() + fixed_minutes).leq(f64::from(k.max_week)));
            constraints.push((count + fixed_count).leq(f64::from(k.max_shifts_week)));
            if cal.week_complete[week] && k.min_week > 0 {
                constraints.push((minutes + fixed_minutes).geq(f64::from(k.min_week)));
            }
        }
        // Consecutive days.
        let nd = cal.days.len();
        let mx = k.max_consecutive as usize;
        if mx < nd {
            for first in 0..nd - mx {
                let mut e = Expression::with_capacity(16);
                for d in first..=first + mx {
                    e += day_expr(d);
                }
                constraints.push(e.leq(mx as f64));
            }
        }
        // Weekends.
        if let Some(maxw) = k.max_weekends {
            let mut keys: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
            for d in 0..nd {
                if let Some(key) = weekend_key(prep, d) {
                    keys.entry(key).or_default().push(d);
                }
            }
            if keys.len() as u32 > maxw {
                let mut total = Expression::with_capacity(keys.len());
                for days in keys.values() {
                    let worked0 = start.is_some_and(|(plan, _)| {
                        plan.shifts[a].iter().any(|s| days.contains(&s.cand.day))
                    });
                    let (v, _) = b.add(binary(), if worked0 { 1.0 } else { 0.0 });
                    for &d in days {
                        constraints.push((day_expr(d) - v).leq(0.0));
                    }
                    total.add_mul(1.0, v);
                }
                constraints.push(total.leq(f64::from(maxw)));
            }
        }
        // Soft preferences.
        for p in &ad.prefs {
            let pw = w.preference * p.weight;
            match p.start_window {
                None => objective += day_expr(p.day) * pw,
                Some((e, l)) => {
                    let locked_in = range.clone().any(|ci| {
                        let c = &cands.list[ci];
                        c.locked.is_some()
                            && c.day == p.day
                            && (e..=l).contains(&cal.minute_of_day[c.start])
                    });
                    if locked_in {
                        continue;
                    }
                    objective += pw;
                    for &ci in mine.iter().filter(|&&ci| {
                        cands.list[ci].day == p.day
                            && (e..=l).contains(&cal.minute_of_day[cands.list[ci].start])
                    }) {
                        if let Some(v) = xcol[ci] {
                            objective.add_mul(-pw, v);
                        }
                    }
                }
            }
        }
    }
    // Constant part of the locked shifts' cost.
    for c in cands
        .list
        .iter()
        .filter(|c| c.locked.is_some() && scope.is_free(c.agent))
    {
        objective += w.cost * prep.agents[c.agent].cost_per_hour * c.len as f64 * hpi;
    }

    Built {
        vars: b.vars,
        columns: b.columns,
        start: b.start,
        objective,
        constraints,
        x,
        breaks,
        placed,
    }
}
