//! D20 of the peer synthesis: dates out of order across stages (ocportal `validateDates`,
//! Prozorro's date-order rule). A recorded history can carry them — an import of SPSE data with an
//! award before its announcement, a contract starting before it was signed — and each is reported
//! with both dates. Doc page: `docs/rules/D20.md`.

use chrono::NaiveDate;
use rantai_core::{Evidence, Verdict};

use crate::contract::Contract;
use crate::tender::{PlanLink, Procurement};

/// The first pair of stages out of order, or `Pass`.
fn first_inversion(pairs: &[(&str, Option<NaiveDate>, &str, Option<NaiveDate>)]) -> Verdict {
    for (earlier_what, earlier, later_what, later) in pairs {
        if let (Some(earlier), Some(later)) = (earlier, later)
            && later < earlier
        {
            return Verdict::Violated(
                Evidence::new()
                    .with("earlier_stage", *earlier_what)
                    .with("earlier_date", *earlier)
                    .with("later_stage", *later_what)
                    .with("later_date", *later)
                    .with("days_inverted", (*earlier - *later).num_days()),
            );
        }
    }
    Verdict::Pass
}

/// D20 over a procurement: RUP announcement ≤ tender announcement ≤ award.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::date_order, fixtures, Contract};
/// # use rantai_core::Verdict;
/// # use chrono::NaiveDate;
/// // Award 20 March, signed 2 April, work 7 April – 31 October 2025.
/// let contract = Contract::Active(fixtures::active_contract());
/// assert_eq!(date_order::contract(&contract, Some(fixtures::award().awarded_on)), Verdict::Pass);
/// // An imported award dated after the signature:
/// let late_award = NaiveDate::from_ymd_opt(2025, 4, 10);
/// let Verdict::Violated(ev) = date_order::contract(&contract, late_award) else { panic!() };
/// assert_eq!(ev.get("days_inverted").unwrap().to_string(), "8");
/// ```
pub fn procurement(p: &Procurement) -> Verdict {
    let announced = p.spec().announced_on;
    let rup = match p.plan() {
        PlanLink::Announced { packages } => packages.iter().map(|p| p.announced_on()).max(),
        _ => None,
    };
    first_inversion(&[
        ("RUP announcement", rup, "tender announcement", Some(announced)),
        (
            "tender announcement",
            Some(announced),
            "award",
            p.award().map(|a| a.awarded_on),
        ),
    ])
}

/// D20 over a contract: award ≤ signature ≤ start ≤ end, signature ≤ each addendum, start ≤ BAST.
pub fn contract(c: &Contract, awarded_on: Option<NaiveDate>) -> Verdict {
    let spec = &c.terms().spec;
    let mut pairs = vec![
        ("award", awarded_on, "contract signature", Some(spec.signed_on)),
        (
            "contract signature",
            Some(spec.signed_on),
            "work start (SPMK)",
            Some(spec.start),
        ),
        ("work start (SPMK)", Some(spec.start), "planned end", Some(spec.end)),
        ("work start (SPMK)", Some(spec.start), "handover (BAST)", c.bast_on()),
    ];
    for a in c.addenda() {
        pairs.push(("contract signature", Some(spec.signed_on), "addendum", Some(a.dated)));
    }
    first_inversion(&pairs)
}
