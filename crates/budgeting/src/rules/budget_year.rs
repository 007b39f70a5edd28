//! D6 of the peer synthesis, payment half: an SP2D dated outside the fiscal year of the DPA line
//! it is charged to (MTender INVALID_BA_PERIOD). The APBD is annual; a payment after 31 December
//! needs the next year's DPA (or a DPA-L carry-over line). The contract half lives in
//! `rantai_procurement::rules::budget_year`. Doc page: `docs/rules/D6.md`.

use rantai_core::{Evidence, Money, Verdict};

use crate::dpa_line::DpaLineSpec;
use crate::dpa_line::Sp2d;

/// D6 over a line's payments: how many SP2D fall outside its year, the first of them and their sum.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::{rules::budget_year, fixtures, Sp2d};
/// # use rantai_core::{ContractId, Money, PaymentId, Verdict};
/// # use chrono::NaiveDate;
/// let line = fixtures::line_spec(); // FY 2025
/// let sp2d = |y, amount| Sp2d {
///     id: PaymentId::from_u128(1), nomor: None, contract: ContractId::from_u128(1),
///     amount: Money::from_rupiah(amount).unwrap(), paid_on: NaiveDate::from_ymd_opt(y, 12, 30).unwrap(),
/// };
/// assert_eq!(budget_year::payments(&line, &[sp2d(2025, 100)]), Verdict::Pass);
/// let Verdict::Violated(ev) = budget_year::payments(&line, &[sp2d(2026, 100)]) else { panic!() };
/// assert_eq!(ev.get("payments_outside_year").unwrap().to_string(), "1");
/// ```
pub fn payments(line: &DpaLineSpec, payments: &[Sp2d]) -> Verdict {
    let outside: Vec<&Sp2d> = payments
        .iter()
        .filter(|p| !line.fiscal_year.contains(p.paid_on))
        .collect();
    let Some(first) = outside.iter().min_by_key(|p| (p.paid_on, p.id)) else {
        return Verdict::Pass;
    };
    let total = outside.iter().map(|p| p.amount).sum::<Money>();
    Verdict::Violated(
        Evidence::new()
            .with("fiscal_year", i64::from(line.fiscal_year.year()))
            .with(
                "payments_outside_year",
                i64::try_from(outside.len()).unwrap_or(i64::MAX),
            )
            .with("first_paid_on", first.paid_on)
            .with("amount_outside_year", total),
    )
}
