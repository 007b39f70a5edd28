//! The one error type of `rantai-budgeting`.

use chrono::NaiveDate;
use rantai_core::{ContractId, CoreError, DpaLineId, Money, Violation};
use thiserror::Error;

/// Why a budgeting command was refused or an event could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BudgetingError {
    /// A value was malformed.
    #[error(transparent)]
    Invalid(#[from] CoreError),
    /// A rule of the rulebook refuses the command.
    #[error("DPA line {line}: {violation}")]
    RuleViolated {
        /// The DPA line.
        line: DpaLineId,
        /// The rule and its evidence.
        violation: Violation,
    },
    /// An amount must be positive.
    #[error("DPA line {line}: {what} must be positive, got {amount}")]
    NotPositive {
        /// The DPA line.
        line: DpaLineId,
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
    /// A payment for a contract that has no commitment on this line.
    #[error("DPA line {line}: no commitment for contract {contract}; commit before paying")]
    NoCommitment {
        /// The DPA line.
        line: DpaLineId,
        /// The contract.
        contract: ContractId,
    },
    /// A date before the date it must follow.
    #[error("DPA line {line}: {what} on {date} is before {earlier_what} on {earlier}")]
    DateOrder {
        /// The DPA line.
        line: DpaLineId,
        /// The later act.
        what: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The act it must follow.
        earlier_what: &'static str,
        /// That act's date.
        earlier: NaiveDate,
    },
    /// A payment id was used twice.
    #[error("DPA line {line}: payment {payment} already recorded")]
    DuplicatePayment {
        /// The DPA line.
        line: DpaLineId,
        /// The payment.
        payment: rantai_core::PaymentId,
    },
    /// An event that cannot follow the current state.
    #[error("DPA line {line}: cannot apply {event}")]
    WrongState {
        /// The DPA line.
        line: DpaLineId,
        /// The event.
        event: &'static str,
    },
}
