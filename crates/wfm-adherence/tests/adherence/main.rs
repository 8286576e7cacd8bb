//! Integration tests: hand-checked cases for each rule, typed errors, and properties.

mod cases;
mod properties;
