//! The vocabulary every rantai crate speaks: typed ids, exact rupiah ([`Money`]), ratios,
//! fiscal years and the working-day calendar, the Permendagri 90/2019 codes with strict parsers,
//! actors and roles, the versioned [`Rulebook`], and the [`Finding`] model.
//!
//! Nothing here reads the clock, makes random ids or does I/O: the same input gives the same
//! value, byte for byte.
//!
//! ```
//! use rantai_core::{Money, Mak, Rulebook, param};
//! use chrono::NaiveDate;
//!
//! let mak: Mak = "1.03.08.2.01.0021.5.2.03.01.01.0001.".parse()?;
//! let pagu: Money = "750000000".parse()?;
//! let ceiling = Rulebook::standard().get(param::p01::CEILING_BARANG, NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())?;
//! assert!(pagu > ceiling, "{mak}: a Rp750 juta package cannot be Pengadaan Langsung");
//! # Ok::<(), rantai_core::CoreError>(())
//! ```
#![deny(missing_docs)]

mod actor;
mod calendar;
mod codes;
mod error;
mod finding;
mod fiscal;
mod ids;
mod kinds;
mod money;
mod organisation;
pub mod param;
mod provenance;
mod ratio;
mod rejected;
mod rule_id;
mod rulebook;
mod schema;
mod verdict;

pub use actor::{Actor, Grant, Role, Scope};
pub use calendar::WorkingCalendar;
pub use codes::{GovLevel, KegiatanCode, KodeRekening, Mak, MakList, OrgCode, ProgramCode, SubKegiatanCode};
pub use error::{CoreError, Result};
pub use finding::{Evidence, EvidenceValue, Finding, Outcome, RuleText, Subject, SubjectKind};
pub use fiscal::{FiscalYear, Quarter};
pub use ids::{
    ActorId, BidId, ContractId, DpaLineId, ExternalKey, KegiatanId, KodeRup, OrganisationId, PackageId, PaymentId,
    ProcurementId, ProgramId, ReportId, RevisionId, SpdId, SppId, SubKegiatanId,
};
pub use kinds::{JenisPengadaan, MetodePemilihan};
pub use money::{MONEY_ROUNDING, Money};
pub use organisation::{Organisation, RegionProfile};
pub use provenance::Provenance;
pub use ratio::{RATIO_DECIMALS, Ratio};
pub use rejected::Rejected;
pub use rule_id::{RuleFamily, RuleId};
pub use rulebook::{
    Action, Basis, Enforcement, Mode, ParamKind, ParamValue, Parameter, RuleDef, Rulebook, Severity, Versioned,
    Violation,
};
pub use verdict::{Policy, Verdict};
