//! The region's budget book: every DPA line, contract payment account, SPP, bendahara treasury
//! and revision. Commands are checked against it (`&self`, nothing changes) and give an event;
//! [`Book::apply`] folds events in. Refusals leave the book as it was.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rantai_core::{
    ActorId, ContractId, DpaLineId, ExternalKey, FiscalYear, Money, OrganisationId, PaymentId, Policy, RevisionId,
    RuleId, SppId,
};
use rantai_procurement::SignedContract;
use serde::{Deserialize, Serialize};

use crate::absorption::{Absorption, AbsorptionTable};
use crate::account::ContractAccount;
use crate::dpa_line::{DpaLine, DpaLineSpec, LineVersion, ReleaseReason, Sp2d};
use crate::error::BudgetingError;
use crate::events::BudgetingEvent;
use crate::facts::ContractFacts;
use crate::revision::Revision;
use crate::rules::{budget_control, net_payment, revision as k09};
use crate::spd::Spd;
use crate::spp::{LsPayment, PaymentRequest, Spp, SppKind, SppStage};
use crate::treasury::{CashSource, Treasury};

/// An LS payment an applied event made, for indexes that follow payments per contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paid {
    /// The line charged.
    pub line: DpaLineId,
    /// The contract paid.
    pub contract: ContractId,
    /// The amount.
    pub amount: Money,
    /// The SP2D date.
    pub paid_on: NaiveDate,
}

impl Paid {
    fn of(line: DpaLineId, sp2d: &Sp2d) -> Self {
        Paid {
            line,
            contract: sp2d.contract,
            amount: sp2d.amount,
            paid_on: sp2d.paid_on,
        }
    }
}

/// The region's budget execution.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::*;
/// # use rantai_core::*;
/// # use chrono::NaiveDate;
/// let policy = Policy::new(Rulebook::standard(), Mode::Command);
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// let mut book = Book::default();
/// let contract = fixtures::signed_contract(); // Rp918 juta, signed 2 April 2025
/// let line = fixtures::line_spec().id; // Rp1 miliar
/// book.apply(&book.open_line(fixtures::line_spec(), policy)?)?;
/// book.apply(&book.issue_spd(line, fixtures::spd(1, 1, 12, 1_000_000_000, day(1, 6)), policy)?)?;
/// book.apply(&book.commit(line, &contract, contract.value(), day(4, 3), policy)?)?;
/// let sp2d = Sp2d { id: PaymentId::from_u128(1), nomor: None, contract: contract.id(), amount: "275400000".parse()?, paid_on: day(6, 30) };
/// book.apply(&book.pay(line, sp2d, &contract, policy)?)?;
/// assert_eq!(book.line(line)?.paid(), "275400000".parse()?);
/// // Paying more than is committed is refused by K-08, and the book is unchanged.
/// let too_much = Sp2d { id: PaymentId::from_u128(2), nomor: None, contract: contract.id(), amount: "700000000".parse()?, paid_on: day(9, 30) };
/// let before = book.clone();
/// assert!(book.pay(line, too_much, &contract, policy).is_err());
/// assert_eq!(book, before);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    lines: BTreeMap<DpaLineId, DpaLine>,
    accounts: BTreeMap<ContractId, ContractAccount>,
    requests: BTreeMap<SppId, PaymentRequest>,
    treasuries: BTreeMap<(OrganisationId, FiscalYear), Treasury>,
    revisions: BTreeMap<RevisionId, Revision>,
    absorption: BTreeMap<(OrganisationId, FiscalYear), Absorption>,
    payment_ids: BTreeSet<PaymentId>,
}

fn late_part_of(payment: &LsPayment) -> Option<Money> {
    match payment {
        LsPayment::Term { late_part, .. } => *late_part,
        _ => None,
    }
}

fn year_of(subject: &str, on: NaiveDate) -> Result<FiscalYear, BudgetingError> {
    FiscalYear::of(on).map_err(|_| BudgetingError::InvalidValue {
        subject: subject.to_string(),
        reason: format!("{on} is outside the years rantai accepts"),
    })
}

impl Book {
    // ───────────── reading ─────────────

