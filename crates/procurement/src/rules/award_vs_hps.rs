//! H-02: for goods, works and other services the HPS is the ceiling of a valid offer, so no
//! award may be priced above it (Perpres 16/2018 Pasal 26, 51(2)(g)). Doc page: `docs/rules/H-02.md`.

use rantai_core::{Evidence, JenisPengadaan, Money, Verdict};

use crate::tender::TenderSpec;

/// H-02 for an award of `price`.
pub fn check(spec: &TenderSpec, price: Money) -> Verdict {
    if spec.jenis == JenisPengadaan::JasaKonsultansi {
        return Verdict::Pass;
    }
    let Some(hps) = spec.hps else {
        return crate::rules::hps_not_given(spec);
    };
    if price <= hps {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("hps", hps)
            .with("award_price", price)
            .with("excess", price.saturating_sub(hps)),
    )
}
