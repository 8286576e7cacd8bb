//! Ingest the sample conversations and updates, then print ticket stats by queue per local
//! day and check that the groups add up to the total; then attribute conversations to
//! agents through the platform associations and report by team (an agent in two teams
//! counts in both).
//!
//! Run with `cargo run -p wfm-examples --example reports_sample`.

use std::collections::HashMap;

use wfm::core::{
    ConversationInput, ConversationUpdate, Person, PlatformAssociation, parse_records,
};
use wfm::reports::{
    ConversationStore, Granularity, GroupBy, Periods, ReportFilter, ReportQuery, Tz, handle_time,
    ticket_stats,
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
    // The local week 2026-03-02..2026-03-09 crosses the spring-forward change of 2026-03-08,
    // so it is 167 hours long: its end is the local midnight, not 7 x 86,400 s later.
    let midnight = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 3, d)
            .and_then(|d| wfm::core::local_to_unix(tz, d.and_time(chrono::NaiveTime::MIN)))
            .ok_or("no local midnight")
    };
    let (from, to) = (midnight(2)?, midnight(9)?);
    assert_eq!(to - from, 7 * 86_400 - 3_600);
    let days = Periods::new(from, to, Granularity::Day, tz)?;
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

    for r in parse_records::<PlatformAssociation>(&read("conversations/associations.jsonl")?)? {
        if let Ok(a) = r.result {
            store.associate(&a.platform, &a.platform_id, a.agent_id.as_str());
        }
    }
    let mut directory: HashMap<String, Vec<String>> = HashMap::new();
    for r in parse_records::<Person>(&read("conversations/people.jsonl")?)? {
        if let Ok(Person {
            agent_id: Some(agent),
            teams,
            ..
        }) = r.result
        {
            let teams = teams.into_iter().map(|t| t.into_inner());
            directory
                .entry(agent.into_inner())
                .or_default()
                .extend(teams);
        }
    }
    let week = Periods::new(from, to, Granularity::Week, tz)?;
    let by_team = ticket_stats(
        &store,
        &ReportQuery::new(week.clone())
            .by(GroupBy::Team)
            .team_directory(directory.clone()),
    )?;
    for row in &by_team {
        println!(
            "{} {:<7} created {:>4}",
            row.key.period,
            row.key.group.as_deref().unwrap_or("no team"),
            row.created
        );
    }
    let in_two_teams = directory
        .iter()
        .filter(|(_, t)| t.len() > 1)
        .map(|(a, _)| a.clone());
    let twice = ticket_stats(
        &store,
        &ReportQuery::new(week.clone()).filter(ReportFilter::default().agents(in_two_teams)),
    )?;
    let week_total = ticket_stats(&store, &ReportQuery::new(week))?;
    assert_eq!(
        by_team.iter().map(|r| r.created).sum::<u64>(),
        week_total
            .iter()
            .chain(&twice)
            .map(|r| r.created)
            .sum::<u64>()
    );
    Ok(())
}
