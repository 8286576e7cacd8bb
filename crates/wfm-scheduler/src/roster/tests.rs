//! Tests of the roster module: parser on the real instances, evaluator hand cases, solver
//! against known optima and a brute-force oracle.

use std::path::PathBuf;
use std::time::Duration;

use proptest::prelude::*;

use super::*;

fn curtois_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/scheduling/curtois"
    ));
    if dir.join("Instance1.txt").exists() {
        Some(dir)
    } else {
        println!("skipping: {} is absent", dir.display());
        None
    }
}

fn instance(dir: &std::path::Path, n: u32) -> RosterProblem {
    let text = std::fs::read_to_string(dir.join(format!("Instance{n}.txt")))
        .expect("instance file readable");
    parse_curtois(&text).expect("instance parses")
}

#[test]
fn parser_reads_all_24_instances_with_published_sizes() {
    let Some(dir) = curtois_dir() else { return };
    let csv = std::fs::read_to_string(dir.join("best_known.csv")).expect("best_known.csv");
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let n: u32 = f[0].parse().expect("instance number");
        let p = instance(&dir, n);
        // days, staff, shift types as published in best_known.csv (independent of the parser).
        assert_eq!(p.days.to_string(), f[1], "instance {n} days");
        assert_eq!(p.employees.len().to_string(), f[2], "instance {n} staff");
        assert_eq!(
            p.shift_types.len().to_string(),
            f[3],
            "instance {n} shift types"
        );
        assert!(p.cover.len() <= p.days * p.shift_types.len());
    }
}

#[test]
fn parser_reads_instance_two_fields() {
    let Some(dir) = curtois_dir() else { return };
    let p = instance(&dir, 2);
    // Values read off Instance2.txt by hand.
    assert_eq!(p.shift_types[1].id, "L");
    assert_eq!(p.shift_types[1].forbidden_next, vec![0]);
    assert_eq!(p.employees[0].max_shifts, vec![14, 14]);
    assert_eq!(p.employees[0].max_total_minutes, 4320);
    assert_eq!(p.employees[0].min_total_minutes, 3360);
    assert_eq!(p.cover.len(), 28);
}

#[test]
fn parser_rejects_bad_lines_with_line_numbers() {
    let err = parse_curtois("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,abc,\n").unwrap_err();
    assert_eq!(
        err,
        RosterError::Parse {
            line: 4,
            field: "shift length",
            value: "abc".into()
        }
    );
    let err = parse_curtois("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,X\n").unwrap_err();
    assert!(matches!(
        err,
        RosterError::Parse {
            line: 4,
            field: "forbidden successor",
            ..
        }
    ));
    let err = parse_curtois("SECTION_HORIZON\n7\n").unwrap_err();
    assert_eq!(
        err,
        RosterError::MissingSection {
            section: "SECTION_SHIFTS"
        }
    );
    let text = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,2400,0,5,1,1,1\nSECTION_COVER\n9,D,1,1,1\n";
    assert!(matches!(
        parse_curtois(text),
        Err(RosterError::InvalidProblem { .. })
    ));
}

/// Two employees, three days (Fri-Sun), shift types E and L (L may not be followed by E).
fn hand_problem() -> RosterProblem {
    let mut p = RosterProblem::new(3);
    p.first_weekday = chrono::Weekday::Fri;
    let e = ShiftType::new("E", 480);
    let mut l = ShiftType::new("L", 600);
    l.forbidden_next = vec![0];
    p.shift_types = vec![e, l];
    for id in ["A", "B"] {
        let mut emp = Employee::new(id, 2, 3);
        emp.max_total_minutes = 1200;
        emp.max_weekends = 1;
        p.employees.push(emp);
    }
    p.cover = vec![
        CoverTarget::new(0, 0, 2, 100, 1),
        CoverTarget::new(1, 1, 1, 50, 3),
    ];
    p.shift_on_requests = vec![ShiftRequest::new(0, 2, 0, 7)];
    p.shift_off_requests = vec![ShiftRequest::new(1, 0, 0, 4)];
    p
}

