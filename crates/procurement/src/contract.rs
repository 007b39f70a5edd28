//! The contract signed with the winner: its terms, addenda within the 10 % limit (C-01),
//! handover (BAST), and the hand-off to budgeting and monitoring, a [`SignedContract`].

use chrono::NaiveDate;
use rantai_core::{
    ActorId, ContractId, ExternalKey, FiscalYear, JenisPengadaan, Mode, Money, OrganisationId, Policy, ProcurementId,
    Ratio, Rejected, RuleId,
};
use rantai_planning::FundingLine;
use serde::{Deserialize, Serialize};

use crate::error::ProcurementError;
use crate::events::ProcurementEvent;
use crate::rules::advance_cap::{self, AdvanceTerms, ProviderSize};
use crate::rules::{addendum_limit, late_addenda};

/// The form of the contract document (bentuk kontrak, Perpres 16/2018 Pasal 28), from the least
/// to the most formal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractForm {
    /// Bukti pembelian / pembayaran (a receipt).
    BuktiPembelian,
    /// Kuitansi.
    Kuitansi,
    /// Surat Perintah Kerja (SPK).
    Spk,
    /// Surat perjanjian (a full contract).
    SuratPerjanjian,
}

impl ContractForm {
    /// The official name.
    pub fn label(self) -> &'static str {
        match self {
            ContractForm::BuktiPembelian => "Bukti Pembelian",
            ContractForm::Kuitansi => "Kuitansi",
            ContractForm::Spk => "SPK",
            ContractForm::SuratPerjanjian => "Surat Perjanjian",
        }
    }
}

/// The type of a contract (jenis kontrak, Perpres 16/2018 Pasal 27): how the price is fixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    /// Lumsum (for consultancy: Keluaran): one fixed price for the whole work.
    Lumsum,
    /// Harga Satuan: unit prices times the volumes actually carried out.
    HargaSatuan,
    /// Gabungan Lumsum dan Harga Satuan: parts of each.
    Gabungan,
    /// Terima Jadi (turnkey): paid on completion of the whole work.
    TerimaJadi,
    /// Kontrak Payung: a framework agreement with unit prices, called off by orders.
    KontrakPayung,
    /// Waktu Penugasan (time based): consultancy paid by the experts' time.
    WaktuPenugasan,
}

impl ContractType {
    /// Every type, in Pasal 27's order.
    pub const ALL: [ContractType; 6] = [
        ContractType::Lumsum,
        ContractType::HargaSatuan,
        ContractType::Gabungan,
        ContractType::TerimaJadi,
        ContractType::KontrakPayung,
        ContractType::WaktuPenugasan,
    ];

    /// The SPSE label (`jenis_kontrak`).
    pub fn label(self) -> &'static str {
        match self {
            ContractType::Lumsum => "Lumsum",
            ContractType::HargaSatuan => "Harga Satuan",
            ContractType::Gabungan => "Gabungan Lumsum dan Harga Satuan",
            ContractType::TerimaJadi => "Terima Jadi",
            ContractType::KontrakPayung => "Kontrak Payung",
            ContractType::WaktuPenugasan => "Waktu Penugasan",
        }
    }

    /// The type from SPSE's `jenis_kontrak` label (case, spacing and a parenthesised gloss such
    /// as "(Time Based)" ignored; "Keluaran" and "Turnkey" as their Pasal 27 names); `None` for a
    /// label rantai does not know.
    ///
    /// ```
    /// use rantai_procurement::ContractType as T;
    /// assert_eq!(T::from_spse("Gabungan Lumsum dan Harga Satuan"), Some(T::Gabungan));
    /// assert_eq!(T::from_spse(" waktu  penugasan "), Some(T::WaktuPenugasan));
    /// assert_eq!(T::from_spse("Waktu Penugasan (Time Based)"), Some(T::WaktuPenugasan));
    /// assert_eq!(T::from_spse("Terima Jadi (Turnkey)"), Some(T::TerimaJadi));
    /// assert_eq!(T::from_spse("Borongan"), None);
    /// ```
    pub fn from_spse(label: &str) -> Option<ContractType> {
        let without_gloss = label.split('(').next().unwrap_or(label);
        let l = without_gloss
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match l.as_str() {
            "lumsum" | "lump sum" | "keluaran" => Some(ContractType::Lumsum),
            "terima jadi" | "turnkey" => Some(ContractType::TerimaJadi),
            _ => ContractType::ALL.into_iter().find(|t| t.label().to_lowercase() == l),
        }
    }
}

