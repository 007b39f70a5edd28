//! The bendahara pengeluaran's cash of one organisation and year: Uang Persediaan (UP, once a
//! year), replenished by GU after the spending is accounted for (SPJ), and Tambahan Uang (TU)
//! advances, each to be accounted for — spent by SPJ or returned — within a month (K-08).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{FiscalYear, Money, OrganisationId, SppId};
use serde::{Deserialize, Serialize};

use crate::error::BudgetingError;
use crate::spp::SppKind;

/// Where the bendahara's spending came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "source", content = "tu", rename_all = "snake_case", deny_unknown_fields)]
pub enum CashSource {
    /// The revolving UP (replenished by GU).
    Up,
    /// A TU advance, by the SPP that asked for it.
    Tu(SppId),
}

/// One TU advance and how far it is settled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TuAdvance {
    /// Amount paid by SP2D-TU.
    pub amount: Money,
    /// Date of the SP2D.
    pub paid_on: NaiveDate,
    /// Σ accounted for by SPJ.
    pub spent: Money,
    /// Σ returned to the kas daerah.
    pub returned: Money,
}

impl TuAdvance {
    /// Σ settled (spent or returned).
    pub fn settled(&self) -> Money {
        self.spent + self.returned
    }

    /// Cash the bendahara still holds from it.
    pub fn balance(&self) -> Money {
        self.amount.saturating_sub(self.settled())
    }
}

/// The bendahara's cash of one organisation and year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Treasury {
    /// SP2D-UP received.
    pub up: Money,
    /// SP2D-GU received.
    pub gu: Money,
    /// Spending from UP accounted for by SPJ.
    pub spent_from_up: Money,
    /// TU advances by SPP.
    pub tu: BTreeMap<SppId, TuAdvance>,
}

impl Treasury {
    /// UP cash on hand: UP + GU − spent.
    pub fn up_balance(&self) -> Money {
        (self.up + self.gu).saturating_sub(self.spent_from_up)
    }

    /// Spending from UP accounted for and not yet replenished by GU.
    pub fn replenishable(&self) -> Money {
        self.spent_from_up.saturating_sub(self.gu)
    }

    /// Cash the bendahara holds: UP balance plus every TU balance.
    pub fn cash_on_hand(&self) -> Money {
        self.tu.values().fold(self.up_balance(), |acc, t| acc + t.balance())
    }

    /// Checks an SPP of `kind` (UP, GU or TU) for `amount`.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::InvalidValue`]: a second UP in the year, or a GU above what was
    /// accounted for since the last one.
    pub fn check_request(
        &self,
        organisation: OrganisationId,
        year: FiscalYear,
        kind: &SppKind,
        amount: Money,
    ) -> Result<(), BudgetingError> {
        let subject = format!("organisation {organisation}, {}", year.year());
        match kind {
            SppKind::Up if !self.up.is_zero() => Err(BudgetingError::InvalidValue {
                subject,
                reason: format!("UP is given once a year ({} already); replenish it by GU", self.up),
            }),
            SppKind::Gu if amount > self.replenishable() => Err(BudgetingError::InvalidValue {
                subject,
                reason: format!(
                    "GU of {amount} is more than the {} accounted for by SPJ since the last GU",
                    self.replenishable()
                ),
            }),
            _ => Ok(()),
        }
    }

    /// Checks spending of `amount` from `source`.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownSpp`] for an unknown TU; [`BudgetingError::InsufficientCash`].
    pub fn check_spend(
        &self,
        organisation: OrganisationId,
        source: CashSource,
        amount: Money,
    ) -> Result<(), BudgetingError> {
        let (name, available) = match source {
            CashSource::Up => ("UP".to_string(), self.up_balance()),
            CashSource::Tu(id) => {
                let tu = self.tu.get(&id).ok_or(BudgetingError::UnknownSpp(id))?;
                (format!("TU {id}"), tu.balance())
            }
        };
        if amount > available {
            return Err(BudgetingError::InsufficientCash {
                organisation,
                source_name: name,
                available,
                amount,
            });
        }
        Ok(())
    }

    /// Cash paid in by the SP2D of a UP, GU or TU (an LS pays the provider, not the bendahara).
    pub(crate) fn apply_cash_in(&mut self, kind: &SppKind, spp: SppId, amount: Money, on: NaiveDate) {
        match kind {
            SppKind::Up => self.up += amount,
            SppKind::Gu => self.gu += amount,
            SppKind::Ls { .. } => {}
            SppKind::Tu => {
                self.tu.insert(
                    spp,
                    TuAdvance {
                        amount,
                        paid_on: on,
                        spent: Money::ZERO,
                        returned: Money::ZERO,
                    },
                );
            }
        }
    }

    pub(crate) fn apply_spend(&mut self, source: CashSource, amount: Money) {
        match source {
            CashSource::Up => self.spent_from_up += amount,
            CashSource::Tu(id) => {
                if let Some(t) = self.tu.get_mut(&id) {
                    t.spent += amount;
                }
            }
        }
    }

    pub(crate) fn apply_return(&mut self, tu: SppId, amount: Money) {
        if let Some(t) = self.tu.get_mut(&tu) {
            t.returned += amount;
        }
    }
}
