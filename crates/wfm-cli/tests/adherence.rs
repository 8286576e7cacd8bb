//! CLI tests of `wfm adherence` and `wfm adherence condense`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn wfm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wfm"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wfm-adherence-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/adherence")
        .join(name)
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json output")
}

const STATES: &str = r#"[
  {"agent_id": "a", "platform": "zendesk", "state": "Online", "start_time": 0, "end_time": 100},
  {"agent_id": "a", "platform": "five9", "state": "On Call", "start_time": "1970-01-01T00:00:20Z", "end_time": 50},
  {"agent_id": "a", "platform": "five9", "state": "Ready", "start_time": 50, "end_time": null},
  {"agent_id": "a", "platform": "five9", "state": "Broken", "start_time": 90, "end_time": 80}
]"#;

#[test]
fn condense_prints_the_priority_timeline_and_lists_bad_records() {
    let dir = scratch("condense");
    let states = write(&dir, "states.json", STATES);
    let out = wfm()
        .args(["adherence", "condense", "--states"])
        .arg(&states)
        .args([
            "--priority",
            "five9,zendesk",
            "--from",
            "0",
            "--to",
            "200",
            "--now",
            "70",
        ])
        .output()
        .expect("run");
    let v = json_of(&out);
    let segs: Vec<(String, i64, i64)> = v["agent_states"]
        .as_array()
        .expect("array")
        .iter()
        .map(|s| {
            (
                s["state"].as_str().unwrap_or("").to_owned(),
                s["start_time"].as_i64().unwrap_or(-1),
                s["end_time"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    // Online 0..20, On Call 20..50, Ready 50..now=70 (open, five9 outranks zendesk).
    assert_eq!(
        segs,
        [
            ("Online".into(), 0, 20),
            ("On Call".into(), 20, 50),
            ("Ready".into(), 50, 70)
        ]
    );
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["index"], 3);
}

#[test]
fn unknown_platform_in_priority_exits_2() {
    let dir = scratch("unknown");
    let states = write(&dir, "states.json", STATES);
    let out = wfm()
        .args(["adherence", "condense", "--states"])
        .arg(&states)
        .args(["--priority", "five9,genesys", "--from", "0", "--to", "200"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("genesys"));
}

#[test]
fn report_on_the_committed_sample() {
    let files = [
        "states.json",
        "activities.json",
        "activity_types.json",
        "mapping.json",
    ];
    if files.iter().any(|f| !sample(f).exists()) {
        eprintln!("skipping: testdata/adherence sample missing");
        return;
    }
    let dir = scratch("report");
    let output = dir.join("report.json");
    let out = wfm()
        .args(["adherence", "--states"])
        .arg(sample("states.json"))
        .arg("--schedule")
        .arg(sample("activities.json"))
        .arg("--activity-types")
        .arg(sample("activity_types.json"))
        .arg("--mapping")
        .arg(sample("mapping.json"))
        .args([
            "--from",
            "2024-01-01T00:00:00Z",
            "--to",
            "2024-01-02T00:00:00Z",
        ])
        .args([
            "--priority",
            "five9,zendesk,api",
            "--now",
            "1704153600",
            "--granularity",
            "day",
        ])
        .arg("--output")
        .arg(&output)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&output).expect("report")).expect("json");
    assert_eq!(v["status"], "complete");
    let metrics = v["metrics"].as_array().expect("metrics");
    assert_eq!(v["total_metric_count"].as_u64(), Some(metrics.len() as u64));
    let value = |agent: &str, name: &str| {
        metrics
            .iter()
            .find(|m| m["attributes"]["agent_id"] == agent && m["name"] == name)
            .and_then(|m| m["value"].as_f64())
    };
    let agents: std::collections::BTreeSet<&str> = metrics
        .iter()
        .filter_map(|m| m["attributes"]["agent_id"].as_str())
        .collect();
    assert_eq!(agents.len(), 20);
    for a in agents {
        let (s, i, o) = (
            value(a, "scheduled_seconds"),
            value(a, "in_adherence_seconds"),
            value(a, "out_of_adherence_seconds"),
        );
        assert_eq!(i.zip(o).map(|(i, o)| i + o), s, "agent {a}");
    }
    assert!(!v["exceptions"].as_array().expect("exceptions").is_empty());
    // five9 "Not Ready" is deliberately unmapped in the sample.
    assert!(
        v["unmapped_states"]
            .as_array()
            .expect("unmapped")
            .iter()
            .any(|u| u["state"] == "Not Ready")
    );
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn report_from_hand_written_files_with_a_bad_activity() {
    let dir = scratch("hand");
    let states = write(&dir, "states.json", STATES);
    let acts = write(
        &dir,
        "acts.json",
        r#"{"activities": {
            "e1": {"agent_id": "a", "type_id": "phone", "start_time": 0, "end_time": 100},
            "e2": {"agent_id": "a", "type_id": "nope", "start_time": 0, "end_time": 100}}}"#,
    );
    let types = write(
        &dir,
        "types.json",
        r#"[{"id": "phone", "productive": true, "channels": ["phone"]}]"#,
    );
    let map = write(
        &dir,
        "map.json",
        r#"[{"platform": "five9", "state": "Ready", "maps_to": ["productive:phone"]},
            {"platform": "five9", "state": "On Call", "maps_to": ["productive"], "primary": "occupied"},
            {"platform": "zendesk", "state": "Online", "maps_to": ["break"]}]"#,
    );
    let out = wfm()
        .args(["adherence", "--states"])
        .arg(&states)
        .arg("--schedule")
        .arg(&acts)
        .arg("--activity-types")
        .arg(&types)
        .arg("--mapping")
        .arg(&map)
        .args(["--from", "0", "--to", "86400", "--now", "100"])
        .output()
        .expect("run");
    let v = json_of(&out);
    let find = |name: &str| {
        v["metrics"]
            .as_array()
            .and_then(|m| m.iter().find(|r| r["name"] == name))
            .and_then(|r| r["value"].as_f64())
    };
    // Phone 0..100: Online (break) 0..20 out, On Call + Ready 20..100 in.
    assert_eq!(find("scheduled_seconds"), Some(100.0));
    assert_eq!(find("in_adherence_seconds"), Some(80.0));
    assert_eq!(find("schedule_adherence"), Some(80.0));
    let errors = v["errors"].as_array().expect("errors");
    let files: Vec<&str> = errors.iter().filter_map(|e| e["file"].as_str()).collect();
    assert_eq!(files, ["schedule", "states"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 input records rejected"));
}

#[test]
fn people_file_sets_zones_and_rejects_unknown_agents() {
    let dir = scratch("people");
    let states = write(&dir, "states.json", STATES);
    let people = write(
        &dir,
        "people.json",
        r#"{"people": {"p1": {"agent_id": "b", "timezone": "Europe/Budapest"}}}"#,
    );
    let out = wfm()
        .args(["adherence", "condense", "--states"])
        .arg(&states)
        .arg("--people")
        .arg(&people)
        .args([
            "--priority",
            "five9,zendesk",
            "--from",
            "0",
            "--to",
            "200",
            "--now",
            "70",
        ])
        .output()
        .expect("run");
    let v = json_of(&out);
    assert_eq!(v["agent_states"].as_array().map(Vec::len), Some(0));
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 4);
    let unknown = errors
        .iter()
        .filter(|e| {
            e["message"]
                .as_str()
                .unwrap_or("")
                .contains("unknown agent \"a\"")
        })
        .count();
    assert_eq!(unknown, 3); // the fourth is the record whose end is before its start
}
