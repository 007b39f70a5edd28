//! Which subjects an event touches: what the engine must evaluate again after it. Asked of the
//! state both before and after the event, so a package moved to another sub-kegiatan re-evaluates
//! the old one and the new one.

use rantai_budgeting::{BudgetingEvent, SppKind};
use rantai_core::{OrganisationId, Subject};
use rantai_engine::Part;
use rantai_monev::MonevEvent;
use rantai_planning::PlanningEvent;
use rantai_procurement::ProcurementEvent;
use rantai_procurement::rules::separation;

use crate::event::{Event, RegionEvent};
use crate::state::RegionState;

/// What an event touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Touched {
    /// Everything (the region's founding changes every level check).
    Everything,
    /// These parts of subjects.
    Subjects(Vec<(Subject, Part)>),
}

fn whole(subject: Subject) -> (Subject, Part) {
    (subject, Part::Whole)
}

fn org(id: OrganisationId, part: Part) -> (Subject, Part) {
    (Subject::Organisation(id), part)
}

fn package_subjects(state: &RegionState, id: rantai_core::PackageId, out: &mut Vec<(Subject, Part)>) {
    out.push(whole(Subject::Package(id)));
    if let Some(p) = state.packages().get(&id) {
        let spec = p.spec();
        out.push(org(spec.organisation, Part::Plan));
        out.extend(spec.funding.iter().map(|l| whole(Subject::SubKegiatan(l.sub_kegiatan))));
    }
}

fn all_organisations(state: &RegionState, part: Part) -> Vec<(Subject, Part)> {
    state
        .view()
        .organisation_ids()
        .into_iter()
        .map(|id| org(id, part))
        .collect()
}

/// The subjects `event` touches, read from `state` (call it on the state before and after).
pub(crate) fn touched(state: &RegionState, event: &Event) -> Touched {
    let mut out = Vec::new();
    match event {
        Event::Region(RegionEvent::RegionFounded { .. }) => return Touched::Everything,
        Event::Region(RegionEvent::HolidaysDeclared { .. }) => {
            // Working days move K-13 deadlines and T-05 stage ends.
            out = all_organisations(state, Part::Reporting);
            out.extend(
                state
                    .procurements()
                    .iter()
                    .filter(|(_, p)| p.schedule().is_some())
                    .map(|(id, _)| whole(Subject::Procurement(*id))),
            );
        }
        Event::Region(RegionEvent::OwnershipDeclared { ownership, .. }) => {
            // H-10 and H-11 of every procurement the provider bid in.
            out.extend(
                state
                    .procurements()
                    .iter()
                    .filter(|(_, p)| p.bids().iter().any(|b| b.provider == ownership.provider))
                    .map(|(id, _)| whole(Subject::Procurement(*id))),
            );
        }
        Event::Region(RegionEvent::OrganisationRegistered { organisation }) => {
            out.extend(Part::ORGANISATION.map(|p| org(organisation.id(), p)));
        }
        Event::Region(RegionEvent::ActorRegistered { actor }) => {
            // The organisations of the grants before (touched is called before applying) and after.
            let before = state.actors().get(&actor.id());
            let orgs = before.into_iter().chain([actor]).flat_map(separation::organisations);
            out.extend(orgs.map(|o| org(o, Part::Officials)));
        }
        Event::Planning(PlanningEvent::BudgetStructureRegistered { budget }) => {
            out.extend([
                org(budget.organisation, Part::Plan),
                org(budget.organisation, Part::Reporting),
            ]);
        }
        Event::Planning(PlanningEvent::ProgramRegistered { program }) => out.push(whole(Subject::Program(program.id))),
        Event::Planning(PlanningEvent::KegiatanRegistered { kegiatan }) => {
            out.extend([
                whole(Subject::Kegiatan(kegiatan.id)),
                whole(Subject::Program(kegiatan.program)),
            ]);
        }
        Event::Planning(PlanningEvent::SubKegiatanRegistered { sub_kegiatan }) => {
            out.push(whole(Subject::SubKegiatan(sub_kegiatan.id())));
            out.extend(sub_kegiatan.kegiatan().map(|k| whole(Subject::Kegiatan(k))));
            // K-07 reads the sub-kegiatan of each funding line: packages recorded before it.
            let drawing = state.index().packages_by_sub_kegiatan.get(&sub_kegiatan.id());
            out.extend(drawing.into_iter().flatten().map(|p| whole(Subject::Package(*p))));
        }
        Event::Planning(PlanningEvent::PackagesConsolidated { into, from, .. }) => {
            package_subjects(state, into.id, &mut out);
            for id in from {
                package_subjects(state, *id, &mut out);
            }
        }
        Event::Planning(e) => {
            if let Some(id) = e.package() {
                package_subjects(state, id, &mut out);
            }
        }
        Event::Procurement(e) => {
            out.extend(e.procurement().map(|id| whole(Subject::Procurement(id))));
            out.extend(e.contract().map(|id| whole(Subject::Contract(id))));
            if let ProcurementEvent::ContractSigned { terms, .. } = e {
                out.push(org(terms.organisation, Part::Suppliers));
            }
            // A failure settles the P-09 of a Penunjukan Langsung that cites it as its failed re-tender.
            if let ProcurementEvent::ProcurementFailed { procurement, .. } = e {
                // The packages it gives back pass to another procurement of them (D1).
                let codes = state
                    .procurements()
                    .get(procurement)
                    .map(|p| p.plan().kd_rup())
                    .unwrap_or_default();
                for code in codes {
                    for other in state.index().procurements_by_kd_rup.get(&code).into_iter().flatten() {
                        out.push(whole(Subject::Procurement(*other)));
                    }
                }
                for p in state.procurements().values() {
                    if p.spec().direct_basis
                        == Some(rantai_procurement::DirectBasis::FailedRetender {
                            procurement: *procurement,
                        })
                    {
                        out.push(whole(Subject::Procurement(p.spec().id)));
                    }
                }
            }
            // A confirmed catalogue order changes the ordered total of its package's other orders (K-05).
            let confirmed_order = match e {
                ProcurementEvent::TenderAwarded { procurement, .. } => state
                    .procurements()
                    .get(procurement)
                    .filter(|p| p.spec().metode == rantai_core::MetodePemilihan::EPurchasing),
                _ => None,
            };
            if let Some(order) = confirmed_order {
                for code in order.plan().kd_rup() {
                    for other in state.index().procurements_by_kd_rup.get(&code).into_iter().flatten() {
                        out.push(whole(Subject::Procurement(*other)));
                    }
                }
            }
            // A new procurement of the same SIRUP codes is the follow-up of an earlier failure (T-09).
            if let ProcurementEvent::TenderAnnounced { plan, .. } = e {
                for code in plan.kd_rup() {
                    for earlier in state.index().procurements_by_kd_rup.get(&code).into_iter().flatten() {
                        out.push(whole(Subject::Procurement(*earlier)));
                    }
                }
            }
        }
        Event::Budgeting(e) => budgeting_subjects(state, e, &mut out),
        Event::Monev(MonevEvent::IndicatorRealised { realisation }) => out.push(whole(realisation.subject)),
        Event::Monev(MonevEvent::QuarterlyReportSubmitted { report }) => {
            if !state.index().reporting_years.contains(&report.fiscal_year) {
                // The region's first submission of the year makes K-13 decidable everywhere.
                out = all_organisations(state, Part::Reporting);
            }
            out.push(org(report.organisation, Part::Reporting));
        }
        Event::Monev(e) => out.extend(e.contract().map(|id| whole(Subject::Contract(id)))),
    }
    Touched::Subjects(out)
}

