//! A procurement of one or more announced RUP packages: announced, priced bids, award, and the
//! contract signature that closes it. Each state is its own type; its methods are its legal
//! transitions.

use chrono::NaiveDate;
use rantai_core::{
    ActorId, BidId, ContractId, ExternalKey, FiscalYear, JenisPengadaan, KodeRup, MetodePemilihan, Mode, Money,
    OrganisationId, Policy, ProcurementId, Rejected,
};
use rantai_planning::AnnouncedPackage;
use serde::{Deserialize, Serialize};

use crate::contract::{ActiveContract, ContractSpec, ContractTerms};
use crate::error::ProcurementError;
use crate::events::ProcurementEvent;
use crate::failure::{Failure, FailureGround};
use crate::objection::{Objection, ObjectionKind};
use crate::rules::{
    award_vs_hps, contract_form, contract_type, contract_vs_hps, failed_tender, hps_vs_pagu, performance_bond,
    plan_consistency, procurement_officials, schedule_rules,
};
use crate::schedule::Schedule;

/// What the procurement announcement says (SPSE TenderPengumuman / NonTenderPengumuman fields).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TenderSpec {
    /// The procurement's id.
    pub id: ProcurementId,
    /// SPSE's `kd_tender` / `kd_nontender`, if known.
    pub kd_tender: Option<ExternalKey>,
    /// The organisation (satker) procuring.
    pub organisation: OrganisationId,
    /// Package name as announced.
    pub name: String,
    /// Fiscal year.
    pub fiscal_year: FiscalYear,
    /// Procurement object.
    pub jenis: JenisPengadaan,
    /// Selection method actually used.
    pub metode: MetodePemilihan,
    /// Pagu as announced.
    pub pagu: Money,
    /// HPS (owner's estimate); not required for e-purchasing and receipts-only Pengadaan Langsung.
    pub hps: Option<Money>,
    /// Announcement date.
    pub announced_on: NaiveDate,
    /// Evaluation method (SPSE `mtd_evaluasi`), when known.
    pub evaluation: Option<EvaluationMethod>,
    /// Who runs it: the PPK, the Pokja members or the Pejabat Pengadaan (R-01, R-03).
    #[serde(default)]
    pub officials: Officials,
    /// Why a Penunjukan Langsung is allowed (P-09); `None` for other methods or when not given.
    #[serde(default)]
    pub direct_basis: Option<crate::rules::direct_basis::DirectBasis>,
}

/// The officials of one procurement (Perpres 16/2018 Pasal 11–13): the PPK who will sign the
/// contract, and who selects — the Pokja Pemilihan for tenders and seleksi, the Pejabat Pengadaan
/// for direct methods. Empty when the source does not say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Officials {
    /// The PPK.
    pub ppk: Option<ActorId>,
    /// The Pokja members.
    pub pokja: Vec<ActorId>,
    /// The Pejabat Pengadaan.
    pub pejabat_pengadaan: Option<ActorId>,
}

/// How the offers are evaluated (metode evaluasi, Perpres 16/2018 Pasal 39–41).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationMethod {
    /// Harga terendah (sistem gugur): the lowest evaluated price among qualified bids wins.
    HargaTerendah,
    /// Sistem nilai: quality and price scored together.
    SistemNilai,
    /// Penilaian biaya selama umur ekonomis.
    UmurEkonomis,
    /// Kualitas dan biaya (consultancy).
    KualitasDanBiaya,
    /// Kualitas (consultancy).
    Kualitas,
    /// Pagu anggaran (consultancy).
    PaguAnggaran,
    /// Biaya terendah (consultancy).
    BiayaTerendah,
}

impl EvaluationMethod {
    /// The method from SPSE's `mtd_evaluasi` label (`"Harga Terendah Sistem Gugur"`,
    /// `"Kualitas dan Biaya"`, …); `None` for a label rantai does not know.
    ///
    /// ```
    /// use rantai_procurement::EvaluationMethod as E;
    /// assert_eq!(E::from_spse("Harga Terendah Sistem Gugur"), Some(E::HargaTerendah));
    /// assert_eq!(E::from_spse("Kualitas dan Biaya"), Some(E::KualitasDanBiaya));
    /// assert_eq!(E::from_spse("Lelang Cepat"), None);
    /// ```
    pub fn from_spse(label: &str) -> Option<Self> {
        let l = label.trim().to_lowercase();
        Some(if l.starts_with("harga terendah") {
            EvaluationMethod::HargaTerendah
        } else if l.starts_with("sistem nilai") {
            EvaluationMethod::SistemNilai
        } else if l.contains("umur ekonomis") {
            EvaluationMethod::UmurEkonomis
        } else if l == "kualitas dan biaya" {
            EvaluationMethod::KualitasDanBiaya
        } else if l == "kualitas" {
            EvaluationMethod::Kualitas
        } else if l == "pagu anggaran" {
            EvaluationMethod::PaguAnggaran
        } else if l == "biaya terendah" {
            EvaluationMethod::BiayaTerendah
        } else {
            return None;
        })
    }
}

