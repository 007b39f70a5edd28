//! H-01: the HPS may not exceed the pagu (Perpres 16/2018 Pasal 26; SPSE refuses it, and all 77
//! Kab. Bandung 2025 tenders comply). Doc page: `docs/rules/H-01.md`.

use rantai_core::{Evidence, Verdict};

use crate::tender::TenderSpec;

/// H-01 for one announced procurement.
///
/// # Example
///
/// ```
/// # use rantai_procurement::rules::hps_vs_pagu;
/// # use rantai_core::Verdict;
/// # let mut spec = rantai_procurement::fixtures::tender_spec();
/// spec.hps = Some("1100000000".parse()?); // pagu is Rp1 miliar
/// assert!(matches!(hps_vs_pagu::check(&spec), Verdict::Violated(_)));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(spec: &TenderSpec) -> Verdict {
    let Some(hps) = spec.hps else {
        return crate::rules::hps_not_given(spec);
    };
    if hps <= spec.pagu {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("pagu", spec.pagu)
            .with("hps", hps)
            .with("excess", hps.saturating_sub(spec.pagu))
            .with("announced_on", spec.announced_on),
    )
}
