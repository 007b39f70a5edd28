//! A DPA line (sub-kegiatan + kode rekening of one organisation): its pagu and anggaran kas with
//! every revision, the SPD issued on it, the commitments made on it from signed contracts, and
//! what is realised on it (LS SP2D and SPJ of the bendahara's cash). Money always adds up:
//! pagu = committed + uncommitted, committed = paid + unpaid, and
//! realised ≤ Σ SPD ≤ anggaran kas ≤ pagu (K-08).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{
    ContractId, DpaLineId, ExternalKey, FiscalYear, Mak, Money, OrganisationId, PaymentId, Policy, Quarter, RevisionId,
    RuleId, SubKegiatanId,
};
use rantai_procurement::SignedContract;
use serde::{Deserialize, Serialize};

use crate::error::BudgetingError;
use crate::events::BudgetingEvent;
use crate::kas::AnggaranKas;
use crate::rules::budget_control;
use crate::spd::Spd;

/// What the DPA says about a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DpaLineSpec {
    /// The line's id.
    pub id: DpaLineId,
    /// The organisation.
    pub organisation: OrganisationId,
    /// The sub-kegiatan.
    pub sub_kegiatan: SubKegiatanId,
    /// Sub-kegiatan + kode rekening.
    pub mak: Mak,
    /// Fiscal year.
    pub fiscal_year: FiscalYear,
    /// Pagu of the line in the DPA.
    pub pagu: Money,
    /// The line's cash plan.
    pub anggaran_kas: AnggaranKas,
}

/// A commitment of part of the line to a signed contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// The contract.
    pub contract: ContractId,
    /// The amount committed on this line.
    pub amount: Money,
    /// When.
    pub committed_on: NaiveDate,
    /// Paid so far on this line for the contract.
    pub paid: Money,
    /// Given back to the line when the contract was completed or terminated.
    pub released: Money,
}

impl Commitment {
    /// What stays committed: the amount less what was released.
    pub fn net(&self) -> Money {
        self.amount.saturating_sub(self.released)
    }

    /// Committed and not yet paid.
    pub fn unpaid(&self) -> Money {
        self.net().saturating_sub(self.paid)
    }
}

/// Why an unpaid commitment goes back to the line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "reason", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReleaseReason {
    /// The work was handed over and the contract is paid in full.
    Completed,
    /// The PPK terminated the contract (putus kontrak), by the letter named.
    Terminated {
        /// The termination letter.
        basis: String,
    },
}

/// An SP2D paying a contract from this line (LS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sp2d {
    /// The payment's id.
    pub id: PaymentId,
    /// The SP2D number, if known.
    pub nomor: Option<ExternalKey>,
    /// The contract paid.
    pub contract: ContractId,
    /// Amount paid.
    pub amount: Money,
    /// Date of the SP2D.
    pub paid_on: NaiveDate,
}

/// A version of the line's pagu and cash plan after a revision, with its legal basis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineVersion {
    /// The revision.
    pub revision: RevisionId,
    /// Its date.
    pub dated: NaiveDate,
    /// Its legal basis (Perkada or Perda number).
    pub basis: String,
    /// The pagu from then on.
    pub pagu: Money,
    /// The cash plan from then on.
    pub anggaran_kas: AnggaranKas,
}

/// A DPA line with its SPD, commitments and realisation.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::*;
/// # use rantai_core::*;
/// let spec = rantai_budgeting::fixtures::line_spec(); // Rp1 miliar
/// let line = DpaLine::opened(spec);
/// assert_eq!(line.uncommitted(), Money::from_rupiah(1_000_000_000)?);
/// # Ok::<(), BudgetingError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpaLine {
    spec: DpaLineSpec,
    pagu: Money,
    anggaran_kas: AnggaranKas,
    versions: Vec<LineVersion>,
    spds: Vec<Spd>,
    spd_total: Money,
    commitments: BTreeMap<ContractId, Commitment>,
    committed: Money,
    payments: Vec<Sp2d>,
    ls_paid: Money,
    spj: Money,
    realised_by_quarter: [Money; 4],
    realised_outside_year: Money,
}

