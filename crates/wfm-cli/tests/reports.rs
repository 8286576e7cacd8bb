//! CLI contract of `wfm conversations ingest` and `wfm report`.

mod support;

use std::path::{Path, PathBuf};

use support::{testdata, text, wfm};

fn scratch(name: &str) -> PathBuf {
    support::scratch("reports", name)
}

#[test]
fn ingest_reports_rejections_keeps_valid_records_and_is_idempotent() {
    let store = scratch("bad-store.jsonl");
    let _ = std::fs::remove_file(&store);
    let store_s = store.display().to_string();
    let args = [
        "conversations",
        "ingest",
        "--input",
        &testdata("bad.jsonl"),
        "--updates",
        &testdata("bad_updates.jsonl"),
        "--output",
        &store_s,
    ];
    let first = wfm(&args);
    assert_eq!(first.status.code(), Some(1), "{}", text(&first));
    let out = text(&first);
    assert!(
        out.contains(
            "created 2, replaced 0, updated 0, unchanged 0, superseded 1, rejected 3, unparseable 3"
        ),
        "{out}"
    );
    assert!(
        out.contains("bad.jsonl:4: external_id \"bad-csat\": csat_score"),
        "{out}"
    );
    assert!(out.contains("unknown channel \"fax\""), "{out}");
    assert!(
        out.contains("bad_updates.jsonl:2: external_id \"nobody\": external_id: unknown"),
        "{out}"
    );
    let stored = std::fs::read_to_string(&store).expect("store written");
    assert_eq!(stored.lines().count(), 2);
    assert!(
        stored.contains("\"csat_score\":5.0"),
        "update applied: {stored}"
    );

    // Re-sending the same input: nothing new, the store is byte-identical.
    let second = wfm(&args);
    assert!(
        text(&second).contains("created 0, replaced 1, updated 0, unchanged 1"),
        "{}",
        text(&second)
    );
    assert_eq!(std::fs::read_to_string(&store).expect("store"), stored);
}

