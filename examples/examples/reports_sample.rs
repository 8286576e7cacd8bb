//! Ingest the sample conversations and updates, then print ticket stats by queue per local
//! day and check that the groups add up to the total.
//!
//! Run with `cargo run -p wfm-examples --example reports_sample`.

use wfm::core::{ConversationInput, ConversationUpdate, parse_records};
use wfm::reports::{
    ConversationStore, Granularity, GroupBy, Periods, ReportQuery, Tz, handle_time, ticket_stats,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let read = |name: &str| std::fs::read_to_string(wfm_examples::testdata(name));
    let convs: Vec<ConversationInput> = parse_records(&read("conversations/conversations.jsonl")?)?
        .into_iter()
        .filter_map(|r| r.result.ok())
        .collect();
    let updates: Vec<ConversationUpdate> = parse_records(&read("conversations/updates.jsonl")?)?
        .into_iter()
        .filter_map(|r| r.result.ok())
        .collect();
    let mut store = ConversationStore::new();
    println!("upsert: {}", store.upsert(convs).counts());
    println!("update: {}", store.update(updates).counts());

    let tz: Tz = "America/New_York".parse()?;
    let from = 1_772_427_600; // 2026-03-02T00:00:00-05:00
    let days = Periods::new(from, from + 7 * 86_400, Granularity::Day, tz)?;
    let total = ticket_stats(&store, &ReportQuery::new(days.clone()))?;
    let by_queue = ticket_stats(&store, &ReportQuery::new(days.clone()).by(GroupBy::Queue))?;
    for row in &by_queue {
        println!(
            "{} {:<13} created {:>4} resolved {:>4} frt median {:>7.0} s csat {:.2}",
            row.key.period,
            row.key.group.as_deref().unwrap_or("-"),
            row.created,
            row.resolved,
            row.first_response.median.unwrap_or(f64::NAN),
            row.csat_mean.unwrap_or(f64::NAN),
        );
    }
    let sum: u64 = by_queue.iter().map(|r| r.created).sum();
    assert_eq!(sum, total.iter().map(|r| r.created).sum::<u64>());
    let aht = handle_time(&store, &ReportQuery::new(days).by(GroupBy::Channel))?;
    assert!(
        aht.iter()
            .all(|r| r.handle_time.median <= r.handle_time.p90)
    );
    println!(
        "{} conversations in the week, {} handle-time rows",
        sum,
        aht.len()
    );
    Ok(())
}