/// What the PPK and the provider sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractSpec {
    /// The contract's id.
    pub id: ContractId,
    /// The contract number (`no_kontrak`).
    pub nomor: ExternalKey,
    /// Signature date.
    pub signed_on: NaiveDate,
    /// Work start (SPMK date).
    pub start: NaiveDate,
    /// Planned completion.
    pub end: NaiveDate,
    /// Contract value.
    pub value: Money,
    /// Advance payment (uang muka) agreed; zero when none. Capped by C-05.
    pub advance: Money,
    /// The document's form.
    pub form: ContractForm,
    /// The provider's business size, which sets the advance cap (C-05).
    pub provider_size: ProviderSize,
    /// Kontrak tahun jamak: may run past 31 December; advance capped lower (C-05).
    pub multi_year: bool,
    /// The performance bond (jaminan pelaksanaan) backing the contract, Perpres 16/2018 Pasal 33
    /// (H-05). `None` when the source does not say — a recorded contract; a command that states
    /// none gives none.
    #[serde(default)]
    pub performance_bond: Option<Money>,
    /// Masa pemeliharaan in calendar days after the BAST; retention (C-06) is withheld until it
    /// ends. Zero when the work has no maintenance period (no retention).
    pub maintenance_days: u32,
    /// The contract type (C-10); `None` when the source does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_type: Option<ContractType>,
}

impl ContractSpec {
    /// Checks the terms; the order of the dates only for a command (a recorded contract keeps
    /// them as the source gives them, and D20 reports an inversion).
    pub(crate) fn validate(&self, mode: Mode) -> Result<(), String> {
        if self.value.is_zero() {
            return Err("contract value must be positive".into());
        }
        if self.advance > self.value {
            return Err("advance exceeds the contract value".into());
        }
        if mode == Mode::Record {
            return Ok(());
        }
        if self.end < self.start {
            return Err(format!("completion {} is before start {}", self.end, self.start));
        }
        if self.start < self.signed_on {
            return Err(format!(
                "work start {} is before signature {}",
                self.start, self.signed_on
            ));
        }
        Ok(())
    }
}

/// The signed terms together with what the contract inherits from its procurement and plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContractTerms {
    /// What was signed.
    pub spec: ContractSpec,
    /// The procurement it closes.
    pub procurement: ProcurementId,
    /// The organisation that committed.
    pub organisation: OrganisationId,
    /// The provider.
    pub provider: ActorId,
    /// Procurement object.
    pub jenis: JenisPengadaan,
    /// Fiscal year.
    pub fiscal_year: FiscalYear,
    /// HPS of the procurement.
    pub hps: Option<Money>,
    /// Funding lines of the planned packages (empty when the plan link is missing).
    pub funding: Vec<FundingLine>,
}

impl ContractTerms {
    /// What C-05 needs, at the contract value `value` (the original or the current one).
    pub fn advance_terms(&self, value: Money) -> AdvanceTerms {
        AdvanceTerms {
            value,
            provider_size: self.spec.provider_size,
            multi_year: self.spec.multi_year,
            jenis: self.jenis,
            signed_on: self.spec.signed_on,
        }
    }

    /// C-05 on the advance agreed at signature.
    pub fn advance_verdict(&self, rulebook: &rantai_core::Rulebook) -> rantai_core::Verdict {
        advance_cap::check(&self.advance_terms(self.spec.value), self.spec.advance, rulebook)
    }
}

/// A change to the contract (adendum).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Addendum {
    /// Addendum number (1, 2, …).
    pub number: u32,
    /// Date signed.
    pub dated: NaiveDate,
    /// The contract value after this addendum.
    pub new_value: Money,
    /// The completion date after this addendum, if changed.
    pub new_end: Option<NaiveDate>,
    /// Why (field conditions, volume change…).
    pub reason: String,
}

