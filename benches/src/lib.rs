//! Shared helpers for the criterion benchmarks of the wfm workspace.
//!
//! The benchmarks live in `benches/benches/<crate>.rs`, one file per engine crate.
//! Run them all with `cargo bench -p wfm-benches`.

use std::path::PathBuf;

/// Returns the path of `../shared/<relative>` next to the workspace, if it exists.
///
/// Benchmarks on real data read it at run time and skip with a message when it is absent.
///
/// # Example
///
/// ```
/// let p = wfm_benches::shared_path("definitely/not/there.csv");
/// assert!(p.is_none());
/// ```
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let p = root.join(relative);
    p.exists().then_some(p)
}
