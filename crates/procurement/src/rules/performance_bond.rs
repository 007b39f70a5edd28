//! H-04 and H-05, the jaminan pelaksanaan of Perpres 16/2018 Pasal 33: a contract for goods, works
//! or other services above Rp200 juta is backed by a performance bond of 5 % of its value — or 5 %
//! of the HPS when the winning offer is under 80 % of the HPS, an offer that also needs its price
//! clarified (H-04). Consultancy gives no performance bond, nor does a purchase from the electronic
//! catalogue (Pasal 33(3), as amended by Perpres 12/2021 [R?]). Kab. Bandung 2025: every works
//! contract above Rp200 juta carries 5 % but three (two without a bond, one Rp290.000 short).
//! Doc pages: `docs/rules/H-04.md`, `docs/rules/H-05.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, JenisPengadaan, MetodePemilihan, Money, Ratio, Rulebook, Verdict};

use crate::tender::Procurement;

/// What the bond rules read about a contract and its procurement.
#[derive(Clone, Copy, Debug)]
pub struct BondTerms {
    /// The procurement object.
    pub jenis: JenisPengadaan,
    /// The method: purchases from the electronic catalogue give no bond.
    pub metode: MetodePemilihan,
    /// The contract value signed.
    pub value: Money,
    /// The HPS.
    pub hps: Option<Money>,
    /// The winner's evaluated offer (corrected when corrected).
    pub offer: Option<Money>,
    /// When the contract is signed (the rules in force).
    pub signed_on: NaiveDate,
}

/// The bond terms of a contract of `procurement` worth `value`, signed on `signed_on`: the
/// winner's evaluated offer comes from the awarded bid.
pub fn bond_terms(procurement: &Procurement, value: Money, signed_on: NaiveDate) -> BondTerms {
    let spec = procurement.spec();
    BondTerms {
        jenis: spec.jenis,
        metode: spec.metode,
        value,
        hps: spec.hps,
        offer: procurement
            .award()
            .and_then(|a| procurement.bids().iter().find(|b| b.id == a.bid))
            .map(crate::tender::Bid::evaluated_price),
        signed_on,
    }
}

/// Whether `offer` is under `low_bid_ratio` of `hps`, and the ratio.
fn low(offer: Money, hps: Money, on: NaiveDate, rulebook: &Rulebook) -> Result<(bool, Ratio, Ratio), Verdict> {
    let limit = rulebook
        .get(param::h04::LOW_BID_RATIO, on)
        .map_err(|_| Verdict::missing("the H-04 parameter low_bid_ratio"))?;
    let ratio = offer.ratio_of(hps).ok_or_else(|| Verdict::missing("a non-zero HPS"))?;
    Ok((ratio < limit, ratio, limit))
}

/// H-04: the winning offer of goods, works or other services is under 80 % of the HPS — the Pokja
/// must clarify the price and the bond rises to 5 % of the HPS.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{JenisPengadaan, MetodePemilihan, Money, Rulebook, Verdict};
/// use rantai_procurement::rules::performance_bond::{self, BondTerms};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let terms = |offer| BondTerms {
///     jenis: JenisPengadaan::PekerjaanKonstruksi, metode: MetodePemilihan::Tender, value: rp(offer), hps: Some(rp(1_000_000_000)),
///     offer: Some(rp(offer)), signed_on: NaiveDate::from_ymd_opt(2025, 5, 2).unwrap(),
/// };
/// assert_eq!(performance_bond::low_offer(&terms(800_000_000), Rulebook::standard()), Verdict::Pass);
/// assert!(matches!(performance_bond::low_offer(&terms(799_000_000), Rulebook::standard()), Verdict::Violated(_)));
/// ```
pub fn low_offer(terms: &BondTerms, rulebook: &Rulebook) -> Verdict {
    if terms.jenis == JenisPengadaan::JasaKonsultansi {
        return Verdict::Pass;
    }
    let (Some(offer), Some(hps)) = (terms.offer, terms.hps) else {
        return Verdict::missing("the winning offer and the HPS");
    };
    match low(offer, hps, terms.signed_on, rulebook) {
        Err(v) => v,
        Ok((false, _, _)) => Verdict::Pass,
        Ok((true, ratio, limit)) => Verdict::Violated(
            Evidence::new()
                .with("offer", offer)
                .with("hps", hps)
                .with("offer_to_hps", ratio)
                .with("low_bid_ratio", limit),
        ),
    }
}