/// How the procurement is linked to the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "link", content = "data", rename_all = "snake_case")]
pub enum PlanLink {
    /// Linked to announced RUP packages (the only link a command may give).
    Announced {
        /// The packages, as handed off by planning.
        packages: Vec<AnnouncedPackage>,
    },
    /// The plan data is present but these `kd_rup` are not announced, active and undeleted
    /// packages in it (K-04 is found).
    NotAnnounced {
        /// The codes referenced.
        kd_rup: Vec<KodeRup>,
        /// What the plan data says about them.
        detail: String,
    },
    /// The plan data was not provided, so the link cannot be judged (K-04 is insufficient).
    Unavailable {
        /// The codes referenced.
        kd_rup: Vec<KodeRup>,
    },
}

impl PlanLink {
    /// The SIRUP codes the procurement cites, whatever the link.
    pub fn kd_rup(&self) -> Vec<KodeRup> {
        match self {
            PlanLink::Announced { packages } => packages.iter().filter_map(|p| p.spec().kd_rup).collect(),
            PlanLink::NotAnnounced { kd_rup, .. } | PlanLink::Unavailable { kd_rup } => kd_rup.clone(),
        }
    }
}

/// A priced bid (penawaran harga). Registrations without a price are not bids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bid {
    /// The bid's id.
    pub id: BidId,
    /// The bidding provider.
    pub provider: ActorId,
    /// The offer (nilai penawaran).
    pub offer: Money,
    /// The corrected offer after arithmetic correction (nilai terkoreksi), if any.
    pub corrected: Option<Money>,
    /// When the bid was submitted.
    pub submitted_on: NaiveDate,
    /// Knocked out in evaluation (gugur), with the stage and reason; `None` while it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disqualified: Option<Disqualification>,
}

/// The evaluation stage at which a bid fell (Perlem LKPP 12/2021: administrasi, kualifikasi,
/// teknis, harga, pembuktian kualifikasi).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationStage {
    /// Evaluasi administrasi.
    Administrasi,
    /// Evaluasi kualifikasi.
    Kualifikasi,
    /// Evaluasi teknis.
    Teknis,
    /// Evaluasi harga (e.g. an abnormally low price not clarified).
    Harga,
    /// Pembuktian kualifikasi (the original documents do not prove the qualification).
    Pembuktian,
}

impl EvaluationStage {
    /// The stage's name.
    pub fn label(self) -> &'static str {
        match self {
            EvaluationStage::Administrasi => "administrasi",
            EvaluationStage::Kualifikasi => "kualifikasi",
            EvaluationStage::Teknis => "teknis",
            EvaluationStage::Harga => "harga",
            EvaluationStage::Pembuktian => "pembuktian kualifikasi",
        }
    }
}

/// Why and when a bid was knocked out (gugur) by the Pokja or the Pejabat Pengadaan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disqualification {
    /// The evaluation stage.
    pub stage: EvaluationStage,
    /// The reason, as the evaluation report (BA hasil evaluasi) gives it.
    pub reason: String,
    /// The date of the evaluation.
    pub on: NaiveDate,
}

impl Bid {
    /// The evaluated price: the corrected offer when there is one.
    pub fn evaluated_price(&self) -> Money {
        self.corrected.unwrap_or(self.offer)
    }
}

/// The decision of the winner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// The winning bid.
    pub bid: BidId,
    /// The winning provider.
    pub provider: ActorId,
    /// The final price (after negotiation, if any).
    pub price: Money,
    /// Date of the penetapan pemenang.
    pub awarded_on: NaiveDate,
}

/// A procurement announced and open for bids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open {
    spec: TenderSpec,
    plan: PlanLink,
    bids: Vec<Bid>,
    /// Providers registered (downloaded the documents) without necessarily bidding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    registered: Vec<ActorId>,
    schedule: Option<Schedule>,
}

/// A procurement whose winner is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Awarded {
    spec: TenderSpec,
    plan: PlanLink,
    bids: Vec<Bid>,
    /// Providers registered (downloaded the documents) without necessarily bidding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    registered: Vec<ActorId>,
    schedule: Option<Schedule>,
    award: Award,
    /// When the PPK issued the SPPBJ (award letter), once issued.
    #[serde(default)]
    sppbj_on: Option<NaiveDate>,
    /// Sanggah and sanggah banding filed against the result.
    #[serde(default)]
    objections: Vec<Objection>,
}

/// A procurement closed by a signed contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contracted {
    spec: TenderSpec,
    plan: PlanLink,
    bids: Vec<Bid>,
    /// Providers registered (downloaded the documents) without necessarily bidding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    registered: Vec<ActorId>,
    schedule: Option<Schedule>,
    award: Award,
    contract: ContractId,
    /// When the SPPBJ was issued, if it was.
    #[serde(default)]
    sppbj_on: Option<NaiveDate>,
    /// The objections filed before the contract.
    #[serde(default)]
    objections: Vec<Objection>,
}

/// A procurement declared failed (Pasal 51); its packages are free for a re-tender.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failed {
    spec: TenderSpec,
    plan: PlanLink,
    bids: Vec<Bid>,
    /// Providers registered (downloaded the documents) without necessarily bidding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    registered: Vec<ActorId>,
    schedule: Option<Schedule>,
    award: Option<Award>,
    failure: Failure,
    /// The objections filed before the failure.
    #[serde(default)]
    objections: Vec<Objection>,
}

