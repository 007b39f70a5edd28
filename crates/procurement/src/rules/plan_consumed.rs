//! D1: a procurement of a RUP package another procurement already took — the plan line consumed
//! twice (`red-flags.md` §9 D1). Catalogue orders of one e-purchasing package may follow each
//! other ([`may_share_package`]). One check for both ways in: the chain refuses such an
//! announcement, and the engine flags such a recorded procurement, with the same evidence.
//! Doc page: `docs/rules/D1.md`.

use rantai_core::{Evidence, KodeRup, MetodePemilihan, PackageId, Verdict};

use super::plan_consistency::may_share_package;
use crate::tender::TenderSpec;

/// D1 for one package of a procurement by `metode`: `first` is the procurement that took the
/// package before this one, if any.
///
/// ```
/// use rantai_core::{MetodePemilihan as M, PackageId, Verdict};
/// use rantai_procurement::{fixtures, rules::plan_consumed};
/// let earlier = fixtures::tender_spec(); // a tender announced on 2025-03-03
/// let package = PackageId::from_u128(7);
/// assert_eq!(plan_consumed::check(package, None, M::Tender, None), Verdict::Pass);
/// let Verdict::Violated(ev) = plan_consumed::check(package, None, M::Tender, Some(&earlier)) else { panic!() };
/// assert_eq!(ev.get("first_procurement").unwrap().to_string(), earlier.name);
/// ```
pub fn check(
    package: PackageId,
    kd_rup: Option<KodeRup>,
    metode: MetodePemilihan,
    first: Option<&TenderSpec>,
) -> Verdict {
    let Some(first) = first.filter(|first| !may_share_package(first.metode, metode)) else {
        return Verdict::Pass;
    };
    let mut evidence = Evidence::new().with("package", package.to_string());
    if let Some(code) = kd_rup {
        evidence = evidence.with("kd_rup", code.to_string());
    }
    Verdict::Violated(
        evidence
            .with("first_procurement", first.name.clone())
            .with("first_announced_on", first.announced_on),
    )
}
