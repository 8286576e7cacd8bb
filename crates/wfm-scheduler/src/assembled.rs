//! Assembled-shaped records (wfm-core's `TimeOffRequest` and `Activity`) merged into a [`Problem`].

use std::collections::HashMap;

use wfm_core::{Record, TimeOffStatus};

use crate::problem::{FixedActivity, Problem, TimeWindow};
use crate::{Error, Result};

/// A wfm-core record problem as this crate's error, its field prefixed by `prefix`.
pub(crate) fn record_error(prefix: &str, p: wfm_core::Problem) -> Error {
    Error::InvalidValue {
        field: format!("{prefix}.{}", p.field),
        value: p.value,
        reason: p.kind.to_string(),
    }
}

impl Problem {
    /// This problem with Assembled records merged into its agents (matched by `agent_id`):
    ///
    /// - every **approved** [`wfm_core::TimeOffRequest`] becomes a hard `time_off` window
    ///   `[start_time, end_time)` of its agent; pending, denied and cancelled requests are not
    ///   hard and are skipped;
    /// - every [`wfm_core::Activity`] (a meeting, a training) becomes a `fixed_activities` entry
    ///   with its `type_id`, kept exactly and counted as non-productive.
    ///
    /// Records are appended after the agent's own entries; overlaps and other rule conflicts
    /// are reported by [`Problem::check`] (and by the solver) as for hand-written entries.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidValue`] naming `time_off_requests[i].<field>` or `activities[i].<field>`
    ///   and the value, for a record its own validation rejects (empty `agent_id`, an end not
    ///   after the start, an empty activity `id` or `type_id`);
    /// - [`Error::InvalidValue`] naming `activities[i].type_id` when the type is the problem's
    ///   shift, break or lunch type: those are schedule output (keep an existing shift with
    ///   `locked_shifts`);
    /// - [`Error::UnknownId`] naming `...agent_id` for an agent the problem does not have.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_scheduler::{generate, GeneratorConfig};
    /// let p = generate(&GeneratorConfig::default().agents(2).days(1))?;
    /// let a = p.agents[0].id.clone();
    /// let day = p.horizon.start;
    /// let requests: Vec<wfm_core::TimeOffRequest> = serde_json::from_value(serde_json::json!([
    ///     {"agent_id": a, "status": "approved", "start_time": day, "end_time": day + 3600},
    ///     {"agent_id": a, "status": "pending", "start_time": day + 7200, "end_time": day + 10800}]))
    ///     .map_err(|e| wfm_scheduler::Error::InvalidValue {
    ///         field: "requests".into(), value: "json".into(), reason: e.to_string() })?;
    /// let meeting = wfm_core::Activity::new("m1", a.as_str(), "meeting", day + 3600, day + 5400);
    /// let before = p.agents[0].time_off.len();
    /// let q = p.with_assembled(&requests, &[meeting])?;
    /// assert_eq!(q.agents[0].time_off.len(), before + 1); // the pending request is not hard
    /// assert_eq!(q.agents[0].fixed_activities.last().map(|f| f.end), Some(day + 5400));
    /// # Ok::<(), wfm_scheduler::Error>(())
    /// ```
    pub fn with_assembled(
        mut self,
        time_off_requests: &[wfm_core::TimeOffRequest],
        activities: &[wfm_core::Activity],
    ) -> Result<Self> {
        let index: HashMap<String, usize> = self
            .agents
            .iter()
            .enumerate()
            .rev() // the first of repeated ids wins; `check` reports the repetition
            .map(|(k, a)| (a.id.clone(), k))
            .collect();
        let agent_of = |field: String, id: &str| -> Result<usize> {
            index.get(id).copied().ok_or_else(|| Error::UnknownId {
                field: format!("{field}.agent_id"),
                id: id.to_owned(),
            })
        };
        let mut time_off = Vec::new();
        for (i, r) in time_off_requests.iter().enumerate() {
            let field = format!("time_off_requests[{i}]");
            if let Some(p) = r.validate().into_iter().next() {
                return Err(record_error(&field, p));
            }
            let k = agent_of(field, r.agent_id.as_str())?;
            if r.status == TimeOffStatus::Approved {
                time_off.push((
                    k,
                    TimeWindow {
                        start: r.start_time,
                        end: r.end_time,
                    },
                ));
            }
        }
        let types = &self.activity_types;
        let schedule_types = [types.shift.as_str(), &types.break_, &types.lunch];
        let mut fixed = Vec::new();
        for (i, x) in activities.iter().enumerate() {
            let field = format!("activities[{i}]");
            if let Some(p) = x.validate().into_iter().next() {
                return Err(record_error(&field, p));
            }
            if schedule_types.contains(&x.type_id.as_str()) {
                return Err(Error::invalid(
                    format!("{field}.type_id"),
                    format!("{:?}", x.type_id.as_str()),
                    "is a shift, break or lunch type of the problem, not a fixed activity \
                     (keep an existing shift with locked_shifts)",
                ));
            }
            let k = agent_of(field, x.agent_id.as_str())?;
            fixed.push((
                k,
                FixedActivity {
                    type_id: x.type_id.as_str().to_owned(),
                    start: x.start_time,
                    end: x.end_time,
                },
            ));
        }
        for (k, w) in time_off {
            self.agents[k].time_off.push(w);
        }
        for (k, f) in fixed {
            self.agents[k].fixed_activities.push(f);
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GeneratorConfig, SolverConfig, generate, solve, validate};
    use wfm_core::{Activity, TimeOffRequest};

    fn problem() -> Problem {
        generate(&GeneratorConfig::default().agents(4).days(2).seed(3)).unwrap()
    }

    fn request(agent: &str, status: &str, start: i64, end: i64) -> TimeOffRequest {
        serde_json::from_value(serde_json::json!({
            "id": format!("to-{status}"), "agent_id": agent, "type": "pto", "status": status,
            "start_time": start, "end_time": end}))
        .unwrap()
    }

    #[test]
    fn approved_time_off_is_hard_and_meetings_are_kept() {
        let mut p = problem();
        for k in [1, 2] {
            p.agents[k].time_off.clear();
            p.agents[k].fixed_activities.clear();
            p.agents[k].locked_shifts.clear();
        }
        let a = p.agents[1].id.clone();
        let day2 = p.horizon.start + 86_400;
        // The whole second day off (approved), plus requests that must not count.
        let requests = [
            request(&a, "approved", day2, day2 + 86_400),
            request(&a, "pending", p.horizon.start, day2),
            request(&a, "denied", p.horizon.start, day2),
            request(&a, "canceled", p.horizon.start, day2),
        ];
        // RFC 3339 times are Assembled's wire form too.
        let meeting: Activity = serde_json::from_value(serde_json::json!({
            "id": "m1", "agent_id": p.agents[2].id, "activity_type_id": "meeting",
            "start_time": chrono::DateTime::from_timestamp(p.horizon.start + 10 * 3600, 0).unwrap().to_rfc3339(),
            "end_time": p.horizon.start + 11 * 3600}))
        .unwrap();
        let q = p.clone().with_assembled(&requests, &[meeting]).unwrap();
        let mut expected = p.agents[1].time_off.clone();
        expected.push(TimeWindow {
            start: day2,
            end: day2 + 86_400,
        });
        assert_eq!(q.agents[1].time_off, expected);
        assert_eq!(
            q.agents[2].fixed_activities.last(),
            Some(&FixedActivity {
                type_id: "meeting".into(),
                start: p.horizon.start + 10 * 3600,
                end: p.horizon.start + 11 * 3600,
            })
        );
        let untouched = |k: usize| q.agents[k] == p.agents[k];
        assert!(untouched(0) && untouched(3));
        // The merged problem solves; the validator (which reads the same agents) finds nothing
        // and agent 1 works nothing on day 2.
        let s = solve(&q, &SolverConfig::default().milp(false)).unwrap();
        assert_eq!(validate(&q, &s), vec![]);
        assert!(
            s.activities
                .iter()
                .filter(|x| x.agent_id == a)
                .all(|x| x.end_time <= day2 || x.start_time >= day2 + 86_400)
        );
    }

    #[test]
    fn bad_records_name_field_and_value() {
        let p = problem();
        let a = p.agents[0].id.clone();
        let t0 = p.horizon.start;
        let err =
            |r: &[TimeOffRequest], x: &[Activity]| p.clone().with_assembled(r, x).unwrap_err();

        let e = err(&[request(&a, "approved", t0 + 60, t0)], &[]);
        assert!(
            matches!(&e, Error::InvalidValue { field, value, .. }
                if field == "time_off_requests[0].end_time" && *value == t0.to_string()),
            "{e}"
        );
        let e = err(&[request("nobody", "pending", t0, t0 + 60)], &[]);
        assert_eq!(
            e,
            Error::UnknownId {
                field: "time_off_requests[0].agent_id".into(),
                id: "nobody".into()
            }
        );
        let ok = Activity::new("m", a.as_str(), "training", t0, t0 + 900);
        let e = err(
            &[],
            &[
                ok.clone(),
                Activity::new("", a.as_str(), "training", t0, t0 + 900),
            ],
        );
        assert!(
            matches!(&e, Error::InvalidValue { field, .. } if field == "activities[1].id"),
            "{e}"
        );
        let e = err(
            &[],
            &[Activity::new("s", a.as_str(), "shift", t0, t0 + 900)],
        );
        assert!(
            matches!(&e, Error::InvalidValue { field, value, .. }
                if field == "activities[0].type_id" && value == "\"shift\""),
            "{e}"
        );
        let e = err(
            &[],
            &[Activity::new("m", "ghost", "training", t0, t0 + 900)],
        );
        assert!(
            matches!(&e, Error::UnknownId { field, id } if field == "activities[0].agent_id" && id == "ghost"),
            "{e}"
        );
        // An approved request overlapping the agent's own time off is caught by `check`.
        let mut with_off = p.clone();
        with_off.agents[0].time_off = vec![TimeWindow {
            start: t0,
            end: t0 + 3600,
        }];
        let merged = with_off
            .with_assembled(&[request(&a, "approved", t0 + 1800, t0 + 7200)], &[])
            .unwrap();
        assert!(matches!(
            merged.check(),
            Err(Error::Overlap { field, .. }) if field == "agents[0].time_off[1]"
        ));
    }
}