/// A budgeting event touches its line and the line's organisation (absorption, TU, K-09), and
/// the contract it pays.
fn budgeting_subjects(state: &RegionState, e: &BudgetingEvent, out: &mut Vec<(Subject, Part)>) {
    let book = state.book();
    let line = |id: rantai_core::DpaLineId, out: &mut Vec<(Subject, Part)>| {
        out.push(whole(Subject::DpaLine(id)));
        if let Some(l) = book.lines().get(&id) {
            out.push(org(l.spec().organisation, Part::Absorption));
        }
    };
    match e {
        BudgetingEvent::DpaLineOpened { spec } => {
            out.extend([
                whole(Subject::DpaLine(spec.id)),
                org(spec.organisation, Part::Absorption),
                org(spec.organisation, Part::Reporting),
            ]);
        }
        BudgetingEvent::Sp2dPaid { line: id, payment } => {
            line(*id, out);
            out.push(whole(Subject::Contract(payment.contract)));
        }
        BudgetingEvent::Sp2dIssued { spp, .. } => {
            if let Some(r) = book.requests().get(spp) {
                out.push(org(r.spp.organisation, Part::Absorption));
                if let SppKind::Ls { line: id, contract, .. } = &r.spp.kind {
                    line(*id, out);
                    out.push(whole(Subject::Contract(*contract)));
                }
            }
        }
        BudgetingEvent::TuReturned { organisation, .. } => out.push(org(*organisation, Part::Absorption)),
        BudgetingEvent::BudgetRevised { revision } => {
            for c in &revision.changes {
                line(c.line, out);
            }
        }
        BudgetingEvent::SppSubmitted { .. }
        | BudgetingEvent::SppVerified { .. }
        | BudgetingEvent::SpmIssued { .. }
        | BudgetingEvent::SppRefused { .. } => {}
        other => {
            if let Some(id) = other.line() {
                line(id, out);
            }
        }
    }
}
