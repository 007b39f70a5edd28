//! The monitoring stage (e-monev): physical progress reports against the plan, show-cause
//! meetings, indicator realisations and the PP 39/2006 quarterly reports, with the rules that
//! judge them (kontrak kritis, payments against progress, late completion, indicator targets,
//! late reports). The engine that runs every rule over the whole chain is `rantai-engine`.
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

mod error;
mod events;
mod indicator;
mod progress;
mod reporting;
pub mod rules;
mod show_cause;

pub use error::MonevError;
pub use events::MonevEvent;
pub use indicator::{IndicatorLog, IndicatorRealisation};
pub use progress::{ContractProgress, ProgressReport, planned_progress};
pub use reporting::{QuarterlyReport, ReportForm, ReportLog, ReportingDeadline, deadline, reporting_calendar};
pub use rules::absorption::Absorption;
pub use show_cause::{ShowCauseMeeting, TestOutcome};
