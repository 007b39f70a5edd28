//! Organisation subjects, in four parts (plan: K-03 RUP coverage, P-07, P-08; absorption: K-10,
//! K-08 on TU advances, K-09; reporting: K-13; suppliers: D17, H-09; officials,
//! ), and DPA lines (K-08, D6).

use rantai_core::param;
use std::collections::{BTreeMap, BTreeSet};

use rantai_budgeting::rules::{budget_control, budget_year};
use rantai_core::{DpaLineId, FiscalYear, Money, OrganisationId, Quarter, RuleId, Rulebook, Verdict};
use rantai_planning::rules::{rup_coverage, splitting};
use rantai_procurement::rules::supplier_splitting::{self, Awarded};
use rantai_procurement::rules::{repeat_winner, separation};

use super::{ChainView, Sink};
use rantai_monev::rules::absorption;
use rantai_monev::rules::quarterly_reports::{self, ReportingInput};

/// The entries of a map keyed by (organisation, year) for one organisation.
fn of_org<V>(
    map: &BTreeMap<(OrganisationId, FiscalYear), V>,
    org: OrganisationId,
) -> impl Iterator<Item = (FiscalYear, &V)> {
    let lowest = FiscalYear::new(FiscalYear::MIN).ok();
    lowest
        .into_iter()
        .flat_map(move |lo| map.range((org, lo)..))
        .take_while(move |((o, _), _)| *o == org)
        .map(|((_, y), v)| (*y, v))
}

/// K-03 RUP coverage at 31 March, P-07 and P-08 over the organisation's packages.
pub(super) fn plan(view: &ChainView<'_>, rulebook: &Rulebook, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    let packages: Vec<_> = view
        .index
        .packages_by_org
        .get(&org)
        .into_iter()
        .flatten()
        .filter_map(|id| view.packages.get(id))
        .collect();
    // K-03 coverage at 31 March and P-07, per year with announced packages, over belanja pengadaan.
    let mut shares: BTreeMap<FiscalYear, (Money, Money)> = BTreeMap::new();
    let mut candidates = Vec::new();
    for package in &packages {
        let Some(announced) = package.as_announced() else {
            continue;
        };
        let spec = package.spec();
        let entry = shares.entry(spec.fiscal_year).or_default();
        if announced.announced_on() <= spec.fiscal_year.quarter_end(Quarter::Q1) {
            entry.0 += spec.pagu;
        }
        if spec.flags.umk {
            entry.1 += spec.pagu;
        }
        candidates.push(splitting::Candidate {
            spec,
            announced_on: announced.announced_on(),
        });
    }
    for (year, (by_march, umk)) in shares {
        let budget = view.budgets.get(&(org, year)).map(|b| b.belanja_pengadaan);
        sink.push(RuleId::K03, rup_coverage::coverage(budget, by_march, year, rulebook));
        sink.push(RuleId::P07, rup_coverage::umk_share(budget, umk, year, rulebook));
    }
    for group in splitting::check(candidates, rulebook) {
        sink.push(RuleId::P08, group.verdict);
    }
}

/// K-10 per fiscal year with DPA lines; K-08 on the TU advances (accounted for within a month);
/// K-09 on the revisions that change the organisation's lines.
pub(super) fn absorption(view: &ChainView<'_>, rulebook: &Rulebook, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    for (year, a) in of_org(view.book.organisation_absorption(), org) {
        sink.push(RuleId::K10, absorption::check(a, year, view.as_of, rulebook));
    }
    for (_, treasury) in of_org(view.book.treasuries(), org) {
        for advance in treasury.tu.values() {
            let verdict = match (view.as_of, rulebook.get(param::k08::TU_DAYS, advance.paid_on)) {
                (Some(as_of), Ok(days)) => {
                    budget_control::tu_settlement(advance.amount, advance.settled(), advance.paid_on, days, as_of)
                }
                (None, _) => Verdict::missing("the evaluation date"),
                (_, Err(_)) => Verdict::missing(format!("K-08 tu_days in force on {}", advance.paid_on)),
            };
            sink.push(RuleId::K08, verdict);
        }
    }
    revisions(view, org, sink);
}

/// K-09 over the revisions that touch the organisation's lines, each judged against the lines
/// as they stood and the revisions before it.
fn revisions(view: &ChainView<'_>, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    let book = view.book;
    let all: Vec<&rantai_budgeting::Revision> = book.revisions().values().collect();
    for revision in &all {
        let touches = revision
            .changes
            .iter()
            .any(|c| book.lines().get(&c.line).is_some_and(|l| l.spec().organisation == org));
        if !touches {
            continue;
        }
        let before = book_before(book, revision);
        let earlier: Vec<&rantai_budgeting::Revision> = all
            .iter()
            .copied()
            .filter(|r| (r.dated, r.id) < (revision.dated, revision.id))
            .collect();
        sink.push(
            RuleId::K09,
            rantai_budgeting::rules::revision::check(revision, |id| before.get(&id), &earlier),
        );
    }
}

