//! C-03: the late penalty (denda keterlambatan) is 1‰ of the contract value — or of the value of
//! the late part — for each calendar day of delay (Perpres 16/2018 Pasal 79(4)). It is deducted
//! from the payments and accrues until the work is handed over. Doc page: `docs/rules/C-03.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{CoreError, Money, Rulebook};

/// Days of delay on `on`: from the day after the contract's (current) end to the BAST, or to
/// `on` while the work is not handed over. Zero when on time.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::late_penalty::days_late;
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// assert_eq!(days_late(d(10, 31), Some(d(11, 17)), d(12, 1)), 17); // handed over 17 days late
/// assert_eq!(days_late(d(10, 31), None, d(11, 5)), 5); // still working on 5 November
/// assert_eq!(days_late(d(10, 31), Some(d(10, 20)), d(12, 1)), 0);
/// ```
pub fn days_late(end: NaiveDate, bast_on: Option<NaiveDate>, on: NaiveDate) -> u64 {
    let until = bast_on.map_or(on, |b| b.min(on));
    u64::try_from((until - end).num_days()).unwrap_or(0)
}

/// The penalty for `days` of delay on `base`: the daily rate in force at the contract's end, per
/// day, rounded to the sen once per day, never above the base.
///
/// # Errors
///
/// [`CoreError`] when the rulebook has no rate in force on `end`, or on overflow.
///
/// # Example
///
/// A Rp1,2 miliar contract finished 17 days late owes Rp20,4 juta (1‰ × Rp1,2 miliar × 17):
///
/// ```
/// # use rantai_budgeting::rules::late_penalty::penalty;
/// # use rantai_core::{Money, Rulebook};
/// # use chrono::NaiveDate;
/// let end = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
/// let owed = penalty(Money::from_rupiah(1_200_000_000)?, 17, end, Rulebook::standard())?;
/// assert_eq!(owed, Money::from_rupiah(20_400_000)?);
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn penalty(base: Money, days: u64, end: NaiveDate, rulebook: &Rulebook) -> Result<Money, CoreError> {
    if days == 0 {
        return Ok(Money::ZERO);
    }
    let rate = rulebook.get(param::c03::DAILY_RATE, end)?;
    Ok(base.mul_ratio(rate)?.checked_mul_int(days)?.min(base))
}
