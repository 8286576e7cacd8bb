//! Criterion benchmarks for `wfm-reports`.
//!
//! - `reports/ingest_aggregate/1_thread`: bulk upsert of 1 million generated conversations
//!   into an empty store plus interval actuals (30-minute grid per queue and channel), on
//!   one rayon thread. Target: >= 2 million conversations per second per core.
//! - `reports/by_day_10m/2_threads`: `ticket_stats` and `handle_time` by local day (in
//!   America/New_York, grouped by queue, exact percentiles) over 10 million stored
//!   conversations, on two rayon threads. Target: <= 10 s.
//!
//! Run with `cargo bench -p wfm-benches --bench reports`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use wfm::reports::{
    ConversationStore, GeneratorConfig, Granularity, GroupBy, Periods, ReportFilter, ReportQuery,
    Tz, actuals, generate_conversations, handle_time, ticket_stats,
};

const START: i64 = 1_767_243_600; // 2026-01-01T00:00:00-05:00

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool")
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
    let mut g = c.benchmark_group("reports/ingest_aggregate");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Elements(convs.len() as u64));
    g.bench_function("1_thread", |b| {
        b.iter_batched(
            || convs.clone(),
            |batch| {
                one.install(|| {
                    let mut store = ConversationStore::new();
                    let out = store.upsert(batch);
                    let series = actuals(&store, &grid, &ReportFilter::default()).expect("actuals");
                    black_box((out, series))
                })
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

fn by_day_10m(c: &mut Criterion) {
    const N: usize = 10_000_000;
    let mut store = ConversationStore::new();
    let mut day = 0u32;
    while store.len() < N {
        let mut chunk = generate_conversations(
            &GeneratorConfig::new(12)
                .start(START + i64::from(day) * 86_400)
                .days(30)
                .daily_volume(31_000.0)
                .agents(400)
                .text_fields(false),
        );
        chunk.truncate(N - store.len());
        store.upsert(chunk);
        day += 30;
    }
    let periods = Periods::new(
        START,
        START + i64::from(day) * 86_400,
        Granularity::Day,
        "America/New_York".parse::<Tz>().expect("zone"),
    )
    .expect("periods");
    let query = ReportQuery::new(periods).by(GroupBy::Queue);
    let two = pool(2);
    let mut g = c.benchmark_group("reports/by_day_10m");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(store.len() as u64));
    g.bench_function("2_threads", |b| {
        b.iter(|| {
            two.install(|| {
                let stats = ticket_stats(&store, &query).expect("ticket_stats");
                let aht = handle_time(&store, &query).expect("handle_time");
                black_box((stats, aht))
            })
        });
    });
    g.finish();
}

criterion_group!(benches, ingest_aggregate, by_day_10m);
criterion_main!(benches);
