//! RUP packages (rencana umum pengadaan): what the plan says will be procured, how, for how much,
//! from which budget lines and when; their lifecycle from draft to announced; and the hand-off to
//! procurement, which only an announced package can give.

use chrono::NaiveDate;
use rantai_core::{
    ActorId, FiscalYear, JenisPengadaan, KodeRup, Mak, MetodePemilihan, Money, OrganisationId, PackageId, Policy,
    Rejected, SubKegiatanId,
};
use serde::{Deserialize, Serialize};

use crate::error::PlanningError;
use crate::events::PlanningEvent;
use crate::rules::{method_fit, pl_ceiling};

/// A budget line financing part of a package: the sub-kegiatan, its MAK and the amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingLine {
    /// The sub-kegiatan the money comes from.
    pub sub_kegiatan: SubKegiatanId,
    /// Sub-kegiatan + kode rekening.
    pub mak: Mak,
    /// The amount of the package pagu drawn on this line.
    pub amount: Money,
}

/// A planned period, inclusive (SIRUP plans by month: first and last day of the months).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// Who carries out a package: a provider chosen by a selection method, or the government itself
/// (swakelola, Perpres 16/2018 Pasal 18; SIRUP `tipe_swakelola`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "by", content = "detail", rename_all = "snake_case", deny_unknown_fields)]
pub enum PackageKind {
    /// Through a provider (RUP Paket Penyedia).
    Penyedia,
    /// Self-managed (RUP Paket Swakelola).
    Swakelola {
        /// Type I–IV.
        tipe: TipeSwakelola,
        /// The executing organisation or group for types II–IV (`nama_satker_penyelenggara`).
        executor: Option<String>,
    },
}

/// The four types of swakelola.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TipeSwakelola {
    /// I: planned, executed and supervised by the budget-holding organisation.
    I,
    /// II: executed by another government organisation.
    Ii,
    /// III: executed by an Ormas (civil-society organisation).
    Iii,
    /// IV: executed by a Kelompok Masyarakat (community group).
    Iv,
}

/// The SIRUP flags of a package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackageFlags {
    /// Reserved for usaha mikro, kecil and koperasi (`status_ukm = UKM`).
    pub umk: bool,
    /// Why not, when it is not (`alasan_non_ukm`).
    pub non_umk_reason: Option<String>,
    /// Domestic product (`status_pdn = PDN`).
    pub pdn: bool,
    /// Procured before the DPA is issued (`status_pradipa`).
    pub pradipa: bool,
    /// A consolidated package (`status_konsolidasi`).
    pub konsolidasi: bool,
    /// A multi-year package (kontrak tahun jamak).
    pub multi_year: bool,
}

impl PackageFlags {
    /// The most common flags: reserved for small business, domestic product, nothing else.
    pub fn umk_pdn() -> PackageFlags {
        PackageFlags {
            umk: true,
            non_umk_reason: None,
            pdn: true,
            pradipa: false,
            konsolidasi: false,
            multi_year: false,
        }
    }
}

/// Everything the plan says about a package (the SIRUP RUP Paket Penyedia fields rantai uses).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackageSpec {
    /// The package's id.
    pub id: PackageId,
    /// SIRUP's `kd_rup`, once SIRUP has given one.
    pub kd_rup: Option<KodeRup>,
    /// The organisation (satker) that plans it.
    pub organisation: OrganisationId,
    /// Package name (`nama_paket`).
    pub name: String,
    /// Fiscal year.
    pub fiscal_year: FiscalYear,
    /// Procurement object.
    pub jenis: JenisPengadaan,
    /// Planned selection method.
    pub metode: MetodePemilihan,
    /// Pagu of the package.
    pub pagu: Money,
    /// Funding lines; they sum to the pagu.
    pub funding: Vec<FundingLine>,
    /// Planned selection window (waktu pemilihan).
    pub selection: Window,
    /// Planned execution window (waktu pelaksanaan kontrak).
    pub execution: Window,
    /// Planned utilisation window (waktu pemanfaatan), when given.
    pub utilization: Option<Window>,
    /// Provider or swakelola.
    pub kind: PackageKind,
    /// The other procurement objects of a package that combines several (SIRUP writes
    /// `kd_jenis_pengadaan` as `1;4`); `jenis` is the first, which the rules use.
    pub additional_jenis: Vec<JenisPengadaan>,
    /// SIRUP flags.
    pub flags: PackageFlags,
    /// Work locations (`detail_lokasi`), when given.
    pub locations: Vec<String>,
    /// The PPK responsible.
    pub ppk: ActorId,
}

