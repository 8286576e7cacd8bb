//! Turns a solver-side plan into the public [`Schedule`].

use crate::assign::{Assignment, IDLE, Score};
use crate::plan::Plan;
use crate::prepare::Prepared;
use crate::problem::{BreakKind, Problem};
use crate::schedule::{
    Activity, ObjectiveBreakdown, QueueAssignment, QueueCoverage, Schedule, SolverStats, Totals,
    UnmetPreference,
};

/// The shift envelope activity of `agent` over `[start, end)` serving `queues`; its id is
/// deterministic: agent, start and kind.
pub(crate) fn shift_activity<'q>(
    p: &Problem,
    agent: &str,
    start: i64,
    end: i64,
    queues: impl IntoIterator<Item = &'q str>,
) -> Activity {
    Activity {
        queue_ids: queues.into_iter().map(Into::into).collect(),
        ..Activity::new(
            format!("{agent}-{start}-shift"),
            agent,
            p.activity_types.shift.as_str(),
            start,
            end,
        )
    }
}

/// A break or lunch activity of `agent` over `[start, end)`, with a deterministic id.
pub(crate) fn break_activity(
    p: &Problem,
    agent: &str,
    kind: BreakKind,
    start: i64,
    end: i64,
) -> Activity {
    let (name, type_id) = match kind {
        BreakKind::Break => ("break", &p.activity_types.break_),
        BreakKind::Lunch => ("lunch", &p.activity_types.lunch),
    };
    Activity::new(
        format!("{agent}-{start}-{name}"),
        agent,
        type_id.as_str(),
        start,
        end,
    )
}

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
            let queues = served.iter().map(|&q| p.queues[q].id.as_str());
            let mut shift = shift_activity(p, &agent.id, st, en, queues);
            shift.description = s.cand.locked.map(|_| "locked".to_owned());
            activities.push(shift);
            for b in &s.breaks {
                let (bs, be) = (cal.instant(b.start), cal.instant(b.start + b.len));
                activities.push(break_activity(p, &agent.id, b.kind, bs, be));
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
