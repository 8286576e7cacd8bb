//! `wfm-reports`: see the crate README (in progress).
