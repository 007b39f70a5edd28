//! The officials of one procurement: R-03, a Pokja Pemilihan of an odd number of members, at
//! least three (Perpres 16/2018 Pasal 13), and the half of R-01 that concerns one package — its
//! PPK is not also its Pokja member or Pejabat Pengadaan (Perlem LKPP 15/2018 Pasal 6(3)). All 92
//! Kab. Bandung 2025 tenders have a Pokja of three that does not include the PPK, and no Pengadaan
//! Langsung has its PPK as its Pejabat Pengadaan. Doc pages: `docs/rules/R-03.md`,
//! `docs/rules/R-01.md`.

use rantai_core::param;
use rantai_core::{Evidence, Rulebook, Verdict};

use crate::tender::TenderSpec;

/// R-03 for a tender or seleksi: the Pokja has an odd number of members, at least `min_members`.
/// Direct methods have no Pokja; a Pokja not given cannot be judged.
///
/// ```
/// use rantai_core::{ActorId, Rulebook, Verdict};
/// use rantai_procurement::{fixtures, rules::procurement_officials};
/// let mut spec = fixtures::tender_spec(); // a tender with a Pokja of three
/// assert_eq!(procurement_officials::pokja_size(&spec, Rulebook::standard()), Verdict::Pass);
/// spec.officials.pokja.push(ActorId::from_u128(99));
/// let Verdict::Violated(ev) = procurement_officials::pokja_size(&spec, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("members").unwrap().to_string(), "4");
/// ```
pub fn pokja_size(spec: &TenderSpec, rulebook: &Rulebook) -> Verdict {
    if !spec.metode.is_competitive() {
        return Verdict::Pass;
    }
    let members = spec.officials.pokja.len();
    if members == 0 {
        return Verdict::missing("the Pokja members of the procurement");
    }
    let Ok(min) = rulebook.get(param::r03::MIN_MEMBERS, spec.announced_on) else {
        return Verdict::missing(format!("R-03 min_members in force on {}", spec.announced_on));
    };
    let members = u32::try_from(members).unwrap_or(u32::MAX);
    if members >= min && members % 2 == 1 {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("members", i64::from(members))
            .with("min_members", i64::from(min))
            .with("parity", if members % 2 == 1 { "odd" } else { "even" }),
    )
}

/// R-01 within one procurement: the PPK is not a member of its Pokja nor its Pejabat Pengadaan.
/// Without the PPK or the selecting officials it cannot be judged, except an e-purchase the PPK
/// runs itself.
///
/// ```
/// use rantai_core::Verdict;
/// use rantai_procurement::{fixtures, rules::procurement_officials};
/// let mut spec = fixtures::tender_spec();
/// assert_eq!(procurement_officials::same_package(&spec), Verdict::Pass);
/// spec.officials.pokja[1] = spec.officials.ppk.unwrap();
/// assert!(matches!(procurement_officials::same_package(&spec), Verdict::Violated(_)));
/// ```
pub fn same_package(spec: &TenderSpec) -> Verdict {
    let o = &spec.officials;
    let Some(ppk) = o.ppk else {
        return Verdict::missing("the PPK of the procurement");
    };
    if o.pokja.is_empty() && o.pejabat_pengadaan.is_none() {
        if spec.metode == rantai_core::MetodePemilihan::EPurchasing {
            // The PPK runs an e-purchase itself (above the Pejabat Pengadaan's value, P-04).
            return Verdict::Pass;
        }
        return Verdict::missing("the Pokja or Pejabat Pengadaan of the procurement");
    }
    let also = if o.pokja.contains(&ppk) {
        "Pokja member"
    } else if o.pejabat_pengadaan == Some(ppk) {
        "Pejabat Pengadaan"
    } else {
        return Verdict::Pass;
    };
    Verdict::Violated(
        Evidence::new()
            .with("actor", ppk.to_string())
            .with("role", "PPK")
            .with("also", also),
    )
}
