//! Exact pricing of weekly tours: a label-setting dynamic program over an agent's local days that
//! builds in every contract rule (one shift per day, allowed lengths and starts through the
//! candidates, rest between shifts, weekly minimum and maximum minutes, shifts per week,
//! consecutive days, weekends, locked shifts), so the cheapest tour it returns is the cheapest
//! of ALL rule-respecting tours of the agent under the given shift weights.

use crate::candidates::Candidates;
use crate::prepare::Prepared;
use crate::rules::{shift_minutes, weekend_key};

/// An agent's candidates by local day, and the fixed (dual-free) costs of each choice.
#[derive(Debug, Clone)]
pub(crate) struct AgentTours {
    pub(crate) agent: usize,
    /// Candidate indices per local day.
    by_day: Vec<Vec<usize>>,
    /// Whether the day holds a locked shift (then that shift is mandatory).
    locked_day: Vec<bool>,
    /// Cost of a day off (unmet start-window preferences).
    off_cost: Vec<f64>,
}

impl AgentTours {
    pub(crate) fn new(prep: &Prepared<'_>, cands: &Candidates, agent: usize) -> Self {
        let nd = prep.cal.days.len();
        let mut by_day = vec![Vec::new(); nd];
        let mut locked_day = vec![false; nd];
        for ci in cands.by_agent[agent].clone() {
            let c = &cands.list[ci];
            by_day[c.day].push(ci);
            locked_day[c.day] |= c.locked.is_some();
        }
        for (d, list) in by_day.iter_mut().enumerate() {
            if locked_day[d] {
                list.retain(|&ci| cands.list[ci].locked.is_some());
            }
        }
        let w = prep.problem.weights.preference;
        let mut off_cost = vec![0.0; nd];
        for p in &prep.agents[agent].prefs {
            if p.start_window.is_some() {
                off_cost[p.day] += w * p.weight;
            }
        }
        Self {
            agent,
            by_day,
            locked_day,
            off_cost,
        }
    }

    /// Paid cost plus preference penalties of working candidate `ci` (dual-free).
    pub(crate) fn shift_cost(&self, prep: &Prepared<'_>, cands: &Candidates, ci: usize) -> f64 {
        let c = &cands.list[ci];
        let ad = &prep.agents[self.agent];
        let w = &prep.problem.weights;
        let mut cost = w.cost * ad.cost_per_hour * c.len as f64 * prep.hours_per_interval;
        for p in ad.prefs.iter().filter(|p| p.day == c.day) {
            let met = p
                .start_window
                .is_some_and(|(e, l)| (e..=l).contains(&prep.cal.minute_of_day[c.start]));
            if !met {
                cost += w.preference * p.weight;
            }
        }
        cost
    }

    /// Cost (paid cost and preference penalties) of the tour working exactly `shifts`.
    pub(crate) fn tour_cost(
        &self,
        prep: &Prepared<'_>,
        cands: &Candidates,
        shifts: &[usize],
    ) -> f64 {
        let mut cost: f64 = self.off_cost.iter().sum();
        for &ci in shifts {
            cost += self.shift_cost(prep, cands, ci) - self.off_cost[cands.list[ci].day];
        }
        cost
    }
}

#[derive(Debug, Clone, Copy)]
struct Label {
    cost: f64,
    /// End instant of the last shift (`i64::MIN`: none yet).
    end: i64,
    /// Consecutive worked days up to the current day.
    run: u32,
    week_minutes: u32,
    week_shifts: u32,
    weekends: u32,
    /// The current weekend is already counted (worked today, tomorrow is the same weekend).
    open_weekend: bool,
    parent: u32,
    /// Candidate worked on this day (`u32::MAX`: off).
    cand: u32,
}

const NONE: u32 = u32::MAX;

