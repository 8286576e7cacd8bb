//! Property tests of the acceptance rules: upsert idempotence and order, nothing valid
//! dropped, actual volumes and report totals consistent.

use std::collections::HashMap;

use proptest::prelude::*;
use wfm_reports::*;

const T0: i64 = 1_772_427_600; // 2026-03-02T00:00:00-05:00

/// A record drawn from a small id pool (forcing duplicates), sometimes invalid.
fn record() -> impl Strategy<Value = ConversationInput> {
    (
        0u8..12,
        0usize..6,
        0i64..3 * 86_400,
        prop::option::of(-600i64..7_200),
        prop::option::of(prop_oneof![Just(-5.0), 0.0f64..3_000.0, Just(f64::NAN)]),
        prop::option::of(prop_oneof![0.0f64..6.0, Just(f64::INFINITY)]),
        prop::option::of(prop::bool::ANY),
        (
            0u8..4,
            0u8..5,
            prop::option::of(0.0f64..600.0),
            prop::option::of(0.0f64..600.0),
        ),
    )
        .prop_map(
            |(id, ch, start, dur, handle, csat, resolved, (q, a, wait, frt))| {
                let mut c = ConversationInput::new(format!("c{id}"), Channel::ALL[ch], T0 + start);
                c.ended_at = dur.map(|d| T0 + start + d);
                c.handle_time_seconds = handle;
                c.csat_score = csat.map(|x| x.floor());
                c.resolved = resolved;
                c.queue_id = (q > 0).then(|| format!("q{q}").into());
                c.assigned_agent_id = (a > 0).then(|| format!("a{a}").into());
                c.platform = (a == 4).then(|| "zendesk".to_string());
                c.wait_time_seconds = wait;
                c.first_response_time_seconds = frt;
                c
            },
        )
}

fn batch() -> impl Strategy<Value = Vec<ConversationInput>> {
    prop::collection::vec(record(), 0..40)
}

fn snapshot(store: &ConversationStore) -> Vec<String> {
    let mut v: Vec<String> = store
        .conversations()
        .map(|c| serde_json::to_string(&c).unwrap_or_default())
        .collect();
    v.sort();
    v
}

