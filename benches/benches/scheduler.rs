//! Criterion benchmarks for `wfm-scheduler`: generated weeks at 15-minute intervals.
//!
//! `cargo bench -p wfm-benches --bench scheduler` (add `--features highs` for the HiGHS cases).
//! Each case prints the schedule's objective, LP/MIP bound and gap once before timing.
use criterion::{Criterion, criterion_group, criterion_main};
use wfm::scheduler::{Backend, GeneratorConfig, SolverConfig, generate, solve, validate};

fn case(c: &mut Criterion, agents: usize, backend: Backend, limit: f64) {
    let Ok(problem) = generate(
        &GeneratorConfig::default()
            .agents(agents)
            .days(7)
            .interval_minutes(15)
            .queues(2)
            .seed(1),
    ) else {
        return;
    };
    let config = SolverConfig::default()
        .backend(backend)
        .time_limit_seconds(limit)
        .gap(0.01);
    if let Ok(s) = solve(&problem, &config) {
        eprintln!(
            "scheduler/{agents}x7/{}: status={:?} objective={:.1} bound={:?} gap={:?} shortfall_h={:.1} over_h={:.1} seconds={:.2} violations={}",
            backend.name(),
            s.stats.status,
            s.stats.objective,
            s.stats.bound,
            s.stats.gap,
            s.totals.shortfall_hours,
            s.totals.overstaffing_hours,
            s.stats.seconds,
            validate(&problem, &s).len()
        );
    }
    let mut g = c.benchmark_group("scheduler");
    g.sample_size(10);
    g.bench_function(format!("{agents}x7/{}", backend.name()), |b| {
        b.iter(|| solve(&problem, &config))
    });
    g.finish();
}

fn heuristic(c: &mut Criterion) {
    for agents in [200, 1000] {
        let Ok(problem) = generate(
            &GeneratorConfig::default()
                .agents(agents)
                .days(7)
                .queues(2)
                .seed(1),
        ) else {
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
    case(c, 30, Backend::Microlp, 20.0);
    if Backend::Highs.is_available() {
        case(c, 200, Backend::Highs, 10.0);
        case(c, 1000, Backend::Highs, 60.0);
    }
}

criterion_group!(benches, heuristic, milp);
criterion_main!(benches);
