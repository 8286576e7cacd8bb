//! Constructive heuristic: a schedule that respects every hard rule, built in rounds where each
//! agent takes its most valuable feasible shift, then topped up to weekly minimums.
//! It is the start the MILP improves, and the answer when the MILP finds nothing better.

use crate::assign::marginal;
use crate::breaks;
use crate::candidates::{Candidate, Candidates};
use crate::plan::{Plan, PlannedShift};
use crate::prepare::Prepared;
use crate::rules::{can_add, shift_minutes};

/// A weekly minimum the heuristic could not reach: (agent, week).
pub(crate) type Shortfall = (usize, usize);

struct State<'a, 'p> {
    prep: &'a Prepared<'p>,
    cov: Vec<Vec<u32>>,
    /// `[group][t]` value of one more productive agent of the group.
    value: Vec<Vec<f64>>,
}

impl State<'_, '_> {
    fn best_queue(&self, g: usize, t: usize) -> (usize, f64) {
        let w = self.prep.problem.weights.queue_preference;
        self.prep.groups[g]
            .iter()
            .enumerate()
            .map(|(r, &q)| (q, -marginal(self.prep, q, t, self.cov[q][t]) - w * r as f64))
            .fold((usize::MAX, f64::NEG_INFINITY), |acc, x| {
                if x.1 > acc.1 { x } else { acc }
            })
    }

    fn refresh(&mut self, t: usize) {
        for g in 0..self.prep.groups.len() {
            self.value[g][t] = self.best_queue(g, t).1;
        }
    }

    fn commit(&mut self, plan: &mut Plan, shift: PlannedShift) {
        let g = self.prep.agents[shift.cand.agent].group;
        let ts: Vec<usize> = Plan::productive(self.prep, &shift).collect();
        for t in ts {
            let (q, _) = self.best_queue(g, t);
            if let Some(c) = self.cov.get_mut(q).and_then(|row| row.get_mut(t)) {
                *c += 1;
            }
            self.refresh(t);
        }
        plan.insert(shift);
    }

    /// The shift with breaks placed, and its gain.
    fn evaluate(&self, plan: &Plan, c: &Candidate) -> (PlannedShift, f64) {
        let prep = self.prep;
        let ad = &prep.agents[c.agent];
        let value = &self.value[ad.group];
        let shift = PlannedShift {
            cand: *c,
            breaks: breaks::place(prep, c, value),
        };
        let work: f64 = Plan::productive(prep, &shift).map(|t| value[t]).sum();
        let w = &prep.problem.weights;
        let hours = c.len as f64 * prep.hours_per_interval;
        let mut gain = work * prep.hours_per_interval - w.cost * ad.cost_per_hour * hours;
        for p in ad.prefs.iter().filter(|p| p.day == c.day) {
            match p.start_window {
                None => gain -= w.preference * p.weight,
                Some((e, l)) => {
                    let already = plan.shifts[c.agent].iter().any(|s| s.cand.day == c.day);
                    if !already && (e..=l).contains(&prep.cal.minute_of_day[c.start]) {
                        gain += w.preference * p.weight;
                    }
                }
            }
        }
        (shift, gain)
    }
}

