//! The one error type of `rantai-monev`.

use chrono::NaiveDate;
use rantai_core::{ContractId, Ratio, ReportId};
use thiserror::Error;

/// Why a monitoring command was refused or an event could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MonevError {
    /// A progress figure outside 0–100 %.
    #[error("report {report}: {what} {value} is outside 0–100 %")]
    OutOfRange {
        /// The report.
        report: ReportId,
        /// Which figure.
        what: &'static str,
        /// The value given.
        value: Ratio,
    },
    /// A report dated before the contract was signed or before the previous report.
    #[error("report {report} on contract {contract}: dated {date}, before {earlier_what} on {earlier}")]
    DateOrder {
        /// The report.
        report: ReportId,
        /// The contract.
        contract: ContractId,
        /// The report date.
        date: NaiveDate,
        /// What it must follow.
        earlier_what: &'static str,
        /// That date.
        earlier: NaiveDate,
    },
    /// Cumulative physical progress reported lower than before (a command must not silently
    /// undo reported work; record an inspection correction instead).
    #[error("report {report} on contract {contract}: progress {actual} is below the previous {previous}")]
    ProgressDecreased {
        /// The report.
        report: ReportId,
        /// The contract.
        contract: ContractId,
        /// Newly reported.
        actual: Ratio,
        /// Previously reported.
        previous: Ratio,
    },
    /// A report id used twice.
    #[error("report {report} already recorded")]
    DuplicateReport {
        /// The report.
        report: ReportId,
    },
    /// An event that cannot apply to the current state.
    #[error("contract {contract}: cannot apply {event}")]
    WrongState {
        /// The contract.
        contract: ContractId,
        /// The event.
        event: &'static str,
    },
    /// A show-cause meeting that does not fit the contract's meetings so far.
    #[error("contract {contract}: SCM {number} refused: {reason}")]
    InvalidMeeting {
        /// The contract.
        contract: ContractId,
        /// The meeting's number.
        number: u8,
        /// What does not hold.
        reason: String,
    },
    /// An indicator realisation that does not fit its indicator.
    #[error("indicator realisation refused: {reason}")]
    InvalidRealisation {
        /// What does not hold.
        reason: String,
    },
    /// A contract-level fold given an event that is not about a contract.
    #[error("{event} is not a contract event")]
    NotAContractEvent {
        /// The event.
        event: &'static str,
    },
}
