//! Planner workflows on generated problems and heuristic schedules: every proposal is re-checked
//! with the public validator, and the diff round-trips.

use proptest::prelude::*;
use wfm_scheduler::{
    Activity, FillConfig, Gap, GeneratorConfig, ManualCheckConfig, Problem, Rule, Schedule,
    ShiftSwap, SolverConfig, TimeOffPolicy, TimeOffRequest, TimeWindow, Violation,
    check_manual_activity, coverage_delta, diff_schedules, fill_gap, generate, solve, swap_shifts,
    time_off_impact, validate,
};

fn case(seed: u64, agents: usize) -> (Problem, Schedule) {
    let p = generate(&GeneratorConfig::default().agents(agents).days(2).seed(seed))
        .expect("generator accepts its own options");
    let s = solve(&p, &SolverConfig::default().milp(false)).expect("heuristic solve succeeds");
    (p, s)
}

/// Per-agent hard-rule violations of `agent`'s records in `activities`/`assignments`, through the
/// public validator on the problem restricted to that agent.
fn agent_violations(p: &Problem, s: &Schedule, agent: &str) -> Vec<Violation> {
    let mut only = p.clone();
    only.agents.retain(|a| a.id == agent);
    let mut mine = s.clone();
    mine.activities.retain(|a| a.agent_id == agent);
    mine.assignments.retain(|a| a.agent_id == agent);
    validate(&only, &mine)
        .into_iter()
        .filter(|v| {
            !matches!(
                v.rule,
                Rule::Coverage | Rule::Totals | Rule::Objective | Rule::Preferences
            )
        })
        .collect()
}