/// A contract being executed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveContract {
    terms: ContractTerms,
    addenda: Vec<Addendum>,
}

/// A contract whose work was handed over (BAST).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedContract {
    terms: ContractTerms,
    addenda: Vec<Addendum>,
    bast_on: NaiveDate,
}

/// A contract ended before handover ([`crate::Termination`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminatedContract {
    terms: ContractTerms,
    addenda: Vec<Addendum>,
    termination: crate::Termination,
}

impl TerminatedContract {
    /// When and why it was ended.
    pub fn termination(&self) -> &crate::Termination {
        &self.termination
    }
}

/// A contract in any state, as persisted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Contract {
    /// Being executed.
    Active(ActiveContract),
    /// Handed over.
    Completed(CompletedContract),
    /// Ended before handover.
    Terminated(TerminatedContract),
}

impl ActiveContract {
    pub(crate) fn from_terms(terms: ContractTerms) -> Self {
        Self {
            terms,
            addenda: Vec::new(),
        }
    }

    /// Amends the contract. Increases may total at most 10 % of the original value (C-01); no
    /// addendum before signature.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::DateOrder`], [`ProcurementError::InvalidValue`] (numbers out of
    /// sequence, zero value), [`ProcurementError::RuleViolated`].
    pub fn amend(
        self,
        addendum: Addendum,
        policy: Policy<'_>,
    ) -> Result<(ActiveContract, ProcurementEvent), Rejected<ActiveContract, ProcurementError>> {
        let id = self.terms.spec.id;
        if addendum.dated < self.terms.spec.signed_on {
            let e = ProcurementError::DateOrder {
                what: "addendum",
                date: addendum.dated,
                earlier_what: "contract signature",
                earlier: self.terms.spec.signed_on,
            };
            return Err(Rejected::new(self, e));
        }
        let expected = self.addenda.len() as u32 + 1;
        if addendum.number != expected || addendum.new_value.is_zero() {
            let e = ProcurementError::InvalidValue {
                subject: format!("contract {id}"),
                reason: format!(
                    "addendum must be number {expected} with a positive value (got number {}, value {})",
                    addendum.number, addendum.new_value
                ),
            };
            return Err(Rejected::new(self, e));
        }
        let earlier: Vec<Money> = self.addenda.iter().map(|a| a.new_value).collect();
        let verdict = addendum_limit::check(
            self.original_value(),
            &earlier,
            addendum.new_value,
            policy.rulebook(),
            addendum.dated,
        );
        let late = late_addenda::penalty_period(&self.terms.spec, &self.addenda, &addendum);
        for (rule, verdict) in [(RuleId::C01, verdict), (RuleId::C02, late)] {
            if let Err(violation) = policy.enforce(rule, verdict) {
                let e = ProcurementError::RuleViolated {
                    subject: format!("contract {id}"),
                    violation,
                };
                return Err(Rejected::new(self, e));
            }
        }
        let event = ProcurementEvent::ContractAmended {
            contract: id,
            addendum: addendum.clone(),
        };
        Ok((self.apply_addendum(addendum), event))
    }

    pub(crate) fn apply_addendum(mut self, addendum: Addendum) -> ActiveContract {
        self.addenda.push(addendum);
        self
    }

    /// Records the handover of the work (BAST).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::DateOrder`] for a BAST before the work started (a command only: a
    /// recorded BAST out of order is kept and D20 reports it).
    pub fn hand_over(
        self,
        bast_on: NaiveDate,
        mode: Mode,
    ) -> Result<(CompletedContract, ProcurementEvent), Rejected<ActiveContract, ProcurementError>> {
        if mode == Mode::Command && bast_on < self.terms.spec.start {
            let e = ProcurementError::DateOrder {
                what: "BAST",
                date: bast_on,
                earlier_what: "work start",
                earlier: self.terms.spec.start,
            };
            return Err(Rejected::new(self, e));
        }
        let event = ProcurementEvent::ContractHandedOver {
            contract: self.terms.spec.id,
            bast_on,
        };
        Ok((self.apply_handover(bast_on), event))
    }

