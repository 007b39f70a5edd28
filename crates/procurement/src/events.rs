//! Procurement events: what happened in a procurement or contract, in the past tense.

use chrono::NaiveDate;
use rantai_core::{ContractId, ProcurementId};
use serde::{Deserialize, Serialize};

use crate::contract::{Addendum, ContractTerms};
use crate::tender::{Award, Bid, PlanLink, TenderSpec};

/// Something that happened in procurement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum ProcurementEvent {
    /// The SPSE schedule of a procurement was set (or changed by adendum jadwal).
    ScheduleSet {
        /// The procurement.
        procurement: ProcurementId,
        /// The schedule.
        schedule: crate::schedule::Schedule,
    },
    /// A procurement was announced.
    TenderAnnounced {
        /// The announcement.
        spec: TenderSpec,
        /// Its link to the plan.
        plan: PlanLink,
    },
    /// A priced bid was submitted.
    BidSubmitted {
        /// The procurement.
        procurement: ProcurementId,
        /// The bid.
        bid: Bid,
    },
    /// The winner was set.
    TenderAwarded {
        /// The procurement.
        procurement: ProcurementId,
        /// The award.
        award: Award,
    },
    /// A bidder filed a sanggah or sanggah banding.
    ObjectionFiled {
        /// The procurement.
        procurement: ProcurementId,
        /// The objection.
        objection: crate::objection::Objection,
    },
    /// An objection was answered.
    ObjectionAnswered {
        /// The procurement.
        procurement: ProcurementId,
        /// The objection's number.
        number: u32,
        /// When.
        answered_on: NaiveDate,
    },
    /// The PPK issued the SPPBJ to the winner.
    SppbjIssued {
        /// The procurement.
        procurement: ProcurementId,
        /// The letter's date.
        on: NaiveDate,
    },
    /// The procurement was declared failed (Pasal 51).
    ProcurementFailed {
        /// The procurement.
        procurement: ProcurementId,
        /// The declaration.
        failure: crate::failure::Failure,
    },
    /// The contract was signed.
    ContractSigned {
        /// The procurement it closes.
        procurement: ProcurementId,
        /// The terms.
        terms: ContractTerms,
    },
    /// The contract was amended.
    ContractAmended {
        /// The contract.
        contract: ContractId,
        /// The addendum.
        addendum: Addendum,
    },
    /// A provider registered as a participant (not a bid).
    ParticipantRegistered {
        /// The procurement.
        procurement: ProcurementId,
        /// The provider.
        provider: rantai_core::ActorId,
        /// When.
        registered_on: NaiveDate,
    },
    /// A priced bid was knocked out in evaluation (gugur).
    BidDisqualified {
        /// The procurement.
        procurement: ProcurementId,
        /// The bid.
        bid: rantai_core::BidId,
        /// Stage, reason and date.
        disqualification: crate::Disqualification,
    },
    /// The work was handed over (BAST).
    ContractHandedOver {
        /// The contract.
        contract: ContractId,
        /// BAST date.
        bast_on: NaiveDate,
    },
    /// The contract was ended before handover (pemutusan or penghentian kontrak).
    ContractTerminated {
        /// The contract.
        contract: ContractId,
        /// When and why.
        termination: crate::Termination,
    },
}

impl ProcurementEvent {
    /// The event's name.
    pub fn name(&self) -> &'static str {
        match self {
            ProcurementEvent::TenderAnnounced { .. } => "TenderAnnounced",
            ProcurementEvent::BidSubmitted { .. } => "BidSubmitted",
            ProcurementEvent::TenderAwarded { .. } => "TenderAwarded",
            ProcurementEvent::ContractSigned { .. } => "ContractSigned",
            ProcurementEvent::ContractAmended { .. } => "ContractAmended",
            ProcurementEvent::ContractHandedOver { .. } => "ContractHandedOver",
            ProcurementEvent::ContractTerminated { .. } => "ContractTerminated",
            ProcurementEvent::BidDisqualified { .. } => "BidDisqualified",
            ProcurementEvent::ParticipantRegistered { .. } => "ParticipantRegistered",
            ProcurementEvent::ScheduleSet { .. } => "ScheduleSet",
            ProcurementEvent::ProcurementFailed { .. } => "ProcurementFailed",
            ProcurementEvent::SppbjIssued { .. } => "SppbjIssued",
            ProcurementEvent::ObjectionFiled { .. } => "ObjectionFiled",
            ProcurementEvent::ObjectionAnswered { .. } => "ObjectionAnswered",
        }
    }

    /// The procurement the event is about, if any.
    pub fn procurement(&self) -> Option<ProcurementId> {
        match self {
            ProcurementEvent::TenderAnnounced { spec, .. } => Some(spec.id),
            ProcurementEvent::BidSubmitted { procurement, .. }
            | ProcurementEvent::TenderAwarded { procurement, .. }
            | ProcurementEvent::BidDisqualified { procurement, .. }
            | ProcurementEvent::ParticipantRegistered { procurement, .. }
            | ProcurementEvent::ContractSigned { procurement, .. }
            | ProcurementEvent::ScheduleSet { procurement, .. }
            | ProcurementEvent::ProcurementFailed { procurement, .. }
            | ProcurementEvent::SppbjIssued { procurement, .. }
            | ProcurementEvent::ObjectionFiled { procurement, .. }
            | ProcurementEvent::ObjectionAnswered { procurement, .. } => Some(*procurement),
            _ => None,
        }
    }

    /// The contract the event is about, if any.
    pub fn contract(&self) -> Option<ContractId> {
        match self {
            ProcurementEvent::ContractSigned { terms, .. } => Some(terms.spec.id),
            ProcurementEvent::ContractAmended { contract, .. }
            | ProcurementEvent::ContractHandedOver { contract, .. }
            | ProcurementEvent::ContractTerminated { contract, .. } => Some(*contract),
            _ => None,
        }
    }
}
