//! Per-interval queue assignment (exact min-cost flow over skill groups) and the solver-side score.

use crate::plan::Plan;
use crate::prepare::Prepared;

/// Sentinel: agent not serving a queue at that interval.
pub(crate) const IDLE: u16 = u16::MAX;

/// Which queue each agent serves at each interval.
#[derive(Debug, Clone)]
pub(crate) struct Assignment {
    /// `[agent][t]` queue index or [`IDLE`].
    pub(crate) agent_queue: Vec<Vec<u16>>,
    /// `[queue][t]` agents serving.
    pub(crate) coverage: Vec<Vec<u32>>,
}

fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

/// Objective change (per staff-hour) of adding the unit number `c + 1` to queue `q` at `t`.
pub(crate) fn marginal(prep: &Prepared<'_>, q: usize, t: usize, c: u32) -> f64 {
    let w = &prep.problem.weights;
    let queue = &prep.problem.queues[q];
    let req = queue.required[t];
    let min = queue.min_staffing.get(t).copied().unwrap_or(0.0);
    let c = f64::from(c);
    -w.understaffing * queue.priority * clamp01(req - c) - w.min_staffing * clamp01(min - c)
        + w.overstaffing * clamp01(c + 1.0 - req)
}

/// Sends `units` agents of each group to queues at interval `t` at least cost; returns `[g][rank]`.
fn flow_at(prep: &Prepared<'_>, t: usize, units: &[u32], cov: &mut [u32]) -> Vec<Vec<u32>> {
    let w_rank = prep.problem.weights.queue_preference;
    let groups = &prep.groups;
    let mut flow: Vec<Vec<u32>> = groups.iter().map(|g| vec![0; g.len()]).collect();
    let nq = cov.len();
    let ng = groups.len();
    for (g, &u) in units.iter().enumerate() {
        for _ in 0..u {
            // Bellman-Ford from group g over groups and queues in the residual graph.
            let mut dg = vec![f64::INFINITY; ng];
            let mut dq = vec![f64::INFINITY; nq];
            let mut pred_q: Vec<Option<(usize, usize)>> = vec![None; nq]; // (group, rank)
            let mut pred_g: Vec<Option<(usize, usize)>> = vec![None; ng]; // (queue, rank in that group)
            dg[g] = 0.0;
            for _ in 0..(ng + nq) {
                let mut changed = false;
                for (h, qs) in groups.iter().enumerate() {
                    if dg[h].is_finite() {
                        for (r, &q) in qs.iter().enumerate() {
                            let d = dg[h] + w_rank * r as f64;
                            if d < dq[q] - 1e-12 {
                                dq[q] = d;
                                pred_q[q] = Some((h, r));
                                changed = true;
                            }
                        }
                    }
                }
                for (h, qs) in groups.iter().enumerate() {
                    for (r, &q) in qs.iter().enumerate() {
                        if flow[h][r] > 0 && dq[q].is_finite() {
                            let d = dq[q] - w_rank * r as f64;
                            if d < dg[h] - 1e-12 {
                                dg[h] = d;
                                pred_g[h] = Some((q, r));
                                changed = true;
                            }
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            let best = (0..nq)
                .filter(|&q| dq[q].is_finite())
                .map(|q| (q, dq[q] + marginal(prep, q, t, cov[q])))
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let Some((mut q, _)) = best else { continue };
            cov[q] += 1;
            // Walk back: q <- (h, r) <- q' ... until group g reached with no predecessor.
            for _ in 0..(ng + nq + 1) {
                let Some((h, r)) = pred_q[q] else { break };
                flow[h][r] += 1;
                if h == g && pred_g[h].is_none() {
                    break;
                }
                let Some((q2, r2)) = pred_g[h] else { break };
                flow[h][r2] -= 1;
                q = q2;
            }
        }
    }
    flow
}

/// Assigns every productive agent-interval of `plan` to one of the agent's queues.
pub(crate) fn assign(prep: &Prepared<'_>, plan: &Plan) -> Assignment {
    let n = prep.cal.n;
    let nq = prep.problem.queues.len();
    let mut agent_queue = vec![vec![IDLE; n]; prep.agents.len()];
    let mut on = vec![vec![false; n]; prep.agents.len()];
    for (a, shifts) in plan.shifts.iter().enumerate() {
        for s in shifts {
            for t in Plan::productive(prep, s) {
                on[a][t] = true;
            }
        }
    }
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); prep.groups.len()];
    for (a, ad) in prep.agents.iter().enumerate() {
        by_group[ad.group].push(a);
    }
    let mut coverage = vec![vec![0u32; n]; nq];
    let mut cov_t = vec![0u32; nq];
    for t in 0..n {
        let units: Vec<u32> = by_group
            .iter()
            .map(|ags| ags.iter().filter(|&&a| on[a][t]).count() as u32)
            .collect();
        cov_t.iter_mut().for_each(|c| *c = 0);
        let mut flow = flow_at(prep, t, &units, &mut cov_t);
        for (q, c) in cov_t.iter().enumerate() {
            coverage[q][t] = *c;
        }
        // Map group flows to agents, keeping an agent on its previous queue where possible.
        for (g, ags) in by_group.iter().enumerate() {
            let qs = &prep.groups[g];
            let mut pending = Vec::new();
            for &a in ags.iter().filter(|&&a| on[a][t]) {
                let prev = if t > 0 { agent_queue[a][t - 1] } else { IDLE };
                match qs.iter().position(|&q| q as u16 == prev) {
                    Some(r) if flow[g][r] > 0 => {
                        flow[g][r] -= 1;
                        agent_queue[a][t] = prev;
                    }
                    _ => pending.push(a),
                }
            }
            for a in pending {
                if let Some(r) = (0..qs.len()).find(|&r| flow[g][r] > 0) {
                    flow[g][r] -= 1;
                    agent_queue[a][t] = qs[r] as u16;
                }
            }
        }
    }
    Assignment {
        agent_queue,
        coverage,
    }
}

/// The solver-side score of a plan and its assignment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Score {
    pub(crate) under_hours: f64,
    pub(crate) over_hours: f64,
    pub(crate) min_short_hours: f64,
    pub(crate) under_penalty: f64,
    pub(crate) over_penalty: f64,
    pub(crate) min_penalty: f64,
    pub(crate) cost: f64,
    pub(crate) paid_hours: f64,
    pub(crate) queue_pref_penalty: f64,
    pub(crate) pref_penalty: f64,
    /// (agent, preference index among the agent's in-horizon preferences)
    pub(crate) unmet: Vec<(usize, usize)>,
}

impl Score {
    pub(crate) fn objective(&self) -> f64 {
        self.under_penalty
            + self.over_penalty
            + self.min_penalty
            + self.cost
            + self.queue_pref_penalty
            + self.pref_penalty
    }
}

/// Whether preference `p` of agent `a` is met by the plan.
pub(crate) fn pref_met(
    prep: &Prepared<'_>,
    plan: &Plan,
    a: usize,
    p: &crate::prepare::PrefData,
) -> bool {
    let on_day = plan.shifts[a].iter().filter(|s| s.cand.day == p.day);
    match p.start_window {
        None => on_day.count() == 0,
        Some((e, l)) => on_day
            .into_iter()
            .any(|s| (e..=l).contains(&prep.cal.minute_of_day[s.cand.start])),
    }
}

pub(crate) fn score(prep: &Prepared<'_>, plan: &Plan, asg: &Assignment) -> Score {
    let w = &prep.problem.weights;
    let hpi = prep.hours_per_interval;
    let mut sc = Score::default();
    for (q, queue) in prep.problem.queues.iter().enumerate() {
        for t in 0..prep.cal.n {
            let c = f64::from(asg.coverage[q][t]);
            let under = (queue.required[t] - c).max(0.0);
            let over = (c - queue.required[t]).max(0.0);
            let short = (queue.min_staffing.get(t).copied().unwrap_or(0.0) - c).max(0.0);
            sc.under_hours += under * hpi;
            sc.over_hours += over * hpi;
            sc.min_short_hours += short * hpi;
            sc.under_penalty += w.understaffing * queue.priority * under * hpi;
            sc.over_penalty += w.overstaffing * over * hpi;
            sc.min_penalty += w.min_staffing * short * hpi;
        }
    }
    for (a, shifts) in plan.shifts.iter().enumerate() {
        let ad = &prep.agents[a];
        for s in shifts {
            let hours = s.cand.len as f64 * hpi;
            sc.paid_hours += hours;
            sc.cost += w.cost * ad.cost_per_hour * hours;
        }
        for &q in &asg.agent_queue[a] {
            if q != IDLE {
                let rank = ad.queues.iter().position(|&x| x == q as usize).unwrap_or(0);
                sc.queue_pref_penalty += w.queue_preference * rank as f64 * hpi;
            }
        }
        for (k, p) in ad.prefs.iter().enumerate() {
            if !pref_met(prep, plan, a, p) {
                sc.pref_penalty += w.preference * p.weight;
                sc.unmet.push((a, k));
            }
        }
    }
    sc
}
