//! D6 of the peer synthesis, contract half: a single-year contract signed outside its budget year
//! (MTender INVALID_BA_PERIOD). A contract binds the DPA of its year; one signed before the year
//! opens, or after it closed, has no budget behind it. Multi-year contracts are signed in their
//! first year too. The payment half lives in `rantai_budgeting::rules::budget_year`. Doc page:
//! `docs/rules/D6.md`.

use rantai_core::{Evidence, Verdict};

use crate::contract::ContractTerms;

/// D6 for a contract's signature date against its fiscal year.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::budget_year, fixtures};
/// # use rantai_core::Verdict;
/// # use chrono::NaiveDate;
/// let mut terms = fixtures::signed_contract().terms().clone(); // FY 2025, signed 2 April 2025
/// assert_eq!(budget_year::contract(&terms), Verdict::Pass);
/// terms.spec.signed_on = NaiveDate::from_ymd_opt(2024, 12, 20).unwrap();
/// assert!(matches!(budget_year::contract(&terms), Verdict::Violated(_)));
/// ```
pub fn contract(terms: &ContractTerms) -> Verdict {
    if terms.fiscal_year.contains(terms.spec.signed_on) {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("fiscal_year", i64::from(terms.fiscal_year.year()))
            .with("signed_on", terms.spec.signed_on),
    )
}
