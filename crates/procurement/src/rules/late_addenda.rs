//! Addenda signed after the contract's end, in the penalty period: C-02, such an addendum may
//! only record the extension (pemberian kesempatan) — not change the value or the work (SSUK
//! Perlem LKPP 12/2021); C-04, the extension it records is at most 50 calendar days (Perpres
//! 16/2018 Pasal 56) and the penalty keeps accruing. Doc pages: `docs/rules/C-02.md`,
//! `docs/rules/C-04.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, Rulebook, Verdict};

use crate::contract::{Addendum, Contract, ContractSpec};

/// C-02 for `addendum`, signed after `earlier` on the contract `spec`: dated after the end in
/// force, it may change nothing but the end.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Money, Verdict};
/// use rantai_procurement::{Addendum, fixtures, rules::late_addenda};
/// let spec = rantai_procurement::Contract::Active(fixtures::active_contract()).terms().spec.clone(); // Rp918 juta, ends 31 October 2025
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let addendum = |dated, value: i64, end| Addendum {
///     number: 1, dated, new_value: Money::from_rupiah(value).unwrap(), new_end: end, reason: "".into(),
/// };
/// // Signed on 10 November, only extending: allowed.
/// assert_eq!(late_addenda::penalty_period(&spec, &[], &addendum(d(11, 10), 918_000_000, Some(d(12, 10)))), Verdict::Pass);
/// // Signed on 10 November and adding work: found.
/// assert!(matches!(
///     late_addenda::penalty_period(&spec, &[], &addendum(d(11, 10), 950_000_000, None)),
///     Verdict::Violated(_)
/// ));
/// ```
pub fn penalty_period(spec: &ContractSpec, earlier: &[Addendum], addendum: &Addendum) -> Verdict {
    let value = earlier.last().map_or(spec.value, |a| a.new_value);
    let end = in_force_end(spec, earlier);
    if addendum.dated <= end || addendum.new_value == value {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("addendum", i64::from(addendum.number))
            .with("dated", addendum.dated)
            .with("end_in_force", end)
            .with("days_into_penalty", (addendum.dated - end).num_days())
            .with("value_before", value)
            .with("value_after", addendum.new_value),
    )
}

/// When the penalty period starts after `addenda`: the end in force, moved only by addenda
/// signed on or before it — an extension given in the penalty period does not restart it.
fn in_force_end(spec: &ContractSpec, addenda: &[Addendum]) -> NaiveDate {
    addenda.iter().fold(
        spec.end,
        |end, a| {
            if a.dated <= end { a.new_end.unwrap_or(end) } else { end }
        },
    )
}

/// C-04 for `addendum`: an extension given in the penalty period (dated after the end in force)
/// runs at most `max_days` calendar days past that end — counted from the end first missed, so
/// successive extensions add up.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Money, Rulebook, Verdict};
/// use rantai_procurement::{Addendum, fixtures, rules::late_addenda};
/// let spec = rantai_procurement::Contract::Active(fixtures::active_contract()).terms().spec.clone(); // ends 31 October 2025
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let extend = |to| Addendum {
///     number: 1, dated: d(11, 3), new_value: spec.value, new_end: Some(to), reason: "pemberian kesempatan".into(),
/// };
/// assert_eq!(late_addenda::extension(&spec, &[], &extend(d(12, 20)), Rulebook::standard()), Verdict::Pass); // 50 days
/// let Verdict::Violated(ev) = late_addenda::extension(&spec, &[], &extend(d(12, 21)), Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("days").unwrap().to_string(), "51");
/// ```
pub fn extension(spec: &ContractSpec, earlier: &[Addendum], addendum: &Addendum, rulebook: &Rulebook) -> Verdict {
    let end = in_force_end(spec, earlier);
    let Some(new_end) = addendum.new_end else {
        return Verdict::Pass;
    };
    if addendum.dated <= end || new_end <= end {
        return Verdict::Pass;
    }
    let Ok(max) = rulebook.get(param::c04::MAX_DAYS, addendum.dated) else {
        return Verdict::missing(format!("C-04 max_days in force on {}", addendum.dated));
    };
    let days = (new_end - end).num_days();
    if days <= i64::from(max) {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("addendum", i64::from(addendum.number))
            .with("end_in_force", end)
            .with("extended_to", new_end)
            .with("days", days)
            .with("max_days", i64::from(max)),
    )
}

/// C-02 over a contract: the first addendum that breaks it.
pub fn contract_penalty_period(contract: &Contract) -> Verdict {
    let spec = &contract.terms().spec;
    let addenda = contract.addenda();
    (0..addenda.len())
        .map(|i| penalty_period(spec, &addenda[..i], &addenda[i]))
        .find(|v| *v != Verdict::Pass)
        .unwrap_or(Verdict::Pass)
}

/// C-04 over a contract: the first extension that breaks it.
pub fn contract_extension(contract: &Contract, rulebook: &Rulebook) -> Verdict {
    let spec = &contract.terms().spec;
    let addenda = contract.addenda();
    (0..addenda.len())
        .map(|i| extension(spec, &addenda[..i], &addenda[i], rulebook))
        .find(|v| *v != Verdict::Pass)
        .unwrap_or(Verdict::Pass)
}
