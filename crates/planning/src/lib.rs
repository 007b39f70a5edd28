//! e-planning: sub-kegiatan with their pagu and RUP packages with funding lines, methods and
//! planned windows, from draft to announced — and the hand-off to procurement, an
//! [`AnnouncedPackage`], which only an announced package can give.
//!
//! ```
//! use chrono::NaiveDate;
//! use rantai_core::*;
//! use rantai_planning::{Draft, FundingLine, PackageFlags, PackageKind, PackageSpec, Window};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
//! let spec = PackageSpec {
//!     id: PackageId::from_u128(1),
//!     kd_rup: Some(KodeRup::new(52_301_234)),
//!     organisation: OrganisationId::from_u128(1),
//!     name: "Rehabilitasi Jalan Cileunyi".into(),
//!     fiscal_year: FiscalYear::new(2025)?,
//!     jenis: JenisPengadaan::PekerjaanKonstruksi,
//!     metode: MetodePemilihan::Tender,
//!     pagu: Money::from_rupiah(1_500_000_000)?,
//!     funding: vec![FundingLine {
//!         sub_kegiatan: SubKegiatanId::from_u128(1),
//!         mak: "1.03.08.2.01.0021.5.2.04.01.01.0001".parse()?,
//!         amount: Money::from_rupiah(1_500_000_000)?,
//!     }],
//!     selection: Window { start: day(2, 1), end: day(3, 31) },
//!     execution: Window { start: day(4, 1), end: day(11, 30) },
//!     utilization: None,
//!     kind: PackageKind::Penyedia,
//!     additional_jenis: Vec::new(),
//!     flags: PackageFlags::umk_pdn(),
//!     locations: vec!["Kec. Cileunyi".into()],
//!     ppk: ActorId::from_u128(9),
//! };
//! let (draft, _) = Draft::create(spec)?;
//! let policy = Policy::new(Rulebook::standard(), Mode::Command);
//! let (announced, _) = draft.announce(day(1, 20), policy).map_err(|r| r.error)?;
//! let handoff = announced.handoff();
//! assert_eq!(handoff.spec().pagu, Money::from_rupiah(1_500_000_000)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod budget_structure;
mod error;
mod events;
mod hierarchy;
mod package;
pub mod rules;
mod sub_kegiatan;

pub use budget_structure::BudgetStructure;
pub use error::PlanningError;
pub use events::PlanningEvent;
pub use hierarchy::{Indicator, IndicatorLevel, Kegiatan, Program};
pub use package::{
    Announced, AnnouncedPackage, Cancelled, Draft, FundingLine, Package, PackageFlags, PackageKind, PackageSpec,
    Revision, TipeSwakelola, Window, consolidate,
};
pub use sub_kegiatan::{SubKegiatan, SubKegiatanSpec};
