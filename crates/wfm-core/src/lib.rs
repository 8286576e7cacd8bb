//! Core types shared by the wfm crates.
