//! `wfm schedule` end to end: generate, solve, validate, and the error paths.

use std::process::Command;

fn wfm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wfm"))
}

#[test]
fn generate_solve_validate() {
    let dir = std::env::temp_dir().join(format!("wfm-schedule-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let problem = dir.join("p.json");
    let schedule = dir.join("s.json");
    let out = wfm()
        .args([
            "schedule",
            "generate",
            "--agents",
            "6",
            "--days",
            "2",
            "--interval-minutes",
            "30",
            "--queues",
            "2",
            "--seed",
            "3",
            "--output",
        ])
        .arg(&problem)
        .output()
        .expect("run wfm");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = wfm()
        .args(["schedule", "--problem"])
        .arg(&problem)
        .arg("--output")
        .arg(&schedule)
        .args(["--time-limit-seconds", "5", "--gap", "0.01"])
        .output()
        .expect("run wfm");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for key in [
        "status=",
        "shortfall_hours=",
        "overstaffing_hours=",
        "cost=",
        "gap=",
        "seconds=",
    ] {
        assert!(text.contains(key), "missing {key} in {text}");
    }
    let out = wfm()
        .args(["schedule", "validate", "--problem"])
        .arg(&problem)
        .arg("--schedule")
        .arg(&schedule)
        .output()
        .expect("run wfm");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("violations=0"));

    // Tamper: move the first shift; validation must fail with exit code 1.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schedule).expect("read")).expect("json");
    if let Some(a) = json["activities"]
        .as_array_mut()
        .and_then(|a| a.first_mut())
    {
        let start = a["start_time"].as_i64().unwrap_or(0);
        a["start_time"] = serde_json::json!(start - 1800);
    }
    std::fs::write(&schedule, serde_json::to_vec(&json).expect("encode")).expect("write");
    let out = wfm()
        .args(["schedule", "validate", "--problem"])
        .arg(&problem)
        .arg("--schedule")
        .arg(&schedule)
        .output()
        .expect("run wfm");
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_exits_2_without_output() {
    let dir = std::env::temp_dir().join(format!("wfm-schedule-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let problem = dir.join("p.json");
    std::fs::write(&problem, r#"{"horizon": {"start": 0, "interval_minutes": 7, "intervals": 3, "timezone": "UTC"}, "queues": [], "agents": [], "contracts": []}"#)
        .expect("write");
    let output = dir.join("s.json");
    let out = wfm()
        .args(["schedule", "--problem"])
        .arg(&problem)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("run wfm");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interval_minutes"));
    assert!(!output.exists());
    let out = wfm()
        .args(["schedule", "--problem"])
        .arg(&problem)
        .arg("--output")
        .arg(&output)
        .args(["--solver", "cplex"])
        .output()
        .expect("run wfm");
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
