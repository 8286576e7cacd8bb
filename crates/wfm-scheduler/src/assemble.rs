//! Turns a solver-side plan into the public [`Schedule`].

use crate::assign::{Assignment, IDLE, Score};
use crate::plan::Plan;
use crate::prepare::Prepared;
use crate::problem::BreakKind;
use crate::schedule::{
    Activity, ObjectiveBreakdown, QueueAssignment, QueueCoverage, Schedule, SolverStats, Totals,
    UnmetPreference,
};

pub(crate) fn assemble(
    prep: &Prepared<'_>,
    plan: &Plan,
    asg: &Assignment,
    sc: &Score,
    stats: SolverStats,
) -> Schedule {
    let p = prep.problem;
    let cal = &prep.cal;
    let mut activities = Vec::new();
    let mut assignments = Vec::new();
    let mut shifts = 0u32;
    for (a, list) in plan.shifts.iter().enumerate() {
        let agent = &p.agents[a];
        for s in list {
            shifts += 1;
            let (st, en) = (cal.instant(s.cand.start), cal.instant(s.cand.end()));
            let mut served: Vec<usize> = (s.cand.start..s.cand.end())
                .map(|t| asg.agent_queue[a][t])
                .filter(|&q| q != IDLE)
                .map(usize::from)
                .collect();
            served.sort_unstable();
            served.dedup();
            activities.push(Activity {
                id: format!("{}-{}-shift", agent.id, st),
                agent_id: agent.id.clone(),
                type_id: p.activity_types.shift.clone(),
                start_time: st,
                end_time: en,
                queue_ids: served.iter().map(|&q| p.queues[q].id.clone()).collect(),
                description: s.cand.locked.map(|_| "locked".to_owned()),
            });
            for b in &s.breaks {
                let (kind, type_id) = match b.kind {
                    BreakKind::Break => ("break", &p.activity_types.break_),
                    BreakKind::Lunch => ("lunch", &p.activity_types.lunch),
                };
                let bs = cal.instant(b.start);
                activities.push(Activity {
                    id: format!("{}-{}-{}", agent.id, bs, kind),
                    agent_id: agent.id.clone(),
                    type_id: type_id.clone(),
                    start_time: bs,
                    end_time: cal.instant(b.start + b.len),
                    queue_ids: Vec::new(),
                    description: None,
                });
            }
            // Contiguous queue segments.
            let mut t = s.cand.start;
            while t < s.cand.end() {
                let q = asg.agent_queue[a][t];
                let mut e = t + 1;
                while e < s.cand.end() && asg.agent_queue[a][e] == q {
                    e += 1;
                }
                if q != IDLE {
                    assignments.push(QueueAssignment {
                        agent_id: agent.id.clone(),
                        queue_id: p.queues[usize::from(q)].id.clone(),
                        start_time: cal.instant(t),
                        end_time: cal.instant(e),
                    });
                }
                t = e;
            }
        }
    }
    let coverage = p
        .queues
        .iter()
        .enumerate()
        .map(|(q, queue)| {
            let scheduled = asg.coverage[q].clone();
            let under = scheduled
                .iter()
                .zip(&queue.required)
                .map(|(&c, &r)| (r - f64::from(c)).max(0.0))
                .collect();
            let over = scheduled
                .iter()
                .zip(&queue.required)
                .map(|(&c, &r)| (f64::from(c) - r).max(0.0))
                .collect();
            QueueCoverage {
                queue_id: queue.id.clone(),
                scheduled,
                under,
                over,
            }
        })
        .collect();
    let unmet_preferences = sc
        .unmet
        .iter()
        .filter_map(|&(a, k)| {
            let pd = prep.agents[a].prefs.get(k)?;
            Some(UnmetPreference {
                agent_id: p.agents[a].id.clone(),
                index: pd.index,
                weight: pd.weight,
            })
        })
        .collect();
    let objective = ObjectiveBreakdown {
        understaffing: sc.under_penalty,
        overstaffing: sc.over_penalty,
        min_staffing: sc.min_penalty,
        cost: sc.cost,
        queue_preference: sc.queue_pref_penalty,
        preferences: sc.pref_penalty,
        total: sc.objective(),
    };
    let totals = Totals {
        shortfall_hours: sc.under_hours,
        overstaffing_hours: sc.over_hours,
        min_staffing_shortfall_hours: sc.min_short_hours,
        paid_hours: sc.paid_hours,
        cost: raw_cost(prep, plan),
        shifts,
    };
    Schedule {
        activities,
        assignments,
        coverage,
        totals,
        objective,
        unmet_preferences,
        stats,
    }
}

fn raw_cost(prep: &Prepared<'_>, plan: &Plan) -> f64 {
    plan.shifts
        .iter()
        .enumerate()
        .flat_map(|(a, l)| {
            l.iter().map(move |s| {
                prep.agents[a].cost_per_hour * s.cand.len as f64 * prep.hours_per_interval
            })
        })
        .sum()
}