    /// Ends the contract before handover (pemutusan or penghentian kontrak).
    ///
    /// # Errors
    ///
    /// For a command: [`ProcurementError::DateOrder`] for a termination before the signature;
    /// [`ProcurementError::InvalidValue`] for "not finished after the 50 days" before the work
    /// was even due ([`crate::TerminationGround::NotFinishedAfterExtension`] presumes the
    /// completion date has passed). A recorded termination is kept as the source gives it.
    pub fn terminate(
        self,
        termination: crate::Termination,
        mode: Mode,
    ) -> Result<(TerminatedContract, ProcurementEvent), Rejected<ActiveContract, ProcurementError>> {
        if mode == Mode::Command {
            if termination.on < self.terms.spec.signed_on {
                let e = ProcurementError::DateOrder {
                    what: "termination",
                    date: termination.on,
                    earlier_what: "signature",
                    earlier: self.terms.spec.signed_on,
                };
                return Err(Rejected::new(self, e));
            }
            let end = current_end(&self.terms, &self.addenda);
            if termination.ground == crate::TerminationGround::NotFinishedAfterExtension && termination.on <= end {
                let e = ProcurementError::InvalidValue {
                    subject: format!("contract {}", self.terms.spec.id),
                    reason: format!(
                        "terminated on {} for not finishing after the 50 days, but the work is due only on {end}",
                        termination.on
                    ),
                };
                return Err(Rejected::new(self, e));
            }
        }
        let event = ProcurementEvent::ContractTerminated {
            contract: self.terms.spec.id,
            termination: termination.clone(),
        };
        Ok((self.apply_termination(termination), event))
    }

    pub(crate) fn apply_termination(self, termination: crate::Termination) -> TerminatedContract {
        TerminatedContract {
            terms: self.terms,
            addenda: self.addenda,
            termination,
        }
    }

    pub(crate) fn apply_handover(self, bast_on: NaiveDate) -> CompletedContract {
        CompletedContract {
            terms: self.terms,
            addenda: self.addenda,
            bast_on,
        }
    }

    fn original_value(&self) -> Money {
        self.terms.spec.value
    }

    /// The hand-off to budgeting and monitoring.
    pub fn handoff(&self) -> SignedContract {
        SignedContract {
            terms: self.terms.clone(),
            value: current_value(&self.terms, &self.addenda),
            end: current_end(&self.terms, &self.addenda),
            bast_on: None,
            terminated_on: None,
        }
    }
}

fn current_value(terms: &ContractTerms, addenda: &[Addendum]) -> Money {
    addenda.last().map_or(terms.spec.value, |a| a.new_value)
}

fn current_end(terms: &ContractTerms, addenda: &[Addendum]) -> NaiveDate {
    addenda.iter().rev().find_map(|a| a.new_end).unwrap_or(terms.spec.end)
}

impl Contract {
    /// The terms.
    pub fn terms(&self) -> &ContractTerms {
        match self {
            Contract::Active(c) => &c.terms,
            Contract::Completed(c) => &c.terms,
            Contract::Terminated(c) => &c.terms,
        }
    }

    /// The addenda, in order.
    pub fn addenda(&self) -> &[Addendum] {
        match self {
            Contract::Active(c) => &c.addenda,
            Contract::Completed(c) => &c.addenda,
            Contract::Terminated(c) => &c.addenda,
        }
    }

    /// The value after the last addendum.
    pub fn current_value(&self) -> Money {
        current_value(self.terms(), self.addenda())
    }

    /// The completion date after the last addendum that changed it.
    pub fn current_end(&self) -> NaiveDate {
        current_end(self.terms(), self.addenda())
    }

    /// Advance as a share of the current contract value (the base financial progress is
    /// measured on).
    pub fn advance_share(&self) -> Ratio {
        self.terms()
            .spec
            .advance
            .ratio_of(self.current_value())
            .unwrap_or(Ratio::ZERO)
    }

    /// What C-05 needs: value, provider size, multi-year status, jenis and signature date.
    pub fn advance_terms(&self) -> AdvanceTerms {
        self.terms().advance_terms(self.current_value())
    }

