//! Day-level rostering: assign shift types to employees per day under contract rules.
