//! e-budgeting, DPA to SP2D: DPA lines with their anggaran kas and revisions, SPD, commitments
//! from signed contracts (the only way in: a [`rantai_procurement::SignedContract`]), SPP (UP,
//! GU, TU, LS) through SPM to SP2D, the bendahara's cash, and the contract arithmetic of advance,
//! retention and late penalty — with money that always adds up (K-08, C-03, C-05, C-06, C-09,
//! K-09). Everything goes through a [`Book`]: checks take `&self` and give an event, and
//! [`Book::apply`] folds it in.
//!
//! ```
//! # use rantai_budgeting::*;
//! # use rantai_core::*;
//! # use chrono::NaiveDate;
//! let policy = Policy::new(Rulebook::standard(), Mode::Command);
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
//! let contract = fixtures::signed_contract(); // Rp918 juta, ends 31 October, 180 days' maintenance
//! let line = fixtures::line_spec().id;
//! let mut book = Book::default();
//! book.apply(&book.open_line(fixtures::line_spec(), policy)?)?;
//! book.apply(&book.issue_spd(line, fixtures::spd(1, 4, 9, 800_000_000, day(4, 1)), policy)?)?;
//! book.apply(&book.commit(line, &contract, contract.value(), day(4, 3), policy)?)?;
//! // A first term of Rp300 juta of work: 5 % retention is withheld, the rest is paid.
//! let spp = Spp {
//!     id: SppId::from_u128(1), nomor: None, organisation: OrganisationId::from_u128(1),
//!     kind: SppKind::Ls { line, contract: contract.id(), payment: LsPayment::Term { gross: "300000000".parse()?, late_part: None } },
//!     amount: "285000000".parse()?, submitted_on: day(7, 1),
//! };
//! let (pptk, ppk_skpd) = (ActorId::from_u128(1), ActorId::from_u128(2));
//! book.apply(&book.submit_spp(spp, Some(&contract), pptk, policy)?)?;
//! book.apply(&book.verify_spp(SppId::from_u128(1), day(7, 2), ppk_skpd)?)?;
//! book.apply(&book.issue_spm(SppId::from_u128(1), None, day(7, 3))?)?;
//! book.apply(&book.issue_sp2d(SppId::from_u128(1), PaymentId::from_u128(1), None, day(7, 4), Some(&contract), policy)?)?;
//! assert_eq!(book.line(line)?.paid(), "285000000".parse()?);
//! assert_eq!(book.accounts()[&contract.id()].retention_held, "15000000".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod absorption;
mod account;
mod book;
mod dpa_line;
mod error;
mod events;
mod facts;
pub mod fixtures;
mod kas;
mod revision;
pub mod rules;
mod spd;
mod spp;
mod treasury;

pub use absorption::{Absorption, AbsorptionTable};
pub use account::{ContractAccount, TermBreakdown};
pub use book::{Book, Paid};
pub use dpa_line::{Commitment, DpaLine, DpaLineSpec, LineVersion, ReleaseReason, Sp2d};
pub use error::BudgetingError;
pub use events::BudgetingEvent;
pub use facts::ContractFacts;
pub use kas::AnggaranKas;
pub use revision::{LineChange, Revision, RevisionKind};
pub use spd::Spd;
pub use spp::{LsPayment, PaymentRequest, Spp, SppKind, SppStage};
pub use treasury::{CashSource, Treasury, TuAdvance};
