//! `wfm conversations ingest --associations`: platform identity associations kept in the
//! store file and used by `wfm report`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use support::{testdata, text, wfm};

fn scratch(name: &str) -> PathBuf {
    support::scratch("conversations", name)
}

/// The group column (4th) of a grouped report's rows.
fn groups(csv: &Path) -> Vec<String> {
    std::fs::read_to_string(csv)
        .expect("csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3).map(str::to_owned))
        .collect()
}

fn handle_time_by_agent(store: &str, out: &Path) -> Output {
    wfm(&[
        "report",
        "handle-time",
        "--conversations",
        store,
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-09",
        "--tz",
        "America/New_York",
        "--by",
        "agent",
        "--output",
        &out.display().to_string(),
    ])
}

#[test]
fn associations_round_trip_through_the_store_file() {
    let store = scratch("linked-store.jsonl");
    let store_s = store.display().to_string();
    let first = wfm(&[
        "conversations",
        "ingest",
        "--fresh",
        "--input",
        &testdata("conversations.jsonl"),
        "--associations",
        &testdata("associations.jsonl"),
        "--output",
        &store_s,
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first));
    assert!(
        text(&first).contains("24 read, 24 new or changed, rejected 0"),
        "{}",
        text(&first)
    );
    assert!(text(&first).contains("1990 conversations (0 before), 24 associations"));
    let written = std::fs::read_to_string(&store).expect("store");
    let links: Vec<&str> = written
        .lines()
        .filter(|l| l.starts_with("{\"association\""))
        .collect();
    assert_eq!(links.len(), 24);
    assert!(
        links.contains(
            &r#"{"association":{"agent_id":"agent-003","platform":"zendesk","platform_id":"zd-003"}}"#
        ),
        "{links:?}"
    );
    assert_eq!(written.lines().count(), 24 + 1990);

    // Re-ingesting without --associations keeps them: the store file is unchanged.
    let again = wfm(&[
        "conversations",
        "ingest",
        "--input",
        &testdata("conversations.jsonl"),
        "--output",
        &store_s,
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert!(text(&again).contains("unchanged 1990"), "{}", text(&again));
    assert_eq!(std::fs::read_to_string(&store).expect("store"), written);

    // Reports read the associations from the store: agents, not platform ids.
    let by_agent = scratch("linked-ht.csv");
    let o = handle_time_by_agent(&store_s, &by_agent);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let names = groups(&by_agent);
    assert!(names.iter().any(|g| g == "agent-007"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|g| g.is_empty() || g.starts_with("agent-")),
        "{names:?}"
    );

    // Without associations, the same report groups by the platforms' agent ids.
    let plain = scratch("plain-store.jsonl");
    let plain_s = plain.display().to_string();
    let o = wfm(&[
        "conversations",
        "ingest",
        "--fresh",
        "--input",
        &testdata("conversations.jsonl"),
        "--output",
        &plain_s,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = handle_time_by_agent(&plain_s, &by_agent);
    assert_eq!(o.status.code(), Some(0));
    assert!(groups(&by_agent).iter().any(|g| g == "zd-007"));
}

#[test]
fn csv_associations_and_bad_association_records() {
    let csv = scratch("assoc.csv");
    std::fs::write(
        &csv,
        "platform,platform_agent_id,agent_id\nzendesk,zd-001,agent-001\nzendesk,,agent-002\n",
    )
    .expect("write");
    let json = scratch("assoc.jsonl");
    std::fs::write(
        &json,
        "{\"agent_id\": \"agent-004\", \"platform\": \"talkdesk\", \"platform_id\": \"td-004\"}\n\
         {\"agent_id\": \"\", \"platform\": \"talkdesk\", \"platform_id\": \"td-005\"}\n\
         not json\n",
    )
    .expect("write");
    let store = scratch("assoc-store.jsonl");
    let store_s = store.display().to_string();
    for (path, read) in [(&csv, "1 read"), (&json, "1 read")] {
        let o = wfm(&[
            "conversations",
            "ingest",
            "--input",
            &testdata("bad.jsonl"),
            "--associations",
            &path.display().to_string(),
            "--output",
            &store_s,
        ]);
        // Some conversation records of bad.jsonl are rejected too: exit 1 either way.
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let out = text(&o);
        assert!(out.contains(&format!("{read}, 1 new or changed")), "{out}");
        assert!(out.contains("rejected"), "{out}");
    }
    let o = text(&wfm(&[
        "conversations",
        "ingest",
        "--input",
        &testdata("bad.jsonl"),
        "--associations",
        &json.display().to_string(),
        "--output",
        &store_s,
    ]));
    assert!(o.contains("agent_id"), "the empty agent_id is named: {o}");
    let stored = std::fs::read_to_string(&store).expect("store");
    assert_eq!(
        stored
            .lines()
            .filter(|l| l.starts_with("{\"association\""))
            .count(),
        2,
        "{stored}"
    );
}
