//! `wfm-forecast`: see the crate README (in progress).
