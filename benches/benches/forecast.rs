//! Criterion benchmarks for `wfm-forecast`: one fit + 14-day forecast on a year of
//! 30-minute data per model, `auto` with its backtests, and a 1,000-series refit
//! sequentially and with rayon on 1 and on all cores (wall time and process CPU time).
//!
//! The data are generated deterministically (daily and weekly cycles, trend, noise), so the
//! bench needs nothing from `../shared`.
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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

/// Fits MSTL (with its interval-calibration holdout) and forecasts 14 days for every series.
fn refit_all<'a>(
    series: impl Iterator<Item = &'a History>,
) -> Result<Vec<wfm::forecast::Forecast>, wfm::forecast::Error> {
    series
        .map(|h| Mstl::new().fit(h)?.predict(HORIZON, 0.95))
        .collect()
}

/// The same refit with rayon on a pool of `threads` worker threads.
fn refit_all_par(
    pool: &rayon::ThreadPool,
    series: &[History],
) -> Result<Vec<wfm::forecast::Forecast>, wfm::forecast::Error> {
    pool.install(|| {
        series
            .par_iter()
            .map(|h| Mstl::new().fit(h)?.predict(HORIZON, 0.95))
            .collect()
    })
}

/// CPU time (user + system) of the whole process so far, all threads, from
/// `/proc/self/stat` (Linux; clock ticks of 10 ms, `USER_HZ` = 100). `None` elsewhere.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Process CPU time spent running `run` `iters` times.
fn cpu_time_of<T>(iters: u64, run: impl Fn() -> T) -> Duration {
    let before = process_cpu_time().unwrap_or_default();
    for _ in 0..iters {
        black_box(run());
    }
    process_cpu_time()
        .unwrap_or_default()
        .saturating_sub(before)
}

/// 1,000 series of 16 weeks, refitted sequentially, with rayon on one worker and with rayon
/// on every core: the same work in each case. The first group measures wall time, the
/// second process CPU time (so the sum over threads; equal to wall time when sequential),
/// both with a throughput of 1,000 series per iteration.
fn many_series(c: &mut Criterion) {
    let series: Vec<History> = (0..1000).map(|s| synthetic(16, 100 + s)).collect();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let pools: Vec<(String, rayon::ThreadPool)> = [1, cores]
        .into_iter()
        .filter_map(|n| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .ok()?;
            Some((format!("rayon_{n}_threads"), pool))
        })
        .collect();
    let mut g = c.benchmark_group("forecast/1000_series_16w_mstl");
    g.sample_size(10);
    g.throughput(Throughput::Elements(series.len() as u64));
    g.bench_function("sequential", |b| {
        b.iter(|| refit_all(black_box(&series).iter()))
    });
    for (name, pool) in &pools {
        g.bench_function(name.as_str(), |b| {
            b.iter(|| refit_all_par(pool, black_box(&series)))
        });
    }
    g.finish();

    if process_cpu_time().is_none() {
        println!("skipping CPU-time group: /proc/self/stat not readable");
        return;
    }
    let mut g = c.benchmark_group("forecast/1000_series_16w_mstl_cpu_time");
    g.sample_size(10);
    g.throughput(Throughput::Elements(series.len() as u64));
    g.bench_function("sequential", |b| {
        b.iter_custom(|iters| cpu_time_of(iters, || refit_all(series.iter())))
    });
    for (name, pool) in &pools {
        g.bench_function(name.as_str(), |b| {
            b.iter_custom(|iters| cpu_time_of(iters, || refit_all_par(pool, &series)))
        });
    }
    g.finish();
}

criterion_group!(benches, single_fits, many_series);
criterion_main!(benches);