/// The cheapest rule-respecting tour of the agent when working candidate `ci` costs
/// `shift_cost(ci) - dual(ci)`: its candidate indices (by day) and that weighted cost. `None`
/// when the agent has no rule-respecting tour at all.
pub(crate) fn cheapest_tour(
    prep: &Prepared<'_>,
    cands: &Candidates,
    tours: &AgentTours,
    dual: impl Fn(usize) -> f64,
) -> Option<(Vec<usize>, f64)> {
    let cal = &prep.cal;
    let k = &prep.contracts[prep.agents[tours.agent].contract];
    let nd = cal.days.len();
    let mut arena: Vec<Label> = Vec::with_capacity(1024);
    arena.push(Label {
        cost: 0.0,
        end: i64::MIN,
        run: 0,
        week_minutes: 0,
        week_shifts: 0,
        weekends: 0,
        open_weekend: false,
        parent: NONE,
        cand: NONE,
    });
    let mut layer: Vec<u32> = vec![0];
    let mut next: Vec<Label> = Vec::new();
    for d in 0..nd {
        next.clear();
        let key = weekend_key(prep, d);
        let same_weekend_tomorrow = key.is_some() && d + 1 < nd && weekend_key(prep, d + 1) == key;
        let weights: Vec<(usize, f64, i64, i64, u32)> = tours.by_day[d]
            .iter()
            .map(|&ci| {
                let c = &cands.list[ci];
                (
                    ci,
                    tours.shift_cost(prep, cands, ci) - tours.off_cost[d] - dual(ci),
                    cal.instant(c.start),
                    cal.instant(c.end()),
                    shift_minutes(prep, c),
                )
            })
            .collect();
        for &li in &layer {
            let l = arena[li as usize];
            if !tours.locked_day[d] {
                next.push(Label {
                    cost: l.cost + tours.off_cost[d],
                    run: 0,
                    open_weekend: false,
                    parent: li,
                    cand: NONE,
                    ..l
                });
            }
            if l.run >= k.max_consecutive || l.week_shifts >= k.max_shifts_week {
                continue;
            }
            let new_weekend = key.is_some() && !l.open_weekend;
            let weekends = l.weekends + u32::from(new_weekend);
            if k.max_weekends.is_some_and(|m| weekends > m) {
                continue;
            }
            for &(ci, wgt, start, end, minutes) in &weights {
                if l.end != i64::MIN && l.end + k.rest > start {
                    continue;
                }
                if l.week_minutes + minutes > k.max_week {
                    continue;
                }
                next.push(Label {
                    cost: l.cost + tours.off_cost[d] + wgt,
                    end,
                    run: l.run + 1,
                    week_minutes: l.week_minutes + minutes,
                    week_shifts: l.week_shifts + 1,
                    weekends,
                    open_weekend: same_weekend_tomorrow,
                    parent: li,
                    cand: ci as u32,
                });
            }
        }
        // Week end: enforce the minimum on complete weeks, then start the next week afresh.
        let week = cal.days[d].week;
        if d + 1 == nd || cal.days[d + 1].week != week {
            if cal.week_complete[week] && k.min_week > 0 {
                next.retain(|l| l.week_minutes >= k.min_week);
            }
            for l in &mut next {
                l.week_minutes = 0;
                l.week_shifts = 0;
            }
        }
        dominate(&mut next);
        layer.clear();
        for l in next.drain(..) {
            layer.push(arena.len() as u32);
            arena.push(l);
        }
        if layer.is_empty() {
            return None;
        }
    }
    let best = layer
        .iter()
        .copied()
        .min_by(|&a, &b| arena[a as usize].cost.total_cmp(&arena[b as usize].cost))?;
    let cost = arena[best as usize].cost;
    let mut shifts = Vec::new();
    let mut at = best;
    while at != NONE {
        let l = arena[at as usize];
        if l.cand != NONE {
            shifts.push(l.cand as usize);
        }
        at = l.parent;
    }
    shifts.reverse();
    Some((shifts, cost))
}