impl PackageSpec {
    fn validate(&self, require_funding: bool) -> Result<(), PlanningError> {
        let invalid = |reason: &str| PlanningError::InvalidPackage {
            package: self.id,
            reason: reason.to_string(),
        };
        if self.pagu.is_zero() {
            return Err(invalid("pagu must be positive"));
        }
        if self.name.trim().is_empty() {
            return Err(invalid("name is empty"));
        }
        let windows = [Some(self.selection), Some(self.execution), self.utilization];
        if windows.iter().flatten().any(|w| w.start > w.end) {
            return Err(invalid("a planned window ends before it starts"));
        }
        if self.funding.is_empty() {
            if require_funding {
                return Err(invalid("at least one funding line is required"));
            }
            return Ok(());
        }
        let lines = Money::try_sum(self.funding.iter().map(|l| &l.amount))?;
        if lines != self.pagu {
            return Err(PlanningError::FundingMismatch {
                package: self.id,
                lines,
                pagu: self.pagu,
            });
        }
        Ok(())
    }
}

/// A package being prepared by the PPK (not yet visible in SIRUP).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    spec: PackageSpec,
}

/// A package announced (terumumkan) in SIRUP: the only state procurement may start from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announced {
    spec: PackageSpec,
    announced_on: NaiveDate,
    revisions: Vec<Revision>,
}

/// One revision of an announced package: the version it replaced, why and when. Every earlier
/// version is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// The number of this revision (1 for the first).
    pub number: u32,
    /// The plan as it was before the revision.
    pub previous: PackageSpec,
    /// Why the plan changed.
    pub reason: String,
    /// When.
    pub on: NaiveDate,
}

/// A package withdrawn from the plan (SIRUP `status_delete_rup` / not active): it can no longer
/// be procured. Its history is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancelled {
    spec: PackageSpec,
    announced_on: Option<NaiveDate>,
    revisions: Vec<Revision>,
    reason: String,
    cancelled_on: NaiveDate,
}

/// A RUP package in any state, as persisted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Package {
    /// Being prepared.
    Draft(Draft),
    /// Announced.
    Announced(Announced),
    /// Withdrawn.
    Cancelled(Cancelled),
}

impl Draft {
    /// Creates a draft package.
    ///
    /// # Errors
    ///
    /// [`PlanningError::FundingMismatch`] when the lines do not sum to the pagu;
    /// [`PlanningError::InvalidPackage`] for a zero pagu, no lines, an empty name or a reversed window.
    pub fn create(spec: PackageSpec) -> Result<(Draft, PlanningEvent), PlanningError> {
        spec.validate(true)?;
        Ok((Draft { spec: spec.clone() }, PlanningEvent::PackageDrafted { spec }))
    }

    /// Records a package from SIRUP data that may come without its funding lines (the
    /// RUP-PaketAnggaranPenyedia table is a separate dataset); lines that are given must still
    /// sum to the pagu.
    ///
    /// # Errors
    ///
    /// As [`Draft::create`], except that an empty funding list is accepted.
    pub fn record(spec: PackageSpec) -> Result<(Draft, PlanningEvent), PlanningError> {
        spec.validate(false)?;
        Ok((Draft { spec: spec.clone() }, PlanningEvent::PackageDrafted { spec }))
    }

