//! Monitoring rules: one module per rule, each a pure function from values to a verdict.

pub mod kontrak_kritis;
pub mod payment_vs_progress;
