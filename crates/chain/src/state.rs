//! The state of one region: every aggregate in a registry, rebuilt by folding events.

use std::collections::BTreeMap;

use rantai_budgeting::{Book, BudgetingEvent, DpaLine};
use rantai_core::{
    Actor, ActorId, ContractId, DpaLineId, FiscalYear, KegiatanId, KodeRup, Organisation, OrganisationId, PackageId,
    ProcurementId, ProgramId, RegionProfile, SubKegiatanId, Subject, WorkingCalendar,
};
use rantai_engine::{ChainIndex, ChainView, PackageKeys};
use rantai_monev::{ContractProgress, IndicatorLog, MonevEvent, ReportLog};
use rantai_planning::{BudgetStructure, Kegiatan, Package, PlanningEvent, Program, SubKegiatan};
use rantai_procurement::{Contract, Procurement, ProcurementEvent};
use serde::Serialize;

use crate::error::ChainError;
use crate::event::{Event, RegionEvent};

/// Whether folding keeps the aggregate in the map until its next state is known.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Copy it: an error leaves the state as it was.
    OnError,
    /// Move it: faster, for replays that stop at the first error.
    No,
}

fn take<K: Ord, V: Clone>(map: &mut BTreeMap<K, V>, key: &K, keep: Keep) -> Option<V> {
    match keep {
        Keep::OnError => map.get(key).cloned(),
        Keep::No => map.remove(key),
    }
}

/// All aggregates of one region, as of the last applied event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionState {
    profile: Option<RegionProfile>,
    organisations: BTreeMap<OrganisationId, Organisation>,
    actors: BTreeMap<ActorId, Actor>,
    budgets: BTreeMap<(OrganisationId, FiscalYear), BudgetStructure>,
    programs: BTreeMap<ProgramId, Program>,
    kegiatan: BTreeMap<KegiatanId, Kegiatan>,
    sub_kegiatan: BTreeMap<SubKegiatanId, SubKegiatan>,
    packages: BTreeMap<PackageId, Package>,
    procurements: BTreeMap<ProcurementId, Procurement>,
    contracts: BTreeMap<ContractId, Contract>,
    book: Book,
    progress: BTreeMap<ContractId, ContractProgress>,
    indicators: BTreeMap<Subject, IndicatorLog>,
    reports: BTreeMap<OrganisationId, ReportLog>,
    calendar: WorkingCalendar,
    ownership: BTreeMap<ActorId, rantai_procurement::Ownership>,
    /// Providers whose ownership the APIP or the Kepala Daerah recorded (only they replace it).
    ownership_by_authority: std::collections::BTreeSet<ActorId>,
    /// Index: the package carrying each SIRUP code.
    #[serde(skip)]
    by_kd_rup: BTreeMap<KodeRup, PackageId>,
    /// The engine's lookups (payments per contract, packages per organisation, …).
    #[serde(skip)]
    index: ChainIndex,
}

impl RegionState {
    /// A region with nothing in it yet.
    pub fn empty() -> Self {
        RegionState {
            profile: None,
            organisations: BTreeMap::new(),
            actors: BTreeMap::new(),
            budgets: BTreeMap::new(),
            programs: BTreeMap::new(),
            kegiatan: BTreeMap::new(),
            sub_kegiatan: BTreeMap::new(),
            packages: BTreeMap::new(),
            procurements: BTreeMap::new(),
            contracts: BTreeMap::new(),
            book: Book::default(),
            progress: BTreeMap::new(),
            indicators: BTreeMap::new(),
            reports: BTreeMap::new(),
            calendar: WorkingCalendar::default(),
            ownership: BTreeMap::new(),
            ownership_by_authority: std::collections::BTreeSet::new(),
            by_kd_rup: BTreeMap::new(),
            index: ChainIndex::default(),
        }
    }

    /// Folds one event into the state. If the event cannot apply, the state is unchanged.
    ///
    /// # Errors
    ///
    /// The stage's error when the event is impossible in the current state.
    pub fn apply(&mut self, event: &Event) -> Result<(), ChainError> {
        self.fold(event, Keep::OnError)
    }

    /// Folds one event of a history being replayed: aggregates are moved, not copied, and an
    /// error leaves the state unusable (replay stops at the first error anyway).
    pub(crate) fn apply_replayed(&mut self, event: &Event) -> Result<(), ChainError> {
        self.fold(event, Keep::No)
    }