    /// Announces the package (PA/KPA publishes it in SIRUP). The planned method must respect the
    /// Pengadaan Langsung ceilings in force at the planned selection start (P-01, P-02).
    ///
    /// # Errors
    ///
    /// [`PlanningError::RuleViolated`] when a rejecting rule is violated in command mode; the
    /// draft comes back unchanged.
    pub fn announce(
        self,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<(Announced, PlanningEvent), Rejected<Draft, PlanningError>> {
        let (rule, verdict) = pl_ceiling::check(
            self.spec.jenis,
            self.spec.metode,
            self.spec.pagu,
            self.spec.selection.start,
            policy.rulebook(),
        );
        if let Err(violation) = policy.enforce(rule, verdict) {
            let package = self.spec.id;
            return Err(Rejected::new(self, PlanningError::RuleViolated { package, violation }));
        }
        let fit = method_fit::check(self.spec.jenis, self.spec.metode);
        if let Err(violation) = policy.enforce(rantai_core::RuleId::P03, fit) {
            let package = self.spec.id;
            return Err(Rejected::new(self, PlanningError::RuleViolated { package, violation }));
        }
        let event = PlanningEvent::PackageAnnounced {
            package: self.spec.id,
            on,
        };
        Ok((self.apply_announced(on), event))
    }

    pub(crate) fn apply_announced(self, on: NaiveDate) -> Announced {
        Announced {
            spec: self.spec,
            announced_on: on,
            revisions: Vec::new(),
        }
    }

    /// Withdraws a draft before it is announced.
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidPackage`] for an empty reason.
    pub fn cancel(
        self,
        reason: String,
        on: NaiveDate,
    ) -> Result<(Cancelled, PlanningEvent), Rejected<Draft, PlanningError>> {
        match cancellation(self.spec.id, &reason, on) {
            Ok(event) => Ok((self.apply_cancelled(reason, on), event)),
            Err(e) => Err(Rejected::new(self, e)),
        }
    }

    fn apply_cancelled(self, reason: String, on: NaiveDate) -> Cancelled {
        Cancelled {
            spec: self.spec,
            announced_on: None,
            revisions: Vec::new(),
            reason,
            cancelled_on: on,
        }
    }

    /// The plan data.
    pub fn spec(&self) -> &PackageSpec {
        &self.spec
    }
}

/// The event withdrawing `package`, once a reason is given.
fn cancellation(package: PackageId, reason: &str, on: NaiveDate) -> Result<PlanningEvent, PlanningError> {
    if reason.trim().is_empty() {
        return Err(no_reason(package));
    }
    Ok(PlanningEvent::PackageCancelled {
        package,
        reason: reason.to_string(),
        on,
    })
}

fn no_reason(package: PackageId) -> PlanningError {
    PlanningError::InvalidPackage {
        package,
        reason: "a reason is required".into(),
    }
}

impl Announced {
    /// The plan data.
    pub fn spec(&self) -> &PackageSpec {
        &self.spec
    }

    /// The earlier versions, oldest first.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// Revises the announced plan (SIRUP "revisi"): the current version is kept with the reason.
    /// The package keeps its id and organisation; the new version must be valid like a draft
    /// (funding lines summing to the pagu, in command mode at least one) and respect the
    /// Pengadaan Langsung ceilings (P-01, P-02).
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidPackage`] (another id or organisation, an empty reason),
    /// [`PlanningError::FundingMismatch`], [`PlanningError::RuleViolated`]; the package comes back
    /// unchanged.
    pub fn revise(
        self,
        spec: PackageSpec,
        reason: String,
        on: NaiveDate,
        policy: Policy<'_>,
    ) -> Result<(Announced, PlanningEvent), Rejected<Announced, PlanningError>> {
        let package = self.spec.id;
        if reason.trim().is_empty() {
            return Err(Rejected::new(self, no_reason(package)));
        }
        if spec.id != package || spec.organisation != self.spec.organisation {
            let e = PlanningError::InvalidPackage {
                package,
                reason: "a revision keeps the package's id and organisation".into(),
            };
            return Err(Rejected::new(self, e));
        }
        if let Err(e) = spec.validate(policy.mode() == rantai_core::Mode::Command) {
            return Err(Rejected::new(self, e));
        }
        let (rule, verdict) = pl_ceiling::check(
            spec.jenis,
            spec.metode,
            spec.pagu,
            spec.selection.start,
            policy.rulebook(),
        );
        if let Err(violation) = policy.enforce(rule, verdict) {
            return Err(Rejected::new(self, PlanningError::RuleViolated { package, violation }));
        }
        let event = PlanningEvent::PackageRevised {
            spec: spec.clone(),
            reason: reason.clone(),
            on,
        };
        Ok((self.apply_revision(spec, reason, on), event))
    }

