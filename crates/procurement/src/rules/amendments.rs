//! D12 of the peer synthesis: addenda that raise the price or push back the end date (OCP R054,
//! R064–R066, R069; prozorro-risks ari-1-1/1-2). Not a breach by itself — C-01 caps the value —
//! but the pattern auditors read first. Doc page: `docs/rules/D12.md`.

use rantai_core::{Evidence, Verdict};

use crate::contract::Contract;

/// D12 over a contract's addenda: how many raised the value or extended the term, by how much.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::amendments, fixtures, Addendum, Contract};
/// # use rantai_core::{Money, Mode, Rulebook, Policy, Verdict};
/// # use chrono::NaiveDate;
/// let contract = fixtures::active_contract(); // Rp918 juta, ends 31 October 2025
/// assert_eq!(amendments::check(&Contract::Active(contract.clone())), Verdict::Pass);
/// let (longer, _) = contract.amend(Addendum {
///     number: 1, dated: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
///     new_value: Money::from_rupiah(950_000_000)?, new_end: NaiveDate::from_ymd_opt(2025, 11, 30),
///     reason: "pekerjaan tambah".into(),
/// }, Policy::new(Rulebook::standard(), Mode::Command))?;
/// let Verdict::Violated(ev) = amendments::check(&Contract::Active(longer)) else { panic!() };
/// assert_eq!(ev.get("value_added").unwrap().to_string(), "Rp32.000.000");
/// assert_eq!(ev.get("days_added").unwrap().to_string(), "30");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(contract: &Contract) -> Verdict {
    let terms = contract.terms();
    let (mut value, mut end) = (terms.spec.value, terms.spec.end);
    let (mut raised, mut extended) = (0_i64, 0_i64);
    for a in contract.addenda() {
        if a.new_value > value {
            raised += 1;
        }
        value = a.new_value;
        if let Some(new_end) = a.new_end {
            if new_end > end {
                extended += 1;
            }
            end = new_end;
        }
    }
    if raised == 0 && extended == 0 {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("addenda", i64::try_from(contract.addenda().len()).unwrap_or(i64::MAX))
            .with("raising_value", raised)
            .with("extending_term", extended)
            .with("original_value", terms.spec.value)
            .with("current_value", value)
            .with("value_added", value.saturating_sub(terms.spec.value))
            .with("original_end", terms.spec.end)
            .with("current_end", end)
            .with("days_added", (end - terms.spec.end).num_days().max(0)),
    )
}
