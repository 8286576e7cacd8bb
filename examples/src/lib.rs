//! Helpers shared by the example programs in `examples/examples/`.

use std::path::PathBuf;

/// Returns the path of a file in the workspace's `testdata/` folder.
///
/// # Example
///
/// ```
/// let p = wfm_examples::testdata("README.md");
/// assert!(p.ends_with("testdata/README.md"));
/// ```
pub fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(name)
}

/// Returns the path of `../shared/<relative>` beside the workspace, if it exists.
///
/// # Example
///
/// ```
/// assert!(wfm_examples::shared_path("no/such/file").is_none());
/// ```
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(relative);
    p.exists().then_some(p)
}
