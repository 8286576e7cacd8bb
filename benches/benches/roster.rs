//! Criterion benchmarks for day-level rostering: parse, evaluate and solve Curtois & Qu
//! instances 1 (with the published limits restored) and 2. Skips with a message when
//! `../shared/scheduling/curtois` is absent.
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use wfm::scheduler::roster::{
    Roster, RosterConfig, RosterProblem, evaluate, parse_curtois, solve_roster,
};

fn instance_text(n: u32) -> Option<String> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/scheduling/curtois"
    ));
    let text = std::fs::read_to_string(dir.join(format!("Instance{n}.txt"))).ok();
    if text.is_none() {
        println!("skipping roster benches: {} is absent", dir.display());
    }
    text
}

/// Instance 1 with every MaxShifts set to the published D=14 (the shipped file caps C at 3).
fn instance_one(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once(",D=") {
            Some((id, rest)) if id.len() == 1 => {
                format!("{id},D=14,{}\n", rest.split_once(',').map_or("", |r| r.1))
            }
            _ => format!("{l}\n"),
        })
        .collect()
}

fn roster(c: &mut Criterion) {
    let (Some(one), Some(two)) = (instance_text(1), instance_text(2)) else {
        return;
    };
    let one = instance_one(&one);
    let mut parse = c.benchmark_group("roster/parse");
    parse.bench_function("instance2", |b| {
        b.iter(|| parse_curtois(std::hint::black_box(&two)))
    });
    parse.finish();

    let problems: Vec<(&str, RosterProblem)> = [("instance1", &one), ("instance2", &two)]
        .into_iter()
        .filter_map(|(name, text)| parse_curtois(text).ok().map(|p| (name, p)))
        .collect();
    let mut eval = c.benchmark_group("roster/evaluate");
    for (name, p) in &problems {
        let empty = Roster::empty(p);
        eval.bench_function(*name, |b| {
            b.iter(|| evaluate(p, std::hint::black_box(&empty)))
        });
    }
    eval.finish();

    let mut solve = c.benchmark_group("roster/solve");
    solve
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    let config = RosterConfig::default().time_limit(Duration::from_secs(5));
    for (name, p) in &problems {
        solve.bench_function(*name, |b| b.iter(|| solve_roster(p, &config)));
    }
    solve.finish();
}

criterion_group!(benches, roster);
criterion_main!(benches);
