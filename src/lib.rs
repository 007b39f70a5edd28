//! rantai ("chain") links a regional government's e-planning, e-procurement, e-budgeting and
//! e-monev into one typed, auditable chain, and flags every discrepancy (*ketimpangan*) between
//! what was planned and what was carried out, with the evidence and the regulation behind it.
//!
//! This facade re-exports the member crates: [`core`] (vocabulary, money, codes, rulebook,
//! findings), [`planning`], [`procurement`], [`budgeting`], [`monev`] (the monitoring stage),
//! [`engine`] (the rule catalogue, the discrepancy engine and the read models),
//! [`chain`] (the region, its commands, recorded facts and hash-chained log), [`store`] (SQLite
//! and PostgreSQL event stores), [`lkpp`] (importers of LKPP data) and [`http`] (the server
//! induk's API). [`query`] is the read side a frontend calls: the region report and OPD ranking,
//! one OPD, a package's trail, findings with filters, coverage per rule.
//!
//! ```
//! use rantai::sample as demo;
//!
//! let region = demo::sample_region()?;
//! let findings = region.findings();
//! let summary = region.summary(&findings);
//! assert_eq!(summary.packages, 32);
//! for finding in findings.iter().filter(|f| f.is_found()) {
//!     // Every finding says which rule, about what, with which values, under which regulation.
//!     assert!(!finding.text.citation.is_empty());
//! }
//! # Ok::<(), rantai::chain::ChainError>(())
//! ```
#![deny(missing_docs)]

pub use rantai_budgeting as budgeting;
pub use rantai_chain as chain;
pub use rantai_core as core;
pub use rantai_engine as engine;
pub use rantai_engine::query;
#[cfg(feature = "http")]
pub use rantai_http as http;
#[cfg(feature = "lkpp")]
pub use rantai_lkpp as lkpp;
pub use rantai_monev as monev;
pub use rantai_planning as planning;
pub use rantai_procurement as procurement;
#[cfg(feature = "sample")]
pub use rantai_sample as sample;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub use rantai_store as store;

/// What an embedder reaches for first: the chain and its commands, the vocabulary of a region,
/// a package and a finding, and the engine.
///
/// ```
/// use rantai::prelude::*;
/// let book = Rulebook::standard();
/// let on = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
/// assert_eq!(book.get(rantai::core::param::p01::CEILING_BARANG, on)?, Money::from_rupiah(200_000_000)?);
/// # Ok::<(), rantai::core::CoreError>(())
/// ```
pub mod prelude {
    pub use rantai_chain::{Chain, ChainError, Command, FixedClock, SystemClock};
    pub use rantai_core::{
        Actor, ActorId, Finding, FiscalYear, GovLevel, Grant, JenisPengadaan, Mak, MetodePemilihan, Money,
        Organisation, OrganisationId, Outcome, PackageId, RegionProfile, Role, RuleId, Rulebook, Scope, SubKegiatanId,
        Subject, Verdict,
    };
    pub use rantai_engine::{ChainView, RegionSummary, evaluate, subject_label, summarize};
    pub use rantai_planning::{FundingLine, PackageFlags, PackageKind, PackageSpec, SubKegiatanSpec, Window};
}
