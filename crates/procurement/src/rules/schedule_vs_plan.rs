//! K-06: execution that departs from the planned windows — a procurement announced more than a
//! month after its planned selection start, or a contract running past 31 December of its fiscal
//! year without multi-year status (SIRUP `tgl_awal_pemilihan`, `tgl_akhir_kontrak`;
//! `domain-rules.md` §8.6). Doc page: `docs/rules/K-06.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, FiscalYear, Rulebook, Verdict};

/// K-06 for a procurement announced on `announced_on` whose plan starts selection on
/// `planned_start` (ends `planned_end`).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Rulebook, Verdict};
/// use rantai_procurement::rules::schedule_vs_plan;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let book = Rulebook::standard();
/// assert_eq!(schedule_vs_plan::selection_slip(d(2, 1), d(3, 31), d(3, 3), book), Verdict::Pass);
/// assert!(matches!(schedule_vs_plan::selection_slip(d(2, 1), d(3, 31), d(6, 2), book), Verdict::Violated(_)));
/// ```
pub fn selection_slip(
    planned_start: NaiveDate,
    planned_end: NaiveDate,
    announced_on: NaiveDate,
    rulebook: &Rulebook,
) -> Verdict {
    let Ok(max) = rulebook.get(param::k06::MAX_SLIP_DAYS, announced_on) else {
        return Verdict::missing(format!("K-06 slip allowance in force on {announced_on}"));
    };
    let slip = (announced_on - planned_start).num_days();
    if slip <= i64::from(max) {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("planned_selection_start", planned_start)
            .with("planned_selection_end", planned_end)
            .with("announced_on", announced_on)
            .with("slip_days", slip)
            .with("max_slip_days", i64::from(max)),
    )
}

/// K-06 for a contract ending on `end` in `fiscal_year`.
pub fn past_year_end(end: NaiveDate, fiscal_year: FiscalYear, multi_year: bool) -> Verdict {
    if multi_year || end <= fiscal_year.last_day() {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("contract_end", end)
            .with("fiscal_year_end", fiscal_year.last_day())
            .with("multi_year", "no"),
    )
}
