//! The one error type of `rantai-budgeting`: every refusal says what was wrong and where.

use chrono::NaiveDate;
use rantai_core::{ContractId, CoreError, DpaLineId, Money, OrganisationId, SppId, Violation};
use thiserror::Error;

use crate::spp::SppStage;

/// Why a budgeting command was refused or an event could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BudgetingError {
    /// A value was malformed.
    #[error(transparent)]
    Invalid(#[from] CoreError),
    /// A rule of the rulebook refuses the command.
    #[error("{subject}: {violation}")]
    RuleViolated {
        /// What was refused (`DPA line …`, `SPP …`, `contract …`).
        subject: String,
        /// The rule and its evidence.
        violation: Violation,
    },
    /// An amount must be positive.
    #[error("{subject}: {what} must be positive, got {amount}")]
    NotPositive {
        /// Where.
        subject: String,
        /// Which amount.
        what: &'static str,
        /// The amount given.
        amount: Money,
    },
    /// The contract is not financed by this line (its funding lines name other MAKs or another
    /// organisation).
    #[error("DPA line {line} ({mak}) does not finance contract {contract}")]
    NotFundedByLine {
        /// The DPA line.
        line: DpaLineId,
        /// The line's MAK.
        mak: String,
        /// The contract.
        contract: ContractId,
    },
    /// A payment or release for a contract that has no commitment on this line.
    #[error("DPA line {line}: no commitment for contract {contract}; commit before paying")]
    NoCommitment {
        /// The DPA line.
        line: DpaLineId,
        /// The contract.
        contract: ContractId,
    },
    /// A date before the date it must follow.
    #[error("{subject}: {what} on {date} is before {earlier_what} on {earlier}")]
    DateOrder {
        /// Where.
        subject: String,
        /// The later act.
        what: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The act it must follow.
        earlier_what: &'static str,
        /// That act's date.
        earlier: NaiveDate,
    },
    /// A date outside the fiscal year of the line or treasury it belongs to.
    #[error("{subject}: {what} on {date} is outside fiscal year {year}")]
    OutsideYear {
        /// Where.
        subject: String,
        /// Which act.
        what: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The fiscal year.
        year: i32,
    },
    /// An id was used twice.
    #[error("{kind} {id} already recorded")]
    Duplicate {
        /// What kind of record.
        kind: &'static str,
        /// Its id.
        id: String,
    },
    /// An unknown DPA line.
    #[error("unknown DPA line {0}")]
    UnknownLine(DpaLineId),
    /// An unknown payment request.
    #[error("unknown SPP {0}")]
    UnknownSpp(SppId),
    /// A step that does not follow the SPP's current stage.
    #[error("SPP {spp} is {stage}; cannot {action}")]
    WrongStage {
        /// The SPP.
        spp: SppId,
        /// Its stage.
        stage: SppStage,
        /// What was asked.
        action: &'static str,
    },
    /// A step taken by the actor who took the step it checks (four-eyes principle).
    #[error("SPP {spp}: {step} must be done by someone other than who {earlier}")]
    SameActor {
        /// The SPP.
        spp: SppId,
        /// The step refused.
        step: &'static str,
        /// The earlier step.
        earlier: &'static str,
    },
    /// A value out of its allowed range (an SPD period, a month, a reason).
    #[error("{subject}: {reason}")]
    InvalidValue {
        /// Where.
        subject: String,
        /// What is wrong.
        reason: String,
    },
    /// Cash asked of a bendahara source that does not hold it.
    #[error("organisation {organisation}: {source_name} holds {available}, {amount} asked")]
    InsufficientCash {
        /// The organisation.
        organisation: OrganisationId,
        /// UP, or the TU advance.
        source_name: String,
        /// What the source holds.
        available: Money,
        /// What was asked.
        amount: Money,
    },
    /// An event that cannot follow the current state (replay).
    #[error("{subject}: cannot apply {event}")]
    WrongState {
        /// Where.
        subject: String,
        /// The event.
        event: &'static str,
    },
}

impl BudgetingError {
    pub(crate) fn violated(subject: impl std::fmt::Display, violation: Violation) -> Self {
        BudgetingError::RuleViolated {
            subject: subject.to_string(),
            violation,
        }
    }

    pub(crate) fn not_positive(subject: impl std::fmt::Display, what: &'static str, amount: Money) -> Self {
        BudgetingError::NotPositive {
            subject: subject.to_string(),
            what,
            amount,
        }
    }
}
