//! Payment requests: an SPP (UP, GU, TU or LS) goes through verification by the PPK-SKPD, an SPM
//! signed by the PA/KPA, and the SP2D of the BUD (Permendagri 77/2020). Each step may refuse it
//! with a reason; a refused SPP stays on record and a new one must be submitted.

use chrono::NaiveDate;
use rantai_core::{ActorId, ContractId, DpaLineId, ExternalKey, Money, OrganisationId, PaymentId, SppId};
use serde::{Deserialize, Serialize};

use crate::account::TermBreakdown;

/// What an SPP-LS pays a contract for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LsPayment {
    /// The advance (uang muka), backed by a Jaminan Uang Muka of `guarantee` (C-05).
    Advance {
        /// Value of the advance guarantee.
        guarantee: Money,
    },
    /// A progress term (termin) for work of `gross` value accepted in a BAP; the advance
    /// repayment, retention (C-06) and late penalty (C-03) are deducted.
    Term {
        /// Value of the work billed in this term.
        gross: Money,
        /// Value of the late part, when the penalty is charged on it rather than on the whole
        /// contract (Perpres 16/2018 Pasal 79(4)).
        late_part: Option<Money>,
    },
    /// Release of the retention after the maintenance period (C-06).
    RetentionRelease,
}

/// The kind of an SPP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SppKind {
    /// Uang Persediaan: the bendahara's revolving cash, once a year.
    Up,
    /// Ganti Uang: replenishes the UP spent and accounted for (SPJ).
    Gu,
    /// Tambahan Uang: extra cash for an urgent need, accounted for within a month (K-08).
    Tu,
    /// Langsung: direct payment of a contract from a DPA line.
    Ls {
        /// The line charged.
        line: DpaLineId,
        /// The contract paid.
        contract: ContractId,
        /// What is paid.
        payment: LsPayment,
    },
}

impl SppKind {
    /// The short name (`UP`, `GU`, `TU`, `LS`).
    pub fn label(&self) -> &'static str {
        match self {
            SppKind::Up => "UP",
            SppKind::Gu => "GU",
            SppKind::Tu => "TU",
            SppKind::Ls { .. } => "LS",
        }
    }
}

/// An SPP as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spp {
    /// The request's id.
    pub id: SppId,
    /// Its number, if known.
    pub nomor: Option<ExternalKey>,
    /// The organisation (SKPD) asking.
    pub organisation: OrganisationId,
    /// UP, GU, TU or LS.
    pub kind: SppKind,
    /// Amount asked. For an LS term it must equal the net of the term's breakdown.
    pub amount: Money,
    /// Date submitted.
    pub submitted_on: NaiveDate,
}

/// Where an SPP stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SppStage {
    /// Submitted, awaiting the PPK-SKPD's verification.
    Submitted,
    /// Verified by the PPK-SKPD, awaiting the SPM.
    Verified,
    /// SPM signed by the PA/KPA, awaiting the SP2D.
    SpmIssued,
    /// Paid by SP2D.
    Paid,
    /// Refused at some step.
    Refused,
}

impl std::fmt::Display for SppStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SppStage::Submitted => "submitted",
            SppStage::Verified => "verified",
            SppStage::SpmIssued => "SPM issued",
            SppStage::Paid => "paid",
            SppStage::Refused => "refused",
        })
    }
}

/// An SPP with its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRequest {
    /// The SPP.
    pub spp: Spp,
    /// The breakdown of an LS term, computed at submission.
    pub breakdown: Option<TermBreakdown>,
    /// Who submitted it.
    pub submitted_by: ActorId,
    /// Where it stands.
    pub stage: SppStage,
    /// Who verified it, and when.
    pub verified: Option<(ActorId, NaiveDate)>,
    /// The SPM number and date.
    pub spm: Option<(Option<ExternalKey>, NaiveDate)>,
    /// The SP2D that paid it.
    pub sp2d: Option<(PaymentId, Option<ExternalKey>, NaiveDate)>,
    /// Why it was refused, and when.
    pub refusal: Option<(String, NaiveDate)>,
}

impl PaymentRequest {
    /// The date of the last step taken.
    pub fn last_step_on(&self) -> NaiveDate {
        [
            Some(self.spp.submitted_on),
            self.verified.map(|v| v.1),
            self.spm.as_ref().map(|s| s.1),
            self.sp2d.as_ref().map(|s| s.2),
            self.refusal.as_ref().map(|r| r.1),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.spp.submitted_on)
    }
}
