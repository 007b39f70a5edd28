//! A DPA line (sub-kegiatan + kode rekening of one organisation): its pagu, the commitments made
//! on it from signed contracts, and the SP2D payments against those commitments. Money always
//! adds up: allocated = committed + uncommitted, committed = paid + unpaid.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{
    ContractId, DpaLineId, ExternalKey, FiscalYear, Mak, Money, OrganisationId, PaymentId, Policy, Rejected, RuleId,
    SubKegiatanId,
};
use rantai_procurement::SignedContract;
use serde::{Deserialize, Serialize};

use crate::error::BudgetingError;
use crate::events::BudgetingEvent;
use crate::rules::budget_control;

/// What the DPA says about a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpaLineSpec {
    /// The line's id.
    pub id: DpaLineId,
    /// The organisation.
    pub organisation: OrganisationId,
    /// The sub-kegiatan.
    pub sub_kegiatan: SubKegiatanId,
    /// Sub-kegiatan + kode rekening.
    pub mak: Mak,
    /// Fiscal year.
    pub fiscal_year: FiscalYear,
    /// Pagu of the line in the DPA.
    pub pagu: Money,
}

/// A commitment of part of the line to a signed contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// The contract.
    pub contract: ContractId,
    /// The amount committed on this line.
    pub amount: Money,
    /// When.
    pub committed_on: NaiveDate,
    /// Paid so far on this line for the contract.
    pub paid: Money,
}

/// A cash-out order (SP2D) issued by the BUD, paying a contract from this line (LS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sp2d {
    /// The payment's id.
    pub id: PaymentId,
    /// The SP2D number, if known.
    pub nomor: Option<ExternalKey>,
    /// The contract paid.
    pub contract: ContractId,
    /// Amount paid.
    pub amount: Money,
    /// Date of the SP2D.
    pub paid_on: NaiveDate,
}

/// A DPA line with its commitments and payments.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::*;
/// # use rantai_core::*;
/// let spec = rantai_budgeting::fixtures::line_spec(); // Rp1 miliar
/// let (line, _) = DpaLine::open(spec)?;
/// assert_eq!(line.uncommitted(), Money::from_rupiah(1_000_000_000)?);
/// # Ok::<(), BudgetingError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpaLine {
    spec: DpaLineSpec,
    commitments: BTreeMap<ContractId, Commitment>,
    payments: Vec<Sp2d>,
}

impl DpaLine {
    /// Opens a line from the DPA.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`] for a zero pagu.
    pub fn open(spec: DpaLineSpec) -> Result<(DpaLine, BudgetingEvent), BudgetingError> {
        if spec.pagu.is_zero() {
            return Err(BudgetingError::NotPositive {
                line: spec.id,
                what: "pagu",
                amount: spec.pagu,
            });
        }
        let event = BudgetingEvent::DpaLineOpened { spec: spec.clone() };
        Ok((Self::from_spec(spec), event))
    }

    fn from_spec(spec: DpaLineSpec) -> Self {
        DpaLine {
            spec,
            commitments: BTreeMap::new(),
            payments: Vec::new(),
        }
    }