fn store_of(seed: &[ConversationInput]) -> ConversationStore {
    let mut s = ConversationStore::new();
    s.upsert(seed.to_vec());
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn upsert_is_idempotent(seed in batch(), b in batch()) {
        let mut store = store_of(&seed);
        let first = store.upsert(b.clone());
        let after_first = snapshot(&store);
        let second = store.upsert(b);
        prop_assert_eq!(snapshot(&store), after_first);
        for (o1, o2) in first.outcomes.iter().zip(&second.outcomes) {
            match o1 {
                Outcome::Created | Outcome::Replaced | Outcome::Unchanged => {
                    prop_assert_eq!(o2, &Outcome::Unchanged)
                }
                other => prop_assert_eq!(o2, other),
            }
        }
    }

    #[test]
    fn last_valid_record_wins_and_nothing_valid_is_dropped(seed in batch(), b in batch()) {
        let mut store = store_of(&seed);
        let before: HashMap<String, ConversationInput> =
            store.conversations().map(|c| (c.external_id.clone(), c)).collect();
        let out = store.upsert(b.clone());
        prop_assert_eq!(out.outcomes.len(), b.len());
        let mut winner: HashMap<&str, usize> = HashMap::new();
        for (i, o) in out.outcomes.iter().enumerate() {
            if !matches!(o, Outcome::Rejected(_)) {
                winner.insert(b[i].external_id.as_str(), i);
            }
        }
        for (i, o) in out.outcomes.iter().enumerate() {
            let id = b[i].external_id.as_str();
            match o {
                Outcome::Rejected(_) => {}
                Outcome::Superseded { by } => {
                    prop_assert_eq!(winner.get(id), Some(by));
                    prop_assert!(*by > i);
                }
                o => {
                    prop_assert_eq!(winner.get(id), Some(&i));
                    // Created for a new id, else Unchanged or Replaced against the stored one.
                    let sent = serde_json::to_value(&b[i]).ok();
                    let expected = match before.get(id) {
                        None => Outcome::Created,
                        Some(old) if serde_json::to_value(old).ok() == sent => Outcome::Unchanged,
                        Some(_) => Outcome::Replaced,
                    };
                    prop_assert_eq!(o, &expected);
                }
            }
        }
        // Every winner is stored exactly as sent (modulo -0.0); others keep their old value.
        for c in store.conversations() {
            match winner.get(c.external_id.as_str()) {
                Some(&i) => prop_assert_eq!(
                    serde_json::to_value(&c).ok(),
                    serde_json::to_value(&b[i]).ok()
                ),
                None => prop_assert_eq!(Some(&c), before.get(&c.external_id)),
            }
        }
        let expected_len = before.len() + winner.keys().filter(|k| !before.contains_key(**k)).count();
        prop_assert_eq!(store.len(), expected_len);
    }

    #[test]
    fn updates_apply_valid_records_and_are_idempotent(
        seed in batch(),
        ups in prop::collection::vec((0u8..14, prop::option::of(-2.0f64..7.0), prop::option::of(prop::bool::ANY), prop::option::of(-100i64..5_000)), 0..30),
    ) {
        let mut store = store_of(&seed);
        let updates: Vec<ConversationUpdate> = ups
            .iter()
            .map(|&(id, csat, resolved, end)| {
                let mut u = update_for(format!("c{id}"));
                u.csat_score = csat.map(|x| Some(x.round()));
                u.resolved = resolved;
                u.ended_at = end.map(|e| T0 + e);
                u
            })
            .collect();
        let first = store.update(updates.clone());
        for (u, o) in updates.iter().zip(&first.outcomes) {
            if store.get(&u.external_id).is_none() {
                prop_assert!(matches!(o, Outcome::Rejected(r) if r.field == "external_id"));
            }
            if matches!(o, Outcome::Updated | Outcome::Unchanged) {
                let stored = store.get(&u.external_id);
                prop_assert!(stored.is_some());
                if let (Some(s), Some(csat)) = (stored, u.csat_score) {
                    // `Some(None)` clears the score.
                    prop_assert_eq!(s.csat_score, csat);
                }
            }
        }
        let snap = snapshot(&store);
        let second = store.update(updates);
        prop_assert_eq!(snapshot(&store), snap);
        prop_assert_eq!(second.counts().updated, 0);
    }

    #[test]
    fn actual_volumes_sum_to_conversations_in_range(b in batch(), from in 0i64..86_400, hours in 1i64..60) {
        let store = store_of(&b);
        let from = T0 + from / 1800 * 1800;
        let grid = Periods::grid(from, 1800, (hours * 2) as usize).unwrap();
        let series = actuals(&store, &grid, &ReportFilter::default()).unwrap();
        let total: f64 = series.iter().flat_map(|s| s.volume.iter()).sum();
        let in_range = store.conversations().filter(|c| (grid.from()..grid.to()).contains(&c.started_at)).count();
        prop_assert_eq!(total as usize, in_range);
        for s in &series {
            let handled: f64 = s.handled.iter().sum();
            let expect = store
                .conversations()
                .filter(|c| c.queue_id.as_ref().map(|q| q.as_str()) == s.queue_id.as_deref() && c.channel == s.channel)
                .filter(|c| (grid.from()..grid.to()).contains(&c.started_at) && c.handle_time_seconds.is_some())
                .count();
            prop_assert_eq!(handled as usize, expect);
        }
    }

    #[test]
    fn report_totals_equal_the_sum_of_groups(b in batch(), gran in 0usize..4, tz in 0usize..3) {
        let store = store_of(&b);
        let tz = [chrono_tz::UTC, chrono_tz::America::New_York, chrono_tz::Australia::Sydney][tz];
        let g = [Granularity::Interval { minutes: 60 }, Granularity::Day, Granularity::Week, Granularity::Month][gran];
        let periods = Periods::new(T0, T0 + 3 * 86_400, g, tz).unwrap();
        let total = ticket_stats(&store, &ReportQuery::new(periods.clone())).unwrap();
        prop_assert_eq!(total.len(), periods.len());
        // One team per agent: team rows partition the conversations like the others.
        let one_team: HashMap<String, Vec<String>> =
            (1..5).map(|a| (format!("a{a}"), vec![format!("t{}", a % 2)])).collect();
        for by in [GroupBy::Queue, GroupBy::Channel, GroupBy::Agent, GroupBy::Team] {
            let q = ReportQuery::new(periods.clone()).by(by).team_directory(one_team.clone());
            let groups = ticket_stats(&store, &q).unwrap();
            for (p, t) in total.iter().enumerate() {
                let mine: Vec<&TicketStatsRow> = groups.iter().filter(|r| r.key.period_start == periods.start(p)).collect();
                prop_assert_eq!(mine.iter().map(|r| r.created).sum::<u64>(), t.created);
                prop_assert_eq!(mine.iter().map(|r| r.resolved).sum::<u64>(), t.resolved);
                prop_assert_eq!(mine.iter().map(|r| r.csat_count).sum::<u64>(), t.csat_count);
                prop_assert_eq!(mine.iter().map(|r| r.wait.count).sum::<u64>(), t.wait.count);
                prop_assert_eq!(mine.iter().map(|r| r.first_response.count).sum::<u64>(), t.first_response.count);
            }
            let ht = handle_time(&store, &q).unwrap();
            let ht_total = handle_time(&store, &ReportQuery::new(periods.clone())).unwrap();
            prop_assert_eq!(
                ht.iter().map(|r| r.handle_time.count).sum::<u64>(),
                ht_total.iter().map(|r| r.handle_time.count).sum::<u64>()
            );
            let sum_of_means: f64 = ht.iter().filter_map(|r| r.handle_time.mean.map(|m| m * r.handle_time.count as f64)).sum();
            let total_sum: f64 = ht_total.iter().filter_map(|r| r.handle_time.mean.map(|m| m * r.handle_time.count as f64)).sum();
            prop_assert!((sum_of_means - total_sum).abs() <= 1e-6 * total_sum.abs().max(1.0));
        }
    }

    #[test]
    fn team_rows_count_a_conversation_once_per_team_of_its_agent(
        b in batch(),
        memberships in prop::collection::vec(prop::collection::vec(0u8..3, 0..4), 4),
        gran in 0usize..4,
    ) {
        let store = store_of(&b);
        // Agents a1..a4 in any teams among t0..t2, possibly listed twice; a5 in none.
        let directory: HashMap<String, Vec<String>> = memberships
            .iter()
            .enumerate()
            .map(|(i, ts)| (format!("a{}", i + 1), ts.iter().map(|t| format!("t{t}")).collect()))
            .collect();
        let g = [Granularity::Interval { minutes: 60 }, Granularity::Day, Granularity::Week, Granularity::Month][gran];
        let periods = Periods::new(T0, T0 + 3 * 86_400, g, chrono_tz::America::New_York).unwrap();
        let q = ReportQuery::new(periods.clone()).by(GroupBy::Team).team_directory(directory.clone());
        let rows = ticket_stats(&store, &q).unwrap();
        let aht = handle_time(&store, &q).unwrap();
        let teams_of = |agent: Option<&str>| -> Vec<Option<String>> {
            let mut ts: Vec<Option<String>> = agent
                .and_then(|a| directory.get(a))
                .map(|ts| ts.iter().cloned().map(Some).collect())
                .unwrap_or_default();
            ts.sort();
            ts.dedup();
            if ts.is_empty() { vec![None] } else { ts }
        };
        // Expected (period, team) -> (created, handled), counted conversation by conversation.
        let mut expected: HashMap<(i64, Option<String>), (u64, u64)> = HashMap::new();
        for c in store.conversations() {
            let Some(p) = (0..periods.len()).find(|&p| periods.start(p) <= c.started_at && c.started_at < periods.end(p)) else {
                continue;
            };
            for t in teams_of(store.agent_of(&c.external_id)) {
                let e = expected.entry((periods.start(p), t)).or_default();
                e.0 += 1;
                e.1 += u64::from(c.handle_time_seconds.is_some());
            }
        }
        let got: HashMap<(i64, Option<String>), (u64, u64)> = rows
            .iter()
            .zip(&aht)
            .map(|(r, h)| ((r.key.period_start, r.key.group.clone()), (r.created, h.handle_time.count)))
            .collect();
        prop_assert_eq!(rows.len(), aht.len());
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        let text = v.to_string();
        if let Ok(c) = serde_json::from_str::<ConversationInput>(&text) {
            let mut store = ConversationStore::new();
            let out = store.upsert(vec![c]);
            prop_assert_eq!(out.outcomes.len(), 1);
        }
        if let Ok(u) = serde_json::from_str::<ConversationUpdate>(&text) {
            let mut store = ConversationStore::new();
            prop_assert_eq!(store.update(vec![u]).counts().rejected, 1);
        }
    }

    #[test]
    fn extreme_values_are_rejected_not_panicking(
        start in prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()],
        end in prop::option::of(prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()]),
        x in prop::option::of(prop_oneof![Just(f64::NAN), Just(f64::NEG_INFINITY), Just(f64::MAX), Just(-0.0), any::<f64>()]),
    ) {
        let mut c = ConversationInput::new("x", Channel::Sms, start);
        c.ended_at = end;
        c.handle_time_seconds = x;
        c.csat_score = x;
        let good = ConversationInput::new("good", Channel::Sms, T0);
        let mut store = ConversationStore::new();
        let out = store.upsert(vec![c, good]);
        prop_assert_eq!(&out.outcomes[1], &Outcome::Created);
        prop_assert!(store.get("good").is_some());
        let periods = Periods::new(T0 - 86_400, T0 + 86_400, Granularity::Day, chrono_tz::Asia::Kolkata).unwrap();
        let rows = ticket_stats(&store, &ReportQuery::new(periods).by(GroupBy::Agent)).unwrap();
        prop_assert_eq!(rows.iter().map(|r| r.created).sum::<u64>(), 1);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        prop_oneof![
            Just("chat".to_string()),
            Just("2026-03-02T10:00:00Z".to_string()),
            ".{0,8}"
        ]
        .prop_map(serde_json::Value::from),
    ];
    let keys = prop_oneof![
        Just("external_id"),
        Just("channel"),
        Just("started_at"),
        Just("ended_at"),
        Just("csat_score"),
        Just("handle_time_seconds"),
        Just("metadata"),
        Just("queue_id"),
        Just("bogus"),
    ];
    leaf.prop_recursive(2, 16, 8, move |inner| {
        prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|kv| {
            serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        })
    })
}