impl DpaLine {
    /// Checks a line from the DPA and gives the event that opens it.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`] for a zero pagu; [`BudgetingError::Invalid`] for a cash plan
    /// that does not add up; [`BudgetingError::RuleViolated`] (K-08) for a cash plan above the pagu.
    pub fn open(spec: DpaLineSpec, policy: Policy<'_>) -> Result<BudgetingEvent, BudgetingError> {
        let subject = format!("DPA line {}", spec.id);
        if spec.pagu.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "pagu", spec.pagu));
        }
        let kas = spec.anggaran_kas.checked_total()?;
        policy
            .enforce(RuleId::K08, budget_control::kas(spec.pagu, kas))
            .map_err(|v| BudgetingError::violated(&subject, v))?;
        Ok(BudgetingEvent::DpaLineOpened { spec })
    }

    /// The line as opened, before anything happened on it.
    pub fn opened(spec: DpaLineSpec) -> Self {
        DpaLine {
            pagu: spec.pagu,
            anggaran_kas: spec.anggaran_kas.clone(),
            spec,
            versions: Vec::new(),
            spds: Vec::new(),
            spd_total: Money::ZERO,
            commitments: BTreeMap::new(),
            committed: Money::ZERO,
            payments: Vec::new(),
            ls_paid: Money::ZERO,
            spj: Money::ZERO,
            realised_by_quarter: [Money::ZERO; 4],
            realised_outside_year: Money::ZERO,
        }
    }

    fn subject(&self) -> String {
        format!("DPA line {}", self.spec.id)
    }

    /// Checks an SPD and gives its event: a period inside the year, a date in the year, and
    /// Σ SPD within the anggaran kas through the period's last month (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::InvalidValue`] (period),
    /// [`BudgetingError::OutsideYear`], [`BudgetingError::Duplicate`],
    /// [`BudgetingError::RuleViolated`] (K-08).
    pub fn issue_spd(&self, spd: Spd, policy: Policy<'_>) -> Result<BudgetingEvent, BudgetingError> {
        let subject = self.subject();
        if spd.amount.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "SPD amount", spd.amount));
        }
        if !(1..=12).contains(&spd.from_month) || !(spd.from_month..=12).contains(&spd.to_month) {
            return Err(BudgetingError::InvalidValue {
                subject,
                reason: format!(
                    "SPD period must be months 1–12 in order, got {}–{}",
                    spd.from_month, spd.to_month
                ),
            });
        }
        if !self.spec.fiscal_year.contains(spd.issued_on) {
            return Err(BudgetingError::OutsideYear {
                subject,
                what: "SPD",
                date: spd.issued_on,
                year: self.spec.fiscal_year.year(),
            });
        }
        if self.spds.iter().any(|s| s.id == spd.id) {
            return Err(BudgetingError::Duplicate {
                kind: "SPD",
                id: spd.id.to_string(),
            });
        }
        let verdict = budget_control::spd(self.anggaran_kas.through(spd.to_month), self.spd_total, spd.amount);
        policy
            .enforce(RuleId::K08, verdict)
            .map_err(|v| BudgetingError::violated(&subject, v))?;
        Ok(BudgetingEvent::SpdIssued {
            line: self.spec.id,
            spd,
        })
    }

    /// Checks a commitment of `amount` to a signed contract and gives its event. In command mode
    /// the contract must be financed by this line (its funding names this MAK) and the line may
    /// not be over-committed (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::NotFundedByLine`],
    /// [`BudgetingError::DateOrder`] (before the contract was signed),
    /// [`BudgetingError::RuleViolated`].
    pub fn commit(
        &self,
        contract: &SignedContract,
        amount: Money,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<BudgetingEvent, BudgetingError> {
        let line = self.spec.id;
        if amount.is_zero() {
            return Err(BudgetingError::not_positive(self.subject(), "commitment", amount));
        }
        let funded = contract.terms().organisation == self.spec.organisation
            && contract.terms().funding.iter().any(|f| {
                f.mak.sub_kegiatan() == self.spec.mak.sub_kegiatan() && f.mak.rekening() == self.spec.mak.rekening()
            });
        if !funded && policy.mode() == rantai_core::Mode::Command {
            return Err(BudgetingError::NotFundedByLine {
                line,
                mak: self.spec.mak.to_string(),
                contract: contract.id(),
            });
        }
        let signed = contract.terms().spec.signed_on;
        if on < signed {
            return Err(BudgetingError::DateOrder {
                subject: self.subject(),
                what: "commitment",
                date: on,
                earlier_what: "contract signature",
                earlier: signed,
            });
        }
        let verdict = budget_control::commitment(self.pagu, self.committed, amount);
        policy
            .enforce(RuleId::K08, verdict)
            .map_err(|v| BudgetingError::violated(self.subject(), v))?;
        Ok(BudgetingEvent::ContractCommitted {
            line,
            contract: contract.id(),
            amount,
            on,
        })
    }

    /// Gives the unpaid rest of a commitment back to the line: once the work is handed over, or
    /// when the contract is terminated.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NoCommitment`], [`BudgetingError::NotPositive`] (nothing unpaid),
    /// [`BudgetingError::InvalidValue`] (completion before the BAST, an empty termination basis),
    /// [`BudgetingError::DateOrder`].
    pub fn release(
        &self,
        contract: &SignedContract,
        reason: ReleaseReason,
        on: NaiveDate,
    ) -> Result<BudgetingEvent, BudgetingError> {
        let line = self.spec.id;
        let Some(c) = self.commitments.get(&contract.id()) else {
            return Err(BudgetingError::NoCommitment {
                line,
                contract: contract.id(),
            });
        };
        let amount = c.unpaid();
        if amount.is_zero() {
            return Err(BudgetingError::not_positive(
                self.subject(),
                "unpaid commitment",
                amount,
            ));
        }
        match (&reason, contract.bast_on()) {
            (ReleaseReason::Completed, None) => {
                return Err(BudgetingError::InvalidValue {
                    subject: format!("contract {}", contract.id()),
                    reason: "no BAST yet: a commitment is released on completion only after the handover".into(),
                });
            }
            (ReleaseReason::Terminated { basis }, _) if basis.trim().is_empty() => {
                return Err(BudgetingError::InvalidValue {
                    subject: format!("contract {}", contract.id()),
                    reason: "a termination needs the letter it rests on".into(),
                });
            }
            _ => {}
        }
        let after = contract.bast_on().unwrap_or(c.committed_on).max(c.committed_on);
        if on < after {
            return Err(BudgetingError::DateOrder {
                subject: self.subject(),
                what: "release",
                date: on,
                earlier_what: "commitment or BAST",
                earlier: after,
            });
        }
        Ok(BudgetingEvent::CommitmentReleased {
            line,
            contract: contract.id(),
            amount,
            on,
            reason,
        })
    }

    /// Checks spending of `amount` on `on` against the SPD issued by then (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::RuleViolated`] (K-08).
    pub fn check_spending(&self, amount: Money, on: NaiveDate, policy: Policy<'_>) -> Result<(), BudgetingError> {
        let verdict = budget_control::spending(self.spd_through(on), self.realised(), amount);
        policy
            .enforce(RuleId::K08, verdict)
            .map_err(|v| BudgetingError::violated(self.subject(), v))
    }

    /// Checks an LS payment of `amount` to `contract` on `on`: a commitment made before, the
    /// payment within it and within the SPD (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::NoCommitment`],
    /// [`BudgetingError::DateOrder`], [`BudgetingError::RuleViolated`] (K-08).
    pub fn check_ls(
        &self,
        contract: ContractId,
        amount: Money,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<(), BudgetingError> {
        let line = self.spec.id;
        if amount.is_zero() {
            return Err(BudgetingError::not_positive(self.subject(), "payment", amount));
        }
        let Some(commitment) = self.commitments.get(&contract) else {
            return Err(BudgetingError::NoCommitment { line, contract });
        };
        if on < commitment.committed_on {
            return Err(BudgetingError::DateOrder {
                subject: self.subject(),
                what: "SP2D",
                date: on,
                earlier_what: "commitment",
                earlier: commitment.committed_on,
            });
        }
        let verdict = budget_control::payment(commitment.net(), commitment.paid, amount);
        policy
            .enforce(RuleId::K08, verdict)
            .map_err(|v| BudgetingError::violated(self.subject(), v))?;
        self.check_spending(amount, on, policy)
    }

    /// The DPA data as opened.
    pub fn spec(&self) -> &DpaLineSpec {
        &self.spec
    }

    /// The pagu after the last revision.
    pub fn pagu(&self) -> Money {
        self.pagu
    }

    /// The cash plan after the last revision.
    pub fn anggaran_kas(&self) -> &AnggaranKas {
        &self.anggaran_kas
    }

    /// The revisions, oldest first.
    pub fn versions(&self) -> &[LineVersion] {
        &self.versions
    }

    /// The line with the pagu and cash plan it had just before `revision` (as it is now when the
    /// revision did not change it).
    pub fn before(&self, revision: RevisionId) -> DpaLine {
        let mut line = self.clone();
        if let Some(i) = self.versions.iter().position(|v| v.revision == revision) {
            let (pagu, kas) = match i.checked_sub(1).and_then(|j| self.versions.get(j)) {
                Some(v) => (v.pagu, v.anggaran_kas.clone()),
                None => (self.spec.pagu, self.spec.anggaran_kas.clone()),
            };
            line.pagu = pagu;
            line.anggaran_kas = kas;
            line.versions.truncate(i);
        }
        line
    }

    /// The SPD issued, in order.
    pub fn spds(&self) -> &[Spd] {
        &self.spds
    }

    /// Σ SPD.
    pub fn spd_total(&self) -> Money {
        self.spd_total
    }

    /// Σ SPD issued on or before `on`.
    pub fn spd_through(&self, on: NaiveDate) -> Money {
        self.spds
            .iter()
            .filter(|s| s.issued_on <= on)
            .fold(Money::ZERO, |acc, s| acc + s.amount)
    }

    /// Commitments by contract.
    pub fn commitments(&self) -> impl Iterator<Item = &Commitment> {
        self.commitments.values()
    }

    /// The commitment to one contract.
    pub fn commitment(&self, contract: ContractId) -> Option<&Commitment> {
        self.commitments.get(&contract)
    }

    /// LS SP2D payments in order.
    pub fn payments(&self) -> &[Sp2d] {
        &self.payments
    }

    /// Σ committed (net of releases).
    pub fn committed(&self) -> Money {
        self.committed
    }

    /// Σ paid by LS SP2D.
    pub fn paid(&self) -> Money {
        self.ls_paid
    }

    /// Σ spent from the bendahara's cash and accounted for (SPJ) on this line.
    pub fn spj(&self) -> Money {
        self.spj
    }

    /// Σ realised: LS SP2D and SPJ.
    pub fn realised(&self) -> Money {
        self.ls_paid + self.spj
    }

    /// Realised in each quarter of the line's year (SP2D or SPJ dated outside the year excluded).
    pub fn realised_by_quarter(&self) -> [Money; 4] {
        self.realised_by_quarter
    }

    /// Pagu not yet committed (zero when over-committed by recorded facts).
    pub fn uncommitted(&self) -> Money {
        self.pagu.saturating_sub(self.committed)
    }

    pub(crate) fn apply_spd(&mut self, spd: Spd) {
        self.spd_total += spd.amount;
        self.spds.push(spd);
    }

    pub(crate) fn apply_commitment(&mut self, contract: ContractId, amount: Money, on: NaiveDate) {
        let entry = self.commitments.entry(contract).or_insert(Commitment {
            contract,
            amount: Money::ZERO,
            committed_on: on,
            paid: Money::ZERO,
            released: Money::ZERO,
        });
        entry.amount += amount;
        self.committed += amount;
    }

    pub(crate) fn apply_release(&mut self, contract: ContractId, amount: Money) -> Result<(), BudgetingError> {
        let Some(c) = self.commitments.get_mut(&contract) else {
            return Err(BudgetingError::NoCommitment {
                line: self.spec.id,
                contract,
            });
        };
        c.released += amount;
        self.committed = self.committed.saturating_sub(amount);
        Ok(())
    }

    pub(crate) fn apply_payment(&mut self, sp2d: Sp2d) -> Result<(), BudgetingError> {
        let Some(c) = self.commitments.get_mut(&sp2d.contract) else {
            return Err(BudgetingError::NoCommitment {
                line: self.spec.id,
                contract: sp2d.contract,
            });
        };
        c.paid += sp2d.amount;
        self.ls_paid += sp2d.amount;
        self.realise(sp2d.amount, sp2d.paid_on);
        self.payments.push(sp2d);
        Ok(())
    }

    pub(crate) fn apply_spj(&mut self, amount: Money, on: NaiveDate) {
        self.spj += amount;
        self.realise(amount, on);
    }

    fn realise(&mut self, amount: Money, on: NaiveDate) {
        if self.spec.fiscal_year.contains(on) {
            let q = Quarter::of(on).index();
            self.realised_by_quarter[q] += amount;
        } else {
            self.realised_outside_year += amount;
        }
    }

    pub(crate) fn apply_version(&mut self, version: LineVersion) {
        self.pagu = version.pagu;
        self.anggaran_kas = version.anggaran_kas.clone();
        self.versions.push(version);
    }
}
