//! Procurement subjects: K-04, K-05, H-01, P-01/P-02, P-03, P-04, P-09, P-10, K-06, H-02, H-07, H-08, the conflicts of interest H-10 and H-11, the SPSE
//! schedule rules T-01, T-02, T-04, T-05, the peer window T-08, the objections T-03, the duration score T-07, the Pokja R-03 and the package's half of R-01, a failure's ground and follow-up T-09, and the plan-vs-actual
//! checks D1, D2, D8, D9 and D20.

use rantai_core::{ProcurementId, RuleId, Rulebook, Verdict};
use rantai_planning::rules::{method_fit, pl_ceiling};
use rantai_procurement::PlanLink;
use rantai_procurement::rules::failed_tender::{self, FollowUp};
use rantai_procurement::rules::{
    announced_plan, award_vs_estimate, award_vs_hps, date_order, hps_vs_pagu, lowest_price, plan_consistency,
    plan_organisation, schedule_rules, schedule_vs_plan, single_bid,
};
use rantai_procurement::rules::{
    award_duration, conflict_of_interest, direct_basis, objections, performance_bond, plan_consumed,
    procurement_officials, selecting_official, tender_cepat, tender_window,
};

use super::{ChainView, Sink};

pub(super) fn procurement(view: &ChainView<'_>, rulebook: &Rulebook, id: ProcurementId, sink: &mut Sink<'_, '_>) {
    let Some(procurement) = view.procurements.get(&id) else {
        return;
    };
    let spec = procurement.spec();
    let plan = procurement.plan();
    sink.push(RuleId::K04, announced_plan::check(plan));
    let k05 = match plan_consistency::check(spec, plan) {
        Verdict::Pass if spec.metode == rantai_core::MetodePemilihan::EPurchasing => catalogue_orders(view, id, plan),
        other => other,
    };
    sink.push(RuleId::K05, k05);
    sink.push(RuleId::H01, hps_vs_pagu::check(spec));
    let (rule, verdict) = pl_ceiling::check(spec.jenis, spec.metode, spec.pagu, spec.announced_on, rulebook);
    sink.push(rule, verdict);
    sink.push(RuleId::P03, method_fit::check(spec.jenis, spec.metode));
    let slip = match plan {
        PlanLink::Announced { packages } => packages
            .iter()
            .map(|p| {
                let w = p.spec().selection;
                schedule_vs_plan::selection_slip(w.start, w.end, spec.announced_on, rulebook)
            })
            .find(|v| *v != Verdict::Pass)
            .unwrap_or(Verdict::Pass),
        _ => Verdict::missing("the announced plan's selection window"),
    };
    sink.push(RuleId::K06, slip);
    if let Some(award) = procurement.award() {
        sink.push(RuleId::H02, award_vs_hps::check(spec, award.price));
        sink.push(RuleId::D8, award_vs_estimate::far_below(spec, award, rulebook));
        sink.push(RuleId::D9, award_vs_estimate::at_estimate(spec, award, rulebook));
    }
    // One offer is the design of the direct methods; only competitive ones are judged.
    let (h07, h08) = if spec.metode.is_competitive() {
        let bids = procurement.bids();
        (
            single_bid::check_registered(bids, procurement.award().is_some(), procurement.registered().len()),
            lowest_price::check(bids, procurement.award(), spec.evaluation),
        )
    } else {
        (Verdict::Pass, Verdict::Pass)
    };
    sink.push(RuleId::H07, h07);
    // H-04 judges the winner's offer of a competition (the Pokja's price clarification).
    let h04 = match procurement.award() {
        Some(award) if spec.metode.is_competitive() => performance_bond::low_offer(
            &performance_bond::bond_terms(procurement, award.price, award.awarded_on),
            rulebook,
        ),
        _ => Verdict::Pass,
    };
    sink.push(RuleId::H04, h04);
    let t07 = match procurement.award() {
        Some(award) if spec.metode.is_competitive() => {
            award_duration::check(spec.announced_on, award.awarded_on, rulebook)
        }
        _ => Verdict::Pass,
    };
    sink.push(RuleId::T07, t07);
    sink.push(RuleId::H08, h08);
    let bids = procurement.bids();
    let on = procurement.award().map_or(spec.announced_on, |a| a.awarded_on);
    sink.push(
        RuleId::H10,
        conflict_of_interest::common_control(bids, view.ownership, None, on, rulebook),
    );
    sink.push(
        RuleId::H11,
        conflict_of_interest::official_tie(bids, &spec.officials, view.ownership, None, on, rulebook),
    );
    // The stage tables are those of tenders and seleksi; direct methods have no such schedule.
    let (t01, t02, t04, t05) = match procurement.schedule() {
        _ if !spec.metode.is_competitive() => (Verdict::Pass, Verdict::Pass, Verdict::Pass, Verdict::Pass),
        Some(s) => (
            schedule_rules::order(s),
            schedule_rules::sanggah(s, rulebook),
            schedule_rules::aanwijzing(s, view.calendar, rulebook),
            schedule_rules::working_day_ends(s, view.calendar),
        ),
        None => {
            let missing = || Verdict::missing("the SPSE schedule (jadwal tahapan)");
            (missing(), missing(), missing(), missing())
        }
    };
    sink.push(RuleId::T03, objections::check(spec, procurement.objections(), rulebook));
    sink.push(RuleId::T01, t01);
    sink.push(RuleId::T02, t02);
    sink.push(RuleId::T04, t04);
    sink.push(RuleId::T05, t05);
    sink.push(
        RuleId::T08,
        tender_window::check(spec, procurement.schedule(), rulebook),
    );
    // Pasal 51 governs failed tenders and seleksi; a direct method's cancellation is not one.
    if let Some(failure) = procurement.failure().filter(|_| spec.metode.is_competitive()) {
        sink.push(
            RuleId::T09,
            failed_tender::check(failure, follow_up(view, id).as_ref(), view.as_of, rulebook),
        );
    } else {
        sink.push(RuleId::T09, Verdict::Pass);
    }
    sink.push(
        RuleId::P09,
        direct_basis::check(spec, |other| {
            crate::index::cited_retender(view.procurements, view.index, &plan.kd_rup(), other)
        }),
    );
    sink.push(RuleId::P10, tender_cepat::check(spec));
    sink.push(RuleId::P04, selecting_official::check(spec, rulebook));
    sink.push(RuleId::R03, procurement_officials::pokja_size(spec, rulebook));
    sink.push(RuleId::R01, procurement_officials::same_package(spec));
    // A failed procurement gave its packages back: it consumes no plan line.
    let d1 = if procurement.failure().is_some() {
        Verdict::Pass
    } else {
        plan_consumed(view, id, spec.metode, plan)
    };
    sink.push(RuleId::D1, d1);
    sink.push(RuleId::D2, plan_organisation::check(spec, plan));
    sink.push(RuleId::D20, date_order::procurement(procurement));
}

