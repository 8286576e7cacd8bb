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

/// Whether the benchmark binary runs as a benchmark (`cargo bench`, which passes `--bench`)
/// rather than once as a smoke test (`cargo test --benches`).
///
/// Solver benchmarks use it to shorten their time limits and skip extra reporting runs when
/// they only need to prove that the benchmark still works.
///
/// # Example
///
/// ```
/// // Doctests are not benchmark runs.
/// assert!(!wfm_benches::benchmarking());
/// ```
pub fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}
