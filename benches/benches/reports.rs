//! Criterion benchmarks for `wfm-reports`.
//!
//! - `reports/ingest_aggregate/1_thread`: bulk upsert of 1 million generated conversations
//!   (all text fields and metadata) into an empty store plus interval actuals (30-minute
//!   grid per queue and channel), on one rayon thread. Target: >= 2 million conversations
//!   per second per core. The input batch is cloned before the clock starts and the store
//!   is dropped after it stops: ingest does not include freeing the store.
//! - `reports/by_day_10m/2_threads`: `ticket_stats` and `handle_time` by local day (in
//!   America/New_York, grouped by queue, exact percentiles) over 10 million stored
//!   conversations, on two rayon threads. Target: <= 10 s. The 10 million conversations
//!   are generated and stored once, lazily (only when this benchmark is selected), on two
//!   threads, outside the timing.
//!
//! Besides criterion's wall-clock figures, each benchmark prints the median CPU time of
//! its timed section (Linux, from `/proc/thread-self/schedstat` of the threads doing the
//! work), which the load of a shared machine does not inflate.
//!
//! Run with `cargo bench -p wfm-benches --bench reports`.

use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wfm::reports::{
    ConversationInput, ConversationStore, GeneratorConfig, Granularity, GroupBy, Periods,
    ReportFilter, ReportQuery, Tz, actuals, generate_conversations, handle_time, ticket_stats,
};

/// The allocator the `wfm` binary ships with (see `crates/wfm-cli/src/main.rs`); build
/// with `--features system-allocator` to measure with the platform's allocator instead.
#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const START: i64 = 1_767_243_600; // 2026-01-01T00:00:00-05:00

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool")
}

/// CPU time the calling thread has run, from `/proc/thread-self/schedstat` (nanoseconds
/// on CPU); `None` where that file does not exist.
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// CPU time of every thread of `pool` so far (one `thread_cpu` read on each worker).
fn pool_cpu(pool: &rayon::ThreadPool) -> Option<Duration> {
    pool.broadcast(|_| thread_cpu())
        .into_iter()
        .sum::<Option<Duration>>()
}

/// Prints the median CPU time of `samples` and the throughput it gives.
fn print_cpu(name: &str, samples: &[Duration], elements: usize, cores: usize) {
    let mut s = samples.to_vec();
    if s.is_empty() {
        eprintln!("{name}: CPU time unavailable on this platform");
        return;
    }
    s.sort();
    let median = s[s.len() / 2];
    let per_core = elements as f64 / median.as_secs_f64() / 1e6;
    eprintln!(
        "{name}: median CPU time {:.3} s over {} samples ({} conversations, {cores} thread(s)): {per_core:.2} M conversations per CPU-second",
        median.as_secs_f64(),
        s.len(),
        elements,
    );
}

fn ingest_aggregate(c: &mut Criterion) {
    // About 1 million conversations over 5 weeks.
    let convs = generate_conversations(
        &GeneratorConfig::new(11)
            .start(START)
            .days(35)
            .daily_volume(32_500.0)
            .agents(400),
    );
    let grid = Periods::grid(START, 1_800, 35 * 48).expect("grid");
    let one = pool(1);
    let cpu = RefCell::new(Vec::new());
    let mut g = c.benchmark_group("reports/ingest_aggregate");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Elements(convs.len() as u64));
    g.bench_function("1_thread", |b| {
        b.iter_custom(|iters| {
            let mut wall = Duration::ZERO;
            for _ in 0..iters {
                let batch: Vec<ConversationInput> = convs.clone();
                let (elapsed, used, kept) = one.install(|| {
                    let cpu0 = thread_cpu();
                    let t0 = Instant::now();
                    let mut store = ConversationStore::new();
                    let out = store.upsert(batch);
                    let series = actuals(&store, &grid, &ReportFilter::default()).expect("actuals");
                    let kept = black_box((store, out, series));
                    let elapsed = t0.elapsed();
                    let used = thread_cpu().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
                    (elapsed, used, kept)
                });
                wall += elapsed;
                cpu.borrow_mut().extend(used);
                drop(kept); // outside the timing
            }
            wall
        });
    });
    g.finish();
    print_cpu(
        "reports/ingest_aggregate/1_thread",
        &cpu.borrow(),
        convs.len(),
        1,
    );
}

/// Ten million generated conversations (no text fields) in a store, built on `pool`.
fn ten_million(pool: &rayon::ThreadPool) -> (ConversationStore, i64) {
    use rayon::prelude::*;
    const N: usize = 10_000_000;
    const CHUNK_DAYS: u32 = 10;
    // 31,000 on an average weekday gives about 275,000 per 10 days: 37 chunks suffice.
    // Chunks are generated two at a time (one per thread) to bound memory.
    let mut store = ConversationStore::new();
    let mut end = START;
    let mut k = 0u32;
    while store.len() < N && k < 100 {
        let chunks: Vec<Vec<ConversationInput>> = pool.install(|| {
            (k..k + 2)
                .into_par_iter()
                .map(|k| {
                    generate_conversations(
                        &GeneratorConfig::new(12)
                            .start(START + i64::from(k * CHUNK_DAYS) * 86_400)
                            .days(CHUNK_DAYS)
                            .daily_volume(31_000.0)
                            .agents(400)
                            .text_fields(false),
                    )
                })
                .collect()
        });
        for mut chunk in chunks {
            if store.len() >= N {
                break;
            }
            chunk.truncate(N - store.len());
            k += 1;
            end = START + i64::from(k * CHUNK_DAYS) * 86_400;
            pool.install(|| store.upsert(chunk));
        }
    }
    assert_eq!(
        store.len(),
        N,
        "the generator made fewer than 10 M conversations"
    );
    (store, end)
}

fn by_day_10m(c: &mut Criterion) {
    let two = pool(2);
    let data = std::sync::OnceLock::new();
    let cpu = RefCell::new(Vec::new());
    let mut g = c.benchmark_group("reports/by_day_10m");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(10_000_000));
    g.bench_function("2_threads", |b| {
        let (store, end) = data.get_or_init(|| ten_million(&two));
        let periods = Periods::new(
            START,
            *end,
            Granularity::Day,
            "America/New_York".parse::<Tz>().expect("zone"),
        )
        .expect("periods");
        let query = ReportQuery::new(periods).by(GroupBy::Queue);
        b.iter_custom(|iters| {
            let mut wall = Duration::ZERO;
            for _ in 0..iters {
                let cpu0 = pool_cpu(&two);
                let t0 = Instant::now();
                let kept = two.install(|| {
                    let stats = ticket_stats(store, &query).expect("ticket_stats");
                    let aht = handle_time(store, &query).expect("handle_time");
                    black_box((stats, aht))
                });
                wall += t0.elapsed();
                let used = pool_cpu(&two).zip(cpu0).map(|(b, a)| b.saturating_sub(a));
                cpu.borrow_mut().extend(used);
                drop(kept);
            }
            wall
        });
    });
    g.finish();
    if data.get().is_some() {
        print_cpu("reports/by_day_10m/2_threads", &cpu.borrow(), 10_000_000, 2);
    }
}

criterion_group!(benches, ingest_aggregate, by_day_10m);
criterion_main!(benches);