    /// The BAST date, if handed over.
    pub fn bast_on(&self) -> Option<NaiveDate> {
        match self {
            Contract::Active(_) | Contract::Terminated(_) => None,
            Contract::Completed(c) => Some(c.bast_on),
        }
    }

    /// The termination, if the contract was ended before handover.
    pub fn termination(&self) -> Option<&crate::Termination> {
        match self {
            Contract::Terminated(c) => Some(&c.termination),
            _ => None,
        }
    }

    /// When the work stopped: the BAST, or the termination. Until then progress is expected and
    /// lateness runs.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        self.bast_on().or(self.termination().map(|t| t.on))
    }

    /// The state's name.
    pub fn status(&self) -> &'static str {
        match self {
            Contract::Active(_) => "active",
            Contract::Completed(_) => "completed",
            Contract::Terminated(_) => "terminated",
        }
    }

    /// The hand-off to budgeting and monitoring, whatever the state.
    pub fn handoff(&self) -> SignedContract {
        SignedContract {
            terms: self.terms().clone(),
            value: self.current_value(),
            end: self.current_end(),
            bast_on: self.bast_on(),
            terminated_on: self.termination().map(|t| t.on),
        }
    }

    /// Folds one event into the state (replay).
    ///
    /// # Errors
    ///
    /// [`ProcurementError::ContractWrongState`] for an event impossible in the current state.
    pub fn evolve(state: Option<Contract>, event: &ProcurementEvent) -> Result<Contract, ProcurementError> {
        match (state, event) {
            (None, ProcurementEvent::ContractSigned { terms, .. }) => {
                Ok(Contract::Active(ActiveContract::from_terms(terms.clone())))
            }
            (Some(Contract::Active(c)), ProcurementEvent::ContractAmended { addendum, .. }) => {
                Ok(Contract::Active(c.apply_addendum(addendum.clone())))
            }
            (Some(Contract::Active(c)), ProcurementEvent::ContractHandedOver { bast_on, .. }) => {
                Ok(Contract::Completed(c.apply_handover(*bast_on)))
            }
            (Some(Contract::Active(c)), ProcurementEvent::ContractTerminated { termination, .. }) => {
                Ok(Contract::Terminated(c.apply_termination(termination.clone())))
            }
            (state, e) => Err(ProcurementError::ContractWrongState {
                contract: state
                    .as_ref()
                    .map(|s| s.terms().spec.id)
                    .or(e.contract())
                    .unwrap_or(ContractId::from_u128(0)),
                state: state.as_ref().map_or("absent", Contract::status),
                action: e.name(),
            }),
        }
    }
}

/// A signed contract as budgeting and monitoring receive it: proof the contract exists and was
/// signed, with its current value and completion date.
///
/// It can only be obtained from a contract ([`ActiveContract::handoff`], [`Contract::handoff`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedContract {
    terms: ContractTerms,
    value: Money,
    end: NaiveDate,
    bast_on: Option<NaiveDate>,
    terminated_on: Option<NaiveDate>,
}

impl SignedContract {
    /// The contract id.
    pub fn id(&self) -> ContractId {
        self.terms.spec.id
    }
    /// The terms.
    pub fn terms(&self) -> &ContractTerms {
        &self.terms
    }
    /// Current value.
    pub fn value(&self) -> Money {
        self.value
    }
    /// Current completion date.
    pub fn end(&self) -> NaiveDate {
        self.end
    }
    /// The BAST date, once the work is handed over.
    pub fn bast_on(&self) -> Option<NaiveDate> {
        self.bast_on
    }

    /// The termination date, if the contract was ended before handover.
    pub fn terminated_on(&self) -> Option<NaiveDate> {
        self.terminated_on
    }

    /// When the work stopped: the BAST, or the termination (lateness runs until then).
    pub fn closed_on(&self) -> Option<NaiveDate> {
        self.bast_on.or(self.terminated_on)
    }
    /// What C-05 needs at the current value.
    pub fn advance_terms(&self) -> AdvanceTerms {
        self.terms.advance_terms(self.value)
    }
}