impl Failed {
    /// The declaration.
    pub fn failure(&self) -> &Failure {
        &self.failure
    }
}

/// A procurement in any state, as persisted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Procurement {
    /// Announced, taking bids.
    Open(Open),
    /// Winner set.
    Awarded(Awarded),
    /// Contract signed.
    Contracted(Contracted),
    /// Declared failed.
    Failed(Failed),
}

fn subject(id: ProcurementId) -> String {
    format!("procurement {id}")
}

fn validate_spec(spec: &TenderSpec) -> Result<(), ProcurementError> {
    if spec.pagu.is_zero() {
        return Err(ProcurementError::InvalidValue {
            subject: subject(spec.id),
            reason: "pagu must be positive".into(),
        });
    }
    if spec.hps.is_some_and(|h| h.is_zero()) {
        return Err(ProcurementError::InvalidValue {
            subject: subject(spec.id),
            reason: "HPS must be positive when given".into(),
        });
    }
    Ok(())
}

impl Open {
    /// Announces a procurement of announced RUP packages (the command path). HPS must not exceed
    /// the pagu (H-01), Pengadaan Langsung must respect its ceiling (P-01/P-02), and the
    /// procurement is compared with its plan (K-05).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::NoAnnouncedPackage`] for an empty package list;
    /// [`ProcurementError::RuleViolated`] when a rejecting rule is violated.
    pub fn announce(
        spec: TenderSpec,
        packages: Vec<AnnouncedPackage>,
        policy: Policy<'_>,
    ) -> Result<(Open, ProcurementEvent), ProcurementError> {
        if packages.is_empty() {
            return Err(ProcurementError::NoAnnouncedPackage { procurement: spec.id });
        }
        Self::begin(spec, PlanLink::Announced { packages }, policy)
    }

    /// Records a procurement that happened elsewhere, with whatever plan link the source data
    /// gives (the record path: rules do not refuse, they become findings).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::InvalidValue`] for a zero pagu or HPS.
    pub fn record(
        spec: TenderSpec,
        plan: PlanLink,
        policy: Policy<'_>,
    ) -> Result<(Open, ProcurementEvent), ProcurementError> {
        Self::begin(spec, plan, policy)
    }

    fn begin(
        spec: TenderSpec,
        plan: PlanLink,
        policy: Policy<'_>,
    ) -> Result<(Open, ProcurementEvent), ProcurementError> {
        validate_spec(&spec)?;
        let violated = |violation| ProcurementError::RuleViolated {
            subject: subject(spec.id),
            violation,
        };
        policy
            .enforce(rantai_core::RuleId::H01, hps_vs_pagu::check(&spec))
            .map_err(violated)?;
        let (rule, verdict) = rantai_planning::rules::pl_ceiling::check(
            spec.jenis,
            spec.metode,
            spec.pagu,
            spec.announced_on,
            policy.rulebook(),
        );
        policy.enforce(rule, verdict).map_err(violated)?;
        for (rule, verdict) in [
            (
                rantai_core::RuleId::R03,
                procurement_officials::pokja_size(&spec, policy.rulebook()),
            ),
            (rantai_core::RuleId::R01, procurement_officials::same_package(&spec)),
        ] {
            policy.enforce(rule, verdict).map_err(violated)?;
        }
        policy
            .enforce(rantai_core::RuleId::K05, plan_consistency::check(&spec, &plan))
            .map_err(violated)?;
        policy
            .enforce(
                rantai_core::RuleId::P03,
                rantai_planning::rules::method_fit::check(spec.jenis, spec.metode),
            )
            .map_err(violated)?;
        let event = ProcurementEvent::TenderAnnounced {
            spec: spec.clone(),
            plan: plan.clone(),
        };
        Ok((
            Open {
                spec,
                plan,
                bids: Vec::new(),
                registered: Vec::new(),
                schedule: None,
            },
            event,
        ))
    }

