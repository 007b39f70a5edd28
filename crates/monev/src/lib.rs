//! e-monev and the discrepancy engine: physical progress against the plan, kontrak kritis,
//! payments set against progress, and [`evaluate`], which runs every rule of the catalogue over
//! the whole chain and explains each finding with its evidence — plus the read models a
//! dashboard renders ([`summarize`]).
//!
//! Rules whose data a stage does not yet produce answer `Insufficient`, never `NotFound`.
//!
//! ```
//! use rantai_core::{Ratio, Rulebook, Verdict};
//! use rantai_monev::rules::payment_vs_progress::{check, PaymentProgressInput};
//! use chrono::NaiveDate;
//!
//! let on = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
//! let paid_with_no_report = PaymentProgressInput {
//!     value: "918000000".parse()?,
//!     paid: "459000000".parse()?,
//!     last_paid_on: Some(on),
//!     advance_share: Ratio::ZERO,
//!     physical: None,
//! };
//! // Half paid and no physical report: the engine says it cannot tell, not "no problem".
//! assert!(matches!(check(&paid_with_no_report, Rulebook::standard()), Verdict::Insufficient(_)));
//! # Ok::<(), rantai_core::CoreError>(())
//! ```
#![deny(missing_docs)]

pub mod catalogue;
mod engine;
mod error;
mod events;
mod index;
mod indicator;
mod monitor;
pub mod planner;
pub mod position;
mod progress;
mod read_model;
mod reporting;
pub mod rules;
pub mod schema;
mod show_cause;

pub use catalogue::RULES;
pub use engine::{ChainView, Part, evaluate, evaluate_part, evaluate_plan, evaluate_subject, found, subjects};
pub use error::MonevError;
pub use events::MonevEvent;
pub use index::{ChainIndex, ContractPayments, PackageKeys, cited_retender, standing_orders};
pub use indicator::{IndicatorLog, IndicatorRealisation};
pub use monitor::Monitor;
pub use progress::{ContractProgress, ProgressReport, planned_progress};
pub use read_model::{
    FindingCounts, MethodSummary, OpdSummary, QuarterSummary, RegionSummary, by_method, by_quarter, organisation_of,
    subject_label, summarize,
};
pub use reporting::{QuarterlyReport, ReportForm, ReportLog, ReportingDeadline, deadline, reporting_calendar};
pub use rules::absorption::Absorption;
pub use show_cause::{ShowCauseMeeting, TestOutcome};
