//! D10 of the peer synthesis: the signed contract is worth more than the award (OCP R059,
//! KRAI17). The penetapan pemenang fixes the price; the contract may only match or undercut it.
//! Doc page: `docs/rules/D10.md`.

use rantai_core::{Evidence, Money, Verdict};

use crate::tender::Award;

/// D10 for a contract's original value and its award.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::contract_vs_award, fixtures};
/// # use rantai_core::{Money, Verdict};
/// let award = fixtures::award(); // Rp918 juta
/// assert_eq!(contract_vs_award::check(Money::from_rupiah(918_000_000)?, &award), Verdict::Pass);
/// let Verdict::Violated(ev) = contract_vs_award::check(Money::from_rupiah(930_000_000)?, &award) else { panic!() };
/// assert_eq!(ev.get("excess").unwrap().to_string(), "Rp12.000.000");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(contract_value: Money, award: &Award) -> Verdict {
    if contract_value <= award.price {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("award_price", award.price)
            .with("contract_value", contract_value)
            .with("excess", contract_value.saturating_sub(award.price)),
    )
}