    fn fold(&mut self, event: &Event, keep: Keep) -> Result<(), ChainError> {
        match event {
            Event::Region(RegionEvent::RegionFounded { profile, founder }) => {
                self.profile = Some(profile.clone());
                self.actors.insert(founder.id(), founder.clone());
            }
            Event::Region(RegionEvent::OrganisationRegistered { organisation }) => {
                self.organisations.insert(organisation.id(), organisation.clone());
            }
            Event::Region(RegionEvent::ActorRegistered { actor }) => {
                self.index.actor(self.actors.get(&actor.id()), actor);
                self.actors.insert(actor.id(), actor.clone());
            }
            Event::Region(RegionEvent::HolidaysDeclared { holidays }) => {
                self.calendar.declare(holidays.iter().copied());
            }
            Event::Region(RegionEvent::OwnershipDeclared {
                ownership,
                by_authority,
            }) => {
                self.ownership.insert(ownership.provider, ownership.clone());
                if *by_authority {
                    self.ownership_by_authority.insert(ownership.provider);
                }
            }
            Event::Planning(PlanningEvent::BudgetStructureRegistered { budget }) => {
                self.budgets
                    .insert((budget.organisation, budget.fiscal_year), budget.clone());
            }
            Event::Planning(PlanningEvent::ProgramRegistered { program }) => {
                self.programs.insert(program.id, program.clone());
            }
            Event::Planning(PlanningEvent::KegiatanRegistered { kegiatan }) => {
                self.index.kegiatan(kegiatan);
                self.kegiatan.insert(kegiatan.id, kegiatan.clone());
            }
            Event::Planning(PlanningEvent::SubKegiatanRegistered { sub_kegiatan }) => {
                self.index.sub_kegiatan(sub_kegiatan);
                self.sub_kegiatan.insert(sub_kegiatan.id(), sub_kegiatan.clone());
            }
            Event::Planning(PlanningEvent::PackagesConsolidated { into, from, on }) => {
                // Every source and the new package are computed before any is stored.
                let mut withdrawn = Vec::with_capacity(from.len());
                for id in from {
                    let source = take(&mut self.packages, id, keep).ok_or(ChainError::Planning(
                        rantai_planning::PlanningError::WrongState {
                            package: *id,
                            state: "absent",
                            action: "PackagesConsolidated",
                        },
                    ))?;
                    withdrawn.push((*id, source.consolidated_into(into.id, *on)?));
                }
                let new = Package::evolve(
                    None,
                    &PlanningEvent::PackagesConsolidated {
                        into: into.clone(),
                        from: from.clone(),
                        on: *on,
                    },
                )?;
                for (id, package) in withdrawn {
                    self.packages.insert(id, package);
                }
                if let Some(code) = into.kd_rup {
                    self.by_kd_rup.entry(code).or_insert(into.id);
                }
                self.index.package(None, &new);
                self.packages.insert(into.id, new);
            }
            Event::Planning(e) => {
                let id = e.package().unwrap_or(PackageId::from_u128(0));
                let before = take(&mut self.packages, &id, keep);
                let keys = before.as_ref().map(PackageKeys::of);
                let next = Package::evolve(before, e)?;
                if let Some(code) = next.spec().kd_rup {
                    self.by_kd_rup.entry(code).or_insert(id);
                }
                self.index.package(keys, &next);
                self.packages.insert(id, next);
            }
            Event::Procurement(e) => {
                // Compute every next state before storing any, so a failing event changes nothing
                // when the state is kept.
                let procurement = match e.procurement() {
                    Some(id) => Some((id, Procurement::evolve(take(&mut self.procurements, &id, keep), e)?)),
                    None => None,
                };
                let contract = match e.contract() {
                    Some(id) => Some((id, Contract::evolve(take(&mut self.contracts, &id, keep), e)?)),
                    None => None,
                };
                if let Some((id, next)) = procurement {
                    match e {
                        ProcurementEvent::TenderAnnounced { plan, .. } => self.index.tender(id, plan),
                        ProcurementEvent::ProcurementFailed { .. } => {
                            self.index.failed(id);
                            // A re-tender announced before the failure was recorded (an import's
                            // order) now holds the packages the failed one gave back.
                            let others: std::collections::BTreeSet<ProcurementId> = next
                                .plan()
                                .kd_rup()
                                .iter()
                                .filter_map(|code| self.index.procurements_by_kd_rup.get(code))
                                .flatten()
                                .copied()
                                .collect();
                            for other in others
                                .iter()
                                .filter(|o| **o != id)
                                .filter_map(|o| self.procurements.get(o))
                            {
                                if other.failure().is_none() {
                                    self.index.tender(other.spec().id, other.plan());
                                }
                            }
                        }
                        _ => {}
                    }
                    self.procurements.insert(id, next);
                }
                if let Some((id, next)) = contract {
                    if let ProcurementEvent::ContractSigned { .. } = e {
                        self.index.contract(&next);
                    }
                    self.contracts.insert(id, next);
                }
            }
            Event::Budgeting(e) => {
                // The book leaves itself unchanged when an event cannot apply.
                if let Some(paid) = self.book.apply(e)? {
                    self.index.payment(paid.contract, paid.amount, paid.paid_on);
                }
                if let BudgetingEvent::DpaLineOpened { spec } = e {
                    self.index.line(spec);
                }
            }
            Event::Monev(MonevEvent::IndicatorRealised { realisation }) => {
                self.indicators
                    .entry(realisation.subject)
                    .or_default()
                    .record(realisation);
            }
            Event::Monev(MonevEvent::QuarterlyReportSubmitted { report }) => {
                self.reports.entry(report.organisation).or_default().record(report);
                self.index.reporting_year(report.fiscal_year);
            }
            Event::Monev(e) => {
                let contract = e.contract().unwrap_or(ContractId::from_u128(0));
                let next = ContractProgress::evolve(take(&mut self.progress, &contract, keep), e)?;
                self.progress.insert(contract, next);
            }
        }
        Ok(())
    }

