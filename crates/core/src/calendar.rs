//! The working-day calendar: weekends plus the holidays a region supplies (hari libur nasional
//! and cuti bersama), used for deadlines written in working days (hari kerja).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Which days are working days: Monday to Friday, minus the listed holidays.
///
/// The holiday list is input (regions and years differ; the SKB of three ministers sets it each
/// year), so the calendar never guesses.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::WorkingCalendar;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// let cal = WorkingCalendar::new([day(4, 18)]); // Wafat Isa Almasih, a Friday
/// // Quarter I ends Monday 31 March: Form A is due five working days later.
/// assert_eq!(cal.add_working_days(day(3, 31), 5), day(4, 7));
/// // Five working days from Monday 14 April skip the weekend and the Good Friday holiday.
/// assert_eq!(cal.add_working_days(day(4, 14), 5), day(4, 22));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingCalendar {
    holidays: BTreeSet<NaiveDate>,
}

impl WorkingCalendar {
    /// A calendar with these holidays.
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    /// Adds holidays (a later declaration, e.g. a new cuti bersama).
    pub fn declare(&mut self, holidays: impl IntoIterator<Item = NaiveDate>) {
        self.holidays.extend(holidays);
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// The date `n` working days after `from` (not counting `from` itself).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Number of working days in `(from, to]`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// The holidays, in date order.
    pub fn holidays(&self) -> impl Iterator<Item = &NaiveDate> {
        self.holidays.iter()
    }
}
