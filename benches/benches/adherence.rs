//! Criterion benchmarks for `wfm-adherence` on the seeded synthetic day
//! (`wfm_adherence::synthetic`, about 100 raw states per agent, three platforms, schedules
//! with two breaks and a lunch).
//!
//! - `adherence/condense_1_thread`: condensation throughput on one core (records per second).
//! - `adherence/report_100k_agents`: the full adherence report (metrics, exceptions, report
//!   rows) for 100,000 agents on the default rayon pool.
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wfm::adherence::synthetic::{SyntheticConfig, SyntheticDay};
use wfm::adherence::{AdherenceConfig, CondenseConfig, Granularity, condense, measure};

fn condensation(c: &mut Criterion) {
    let day = SyntheticDay::generate(&SyntheticConfig::new(20_000)).expect("synthetic day");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    let config = CondenseConfig::new(day.window);
    let mut g = c.benchmark_group("adherence");
    g.throughput(Throughput::Elements(day.states.record_count() as u64));
    g.sample_size(10);
    g.bench_function("condense_1_thread", |b| {
        b.iter(|| pool.install(|| black_box(condense(black_box(&day.states), &config)).len()));
    });
    g.finish();
}

fn report(c: &mut Criterion) {
    let day = SyntheticDay::generate(&SyntheticConfig::new(100_000)).expect("synthetic day");
    let config = AdherenceConfig::new(day.window)
        .granularity(Granularity::Day)
        .start_grace(120)
        .min_exception(60);
    let mut g = c.benchmark_group("adherence");
    g.throughput(Throughput::Elements(day.states.record_count() as u64));
    g.sample_size(10);
    g.bench_function("report_100k_agents", |b| {
        b.iter(|| {
            let report = measure(&day.input(), &config).expect("measure");
            let rows = report.rows().len();
            black_box((rows, report.exceptions().count()))
        });
    });
    g.finish();
}

criterion_group!(benches, condensation, report);
criterion_main!(benches);
