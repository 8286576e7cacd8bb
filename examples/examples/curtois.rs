//! Solves Curtois & Qu employee-scheduling instances and prints a results table.
//!
//! Usage: `cargo run --release -p wfm-examples --example curtois [--features wfm/highs] --
//! [INSTANCES] [TIME_LIMIT_SECONDS] [THREADS]` where INSTANCES is e.g. `1-9` or `1,2,10`
//! (default `1-3`), the time limit defaults to 60 s and threads to 1. Reads
//! `../shared/scheduling/curtois` (or `$WFM_CURTOIS_DIR`); skips with a message when absent.
//! With `WFM_PROGRESS=1` every progress report (seconds, phase, step, incumbent, bound) goes
//! to stderr.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use wfm::scheduler::ProgressCallback;
use wfm::scheduler::roster::{RosterConfig, evaluate, parse_curtois, solve_roster};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::var_os("WFM_CURTOIS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/scheduling/curtois"
            ))
        });
    if !dir.join("Instance1.txt").exists() {
        println!("skipping: Curtois instances not found in {}", dir.display());
        return Ok(());
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let instances = parse_instances(args.first().map_or("1-3", String::as_str))?;
    let seconds: f64 = args.get(1).map_or(Ok(60.0), |s| s.parse())?;
    let threads: u32 = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let best_known = std::fs::read_to_string(dir.join("best_known.csv")).unwrap_or_default();
    let mut config = RosterConfig::default()
        .time_limit(Duration::from_secs_f64(seconds))
        .threads(threads);
    if std::env::var_os("WFM_PROGRESS").is_some() {
        let started = Instant::now();
        config = config.progress(ProgressCallback::new(move |p| {
            eprintln!(
                "{:8.1} s {:?} {}/{} incumbent {:?} bound {:?}",
                started.elapsed().as_secs_f64(),
                p.phase,
                p.step,
                p.steps,
                p.incumbent,
                p.bound
            );
        }));
    }
    println!(
        "backend: {:?}, time limit {seconds} s, threads {threads}",
        config.get_backend()
    );
    println!(
        "| instance | ours | best known | gap to best known % | our bound | seconds | violations | status |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for n in instances {
        let text = std::fs::read_to_string(dir.join(format!("Instance{n}.txt")))?;
        let problem = parse_curtois(&text)?;
        let solution = match solve_roster(&problem, &config) {
            Ok(s) => s,
            Err(e) => {
                println!("| {n} | no roster: {e} | | | | | | |");
                continue;
            }
        };
        let check = evaluate(&problem, &solution.roster)?;
        assert_eq!(
            check.objective, solution.objective,
            "evaluator and solver disagree"
        );
        let best = best_known
            .lines()
            .find(|l| l.split(',').next() == Some(n.to_string().as_str()))
            .and_then(|l| l.split(',').nth(4))
            .and_then(|v| v.parse::<f64>().ok());
        let gap = best.map_or("-".to_string(), |b| {
            format!("{:.2}", 100.0 * (solution.objective as f64 - b) / b)
        });
        let bound = solution
            .bound
            .map_or("-".to_string(), |b| format!("{b:.1}"));
        println!(
            "| {n} | {} | {} | {gap} | {bound} | {:.1} | {} | {:?} |",
            solution.objective,
            best.map_or("-".to_string(), |b| b.to_string()),
            solution.seconds,
            check.violations.len(),
            solution.status,
        );
    }
    Ok(())
}

fn parse_instances(spec: &str) -> Result<Vec<u32>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for part in spec.split(',') {
        match part.split_once('-') {
            Some((a, b)) => out.extend(a.parse::<u32>()?..=b.parse::<u32>()?),
            None => out.push(part.parse()?),
        }
    }
    Ok(out)
}
