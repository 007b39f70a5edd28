//! Budgeting events: what happened in budget execution, in the past tense.

use chrono::NaiveDate;
use rantai_core::{ActorId, ContractId, DpaLineId, ExternalKey, Money, OrganisationId, PaymentId, SppId};
use serde::{Deserialize, Serialize};

use crate::account::TermBreakdown;
use crate::dpa_line::{DpaLineSpec, ReleaseReason, Sp2d};
use crate::revision::Revision;
use crate::spd::Spd;
use crate::spp::{Spp, SppStage};
use crate::treasury::CashSource;

/// Something that happened in budget execution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum BudgetingEvent {
    /// A DPA line was opened.
    DpaLineOpened {
        /// The line.
        spec: DpaLineSpec,
    },
    /// The BUD issued an SPD on a line.
    SpdIssued {
        /// The line.
        line: DpaLineId,
        /// The SPD.
        spd: Spd,
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
    /// The unpaid rest of a commitment went back to the line.
    CommitmentReleased {
        /// The line.
        line: DpaLineId,
        /// The contract.
        contract: ContractId,
        /// The amount released.
        amount: Money,
        /// When.
        on: NaiveDate,
        /// Completion or termination.
        reason: ReleaseReason,
    },
    /// An SPP was submitted.
    SppSubmitted {
        /// The SPP.
        spp: Spp,
        /// The breakdown of an LS term, as computed.
        breakdown: Option<TermBreakdown>,
        /// Who submitted it.
        by: ActorId,
    },
    /// The PPK-SKPD verified an SPP.
    SppVerified {
        /// The SPP.
        spp: SppId,
        /// When.
        on: NaiveDate,
        /// Who verified it.
        by: ActorId,
    },
    /// The PA/KPA signed the SPM for an SPP.
    SpmIssued {
        /// The SPP.
        spp: SppId,
        /// The SPM number.
        nomor: Option<ExternalKey>,
        /// When.
        on: NaiveDate,
    },
    /// An SPP was refused at a step.
    SppRefused {
        /// The SPP.
        spp: SppId,
        /// The stage it was at.
        stage: SppStage,
        /// Why.
        reason: String,
        /// When.
        on: NaiveDate,
    },
    /// The BUD paid an SPP by SP2D.
    Sp2dIssued {
        /// The SPP.
        spp: SppId,
        /// The payment's id.
        payment: PaymentId,
        /// The SP2D number.
        nomor: Option<ExternalKey>,
        /// When.
        on: NaiveDate,
    },
    /// An SP2D paid a contract from the line, recorded without its SPP (imported or direct).
    Sp2dPaid {
        /// The line.
        line: DpaLineId,
        /// The payment.
        payment: Sp2d,
    },
    /// The bendahara accounted for spending on a line (SPJ) from UP or a TU.
    SpjAccounted {
        /// The organisation.
        organisation: OrganisationId,
        /// The line charged.
        line: DpaLineId,
        /// Where the cash came from.
        source: CashSource,
        /// Amount spent.
        amount: Money,
        /// When.
        on: NaiveDate,
    },
    /// The bendahara returned the unused rest of a TU.
    TuReturned {
        /// The organisation.
        organisation: OrganisationId,
        /// The TU's SPP.
        tu: SppId,
        /// Amount returned.
        amount: Money,
        /// When.
        on: NaiveDate,
    },
    /// The DPA was revised (pergeseran or APBD-P).
    BudgetRevised {
        /// The revision.
        revision: Revision,
    },
}

impl BudgetingEvent {
    /// The event's name.
    pub fn name(&self) -> &'static str {
        match self {
            BudgetingEvent::DpaLineOpened { .. } => "DpaLineOpened",
            BudgetingEvent::SpdIssued { .. } => "SpdIssued",
            BudgetingEvent::ContractCommitted { .. } => "ContractCommitted",
            BudgetingEvent::CommitmentReleased { .. } => "CommitmentReleased",
            BudgetingEvent::SppSubmitted { .. } => "SppSubmitted",
            BudgetingEvent::SppVerified { .. } => "SppVerified",
            BudgetingEvent::SpmIssued { .. } => "SpmIssued",
            BudgetingEvent::SppRefused { .. } => "SppRefused",
            BudgetingEvent::Sp2dIssued { .. } => "Sp2dIssued",
            BudgetingEvent::Sp2dPaid { .. } => "Sp2dPaid",
            BudgetingEvent::SpjAccounted { .. } => "SpjAccounted",
            BudgetingEvent::TuReturned { .. } => "TuReturned",
            BudgetingEvent::BudgetRevised { .. } => "BudgetRevised",
        }
    }

    /// The line the event is about directly, when it is about one.
    pub fn line(&self) -> Option<DpaLineId> {
        match self {
            BudgetingEvent::DpaLineOpened { spec } => Some(spec.id),
            BudgetingEvent::SpdIssued { line, .. }
            | BudgetingEvent::ContractCommitted { line, .. }
            | BudgetingEvent::CommitmentReleased { line, .. }
            | BudgetingEvent::Sp2dPaid { line, .. }
            | BudgetingEvent::SpjAccounted { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The SPP the event is about, when it is about one.
    pub fn spp(&self) -> Option<SppId> {
        match self {
            BudgetingEvent::SppSubmitted { spp, .. } => Some(spp.id),
            BudgetingEvent::SppVerified { spp, .. }
            | BudgetingEvent::SpmIssued { spp, .. }
            | BudgetingEvent::SppRefused { spp, .. }
            | BudgetingEvent::Sp2dIssued { spp, .. } => Some(*spp),
            BudgetingEvent::TuReturned { tu, .. } => Some(*tu),
            _ => None,
        }
    }
}
