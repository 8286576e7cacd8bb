//! Schedule diff: the create, update and delete sets that turn one schedule's activities into
//! another's (workflow `audit-schedule-changes`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::schedule::{Activity, Schedule};

/// A field of an [`Activity`] that an update changes.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&wfm_scheduler::ActivityField::StartTime)?, "\"start_time\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityField {
    /// The record id.
    Id,
    /// The activity type.
    TypeId,
    /// The start.
    StartTime,
    /// The end.
    EndTime,
    /// The queues served.
    QueueIds,
    /// The free text.
    Description,
}

/// One activity that exists in both schedules with different fields.
///
/// # Example
///
/// ```
/// use wfm_scheduler::{Activity, ActivityField, ActivityUpdate};
/// let a = Activity::new("x", "a", "shift", 0, 3600);
/// let u = ActivityUpdate { before: a.clone(), after: Activity { end_time: 7200, ..a },
///     changed: vec![ActivityField::EndTime] };
/// assert_eq!(u.after.end_time - u.before.end_time, 3600);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityUpdate {
    /// The activity in the first schedule.
    pub before: Activity,
    /// The activity in the second schedule.
    pub after: Activity,
    /// The fields that differ, in [`ActivityField`] order.
    pub changed: Vec<ActivityField>,
}

/// Create, update and delete sets between two schedules, each ordered by agent, then start,
/// end, type and id.
///
/// # Example
///
/// See [`diff_schedules`].
///
/// ```
/// let d = wfm_scheduler::ScheduleDiff::default();
/// assert!(d.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleDiff {
    /// Activities only in the second schedule.
    pub created: Vec<Activity>,
    /// Activities in both, changed.
    pub updated: Vec<ActivityUpdate>,
    /// Activities only in the first schedule.
    pub deleted: Vec<Activity>,
}

impl ScheduleDiff {
    /// Whether the schedules have the same activities.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_scheduler::ScheduleDiff::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.updated.is_empty() && self.deleted.is_empty()
    }
}

/// Diffs the activities of two schedules.
///
/// Activities are matched per agent (an activity that changes agent is a delete and a create).
/// Within an agent they match, in this order: by equal non-empty `id`; then by equal start and
/// end (a type or id change); then by equal type and overlapping time, the largest overlap first
/// (a move or resize). Matched pairs that differ are updates; unmatched ones are deletes and
/// creates. Ties go to the earliest activity in (start, end, type, id) order, so the result is
/// deterministic.
///
/// # Example
///
/// ```
/// use wfm_scheduler::*;
/// let p = generate(&GeneratorConfig::default().agents(6).days(1))?;
/// let before = solve(&p, &SolverConfig::default().milp(false))?;
/// let mut after = before.clone();
/// after.activities[0].end_time += 900;
/// let gone = after.activities.pop();
/// let d = diff_schedules(&before, &after);
/// assert_eq!(d.updated.len(), 1);
/// assert_eq!(d.updated[0].changed, vec![ActivityField::EndTime]);
/// assert_eq!(d.deleted.first(), gone.as_ref());
/// assert!(d.created.is_empty() && diff_schedules(&before, &before).is_empty());
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[must_use]
pub fn diff_schedules(before: &Schedule, after: &Schedule) -> ScheduleDiff {
    let mut by_agent: BTreeMap<&str, (Vec<&Activity>, Vec<&Activity>)> = BTreeMap::new();
    for a in &before.activities {
        by_agent.entry(a.agent_id.as_str()).or_default().0.push(a);
    }
    for a in &after.activities {
        by_agent.entry(a.agent_id.as_str()).or_default().1.push(a);
    }
    let mut out = ScheduleDiff::default();
    for (_, (mut old, mut new)) in by_agent {
        old.sort_by(|x, y| order(x).cmp(&order(y)));
        new.sort_by(|x, y| order(x).cmp(&order(y)));
        let mut pair: Vec<Option<usize>> = vec![None; old.len()];
        let mut taken = vec![false; new.len()];
        let mut pass = |same: &dyn Fn(&Activity, &Activity) -> Option<i64>| {
            for (i, o) in old.iter().enumerate() {
                if pair[i].is_some() {
                    continue;
                }
                // Highest score wins; the first (earliest) on ties.
                let best = new
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| !taken[*j])
                    .filter_map(|(j, n)| same(o, n).map(|s| (s, j)))
                    .min_by_key(|&(s, j)| (-s, j));
                if let Some((_, j)) = best {
                    pair[i] = Some(j);
                    taken[j] = true;
                }
            }
        };
        pass(&|o, n| (!o.id.as_str().is_empty() && o.id == n.id).then_some(0));
        pass(&|o, n| (o.start_time == n.start_time && o.end_time == n.end_time).then_some(0));
        pass(&|o, n| {
            let overlap = o.end_time.min(n.end_time) - o.start_time.max(n.start_time);
            (o.type_id == n.type_id && overlap > 0).then_some(overlap)
        });
        for (i, o) in old.iter().enumerate() {
            match pair[i] {
                None => out.deleted.push((*o).clone()),
                Some(j) => {
                    let changed = changed_fields(o, new[j]);
                    if !changed.is_empty() {
                        out.updated.push(ActivityUpdate {
                            before: (*o).clone(),
                            after: new[j].clone(),
                            changed,
                        });
                    }
                }
            }
        }
        out.created.extend(
            new.iter()
                .zip(&taken)
                .filter(|(_, t)| !**t)
                .map(|(n, _)| (*n).clone()),
        );
    }
    out.created.sort_by(|x, y| order(x).cmp(&order(y)));
    out.deleted.sort_by(|x, y| order(x).cmp(&order(y)));
    out.updated
        .sort_by(|x, y| order(&x.after).cmp(&order(&y.after)));
    out
}

