//! Anggaran kas: the DPA line's cash plan, month by month (Permendagri 77/2020). SPD may not run
//! ahead of it, and it may not exceed the line's pagu (K-08).

use chrono::{Datelike, NaiveDate};
use rantai_core::Money;
use serde::{Deserialize, Serialize};

use crate::error::BudgetingError;

/// The cash plan of one line: the amount planned for each month, January first.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::AnggaranKas;
/// # use rantai_core::Money;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let kas = AnggaranKas::quarterly([rp(100), rp(200), rp(300), rp(400)]);
/// assert_eq!(kas.through(1), rp(100)); // Q1's money is there from January
/// assert_eq!(kas.through(4), rp(300));
/// assert_eq!(kas.through(12), rp(1_000));
/// assert_eq!(kas.total(), rp(1_000));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnggaranKas {
    months: [Money; 12],
}

impl AnggaranKas {
    /// A plan from twelve monthly amounts.
    pub fn monthly(months: [Money; 12]) -> Self {
        AnggaranKas { months }
    }

    /// A plan that makes each quarter's amount available from the quarter's first month.
    pub fn quarterly(quarters: [Money; 4]) -> Self {
        let mut months = [Money::ZERO; 12];
        for (q, amount) in quarters.into_iter().enumerate() {
            months[q * 3] = amount;
        }
        AnggaranKas { months }
    }

    /// The whole pagu available from January (a line spent at any time of the year).
    pub fn all_from_january(pagu: Money) -> Self {
        let mut months = [Money::ZERO; 12];
        months[0] = pagu;
        AnggaranKas { months }
    }

    /// The amount planned for each month.
    pub fn months(&self) -> &[Money; 12] {
        &self.months
    }

    /// Σ planned from January through `month` (1–12; later months count as December).
    pub fn through(&self, month: u32) -> Money {
        let n = month.clamp(1, 12) as usize;
        self.months[..n].iter().sum()
    }

    /// Σ planned through the month of `day`.
    pub fn through_date(&self, day: NaiveDate) -> Money {
        self.through(day.month())
    }

    /// Σ over the year.
    pub fn total(&self) -> Money {
        self.through(12)
    }

    /// The plan checked for a sum that fits.
    pub(crate) fn checked_total(&self) -> Result<Money, BudgetingError> {
        Money::try_sum(self.months.iter()).map_err(BudgetingError::Invalid)
    }
}
