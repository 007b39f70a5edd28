//! D8 and D9 of the peer synthesis: a competitive award far below the HPS (≥ 30 % under: the
//! estimate looks inflated; prozorro-risks sas-3-6, Cardinal R058) or at the HPS (within 1 %:
//! OCP R031, DG i171). Only competitive methods — tender, tender cepat, seleksi — are judged:
//! elsewhere the price is negotiated against the HPS by design. Doc pages: `docs/rules/D8.md`,
//! `docs/rules/D9.md`.

use rantai_core::param::{self, Param, Share};
use rantai_core::{Evidence, MetodePemilihan, Money, Rulebook, Verdict};

use crate::tender::{Award, TenderSpec};

/// Whether the method sets bidders against each other on price.
pub fn is_competitive(metode: MetodePemilihan) -> bool {
    matches!(
        metode,
        MetodePemilihan::Tender | MetodePemilihan::TenderCepat | MetodePemilihan::Seleksi
    )
}

fn ratio(spec: &TenderSpec, award: &Award) -> Result<(Money, rantai_core::Ratio), Verdict> {
    let Some(hps) = spec.hps else {
        return Err(Verdict::missing("HPS of the procurement"));
    };
    match award.price.ratio_of(hps) {
        Some(r) => Ok((hps, r)),
        None => Err(Verdict::missing("a non-zero HPS")),
    }
}

fn evidence(hps: Money, award: &Award, ratio: rantai_core::Ratio, threshold: rantai_core::Ratio) -> Evidence {
    Evidence::new()
        .with("hps", hps)
        .with("award_price", award.price)
        .with("award_to_hps", ratio)
        .with("threshold", threshold)
        .with("awarded_on", award.awarded_on)
}

/// D8: award / HPS below the rulebook's `min_ratio` (0.70).
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::award_vs_estimate, fixtures};
/// # use rantai_core::{Money, Rulebook, Verdict};
/// let (spec, mut award) = (fixtures::tender_spec(), fixtures::award()); // tender, HPS Rp990 juta
/// assert_eq!(award_vs_estimate::far_below(&spec, &award, Rulebook::standard()), Verdict::Pass); // 92.7 %
/// award.price = Money::from_rupiah(650_000_000)?; // 65.7 % of HPS
/// assert!(matches!(award_vs_estimate::far_below(&spec, &award, Rulebook::standard()), Verdict::Violated(_)));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn far_below(spec: &TenderSpec, award: &Award, rulebook: &Rulebook) -> Verdict {
    judge(spec, award, rulebook, param::d8::MIN_RATIO, |ratio, threshold| {
        ratio < threshold
    })
}

/// D9: award / HPS at or above the rulebook's `min_ratio` (0.99).
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::award_vs_estimate, fixtures};
/// # use rantai_core::{Money, Rulebook, Verdict};
/// let (spec, mut award) = (fixtures::tender_spec(), fixtures::award()); // HPS Rp990 juta
/// assert_eq!(award_vs_estimate::at_estimate(&spec, &award, Rulebook::standard()), Verdict::Pass); // 92.7 %
/// award.price = Money::from_rupiah(985_000_000)?; // 99.5 % of HPS
/// assert!(matches!(award_vs_estimate::at_estimate(&spec, &award, Rulebook::standard()), Verdict::Violated(_)));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn at_estimate(spec: &TenderSpec, award: &Award, rulebook: &Rulebook) -> Verdict {
    judge(spec, award, rulebook, param::d9::MIN_RATIO, |ratio, threshold| {
        ratio >= threshold
    })
}

/// Award ÷ HPS set against the rule's `min_ratio`; `violated` says which side is the finding.
fn judge(
    spec: &TenderSpec,
    award: &Award,
    rulebook: &Rulebook,
    min_ratio: Param<Share>,
    violated: fn(rantai_core::Ratio, rantai_core::Ratio) -> bool,
) -> Verdict {
    if !is_competitive(spec.metode) {
        return Verdict::Pass;
    }
    let (hps, r) = match ratio(spec, award) {
        Ok(v) => v,
        Err(v) => return v,
    };
    let Ok(threshold) = rulebook.get(min_ratio, award.awarded_on) else {
        return Verdict::missing(format!(
            "{} min_ratio in force on {}",
            min_ratio.key().owner,
            award.awarded_on
        ));
    };
    if violated(r, threshold) {
        Verdict::Violated(evidence(hps, award, r, threshold))
    } else {
        Verdict::Pass
    }
}