#[test]
fn reports_write_csv_with_consistent_totals() {
    let store = scratch("sample-store.jsonl");
    let store_s = store.display().to_string();
    let ingest = wfm(&[
        "conversations",
        "ingest",
        "--fresh",
        "--input",
        &testdata("conversations.jsonl"),
        "--output",
        &store_s,
    ]);
    assert_eq!(ingest.status.code(), Some(0), "{}", text(&ingest));
    let total_rows = store_rows(&store);

    let total = scratch("ts.csv");
    let by_queue = scratch("ts-queue.csv");
    for (out, by) in [(&total, None), (&by_queue, Some("queue"))] {
        let out_s = out.display().to_string();
        let mut args = vec![
            "report",
            "ticket-stats",
            "--conversations",
            &store_s,
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-10",
            "--granularity",
            "day",
            "--tz",
            "America/New_York",
            "--output",
            &out_s,
        ];
        if let Some(b) = by {
            args.extend(["--by", b]);
        }
        let o = wfm(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let created = |path: &Path, col: usize| -> u64 {
        std::fs::read_to_string(path)
            .expect("csv")
            .lines()
            .skip(1)
            .map(|l| {
                l.split(',')
                    .nth(col)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            })
            .sum()
    };
    assert_eq!(created(&total, 3), total_rows);
    assert_eq!(created(&by_queue, 4), total_rows);
    let days = std::fs::read_to_string(&total)
        .expect("csv")
        .lines()
        .count()
        - 1;
    assert_eq!(days, 9);

    let ht = scratch("ht.csv");
    let o = wfm(&[
        "report",
        "handle-time",
        "--conversations",
        &store_s,
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-09",
        "--tz",
        "America/New_York",
        "--by",
        "channel",
        "--output",
        &ht.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = std::fs::read_to_string(&ht).expect("csv");
    assert!(csv.starts_with(
        "period,period_start,period_end,channel,conversations,handled,aht_mean,aht_median,aht_p90"
    ));

    let ac = scratch("ac.csv");
    let o = wfm(&[
        "report",
        "actuals",
        "--conversations",
        &store_s,
        "--from",
        "2026-03-02T05:00:00Z",
        "--to",
        "2026-03-09T05:00:00Z",
        "--granularity",
        "interval",
        "--interval-minutes",
        "30",
        "--tz",
        "America/New_York",
        "--output",
        &ac.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(created(&ac, 5), total_rows);
}

/// Conversations in a store file (its association lines excluded).
fn store_rows(path: &Path) -> u64 {
    std::fs::read_to_string(path)
        .expect("store")
        .lines()
        .filter(|l| !l.starts_with("{\"association\""))
        .count() as u64
}

#[test]
fn bad_arguments_exit_2_without_output() {
    let out = scratch("never.csv");
    let _ = std::fs::remove_file(&out);
    let out_s = out.display().to_string();
    let store = testdata("conversations.jsonl");
    for args in [
        vec![
            "report",
            "ticket-stats",
            "--conversations",
            &store,
            "--from",
            "soon",
            "--to",
            "2026-03-09",
            "--output",
            &out_s,
        ],
        vec![
            "report",
            "ticket-stats",
            "--conversations",
            &store,
            "--from",
            "2026-03-09",
            "--to",
            "2026-03-02",
            "--output",
            &out_s,
        ],
        vec![
            "report",
            "ticket-stats",
            "--conversations",
            &store,
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-09",
            "--tz",
            "Mars/Base",
            "--output",
            &out_s,
        ],
        vec![
            "report",
            "handle-time",
            "--conversations",
            &store,
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-09",
            "--by",
            "planet",
            "--output",
            &out_s,
        ],
        vec![
            "report",
            "actuals",
            "--conversations",
            "/no/such/file",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-09",
            "--output",
            &out_s,
        ],
    ] {
        let o = wfm(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&o.stderr).is_empty());
        assert!(!out.exists());
    }
}

/// The `created` column (index `col`) of a ticket-stats CSV, summed.
fn created_sum(path: &Path, col: usize) -> u64 {
    std::fs::read_to_string(path)
        .expect("csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(col).and_then(|v| v.parse::<u64>().ok()))
        .sum()
}

#[test]
fn by_team_counts_a_conversation_once_per_team_of_its_agent() {
    let store = scratch("team-store.jsonl");
    let store_s = store.display().to_string();
    let o = wfm(&[
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
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let people = testdata("people.jsonl");
    let report = |name: &str, extra: &[&str]| -> PathBuf {
        let out = scratch(name);
        let out_s = out.display().to_string();
        let mut args = vec![
            "report",
            "ticket-stats",
            "--conversations",
            &store_s,
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-09",
            "--tz",
            "America/New_York",
            "--people",
            &people,
            "--output",
            &out_s,
        ];
        args.extend_from_slice(extra);
        let o = wfm(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        out
    };
    let by_team = report("team.csv", &["--by", "team"]);
    let header = std::fs::read_to_string(&by_team).expect("csv");
    assert!(header.starts_with("period,period_start,period_end,team,created"));
    let teams: std::collections::BTreeSet<String> = header
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3).map(str::to_owned))
        .collect();
    assert_eq!(
        teams.into_iter().collect::<Vec<_>>(),
        ["", "team-a", "team-b"]
    );
    // people.jsonl puts agent-000 and agent-006 in both teams: their conversations count
    // twice, everyone else's once (agents in no team and unassigned ones in the "" row).
    let total = created_sum(&report("team-total.csv", &[]), 3);
    let both = created_sum(
        &report(
            "team-both.csv",
            &["--agent", "agent-000", "--agent", "agent-006"],
        ),
        3,
    );
    assert!(both > 0);
    assert_eq!(created_sum(&by_team, 4), total + both);
    // --team filters by the same directory.
    let team_a = created_sum(&report("team-a.csv", &["--team", "team-a"]), 3);
    let rows_a: u64 = std::fs::read_to_string(&by_team)
        .expect("csv")
        .lines()
        .filter(|l| l.split(',').nth(3) == Some("team-a"))
        .filter_map(|l| l.split(',').nth(4).and_then(|v| v.parse::<u64>().ok()))
        .sum();
    assert_eq!(team_a, rows_a);

    // --by team without a directory is a usage error.
    let never = scratch("team-never.csv");
    let o = wfm(&[
        "report",
        "ticket-stats",
        "--conversations",
        &store_s,
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-09",
        "--by",
        "team",
        "--output",
        &never.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--people"));
    assert!(!never.exists());
}
