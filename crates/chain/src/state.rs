//! The state of one region: every aggregate in a registry, rebuilt by folding events.

use std::collections::BTreeMap;

use rantai_budgeting::DpaLine;
use rantai_core::{
    Actor, ActorId, ContractId, DpaLineId, Organisation, OrganisationId, PackageId, ProcurementId, RegionProfile,
    SubKegiatanId,
};
use rantai_monev::{ChainView, ContractProgress, MonevEvent};
use rantai_planning::{Package, PlanningEvent, SubKegiatan};
use rantai_procurement::{Contract, Procurement, ProcurementEvent};
use serde::Serialize;

use crate::error::ChainError;
use crate::event::{Event, RegionEvent};

/// All aggregates of one region, as of the last applied event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionState {
    profile: Option<RegionProfile>,
    organisations: BTreeMap<OrganisationId, Organisation>,
    actors: BTreeMap<ActorId, Actor>,
    sub_kegiatan: BTreeMap<SubKegiatanId, SubKegiatan>,
    packages: BTreeMap<PackageId, Package>,
    procurements: BTreeMap<ProcurementId, Procurement>,
    contracts: BTreeMap<ContractId, Contract>,
    dpa_lines: BTreeMap<DpaLineId, DpaLine>,
    progress: BTreeMap<ContractId, ContractProgress>,
}

impl RegionState {
    /// A region with nothing in it yet.
    pub fn empty() -> Self {
        RegionState {
            profile: None,
            organisations: BTreeMap::new(),
            actors: BTreeMap::new(),
            sub_kegiatan: BTreeMap::new(),
            packages: BTreeMap::new(),
            procurements: BTreeMap::new(),
            contracts: BTreeMap::new(),
            dpa_lines: BTreeMap::new(),
            progress: BTreeMap::new(),
        }
    }

    /// Folds one event into the state.
    ///
    /// # Errors
    ///
    /// The stage's error when the event is impossible in the current state.
    pub fn apply(&mut self, event: &Event) -> Result<(), ChainError> {
        match event {
            Event::Region(RegionEvent::RegionFounded { profile, founder }) => {
                self.profile = Some(profile.clone());
                self.actors.insert(founder.id(), founder.clone());
            }
            Event::Region(RegionEvent::OrganisationRegistered { organisation }) => {
                self.organisations.insert(organisation.id(), organisation.clone());
            }
            Event::Region(RegionEvent::ActorRegistered { actor }) => {
                self.actors.insert(actor.id(), actor.clone());
            }
            Event::Planning(e) => self.apply_planning(e)?,
            Event::Procurement(e) => self.apply_procurement(e)?,
            Event::Budgeting(e) => {
                let id = e.line();
                let next = DpaLine::evolve(self.dpa_lines.get(&id).cloned(), e)?;
                self.dpa_lines.insert(id, next);
            }
            Event::Monev(e) => {
                let MonevEvent::ProgressReported { report } = e;
                let next = ContractProgress::evolve(self.progress.get(&report.contract).cloned(), e)?;
                self.progress.insert(report.contract, next);
            }
        }
        Ok(())
    }

    fn apply_planning(&mut self, e: &PlanningEvent) -> Result<(), ChainError> {
        match e {
            PlanningEvent::SubKegiatanRegistered { sub_kegiatan } => {
                self.sub_kegiatan.insert(sub_kegiatan.id(), sub_kegiatan.clone());
            }
            other => {
                let id = other.package().unwrap_or(PackageId::from_u128(0));
                let next = Package::evolve(self.packages.get(&id).cloned(), other)?;
                self.packages.insert(id, next);
            }
        }
        Ok(())
    }

    fn apply_procurement(&mut self, e: &ProcurementEvent) -> Result<(), ChainError> {
        // Compute every next state before storing any, so a failing event changes nothing.
        let procurement = match e.procurement() {
            Some(id) => Some((id, Procurement::evolve(self.procurements.get(&id).cloned(), e)?)),
            None => None,
        };
        let contract = match e.contract() {
            Some(id) => Some((id, Contract::evolve(self.contracts.get(&id).cloned(), e)?)),
            None => None,
        };
        if let Some((id, next)) = procurement {
            self.procurements.insert(id, next);
        }
        if let Some((id, next)) = contract {
            self.contracts.insert(id, next);
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
            organisations: &self.organisations,
            packages: &self.packages,
            procurements: &self.procurements,
            contracts: &self.contracts,
            dpa_lines: &self.dpa_lines,
            progress: &self.progress,
        }
    }

    /// Organisations.
    pub fn organisations(&self) -> &BTreeMap<OrganisationId, Organisation> {
        &self.organisations
    }
    /// Actors.
    pub fn actors(&self) -> &BTreeMap<ActorId, Actor> {
        &self.actors
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
        &self.dpa_lines
    }
    /// Progress per contract.
    pub fn progress(&self) -> &BTreeMap<ContractId, ContractProgress> {
        &self.progress
    }
}