/// The first procurement of one of the same SIRUP codes announced on or after the failed one —
/// the re-tender, whenever the failure was declared (SPSE does not date it).
fn follow_up(view: &ChainView<'_>, id: ProcurementId) -> Option<FollowUp> {
    let procurement = view.procurements.get(&id)?;
    procurement
        .plan()
        .kd_rup()
        .iter()
        .filter_map(|code| view.index.procurements_by_kd_rup.get(code))
        .flatten()
        .filter(|other| **other != id)
        .filter_map(|other| view.procurements.get(other))
        .filter(|p| p.spec().announced_on >= procurement.spec().announced_on)
        .min_by_key(|p| (p.spec().announced_on, p.spec().id))
        .map(|p| FollowUp {
            name: p.spec().name.clone(),
            announced_on: p.spec().announced_on,
        })
}

fn plan_consumed(
    view: &ChainView<'_>,
    id: ProcurementId,
    metode: rantai_core::MetodePemilihan,
    plan: &PlanLink,
) -> Verdict {
    let PlanLink::Announced { packages } = plan else {
        return Verdict::Pass;
    };
    for p in packages {
        let first = view
            .index
            .procured
            .get(&p.id())
            .filter(|first| **first != id)
            .and_then(|first| view.procurements.get(first));
        let verdict = plan_consumed::check(p.id(), p.spec().kd_rup, metode, first.map(|f| f.spec()));
        if verdict != Verdict::Pass {
            return verdict;
        }
    }
    Verdict::Pass
}

/// K-05 for a catalogue order: the standing e-purchasing orders of its packages (this one
/// included) within the packages' pagu.
fn catalogue_orders(view: &ChainView<'_>, id: ProcurementId, plan: &PlanLink) -> Verdict {
    let PlanLink::Announced { packages } = plan else {
        return Verdict::Pass;
    };
    let values = crate::index::standing_orders(view.procurements, view.index, &plan.kd_rup(), Some(id));
    plan_consistency::catalogue_orders(packages.iter().map(|p| &p.spec().pagu), &values)
}
