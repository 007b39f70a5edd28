//! T-06: the contract is signed within 14 working days of the SPPBJ (the award letter). Basis
//! unverified (a Perpres 54/2010-era limit), hence a flag. Kab. Bandung 2025: 3 of its contracts
//! came later (1 of 47 tenders, 2 of 1 040 non-tenders). Doc page: `docs/rules/T-06.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, MetodePemilihan, Rulebook, Verdict, WorkingCalendar};

/// T-06 for a contract of a procurement of `metode` signed on `signed_on` after the SPPBJ of
/// `sppbj_on` (`None`: not issued or not known). E-purchasing has no SPPBJ.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{MetodePemilihan, Rulebook, Verdict, WorkingCalendar};
/// use rantai_procurement::rules::sppbj;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let (book, cal) = (Rulebook::standard(), WorkingCalendar::default());
/// // SPPBJ Tuesday 1 April; signed Friday 18 April: 13 working days.
/// assert_eq!(sppbj::check(MetodePemilihan::Tender, Some(d(4, 1)), d(4, 18), &cal, book), Verdict::Pass);
/// // Signed Tuesday 22 April: 15 working days.
/// let Verdict::Violated(ev) = sppbj::check(MetodePemilihan::Tender, Some(d(4, 1)), d(4, 22), &cal, book) else { panic!() };
/// assert_eq!(ev.get("working_days").unwrap().to_string(), "15");
/// ```
pub fn check(
    metode: MetodePemilihan,
    sppbj_on: Option<NaiveDate>,
    signed_on: NaiveDate,
    calendar: &WorkingCalendar,
    rulebook: &Rulebook,
) -> Verdict {
    if metode == MetodePemilihan::EPurchasing {
        return Verdict::Pass;
    }
    let Some(sppbj) = sppbj_on else {
        return Verdict::missing("the SPPBJ date");
    };
    let Ok(max) = rulebook.get(param::t06::MAX_WORKING_DAYS, sppbj) else {
        return Verdict::missing(format!("T-06 max_working_days in force on {sppbj}"));
    };
    let days = calendar.working_days_between(sppbj, signed_on);
    if days <= max {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("sppbj_on", sppbj)
            .with("signed_on", signed_on)
            .with("working_days", i64::from(days))
            .with("max_working_days", i64::from(max)),
    )
}
