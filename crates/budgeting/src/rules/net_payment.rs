//! C-09: an LS payment may not exceed the net contract balance — the contract value less the
//! late penalties owed, the retention still to hold and everything already paid (the advance
//! included, which the terms repay) (Perpres 16/2018 Pasal 53). Billing beyond the contract value
//! is refused the same way. Doc page: `docs/rules/C-09.md`.

use crate::facts::ContractFacts;
use chrono::NaiveDate;
use rantai_core::{CoreError, Evidence, Money, Rulebook, Verdict};
use serde::{Deserialize, Serialize};

use crate::rules::{late_penalty, retention};

/// The figures of a contract's net balance on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetBalance {
    /// Current contract value.
    pub value: Money,
    /// Late penalties owed on the day (C-03).
    pub penalties: Money,
    /// Retention still to hold (C-06).
    pub retention: Money,
    /// Cash paid so far (advance, terms, releases and recorded SP2D).
    pub paid: Money,
}

impl NetBalance {
    /// The figures for `contract` on `on`, with `paid` already paid and the late penalty charged
    /// on `penalty_base` (the late part's value) or, without one, on the whole contract.
    ///
    /// # Errors
    ///
    /// [`CoreError`] when a rate is not in force or on overflow.
    pub fn of(
        contract: &ContractFacts,
        paid: Money,
        penalty_base: Option<Money>,
        on: NaiveDate,
        rulebook: &Rulebook,
    ) -> Result<Self, CoreError> {
        let days = late_penalty::days_late(contract.end, contract.closed_on, on);
        let base = penalty_base.unwrap_or(contract.value).min(contract.value);
        Ok(NetBalance {
            value: contract.value,
            penalties: late_penalty::penalty(base, days, contract.end, rulebook)?,
            retention: retention::to_hold(contract, on, rulebook)?,
            paid,
        })
    }

    /// What may still be paid: value − penalties − retention − paid, never below zero.
    pub fn balance(&self) -> Money {
        self.value
            .saturating_sub(self.penalties)
            .saturating_sub(self.retention)
            .saturating_sub(self.paid)
    }

    fn evidence(&self) -> Evidence {
        Evidence::new()
            .with("contract_value", self.value)
            .with("penalties", self.penalties)
            .with("retention_held", self.retention)
            .with("paid_before", self.paid)
            .with("net_balance", self.balance())
    }
}

/// C-09 for a new payment of `amount`.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::net_payment::{check, NetBalance};
/// # use rantai_core::{Money, Verdict};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// // Rp1,2 miliar, Rp20,4 juta penalty, Rp60 juta retention, Rp1 miliar paid: Rp119,6 juta left.
/// let figures = NetBalance { value: rp(1_200_000_000), penalties: rp(20_400_000), retention: rp(60_000_000), paid: rp(1_000_000_000) };
/// assert_eq!(check(&figures, rp(119_600_000)), Verdict::Pass);
/// let Verdict::Violated(ev) = check(&figures, rp(140_000_000)) else { panic!() };
/// assert_eq!(ev.get("excess").unwrap().to_string(), "Rp20.400.000");
/// ```
pub fn check(figures: &NetBalance, amount: Money) -> Verdict {
    let balance = figures.balance();
    if amount <= balance {
        return Verdict::Pass;
    }
    Verdict::Violated(
        figures
            .evidence()
            .with("payment", amount)
            .with("excess", amount.saturating_sub(balance)),
    )
}

/// C-09 for a contract as it stands: cash paid within the value less the penalties owed.
pub fn paid_within(figures: &NetBalance) -> Verdict {
    let ceiling = figures.value.saturating_sub(figures.penalties);
    if figures.paid <= ceiling {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("contract_value", figures.value)
            .with("penalties", figures.penalties)
            .with("paid", figures.paid)
            .with("excess", figures.paid.saturating_sub(ceiling)),
    )
}

/// C-09 for a term billing `gross` after `billed` was billed: the work billed stays within the
/// contract value.
pub fn billing(value: Money, billed: Money, gross: Money) -> Verdict {
    let names = ["contract_value", "billed_before", "gross"];
    crate::rules::budget_control::within(value, billed, gross, names, "billing")
}