fn order(a: &Activity) -> (&str, i64, i64, &str, &str) {
    (
        a.agent_id.as_str(),
        a.start_time,
        a.end_time,
        a.type_id.as_str(),
        a.id.as_str(),
    )
}

fn changed_fields(a: &Activity, b: &Activity) -> Vec<ActivityField> {
    [
        (ActivityField::Id, a.id != b.id),
        (ActivityField::TypeId, a.type_id != b.type_id),
        (ActivityField::StartTime, a.start_time != b.start_time),
        (ActivityField::EndTime, a.end_time != b.end_time),
        (ActivityField::QueueIds, a.queue_ids != b.queue_ids),
        (ActivityField::Description, a.description != b.description),
    ]
    .into_iter()
    .filter_map(|(f, c)| c.then_some(f))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflows::fixture::{self, activity, at};

    #[test]
    fn moved_retyped_added_removed_and_reassigned() {
        let before = fixture::schedule();
        let mut acts = before.activities.clone();
        // ann's shift moves one hour later: the solver id changes with the start, matched by
        // type and overlap.
        acts[0] = activity("ann", "shift", 9, 17);
        // ann's lunch becomes a break at the same time (same id kept).
        acts[1].type_id = "break".into();
        // bob's lunch is deleted, and a meeting is created for cat.
        acts.remove(3);
        acts.push(activity("cat", "meeting", 9, 10));
        let d = diff_schedules(&before, &fixture::with(acts, vec![]));
        let fields: Vec<Vec<ActivityField>> = d.updated.iter().map(|u| u.changed.clone()).collect();
        assert_eq!(
            fields,
            vec![
                vec![
                    ActivityField::Id,
                    ActivityField::StartTime,
                    ActivityField::EndTime
                ],
                vec![ActivityField::TypeId],
            ]
        );
        assert_eq!(d.updated[0].after.start_time, at(9));
        assert_eq!(d.deleted.len(), 1);
        assert_eq!(
            (
                d.deleted[0].agent_id.as_str(),
                d.deleted[0].type_id.as_str()
            ),
            ("bob", "lunch")
        );
        assert_eq!(d.created.len(), 1);
        assert_eq!(d.created[0].agent_id, "cat");
    }

    #[test]
    fn agent_change_is_delete_plus_create_and_far_moves_do_not_match() {
        let before = fixture::schedule();
        let mut acts = before.activities.clone();
        acts[3].agent_id = "ann".into(); // bob's lunch now on ann
        acts[2] = activity("bob", "shift", 20, 24); // no overlap with 10-18
        let d = diff_schedules(&before, &fixture::with(acts, vec![]));
        assert!(d.updated.is_empty());
        assert_eq!(d.deleted.len(), 2);
        assert_eq!(d.created.len(), 2);
        assert_eq!(d.created[0].agent_id, "ann");
        assert_eq!(d.created[1].start_time, at(20));
    }
}