    /// Takes a priced bid.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::DateOrder`] for a bid before the announcement (a command only: a
    /// recorded bid out of order is kept and D20 reports it),
    /// [`ProcurementError::DuplicateBid`] for a second bid by the same provider,
    /// [`ProcurementError::InvalidValue`] for a zero offer.
    pub fn submit_bid(
        self,
        bid: Bid,
        mode: Mode,
    ) -> Result<(Open, ProcurementEvent), Rejected<Open, ProcurementError>> {
        if mode == Mode::Command && bid.submitted_on < self.spec.announced_on {
            let e = ProcurementError::DateOrder {
                what: "bid",
                date: bid.submitted_on,
                earlier_what: "announcement",
                earlier: self.spec.announced_on,
            };
            return Err(Rejected::new(self, e));
        }
        if bid.disqualified.is_some() {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: "a bid is submitted standing; knocking it out is the evaluation's act (DisqualifyBid)".into(),
            };
            return Err(Rejected::new(self, e));
        }
        if self.bids.iter().any(|b| b.provider == bid.provider) {
            let e = ProcurementError::DuplicateBid {
                procurement: self.spec.id,
                provider: bid.provider,
            };
            return Err(Rejected::new(self, e));
        }
        if bid.offer.is_zero() || bid.corrected.is_some_and(|c| c.is_zero()) {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: "a priced bid must have a positive offer".into(),
            };
            return Err(Rejected::new(self, e));
        }
        let event = ProcurementEvent::BidSubmitted {
            procurement: self.spec.id,
            bid: bid.clone(),
        };
        Ok((self.apply_bid(bid), event))
    }

    /// Registers a provider as a participant (it downloaded the documents). A registration is
    /// not a bid: H-07 counts priced bids only, and reports the registrations beside them.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::InvalidValue`] for a provider registered twice; for a command,
    /// [`ProcurementError::DateOrder`] for a registration before the announcement.
    pub fn register(
        self,
        provider: ActorId,
        on: NaiveDate,
        mode: Mode,
    ) -> Result<(Open, ProcurementEvent), Rejected<Open, ProcurementError>> {
        if self.registered.contains(&provider) {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: format!("provider {provider} is already registered"),
            };
            return Err(Rejected::new(self, e));
        }
        if mode == Mode::Command && on < self.spec.announced_on {
            let e = ProcurementError::DateOrder {
                what: "registration",
                date: on,
                earlier_what: "announcement",
                earlier: self.spec.announced_on,
            };
            return Err(Rejected::new(self, e));
        }
        let event = ProcurementEvent::ParticipantRegistered {
            procurement: self.spec.id,
            provider,
            registered_on: on,
        };
        Ok((self.apply_registration(provider), event))
    }

    pub(crate) fn apply_registration(mut self, provider: ActorId) -> Open {
        self.registered.push(provider);
        self
    }

    pub(crate) fn apply_bid(mut self, bid: Bid) -> Open {
        self.bids.push(bid);
        self
    }

    /// Knocks a priced bid out in evaluation (gugur), with its stage and reason.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::UnknownBid`]; [`ProcurementError::InvalidValue`] for a bid already
    /// knocked out or an empty reason; for a command, [`ProcurementError::DateOrder`] for an
    /// evaluation before the bid.
    pub fn disqualify(
        self,
        bid: BidId,
        disqualification: Disqualification,
        mode: Mode,
    ) -> Result<(Open, ProcurementEvent), Rejected<Open, ProcurementError>> {
        let Some(found) = self.bids.iter().find(|b| b.id == bid) else {
            let e = ProcurementError::UnknownBid {
                procurement: self.spec.id,
                bid,
            };
            return Err(Rejected::new(self, e));
        };
        let invalid = |reason: String| ProcurementError::InvalidValue {
            subject: subject(self.spec.id),
            reason,
        };
        if found.disqualified.is_some() {
            let e = invalid(format!("bid {bid} is already knocked out"));
            return Err(Rejected::new(self, e));
        }
        if disqualification.reason.trim().is_empty() {
            let e = invalid("a bid is knocked out with its reason".into());
            return Err(Rejected::new(self, e));
        }
        if mode == Mode::Command && disqualification.on < found.submitted_on {
            let e = ProcurementError::DateOrder {
                what: "disqualification",
                date: disqualification.on,
                earlier_what: "bid",
                earlier: found.submitted_on,
            };
            return Err(Rejected::new(self, e));
        }
        let event = ProcurementEvent::BidDisqualified {
            procurement: self.spec.id,
            bid,
            disqualification: disqualification.clone(),
        };
        Ok((self.apply_disqualification(bid, disqualification), event))
    }

    pub(crate) fn apply_disqualification(mut self, bid: BidId, disqualification: Disqualification) -> Open {
        if let Some(b) = self.bids.iter_mut().find(|b| b.id == bid) {
            b.disqualified = Some(disqualification);
        }
        self
    }

    /// Sets the winner among the priced bids. For goods, works and other services the price may
    /// not exceed HPS (H-02).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::UnknownBid`], [`ProcurementError::DateOrder`],
    /// [`ProcurementError::RuleViolated`].
    pub fn award(
        self,
        award: Award,
        policy: Policy<'_>,
    ) -> Result<(Awarded, ProcurementEvent), Rejected<Open, ProcurementError>> {
        let Some(bid) = self.bids.iter().find(|b| b.id == award.bid) else {
            let e = ProcurementError::UnknownBid {
                procurement: self.spec.id,
                bid: award.bid,
            };
            return Err(Rejected::new(self, e));
        };
        if let Some(d) = &bid.disqualified {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: format!(
                    "bid {} was knocked out at evaluasi {} ({}): it cannot win",
                    bid.id,
                    d.stage.label(),
                    d.reason
                ),
            };
            return Err(Rejected::new(self, e));
        }
        if bid.provider != award.provider {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: format!(
                    "bid {} was submitted by {}, not {}",
                    bid.id, bid.provider, award.provider
                ),
            };
            return Err(Rejected::new(self, e));
        }
        if policy.mode() == Mode::Command && award.awarded_on < bid.submitted_on {
            let e = ProcurementError::DateOrder {
                what: "award",
                date: award.awarded_on,
                earlier_what: "winning bid",
                earlier: bid.submitted_on,
            };
            return Err(Rejected::new(self, e));
        }
        if award.price.is_zero() {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: "award price must be positive".into(),
            };
            return Err(Rejected::new(self, e));
        }
        if let Err(violation) = policy.enforce(rantai_core::RuleId::H02, award_vs_hps::check(&self.spec, award.price)) {
            let e = ProcurementError::RuleViolated {
                subject: subject(self.spec.id),
                violation,
            };
            return Err(Rejected::new(self, e));
        }
        let event = ProcurementEvent::TenderAwarded {
            procurement: self.spec.id,
            award: award.clone(),
        };
        Ok((self.apply_award(award), event))
    }

    pub(crate) fn apply_award(self, award: Award) -> Awarded {
        Awarded {
            spec: self.spec,
            plan: self.plan,
            bids: self.bids,
            registered: self.registered,
            schedule: self.schedule,
            award,
            sppbj_on: None,
            objections: Vec::new(),
        }
    }
}

