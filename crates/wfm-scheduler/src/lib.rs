//! `wfm-scheduler`: see the crate README (in progress).
