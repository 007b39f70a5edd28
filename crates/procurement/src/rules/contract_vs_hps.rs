//! H-03: the contract value may not exceed the HPS for goods, works and other services
//! (Perpres 16/2018 Pasal 26; opentender.net indicator 2 scores it 5). Judged on the value
//! signed, before addenda (which C-01 governs). Doc page: `docs/rules/H-03.md`.

use rantai_core::{Evidence, JenisPengadaan, Money, Verdict};

use crate::tender::TenderSpec;

/// H-03 for a contract signed at `value`.
///
/// # Example
///
/// ```
/// # use rantai_procurement::rules::contract_vs_hps;
/// # use rantai_core::{Money, Verdict};
/// let spec = rantai_procurement::fixtures::tender_spec(); // HPS Rp990 juta, works
/// assert_eq!(contract_vs_hps::check(&spec, "990000000".parse()?), Verdict::Pass);
/// assert!(matches!(contract_vs_hps::check(&spec, "990000001".parse()?), Verdict::Violated(_)));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(spec: &TenderSpec, value: Money) -> Verdict {
    if spec.jenis == JenisPengadaan::JasaKonsultansi {
        return Verdict::Pass;
    }
    let Some(hps) = spec.hps else {
        return crate::rules::hps_not_given(spec);
    };
    if value <= hps {
        return Verdict::Pass;
    }
    let mut evidence = Evidence::new()
        .with("hps", hps)
        .with("contract_value", value)
        .with("excess", value.saturating_sub(hps));
    if let Some(ratio) = value.ratio_of(hps) {
        evidence = evidence.with("contract_to_hps", ratio);
    }
    Verdict::Violated(evidence)
}