fn sorted(mut v: Vec<Activity>) -> Vec<Activity> {
    v.sort_by(|x, y| {
        (&x.agent_id, x.start_time, &x.id, &x.type_id).cmp(&(
            &y.agent_id,
            y.start_time,
            &y.id,
            &y.type_id,
        ))
    });
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn diff_applied_to_before_gives_after(seed in 1u64..500, edits in prop::collection::vec((0usize..1000, 0u8..4), 0..6)) {
        let (_, before) = case(seed, 6);
        let mut after = before.clone();
        for (k, op) in edits {
            if after.activities.is_empty() { break; }
            let i = k % after.activities.len();
            match op {
                0 => { after.activities.remove(i); }
                1 => { after.activities[i].start_time -= 900; after.activities[i].id = format!("{}m", after.activities[i].id).into(); }
                2 => { after.activities[i].type_id = "training".into(); }
                _ => { let mut a = after.activities[i].clone(); a.id = format!("new{k}").into(); a.start_time += 86_400; a.end_time += 86_400; after.activities.push(a); }
            }
        }
        let d = diff_schedules(&before, &after);
        prop_assert!(diff_schedules(&before, &before).is_empty());
        // before - deleted - updated.before + updated.after + created == after
        let mut rebuilt: Vec<Activity> = before.activities.clone();
        for x in d.deleted.iter().chain(d.updated.iter().map(|u| &u.before)) {
            let pos = rebuilt.iter().position(|a| a == x);
            prop_assert!(pos.is_some());
            if let Some(pos) = pos { rebuilt.remove(pos); }
        }
        rebuilt.extend(d.updated.iter().map(|u| u.after.clone()));
        rebuilt.extend(d.created.iter().cloned());
        prop_assert_eq!(sorted(rebuilt), sorted(after.activities.clone()));
        prop_assert!(d.updated.iter().all(|u| !u.changed.is_empty() && u.before.agent_id == u.after.agent_id));
        // Deterministic.
        prop_assert_eq!(diff_schedules(&before, &after), d);
    }

    #[test]
    fn time_off_over_a_shift_removes_exactly_its_served_intervals(seed in 1u64..500, pick in 0usize..100) {
        let (p, s) = case(seed, 6);
        let shifts: Vec<&Activity> = s.activities.iter().filter(|a| a.type_id == "shift").collect();
        prop_assume!(!shifts.is_empty());
        let shift = shifts[pick % shifts.len()];
        let req = TimeOffRequest { agent_id: shift.agent_id.as_str().into(), start_time: shift.start_time,
            end_time: shift.end_time, ..TimeOffRequest::default() };
        let i = time_off_impact(&p, &s, &req, &TimeOffPolicy::default()).expect("valid request");
        let served: i64 = s.assignments.iter()
            .filter(|a| a.agent_id == shift.agent_id && a.start_time >= shift.start_time && a.end_time <= shift.end_time)
            .map(|a| (a.end_time - a.start_time) / 900)
            .sum();
        prop_assert_eq!(i.coverage.iter().map(|d| d.change()).sum::<i64>(), -served);
        prop_assert!(i.coverage.iter().all(|d| d.change() == -1));
        prop_assert!(i.added_shortfall_hours() >= -1e-9);
        let shortfall: f64 = i.coverage.iter().map(|d| d.shortfall_change()).sum::<f64>() * 0.25;
        prop_assert!((shortfall - i.added_shortfall_hours()).abs() < 1e-6);
        prop_assert_eq!(i.reasons.is_empty(), i.recommendation == wfm_scheduler::Recommendation::Approve);
        prop_assert!(i.affected_activities.iter().any(|a| a == shift));
    }

    #[test]
    fn every_fill_candidate_keeps_its_agent_valid(seed in 1u64..500, hour in 7i64..20, queue in 0usize..2) {
        let (p, s) = case(seed, 10);
        let start = p.horizon.start + hour * 3600;
        let gap = Gap { queue_id: p.queues[queue].id.clone(), start_time: start, end_time: start + 7200 };
        let found = fill_gap(&p, &s, &gap, &FillConfig::default().max_agents(4)).expect("valid gap");
        prop_assert!(found.len() <= 4);
        for pair in found.windows(2) {
            prop_assert!(pair[0].shortfall_reduced_hours >= pair[1].shortfall_reduced_hours - 1e-9);
        }
        for c in &found {
            let before = agent_violations(&p, &s, &c.agent_id);
            let mut with = s.clone();
            with.activities.extend(c.activities.iter().cloned());
            with.assignments.extend(c.assignments.iter().cloned());
            let after = agent_violations(&p, &with, &c.agent_id);
            let new: Vec<&Violation> = after.iter()
                .filter(|v| !before.contains(v) && v.rule != Rule::MinMinutesPerWeek)
                .collect();
            prop_assert!(new.is_empty(), "{} {:?}", c.agent_id, new);
            prop_assert!(c.start_time < gap.end_time && gap.start_time < c.end_time);
            let d = coverage_delta(&p, &s, &with).expect("records are valid");
            prop_assert_eq!(&d, &c.coverage);
        }
    }

    #[test]
    fn swapping_twice_restores_the_activities(seed in 1u64..500, x in 0usize..6, y in 0usize..6) {
        prop_assume!(x != y);
        let (p, s) = case(seed, 6);
        let (a, b) = (p.agents[x].id.clone(), p.agents[y].id.clone());
        let swap = ShiftSwap { first_agent: a.clone(), second_agent: b.clone(),
            windows: vec![TimeWindow { start: p.horizon.start, end: p.horizon.start + 86_400 }] };
        let Ok(once) = swap_shifts(&p, &s, &swap) else { return Ok(()); };
        prop_assert_eq!(once.valid, once.issues.is_empty());
        let mut swapped = s.clone();
        swapped.activities.retain(|r| r.agent_id != a && r.agent_id != b);
        swapped.assignments.retain(|r| r.agent_id != a && r.agent_id != b);
        swapped.activities.extend(once.activities.iter().cloned());
        swapped.assignments.extend(once.assignments.iter().cloned());
        prop_assert_eq!(coverage_delta(&p, &s, &swapped).expect("valid records"), once.coverage.clone());
        let twice = swap_shifts(&p, &swapped, &swap).expect("the swap is symmetric");
        let strip = |v: Vec<Activity>| sorted(v.into_iter().map(|mut r| { r.queue_ids.clear(); r }).collect());
        let original: Vec<Activity> = s.activities.iter().filter(|r| r.agent_id == a || r.agent_id == b).cloned().collect();
        prop_assert_eq!(strip(twice.activities), strip(original));
        prop_assert_eq!(once.moved, twice.moved);
    }

    #[test]
    fn a_meeting_inside_a_shift_removes_only_served_intervals(seed in 1u64..500, pick in 0usize..100) {
        let (p, s) = case(seed, 6);
        let shifts: Vec<&Activity> = s.activities.iter().filter(|a| a.type_id == "shift").collect();
        prop_assume!(!shifts.is_empty());
        let shift = shifts[pick % shifts.len()];
        let meeting = Activity::new("m", shift.agent_id.clone(), "meeting", shift.start_time, shift.start_time + 3600);
        let m = check_manual_activity(&p, &s, &meeting, &ManualCheckConfig::default()).expect("valid activity");
        let served = s.assignments.iter()
            .filter(|a| a.agent_id == shift.agent_id)
            .map(|a| (a.end_time.min(meeting.end_time) - a.start_time.max(meeting.start_time)).max(0) / 900)
            .sum::<i64>();
        prop_assert_eq!(m.coverage.iter().map(|d| d.change()).sum::<i64>(), -served);
        let outside = m.issues.iter().any(|i| matches!(i, wfm_scheduler::ActivityIssue::OutsideWorkingHours { .. }));
        prop_assert!(!outside, "{:?}", m.issues);
    }
}

