//! A contract's payment account across every DPA line that finances it: the advance and its
//! repayment, the work billed, the retention held (C-06), the penalties deducted (C-03) and the
//! cash paid. It computes the breakdown of each term so the LS payment is exactly the net.

use chrono::NaiveDate;
use rantai_core::{Money, Policy, RuleId, Rulebook};
use rantai_procurement::SignedContract;
use rantai_procurement::rules::advance_cap;
use serde::{Deserialize, Serialize};

use crate::error::BudgetingError;
use crate::facts::ContractFacts;
use crate::rules::net_payment::{self, NetBalance};
use crate::rules::{late_penalty, retention};

/// How a progress term is paid: its gross value less the deductions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TermBreakdown {
    /// Value of the work billed.
    pub gross: Money,
    /// Part of the advance repaid (pro rata to the work billed; the rest on the last term).
    pub advance_repayment: Money,
    /// Retention withheld (C-06).
    pub retention: Money,
    /// Late penalty deducted (C-03).
    pub penalty: Money,
    /// What the provider receives.
    pub net: Money,
    /// The late part's value the penalty was charged on, when not the whole contract.
    pub late_part: Option<Money>,
}

/// The payment account of one contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractAccount {
    /// Cash paid by SP2D, everything included.
    pub cash_paid: Money,
    /// Advance paid.
    pub advance_paid: Money,
    /// Advance repaid through the terms.
    pub advance_repaid: Money,
    /// Work billed in terms.
    pub gross_billed: Money,
    /// Retention withheld in terms.
    pub retention_held: Money,
    /// Retention paid out.
    pub retention_released: Money,
    /// Penalties deducted.
    pub penalties_deducted: Money,
    /// The late part's value the penalty is charged on, once a term named one.
    pub penalty_base: Option<Money>,
}

impl ContractAccount {
    /// The advance still to repay.
    pub fn advance_outstanding(&self) -> Money {
        self.advance_paid.saturating_sub(self.advance_repaid)
    }

    /// The figures of C-09 on `on`, the penalty charged on `late_part` when a payment names
    /// one, else on the late part an earlier term named, else on the whole contract.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::Invalid`] when a rate is not in force.
    pub fn net_balance(
        &self,
        contract: &ContractFacts,
        late_part: Option<Money>,
        on: NaiveDate,
        rulebook: &Rulebook,
    ) -> Result<NetBalance, BudgetingError> {
        let base = late_part.or(self.penalty_base);
        Ok(NetBalance::of(contract, self.cash_paid, base, on, rulebook)?)
    }

    /// Checks the advance: once, no more than agreed, within its cap (C-05) and fully guaranteed.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::InvalidValue`] (already paid, above the agreed advance) or
    /// [`BudgetingError::RuleViolated`] (C-05).
    pub fn advance(
        &self,
        contract: &SignedContract,
        amount: Money,
        guarantee: Money,
        policy: Policy<'_>,
    ) -> Result<(), BudgetingError> {
        let subject = format!("contract {}", contract.id());
        if !self.advance_paid.is_zero() {
            return Err(BudgetingError::InvalidValue {
                subject,
                reason: format!("the advance was already paid ({})", self.advance_paid),
            });
        }
        let agreed = contract.terms().spec.advance;
        if amount > agreed {
            return Err(BudgetingError::InvalidValue {
                subject,
                reason: format!("advance {amount} is more than the {agreed} agreed in the contract"),
            });
        }
        let mut verdict = advance_cap::check(&contract.advance_terms(), amount, policy.rulebook());
        if verdict == rantai_core::Verdict::Pass && guarantee < amount {
            verdict = rantai_core::Verdict::Violated(
                rantai_core::Evidence::new()
                    .with("advance", amount)
                    .with("jaminan_uang_muka", guarantee)
                    .with("unguaranteed", amount.saturating_sub(guarantee)),
            );
        }
        policy
            .enforce(RuleId::C05, verdict)
            .map_err(|v| BudgetingError::violated(&subject, v))
    }

