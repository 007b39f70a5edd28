//! Monitoring rules: one module per rule, each a pure function from values to a verdict.

pub mod absorption;
pub mod completion;
pub mod indicator_target;
pub mod kontrak_kritis;
pub mod payment_vs_progress;
pub mod quarterly_reports;
pub mod show_cause;
