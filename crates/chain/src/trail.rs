//! A package's trail from the log: the package's own events, every procurement announced on it
//! (failed ones too), their contracts, progress reports and payments, in log order.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rantai_budgeting::{BudgetingEvent, SppKind};
use rantai_core::{CoreError, PackageId, SppId, Subject};
use rantai_engine::position::{self, Patience};
use rantai_engine::query::{Trail, TrailStep};
use rantai_procurement::PlanLink;
use uuid::Uuid;

use crate::chain::Chain;
use crate::event::Event;
use crate::impact::{Touched, touched};
use crate::log::AggregateKind;

impl Chain {
    /// The trail of `package` as of `as_of`, or `None` when the region has no such package.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rulebook has no patience in force on `as_of`.
    pub fn trail(&self, package: PackageId, as_of: NaiveDate) -> Result<Option<Trail>, CoreError> {
        let state = self.state();
        let view = state.view().as_of(as_of);
        let Some(found) = view.packages.get(&package) else {
            return Ok(None);
        };
        let spec = found.spec();
        let patience = Patience::from_rulebook(self.rulebook(), as_of)?;
        let Some(at) = position::position_of(&view, package, as_of, patience) else {
            return Ok(None);
        };
        let procurements: BTreeSet<Uuid> = view
            .procurements
            .values()
            .filter(|p| match p.plan() {
                PlanLink::Announced { packages } => packages.iter().any(|a| a.id() == package),
                other => spec.kd_rup.is_some_and(|k| other.kd_rup().contains(&k)),
            })
            .map(|p| p.spec().id.as_uuid())
            .collect();
        let contracts: BTreeSet<Uuid> = view
            .contracts
            .values()
            .filter(|c| procurements.contains(&c.terms().procurement.as_uuid()))
            .map(|c| c.terms().spec.id.as_uuid())
            .collect();
        // A payment request (SPP → SPM → SP2D) belongs to the contract it pays; a DPA line's
        // event belongs when it commits, releases or pays the contract.
        let requested_for_contract = |id: Uuid| {
            state.book().requests().get(&SppId::from_uuid(id)).is_some_and(
                |r| matches!(&r.spp.kind, SppKind::Ls { contract, .. } if contracts.contains(&contract.as_uuid())),
            )
        };
        let line_event_of_contract = |event: &Event| match event {
            Event::Budgeting(
                BudgetingEvent::ContractCommitted { contract, .. }
                | BudgetingEvent::CommitmentReleased { contract, .. },
            ) => contracts.contains(&contract.as_uuid()),
            other => match touched(state, other) {
                Touched::Everything => false,
                Touched::Subjects(s) => s
                    .iter()
                    .any(|(subject, _)| matches!(subject, Subject::Contract(c) if contracts.contains(&c.as_uuid()))),
            },
        };
        let mut version = 0;
        let mut steps = Vec::new();
        for e in self.log().entries() {
            let id = e.aggregate.id;
            let belongs = match e.aggregate.kind {
                AggregateKind::Package => id == package.as_uuid(),
                AggregateKind::Procurement => procurements.contains(&id),
                AggregateKind::Contract | AggregateKind::Progress => contracts.contains(&id),
                AggregateKind::Payment => !contracts.is_empty() && requested_for_contract(id),
                AggregateKind::DpaLine => !contracts.is_empty() && line_event_of_contract(&e.payload),
                _ => false,
            };
            if !belongs {
                continue;
            }
            if e.aggregate.kind == AggregateKind::Package {
                version = e.sequence;
            }
            steps.push(TrailStep {
                sequence: e.sequence,
                hash: String::from_utf8_lossy(&e.hash.to_hex()).into_owned(),
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