    /// The breakdown of a term billing `gross` on `on`: the advance repaid pro rata (all that is
    /// left on the term that bills the whole value), the retention, and the penalty owed so far
    /// and not yet deducted, as far as the term covers it.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`] for a zero gross or a term the deductions consume;
    /// [`BudgetingError::RuleViolated`] (C-09) for billing beyond the contract value.
    pub fn term(
        &self,
        contract: &SignedContract,
        gross: Money,
        late_part: Option<Money>,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<TermBreakdown, BudgetingError> {
        let subject = format!("contract {}", contract.id());
        let facts = ContractFacts::from(contract);
        if gross.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "gross term value", gross));
        }
        let value = contract.value();
        policy
            .enforce(RuleId::C09, net_payment::billing(value, self.gross_billed, gross))
            .map_err(|v| BudgetingError::violated(&subject, v))?;
        let rulebook = policy.rulebook();
        let billed_after = self.gross_billed + gross;
        let outstanding = self.advance_outstanding();
        let advance_repayment = if billed_after >= value {
            outstanding
        } else {
            prorate(self.advance_paid, gross, value)?.min(outstanding)
        };
        let retention = gross.mul_ratio(retention::ratio(&facts, rulebook)?)?;
        let days = late_penalty::days_late(facts.end, facts.closed_on, on);
        let late_part = late_part.or(self.penalty_base);
        let base = late_part.unwrap_or(value).min(value);
        let owed = late_penalty::penalty(base, days, contract.end(), rulebook)?;
        let due = owed.saturating_sub(self.penalties_deducted);
        let after_deductions = gross.saturating_sub(advance_repayment).saturating_sub(retention);
        let penalty = due.min(after_deductions);
        let net = after_deductions.saturating_sub(penalty);
        if net.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "net term payment", net));
        }
        Ok(TermBreakdown {
            gross,
            advance_repayment,
            retention,
            penalty,
            net,
            late_part,
        })
    }

    /// The retention that may be paid out on `on`: all that is held, once the maintenance period
    /// is over (C-06).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::RuleViolated`] (C-06) before the end of maintenance;
    /// [`BudgetingError::NotPositive`] when nothing is held.
    pub fn retention_release(
        &self,
        contract: &SignedContract,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<Money, BudgetingError> {
        let subject = format!("contract {}", contract.id());
        let facts = ContractFacts::from(contract);
        let held = self.retention_held.saturating_sub(self.retention_released);
        if held.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "retention held", held));
        }
        if !retention::releasable(&facts, on) {
            let mut evidence = rantai_core::Evidence::new()
                .with("retention_held", held)
                .with("release_on", on);
            evidence = match retention::maintenance_ends(&facts) {
                Some(end) => evidence.with("maintenance_ends", end),
                None => evidence.with("bast", "not yet"),
            };
            policy
                .enforce(RuleId::C06, rantai_core::Verdict::Violated(evidence))
                .map_err(|v| BudgetingError::violated(&subject, v))?;
        }
        Ok(held)
    }

    pub(crate) fn apply_cash(&mut self, amount: Money) {
        self.cash_paid += amount;
    }

    pub(crate) fn apply_advance(&mut self, amount: Money) {
        self.advance_paid += amount;
        self.apply_cash(amount);
    }

    pub(crate) fn apply_term(&mut self, b: &TermBreakdown) {
        self.gross_billed += b.gross;
        self.advance_repaid += b.advance_repayment;
        self.retention_held += b.retention;
        self.penalties_deducted += b.penalty;
        self.penalty_base = b.late_part.or(self.penalty_base);
        self.apply_cash(b.net);
    }

    pub(crate) fn apply_release(&mut self, amount: Money) {
        self.retention_released += amount;
        self.apply_cash(amount);
    }
}

/// `amount × part ÷ whole`, rounded to the sen.
fn prorate(amount: Money, part: Money, whole: Money) -> Result<Money, BudgetingError> {
    if whole.is_zero() {
        return Ok(Money::ZERO);
    }
    let exact = part
        .as_decimal()
        .checked_div(whole.as_decimal())
        .and_then(|share| share.checked_mul(amount.as_decimal()));
    let Some(exact) = exact else {
        return Err(BudgetingError::InvalidValue {
            subject: "advance repayment".into(),
            reason: format!("{amount} × {part} ÷ {whole} overflows"),
        });
    };
    let rounded = exact.round_dp_with_strategy(Money::SCALE, rantai_core::MONEY_ROUNDING);
    Ok(Money::from_decimal(rounded)?)
}
