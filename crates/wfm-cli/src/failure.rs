//! The error every subcommand returns, and the file helpers they share.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// A failed command: the message printed on stderr and the process exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    /// Exit code: 2 for bad input, 1 for a run that found problems (violations).
    pub(crate) code: u8,
    /// Human-readable message, naming the file, line, field and value where known.
    pub(crate) message: String,
}

impl Failure {
    /// Bad input (exit code 2).
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

/// What a subcommand returns.
pub(crate) type CliResult = Result<ExitCode, Failure>;

/// Reads a whole file, naming it in the error.
pub(crate) fn read_file(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename,
/// so a failed run never leaves a partial output file.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomically_with(path, |w| w.write_all(bytes))
}

/// Streams what `write` produces into `path` atomically (buffered, then a rename), so large
/// outputs are never held in memory whole and a failed run leaves no partial file.
pub(crate) fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure {
        code: 2,
        message: format!("cannot write {}: {e}", path.display()),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        write(&mut w)?;
        let f = w
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        f.sync_all()
    });
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
}
