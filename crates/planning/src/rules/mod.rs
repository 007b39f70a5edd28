//! Planning rules: one module per rule, each a pure function from values to a verdict.

pub mod pl_ceiling;