    /// Every line.
    pub fn lines(&self) -> &BTreeMap<DpaLineId, DpaLine> {
        &self.lines
    }

    /// One line.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownLine`].
    pub fn line(&self, id: DpaLineId) -> Result<&DpaLine, BudgetingError> {
        self.lines.get(&id).ok_or(BudgetingError::UnknownLine(id))
    }

    /// The payment account of every contract paid so far.
    pub fn accounts(&self) -> &BTreeMap<ContractId, ContractAccount> {
        &self.accounts
    }

    /// Every SPP with its history.
    pub fn requests(&self) -> &BTreeMap<SppId, PaymentRequest> {
        &self.requests
    }

    /// The bendahara's cash per organisation and year.
    pub fn treasuries(&self) -> &BTreeMap<(OrganisationId, FiscalYear), Treasury> {
        &self.treasuries
    }

    /// Every revision.
    pub fn revisions(&self) -> &BTreeMap<RevisionId, Revision> {
        &self.revisions
    }

    /// Pagu and realisation per quarter of each organisation and year, kept event by event.
    pub fn organisation_absorption(&self) -> &BTreeMap<(OrganisationId, FiscalYear), Absorption> {
        &self.absorption
    }

    /// Absorption at every level, recomputed from the lines.
    pub fn absorption(&self) -> AbsorptionTable {
        AbsorptionTable::of(self.lines.values())
    }

    fn account(&self, contract: ContractId) -> ContractAccount {
        self.accounts.get(&contract).cloned().unwrap_or_default()
    }

    /// Σ SPD issued by `on` less Σ realised and the bendahara's cash, over an organisation's lines
    /// of one year: what an SPP-UP, GU or TU may still draw (K-08).
    pub fn spd_available(&self, organisation: OrganisationId, year: FiscalYear, on: NaiveDate) -> Money {
        let (spd, realised) = self
            .lines
            .values()
            .filter(|l| l.spec().organisation == organisation && l.spec().fiscal_year == year)
            .fold((Money::ZERO, Money::ZERO), |(s, r), l| {
                (s + l.spd_through(on), r + l.realised())
            });
        let cash = self
            .treasuries
            .get(&(organisation, year))
            .map_or(Money::ZERO, Treasury::cash_on_hand);
        spd.saturating_sub(realised).saturating_sub(cash)
    }

    // ───────────── deciding ─────────────

    /// Opens a DPA line.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::Duplicate`] and those of [`DpaLine::open`].
    pub fn open_line(&self, spec: DpaLineSpec, policy: Policy<'_>) -> Result<BudgetingEvent, BudgetingError> {
        if self.lines.contains_key(&spec.id) {
            return Err(BudgetingError::Duplicate {
                kind: "DPA line",
                id: spec.id.to_string(),
            });
        }
        DpaLine::open(spec, policy)
    }

    /// Issues an SPD on a line.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownLine`] and those of [`DpaLine::issue_spd`].
    pub fn issue_spd(&self, line: DpaLineId, spd: Spd, policy: Policy<'_>) -> Result<BudgetingEvent, BudgetingError> {
        self.line(line)?.issue_spd(spd, policy)
    }

