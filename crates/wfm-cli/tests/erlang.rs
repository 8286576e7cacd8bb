//! `wfm erlang`: the CLI contract (columns, exit codes, no partial output).

use std::path::PathBuf;
use std::process::Command;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/erlang/intervals.csv"
);

fn wfm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wfm"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wfm-erlang-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// Parses the output CSV into (header, rows keyed by id).
fn read_output(path: &PathBuf) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("output written");
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("header")
        .split(',')
        .map(String::from)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn batch_answers_match_published_anchors() {
    let out = temp("out.csv");
    let status = wfm()
        .args(["erlang", "--input", FIXTURE, "--output"])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let (header, rows) = read_output(&out);
    assert_eq!(
        header.join(","),
        "id,agents,service_level,prob_wait,asa_seconds,occupancy,abandon_rate,blocking,agents_with_shrinkage"
    );
    let row = |id: &str| rows.iter().find(|r| r[0] == id).expect(id).clone();
    let c = row("anchor_c");
    assert_eq!((c[1].as_str(), c[8].as_str()), ("14", "20"));
    let sl: f64 = c[2].parse().expect("sl");
    assert!((sl - 0.888_350).abs() < 1e-6);
    assert!(
        c[6].is_empty() && c[7].is_empty(),
        "abandon and blocking do not apply to erlang_c"
    );
    let eval = row("anchor_c_eval");
    assert_eq!(eval[1], "13");
    assert!(eval[2].parse::<f64>().expect("sl") < 0.8);
    let a = row("abandon_a");
    assert_eq!(a[1], "2");
    let pab: f64 = a[6].parse().expect("abandon rate");
    assert!((pab - 0.168_590_001_9).abs() < 1e-9);
    assert_eq!(row("virtual_a")[1], "2");
    let b = row("trunks_b");
    assert_eq!(b[1], "18");
    assert!(b[2].is_empty() && !b[7].is_empty());
    let o = row("occupancy_c");
    assert_eq!((o[1].as_str(), o[8].as_str()), ("20", "28"));
}

#[test]
fn one_shot_prints_a_table() {
    let output = wfm()
        .args([
            "erlang",
            "--volume",
            "100",
            "--interval-minutes",
            "30",
            "--aht-seconds",
            "180",
            "--target-sl",
            "0.8",
            "--target-seconds",
            "20",
            "--shrinkage",
            "0.3",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf8");
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
            .unwrap_or_else(|| panic!("{key} in {text}"))
    };
    assert_eq!(value("agents "), "14");
    assert_eq!(value("agents_with_shrinkage"), "20");
    assert!(value("service_level").starts_with("0.88835"));
}

fn assert_bad_row(name: &str, row: &str, needle: &str) {
    let input = temp(&format!("{name}.csv"));
    let out = temp(&format!("{name}-out.csv"));
    std::fs::write(
        &input,
        format!(
            "id,model,volume,interval_minutes,aht_seconds,target_sl,target_seconds,target_blocking\n\
             ok,erlang_c,100,30,180,0.8,20,\n{row}\n"
        ),
    )
    .expect("write input");
    let output = wfm()
        .args(["erlang", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{name}");
    let err = String::from_utf8(output.stderr).expect("utf8");
    assert!(err.contains("line 3"), "{name}: {err}");
    assert!(err.contains(needle), "{name}: {err}");
    assert!(!out.exists(), "{name}: no partial output");
}

#[test]
fn bad_rows_stop_with_line_column_and_reason() {
    assert_bad_row("nan", "x,erlang_c,NaN,30,180,0.8,20,", "column volume");
    assert_bad_row(
        "negative",
        "x,erlang_c,100,30,-5,0.8,20,",
        "column aht_seconds",
    );
    assert_bad_row("model", "x,erlang_q,100,30,180,0.8,20,", "column model");
    assert_bad_row(
        "target",
        "x,erlang_c,100,30,180,1.5,20,",
        "column target_sl",
    );
    assert_bad_row(
        "blocking",
        "x,erlang_b,100,30,180,,,",
        "column target_blocking",
    );
    assert_bad_row("text", "x,erlang_c,lots,30,180,0.8,20,", "not a number");
}

#[test]
fn unreachable_target_is_a_bad_row() {
    // 1e6 erlangs need more than the search's cap of 1,000,000 agents.
    assert_bad_row(
        "unreachable",
        "x,erlang_c,20000000,60,180,0.8,20,",
        "column target_sl: targets unreachable",
    );
}