    /// The region's profile (set by the founding event).
    pub fn profile(&self) -> Option<&RegionProfile> {
        self.profile.as_ref()
    }

    /// The read-only view the engine and read models use.
    pub fn view(&self) -> ChainView<'_> {
        ChainView {
            region: self.profile.as_ref(),
            budgets: &self.budgets,
            programs: &self.programs,
            kegiatan: &self.kegiatan,
            sub_kegiatan: &self.sub_kegiatan,
            organisations: &self.organisations,
            actors: &self.actors,
            packages: &self.packages,
            procurements: &self.procurements,
            contracts: &self.contracts,
            dpa_lines: self.book.lines(),
            book: &self.book,
            progress: &self.progress,
            indicators: &self.indicators,
            reports: &self.reports,
            calendar: &self.calendar,
            ownership: &self.ownership,
            index: &self.index,
            as_of: None,
        }
    }

    /// The procurement that already took an announced package, if any.
    pub fn procurement_of(&self, package: PackageId) -> Option<ProcurementId> {
        self.index.procured.get(&package).copied()
    }

    /// The package carrying a SIRUP code (the first registered, when codes repeat).
    pub fn package_by_kd_rup(&self, code: KodeRup) -> Option<&Package> {
        self.by_kd_rup.get(&code).and_then(|id| self.packages.get(id))
    }

    /// Organisations.
    pub fn organisations(&self) -> &BTreeMap<OrganisationId, Organisation> {
        &self.organisations
    }
    /// Actors.
    pub fn actors(&self) -> &BTreeMap<ActorId, Actor> {
        &self.actors
    }
    /// Programs.
    pub fn programs(&self) -> &BTreeMap<ProgramId, Program> {
        &self.programs
    }
    /// Kegiatan.
    pub fn kegiatan(&self) -> &BTreeMap<KegiatanId, Kegiatan> {
        &self.kegiatan
    }
    /// Sub-kegiatan.
    pub fn sub_kegiatan(&self) -> &BTreeMap<SubKegiatanId, SubKegiatan> {
        &self.sub_kegiatan
    }
    /// RUP packages.
    pub fn packages(&self) -> &BTreeMap<PackageId, Package> {
        &self.packages
    }
    /// Procurements.
    pub fn procurements(&self) -> &BTreeMap<ProcurementId, Procurement> {
        &self.procurements
    }
    /// Contracts.
    pub fn contracts(&self) -> &BTreeMap<ContractId, Contract> {
        &self.contracts
    }
    /// DPA lines.
    pub fn dpa_lines(&self) -> &BTreeMap<DpaLineId, DpaLine> {
        self.book.lines()
    }
    /// The budget book: lines, contract payment accounts, SPP, treasuries, revisions.
    pub fn book(&self) -> &Book {
        &self.book
    }
    /// Progress per contract.
    pub fn progress(&self) -> &BTreeMap<ContractId, ContractProgress> {
        &self.progress
    }
    /// Indicator realisations per program, kegiatan or sub-kegiatan.
    pub fn indicators(&self) -> &BTreeMap<Subject, IndicatorLog> {
        &self.indicators
    }
    /// PP 39/2006 submissions per organisation.
    pub fn reports(&self) -> &BTreeMap<OrganisationId, ReportLog> {
        &self.reports
    }
    /// The working-day calendar.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    /// The providers' declared owners and controllers, the latest declaration of each.
    pub fn ownership(&self) -> &BTreeMap<ActorId, rantai_procurement::Ownership> {
        &self.ownership
    }

    /// Whether the APIP or the Kepala Daerah recorded this provider's ownership.
    pub fn ownership_recorded_by_authority(&self, provider: ActorId) -> bool {
        self.ownership_by_authority.contains(&provider)
    }
    /// The engine's lookups.
    pub fn index(&self) -> &ChainIndex {
        &self.index
    }
}
