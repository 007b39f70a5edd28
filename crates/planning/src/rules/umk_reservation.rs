//! P-06: a package of goods, works or other services whose pagu is at most the reservation
//! ceiling (Rp2,5 miliar under Perpres 16/2018, Rp15 miliar from Perpres 12/2021) should be
//! reserved for usaha mikro, kecil and koperasi unless the plan says why not (Perpres 12/2021
//! Pasal 65(4)-(5); SIRUP `status_ukm`, `alasan_non_ukm`). Doc page: `docs/rules/P-06.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, JenisPengadaan, Money, Rulebook, Verdict};

use crate::package::{PackageKind, PackageSpec};

/// P-06 for a package, judged by the regulation in force on `on` (its announcement date).
pub fn check(spec: &PackageSpec, on: NaiveDate, rulebook: &Rulebook) -> Verdict {
    if spec.jenis == JenisPengadaan::JasaKonsultansi || spec.kind != PackageKind::Penyedia {
        return Verdict::Pass;
    }
    let Ok(ceiling) = rulebook.get(param::p06::RESERVATION_MAX, on) else {
        return Verdict::missing(format!("P-06 reservation ceiling in force on {on}"));
    };
    if spec.pagu > ceiling
        || spec.flags.umk
        || spec
            .flags
            .non_umk_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty())
    {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("pagu", spec.pagu)
            .with("reservation_max", ceiling)
            .with("status_ukm", "Non-UKM")
            .with("alasan_non_ukm", "(none given)"),
    )
}

/// The reservation ceiling in force on `on`, if any.
pub fn ceiling(on: NaiveDate, rulebook: &Rulebook) -> Option<Money> {
    rulebook.get(param::p06::RESERVATION_MAX, on).ok()
}
