//! C-01: the work added by addenda may total at most 10 % of the original contract value
//! (Perpres 16/2018 Pasal 54(2): "tidak melebihi 10% … dari harga yang tercantum dalam
//! perjanjian/Kontrak awal"). Added work is the sum of every increase between successive
//! values, so a later reduction does not hide an earlier excess. Doc page: `docs/rules/C-01.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, Money, Rulebook, Verdict};

/// C-01 after an addendum bringing the value to `new_value`, given the values after earlier
/// addenda (`earlier`, in order) and the original value.
///
/// # Example
///
/// ```
/// # use rantai_procurement::rules::addendum_limit;
/// # use rantai_core::{Money, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let on = NaiveDate::from_ymd_opt(2025, 8, 1).unwrap();
/// let book = Rulebook::standard();
/// // Rp1 miliar + Rp100 juta is exactly 10 %: allowed.
/// assert_eq!(addendum_limit::check(rp(1_000_000_000), &[], rp(1_100_000_000), book, on), Verdict::Pass);
/// // +6 % then +5 % is 11 % of added work, even though each step is under 10 %.
/// let v = addendum_limit::check(rp(1_000_000_000), &[rp(1_060_000_000)], rp(1_110_000_000), book, on);
/// assert!(matches!(v, Verdict::Violated(_)));
/// ```
pub fn check(original: Money, earlier: &[Money], new_value: Money, rulebook: &Rulebook, on: NaiveDate) -> Verdict {
    let max = match rulebook.get(param::c01::MAX_INCREASE, on) {
        Ok(r) => r,
        Err(_) => return Verdict::missing(format!("C-01 limit in force on {on}")),
    };
    let mut added = Money::ZERO;
    let mut previous = original;
    for value in earlier.iter().chain(std::iter::once(&new_value)) {
        if *value > previous {
            added = match added.checked_add(value.saturating_sub(previous)) {
                Ok(a) => a,
                Err(e) => return Verdict::missing(format!("a summable addendum history ({e})")),
            };
        }
        previous = *value;
    }
    let limit = match original.mul_ratio(max) {
        Ok(l) => l,
        Err(e) => return Verdict::missing(format!("a computable limit ({e})")),
    };
    if added <= limit {
        return Verdict::Pass;
    }
    let mut evidence = Evidence::new()
        .with("original_value", original)
        .with("new_value", new_value)
        .with("added_work", added)
        .with("limit", limit);
    if let Some(share) = added.ratio_of(original) {
        evidence = evidence.with("added_share", share);
    }
    Verdict::Violated(evidence.with("max_share", max))
}
