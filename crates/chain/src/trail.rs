//! A package's trail from the log: the package's own events, every procurement announced on it
//! (failed ones too), their contracts, progress reports, payment requests and the DPA line
//! events that commit or pay those contracts, in log order.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rantai_budgeting::{BudgetingEvent, SppKind};
use rantai_core::{CoreError, KodeRup, PackageId, ProcurementId, Subject};
use rantai_engine::position::{self, Patience};
use rantai_engine::query::{Trail, TrailStep};
use rantai_procurement::PlanLink;
use uuid::Uuid;

use crate::chain::Chain;
use crate::event::Event;
use crate::impact::{Touched, touched};
use crate::log::{AggregateKind, AggregateRef, EventEnvelope};

/// What belongs to a package's trail.
struct Members {
    /// The RUP package, when the data holds it.
    package: Option<Uuid>,
    procurements: BTreeSet<Uuid>,
    contracts: BTreeSet<Uuid>,
    requests: BTreeSet<Uuid>,
    lines: BTreeSet<Uuid>,
}

impl Members {
    /// Every aggregate whose events may belong to the trail.
    fn aggregates(&self) -> Vec<AggregateRef> {
        fn of(kind: AggregateKind, ids: &BTreeSet<Uuid>) -> impl Iterator<Item = AggregateRef> + '_ {
            ids.iter().map(move |id| AggregateRef { kind, id: *id })
        }
        let mut out: Vec<AggregateRef> = self
            .package
            .map(|id| AggregateRef {
                kind: AggregateKind::Package,
                id,
            })
            .into_iter()
            .collect();
        out.extend(of(AggregateKind::Procurement, &self.procurements));
        out.extend(of(AggregateKind::Contract, &self.contracts));
        out.extend(of(AggregateKind::Progress, &self.contracts));
        out.extend(of(AggregateKind::Payment, &self.requests));
        out.extend(of(AggregateKind::DpaLine, &self.lines));
        out
    }

    /// Whether `e` is on the trail: every event of the package, its procurements, contracts,
    /// progress and payment requests; of a DPA line, only those that commit, release or pay one
    /// of the contracts.
    fn holds(&self, chain: &Chain, e: &EventEnvelope) -> bool {
        let id = e.aggregate.id;
        match e.aggregate.kind {
            AggregateKind::Package => Some(id) == self.package,
            AggregateKind::Procurement => self.procurements.contains(&id),
            AggregateKind::Contract | AggregateKind::Progress => self.contracts.contains(&id),
            AggregateKind::Payment => self.requests.contains(&id),
            AggregateKind::DpaLine => self.lines.contains(&id) && self.pays_a_contract(chain, &e.payload),
            _ => false,
        }
    }

    fn pays_a_contract(&self, chain: &Chain, event: &Event) -> bool {
        match event {
            Event::Budgeting(
                BudgetingEvent::ContractCommitted { contract, .. }
                | BudgetingEvent::CommitmentReleased { contract, .. },
            ) => self.contracts.contains(&contract.as_uuid()),
            other => match touched(chain.state(), other) {
                Touched::Everything => false,
                Touched::Subjects(s) => s.iter().any(
                    |(subject, _)| matches!(subject, Subject::Contract(c) if self.contracts.contains(&c.as_uuid())),
                ),
            },
        }
    }
}

impl Chain {
    /// The trail of `package` as of `as_of`, or `None` when the region has no such package. It
    /// reads the whole log; a server that keeps the sequences of each aggregate's events calls
    /// [`Chain::trail_indexed`].
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rulebook has no patience in force on `as_of`.
    pub fn trail(&self, package: PackageId, as_of: NaiveDate) -> Result<Option<Trail>, CoreError> {
        self.trail_from(package, as_of, None)
    }

    /// As [`Chain::trail`], reading only the events `events_of` gives for each aggregate (the
    /// sequences of its events, in any order).
    ///
    /// # Errors
    ///
    /// As [`Chain::trail`].
    pub fn trail_indexed(
        &self,
        package: PackageId,
        as_of: NaiveDate,
        events_of: &dyn Fn(AggregateRef) -> Vec<u64>,
    ) -> Result<Option<Trail>, CoreError> {
        self.trail_from(package, as_of, Some(events_of))
    }

    /// The members of the trail of `package` (when the data holds it) and of the procurements
    /// that name `kd_rup`.
    fn members(&self, package: Option<PackageId>, kd_rup: Option<KodeRup>) -> Members {
        let procurements: BTreeSet<Uuid> = self
            .state()
            .procurements()
            .values()
            .filter(|p| match p.plan() {
                PlanLink::Announced { packages } => packages.iter().any(|a| Some(a.id()) == package),
                other => kd_rup.is_some_and(|k| other.kd_rup().contains(&k)),
            })
            .map(|p| p.spec().id.as_uuid())
            .collect();
        self.members_of(package, procurements)
    }

    /// The members of the trail of `package` and of these procurements: their contracts, the
    /// payment requests and DPA lines of those contracts.
    fn members_of(&self, package: Option<PackageId>, procurements: BTreeSet<Uuid>) -> Members {
        let state = self.state();
        let contracts: BTreeSet<Uuid> = state
            .contracts()
            .values()
            .filter(|c| procurements.contains(&c.terms().procurement.as_uuid()))
            .map(|c| c.terms().spec.id.as_uuid())
            .collect();
        let mut requests = BTreeSet::new();
        let mut lines = BTreeSet::new();
        if !contracts.is_empty() {
            for (id, r) in state.book().requests() {
                if let SppKind::Ls { line, contract, .. } = &r.spp.kind
                    && contracts.contains(&contract.as_uuid())
                {
                    requests.insert(id.as_uuid());
                    lines.insert(line.as_uuid());
                }
            }
            for (id, line) in state.book().lines() {
                if line.commitments().any(|c| contracts.contains(&c.contract.as_uuid())) {
                    lines.insert(id.as_uuid());
                }
            }
        }
        Members {
            package: package.map(|p| p.as_uuid()),
            procurements,
            contracts,
            requests,
            lines,
        }
    }

