//! `wfm-scheduler`: see the crate README (in progress).

pub mod roster;
