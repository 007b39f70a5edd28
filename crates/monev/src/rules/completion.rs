//! D14 of the peer synthesis: a contract not completed on time (OCP R067, U070, U071) — handed
//! over after its current end date, or not handed over and past it on the evaluation date — with
//! the late-penalty exposure of C-03: 1‰ of the contract value per day of delay (Perpres 16/2018
//! Pasal 79(4); the rule allows the late part's value instead, which rantai does not know, so the
//! figure is the ceiling). Doc page: `docs/rules/D14.md`.

use chrono::NaiveDate;
use rantai_budgeting::rules::late_penalty;
use rantai_core::param;
use rantai_core::{Evidence, Money, Rulebook, Verdict};

/// What D14 needs about one contract.
#[derive(Clone, Copy, Debug)]
pub struct CompletionInput {
    /// Current contract value.
    pub value: Money,
    /// Current end date (after addenda).
    pub end: NaiveDate,
    /// BAST date, once handed over.
    pub bast_on: Option<NaiveDate>,
    /// Termination date, if the contract was ended before handover (lateness stops there).
    pub terminated_on: Option<NaiveDate>,
    /// The evaluation date.
    pub as_of: Option<NaiveDate>,
}

/// D14 for one contract.
///
/// # Example
///
/// ```
/// # use rantai_monev::rules::completion::{check, CompletionInput};
/// # use rantai_core::{Money, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let input = CompletionInput {
///     value: Money::from_rupiah(918_000_000)?, end: d(10, 31), bast_on: None, terminated_on: None, as_of: Some(d(11, 20)),
/// };
/// let Verdict::Violated(ev) = check(&input, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("days_late").unwrap().to_string(), "20");
/// assert_eq!(ev.get("penalty_exposure").unwrap().to_string(), "Rp18.360.000"); // 20 × 1‰ × Rp918 juta
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(input: &CompletionInput, rulebook: &Rulebook) -> Verdict {
    let (until, closed_by) = match (input.bast_on, input.terminated_on, input.as_of) {
        (Some(bast), _, _) => (bast, "handed_over_on"),
        (None, Some(terminated), _) => (terminated, "terminated_on"),
        (None, None, Some(as_of)) => (as_of, "not_handed_over_as_of"),
        (None, None, None) => return Verdict::missing("the evaluation date"),
    };
    let days = (until - input.end).num_days();
    if days <= 0 {
        return Verdict::Pass;
    }
    let Ok(rate) = rulebook.get(param::c03::DAILY_RATE, input.end) else {
        return Verdict::missing(format!("C-03 daily_rate in force on {}", input.end));
    };
    let days_u = u64::try_from(days).unwrap_or(0);
    let penalty = late_penalty::penalty(input.value, days_u, input.end, rulebook).unwrap_or(input.value);
    let evidence = Evidence::new()
        .with("current_end", input.end)
        .with("days_late", days)
        .with("daily_rate", rate)
        .with("contract_value", input.value)
        .with("penalty_exposure", penalty);
    Verdict::Violated(evidence.with(closed_by, until))
}