/// Each line a revision changes, as it stood just before it (its previous version).
fn book_before(
    book: &rantai_budgeting::Book,
    revision: &rantai_budgeting::Revision,
) -> std::collections::BTreeMap<rantai_core::DpaLineId, rantai_budgeting::DpaLine> {
    revision
        .changes
        .iter()
        .filter_map(|c| book.lines().get(&c.line))
        .map(|l| (l.spec().id, l.before(revision.id)))
        .collect()
}

/// K-13 per fiscal year with DPA lines or a budget structure.
pub(super) fn reporting(view: &ChainView<'_>, rulebook: &Rulebook, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    let years: BTreeSet<FiscalYear> = of_org(view.book.organisation_absorption(), org)
        .map(|(y, _)| y)
        .chain(of_org(view.budgets, org).map(|(y, _)| y))
        .collect();
    for year in years {
        let input = ReportingInput {
            log: view.reports.get(&org),
            year,
            recorded_in_region: view.index.reporting_years.contains(&year),
            calendar: view.calendar,
            as_of: view.as_of,
        };
        sink.push(RuleId::K13, quarterly_reports::check(&input, rulebook));
    }
}

/// over the officials of the organisation: per rule, the first
/// official holding a forbidden pair of roles, with how many do.
pub(super) fn officials(view: &ChainView<'_>, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    let actors: Vec<&rantai_core::Actor> = view
        .index
        .actors_by_org
        .get(&org)
        .into_iter()
        .flatten()
        .filter_map(|id| view.actors.get(id))
        .collect();
    for rule in separation::RULES {
        let mut found = actors
            .iter()
            .map(|a| separation::check(a, org, rule))
            .filter(|v| matches!(v, Verdict::Violated(_)));
        let verdict = match (found.next(), found.count()) {
            (Some(Verdict::Violated(ev)), more) => {
                Verdict::Violated(ev.with("officials_in_conflict", i64::try_from(more + 1).unwrap_or(i64::MAX)))
            }
            _ => Verdict::Pass,
        };
        sink.push(rule, verdict);
    }
}

/// The organisation's contracts with the method of the procurement each closes.
fn awarded<'a>(view: &ChainView<'a>, org: OrganisationId) -> impl Iterator<Item = Awarded<'a>> {
    let (contracts, procurements) = (view.contracts, view.procurements);
    view.index
        .contracts_by_org
        .get(&org)
        .into_iter()
        .flatten()
        .filter_map(move |id| contracts.get(id))
        .filter_map(move |c| {
            let metode = procurements.get(&c.terms().procurement)?.spec().metode;
            Some(Awarded {
                terms: c.terms(),
                metode,
            })
        })
}

/// D17 and H-09 over the organisation's contracts.
pub(super) fn suppliers(view: &ChainView<'_>, rulebook: &Rulebook, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    let contracts = awarded(view, org);
    for (_, verdict) in supplier_splitting::check(contracts, rulebook) {
        sink.push(RuleId::D17, verdict);
    }
    repeat_winners(view, rulebook, org, sink);
}

/// H-09: providers winning at least `min_wins` competitive procurements of the organisation in
/// one fiscal year.
fn repeat_winners(view: &ChainView<'_>, rulebook: &Rulebook, org: OrganisationId, sink: &mut Sink<'_, '_>) {
    let mut by_year: BTreeMap<FiscalYear, Vec<rantai_core::ActorId>> = BTreeMap::new();
    for a in awarded(view, org).filter(|a| a.metode.is_competitive()) {
        by_year.entry(a.terms.fiscal_year).or_default().push(a.terms.provider);
    }
    for (year, winners) in by_year {
        for (provider, verdict) in repeat_winner::check(winners, year.last_day(), rulebook) {
            let verdict = match verdict {
                Verdict::Violated(ev) => Verdict::Violated(
                    ev.with("provider", provider.to_string())
                        .with("fiscal_year", i64::from(year.year())),
                ),
                other => other,
            };
            sink.push(RuleId::H09, verdict);
        }
    }
}

/// K-08 and D6 over a DPA line.
pub(super) fn dpa_line(view: &ChainView<'_>, id: DpaLineId, sink: &mut Sink<'_, '_>) {
    let Some(line) = view.dpa_lines.get(&id) else {
        return;
    };
    sink.push(RuleId::K08, line_control_verdict(view, line));
    sink.push(RuleId::D6, budget_year::payments(line.spec(), line.payments()));
}

/// K-08 over a DPA line: commitments within the pagu, payments within each commitment.
fn line_control_verdict(view: &ChainView<'_>, line: &rantai_budgeting::DpaLine) -> Verdict {
    let ordering = budget_control::ordering(line);
    if ordering != Verdict::Pass {
        return ordering;
    }
    for c in line.commitments() {
        if let Verdict::Violated(ev) = budget_control::paid_within(c.amount, c.paid) {
            let contract = view
                .contracts
                .get(&c.contract)
                .map_or_else(|| c.contract.to_string(), |k| k.terms().spec.nomor.to_string());
            return Verdict::Violated(ev.with("contract", contract));
        }
    }
    Verdict::Pass
}
