//! What budgeting needs to know of a contract — current value and end, BAST, maintenance period,
//! signature date — taken from the procurement hand-off or from a contract as stored, without
//! copying its terms.

use chrono::NaiveDate;
use rantai_core::{ContractId, Money};
use rantai_procurement::{Contract, SignedContract};

/// A contract's figures for penalties (C-03), retention (C-06) and the net balance (C-09).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContractFacts {
    /// The contract.
    pub id: ContractId,
    /// Value after the last addendum.
    pub value: Money,
    /// Completion date after the last addendum that changed it.
    pub end: NaiveDate,
    /// The BAST date, once handed over.
    pub bast_on: Option<NaiveDate>,
    /// When the work stopped — the BAST, or a termination: the late penalty runs until then.
    pub closed_on: Option<NaiveDate>,
    /// Masa pemeliharaan, calendar days after the BAST.
    pub maintenance_days: u32,
    /// Signature date (the rules in force for the retention ratio).
    pub signed_on: NaiveDate,
}

impl From<&SignedContract> for ContractFacts {
    fn from(c: &SignedContract) -> Self {
        ContractFacts {
            id: c.id(),
            value: c.value(),
            end: c.end(),
            bast_on: c.bast_on(),
            closed_on: c.closed_on(),
            maintenance_days: c.terms().spec.maintenance_days,
            signed_on: c.terms().spec.signed_on,
        }
    }
}

impl From<&Contract> for ContractFacts {
    fn from(c: &Contract) -> Self {
        ContractFacts {
            id: c.terms().spec.id,
            value: c.current_value(),
            end: c.current_end(),
            bast_on: c.bast_on(),
            closed_on: c.closed_on(),
            maintenance_days: c.terms().spec.maintenance_days,
            signed_on: c.terms().spec.signed_on,
        }
    }
}
