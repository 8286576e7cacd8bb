//! Helpers shared by the CLI integration tests of the conversations and report commands.
// Each test binary compiles this module and uses a different subset of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `wfm` binary with `args`.
pub(crate) fn wfm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wfm"))
        .args(args)
        .output()
        .expect("the wfm binary runs")
}

/// Path of a committed fixture in `testdata/conversations`.
pub(crate) fn testdata(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/conversations")
        .join(name)
        .display()
        .to_string()
}

/// A path in this test binary's own temporary directory (`tag` keeps binaries apart).
pub(crate) fn scratch(tag: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wfm-{tag}-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// Standard output as text.
pub(crate) fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
