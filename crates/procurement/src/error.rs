//! The one error type of `rantai-procurement`.

use chrono::NaiveDate;
use rantai_core::{ActorId, BidId, ContractId, CoreError, ProcurementId, Violation};
use thiserror::Error;

/// Why a procurement command was refused or an event could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ProcurementError {
    /// A value was malformed.
    #[error(transparent)]
    Invalid(#[from] CoreError),
    /// A rule of the rulebook refuses the command.
    #[error("{subject}: {violation}")]
    RuleViolated {
        /// The procurement or contract, as text.
        subject: String,
        /// The rule and its evidence.
        violation: Violation,
    },
    /// A command mode procurement needs at least one announced RUP package.
    #[error("procurement {procurement}: no announced RUP package given (K-04)")]
    NoAnnouncedPackage {
        /// The procurement.
        procurement: ProcurementId,
    },
    /// The transition is not legal in the current state.
    #[error("procurement {procurement} is {state}; cannot {action}")]
    WrongState {
        /// The procurement.
        procurement: ProcurementId,
        /// Its state.
        state: &'static str,
        /// What was attempted.
        action: &'static str,
    },
    /// The contract is not in a state that allows this.
    #[error("contract {contract} is {state}; cannot {action}")]
    ContractWrongState {
        /// The contract.
        contract: ContractId,
        /// Its state.
        state: &'static str,
        /// What was attempted.
        action: &'static str,
    },
    /// A date is before the date it must follow.
    #[error("{what} on {date} is before {earlier_what} on {earlier}")]
    DateOrder {
        /// The later event.
        what: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The event it must follow.
        earlier_what: &'static str,
        /// That event's date.
        earlier: NaiveDate,
    },
    /// The provider has already submitted a bid.
    #[error("procurement {procurement}: provider {provider} already bid")]
    DuplicateBid {
        /// The procurement.
        procurement: ProcurementId,
        /// The provider.
        provider: ActorId,
    },
    /// No priced bid with this id.
    #[error("procurement {procurement}: no priced bid {bid}")]
    UnknownBid {
        /// The procurement.
        procurement: ProcurementId,
        /// The bid.
        bid: BidId,
    },
    /// A value that must be positive or consistent is not.
    #[error("{subject}: {reason}")]
    InvalidValue {
        /// The procurement or contract, as text.
        subject: String,
        /// What is wrong.
        reason: String,
    },
}
