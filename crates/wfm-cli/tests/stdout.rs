//! Standard output that goes away: a closed pipe is not a panic, a failed write is an error.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn condense() -> Command {
    let states =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/adherence/states.json");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wfm"));
    cmd.args(["adherence", "condense", "--states"])
        .arg(states)
        .args(["--priority", "five9,zendesk,api"])
        .args([
            "--from",
            "2024-01-01T00:00:00Z",
            "--to",
            "2024-01-02T00:00:00Z",
        ]);
    cmd
}

#[test]
fn a_reader_that_hangs_up_does_not_crash_the_command() {
    // `wfm adherence condense ... | head -2`: the reader is gone before the timeline is printed.
    let mut child = condense()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn wfm");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for wfm");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(
        out.status.success(),
        "status {:?}, stderr: {stderr}",
        out.status
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_is_reported_with_exit_code_2() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full");
    let out = condense()
        .stdout(Stdio::from(full))
        .output()
        .expect("run wfm");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("cannot write to standard output"),
        "stderr: {stderr}"
    );
}
