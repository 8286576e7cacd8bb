//! Criterion benchmarks for `wfm-erlang`: the staffing searches and a 1,000,000-interval curve.
//!
//! Run with `cargo bench -p wfm-benches --bench erlang`. Targets (issue 3): Erlang C minimal agents
//! at 80/20 <= 0.1 us (10 erlangs), <= 2 us (2,000), <= 10 us (40,000); Erlang A minimal agents at
//! 2,000 erlangs <= 50 us; a requirement curve of 1,000,000 intervals <= 1 s on 2 cores.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wfm::erlang::{
    CurveConfig, ErlangA, ErlangC, StaffingModel, Targets, Traffic, erlang_b_trunks,
    requirement_curve,
};
use wfm_core::IntervalGrid;

fn erlang_c(c: &mut Criterion) {
    let targets = Targets::new().service_level(0.8, 20.0);
    let mut g = c.benchmark_group("erlang_c/min_agents_80_20");
    for load in [10.0, 2_000.0, 40_000.0] {
        let model = ErlangC::new(Traffic::from_erlangs(load, 180.0).expect("valid traffic"));
        g.bench_with_input(BenchmarkId::from_parameter(load), &model, |b, m| {
            b.iter(|| m.min_agents(black_box(&targets)).map(|s| s.agents))
        });
    }
    g.finish();
}

fn erlang_a(c: &mut Criterion) {
    let targets = Targets::new().service_level(0.8, 20.0);
    let mut g = c.benchmark_group("erlang_a/min_agents_80_20_2000erl");
    for patience in [30.0, 120.0, 600.0] {
        let traffic = Traffic::from_erlangs(2_000.0, 180.0).expect("valid traffic");
        let model = ErlangA::new(traffic, patience).expect("valid patience");
        g.bench_with_input(BenchmarkId::new("patience_s", patience), &model, |b, m| {
            b.iter(|| m.min_agents(black_box(&targets)).map(|s| s.agents))
        });
    }
    g.finish();
}

fn erlang_b(c: &mut Criterion) {
    let mut g = c.benchmark_group("erlang_b/trunks_1pct");
    for load in [10.0, 2_000.0] {
        g.bench_with_input(BenchmarkId::from_parameter(load), &load, |b, &a| {
            b.iter(|| erlang_b_trunks(black_box(a), 0.01))
        });
    }
    g.finish();
}

fn curve(c: &mut Criterion) {
    const N: usize = 1_000_000;
    let grid = IntervalGrid::from_unix(1_704_067_200, 15, N).expect("valid grid");
    // A deterministic daily shape: 0 to ~450 calls per 15 minutes, AHT 240-330 s (0-165 erlangs).
    let volumes: Vec<f64> = (0..N)
        .map(|i| {
            let day = (i % 96) as f64 / 96.0;
            (450.0 * (std::f64::consts::PI * day).sin().powi(2)).round()
        })
        .collect();
    let aht: Vec<f64> = (0..N).map(|i| 240.0 + (i % 7) as f64 * 15.0).collect();
    let config = CurveConfig::default()
        .model(StaffingModel::ErlangC)
        .targets(Targets::new().service_level(0.8, 20.0))
        .shrinkage(&[0.3]);
    let mut g = c.benchmark_group("requirement_curve");
    g.sample_size(10);
    g.bench_function("erlang_c_1m_intervals", |b| {
        b.iter(|| {
            requirement_curve(&grid, black_box(&volumes), &aht, &config).map(|c| c.points.len())
        })
    });
    g.finish();
}

criterion_group!(benches, erlang_c, erlang_a, erlang_b, curve);
criterion_main!(benches);
