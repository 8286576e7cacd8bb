//! Standard output that a closed pipe cannot crash.
//!
//! `println!` panics when the reader has gone away (`wfm adherence condense ... | head`).
//! Here a closed pipe only ends the printing: the command still finishes its work (files
//! are written, the exit code is the command's own). Any other write error (a full disk
//! behind a redirect) is kept and reported by `main` with exit code 2, never dropped.

use std::io::{ErrorKind, Write};
use std::sync::OnceLock;

/// The first write error other than a closed pipe, if any.
static FAILED: OnceLock<String> = OnceLock::new();

/// Writes formatted text to standard output; see the module doc for the error policy.
pub(crate) fn write(args: std::fmt::Arguments<'_>) {
    let result = std::io::stdout().lock().write_fmt(args);
    keep(result);
}

/// Flushes standard output, with the same error policy as [`write`].
pub(crate) fn flush() {
    keep(std::io::stdout().lock().flush());
}

/// The message of the first write error that was not a closed pipe.
pub(crate) fn failure() -> Option<&'static str> {
    FAILED.get().map(String::as_str)
}

fn keep(result: std::io::Result<()>) {
    if let Err(e) = result
        && e.kind() != ErrorKind::BrokenPipe
    {
        let _ = FAILED.set(format!("cannot write to standard output: {e}"));
    }
}

/// `print!` without the panic on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::stdout::write(format_args!($($arg)*))
    };
}

/// `println!` without the panic on a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, outln};