impl Awarded {
    /// What the bond rules read about a contract of this procurement.
    fn bond_terms(&self, contract: &ContractSpec) -> performance_bond::BondTerms {
        performance_bond::BondTerms {
            jenis: self.spec.jenis,
            metode: self.spec.metode,
            value: contract.value,
            hps: self.spec.hps,
            offer: self
                .bids
                .iter()
                .find(|b| b.id == self.award.bid)
                .map(Bid::evaluated_price),
            signed_on: contract.signed_on,
        }
    }

    /// Signs the contract with the winner. Its value may not exceed HPS for goods, works and
    /// other services (H-03), and above Rp200 juta it needs its performance bond (H-05). The
    /// result is the closed procurement, the new contract, and the event.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::DateOrder`], [`ProcurementError::InvalidValue`],
    /// [`ProcurementError::RuleViolated`].
    #[allow(clippy::type_complexity)]
    pub fn sign_contract(
        self,
        contract: ContractSpec,
        policy: Policy<'_>,
    ) -> Result<(Contracted, ActiveContract, ProcurementEvent), Rejected<Awarded, ProcurementError>> {
        if policy.mode() == Mode::Command && self.banding_pending() {
            let e = ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: "a sanggah banding not yet answered holds the process".into(),
            };
            return Err(Rejected::new(self, e));
        }
        if policy.mode() == Mode::Command && contract.signed_on < self.award.awarded_on {
            let e = ProcurementError::DateOrder {
                what: "contract signature",
                date: contract.signed_on,
                earlier_what: "award",
                earlier: self.award.awarded_on,
            };
            return Err(Rejected::new(self, e));
        }
        if let Err(reason) = contract.validate(policy.mode()) {
            let e = ProcurementError::InvalidValue {
                subject: format!("contract {}", contract.id),
                reason,
            };
            return Err(Rejected::new(self, e));
        }
        if let Err(violation) = policy.enforce(
            rantai_core::RuleId::H03,
            contract_vs_hps::check(&self.spec, contract.value),
        ) {
            let e = ProcurementError::RuleViolated {
                subject: format!("contract {}", contract.id),
                violation,
            };
            return Err(Rejected::new(self, e));
        }
        let form = contract_form::check(
            contract.value,
            self.spec.jenis,
            contract.form,
            contract.signed_on,
            policy.rulebook(),
        );
        let kind = contract_type::check(self.spec.jenis, contract.contract_type);
        for (rule, verdict) in [(rantai_core::RuleId::P11, form), (rantai_core::RuleId::C10, kind)] {
            if let Err(violation) = policy.enforce(rule, verdict) {
                let e = ProcurementError::RuleViolated {
                    subject: format!("contract {}", contract.id),
                    violation,
                };
                return Err(Rejected::new(self, e));
            }
        }
        let terms = self.terms(contract);
        if let Err(violation) = policy.enforce(rantai_core::RuleId::C05, terms.advance_verdict(policy.rulebook())) {
            let e = ProcurementError::RuleViolated {
                subject: format!("contract {}", terms.spec.id),
                violation,
            };
            return Err(Rejected::new(self, e));
        }
        // A command states its bond: none stated is none given. A record may not say (H-05 then
        // cannot be decided).
        let bond = match (terms.spec.performance_bond, policy.mode()) {
            (None, Mode::Command) => Some(Money::ZERO),
            (bond, _) => bond,
        };
        let bond_terms = self.bond_terms(&terms.spec);
        if let Err(violation) = policy.enforce(
            rantai_core::RuleId::H05,
            performance_bond::check(&bond_terms, bond, policy.rulebook()),
        ) {
            let e = ProcurementError::RuleViolated {
                subject: format!("contract {}", terms.spec.id),
                violation,
            };
            return Err(Rejected::new(self, e));
        }
        let event = ProcurementEvent::ContractSigned {
            procurement: self.spec.id,
            terms: terms.clone(),
        };
        let (closed, active) = self.apply_contract(terms);
        Ok((closed, active, event))
    }

    fn terms(&self, contract: ContractSpec) -> ContractTerms {
        let funding = match &self.plan {
            PlanLink::Announced { packages } => packages.iter().flat_map(|p| p.spec().funding.clone()).collect(),
            _ => Vec::new(),
        };
        ContractTerms {
            spec: contract,
            procurement: self.spec.id,
            organisation: self.spec.organisation,
            provider: self.award.provider,
            jenis: self.spec.jenis,
            fiscal_year: self.spec.fiscal_year,
            hps: self.spec.hps,
            funding,
        }
    }

    pub(crate) fn apply_contract(self, terms: ContractTerms) -> (Contracted, ActiveContract) {
        let contracted = Contracted {
            spec: self.spec,
            plan: self.plan,
            bids: self.bids,
            registered: self.registered,
            schedule: self.schedule,
            award: self.award,
            contract: terms.spec.id,
            sppbj_on: self.sppbj_on,
            objections: self.objections,
        };
        (contracted, ActiveContract::from_terms(terms))
    }

    /// Issues the SPPBJ (surat penunjukan penyedia barang/jasa): once, on or after the award
    /// (a recorded one may be dated before it; D20 does not compare them).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::InvalidValue`] for a second SPPBJ, [`ProcurementError::DateOrder`]
    /// for a command dated before the award.
    pub fn issue_sppbj(&self, on: NaiveDate, mode: Mode) -> Result<ProcurementEvent, ProcurementError> {
        if let Some(first) = self.sppbj_on {
            return Err(ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: format!("the SPPBJ was already issued on {first}"),
            });
        }
        if mode == Mode::Command && self.banding_pending() {
            return Err(ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: "a sanggah banding not yet answered holds the process".into(),
            });
        }
        if mode == Mode::Command && on < self.award.awarded_on {
            return Err(ProcurementError::DateOrder {
                what: "SPPBJ",
                date: on,
                earlier_what: "award",
                earlier: self.award.awarded_on,
            });
        }
        Ok(ProcurementEvent::SppbjIssued {
            procurement: self.spec.id,
            on,
        })
    }

    /// Files a sanggah or sanggah banding: numbered in order, by a bidder who priced an offer, on
    /// or after the award (a command), never answered yet. Whether a sanggah banding is allowed
    /// (works, bond, timing) is T-03's to judge.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::InvalidValue`], [`ProcurementError::DateOrder`].
    pub fn file_objection(&self, objection: Objection, mode: Mode) -> Result<ProcurementEvent, ProcurementError> {
        let invalid = |reason: String| ProcurementError::InvalidValue {
            subject: subject(self.spec.id),
            reason,
        };
        let expected = self.objections.len() as u32 + 1;
        if objection.number != expected || objection.answered_on.is_some() {
            return Err(invalid(format!(
                "objection must be number {expected}, not yet answered (got number {})",
                objection.number
            )));
        }
        if !self.bids.iter().any(|b| b.provider == objection.provider) {
            return Err(invalid(format!(
                "provider {} priced no offer in this procurement",
                objection.provider
            )));
        }
        if mode == Mode::Command && objection.filed_on < self.award.awarded_on {
            return Err(ProcurementError::DateOrder {
                what: "objection",
                date: objection.filed_on,
                earlier_what: "award",
                earlier: self.award.awarded_on,
            });
        }
        Ok(ProcurementEvent::ObjectionFiled {
            procurement: self.spec.id,
            objection,
        })
    }

    /// Answers objection `number`, once, not before it was filed (a command).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::InvalidValue`], [`ProcurementError::DateOrder`].
    pub fn answer_objection(
        &self,
        number: u32,
        answered_on: NaiveDate,
        mode: Mode,
    ) -> Result<ProcurementEvent, ProcurementError> {
        let Some(o) = self.objections.iter().find(|o| o.number == number) else {
            return Err(ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: format!("no objection number {number}"),
            });
        };
        if let Some(first) = o.answered_on {
            return Err(ProcurementError::InvalidValue {
                subject: subject(self.spec.id),
                reason: format!("objection {number} was answered on {first}"),
            });
        }
        if mode == Mode::Command && answered_on < o.filed_on {
            return Err(ProcurementError::DateOrder {
                what: "answer",
                date: answered_on,
                earlier_what: "objection",
                earlier: o.filed_on,
            });
        }
        Ok(ProcurementEvent::ObjectionAnswered {
            procurement: self.spec.id,
            number,
            answered_on,
        })
    }

    /// The objections filed so far.
    pub fn objections(&self) -> &[Objection] {
        &self.objections
    }

    /// Whether a sanggah banding waits for its answer (it holds the SPPBJ and the contract).
    fn banding_pending(&self) -> bool {
        self.objections
            .iter()
            .any(|o| o.kind == ObjectionKind::SanggahBanding && o.answered_on.is_none())
    }

    /// The award.
    pub fn award(&self) -> &Award {
        &self.award
    }
}