/// Builds a rule-respecting plan; also returns the weekly minimums it could not reach.
pub(crate) fn construct(prep: &Prepared<'_>, cands: &Candidates) -> (Plan, Vec<Shortfall>) {
    let n = prep.cal.n;
    let mut state = State {
        prep,
        cov: vec![vec![0; n]; prep.problem.queues.len()],
        value: vec![vec![0.0; n]; prep.groups.len()],
    };
    for t in 0..n {
        state.refresh(t);
    }
    let mut plan = Plan::empty(prep.agents.len());
    for shift in Plan::locked_only(prep, cands).shifts.into_iter().flatten() {
        state.commit(&mut plan, shift);
    }
    let mut order: Vec<usize> = (0..prep.agents.len()).collect();
    order.sort_by(|&a, &b| {
        prep.agents[a]
            .cost_per_hour
            .total_cmp(&prep.agents[b].cost_per_hour)
            .then(a.cmp(&b))
    });

    loop {
        let mut added = false;
        for &a in &order {
            let best = cands.list[cands.by_agent[a].clone()]
                .iter()
                .filter(|c| c.locked.is_none() && can_add(prep, &plan.shifts[a], c))
                .map(|c| state.evaluate(&plan, c))
                .filter(|(_, gain)| *gain > 1e-9)
                .max_by(|x, y| x.1.total_cmp(&y.1));
            if let Some((shift, _)) = best {
                state.commit(&mut plan, shift);
                added = true;
            }
        }
        if !added {
            break;
        }
    }

    // Weekly minimums on complete weeks.
    let mut shortfalls = Vec::new();
    for &a in &order {
        let k = &prep.contracts[prep.agents[a].contract];
        for week in 0..prep.cal.n_weeks {
            if !prep.cal.week_complete[week] || k.min_week == 0 {
                continue;
            }
            loop {
                let minutes: u32 = plan.shifts[a]
                    .iter()
                    .filter(|s| prep.cal.days[s.cand.day].week == week)
                    .map(|s| shift_minutes(prep, &s.cand))
                    .sum();
                if minutes >= k.min_week {
                    break;
                }
                let best = cands.list[cands.by_agent[a].clone()]
                    .iter()
                    .filter(|c| {
                        c.locked.is_none()
                            && prep.cal.days[c.day].week == week
                            && can_add(prep, &plan.shifts[a], c)
                    })
                    .map(|c| {
                        let (shift, gain) = state.evaluate(&plan, c);
                        // Prefer shifts that close the gap without overshooting far.
                        let need = f64::from(k.min_week - minutes);
                        let m = f64::from(shift_minutes(prep, c));
                        (shift, gain - 1e-3 * (m - need).abs())
                    })
                    .max_by(|x, y| x.1.total_cmp(&y.1));
                match best {
                    Some((shift, _)) => state.commit(&mut plan, shift),
                    None => {
                        shortfalls.push((a, week));
                        break;
                    }
                }
            }
        }
    }
    (plan, shortfalls)
}

/// Re-places every break against the coverage of the rest of the plan, one shift at a time.
pub(crate) fn improve_breaks(prep: &Prepared<'_>, plan: &Plan) -> Plan {
    let n = prep.cal.n;
    let asg = crate::assign::assign(prep, plan);
    let mut state = State {
        prep,
        cov: asg.coverage,
        value: vec![vec![0.0; n]; prep.groups.len()],
    };
    for t in 0..n {
        state.refresh(t);
    }
    let mut out = plan.clone();
    for a in 0..out.shifts.len() {
        for i in 0..out.shifts[a].len() {
            let shift = &out.shifts[a][i];
            if shift.cand.locked.is_some() || shift.breaks.is_empty() {
                continue;
            }
            // Remove this agent's breaks from coverage accounting: the agent is off there now,
            // on shift elsewhere; re-place against the value with the agent counted as working.
            let old: Vec<usize> = shift
                .breaks
                .iter()
                .flat_map(|b| b.start..b.start + b.len)
                .collect();
            let g = prep.agents[a].group;
            let new = breaks::place(prep, &shift.cand, &state.value[g]);
            let new_ts: Vec<usize> = new.iter().flat_map(|b| b.start..b.start + b.len).collect();
            for &t in &old {
                let (q, _) = state.best_queue(g, t);
                if let Some(c) = state.cov.get_mut(q).and_then(|r| r.get_mut(t)) {
                    *c += 1;
                }
                state.refresh(t);
            }
            for &t in &new_ts {
                let q = prep.groups[g]
                    .iter()
                    .copied()
                    .filter(|&q| state.cov[q][t] > 0)
                    .min_by(|&x, &y| {
                        marginal(prep, x, t, state.cov[x][t] - 1)
                            .total_cmp(&marginal(prep, y, t, state.cov[y][t] - 1))
                            .reverse()
                    });
                if let Some(q) = q {
                    state.cov[q][t] -= 1;
                }
                state.refresh(t);
            }
            out.shifts[a][i].breaks = new;
        }
    }
    out
}
