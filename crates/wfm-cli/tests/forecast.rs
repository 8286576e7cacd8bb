//! `wfm forecast` and `wfm accuracy` end to end.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/forecast")
        .join(name)
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wfm-forecast-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn wfm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wfm"))
        .args(args)
        .output()
        .expect("run wfm")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn forecast_writes_n_local_days_with_bounds_and_aht() {
    let dir = scratch("ok");
    let out = dir.join("f.csv");
    let history = fixture("history_30min.csv");
    let holidays = fixture("holidays.csv");
    let run = wfm(&[
        "forecast",
        "--history",
        s(&history),
        "--horizon-days",
        "3",
        "--output",
        s(&out),
        "--holidays",
        s(&holidays),
        "--level",
        "0.9",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("output");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("timestamp,forecast,lower,upper,aht_seconds")
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| {
            l.split(',')
                .skip(1)
                .map(|v| v.parse().expect("number"))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3 * 48);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("2024-02-05T00:00:00+00:00"))
    );
    for r in &rows {
        assert!(r[1] <= r[0] && r[0] <= r[2] && r[1] >= 0.0, "{r:?}");
    }
    // 2024-02-05 is closed in the calendar: all zero. 2024-02-06 is an ordinary Tuesday.
    assert!(rows[..48].iter().all(|r| r[0] == 0.0));
    let tuesday: f64 = rows[48..96].iter().map(|r| r[0]).sum();
    assert!(tuesday > 300.0, "tuesday total {tuesday}");
    assert!(rows[48..96].iter().all(|r| r[3] > 150.0 && r[3] < 300.0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn accuracy_reports_json_by_day() {
    let dir = scratch("acc");
    let f = dir.join("f.csv");
    let a = dir.join("a.csv");
    std::fs::write(&f, "timestamp,forecast,lower,upper\n2024-01-01 00:00,10,8,12\n2024-01-01 12:00,10,8,12\n2024-01-02 00:00,20,15,25\n").expect("write");
    std::fs::write(
        &a,
        "timestamp,volume\n2024-01-01 00:00,12\n2024-01-01 12:00,6\n2024-01-02 00:00,20\n",
    )
    .expect("write");
    let run = wfm(&[
        "accuracy",
        "--forecast",
        s(&f),
        "--actuals",
        s(&a),
        "--by",
        "day",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    // Day 1: actual 18 vs forecast 20; day 2: 20 vs 20. WAPE = 2 / 38.
    let wape = json["metrics"]["wape"].as_f64().expect("wape");
    assert!((wape - 2.0 / 38.0).abs() < 1e-12);
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(2));
    let run = wfm(&["accuracy", "--forecast", s(&f), "--actuals", s(&a)]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert!((json["metrics"]["coverage"].as_f64().expect("coverage") - 2.0 / 3.0).abs() < 1e-12);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn five_minute_data_is_summed_to_thirty() {
    let dir = scratch("sum");
    let h = dir.join("h.csv");
    let out = dir.join("f.csv");
    let mut text = String::from("timestamp,volume\n");
    for i in 0..(21 * 288) {
        let (day, minute) = (i / 288, (i % 288) * 5);
        text.push_str(&format!(
            "2024-01-{:02} {:02}:{:02},1\n",
            day + 1,
            minute / 60,
            minute % 60
        ));
    }
    std::fs::write(&h, text).expect("write");
    let run = wfm(&[
        "forecast",
        "--history",
        s(&h),
        "--horizon-days",
        "1",
        "--output",
        s(&out),
        "--interval-minutes",
        "30",
        "--model",
        "seasonal_naive",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("output");
    assert_eq!(text.lines().count(), 1 + 48);
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.split(',').nth(1) == Some("6.000"))
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn backtest_prints_candidates() {
    let run = wfm(&[
        "forecast",
        "--history",
        s(&fixture("history_30min.csv")),
        "--horizon-days",
        "1",
        "--backtest",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let candidates = json["candidates"].as_array().expect("candidates");
    assert!(candidates.len() >= 4);
    let weights: f64 = candidates.iter().filter_map(|c| c["weight"].as_f64()).sum();
    assert!((weights - 1.0).abs() < 1e-9);
}

#[test]
fn bad_inputs_fail_with_line_exit_2_and_no_output() {
    let dir = scratch("bad");
    let good_rows: String = (0..(21 * 24))
        .map(|i| format!("2024-01-{:02} {:02}:00,5\n", i / 24 + 1, i % 24))
        .collect();
    let cases: Vec<(&str, String, Vec<&str>, &str)> = vec![
        (
            "timestamp",
            format!("timestamp,volume\n2024-01-01 00:00,1\nnot a time,2\n{good_rows}"),
            vec![],
            "line 3",
        ),
        (
            "duplicate",
            format!("timestamp,volume\n{good_rows}2024-01-01 00:00,2\n"),
            vec![],
            "duplicate timestamp",
        ),
        (
            "negative",
            format!("timestamp,volume\n2024-01-01 00:00,-1\n{good_rows}"),
            vec![],
            "line 2",
        ),
        (
            "nan",
            format!("timestamp,volume\n2024-01-01 00:00,NaN\n{good_rows}"),
            vec![],
            "line 2",
        ),
        (
            "misaligned",
            format!("timestamp,volume\n{good_rows}2024-01-22 00:07,1\n"),
            vec![],
            "off the 60-minute grid",
        ),
        (
            "horizon",
            format!("timestamp,volume\n{good_rows}"),
            vec!["--horizon-days", "0"],
            "horizon",
        ),
        (
            "short",
            "timestamp,volume\n2024-01-01 00:00,1\n2024-01-01 01:00,1\n".to_string(),
            vec!["--model", "holt_winters"],
            "needs at least",
        ),
    ];
    for (name, csv, extra, needle) in cases {
        let h = dir.join(format!("{name}.csv"));
        let out = dir.join(format!("{name}-out.csv"));
        std::fs::write(&h, csv).expect("write");
        let mut args = vec!["forecast", "--history", s(&h), "--output", s(&out)];
        if !extra.contains(&"--horizon-days") {
            args.extend(["--horizon-days", "2"]);
        }
        args.extend(extra.iter().copied());
        let run = wfm(&args);
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
        assert!(!out.exists(), "{name}: output written");
    }
    let _ = std::fs::remove_dir_all(dir);
}