    fn apply_revision(mut self, spec: PackageSpec, reason: String, on: NaiveDate) -> Announced {
        let previous = std::mem::replace(&mut self.spec, spec);
        self.revisions.push(Revision {
            number: self.revisions.len() as u32 + 1,
            previous,
            reason,
            on,
        });
        self
    }

    /// Withdraws the package from the plan (deleted or made inactive in SIRUP).
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidPackage`] for an empty reason.
    pub fn cancel(
        self,
        reason: String,
        on: NaiveDate,
    ) -> Result<(Cancelled, PlanningEvent), Rejected<Announced, PlanningError>> {
        match cancellation(self.spec.id, &reason, on) {
            Ok(event) => Ok((self.apply_cancelled(reason, on), event)),
            Err(e) => Err(Rejected::new(self, e)),
        }
    }

    fn apply_cancelled(self, reason: String, on: NaiveDate) -> Cancelled {
        Cancelled {
            spec: self.spec,
            announced_on: Some(self.announced_on),
            revisions: self.revisions,
            reason,
            cancelled_on: on,
        }
    }

    /// When it was announced.
    pub fn announced_on(&self) -> NaiveDate {
        self.announced_on
    }

    /// The hand-off to procurement: a snapshot of the plan that only an announced package gives.
    pub fn handoff(&self) -> AnnouncedPackage {
        AnnouncedPackage {
            spec: self.spec.clone(),
            announced_on: self.announced_on,
        }
    }
}

impl Cancelled {
    /// The plan as it was when withdrawn.
    pub fn spec(&self) -> &PackageSpec {
        &self.spec
    }
    /// Why it was withdrawn.
    pub fn reason(&self) -> &str {
        &self.reason
    }
    /// When.
    pub fn cancelled_on(&self) -> NaiveDate {
        self.cancelled_on
    }
    /// The versions before the last, oldest first.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }
}

impl Package {
    /// The plan data, whatever the state.
    pub fn spec(&self) -> &PackageSpec {
        match self {
            Package::Draft(d) => &d.spec,
            Package::Announced(a) => &a.spec,
            Package::Cancelled(c) => &c.spec,
        }
    }

    /// The state's name.
    pub fn status(&self) -> &'static str {
        match self {
            Package::Draft(_) => "draft",
            Package::Announced(_) => "announced",
            Package::Cancelled(_) => "cancelled",
        }
    }

    /// The announced package, if it is announced (and so active and not deleted).
    pub fn as_announced(&self) -> Option<&Announced> {
        match self {
            Package::Announced(a) => Some(a),
            Package::Draft(_) | Package::Cancelled(_) => None,
        }
    }

    /// Withdraws this package because it was consolidated into `into` (replay of
    /// [`PlanningEvent::PackagesConsolidated`] on a source).
    ///
    /// # Errors
    ///
    /// [`PlanningError::WrongState`] for a package already withdrawn.
    pub fn consolidated_into(self, into: PackageId, on: NaiveDate) -> Result<Package, PlanningError> {
        let reason = format!("consolidated into {into}");
        match self {
            Package::Draft(d) => Ok(Package::Cancelled(d.apply_cancelled(reason, on))),
            Package::Announced(a) => Ok(Package::Cancelled(a.apply_cancelled(reason, on))),
            Package::Cancelled(c) => Err(PlanningError::WrongState {
                package: c.spec.id,
                state: "cancelled",
                action: "PackagesConsolidated",
            }),
        }
    }

    /// Every version of the plan, oldest first, ending with the current one.
    pub fn versions(&self) -> Vec<&PackageSpec> {
        let revisions: &[Revision] = match self {
            Package::Draft(_) => &[],
            Package::Announced(a) => &a.revisions,
            Package::Cancelled(c) => &c.revisions,
        };
        revisions
            .iter()
            .map(|r| &r.previous)
            .chain(std::iter::once(self.spec()))
            .collect()
    }

    /// Folds one event into the state (replay). `None` is "no such package yet".
    ///
    /// # Errors
    ///
    /// [`PlanningError::WrongState`] for an event impossible in the current state.
    pub fn evolve(state: Option<Package>, event: &PlanningEvent) -> Result<Package, PlanningError> {
        match (state, event) {
            (None, PlanningEvent::PackageDrafted { spec }) => Ok(Package::Draft(Draft { spec: spec.clone() })),
            (None, PlanningEvent::PackagesConsolidated { into, .. }) => {
                Ok(Package::Draft(Draft { spec: into.clone() }))
            }
            (Some(Package::Draft(d)), PlanningEvent::PackageAnnounced { on, .. }) => {
                Ok(Package::Announced(d.apply_announced(*on)))
            }
            (Some(Package::Announced(a)), PlanningEvent::PackageRevised { spec, reason, on }) => {
                Ok(Package::Announced(a.apply_revision(spec.clone(), reason.clone(), *on)))
            }
            (Some(Package::Announced(a)), PlanningEvent::PackageCancelled { reason, on, .. }) => {
                Ok(Package::Cancelled(a.apply_cancelled(reason.clone(), *on)))
            }
            (Some(Package::Draft(d)), PlanningEvent::PackageCancelled { reason, on, .. }) => {
                Ok(Package::Cancelled(d.apply_cancelled(reason.clone(), *on)))
            }
            (Some(p), e) => Err(PlanningError::WrongState {
                package: p.spec().id,
                state: p.status(),
                action: e.name(),
            }),
            (None, e) => Err(PlanningError::WrongState {
                package: e.package().unwrap_or(PackageId::from_u128(0)),
                state: "absent",
                action: e.name(),
            }),
        }
    }
}

/// Consolidates packages (konsolidasi, Perpres 16/2018 Pasal 20) into one new draft: the
/// sources must be drafts or announced packages of the same organisation, year and jenis, their
/// pagu must add up to the new package's, and the new package carries the konsolidasi flag. The
/// sources are withdrawn with the new package named as the reason.
///
/// # Errors
///
/// [`PlanningError::InvalidPackage`] naming what does not fit; the errors of [`Draft::create`].
pub fn consolidate(into: PackageSpec, sources: &[&Package], on: NaiveDate) -> Result<PlanningEvent, PlanningError> {
    let invalid = |reason: String| PlanningError::InvalidPackage {
        package: into.id,
        reason,
    };
    if sources.len() < 2 {
        return Err(invalid("consolidation needs at least two packages".into()));
    }
    if !into.flags.konsolidasi {
        return Err(invalid("a consolidated package carries the konsolidasi flag".into()));
    }
    let mut total = Money::ZERO;
    for source in sources {
        let s = source.spec();
        if matches!(source, Package::Cancelled(_)) {
            return Err(invalid(format!("package {} is withdrawn", s.id)));
        }
        if s.organisation != into.organisation || s.fiscal_year != into.fiscal_year || s.jenis != into.jenis {
            return Err(invalid(format!(
                "package {} is of another organisation, year or jenis",
                s.id
            )));
        }
        total = total.checked_add(s.pagu)?;
    }
    if total != into.pagu {
        return Err(invalid(format!(
            "the sources add up to {total}, the consolidated pagu is {}",
            into.pagu
        )));
    }
    into.validate(!into.funding.is_empty())?;
    Ok(PlanningEvent::PackagesConsolidated {
        into,
        from: sources.iter().map(|s| s.spec().id).collect(),
        on,
    })
}

/// An announced RUP package as procurement receives it: proof that the plan exists and is
/// announced, and the planned values procurement is compared with (K-05).
///
/// Code obtains it only from [`Announced::handoff`]; it also deserializes, because stored
/// procurement events carry the plan they were opened from (that path is the event log, whose
/// hashes are verified before replay).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnnouncedPackage {
    spec: PackageSpec,
    announced_on: NaiveDate,
}

impl AnnouncedPackage {
    /// The plan data.
    pub fn spec(&self) -> &PackageSpec {
        &self.spec
    }
    /// The package id.
    pub fn id(&self) -> PackageId {
        self.spec.id
    }
    /// When it was announced.
    pub fn announced_on(&self) -> NaiveDate {
        self.announced_on
    }
}
