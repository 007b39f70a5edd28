//! Budgeting events: what happened on a DPA line, in the past tense.

use chrono::NaiveDate;
use rantai_core::{ContractId, DpaLineId, Money};
use serde::{Deserialize, Serialize};

use crate::dpa_line::{DpaLineSpec, Sp2d};

/// Something that happened in budget execution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum BudgetingEvent {
    /// A DPA line was opened.
    DpaLineOpened {
        /// The line.
        spec: DpaLineSpec,
    },
    /// Part of a line was committed to a signed contract.
    ContractCommitted {
        /// The line.
        line: DpaLineId,
        /// The contract.
        contract: ContractId,
        /// The amount.
        amount: Money,
        /// When.
        on: NaiveDate,
    },
    /// An SP2D paid a contract from the line.
    Sp2dPaid {
        /// The line.
        line: DpaLineId,
        /// The payment.
        payment: Sp2d,
    },
}

impl BudgetingEvent {
    /// The event's name.
    pub fn name(&self) -> &'static str {
        match self {
            BudgetingEvent::DpaLineOpened { .. } => "DpaLineOpened",
            BudgetingEvent::ContractCommitted { .. } => "ContractCommitted",
            BudgetingEvent::Sp2dPaid { .. } => "Sp2dPaid",
        }
    }

    /// The line the event is about.
    pub fn line(&self) -> DpaLineId {
        match self {
            BudgetingEvent::DpaLineOpened { spec } => spec.id,
            BudgetingEvent::ContractCommitted { line, .. } | BudgetingEvent::Sp2dPaid { line, .. } => *line,
        }
    }
}
