//! Re-checking a few agents with the independent validator: the problem restricted to them, their
//! activity and assignment records, and only the per-agent hard rules.

use crate::problem::Problem;
use crate::schedule::{
    Activity, ObjectiveBreakdown, QueueAssignment, Schedule, SolverStats, Totals,
};
use crate::validate::{Rule, Violation, validate};

/// A schedule holding only activity and assignment records (no reported numbers; `stats` is
/// carried along unread).
pub(crate) fn records_only(
    stats: SolverStats,
    activities: Vec<Activity>,
    assignments: Vec<QueueAssignment>,
) -> Schedule {
    Schedule {
        activities,
        assignments,
        coverage: Vec::new(),
        totals: Totals::default(),
        objective: ObjectiveBreakdown::default(),
        unmet_preferences: Vec::new(),
        stats,
    }
}

/// The agents `ids` of `problem` and their records, ready for repeated checks.
#[derive(Debug, Clone)]
pub(crate) struct Recheck<'a> {
    problem: Problem,
    stats: SolverStats,
    ids: Vec<&'a str>,
}

impl<'a> Recheck<'a> {
    /// Restricts `problem` to the agents `ids` (all queues, contracts and rules kept).
    pub(crate) fn new(problem: &Problem, schedule: &Schedule, ids: &[&'a str]) -> Self {
        let mut restricted = Problem {
            agents: Vec::new(),
            ..problem.clone()
        };
        restricted.agents = problem
            .agents
            .iter()
            .filter(|a| ids.contains(&a.id.as_str()))
            .cloned()
            .collect();
        Self {
            problem: restricted,
            stats: schedule.stats.clone(),
            ids: ids.to_vec(),
        }
    }

    /// The agents' records in `schedule`.
    pub(crate) fn records(&self, schedule: &Schedule) -> (Vec<Activity>, Vec<QueueAssignment>) {
        (
            schedule
                .activities
                .iter()
                .filter(|a| self.ids.contains(&a.agent_id.as_str()))
                .cloned()
                .collect(),
            schedule
                .assignments
                .iter()
                .filter(|a| self.ids.contains(&a.agent_id.as_str()))
                .cloned()
                .collect(),
        )
    }

    /// Per-agent hard-rule violations of the agents' records (coverage, totals, objective and
    /// soft preferences are not checked: they depend on the other agents).
    pub(crate) fn violations(
        &self,
        activities: Vec<Activity>,
        assignments: Vec<QueueAssignment>,
    ) -> Vec<Violation> {
        let schedule = records_only(self.stats.clone(), activities, assignments);
        validate(&self.problem, &schedule)
            .into_iter()
            .filter(|v| {
                v.agent_id.as_deref().is_some_and(|a| self.ids.contains(&a))
                    && !matches!(
                        v.rule,
                        Rule::Coverage | Rule::Totals | Rule::Objective | Rule::Preferences
                    )
            })
            .collect()
    }
}

/// Violations in `after` that `before` does not have (same rule, agent, time and message).
pub(crate) fn new_violations(before: &[Violation], after: Vec<Violation>) -> Vec<Violation> {
    after.into_iter().filter(|v| !before.contains(v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflows::fixture;

    #[test]
    fn fixture_is_valid_and_a_broken_shift_is_caught() {
        let p = fixture::problem();
        let s = fixture::schedule();
        let check = Recheck::new(&p, &s, &["ann", "bob"]);
        let (acts, asg) = check.records(&s);
        assert_eq!((acts.len(), asg.len()), (4, 4));
        let before = check.violations(acts.clone(), asg.clone());
        assert!(before.is_empty(), "{before:?}");
        // Drop ann's lunch: her shift now lacks its break and 12-13 is unassigned.
        let acts: Vec<Activity> = acts
            .into_iter()
            .filter(|a| a.type_id != "lunch" || a.agent_id != "ann")
            .collect();
        let after = check.violations(acts, asg);
        let new = new_violations(&before, after);
        assert!(new.iter().any(|v| v.rule == Rule::Breaks));
        assert!(new.iter().all(|v| v.agent_id.as_deref() == Some("ann")));
    }
}
