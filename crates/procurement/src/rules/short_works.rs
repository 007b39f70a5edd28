//! D16 of the peer synthesis: a works contract (pekerjaan konstruksi) planned to run for fewer
//! days than the rulebook's `min_days` (60, prozorro-risks sas24-3-7), from signature to the
//! original end date. Doc page: `docs/rules/D16.md`.

use rantai_core::param;
use rantai_core::{Evidence, JenisPengadaan, Rulebook, Verdict};

use crate::contract::ContractTerms;

/// D16 for a contract's terms.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::short_works, fixtures};
/// # use rantai_core::{Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let mut terms = fixtures::signed_contract().terms().clone(); // works, 2 April – 31 October
/// assert_eq!(short_works::check(&terms, Rulebook::standard()), Verdict::Pass);
/// terms.spec.end = NaiveDate::from_ymd_opt(2025, 5, 20).unwrap(); // 48 days after signature
/// let Verdict::Violated(ev) = short_works::check(&terms, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("planned_days").unwrap().to_string(), "48");
/// ```
pub fn check(terms: &ContractTerms, rulebook: &Rulebook) -> Verdict {
    if terms.jenis != JenisPengadaan::PekerjaanKonstruksi {
        return Verdict::Pass;
    }
    let on = terms.spec.signed_on;
    let Ok(min) = rulebook.get(param::d16::MIN_DAYS, on) else {
        return Verdict::missing(format!("D16 min_days in force on {on}"));
    };
    let days = (terms.spec.end - on).num_days();
    if days >= i64::from(min) {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("signed_on", on)
            .with("planned_end", terms.spec.end)
            .with("planned_days", days)
            .with("min_days", i64::from(min)),
    )
}
