//! `wfm-adherence`: see the crate README (in progress).
