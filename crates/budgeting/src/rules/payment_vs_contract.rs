//! D13: payments to a contract may not exceed its value (Open Contracting R068; the C-09 ceiling
//! of Perpres 16/2018 Pasal 53 before advance repayment, retention and penalties, which the
//! e-budgeting issue adds). Doc page: `docs/rules/D13.md`.

use rantai_core::{Money, Verdict};

/// D13 for a new payment of `amount` to a contract of current `value` already paid `paid`.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::payment_vs_contract;
/// # use rantai_core::{Money, Verdict};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert!(matches!(payment_vs_contract::check(rp(918), rp(900), rp(20)), Verdict::Violated(_)));
/// assert_eq!(payment_vs_contract::check(rp(918), rp(900), rp(18)), Verdict::Pass);
/// ```
pub fn check(value: Money, paid: Money, amount: Money) -> Verdict {
    let names = ["contract_value", "paid_before", "payment"];
    crate::rules::budget_control::within(value, paid, amount, names, "payment")
}

/// D13 for a contract as it stands: Σ paid within its current value.
pub fn paid_within(value: Money, paid: Money) -> Verdict {
    crate::rules::budget_control::at_most(value, paid, ["contract_value", "paid"])
}