#[test]
fn evaluator_matches_hand_computed_penalties() {
    let p = hand_problem();
    // All off: day 0 E short by 2 (2 x 100), day 1 L short by 1 (50), A's on-request unmet (7).
    let ev = evaluate(&p, &Roster::empty(&p)).expect("evaluates");
    assert_eq!(
        (ev.cover_penalty, ev.request_penalty, ev.objective),
        (250, 7, 257)
    );
    assert!(ev.violations.is_empty());
    // A: E, -, E; B: E, L, L  -> day0 E=2 ok; day1 L=1 ok; B's off-request met (4); A's on met.
    // B works 1680 min > 1200 and works Sat and Sun (one weekend: fine).
    let r = Roster::from_shifts(vec![
        vec![Some(0), None, Some(0)],
        vec![Some(0), Some(1), Some(1)],
    ]);
    let ev = evaluate(&p, &r).expect("evaluates");
    assert_eq!((ev.cover_penalty, ev.request_penalty), (0, 4));
    assert_eq!(
        ev.violations,
        vec![RosterViolation::TotalMinutes {
            employee: 1,
            minutes: 1680,
            min: 0,
            max: 1200
        }]
    );
    // L then E is forbidden; two L on the same day over-cover by one (3).
    let r = Roster::from_shifts(vec![
        vec![None, Some(1), Some(0)],
        vec![None, Some(1), None],
    ]);
    let ev = evaluate(&p, &r).expect("evaluates");
    assert_eq!(ev.cover_penalty, 200 + 3);
    assert_eq!(
        ev.violations,
        vec![RosterViolation::ForbiddenSuccession {
            employee: 0,
            day: 1,
            shift: 1,
            next: 0
        }]
    );
}

#[test]
fn evaluator_checks_runs_weekends_and_maxima() {
    let mut p = RosterProblem::new(9); // Monday start: days 5, 6 are a weekend.
    p.shift_types.push(ShiftType::new("D", 60));
    let mut e = Employee::new("A", 1, 9);
    e.max_shifts = vec![5];
    e.min_consecutive_shifts = 2;
    e.max_consecutive_shifts = 3;
    e.min_consecutive_days_off = 2;
    e.max_weekends = 0;
    e.min_total_minutes = 120;
    p.employees.push(e);
    let w = Some(0);
    // Days: W - W W W W - W W: run of 1 at day 0 touches the start (exempt), off run of 1 at
    // day 1 is interior (too short), run of 4 from day 2 (too long, includes Saturday day 5),
    // off run of 1 at day 6 (too short), run of 2 at days 7-8 touches the end. 7 shifts > 5.
    let r = Roster::from_shifts(vec![vec![w, None, w, w, w, w, None, w, w]]);
    let ev = evaluate(&p, &r).expect("evaluates");
    let v = &ev.violations;
    assert!(v.contains(&RosterViolation::MaxShifts {
        employee: 0,
        shift: 0,
        count: 7,
        max: 5
    }));
    assert!(v.contains(&RosterViolation::MaxConsecutiveShifts {
        employee: 0,
        first_day: 2,
        length: 4,
        max: 3
    }));
    assert!(v.contains(&RosterViolation::MinConsecutiveDaysOff {
        employee: 0,
        first_day: 1,
        length: 1,
        min: 2
    }));
    assert!(v.contains(&RosterViolation::MinConsecutiveDaysOff {
        employee: 0,
        first_day: 6,
        length: 1,
        min: 2
    }));
    assert!(v.contains(&RosterViolation::MaxWeekends {
        employee: 0,
        worked: 1,
        max: 0
    }));
    assert_eq!(v.len(), 5, "{v:?}");
    // A single interior worked day breaks the minimum run; a roster of the wrong size is an error.
    let r = Roster::from_shifts(vec![vec![None, None, w, None, None, None, None, w, w]]);
    let ev = evaluate(&p, &r).expect("evaluates");
    assert_eq!(
        ev.violations,
        vec![RosterViolation::MinConsecutiveShifts {
            employee: 0,
            first_day: 2,
            length: 1,
            min: 2
        }]
    );
    assert!(matches!(
        evaluate(&p, &Roster::from_shifts(vec![vec![None; 8]])),
        Err(RosterError::RosterShape { .. })
    ));
    assert!(matches!(
        evaluate(&p, &Roster::from_shifts(vec![vec![Some(3); 9]])),
        Err(RosterError::RosterShape { .. })
    ));
}