/// Keeps only labels no other label dominates: same weekly state, and no more cost, an earlier
/// or equal last end, no longer run. Deterministic (ties keep the first in sort order).
fn dominate(labels: &mut Vec<Label>) {
    labels.sort_by(|a, b| {
        (a.week_minutes, a.week_shifts, a.weekends, a.open_weekend)
            .cmp(&(b.week_minutes, b.week_shifts, b.weekends, b.open_weekend))
            .then(a.cost.total_cmp(&b.cost))
            .then(a.end.cmp(&b.end))
            .then(a.run.cmp(&b.run))
            .then(a.cand.cmp(&b.cand))
    });
    let mut kept: Vec<Label> = Vec::with_capacity(labels.len());
    let mut group_start = 0;
    for l in labels.drain(..) {
        let same = |x: &Label| {
            (x.week_minutes, x.week_shifts, x.weekends, x.open_weekend)
                == (l.week_minutes, l.week_shifts, l.weekends, l.open_weekend)
        };
        if kept.last().is_none_or(|x| !same(x)) {
            group_start = kept.len();
        }
        let dominated = kept[group_start..]
            .iter()
            .any(|x| x.cost <= l.cost + 1e-9 && x.end <= l.end && x.run <= l.run);
        if !dominated {
            kept.push(l);
        }
    }
    *labels = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlannedShift;
    use crate::rules::can_add;
    use crate::test_support::hourly;

    /// Brute force: every subset of candidates (one per day) that `can_add` accepts shift by
    /// shift and that meets the weekly minimum; the cheapest under the same weights.
    fn brute(prep: &Prepared<'_>, cands: &Candidates, t: &AgentTours, dual: &[f64]) -> Option<f64> {
        let nd = prep.cal.days.len();
        let k = &prep.contracts[prep.agents[t.agent].contract];
        let mut best: Option<f64> = None;
        #[allow(clippy::too_many_arguments)] // a test-only brute-force recursion
        fn rec(
            prep: &Prepared<'_>,
            cands: &Candidates,
            t: &AgentTours,
            dual: &[f64],
            d: usize,
            nd: usize,
            chosen: &mut Vec<usize>,
            min_week: u32,
            best: &mut Option<f64>,
        ) {
            if d == nd {
                let weeks_ok = (0..prep.cal.n_weeks).all(|w| {
                    !prep.cal.week_complete[w]
                        || chosen
                            .iter()
                            .filter(|&&ci| prep.cal.days[cands.list[ci].day].week == w)
                            .map(|&ci| shift_minutes(prep, &cands.list[ci]))
                            .sum::<u32>()
                            >= min_week
                });
                if weeks_ok {
                    let cost = t.tour_cost(prep, cands, chosen)
                        - chosen.iter().map(|&ci| dual[ci]).sum::<f64>();
                    if best.is_none_or(|b| cost < b) {
                        *best = Some(cost);
                    }
                }
                return;
            }
            if !t.locked_day[d] {
                rec(prep, cands, t, dual, d + 1, nd, chosen, min_week, best);
            }
            for &ci in &t.by_day[d] {
                let shifts: Vec<PlannedShift> = chosen
                    .iter()
                    .map(|&x| PlannedShift {
                        cand: cands.list[x],
                        breaks: Vec::new(),
                    })
                    .collect();
                if can_add(prep, &shifts, &cands.list[ci]) {
                    chosen.push(ci);
                    rec(prep, cands, t, dual, d + 1, nd, chosen, min_week, best);
                    chosen.pop();
                }
            }
        }
        rec(
            prep,
            cands,
            t,
            dual,
            0,
            nd,
            &mut Vec::new(),
            k.min_week,
            &mut best,
        );
        best
    }

    #[test]
    fn dynamic_program_matches_brute_force() -> crate::Result<()> {
        for seed in 1..6 {
            let p = hourly(seed, 4, 4, 2)?;
            let prep = Prepared::new(&p)?;
            let cands = Candidates::new(&prep);
            // Pseudo-random duals so many different tours win.
            let dual: Vec<f64> = (0..cands.list.len())
                .map(|i| ((i * 7919 + seed as usize * 31) % 97) as f64 * 2.5)
                .collect();
            for a in 0..prep.agents.len() {
                let t = AgentTours::new(&prep, &cands, a);
                let dp = cheapest_tour(&prep, &cands, &t, |ci| dual[ci]);
                let bf = brute(&prep, &cands, &t, &dual);
                match (dp, bf) {
                    (Some((shifts, cost)), Some(b)) => {
                        assert!(
                            (cost - b).abs() < 1e-6,
                            "seed {seed} agent {a}: {cost} vs {b}"
                        );
                        let direct = t.tour_cost(&prep, &cands, &shifts)
                            - shifts.iter().map(|&ci| dual[ci]).sum::<f64>();
                        assert!((direct - cost).abs() < 1e-6);
                    }
                    (None, None) => {}
                    other => panic!("seed {seed} agent {a}: {other:?}"),
                }
            }
        }
        Ok(())
    }
}
