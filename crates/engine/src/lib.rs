//! The discrepancy engine: the rule [`catalogue`], [`evaluate`] — every rule over the whole chain,
//! one outcome per rule and subject, explained with its evidence and regulation — the
//! incremental [`Monitor`] that keeps those outcomes live, and the read models a dashboard
//! renders ([`summarize`], [`position`], [`planner`]).
//!
//! The rules themselves live in the stage crates (`rantai_planning::rules`,
//! `rantai_procurement::rules`, `rantai_budgeting::rules`, `rantai_monev::rules`); this crate
//! reads the chain as a [`ChainView`] and calls them. It holds no state of its own and does no
//! I/O: the same view and rulebook give the same outcomes, byte for byte.
//!
//! ```
//! use rantai_core::{RuleId, SubjectKind};
//! use rantai_engine::catalogue;
//!
//! // K-11 (payments ahead of physical progress) answers for contracts, from SIPD's payments.
//! let k11 = catalogue::entry(RuleId::K11).unwrap();
//! assert_eq!(k11.home.subjects()[0].0, SubjectKind::Contract);
//! assert!(rantai_engine::RULES.contains(&RuleId::K11));
//! ```
#![deny(missing_docs)]

pub mod catalogue;
mod evaluate;
mod index;
mod monitor;
pub mod planner;
pub mod position;
pub mod query;
mod read_model;
pub mod schema;

pub use catalogue::RULES;
pub use evaluate::{ChainView, Part, evaluate, evaluate_part, evaluate_plan, evaluate_subject, found, subjects};
pub use index::{ChainIndex, ContractPayments, PackageKeys, cited_retender, standing_orders};
pub use monitor::{FindingChange, Monitor};
pub use read_model::{
    FindingCounts, MethodSummary, OpdSummary, QuarterSummary, RegionSummary, by_method, by_quarter, organisation_of,
    subject_label, summarize,
};
