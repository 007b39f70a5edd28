//! K-08: commitments within the DPA line's pagu, and payments within what is committed
//! (Permendagri 77/2020; PP 12/2019: Σ SP2D ≤ SPD ≤ anggaran kas ≤ DPA). SPD and anggaran kas
//! levels arrive with the e-budgeting issue. Doc page: `docs/rules/K-08.md`.

use rantai_core::{Evidence, Money, Verdict};

/// K-08 for a new commitment of `amount` on a line with `pagu` of which `committed` is taken.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::budget_control;
/// # use rantai_core::{Money, Verdict};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(budget_control::commitment(rp(1_000), rp(600), rp(400)), Verdict::Pass);
/// assert!(matches!(budget_control::commitment(rp(1_000), rp(600), rp(401)), Verdict::Violated(_)));
/// ```
pub fn commitment(pagu: Money, committed: Money, amount: Money) -> Verdict {
    let after = match committed.checked_add(amount) {
        Ok(after) if after <= pagu => return Verdict::Pass,
        Ok(after) => after,
        Err(e) => return Verdict::missing(format!("a summable commitment total ({e})")),
    };
    Verdict::Violated(
        Evidence::new()
            .with("dpa_pagu", pagu)
            .with("committed_before", committed)
            .with("commitment", amount)
            .with("excess", after.saturating_sub(pagu)),
    )
}

/// K-08 for a payment of `amount` against a commitment of `committed` of which `paid` is paid.
pub fn payment(committed: Money, paid: Money, amount: Money) -> Verdict {
    let after = match paid.checked_add(amount) {
        Ok(after) if after <= committed => return Verdict::Pass,
        Ok(after) => after,
        Err(e) => return Verdict::missing(format!("a summable payment total ({e})")),
    };
    Verdict::Violated(
        Evidence::new()
            .with("committed", committed)
            .with("paid_before", paid)
            .with("payment", amount)
            .with("excess", after.saturating_sub(committed)),
    )
}