impl Contracted {
    /// The contract that closed the procurement.
    pub fn contract(&self) -> ContractId {
        self.contract
    }
}

impl Procurement {
    /// The announcement data.
    pub fn spec(&self) -> &TenderSpec {
        match self {
            Procurement::Open(s) => &s.spec,
            Procurement::Awarded(s) => &s.spec,
            Procurement::Contracted(s) => &s.spec,
            Procurement::Failed(s) => &s.spec,
        }
    }

    /// The plan link.
    pub fn plan(&self) -> &PlanLink {
        match self {
            Procurement::Open(s) => &s.plan,
            Procurement::Awarded(s) => &s.plan,
            Procurement::Contracted(s) => &s.plan,
            Procurement::Failed(s) => &s.plan,
        }
    }

    /// The SPSE schedule, once set.
    pub fn schedule(&self) -> Option<&Schedule> {
        match self {
            Procurement::Open(s) => s.schedule.as_ref(),
            Procurement::Awarded(s) => s.schedule.as_ref(),
            Procurement::Contracted(s) => s.schedule.as_ref(),
            Procurement::Failed(s) => s.schedule.as_ref(),
        }
    }

    /// Checks a schedule for this procurement — SPSE order (T-01) and a masa sanggah of at least
    /// five days (T-02), refused in command mode — and gives its event. A schedule may be set
    /// again (adendum jadwal); the last one counts.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::RuleViolated`]; nothing changes.
    pub fn set_schedule(&self, schedule: Schedule, policy: Policy<'_>) -> Result<ProcurementEvent, ProcurementError> {
        let id = self.spec().id;
        for (rule, verdict) in [
            (rantai_core::RuleId::T01, schedule_rules::order(&schedule)),
            (
                rantai_core::RuleId::T02,
                schedule_rules::sanggah(&schedule, policy.rulebook()),
            ),
        ] {
            policy
                .enforce(rule, verdict)
                .map_err(|violation| ProcurementError::RuleViolated {
                    subject: format!("procurement {id}"),
                    violation,
                })?;
        }
        Ok(ProcurementEvent::ScheduleSet {
            procurement: id,
            schedule,
        })
    }

