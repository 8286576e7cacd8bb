//! Criterion benchmarks for `wfm-scheduler`: generated weeks at 15-minute intervals.
//!
//! `cargo bench -p wfm-benches --bench scheduler` (add `--features highs` for the HiGHS cases).
//! Each case first solves once and prints the schedule's quality against the LP-relaxation bound
//! of the full model (objective gap, and shortfall + overstaffing hours), then times the solve.
//! The 1,000- and 5,000-agent HiGHS cases run only with `WFM_BENCH_LARGE=1`, and then as one
//! measured solve each (the quality line, with wall seconds and the process's peak RSS), not as
//! criterion samples (ten samples of a minute-long solve would take ten minutes).
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use wfm::scheduler::{Backend, GeneratorConfig, Problem, SolverConfig, generate, solve, validate};

fn problem(agents: usize) -> Option<Problem> {
    generate(
        &GeneratorConfig::default()
            .agents(agents)
            .days(7)
            .interval_minutes(15)
            .queues(2)
            .seed(1),
    )
    .ok()
}

/// Solves once and prints the quality line quoted in the crate README.
fn report(name: &str, problem: &Problem, config: &SolverConfig) {
    let started = Instant::now();
    match solve(problem, config) {
        Ok(s) => eprintln!(
            "{name}: status={:?} objective={:.1} lp_bound={} gap={} shortfall_h={:.1} over_h={:.1} milps={} seconds={:.2} violations={} peak_rss_mib={}",
            s.stats.status,
            s.stats.objective,
            s.stats.bound.map_or("none".into(), |b| format!("{b:.1}")),
            s.stats
                .gap
                .map_or("none".into(), |g| format!("{:.2}%", 100.0 * g)),
            s.totals.shortfall_hours,
            s.totals.overstaffing_hours,
            s.stats.neighbourhoods,
            started.elapsed().as_secs_f64(),
            validate(problem, &s).len(),
            peak_rss_mib()
        ),
        Err(e) => eprintln!("{name}: error {e}"),
    }
}

/// The process's peak resident set (Linux `VmHWM`), in MiB.
fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or("unknown".into(), |kb| format!("{:.0}", kb / 1024.0))
}

/// One measured solve of a large case (quality line only).
fn solve_large(agents: usize, limit: f64) {
    let Some(problem) = problem(agents) else {
        return;
    };
    let config = SolverConfig::default()
        .backend(Backend::Highs)
        .time_limit_seconds(limit)
        .gap(0.001);
    report(&format!("scheduler/{agents}x7/highs"), &problem, &config);
}

fn case(c: &mut Criterion, agents: usize, backend: Backend, limit: f64) {
    let Some(problem) = problem(agents) else {
        return;
    };
    // As a smoke test (`cargo test --benches`) one short solve proves the path still works.
    let benchmarking = wfm_benches::benchmarking();
    let limit = if benchmarking { limit } else { limit.min(5.0) };
    let config = SolverConfig::default()
        .backend(backend)
        .time_limit_seconds(limit)
        .gap(0.001);
    let name = format!("{agents}x7/{}", backend.name());
    if benchmarking {
        report(&format!("scheduler/{name}"), &problem, &config);
    }
    let mut g = c.benchmark_group("scheduler");
    g.sample_size(10);
    g.bench_function(name, |b| b.iter(|| solve(&problem, &config)));
    g.finish();
}

fn heuristic(c: &mut Criterion) {
    for agents in [200, 1000] {
        let Some(problem) = problem(agents) else {
            continue;
        };
        let config = SolverConfig::default().milp(false);
        let mut g = c.benchmark_group("scheduler/construct");
        g.sample_size(10);
        g.bench_function(format!("{agents}x7"), |b| {
            b.iter(|| solve(&problem, &config))
        });
        g.finish();
    }
}

fn milp(c: &mut Criterion) {
    let large = std::env::var_os("WFM_BENCH_LARGE").is_some();
    case(c, 30, Backend::Microlp, 60.0);
    case(c, 200, Backend::Microlp, 60.0);
    if Backend::Highs.is_available() {
        case(c, 30, Backend::Highs, 10.0);
        case(c, 200, Backend::Highs, 10.0);
        if large && wfm_benches::benchmarking() {
            solve_large(1000, 60.0);
            solve_large(5000, 300.0);
        }
    }
}

criterion_group!(benches, heuristic, milp);
criterion_main!(benches);
