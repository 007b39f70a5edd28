//! e-procurement: a procurement opened from announced RUP packages, priced bids, the award, and
//! the contract with its addenda and handover — each state its own type, each transition a method
//! that consumes it — and the hand-off to budgeting and monitoring, a [`SignedContract`].
//!
//! ```
//! use chrono::NaiveDate;
//! use rantai_core::*;
//! use rantai_procurement::{Award, Bid, ContractForm, ContractSpec, Open, PlanLink, ProviderSize};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
//! let policy = Policy::new(Rulebook::standard(), Mode::Command);
//! let (spec, PlanLink::Announced { packages }) = rantai_procurement::fixtures::tender_with_plan() else {
//!     unreachable!()
//! };
//! let (open, _) = Open::announce(spec, packages, policy)?;
//! let bid = Bid {
//!     id: BidId::from_u128(1),
//!     provider: ActorId::from_u128(50),
//!     offer: "920000000".parse()?,
//!     corrected: None, disqualified: None,
//!     submitted_on: day(3, 12),
//! };
//! let (open, _) = open.submit_bid(bid, rantai_core::Mode::Command).map_err(|r| r.error)?;
//! let award = Award { bid: BidId::from_u128(1), provider: ActorId::from_u128(50), price: "918000000".parse()?, awarded_on: day(3, 20) };
//! let (awarded, _) = open.award(award, policy).map_err(|r| r.error)?;
//! let contract = ContractSpec {
//!     id: ContractId::from_u128(1),
//!     nomor: ExternalKey::new("600/PUTR/2025/017")?,
//!     signed_on: day(4, 2),
//!     start: day(4, 7),
//!     end: day(10, 31),
//!     value: "918000000".parse()?,
//!     advance: Money::ZERO,
//!     form: ContractForm::SuratPerjanjian,
//!     provider_size: ProviderSize::UsahaKecil,
//!     multi_year: false,
//!     performance_bond: Some("45900000".parse()?), // 5 % of the value (H-05)
//!     maintenance_days: 180,
//!     contract_type: Some(rantai_procurement::ContractType::Gabungan),
//! };
//! // A contract above HPS (Rp990 juta) would be refused with rule H-03.
//! let (_closed, active, _) = awarded.sign_contract(contract, policy).map_err(|r| r.error)?;
//! assert_eq!(active.handoff().value(), "918000000".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod contract;
mod error;
mod events;
mod failure;
pub mod fixtures;
mod objection;
mod ownership;
pub mod rules;
mod schedule;
mod tender;
mod termination;

pub use contract::{
    ActiveContract, Addendum, CompletedContract, Contract, ContractForm, ContractSpec, ContractTerms, ContractType,
    SignedContract, TerminatedContract,
};
pub use error::ProcurementError;
pub use events::ProcurementEvent;
pub use failure::{Failure, FailureGround};
pub use objection::{Objection, ObjectionKind};
pub use ownership::{Ownership, Stake, Tie};
pub use rules::advance_cap::ProviderSize;
pub use rules::direct_basis::{DirectBasis, KeadaanTertentu};
pub use schedule::{SANGGAH, Schedule, ScheduledStage, Track};
pub use tender::{
    Award, Awarded, Bid, Contracted, Disqualification, EvaluationMethod, EvaluationStage, Failed, Officials, Open,
    PlanLink, Procurement, TenderSpec,
};
pub use termination::{Termination, TerminationGround};
