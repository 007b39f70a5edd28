//! A package's trail from the log: the package's own events, every procurement announced on it
//! (failed ones too), their contracts, progress reports, payment requests and the DPA line
//! events that commit or pay those contracts, in log order.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rantai_budgeting::{BudgetingEvent, SppKind};
use rantai_core::{CoreError, PackageId, Subject};
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
    package: Uuid,
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
        let mut out = vec![AggregateRef {
            kind: AggregateKind::Package,
            id: self.package,
        }];
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
            AggregateKind::Package => id == self.package,
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

    fn members(&self, package: PackageId) -> Option<Members> {
        let state = self.state();
        let spec = state.packages().get(&package)?.spec();
        let procurements: BTreeSet<Uuid> = state
            .procurements()
            .values()
            .filter(|p| match p.plan() {
                PlanLink::Announced { packages } => packages.iter().any(|a| a.id() == package),
                other => spec.kd_rup.is_some_and(|k| other.kd_rup().contains(&k)),
            })
            .map(|p| p.spec().id.as_uuid())
            .collect();
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
        Some(Members {
            package: package.as_uuid(),
            procurements,
            contracts,
            requests,
            lines,
        })
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
        let (Some(at), Some(members)) = (
            position::position_of(&view, package, as_of, patience),
            self.members(package),
        ) else {
            return Ok(None);
        };
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
            if e.aggregate.kind == AggregateKind::Package {
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
        Ok(Some(Trail {
            package,
            kd_rup: spec.kd_rup,
            name: spec.name.clone(),
            opd: view.organisations.get(&spec.organisation).map(|o| o.code()),
            pagu: spec.pagu,
            metode: spec.metode,
            jenis: spec.jenis,
            stage: at.stage,
            stuck: at.stuck,
            procurement: at.procurement,
            contract: at.contract,
            version,
            steps,
        }))
    }
}
