//! Procurement rules: one module per rule, each a pure function from values to a verdict, used
//! both to guard commands and by the discrepancy engine.

pub mod addendum_limit;
pub mod announced_plan;
pub mod award_vs_hps;
pub mod contract_vs_hps;
pub mod hps_vs_pagu;
pub mod plan_consistency;
