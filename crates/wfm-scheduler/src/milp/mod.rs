//! The MILP stage: build, solve with the chosen backend, turn the solution into a plan.

mod backend;
mod build;

pub(crate) use build::Scope;
#[cfg(feature = "highs")]
pub(crate) use build::class_key;

use crate::assign::Assignment;
use crate::breaks;
use crate::candidates::Candidates;
use crate::config::SolverConfig;
use crate::plan::{PlacedBreak, Plan, PlannedShift};
use crate::prepare::Prepared;

/// What a backend returned.
#[derive(Debug, Clone)]
pub(crate) struct RawSolution {
    pub(crate) values: Vec<f64>,
    /// True when the backend proved optimality (within the gap).
    pub(crate) proven: bool,
    /// Best bound on the model objective (without the constant), if known.
    pub(crate) bound: Option<f64>,
    /// Model objective (without the constant) of the returned values.
    pub(crate) objective: f64,
}

/// The MILP's plan and statistics.
#[derive(Debug, Clone)]
pub(crate) struct MilpResult {
    pub(crate) plan: Option<Plan>,
    pub(crate) proven: bool,
    /// Lower bound on the full objective, if the backend gave one.
    pub(crate) bound: Option<f64>,
    pub(crate) infeasible: bool,
    pub(crate) columns: usize,
    pub(crate) rows: usize,
}

/// Lower bound on the full objective from the LP relaxation of the full model, if the backend
/// solved it to optimality within `time_limit`.
pub(crate) fn lp_bound(
    prep: &Prepared<'_>,
    cands: &Candidates,
    config: &SolverConfig,
    time_limit: f64,
) -> Option<f64> {
    let scope = Scope {
        relax: true,
        ..Scope::default()
    };
    let built = build::build(prep, cands, None, scope);
    let constant = good_lp::IntoAffineExpression::constant(&built.objective);
    match backend::run(built, config, time_limit) {
        Ok(raw) if raw.proven => Some(raw.objective + constant),
        _ => None,
    }
}

/// Solves the MILP of `scope`: all agents, or only the free ones with the others kept from
/// `scope.base`. The returned plan holds every agent.
pub(crate) fn solve(
    prep: &Prepared<'_>,
    cands: &Candidates,
    config: &SolverConfig,
    start: Option<(&Plan, &Assignment)>,
    scope: Scope<'_>,
    time_limit: f64,
) -> MilpResult {
    let built = build::build(prep, cands, start, scope);
    let columns = built.columns.len();
    let rows = built.constraints.len();
    let constant = good_lp::IntoAffineExpression::constant(&built.objective);
    let x = built.x.clone();
    let break_map = built.breaks.clone();
    let placed = built.placed.clone();
    let outcome = backend::run(built, config, time_limit);
    let raw = match outcome {
        Ok(raw) => raw,
        Err(backend::Failure::Infeasible) => {
            return MilpResult {
                plan: None,
                proven: true,
                bound: None,
                infeasible: true,
                columns,
                rows,
            };
        }
        Err(backend::Failure::Other(_)) => {
            return MilpResult {
                plan: None,
                proven: false,
                bound: None,
                infeasible: false,
                columns,
                rows,
            };
        }
    };
    // Chosen shifts.
    let mut plan = Plan::locked_only(prep, cands);
    if let Some(base) = scope.base {
        for (a, shifts) in plan.shifts.iter_mut().enumerate() {
            if !scope.is_free(a) {
                shifts.clone_from(&base.shifts[a]);
            }
        }
    }
    let mut chosen_by_class: std::collections::BTreeMap<build::ClassKey, Vec<usize>> =
        Default::default();
    for &(ci, col) in &x {
        if raw.values.get(col).copied().unwrap_or(0.0) > 0.5 {
            let c = cands.list[ci];
            chosen_by_class
                .entry(build::class_key(prep, &c))
                .or_default()
                .push(ci);
        }
    }
    let mut pools = std::collections::BTreeMap::new();
    for (key, members) in &mut chosen_by_class {
        // Candidates whose breaks the scope fixed keep them.
        members.retain(|ci| match placed.get(ci) {
            Some(bs) => {
                plan.insert(PlannedShift {
                    cand: cands.list[*ci],
                    breaks: bs.clone(),
                });
                false
            }
            None => true,
        });
        // Break positions per slot as a multiset.
        let slots = break_map.get(key).map(|s| {
            s.iter()
                .map(|cols| {
                    cols.iter()
                        .map(|&(o, col)| (o, raw.values.get(col).copied().unwrap_or(0.0)))
                        .collect()
                })
                .collect()
        });
        pools.insert(key.clone(), slots.unwrap_or_default());
    }
    hand_out_breaks(prep, cands, &mut plan, &chosen_by_class, &pools);
    MilpResult {
        plan: Some(plan),
        proven: raw.proven,
        bound: raw.bound.map(|b| b + constant).or(if raw.proven {
            Some(raw.objective + constant)
        } else {
            None
        }),
        infeasible: false,
        columns,
        rows,
    }
}

/// Break offsets per slot of one class, each with the (rounded) number of members that take it.
pub(crate) type SlotCounts = Vec<Vec<(usize, f64)>>;

/// Inserts the chosen candidates of each class into `plan` with concrete breaks: the model's
/// per-slot counts of break offsets are handed out to the class's members (interchangeable, as
/// they share start, length and fixed-activity offsets); a break the counts cannot serve goes
/// where `breaks::place` puts it.
pub(crate) fn hand_out_breaks(
    prep: &Prepared<'_>,
    cands: &Candidates,
    plan: &mut Plan,
    chosen_by_class: &std::collections::BTreeMap<build::ClassKey, Vec<usize>>,
    counts: &std::collections::BTreeMap<build::ClassKey, SlotCounts>,
) {
    let zero = vec![0.0; prep.cal.n];
    for (key, members) in chosen_by_class {
        let mut pools: Vec<Vec<usize>> = counts
            .get(key)
            .map(|slots| {
                slots
                    .iter()
                    .map(|offsets| {
                        offsets
                            .iter()
                            .flat_map(|&(o, v)| std::iter::repeat_n(o, v.round().max(0.0) as usize))
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default();
        for &ci in members {
            let c = cands.list[ci];
            let fixed = &prep.agents[c.agent].fixed;
            let rule = prep.rule_for(c.len).unwrap_or(&[]);
            let fallback = breaks::place(prep, &c, &zero);
            let mut placed = Vec::with_capacity(rule.len());
            for (k, slot) in rule.iter().enumerate() {
                let pool = pools.get_mut(k);
                let ok = |o: usize| (c.start + o..c.start + o + slot.len).all(|t| !fixed[t]);
                let pick = pool.and_then(|p| p.iter().position(|&o| ok(o)).map(|i| p.remove(i)));
                match pick {
                    Some(o) => placed.push(PlacedBreak {
                        kind: slot.kind,
                        start: c.start + o,
                        len: slot.len,
                    }),
                    None => {
                        if let Some(b) = fallback.get(k) {
                            placed.push(*b);
                        }
                    }
                }
            }
            plan.insert(PlannedShift {
                cand: c,
                breaks: placed,
            });
        }
    }
}
