//! `wfm-erlang`: see the crate README (in progress).
