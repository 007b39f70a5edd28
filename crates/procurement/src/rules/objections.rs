//! T-03: a sanggah banding is for works only, backed by a jaminan sanggah banding of 1 % of the
//! HPS, and filed within 5 calendar days of the answer to the same bidder's sanggah (Perpres
//! 16/2018 Pasal 50(2); Perlem LKPP 12/2021 [R?]). Doc page: `docs/rules/T-03.md`.

use rantai_core::param;
use rantai_core::{Evidence, JenisPengadaan, Rulebook, Verdict};

use crate::objection::{Objection, ObjectionKind};
use crate::tender::TenderSpec;

/// T-03 over a procurement's objections: the first sanggah banding that breaks a condition.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{ActorId, Money, Rulebook, Verdict};
/// use rantai_procurement::{Objection, ObjectionKind, fixtures, rules::objections};
/// let spec = fixtures::tender_spec(); // works, HPS Rp990 juta
/// let d = |day| NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
/// let sanggah = Objection { number: 1, provider: ActorId::from_u128(51), kind: ObjectionKind::Sanggah,
///     filed_on: d(21), bond: None, answered_on: Some(d(26)) };
/// let banding = |filed, bond| Objection { number: 2, provider: ActorId::from_u128(51),
///     kind: ObjectionKind::SanggahBanding, filed_on: d(filed), bond: Some(Money::from_rupiah(bond).unwrap()),
///     answered_on: None };
/// let book = Rulebook::standard();
/// assert_eq!(objections::check(&spec, &[sanggah.clone(), banding(31, 9_900_000)], book), Verdict::Pass);
/// // A bond under 1 % of HPS, or filed 6 days after the answer: found.
/// assert!(matches!(objections::check(&spec, &[sanggah.clone(), banding(31, 9_899_999)], book), Verdict::Violated(_)));
/// let late = Objection { filed_on: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), ..banding(31, 9_900_000) };
/// let Verdict::Violated(ev) = objections::check(&spec, &[sanggah, late], book) else { panic!() };
/// assert_eq!(ev.get("days").unwrap().to_string(), "6");
/// ```
pub fn check(spec: &TenderSpec, objections: &[Objection], rulebook: &Rulebook) -> Verdict {
    for banding in objections.iter().filter(|o| o.kind == ObjectionKind::SanggahBanding) {
        let found = |problem: &str| {
            Evidence::new()
                .with("objection", i64::from(banding.number))
                .with("filed_on", banding.filed_on)
                .with("problem", problem)
        };
        if spec.jenis != JenisPengadaan::PekerjaanKonstruksi {
            return Verdict::Violated(found("a sanggah banding is for works only"));
        }
        let on = banding.filed_on;
        let (Ok(ratio), Ok(max_days)) = (
            rulebook.get(param::t03::BOND_RATIO, on),
            rulebook.get(param::t03::MAX_DAYS_AFTER_ANSWER, on),
        ) else {
            return Verdict::missing(format!("T-03 parameters in force on {on}"));
        };
        let Some(hps) = spec.hps else {
            return Verdict::missing("the HPS, which sets the jaminan sanggah banding");
        };
        let Ok(required) = hps.mul_ratio(ratio) else {
            return Verdict::missing("a bond amount within range");
        };
        if banding.bond.is_none_or(|b| b < required) {
            return Verdict::Violated(
                found("jaminan sanggah banding under its share of HPS")
                    .with("required", required)
                    .with("bond", banding.bond.unwrap_or(rantai_core::Money::ZERO)),
            );
        }
        let answer = objections
            .iter()
            .filter(|o| o.kind == ObjectionKind::Sanggah && o.provider == banding.provider)
            .filter_map(|o| o.answered_on)
            .filter(|a| *a <= on)
            .max();
        let Some(answer) = answer else {
            return Verdict::Violated(found("no answered sanggah of the same bidder before it"));
        };
        let days = (on - answer).num_days();
        if days > i64::from(max_days) {
            return Verdict::Violated(
                found("filed too long after the answer to the sanggah")
                    .with("sanggah_answered_on", answer)
                    .with("days", days)
                    .with("max_days", i64::from(max_days)),
            );
        }
    }
    Verdict::Pass
}
