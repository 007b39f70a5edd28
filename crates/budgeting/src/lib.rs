//! e-budgeting: DPA lines, commitments made from signed contracts (the only way in: a
//! [`rantai_procurement::SignedContract`]), and SP2D payments against them, with money that
//! always adds up.
//!
//! ```
//! # use rantai_budgeting::*;
//! # use rantai_core::*;
//! # use chrono::NaiveDate;
//! # fn signed_contract() -> rantai_procurement::SignedContract { rantai_budgeting::fixtures::signed_contract() }
//! let policy = Policy::new(Rulebook::standard(), Mode::Command);
//! let (line, _) = DpaLine::open(rantai_budgeting::fixtures::line_spec())?;
//! let contract = signed_contract(); // Rp918 juta, signed 2 April 2025
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
//! let (line, _) = line.commit(&contract, contract.value(), day(4, 3), policy).map_err(|r| r.error)?;
//! let sp2d = Sp2d { id: PaymentId::from_u128(1), nomor: None, contract: contract.id(), amount: "275400000".parse()?, paid_on: day(6, 30) };
//! let (line, _) = line.pay(sp2d, policy).map_err(|r| r.error)?;
//! assert_eq!(line.paid(), "275400000".parse()?);
//! // Paying more than is committed is refused by K-08, and the line is unchanged.
//! let too_much = Sp2d { id: PaymentId::from_u128(2), nomor: None, contract: contract.id(), amount: "700000000".parse()?, paid_on: day(9, 30) };
//! let refused = line.pay(too_much, policy).unwrap_err();
//! assert_eq!(refused.state.paid(), "275400000".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod dpa_line;
mod error;
mod events;
pub mod fixtures;
pub mod rules;

pub use dpa_line::{Commitment, DpaLine, DpaLineSpec, Sp2d};
pub use error::BudgetingError;
pub use events::BudgetingEvent;
