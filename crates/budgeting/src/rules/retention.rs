//! C-06: 5 % of the work paid is withheld as retention until the maintenance period (masa
//! pemeliharaan) after the BAST ends (Perpres 16/2018 Pasal 53(2)); a contract without a
//! maintenance period has none. Doc page: `docs/rules/C-06.md`.

use crate::facts::ContractFacts;
use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{CoreError, Evidence, Money, Ratio, Rulebook, Verdict};

/// The retention ratio for a contract: the rulebook's in force at signature when the contract
/// has a maintenance period, zero otherwise.
///
/// # Errors
///
/// [`CoreError`] when the rulebook has no ratio in force on the signature date.
pub fn ratio(contract: &ContractFacts, rulebook: &Rulebook) -> Result<Ratio, CoreError> {
    if contract.maintenance_days == 0 {
        return Ok(Ratio::ZERO);
    }
    rulebook.get(param::c06::RETENTION_RATIO, contract.signed_on)
}

/// The day the maintenance period ends (FHO), once the work is handed over.
pub fn maintenance_ends(contract: &ContractFacts) -> Option<NaiveDate> {
    let days = u64::from(contract.maintenance_days);
    contract
        .bast_on
        .and_then(|b| b.checked_add_days(chrono::Days::new(days)))
}

/// Whether the retention may be paid out on `on`: the maintenance period is over.
pub fn releasable(contract: &ContractFacts, on: NaiveDate) -> bool {
    maintenance_ends(contract).is_some_and(|end| on >= end)
}

/// The retention that must still be held on `on`: the ratio × the contract value until the
/// maintenance period ends.
///
/// # Errors
///
/// [`CoreError`] as for [`ratio`].
pub fn to_hold(contract: &ContractFacts, on: NaiveDate, rulebook: &Rulebook) -> Result<Money, CoreError> {
    if releasable(contract, on) {
        return Ok(Money::ZERO);
    }
    contract.value.mul_ratio(ratio(contract, rulebook)?)
}

/// C-06 for a contract as it stands on `on`: cash paid to the provider leaves the retention held.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::retention;
/// # use rantai_core::{Money, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let signed = rantai_budgeting::fixtures::signed_contract(); // Rp918 juta, 180 days' maintenance
/// let contract = rantai_budgeting::ContractFacts::from(&signed);
/// let on = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(retention::check(&contract, rp(872_100_000), on, Rulebook::standard()), Verdict::Pass); // 95 %
/// let Verdict::Violated(ev) = retention::check(&contract, rp(918_000_000), on, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("retention_to_hold").unwrap().to_string(), "Rp45.900.000");
/// ```
pub fn check(contract: &ContractFacts, paid: Money, on: NaiveDate, rulebook: &Rulebook) -> Verdict {
    let Ok(hold) = to_hold(contract, on, rulebook) else {
        return Verdict::missing(format!("C-06 retention_ratio in force on {}", contract.signed_on));
    };
    let ceiling = contract.value.saturating_sub(hold);
    if hold.is_zero() || paid <= ceiling {
        return Verdict::Pass;
    }
    let mut evidence = Evidence::new()
        .with("contract_value", contract.value)
        .with("paid", paid)
        .with("retention_to_hold", hold)
        .with("excess", paid.saturating_sub(ceiling));
    if let Some(end) = maintenance_ends(contract) {
        evidence = evidence.with("maintenance_ends", end);
    }
    Verdict::Violated(evidence)
}