#[test]
fn instance_one_as_shipped_is_reported_infeasible_for_employee_c() {
    let Some(dir) = curtois_dir() else { return };
    // The shipped file limits C to 3 shifts of 480 min but requires 3360 min.
    let p = instance(&dir, 1);
    let err =
        solve_roster(&p, &RosterConfig::default().backend(RosterBackend::Microlp)).unwrap_err();
    assert!(
        matches!(&err, RosterError::NoFeasibleRoster { employee, .. } if employee == "C"),
        "{err}"
    );
}

#[test]
fn instance_one_with_published_limits_solves_near_607_with_microlp() {
    let Some(dir) = curtois_dir() else { return };
    let text = std::fs::read_to_string(dir.join("Instance1.txt")).expect("readable");
    // Restore the published MaxShifts (D=14 for everyone); 607 is the published optimum.
    let fixed: String = text
        .lines()
        .map(|l| match l.split_once(",D=") {
            Some((id, rest)) if id.len() == 1 => {
                format!("{id},D=14,{}\n", rest.split_once(',').map_or("", |r| r.1))
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let p = parse_curtois(&fixed).expect("parses");
    let config = RosterConfig::default()
        .backend(RosterBackend::Microlp)
        .time_limit(Duration::from_secs(60));
    let s = solve_roster(&p, &config).expect("solves");
    let ev = evaluate(&p, &s.roster).expect("evaluates");
    assert!(ev.violations.is_empty());
    assert_eq!(ev.objective, s.objective);
    assert_eq!(s.objective, 607);
}

#[cfg(feature = "highs")]
#[test]
fn instance_two_solves_to_828_with_highs() {
    let Some(dir) = curtois_dir() else { return };
    let p = instance(&dir, 2);
    let config = RosterConfig::default()
        .backend(RosterBackend::Highs)
        .time_limit(Duration::from_secs(60));
    let s = solve_roster(&p, &config).expect("solves");
    let ev = evaluate(&p, &s.roster).expect("evaluates");
    assert!(ev.violations.is_empty());
    assert_eq!((ev.objective, s.objective), (828, 828)); // published optimum
    assert_eq!(s.status, RosterStatus::Optimal);
}

#[test]
fn bad_config_and_contradictory_rules_are_typed_errors() {
    let p = hand_problem();
    let zero = RosterConfig::default().time_limit(Duration::ZERO);
    assert!(matches!(
        solve_roster(&p, &zero),
        Err(RosterError::InvalidConfig {
            field: "time_limit",
            ..
        })
    ));
    let mut q = hand_problem();
    q.employees[1].max_total_minutes = 6000;
    q.employees[1].min_total_minutes = 5000; // 3 days x 600 min at most
    let err =
        solve_roster(&q, &RosterConfig::default().backend(RosterBackend::Microlp)).unwrap_err();
    assert!(matches!(&err, RosterError::NoFeasibleRoster { employee, .. } if employee == "B"));
}

/// Every feasible roster of a tiny problem with its objective, by enumerating every roster (the
/// evaluator is the judge).
fn feasible_rosters(p: &RosterProblem) -> impl Iterator<Item = (Roster, u64)> + '_ {
    let cells = p.employees.len() * p.days;
    let values = p.shift_types.len() as u64 + 1;
    (0..values.pow(cells as u32)).filter_map(move |code| {
        let mut c = code;
        let mut r = Roster::empty(p);
        for e in 0..p.employees.len() {
            for d in 0..p.days {
                let v = (c % values) as usize;
                c /= values;
                r.shifts[e][d] = (v > 0).then(|| v - 1);
            }
        }
        let ev = evaluate(p, &r).expect("evaluates");
        ev.violations.is_empty().then_some((r, ev.objective))
    })
}

/// The optimum of a tiny problem by enumeration.
fn brute_force(p: &RosterProblem) -> Option<u64> {
    feasible_rosters(p).map(|(_, objective)| objective).min()
}

fn tiny_problem() -> impl Strategy<Value = RosterProblem> {
    (2_usize..=4, 1_usize..=2, 1_usize..=2, any::<u64>()).prop_map(
        |(days, types, employees, seed)| {
            let mut bits = seed;
            let mut take = |n: u64| {
                let v = bits % n;
                bits = (bits / n) ^ (bits << 7);
                v
            };
            let mut p = RosterProblem::new(days);
            p.first_weekday = [
                chrono::Weekday::Mon,
                chrono::Weekday::Fri,
                chrono::Weekday::Sat,
            ][take(3) as usize];
            for s in 0..types {
                let mut t = ShiftType::new(format!("S{s}"), 240 + 120 * take(3) as u32);
                if take(3) == 0 {
                    t.forbidden_next = vec![take(types as u64) as usize];
                }
                p.shift_types.push(t);
            }
            for e in 0..employees {
                let mut emp = Employee::new(format!("E{e}"), types, days);
                emp.max_shifts = (0..types).map(|_| take(days as u64 + 1) as u32).collect();
                emp.max_total_minutes = 480 * (1 + take(days as u64) as u32);
                emp.min_total_minutes = if take(2) == 0 { 0 } else { 240 };
                emp.max_consecutive_shifts = 1 + take(days as u64) as u32;
                emp.min_consecutive_shifts = 1 + take(2) as u32;
                emp.min_consecutive_days_off = 1 + take(2) as u32;
                emp.max_weekends = take(2) as u32;
                if take(3) == 0 {
                    emp.days_off = vec![take(days as u64) as usize];
                }
                p.employees.push(emp);
            }
            for d in 0..days {
                for s in 0..types {
                    if take(4) > 0 {
                        p.cover.push(CoverTarget::new(
                            d,
                            s,
                            take(3) as u32,
                            1 + take(20) as u32,
                            take(5) as u32,
                        ));
                    }
                }
            }
            for _ in 0..take(3) {
                let r = ShiftRequest::new(
                    take(employees as u64) as usize,
                    take(days as u64) as usize,
                    take(types as u64) as usize,
                    1 + take(9) as u32,
                );
                if take(2) == 0 {
                    p.shift_on_requests.push(r)
                } else {
                    p.shift_off_requests.push(r)
                }
            }
            p
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every returned roster passes the independent evaluator, reports its recomputed
    /// objective, and (at gap 0) equals the brute-force optimum; infeasibility is reported
    /// exactly when the brute force finds no feasible roster.
    #[test]
    fn solver_matches_brute_force_on_tiny_problems(p in tiny_problem()) {
        let config = RosterConfig::default().backend(RosterBackend::Microlp).time_limit(Duration::from_secs(20));
        let oracle = brute_force(&p);
        match solve_roster(&p, &config) {
            Ok(s) => {
                let ev = evaluate(&p, &s.roster)?;
                prop_assert!(ev.violations.is_empty(), "{:?}", ev.violations);
                prop_assert_eq!(ev.objective, s.objective);
                prop_assert_eq!(Some(s.objective), oracle);
                prop_assert_eq!(s.status, RosterStatus::Optimal);
            }
            Err(RosterError::NoFeasibleRoster { .. }) => prop_assert_eq!(oracle, None),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

#[cfg(feature = "highs")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The HiGHS path agrees with the brute force too.
    #[test]
    fn highs_matches_brute_force_on_tiny_problems(p in tiny_problem()) {
        let config = RosterConfig::default().backend(RosterBackend::Highs).time_limit(Duration::from_secs(20));
        let oracle = brute_force(&p);
        match solve_roster(&p, &config) {
            Ok(s) => {
                let ev = evaluate(&p, &s.roster)?;
                prop_assert!(ev.violations.is_empty(), "{:?}", ev.violations);
                prop_assert_eq!(Some(s.objective), oracle);
            }
            Err(RosterError::NoFeasibleRoster { .. }) => prop_assert_eq!(oracle, None),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

/// The feasible roster of largest objective of a tiny problem (a poor start), by enumeration
/// (the first on ties).
fn worst_feasible(p: &RosterProblem) -> Option<(Roster, u64)> {
    feasible_rosters(p).fold(None, |worst: Option<(Roster, u64)>, (r, objective)| {
        if worst.as_ref().is_none_or(|w| objective > w.1) {
            Some((r, objective))
        } else {
            worst
        }
    })
}

#[cfg(feature = "highs")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Price-and-dive (whole rows and single cells) from the worst feasible roster: its roster passes the independent
    /// evaluator, is no better than the brute-force optimum, and no better than the column
    /// generation's bound allows; after the dive the master's LP is the relaxation again (its
    /// fixings released), so a second dive gives the same roster. Randomised dives (weighted
    /// picks) give valid rosters within the same limits.
    #[test]
    fn dive_gives_valid_rosters_consistent_with_the_bound(p in tiny_problem()) {
        let Some((start, upper)) = worst_feasible(&p) else {
            return Ok(());
        };
        let optimum = brute_force(&p).expect("a feasible roster exists");
        let far = std::time::Instant::now() + Duration::from_secs(60);
        for fix in [colgen::DiveFix::Rows, colgen::DiveFix::Cells] {
            let mut generator = colgen::Generator::new(&p, &start);
            generator.run(upper, 1, 400, far);
            let roster = generator
                .dive(fix, &mut colgen::Pick::Heaviest, 1, far)
                .expect("the dive finishes on a tiny problem");
            let ev = evaluate(&p, &roster)?;
            prop_assert!(ev.violations.is_empty(), "{fix:?}: {:?}", ev.violations);
            prop_assert!(ev.objective >= optimum);
            if let Some(b) = generator.bound {
                prop_assert!(ev.objective as f64 >= b - 1e-6, "{fix:?}: {} below bound {b}", ev.objective);
            }
            let again = generator
                .dive(fix, &mut colgen::Pick::Heaviest, 1, far)
                .expect("the second dive finishes");
            prop_assert_eq!(evaluate(&p, &again)?.objective, ev.objective, "{:?}", fix);
            let mut pick = colgen::Pick::weighted(7);
            for _ in 0..3 {
                let random = generator
                    .dive(fix, &mut pick, 1, far)
                    .expect("a randomised dive finishes");
                let ev = evaluate(&p, &random)?;
                prop_assert!(ev.violations.is_empty(), "{fix:?} random: {:?}", ev.violations);
                prop_assert!(ev.objective >= optimum);
                if let Some(b) = generator.bound {
                    prop_assert!(ev.objective as f64 >= b - 1e-6, "{fix:?} random: {} below bound {b}", ev.objective);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Repeated annealing from the worst feasible roster: the incumbent's roster passes the
    /// independent evaluator at the objective it claims, is no worse than the start and no
    /// better than the brute-force optimum, and the runs end by their last deadline.
    #[test]
    fn repeated_annealing_keeps_a_valid_roster_no_worse_than_the_start(p in tiny_problem()) {
        let Some((start, upper)) = worst_feasible(&p) else {
            return Ok(());
        };
        let optimum = brute_force(&p).expect("a feasible roster exists");
        let mut state = solve::Incumbent { roster: start, objective: upper, bound: None };
        let now = std::time::Instant::now();
        let last = now + Duration::from_millis(200);
        state.anneal_while_gaining(&p, 3, now + Duration::from_millis(20), last)?;
        prop_assert!(std::time::Instant::now() < last + Duration::from_millis(100));
        let ev = evaluate(&p, &state.roster)?;
        prop_assert!(ev.violations.is_empty(), "{:?}", ev.violations);
        prop_assert_eq!(ev.objective, state.objective);
        prop_assert!(state.objective <= upper && state.objective >= optimum);
    }
}