#[test]
fn huge_and_hostile_inputs_are_typed_errors_not_panics() {
    let (p, s) = case(3, 4);
    let agent = p.agents[0].id.clone();
    for (start, end) in [
        (i64::MIN, i64::MAX),
        (i64::MAX - 1, i64::MAX),
        (0, 1),
        (5, 5),
    ] {
        let empty = end <= start;
        let req = TimeOffRequest {
            agent_id: agent.as_str().into(),
            start_time: start,
            end_time: end,
            all_day: true,
            ..TimeOffRequest::default()
        };
        let r1 = time_off_impact(&p, &s, &req, &TimeOffPolicy::default());
        let req = TimeOffRequest {
            all_day: false,
            ..req
        };
        let r2 = time_off_impact(&p, &s, &req, &TimeOffPolicy::default());
        let gap = Gap {
            queue_id: p.queues[0].id.clone(),
            start_time: start,
            end_time: end,
        };
        let r3 = fill_gap(&p, &s, &gap, &FillConfig::default());
        let a = Activity::new("x", agent.as_str(), "shift", start, end);
        let r4 = check_manual_activity(
            &p,
            &s,
            &a,
            &ManualCheckConfig::default().allow_conflicts(true),
        );
        let swap = ShiftSwap {
            first_agent: agent.clone(),
            second_agent: p.agents[1].id.clone(),
            windows: vec![TimeWindow { start, end }],
        };
        let r5 = swap_shifts(&p, &s, &swap);
        if empty {
            assert!(r1.is_err() && r2.is_err() && r3.is_err() && r4.is_err() && r5.is_err());
        }
        // Far outside the horizon nothing is scheduled, so nothing changes.
        if start == i64::MAX - 1 {
            assert!(r2.is_ok_and(|i| i.coverage.is_empty()));
            assert!(r3.is_err()); // the gap does not overlap the horizon
        }
    }
    // An assignment moved entirely before the horizon no longer counts.
    let mut bad = s.clone();
    if let Some(a) = bad.assignments.first_mut() {
        let (orig_start, orig_end) = (a.start_time, a.end_time);
        (a.start_time, a.end_time) = (i64::MIN, i64::MIN + 1);
        let lost: i64 = coverage_delta(&p, &s, &bad)
            .expect("valid records")
            .iter()
            .map(|d| d.change())
            .sum();
        assert_eq!(lost, -((orig_end - orig_start) / 900));
    }
    let mut broken = p.clone();
    broken.horizon.interval_minutes = 0;
    assert!(coverage_delta(&broken, &s, &s).is_err());
}

/// The properties above are not vacuous: over a few seeds, gaps find agents and swaps move shifts.
#[test]
fn properties_exercise_real_candidates_and_swaps() {
    let (mut candidates, mut swaps) = (0, 0);
    for seed in 1..6 {
        let (p, s) = case(seed, 10);
        let noon = p.horizon.start + 12 * 3600;
        let gap = Gap {
            queue_id: p.queues[0].id.clone(),
            start_time: noon,
            end_time: noon + 7200,
        };
        candidates += fill_gap(&p, &s, &gap, &FillConfig::default())
            .expect("valid gap")
            .len();
        let swap = ShiftSwap {
            first_agent: p.agents[0].id.clone(),
            second_agent: p.agents[1].id.clone(),
            windows: vec![TimeWindow {
                start: p.horizon.start,
                end: p.horizon.end(),
            }],
        };
        swaps += swap_shifts(&p, &s, &swap).map_or(0, |o| o.moved);
    }
    // Most agents already work on day 1; of the free q1 agents of seeds 1..6, five have no Monday
    // working hours, so four candidates exist in all (checked by listing them).
    assert!(candidates >= 3, "{candidates}");
    assert!(swaps >= 2, "{swaps}");
}