    /// The trail behind `kd_rup`: its RUP package's when the data holds the package, otherwise
    /// (SPSE data without SIRUP's) the procurements of one satker that name the code — the
    /// satker of the latest of them — with their contracts, payments and reports, described by
    /// that latest procurement (its contract, its last event as the version) and with no stage
    /// (a stage needs the plan). `None` when nothing names the code.
    ///
    /// # Errors
    ///
    /// As [`Chain::trail`].
    pub fn trail_of_kd_rup(
        &self,
        kd_rup: KodeRup,
        as_of: NaiveDate,
        events_of: Option<&dyn Fn(AggregateRef) -> Vec<u64>>,
    ) -> Result<Option<Trail>, CoreError> {
        if let Some(p) = self.state().package_by_kd_rup(kd_rup) {
            return self.trail_from(p.spec().id, as_of, events_of);
        }
        let mut members = self.members(None, Some(kd_rup));
        let view = self.state().view().as_of(as_of);
        let Some(latest) = members
            .procurements
            .iter()
            .filter_map(|id| view.procurements.get(&ProcurementId::from_uuid(*id)))
            .max_by_key(|p| (p.spec().announced_on, p.spec().id))
        else {
            return Ok(None);
        };
        let spec = latest.spec();
        // Another satker citing the same code is not this trail: its reader may not see it.
        let own: BTreeSet<Uuid> = members
            .procurements
            .iter()
            .copied()
            .filter(|id| {
                view.procurements
                    .get(&ProcurementId::from_uuid(*id))
                    .is_some_and(|p| p.spec().organisation == spec.organisation)
            })
            .collect();
        if own.len() < members.procurements.len() {
            members = self.members_of(None, own);
        }
        let latest_ref = AggregateRef {
            kind: AggregateKind::Procurement,
            id: spec.id.as_uuid(),
        };
        let (version, steps) = self.steps(&members, events_of, latest_ref);
        let contract = view
            .contracts
            .values()
            .find(|c| c.terms().procurement == spec.id)
            .map(|c| c.terms().spec.id);
        Ok(Some(Trail {
            package: None,
            kd_rup: Some(kd_rup),
            name: spec.name.clone(),
            opd: view.organisations.get(&spec.organisation).map(|o| o.code()),
            pagu: spec.pagu,
            metode: spec.metode,
            jenis: spec.jenis,
            stage: None,
            stuck: None,
            procurement: Some(spec.id),
            contract,
            version,
            steps,
        }))
    }

    /// The events of the trail, in log order, and the sequence of the last one of `versioned`
    /// (the aggregate whose version the trail answers with).
    fn steps(
        &self,
        members: &Members,
        events_of: Option<&dyn Fn(AggregateRef) -> Vec<u64>>,
        versioned: AggregateRef,
    ) -> (u64, Vec<TrailStep>) {
        let entries = self.log().entries();
        let candidates: Box<dyn Iterator<Item = &EventEnvelope>> = match events_of {
            None => Box::new(entries.iter()),
            Some(index) => {
                let mut sequences: Vec<u64> = members.aggregates().into_iter().flat_map(index).collect();
                sequences.sort_unstable();
                sequences.dedup();
                Box::new(
                    sequences
                        .into_iter()
                        .filter_map(|s| entries.get(usize::try_from(s).ok()?)),
                )
            }
        };
        let mut version = 0;
        let mut steps = Vec::new();
        for e in candidates.filter(|e| members.holds(self, e)) {
            if e.aggregate == versioned {
                version = e.sequence;
            }
            steps.push(TrailStep {
                sequence: e.sequence,
                hash: e.hash.to_string(),
                occurred_at: e.occurred_at,
                aggregate: e.aggregate.kind.as_str().to_string(),
                event: e.payload.name().to_string(),
                provenance: e.provenance.clone(),
            });
        }
        (version, steps)
    }

    fn trail_from(
        &self,
        package: PackageId,
        as_of: NaiveDate,
        events_of: Option<&dyn Fn(AggregateRef) -> Vec<u64>>,
    ) -> Result<Option<Trail>, CoreError> {
        let view = self.state().view().as_of(as_of);
        let Some(found) = view.packages.get(&package) else {
            return Ok(None);
        };
        let spec = found.spec();
        let patience = Patience::from_rulebook(self.rulebook(), as_of)?;
        let Some(at) = position::position_of(&view, package, as_of, patience) else {
            return Ok(None);
        };
        let members = self.members(Some(package), spec.kd_rup);
        let package_ref = AggregateRef {
            kind: AggregateKind::Package,
            id: package.as_uuid(),
        };
        let (version, steps) = self.steps(&members, events_of, package_ref);
        Ok(Some(Trail {
            package: Some(package),
            kd_rup: spec.kd_rup,
            name: spec.name.clone(),
            opd: view.organisations.get(&spec.organisation).map(|o| o.code()),
            pagu: spec.pagu,
            metode: spec.metode,
            jenis: spec.jenis,
            stage: Some(at.stage),
            stuck: at.stuck,
            procurement: at.procurement,
            contract: at.contract,
            version,
            steps,
        }))
    }
}
