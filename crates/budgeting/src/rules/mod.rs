//! Budgeting rules: one module per rule, each a pure function from values to a verdict, used
//! both to guard commands and by the discrepancy engine.

pub mod budget_control;
pub mod budget_year;
pub mod late_penalty;
pub mod net_payment;
pub mod payment_vs_contract;
pub mod retention;
pub mod revision;