/// The bond H-05 requires, with what it is a share of (`"contract value"` or `"HPS"`); `None`
/// when none is required (consultancy, or a value up to `required_above`).
///
/// # Errors
///
/// The [`Verdict`] to report when it cannot be told: a parameter not in force, or an offer that
/// must be compared with an HPS not given.
pub fn required(terms: &BondTerms, rulebook: &Rulebook) -> Result<Option<(&'static str, Money)>, Verdict> {
    if terms.jenis == JenisPengadaan::JasaKonsultansi || terms.metode == MetodePemilihan::EPurchasing {
        return Ok(None);
    }
    let on = terms.signed_on;
    let above = rulebook
        .get(param::h05::REQUIRED_ABOVE, on)
        .map_err(|_| Verdict::missing("the H-05 parameter required_above"))?;
    if terms.value <= above {
        return Ok(None);
    }
    let share = rulebook
        .get(param::h05::BOND_RATIO, on)
        .map_err(|_| Verdict::missing("the H-05 parameter bond_ratio"))?;
    let (base_name, base) = match (terms.offer, terms.hps) {
        (Some(offer), Some(hps)) if low(offer, hps, on, rulebook)?.0 => ("HPS", hps),
        (_, Some(_)) => ("contract value", terms.value),
        (_, None) => return Err(Verdict::missing("the HPS, to know what the bond is a share of")),
    };
    let amount = base
        .mul_ratio(share)
        .map_err(|_| Verdict::missing("a bond amount within range"))?;
    Ok(Some((base_name, amount)))
}

/// H-05 for a contract backed by `bond` (`None`: the source does not say).
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{JenisPengadaan, MetodePemilihan, Money, Rulebook, Verdict};
/// use rantai_procurement::rules::performance_bond::{self, BondTerms};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// // Works at Rp879.354.700 (offer 88 % of HPS): the bond is 5 % of the value, Rp43.967.735.
/// let terms = BondTerms {
///     jenis: JenisPengadaan::PekerjaanKonstruksi, metode: MetodePemilihan::Tender, value: rp(879_354_700), hps: Some(rp(999_846_267)),
///     offer: Some(rp(879_354_700)), signed_on: NaiveDate::from_ymd_opt(2025, 5, 2).unwrap(),
/// };
/// let book = Rulebook::standard();
/// assert_eq!(performance_bond::check(&terms, Some(rp(43_967_735)), book), Verdict::Pass);
/// let Verdict::Violated(e) = performance_bond::check(&terms, Some(rp(43_677_703)), book) else { panic!() };
/// assert_eq!(e.get("shortfall").unwrap().to_string(), "Rp290.032");
/// assert!(matches!(performance_bond::check(&terms, None, book), Verdict::Insufficient { .. }));
/// ```
pub fn check(terms: &BondTerms, bond: Option<Money>, rulebook: &Rulebook) -> Verdict {
    let (base, amount) = match required(terms, rulebook) {
        Err(v) => return v,
        Ok(None) => return Verdict::Pass,
        Ok(Some(r)) => r,
    };
    let Some(bond) = bond else {
        return Verdict::missing("the performance bond (jaminan pelaksanaan)");
    };
    if bond >= amount {
        return Verdict::Pass;
    }
    let mut evidence = Evidence::new()
        .with("contract_value", terms.value)
        .with("bond_base", base)
        .with("required", amount)
        .with("bond", bond)
        .with("shortfall", amount.saturating_sub(bond));
    if let Some(hps) = terms.hps {
        evidence = evidence.with("hps", hps);
    }
    Verdict::Violated(evidence)
}