    fn with_schedule(self, schedule: Schedule) -> Procurement {
        match self {
            Procurement::Open(mut s) => {
                s.schedule = Some(schedule);
                Procurement::Open(s)
            }
            Procurement::Awarded(mut s) => {
                s.schedule = Some(schedule);
                Procurement::Awarded(s)
            }
            Procurement::Contracted(mut s) => {
                s.schedule = Some(schedule);
                Procurement::Contracted(s)
            }
            Procurement::Failed(mut s) => {
                s.schedule = Some(schedule);
                Procurement::Failed(s)
            }
        }
    }

    /// The sanggah and sanggah banding filed.
    pub fn objections(&self) -> &[Objection] {
        match self {
            Procurement::Awarded(s) => &s.objections,
            Procurement::Contracted(s) => &s.objections,
            Procurement::Failed(s) => &s.objections,
            Procurement::Open(_) => &[],
        }
    }

    /// When the SPPBJ was issued, if it was.
    pub fn sppbj_on(&self) -> Option<NaiveDate> {
        match self {
            Procurement::Awarded(s) => s.sppbj_on,
            Procurement::Contracted(s) => s.sppbj_on,
            _ => None,
        }
    }

    /// The failure, when the procurement was declared failed.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Procurement::Failed(s) => Some(&s.failure),
            _ => None,
        }
    }

    /// Checks a declaration that this procurement failed and gives its event: only an open or
    /// awarded procurement can fail, not before its announcement, and a ground that arises after
    /// the award (the PPK refusing the SPPBJ, the winners withdrawing) needs an award, and a
    /// command must state a Pasal 51 ground (T-09).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::WrongState`], [`ProcurementError::DateOrder`],
    /// [`ProcurementError::InvalidValue`].
    pub fn fail(&self, failure: Failure, policy: Policy<'_>) -> Result<ProcurementEvent, ProcurementError> {
        let spec = self.spec();
        if !matches!(self, Procurement::Open(_) | Procurement::Awarded(_)) {
            return Err(ProcurementError::WrongState {
                procurement: spec.id,
                state: self.status(),
                action: "ProcurementFailed",
            });
        }
        if policy.mode() == Mode::Command && failure.declared_on < spec.announced_on {
            return Err(ProcurementError::DateOrder {
                what: "failure",
                date: failure.declared_on,
                earlier_what: "announcement",
                earlier: spec.announced_on,
            });
        }
        if failure.ground.is_some_and(FailureGround::after_award) && self.award().is_none() {
            return Err(ProcurementError::InvalidValue {
                subject: subject(spec.id),
                reason: format!(
                    "the ground \"{}\" arises only after the winner is set",
                    failure.ground.map_or("", FailureGround::label)
                ),
            });
        }
        // Pasal 51 names the grounds: a live declaration must state one (T-09); a recorded one
        // without it is kept and T-09 reports it.
        if policy.mode() == Mode::Command && failed_tender::ground(&failure) != rantai_core::Verdict::Pass {
            return Err(ProcurementError::InvalidValue {
                subject: subject(spec.id),
                reason: "T-09: a declaration of failure must state its Pasal 51 ground".into(),
            });
        }
        Ok(ProcurementEvent::ProcurementFailed {
            procurement: spec.id,
            failure,
        })
    }

    fn into_failed(self, failure: Failure) -> Result<Procurement, Procurement> {
        match self {
            Procurement::Open(o) => Ok(Procurement::Failed(Failed {
                spec: o.spec,
                plan: o.plan,
                bids: o.bids,
                registered: o.registered,
                schedule: o.schedule,
                award: None,
                failure,
                objections: Vec::new(),
            })),
            Procurement::Awarded(a) => Ok(Procurement::Failed(Failed {
                spec: a.spec,
                plan: a.plan,
                bids: a.bids,
                registered: a.registered,
                schedule: a.schedule,
                award: Some(a.award),
                failure,
                objections: a.objections,
            })),
            other => Err(other),
        }
    }

    /// The providers registered as participants, in order (registrations are not bids).
    pub fn registered(&self) -> &[ActorId] {
        match self {
            Procurement::Open(s) => &s.registered,
            Procurement::Awarded(s) => &s.registered,
            Procurement::Contracted(s) => &s.registered,
            Procurement::Failed(s) => &s.registered,
        }
    }

    /// The priced bids.
    pub fn bids(&self) -> &[Bid] {
        match self {
            Procurement::Open(s) => &s.bids,
            Procurement::Awarded(s) => &s.bids,
            Procurement::Contracted(s) => &s.bids,
            Procurement::Failed(s) => &s.bids,
        }
    }

    /// The award, once made.
    pub fn award(&self) -> Option<&Award> {
        match self {
            Procurement::Open(_) => None,
            Procurement::Awarded(s) => Some(&s.award),
            Procurement::Contracted(s) => Some(&s.award),
            Procurement::Failed(s) => s.award.as_ref(),
        }
    }

    /// The state's name.
    pub fn status(&self) -> &'static str {
        match self {
            Procurement::Open(_) => "open",
            Procurement::Awarded(_) => "awarded",
            Procurement::Contracted(_) => "contracted",
            Procurement::Failed(_) => "failed",
        }
    }

    /// Folds one event into the state (replay).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::WrongState`] for an event impossible in the current state.
    pub fn evolve(state: Option<Procurement>, event: &ProcurementEvent) -> Result<Procurement, ProcurementError> {
        match (state, event) {
            (None, ProcurementEvent::TenderAnnounced { spec, plan }) => Ok(Procurement::Open(Open {
                spec: spec.clone(),
                plan: plan.clone(),
                bids: Vec::new(),
                registered: Vec::new(),
                schedule: None,
            })),
            (Some(p), ProcurementEvent::ScheduleSet { schedule, .. }) => Ok(p.with_schedule(schedule.clone())),
            (
                Some(Procurement::Open(o)),
                ProcurementEvent::BidDisqualified {
                    bid, disqualification, ..
                },
            ) => Ok(Procurement::Open(
                o.apply_disqualification(*bid, disqualification.clone()),
            )),
            (Some(Procurement::Open(o)), ProcurementEvent::ParticipantRegistered { provider, .. }) => {
                Ok(Procurement::Open(o.apply_registration(*provider)))
            }
            (Some(Procurement::Open(o)), ProcurementEvent::BidSubmitted { bid, .. }) => {
                Ok(Procurement::Open(o.apply_bid(bid.clone())))
            }
            (Some(Procurement::Open(o)), ProcurementEvent::TenderAwarded { award, .. }) => {
                Ok(Procurement::Awarded(o.apply_award(award.clone())))
            }
            (Some(Procurement::Awarded(a)), ProcurementEvent::ContractSigned { terms, .. }) => {
                Ok(Procurement::Contracted(a.apply_contract(terms.clone()).0))
            }
            (Some(Procurement::Awarded(mut a)), ProcurementEvent::ObjectionFiled { objection, .. }) => {
                a.objections.push(objection.clone());
                Ok(Procurement::Awarded(a))
            }
            (
                Some(Procurement::Awarded(mut a)),
                ProcurementEvent::ObjectionAnswered {
                    number, answered_on, ..
                },
            ) => {
                if let Some(o) = a.objections.iter_mut().find(|o| o.number == *number) {
                    o.answered_on = Some(*answered_on);
                }
                Ok(Procurement::Awarded(a))
            }
            (Some(Procurement::Awarded(mut a)), ProcurementEvent::SppbjIssued { on, .. }) => {
                a.sppbj_on = Some(*on);
                Ok(Procurement::Awarded(a))
            }
            (Some(p), ProcurementEvent::ProcurementFailed { failure, .. }) => {
                p.into_failed(failure.clone())
                    .map_err(|p| ProcurementError::WrongState {
                        procurement: p.spec().id,
                        state: p.status(),
                        action: "ProcurementFailed",
                    })
            }
            (state, e) => Err(ProcurementError::WrongState {
                procurement: state
                    .as_ref()
                    .map(|s| s.spec().id)
                    .or(e.procurement())
                    .unwrap_or(ProcurementId::from_u128(0)),
                state: state.as_ref().map_or("absent", Procurement::status),
                action: e.name(),
            }),
        }
    }
}
