//! K-03: the RUP packages financed by a sub-kegiatan may not add up to more than its pagu
//! (Σ funding lines on the sub-kegiatan ≤ pagu_subkegiatan; Perpres 16/2018 Pasal 22,
//! `domain-rules.md` §8.6). Packages recorded without funding lines cannot be attributed and
//! are left out. Doc page: `docs/rules/K-03.md`.

use rantai_core::{Evidence, Money, Verdict};

/// K-03 for one sub-kegiatan: its pagu and the amounts its packages draw on it.
///
/// # Example
///
/// ```
/// use rantai_core::{Money, Verdict};
/// use rantai_planning::rules::sub_kegiatan_budget;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(sub_kegiatan_budget::check(rp(1_000), [rp(600), rp(400)]), Verdict::Pass);
/// assert!(matches!(sub_kegiatan_budget::check(rp(1_000), [rp(600), rp(401)]), Verdict::Violated(_)));
/// ```
pub fn check(pagu: Money, drawn: impl IntoIterator<Item = Money>) -> Verdict {
    let mut total = Money::ZERO;
    let mut packages = 0i64;
    for amount in drawn {
        total = match total.checked_add(amount) {
            Ok(t) => t,
            Err(e) => return Verdict::missing(format!("a summable RUP total ({e})")),
        };
        packages += 1;
    }
    if total <= pagu {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("pagu_subkegiatan", pagu)
            .with("rup_total", total)
            .with("packages", packages)
            .with("excess", total.saturating_sub(pagu)),
    )
}

/// K-03 for a level of the hierarchy: the pagu of a program's kegiatan (or a kegiatan's
/// sub-kegiatan) may not add up to more than the parent's pagu.
///
/// # Example
///
/// ```
/// use rantai_core::{Money, Verdict};
/// use rantai_planning::rules::sub_kegiatan_budget::children;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(children(rp(1_000), [rp(500), rp(500)]), Verdict::Pass);
/// assert!(matches!(children(rp(1_000), [rp(500), rp(501)]), Verdict::Violated(_)));
/// ```
pub fn children(parent_pagu: Money, child_pagu: impl IntoIterator<Item = Money>) -> Verdict {
    let mut total = Money::ZERO;
    let mut count = 0i64;
    for amount in child_pagu {
        total = match total.checked_add(amount) {
            Ok(t) => t,
            Err(e) => return Verdict::missing(format!("a summable pagu total ({e})")),
        };
        count += 1;
    }
    if total <= parent_pagu {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("parent_pagu", parent_pagu)
            .with("children_pagu", total)
            .with("children", count)
            .with("excess", total.saturating_sub(parent_pagu)),
    )
}