    /// Commits part of a line to a signed contract.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownLine`] and those of [`DpaLine::commit`].
    pub fn commit(
        &self,
        line: DpaLineId,
        contract: &SignedContract,
        amount: Money,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<BudgetingEvent, BudgetingError> {
        self.line(line)?.commit(contract, amount, on, policy)
    }

    /// Releases the unpaid rest of a commitment.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownLine`] and those of [`DpaLine::release`].
    pub fn release(
        &self,
        line: DpaLineId,
        contract: &SignedContract,
        reason: ReleaseReason,
        on: NaiveDate,
    ) -> Result<BudgetingEvent, BudgetingError> {
        self.line(line)?.release(contract, reason, on)
    }

    /// Checks an LS payment of `amount` on `on` against the line (commitment, K-08) and the
    /// contract's net balance (C-09), the penalty charged on `late_part` when the payment names
    /// one.
    fn check_ls(
        &self,
        line: DpaLineId,
        contract: &SignedContract,
        amount: Money,
        late_part: Option<Money>,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<(), BudgetingError> {
        self.line(line)?.check_ls(contract.id(), amount, on, policy)?;
        let facts = ContractFacts::from(contract);
        let figures = self
            .account(contract.id())
            .net_balance(&facts, late_part, on, policy.rulebook())?;
        policy
            .enforce(RuleId::C09, net_payment::check(&figures, amount))
            .map_err(|v| BudgetingError::violated(format!("contract {}", contract.id()), v))
    }

    /// Records an SP2D paying a contract from a line without its SPP (imported, or paid outside
    /// the SPP flow): checked like the SP2D of an SPP-LS.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::Duplicate`], [`BudgetingError::UnknownLine`], and the refusals of the
    /// line (K-08) and of C-09.
    pub fn pay(
        &self,
        line: DpaLineId,
        sp2d: Sp2d,
        contract: &SignedContract,
        policy: Policy<'_>,
    ) -> Result<BudgetingEvent, BudgetingError> {
        if self.payment_ids.contains(&sp2d.id) {
            return Err(BudgetingError::Duplicate {
                kind: "SP2D",
                id: sp2d.id.to_string(),
            });
        }
        self.check_ls(line, contract, sp2d.amount, None, sp2d.paid_on, policy)?;
        Ok(BudgetingEvent::Sp2dPaid { line, payment: sp2d })
    }

    /// Checks an SPP and gives its event. An LS term's amount must equal the net of its
    /// breakdown; UP, GU and TU draw on the organisation's SPD (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::Duplicate`],
    /// [`BudgetingError::InvalidValue`] (an LS without its contract, a line of another
    /// organisation, an amount that is not the net), and the refusals of K-08, C-05, C-06, C-09.
    pub fn submit_spp(
        &self,
        spp: Spp,
        contract: Option<&SignedContract>,
        by: ActorId,
        policy: Policy<'_>,
    ) -> Result<BudgetingEvent, BudgetingError> {
        let subject = format!("SPP {}", spp.id);
        if spp.amount.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "amount", spp.amount));
        }
        if self.requests.contains_key(&spp.id) {
            return Err(BudgetingError::Duplicate {
                kind: "SPP",
                id: spp.id.to_string(),
            });
        }
        let on = spp.submitted_on;
        let breakdown = match &spp.kind {
            SppKind::Ls {
                line,
                contract: id,
                payment,
            } => {
                let Some(contract) = contract.filter(|c| c.id() == *id) else {
                    return Err(BudgetingError::InvalidValue {
                        subject,
                        reason: format!("an SPP-LS needs its contract {id}"),
                    });
                };
                let l = self.line(*line)?;
                if l.spec().organisation != spp.organisation {
                    return Err(BudgetingError::InvalidValue {
                        subject,
                        reason: format!("DPA line {line} belongs to another organisation"),
                    });
                }
                let account = self.account(*id);
                let (expected, breakdown) = match payment {
                    LsPayment::Advance { guarantee } => {
                        account.advance(contract, spp.amount, *guarantee, policy)?;
                        (spp.amount, None)
                    }
                    LsPayment::Term { gross, late_part } => {
                        let b = account.term(contract, *gross, *late_part, on, policy)?;
                        (b.net, Some(b))
                    }
                    LsPayment::RetentionRelease => (account.retention_release(contract, on, policy)?, None),
                };
                if spp.amount != expected {
                    return Err(BudgetingError::InvalidValue {
                        subject,
                        reason: format!(
                            "amount {} differs from the {expected} this payment comes to",
                            spp.amount
                        ),
                    });
                }
                self.check_ls(*line, contract, spp.amount, late_part_of(payment), on, policy)?;
                breakdown
            }
            _ => {
                self.check_draw(&spp, on, policy)?;
                None
            }
        };
        Ok(BudgetingEvent::SppSubmitted { spp, breakdown, by })
    }

    /// Checks cash drawn by UP, GU or TU on `on`: the treasury's own rules (one UP a year, GU
    /// within what was accounted for), then K-08: within the organisation's SPD not yet realised
    /// or held.
    fn check_draw(&self, spp: &Spp, on: NaiveDate, policy: Policy<'_>) -> Result<(), BudgetingError> {
        let year = year_of(&format!("SPP {}", spp.id), spp.submitted_on)?;
        let treasury = self
            .treasuries
            .get(&(spp.organisation, year))
            .cloned()
            .unwrap_or_default();
        treasury.check_request(spp.organisation, year, &spp.kind, spp.amount)?;
        let available = self.spd_available(spp.organisation, year, on);
        let verdict = if spp.amount <= available {
            rantai_core::Verdict::Pass
        } else {
            rantai_core::Verdict::Violated(
                rantai_core::Evidence::new()
                    .with("spd_available", available)
                    .with("requested", spp.amount)
                    .with("excess", spp.amount.saturating_sub(available)),
            )
        };
        policy
            .enforce(RuleId::K08, verdict)
            .map_err(|v| BudgetingError::violated(format!("SPP {}", spp.id), v))
    }

    fn request(&self, spp: SppId) -> Result<&PaymentRequest, BudgetingError> {
        self.requests.get(&spp).ok_or(BudgetingError::UnknownSpp(spp))
    }

    fn at_stage(&self, spp: SppId, stage: SppStage, action: &'static str) -> Result<&PaymentRequest, BudgetingError> {
        let r = self.request(spp)?;
        if r.stage != stage {
            return Err(BudgetingError::WrongStage {
                spp,
                stage: r.stage,
                action,
            });
        }
        Ok(r)
    }

    fn not_before(r: &PaymentRequest, on: NaiveDate, what: &'static str) -> Result<(), BudgetingError> {
        let last = r.last_step_on();
        if on < last {
            return Err(BudgetingError::DateOrder {
                subject: format!("SPP {}", r.spp.id),
                what,
                date: on,
                earlier_what: "the previous step",
                earlier: last,
            });
        }
        Ok(())
    }

    /// The PPK-SKPD verifies a submitted SPP; the verifier may not be who submitted it.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownSpp`], [`BudgetingError::WrongStage`],
    /// [`BudgetingError::SameActor`], [`BudgetingError::DateOrder`].
    pub fn verify_spp(&self, spp: SppId, on: NaiveDate, by: ActorId) -> Result<BudgetingEvent, BudgetingError> {
        let r = self.at_stage(spp, SppStage::Submitted, "verify")?;
        if r.submitted_by == by {
            return Err(BudgetingError::SameActor {
                spp,
                step: "verification",
                earlier: "submitted it",
            });
        }
        Self::not_before(r, on, "verification")?;
        Ok(BudgetingEvent::SppVerified { spp, on, by })
    }

    /// The PA/KPA signs the SPM of a verified SPP.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownSpp`], [`BudgetingError::WrongStage`],
    /// [`BudgetingError::DateOrder`].
    pub fn issue_spm(
        &self,
        spp: SppId,
        nomor: Option<ExternalKey>,
        on: NaiveDate,
    ) -> Result<BudgetingEvent, BudgetingError> {
        let r = self.at_stage(spp, SppStage::Verified, "issue the SPM")?;
        Self::not_before(r, on, "SPM")?;
        Ok(BudgetingEvent::SpmIssued { spp, nomor, on })
    }

    /// Refuses an SPP at its current step, with the reason.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownSpp`], [`BudgetingError::WrongStage`] (paid or refused already),
    /// [`BudgetingError::InvalidValue`] (no reason), [`BudgetingError::DateOrder`].
    pub fn refuse_spp(&self, spp: SppId, reason: String, on: NaiveDate) -> Result<BudgetingEvent, BudgetingError> {
        let r = self.request(spp)?;
        if matches!(r.stage, SppStage::Paid | SppStage::Refused) {
            return Err(BudgetingError::WrongStage {
                spp,
                stage: r.stage,
                action: "refuse it",
            });
        }
        if reason.trim().is_empty() {
            return Err(BudgetingError::InvalidValue {
                subject: format!("SPP {spp}"),
                reason: "a refusal needs its reason".into(),
            });
        }
        Self::not_before(r, on, "refusal")?;
        Ok(BudgetingEvent::SppRefused {
            spp,
            stage: r.stage,
            reason,
            on,
        })
    }

    /// The BUD pays an SPP whose SPM is signed, by SP2D; the payment is checked again against
    /// the book as it stands on the day (K-08, C-09).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::UnknownSpp`], [`BudgetingError::WrongStage`],
    /// [`BudgetingError::DateOrder`], [`BudgetingError::Duplicate`], and the refusals of the
    /// payment checks.
    pub fn issue_sp2d(
        &self,
        spp: SppId,
        payment: PaymentId,
        nomor: Option<ExternalKey>,
        on: NaiveDate,
        contract: Option<&SignedContract>,
        policy: Policy<'_>,
    ) -> Result<BudgetingEvent, BudgetingError> {
        let r = self.at_stage(spp, SppStage::SpmIssued, "pay it")?;
        Self::not_before(r, on, "SP2D")?;
        if self.payment_ids.contains(&payment) {
            return Err(BudgetingError::Duplicate {
                kind: "SP2D",
                id: payment.to_string(),
            });
        }
        match &r.spp.kind {
            SppKind::Ls {
                line,
                contract: id,
                payment: kind,
            } => {
                let Some(contract) = contract.filter(|c| c.id() == *id) else {
                    return Err(BudgetingError::InvalidValue {
                        subject: format!("SPP {spp}"),
                        reason: format!("an SP2D-LS needs its contract {id}"),
                    });
                };
                self.check_ls(*line, contract, r.spp.amount, late_part_of(kind), on, policy)?;
            }
            _ => self.check_draw(&r.spp, on, policy)?,
        }
        Ok(BudgetingEvent::Sp2dIssued {
            spp,
            payment,
            nomor,
            on,
        })
    }

    /// The bendahara accounts for spending on a line (SPJ) from UP or a TU: the cash must be
    /// there and the line's SPD must cover it (K-08).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::UnknownLine`],
    /// [`BudgetingError::InvalidValue`] (a line of another organisation),
    /// [`BudgetingError::OutsideYear`], [`BudgetingError::InsufficientCash`],
    /// [`BudgetingError::RuleViolated`] (K-08).
    pub fn account_spj(
        &self,
        organisation: OrganisationId,
        line: DpaLineId,
        source: CashSource,
        amount: Money,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<BudgetingEvent, BudgetingError> {
        let l = self.line(line)?;
        let subject = format!("SPJ on DPA line {line}");
        if amount.is_zero() {
            return Err(BudgetingError::not_positive(&subject, "amount", amount));
        }
        if l.spec().organisation != organisation {
            return Err(BudgetingError::InvalidValue {
                subject,
                reason: format!("the line belongs to another organisation than {organisation}"),
            });
        }
        let year = l.spec().fiscal_year;
        if !year.contains(on) {
            return Err(BudgetingError::OutsideYear {
                subject,
                what: "SPJ",
                date: on,
                year: year.year(),
            });
        }
        let treasury = self.treasuries.get(&(organisation, year)).cloned().unwrap_or_default();
        treasury.check_spend(organisation, source, amount)?;
        l.check_spending(amount, on, policy)?;
        Ok(BudgetingEvent::SpjAccounted {
            organisation,
            line,
            source,
            amount,
            on,
        })
    }

    /// The bendahara returns the unused rest of a TU.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::NotPositive`], [`BudgetingError::UnknownSpp`],
    /// [`BudgetingError::InsufficientCash`], [`BudgetingError::DateOrder`].
    pub fn return_tu(
        &self,
        organisation: OrganisationId,
        tu: SppId,
        amount: Money,
        on: NaiveDate,
    ) -> Result<BudgetingEvent, BudgetingError> {
        if amount.is_zero() {
            return Err(BudgetingError::not_positive(format!("TU {tu}"), "return", amount));
        }
        let year = year_of(&format!("TU {tu}"), on)?;
        let treasury = self.treasuries.get(&(organisation, year)).cloned().unwrap_or_default();
        let advance = treasury.tu.get(&tu).ok_or(BudgetingError::UnknownSpp(tu))?;
        treasury.check_spend(organisation, CashSource::Tu(tu), amount)?;
        if on < advance.paid_on {
            return Err(BudgetingError::DateOrder {
                subject: format!("TU {tu}"),
                what: "return",
                date: on,
                earlier_what: "SP2D-TU",
                earlier: advance.paid_on,
            });
        }
        Ok(BudgetingEvent::TuReturned {
            organisation,
            tu,
            amount,
            on,
        })
    }

    /// Checks a revision: known lines of its year, a legal basis, and new pagu and cash plans
    /// that still cover what is committed and issued (K-08). K-09 is judged too; as an unverified
    /// rule it only flags.
    ///
    /// # Errors
    ///
    /// [`BudgetingError::Duplicate`], [`BudgetingError::InvalidValue`],
    /// [`BudgetingError::UnknownLine`], [`BudgetingError::RuleViolated`].
    pub fn revise(&self, revision: Revision, policy: Policy<'_>) -> Result<BudgetingEvent, BudgetingError> {
        let subject = format!("revision {}", revision.id);
        if self.revisions.contains_key(&revision.id) {
            return Err(BudgetingError::Duplicate {
                kind: "revision",
                id: revision.id.to_string(),
            });
        }
        let invalid = |reason: String| BudgetingError::InvalidValue {
            subject: subject.clone(),
            reason,
        };
        if revision.basis.trim().is_empty() {
            return Err(invalid("a revision needs its legal basis (Perkada or Perda)".into()));
        }
        if revision.changes.is_empty() {
            return Err(invalid("a revision changes at least one line".into()));
        }
        if !revision.fiscal_year.contains(revision.dated) {
            return Err(invalid(format!(
                "dated {} outside fiscal year {}",
                revision.dated,
                revision.fiscal_year.year()
            )));
        }
        let mut seen = BTreeSet::new();
        for change in &revision.changes {
            let line = self.line(change.line)?;
            if !seen.insert(change.line) {
                return Err(invalid(format!("DPA line {} changed twice", change.line)));
            }
            if line.spec().fiscal_year != revision.fiscal_year {
                return Err(invalid(format!("DPA line {} is of another year", change.line)));
            }
            let mut after = line.clone();
            after.apply_version(LineVersion {
                revision: revision.id,
                dated: revision.dated,
                basis: revision.basis.clone(),
                pagu: change.pagu,
                anggaran_kas: change.anggaran_kas.clone(),
            });
            let kas = change.anggaran_kas.checked_total()?;
            let verdict = match budget_control::kas(change.pagu, kas) {
                rantai_core::Verdict::Pass => budget_control::ordering(&after),
                v => v,
            };
            policy
                .enforce(RuleId::K08, verdict)
                .map_err(|v| BudgetingError::violated(format!("DPA line {}", change.line), v))?;
        }
        let earlier: Vec<&Revision> = self.revisions.values().collect();
        let verdict = k09::check(&revision, |id| self.lines.get(&id), &earlier);
        policy
            .enforce(RuleId::K09, verdict)
            .map_err(|v| BudgetingError::violated(&subject, v))?;
        Ok(BudgetingEvent::BudgetRevised { revision })
    }

    // ───────────── applying ─────────────

    /// Folds one event in. Returns the LS payment it made, if any (for indexes that follow
    /// payments per contract).
    ///
    /// # Errors
    ///
    /// [`BudgetingError::WrongState`] (or another refusal) for an event that cannot apply; the
    /// book is then unchanged.
    pub fn apply(&mut self, event: &BudgetingEvent) -> Result<Option<Paid>, BudgetingError> {
        let wrong = |subject: String| BudgetingError::WrongState {
            subject,
            event: event.name(),
        };
        match event {
            BudgetingEvent::DpaLineOpened { spec } => {
                if self.lines.contains_key(&spec.id) {
                    return Err(wrong(format!("DPA line {}", spec.id)));
                }
                let line = DpaLine::opened(spec.clone());
                let a = self
                    .absorption
                    .entry((spec.organisation, spec.fiscal_year))
                    .or_default();
                a.pagu += spec.pagu;
                self.lines.insert(spec.id, line);
                Ok(None)
            }
            BudgetingEvent::SpdIssued { line, spd } => {
                self.line_mut(*line, event)?.apply_spd(spd.clone());
                Ok(None)
            }
            BudgetingEvent::ContractCommitted {
                line,
                contract,
                amount,
                on,
            } => {
                self.line_mut(*line, event)?.apply_commitment(*contract, *amount, *on);
                Ok(None)
            }
            BudgetingEvent::CommitmentReleased {
                line, contract, amount, ..
            } => {
                self.line_mut(*line, event)?.apply_release(*contract, *amount)?;
                Ok(None)
            }
            BudgetingEvent::SppSubmitted { spp, breakdown, by } => {
                if self.requests.contains_key(&spp.id) {
                    return Err(wrong(format!("SPP {}", spp.id)));
                }
                self.requests.insert(
                    spp.id,
                    PaymentRequest {
                        spp: spp.clone(),
                        breakdown: *breakdown,
                        submitted_by: *by,
                        stage: SppStage::Submitted,
                        verified: None,
                        spm: None,
                        sp2d: None,
                        refusal: None,
                    },
                );
                Ok(None)
            }
            BudgetingEvent::SppVerified { spp, on, by } => {
                let r = self.request_mut(*spp, SppStage::Submitted, event)?;
                r.stage = SppStage::Verified;
                r.verified = Some((*by, *on));
                Ok(None)
            }
            BudgetingEvent::SpmIssued { spp, nomor, on } => {
                let r = self.request_mut(*spp, SppStage::Verified, event)?;
                r.stage = SppStage::SpmIssued;
                r.spm = Some((nomor.clone(), *on));
                Ok(None)
            }
            BudgetingEvent::SppRefused { spp, stage, reason, on } => {
                let r = self.request_mut(*spp, *stage, event)?;
                r.stage = SppStage::Refused;
                r.refusal = Some((reason.clone(), *on));
                Ok(None)
            }
            BudgetingEvent::Sp2dIssued {
                spp,
                payment,
                nomor,
                on,
            } => self.apply_sp2d(*spp, *payment, nomor.clone(), *on, event),
            BudgetingEvent::Sp2dPaid { line, payment } => {
                if self.payment_ids.contains(&payment.id) {
                    return Err(wrong(format!("SP2D {}", payment.id)));
                }
                self.pay_line(*line, payment.clone(), event)?;
                self.accounts
                    .entry(payment.contract)
                    .or_default()
                    .apply_cash(payment.amount);
                Ok(Some(Paid::of(*line, payment)))
            }
            BudgetingEvent::SpjAccounted {
                organisation,
                line,
                source,
                amount,
                on,
            } => {
                let l = self.line_mut(*line, event)?;
                let year = l.spec().fiscal_year;
                l.apply_spj(*amount, *on);
                self.realise(*organisation, year, *amount, *on);
                self.treasuries
                    .entry((*organisation, year))
                    .or_default()
                    .apply_spend(*source, *amount);
                Ok(None)
            }
            BudgetingEvent::TuReturned {
                organisation,
                tu,
                amount,
                on,
            } => {
                let year = FiscalYear::of(*on).map_err(|_| wrong(format!("TU {tu}")))?;
                let t = self
                    .treasuries
                    .get_mut(&(*organisation, year))
                    .filter(|t| t.tu.contains_key(tu))
                    .ok_or_else(|| wrong(format!("TU {tu}")))?;
                t.apply_return(*tu, *amount);
                Ok(None)
            }
            BudgetingEvent::BudgetRevised { revision } => {
                if revision.changes.iter().any(|c| !self.lines.contains_key(&c.line)) {
                    return Err(wrong(format!("revision {}", revision.id)));
                }
                for change in &revision.changes {
                    if let Some(line) = self.lines.get_mut(&change.line) {
                        let key = (line.spec().organisation, line.spec().fiscal_year);
                        let before = line.pagu();
                        line.apply_version(LineVersion {
                            revision: revision.id,
                            dated: revision.dated,
                            basis: revision.basis.clone(),
                            pagu: change.pagu,
                            anggaran_kas: change.anggaran_kas.clone(),
                        });
                        let a = self.absorption.entry(key).or_default();
                        a.pagu = a.pagu.saturating_sub(before) + change.pagu;
                    }
                }
                self.revisions.insert(revision.id, revision.clone());
                Ok(None)
            }
        }
    }

    fn line_mut(&mut self, id: DpaLineId, event: &BudgetingEvent) -> Result<&mut DpaLine, BudgetingError> {
        self.lines.get_mut(&id).ok_or_else(|| BudgetingError::WrongState {
            subject: format!("DPA line {id}"),
            event: event.name(),
        })
    }

    fn request_mut(
        &mut self,
        spp: SppId,
        stage: SppStage,
        event: &BudgetingEvent,
    ) -> Result<&mut PaymentRequest, BudgetingError> {
        self.requests
            .get_mut(&spp)
            .filter(|r| r.stage == stage)
            .ok_or_else(|| BudgetingError::WrongState {
                subject: format!("SPP {spp}"),
                event: event.name(),
            })
    }

    fn realise(&mut self, organisation: OrganisationId, year: FiscalYear, amount: Money, on: NaiveDate) {
        if year.contains(on) {
            let a = self.absorption.entry((organisation, year)).or_default();
            let q = rantai_core::Quarter::of(on).index();
            a.paid[q] += amount;
        }
    }

    fn pay_line(&mut self, line: DpaLineId, sp2d: Sp2d, event: &BudgetingEvent) -> Result<(), BudgetingError> {
        let l = self
            .lines
            .get_mut(&line)
            .filter(|l| l.commitment(sp2d.contract).is_some());
        let Some(l) = l else {
            return Err(BudgetingError::WrongState {
                subject: format!("DPA line {line}"),
                event: event.name(),
            });
        };
        let (org, year) = (l.spec().organisation, l.spec().fiscal_year);
        let (id, amount, on) = (sp2d.id, sp2d.amount, sp2d.paid_on);
        l.apply_payment(sp2d)?;
        self.payment_ids.insert(id);
        self.realise(org, year, amount, on);
        Ok(())
    }

    fn apply_sp2d(
        &mut self,
        spp: SppId,
        payment: PaymentId,
        nomor: Option<ExternalKey>,
        on: NaiveDate,
        event: &BudgetingEvent,
    ) -> Result<Option<Paid>, BudgetingError> {
        let r = self.request_mut(spp, SppStage::SpmIssued, event)?.clone();
        if self.payment_ids.contains(&payment) {
            return Err(BudgetingError::WrongState {
                subject: format!("SP2D {payment}"),
                event: event.name(),
            });
        }
        let paid = match &r.spp.kind {
            SppKind::Ls {
                line,
                contract,
                payment: kind,
            } => {
                let sp2d = Sp2d {
                    id: payment,
                    nomor: nomor.clone(),
                    contract: *contract,
                    amount: r.spp.amount,
                    paid_on: on,
                };
                let paid = Paid::of(*line, &sp2d);
                self.pay_line(*line, sp2d, event)?;
                let account = self.accounts.entry(*contract).or_default();
                match (kind, r.breakdown) {
                    (LsPayment::Advance { .. }, _) => account.apply_advance(r.spp.amount),
                    (LsPayment::Term { .. }, Some(b)) => account.apply_term(&b),
                    (LsPayment::RetentionRelease, _) => account.apply_release(r.spp.amount),
                    (LsPayment::Term { .. }, None) => account.apply_cash(r.spp.amount),
                }
                Some(paid)
            }
            kind => {
                let year = FiscalYear::of(r.spp.submitted_on).map_err(|_| BudgetingError::WrongState {
                    subject: format!("SPP {spp}"),
                    event: event.name(),
                })?;
                self.payment_ids.insert(payment);
                self.treasuries
                    .entry((r.spp.organisation, year))
                    .or_default()
                    .apply_cash_in(kind, spp, r.spp.amount, on);
                None
            }
        };
        if let Some(req) = self.requests.get_mut(&spp) {
            req.stage = SppStage::Paid;
            req.sp2d = Some((payment, nomor, on));
        }
        Ok(paid)
    }
}
