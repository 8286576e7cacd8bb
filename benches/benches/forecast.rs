//! Criterion benchmarks for `wfm-forecast`: one fit + 14-day forecast on a year of
//! 30-minute data per model, `auto` with its backtests, and 1,000 series in parallel.
//!
//! The data are generated deterministically (daily and weekly cycles, trend, noise), so the
//! bench needs nothing from `../shared`.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use wfm::forecast::{
    Auto, Fit, History, HoltWinters, Mstl, PoissonRegression, Predict, Timeline, TopDown,
};

/// 2024-01-01 00:00 UTC (a Monday).
const START: i64 = 1_704_067_200;
const HORIZON: usize = 14 * 48;

/// `weeks` of 30-minute contact counts: office-hours daily shape, weekday factors,
/// slow trend and Gaussian noise with Poisson-like variance (xorshift + Box-Muller).
fn synthetic(weeks: usize, seed: u64) -> History {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let weekday = [1.0, 0.95, 0.9, 0.92, 0.85, 0.35, 0.1];
    let values = (0..weeks * 7 * 48)
        .map(|i| {
            let (day, slot) = (i / 48, i % 48);
            let hour = slot as f64 / 2.0;
            let shape = if (7.0..22.0).contains(&hour) {
                (std::f64::consts::PI * (hour - 7.0) / 15.0).sin() + 0.2
            } else {
                0.0
            };
            let mean = 40.0 * shape * weekday[day % 7] * (1.0 + day as f64 / 2000.0);
            let gauss = (-2.0 * uniform().max(1e-12).ln()).sqrt()
                * (2.0 * std::f64::consts::PI * uniform()).cos();
            (mean + mean.sqrt() * gauss).round().max(0.0)
        })
        .collect();
    let timeline = Timeline::new(START, 30).expect("30-minute grid is valid");
    History::new(timeline, values).expect("synthetic values are finite and non-negative")
}

fn single_fits(c: &mut Criterion) {
    let year = synthetic(52, 1);
    let mut g = c.benchmark_group("forecast/year_30min_fit_predict_14d");
    g.bench_function("holt_winters", |b| {
        b.iter(|| {
            HoltWinters::new()
                .fit(black_box(&year))?
                .predict(HORIZON, 0.95)
        })
    });
    g.bench_function("mstl", |b| {
        b.iter(|| Mstl::new().fit(black_box(&year))?.predict(HORIZON, 0.95))
    });
    g.bench_function("top_down", |b| {
        b.iter(|| TopDown::new().fit(black_box(&year))?.predict(HORIZON, 0.95))
    });
    g.bench_function("poisson", |b| {
        b.iter(|| {
            PoissonRegression::new()
                .fit(black_box(&year))?
                .predict(HORIZON, 0.95)
        })
    });
    g.sample_size(20);
    g.bench_function("auto", |b| {
        b.iter(|| Auto::new().fit(black_box(&year))?.predict(HORIZON, 0.95))
    });
    g.finish();
}

fn many_series(c: &mut Criterion) {
    let series: Vec<History> = (0..1000).map(|s| synthetic(16, 100 + s)).collect();
    let mut g = c.benchmark_group("forecast/1000_series_16w_mstl");
    g.sample_size(10);
    g.bench_function("rayon", |b| {
        b.iter(|| {
            series
                .par_iter()
                .map(|h| Mstl::new().fit(h)?.predict(HORIZON, 0.95))
                .collect::<Result<Vec<_>, _>>()
        })
    });
    g.bench_function("sequential", |b| {
        b.iter(|| {
            series
                .iter()
                .map(|h| Mstl::new().fit(h)?.predict(HORIZON, 0.95))
                .collect::<Result<Vec<_>, _>>()
        })
    });
    g.finish();
}

criterion_group!(benches, single_fits, many_series);
criterion_main!(benches);
