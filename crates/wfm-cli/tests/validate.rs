//! Integration tests of `wfm validate` on `testdata/records/`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/records")
        .join(name)
}

fn wfm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wfm"))
        .args(args)
        .output()
        .expect("the wfm binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn every_valid_sample_passes() {
    let cases = [
        ("people", "people.json", 3),
        ("activities", "activities.json", 3),
        ("activity-types", "activity_types.json", 4),
        ("agent-states", "agent_states.jsonl", 4),
        ("working-hours", "working_hours.json", 2),
        ("time-off", "time_off.json", 3),
        ("conversations", "conversations.json", 3),
        ("requirements", "requirements.json", 2),
    ];
    for (kind, file, n) in cases {
        let path = sample(file);
        let out = wfm(&["validate", kind, path.to_str().unwrap()]);
        let text = stdout(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{kind} {file}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(text, format!("{n} records, 0 invalid\n"), "{kind} {file}");
    }
}

#[test]
fn broken_people_get_line_precise_errors_and_exit_2() {
    let path = sample("people_broken.json");
    let name = path.to_str().unwrap();
    let out = wfm(&["validate", "people", name]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.strip_prefix(name).unwrap_or(l).to_owned())
        .collect();
    assert_eq!(
        lines,
        [
            r#":8: record 1: `email` = "not-an-address": expected an email address"#,
            r#":8: record 1: `timezone` = "Europe/Lodnon": unknown IANA time zone"#,
            r#":17: record 2: `channels[1]`: unknown channel "fax", expected one of phone, email, chat, sms, social, back_office"#,
            r#":19: record 3: `end_date` = "2024-01-31": must be at or after `start_date` (2024-06-01)"#,
            r#":19: record 3: `productivity` = -0.5: must be >= 0"#,
            ":25: record 4: missing field `id`",
            ":30: record 5: `teams`: invalid type: string \"tea_blue\", expected a sequence",
            "6 records, 5 invalid",
        ]
    );
}

#[test]
fn json_lines_errors_name_the_line() {
    let dir = std::env::temp_dir().join(format!("wfm-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("states.jsonl");
    std::fs::write(
        &path,
        "{\"agent_id\": \"a\", \"state\": \"Ready\", \"start_time\": 10}\n\
         {\"agent_id\": \"a\", \"state\": \"Ready\", \"start_time\": 10, \"end_time\": 5}\n\
         {\"agent_id\": \"a\", \"state\": \"Ready\", \"start_time\": \"noon\"}\n\
         not json\n",
    )
    .unwrap();
    let out = wfm(&["validate", "agent-states", path.to_str().unwrap()]);
    let text = stdout(&out);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains(":2: record 1: `end_time` = 5: must be at or after `start_time` (10)"),
        "{text}"
    );
    assert!(
        text.contains(":3: record 2: `start_time`: invalid instant \"noon\""),
        "{text}"
    );
    assert!(text.contains(":4: record 3: expected ident"), "{text}");
    assert!(text.ends_with("4 records, 3 invalid\n"), "{text}");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wfm"))
        .args(["validate", "requirements", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"[{"requirement_type_id": "h", "start_time": 0, "end_time": 900, "required_count": -1}]"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("-:1: record 0: `required_count` = -1.0: must be >= 0"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unreadable_or_malformed_files_fail_with_exit_2() {
    let out = wfm(&["validate", "people", "/nonexistent/people.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/people.json"));

    let dir = std::env::temp_dir().join(format!("wfm-validate-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.json");
    std::fs::write(&path, "[\n  {\"id\": \"t\"},\n  {\"id\": \n]\n").unwrap();
    let out = wfm(&["validate", "people", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.json:4:1:"), "{err}");

    let out = wfm(&["validate", "nonsense", "x.json"]);
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");
}
