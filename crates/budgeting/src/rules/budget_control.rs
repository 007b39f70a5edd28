//! K-08: commitments within the DPA line's pagu, and payments within what is committed
//! (Permendagri 77/2020; PP 12/2019: Σ SP2D ≤ SPD ≤ anggaran kas ≤ DPA). SPD and anggaran kas
//! levels arrive with the e-budgeting issue. Doc page: `docs/rules/K-08.md`.
//!
//! Two forms of each check: the guard form judges a new commitment or payment before it is
//! made; the state form judges a line as it stands (the engine's view).

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
    match committed.checked_add(amount) {
        Ok(after) if after <= pagu => Verdict::Pass,
        Ok(after) => Verdict::Violated(
            Evidence::new()
                .with("dpa_pagu", pagu)
                .with("committed_before", committed)
                .with("commitment", amount)
                .with("excess", after.saturating_sub(pagu)),
        ),
        Err(e) => Verdict::missing(format!("a summable commitment total ({e})")),
    }
}

/// K-08 for a line as it stands: Σ commitments within the pagu.
pub fn line(pagu: Money, committed: Money) -> Verdict {
    if committed <= pagu {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("dpa_pagu", pagu)
            .with("committed", committed)
            .with("excess", committed.saturating_sub(pagu)),
    )
}

/// K-08 for a new payment of `amount` against a commitment of `committed` of which `paid` is paid.
pub fn payment(committed: Money, paid: Money, amount: Money) -> Verdict {
    match paid.checked_add(amount) {
        Ok(after) if after <= committed => Verdict::Pass,
        Ok(after) => Verdict::Violated(
            Evidence::new()
                .with("committed", committed)
                .with("paid_before", paid)
                .with("payment", amount)
                .with("excess", after.saturating_sub(committed)),
        ),
        Err(e) => Verdict::missing(format!("a summable payment total ({e})")),
    }
}

/// K-08 for a commitment as it stands: Σ paid within the amount committed.
pub fn paid_within(committed: Money, paid: Money) -> Verdict {
    if paid <= committed {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("committed", committed)
            .with("paid", paid)
            .with("excess", paid.saturating_sub(committed)),
    )
}
