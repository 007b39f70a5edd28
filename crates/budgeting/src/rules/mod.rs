//! Budgeting rules: one module per rule, each a pure function from values to a verdict.

pub mod budget_control;
pub mod budget_year;
pub mod payment_vs_contract;