    /// Commits `amount` of the line to a signed contract. In command mode the contract must be
    /// financed by this line (its funding names this MAK) and the line may not be over-committed
    /// (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::NotFundedByLine`],
    /// [`BudgetingError::DateOrder`] (before the contract was signed),
    /// [`BudgetingError::RuleViolated`]; the line comes back unchanged.
    pub fn commit(
        self,
        contract: &SignedContract,
        amount: Money,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<(DpaLine, BudgetingEvent), Rejected<DpaLine, BudgetingError>> {
        let line = self.spec.id;
        if amount.is_zero() {
            return Err(Rejected::new(
                self,
                BudgetingError::NotPositive {
                    line,
                    what: "commitment",
                    amount,
                },
            ));
        }
        let funded = contract.terms().organisation == self.spec.organisation
            && contract.terms().funding.iter().any(|f| {
                f.mak.sub_kegiatan() == self.spec.mak.sub_kegiatan() && f.mak.rekening() == self.spec.mak.rekening()
            });
        if !funded && policy.mode() == rantai_core::Mode::Command {
            let e = BudgetingError::NotFundedByLine {
                line,
                mak: self.spec.mak.to_string(),
                contract: contract.id(),
            };
            return Err(Rejected::new(self, e));
        }
        let signed = contract.terms().spec.signed_on;
        if on < signed {
            let e = BudgetingError::DateOrder {
                line,
                what: "commitment",
                date: on,
                earlier_what: "contract signature",
                earlier: signed,
            };
            return Err(Rejected::new(self, e));
        }
        let verdict = budget_control::commitment(self.spec.pagu, self.committed(), amount);
        if let Err(violation) = policy.enforce(RuleId::K08, verdict) {
            return Err(Rejected::new(self, BudgetingError::RuleViolated { line, violation }));
        }
        let event = BudgetingEvent::ContractCommitted {
            line,
            contract: contract.id(),
            amount,
            on,
        };
        Ok((self.apply_commitment(contract.id(), amount, on), event))
    }

    fn apply_commitment(mut self, contract: ContractId, amount: Money, on: NaiveDate) -> DpaLine {
        let entry = self.commitments.entry(contract).or_insert(Commitment {
            contract,
            amount: Money::ZERO,
            committed_on: on,
            paid: Money::ZERO,
        });
        entry.amount = entry.amount.saturating_add(amount);
        self
    }

    /// Pays part of a commitment by SP2D. Payments may not exceed what is committed to the
    /// contract on this line (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::NoCommitment`] (payment before
    /// commitment), [`BudgetingError::DateOrder`], [`BudgetingError::DuplicatePayment`],
    /// [`BudgetingError::RuleViolated`]; the line comes back unchanged.
    pub fn pay(
        self,
        sp2d: Sp2d,
        policy: Policy<'_>,
    ) -> Result<(DpaLine, BudgetingEvent), Rejected<DpaLine, BudgetingError>> {
        let line = self.spec.id;
        if sp2d.amount.is_zero() {
            let e = BudgetingError::NotPositive {
                line,
                what: "payment",
                amount: sp2d.amount,
            };
            return Err(Rejected::new(self, e));
        }
        if self.payments.iter().any(|p| p.id == sp2d.id) {
            return Err(Rejected::new(
                self,
                BudgetingError::DuplicatePayment { line, payment: sp2d.id },
            ));
        }
        let Some(commitment) = self.commitments.get(&sp2d.contract) else {
            let e = BudgetingError::NoCommitment {
                line,
                contract: sp2d.contract,
            };
            return Err(Rejected::new(self, e));
        };
        if sp2d.paid_on < commitment.committed_on {
            let e = BudgetingError::DateOrder {
                line,
                what: "SP2D",
                date: sp2d.paid_on,
                earlier_what: "commitment",
                earlier: commitment.committed_on,
            };
            return Err(Rejected::new(self, e));
        }
        let verdict = budget_control::payment(commitment.amount, commitment.paid, sp2d.amount);
        if let Err(violation) = policy.enforce(RuleId::K08, verdict) {
            return Err(Rejected::new(self, BudgetingError::RuleViolated { line, violation }));
        }
        let event = BudgetingEvent::Sp2dPaid {
            line,
            payment: sp2d.clone(),
        };
        Ok((self.apply_payment(sp2d), event))
    }

    fn apply_payment(mut self, sp2d: Sp2d) -> DpaLine {
        if let Some(c) = self.commitments.get_mut(&sp2d.contract) {
            c.paid = c.paid.saturating_add(sp2d.amount);
        }
        self.payments.push(sp2d);
        self
    }

    /// The DPA data.
    pub fn spec(&self) -> &DpaLineSpec {
        &self.spec
    }

    /// Commitments by contract.
    pub fn commitments(&self) -> impl Iterator<Item = &Commitment> {
        self.commitments.values()
    }

    /// The commitment to one contract.
    pub fn commitment(&self, contract: ContractId) -> Option<&Commitment> {
        self.commitments.get(&contract)
    }

    /// SP2D payments in order.
    pub fn payments(&self) -> &[Sp2d] {
        &self.payments
    }

    /// Σ committed.
    pub fn committed(&self) -> Money {
        self.commitments
            .values()
            .fold(Money::ZERO, |acc, c| acc.saturating_add(c.amount))
    }

    /// Σ paid.
    pub fn paid(&self) -> Money {
        self.payments
            .iter()
            .fold(Money::ZERO, |acc, p| acc.saturating_add(p.amount))
    }

    /// Pagu not yet committed (zero when over-committed by recorded facts).
    pub fn uncommitted(&self) -> Money {
        self.spec.pagu.saturating_sub(self.committed())
    }

    /// Folds one event into the state (replay).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::WrongState`] for an event that cannot apply.
    pub fn evolve(state: Option<DpaLine>, event: &BudgetingEvent) -> Result<DpaLine, BudgetingError> {
        match (state, event) {
            (None, BudgetingEvent::DpaLineOpened { spec }) => Ok(DpaLine::from_spec(spec.clone())),
            (
                Some(l),
                BudgetingEvent::ContractCommitted {
                    contract, amount, on, ..
                },
            ) => Ok(l.apply_commitment(*contract, *amount, *on)),
            (Some(l), BudgetingEvent::Sp2dPaid { payment, .. }) if l.commitments.contains_key(&payment.contract) => {
                Ok(l.apply_payment(payment.clone()))
            }
            (state, e) => Err(BudgetingError::WrongState {
                line: state.map(|s| s.spec.id).unwrap_or_else(|| e.line()),
                event: e.name(),
            }),
        }
    }
}

/// Adds for folds over recorded amounts. Every amount is at most `Money::MAX` (Rp10^20), so sums
/// of fewer than 10^8 of them stay inside the decimal range; if one ever did not, the running
/// total is kept rather than panicking, and the rules' own checked sums report it.
trait SaturatingAdd {
    fn saturating_add(self, other: Money) -> Money;
}

impl SaturatingAdd for Money {
    fn saturating_add(self, other: Money) -> Money {
        self.checked_add(other).unwrap_or(self)
    }
}
