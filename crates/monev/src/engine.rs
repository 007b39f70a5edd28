//! The discrepancy engine: every rule of the catalogue over the whole chain, one outcome per rule
//! and subject — `Found` with evidence, `NotFound`, or `Insufficient` — in a stable order.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_budgeting::DpaLine;
use rantai_budgeting::rules::{budget_control, payment_vs_contract};
use rantai_core::{
    ContractId, DpaLineId, Finding, FiscalYear, KegiatanId, Money, Organisation, OrganisationId, Outcome, PackageId,
    ProcurementId, ProgramId, RegionProfile, RuleId, Rulebook, SubKegiatanId, Subject, Verdict,
};
use rantai_planning::rules::{
    method_fit, pl_ceiling, region_level, rup_coverage, splitting, sub_kegiatan_budget, umk_reservation,
};
use rantai_planning::{BudgetStructure, Kegiatan, Package, Program, SubKegiatan};
use rantai_procurement::rules::{
    addendum_limit, announced_plan, award_vs_hps, contract_form, contract_vs_hps, hps_vs_pagu, plan_consistency,
    schedule_vs_plan,
};
use rantai_procurement::{Contract, PlanLink, Procurement};

use crate::progress::{ContractProgress, planned_progress};
use crate::rules::kontrak_kritis::{self, KritisInput};
use crate::rules::payment_vs_progress::{self, PaymentProgressInput};

/// A read-only view of one region's chain, as the engine and the read models see it.
#[derive(Clone, Copy, Debug)]
pub struct ChainView<'a> {
    /// The region, once founded.
    pub region: Option<&'a RegionProfile>,
    /// Budget structures by organisation and year.
    pub budgets: &'a BTreeMap<(OrganisationId, FiscalYear), BudgetStructure>,
    /// Programs with their pagu.
    pub programs: &'a BTreeMap<ProgramId, Program>,
    /// Kegiatan with their pagu.
    pub kegiatan: &'a BTreeMap<KegiatanId, Kegiatan>,
    /// Sub-kegiatan with their pagu.
    pub sub_kegiatan: &'a BTreeMap<SubKegiatanId, SubKegiatan>,
    /// Organisations.
    pub organisations: &'a BTreeMap<OrganisationId, Organisation>,
    /// RUP packages.
    pub packages: &'a BTreeMap<PackageId, Package>,
    /// Procurements.
    pub procurements: &'a BTreeMap<ProcurementId, Procurement>,
    /// Contracts.
    pub contracts: &'a BTreeMap<ContractId, Contract>,
    /// DPA lines.
    pub dpa_lines: &'a BTreeMap<DpaLineId, DpaLine>,
    /// Progress reports per contract.
    pub progress: &'a BTreeMap<ContractId, ContractProgress>,
    /// Σ SP2D per contract over all DPA lines (an index the chain keeps as payments arrive).
    pub payments: &'a BTreeMap<ContractId, ContractPayments>,
}

/// Payments of one contract across all DPA lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContractPayments {
    /// Σ SP2D.
    pub paid: Money,
    /// Date of the latest SP2D.
    pub last_paid_on: Option<NaiveDate>,
}

impl ContractPayments {
    /// Adds one SP2D.
    pub fn add(&mut self, amount: Money, paid_on: NaiveDate) {
        self.paid = self.paid.checked_add(amount).unwrap_or(self.paid);
        self.last_paid_on = self.last_paid_on.max(Some(paid_on));
    }
}

impl ChainView<'_> {
    /// Σ SP2D per contract, recomputed from the DPA lines (the index in `payments` must equal it).
    pub fn payments_by_contract(&self) -> BTreeMap<ContractId, ContractPayments> {
        let mut out: BTreeMap<ContractId, ContractPayments> = BTreeMap::new();
        for line in self.dpa_lines.values() {
            for p in line.payments() {
                out.entry(p.contract).or_default().add(p.amount, p.paid_on);
            }
        }
        out
    }

    /// The latest physical progress of a contract: report date, planned and actual.
    pub fn latest_progress(&self, contract: &Contract) -> Option<(NaiveDate, rantai_core::Ratio, rantai_core::Ratio)> {
        let report = self.progress.get(&contract.terms().spec.id)?.latest()?;
        let planned = report.planned.unwrap_or_else(|| {
            planned_progress(contract.terms().spec.start, contract.current_end(), report.reported_on)
        });
        Some((report.reported_on, planned, report.actual))
    }
}

/// The rules the engine evaluates, in catalogue order. Each has a page `docs/rules/<id>.md`.
pub const RULES: [RuleId; 20] = [
    RuleId::P01,
    RuleId::P02,
    RuleId::P03,
    RuleId::P06,
    RuleId::P07,
    RuleId::P08,
    RuleId::P11,
    RuleId::H01,
    RuleId::H02,
    RuleId::H03,
    RuleId::C01,
    RuleId::C07,
    RuleId::K02,
    RuleId::K03,
    RuleId::K04,
    RuleId::K05,
    RuleId::K06,
    RuleId::K08,
    RuleId::K11,
    RuleId::D13,
];

/// Every rule over every subject of the chain. The result is sorted by rule, then subject, and
/// holds `NotFound` and `Insufficient` outcomes too; filter with [`Finding::is_found`].
///
/// Rules the rulebook turns `Off` are skipped.
pub fn evaluate(view: &ChainView<'_>, rulebook: &Rulebook) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |rule: RuleId, subject: Subject, verdict: Verdict| {
        if !rulebook.is_active(rule) {
            return;
        }
        if let Ok(finding) = rulebook.finding(rule, subject, verdict.into_outcome()) {
            out.push(finding);
        }
    };

    plan_rules(view, rulebook, &mut push);

    for procurement in view.procurements.values() {
        let spec = procurement.spec();
        let subject = Subject::Procurement(spec.id);
        push(RuleId::K04, subject, announced_plan::check(procurement.plan()));
        push(RuleId::K05, subject, plan_consistency::check(spec, procurement.plan()));
        push(RuleId::H01, subject, hps_vs_pagu::check(spec));
        let (rule, verdict) = pl_ceiling::check(spec.jenis, spec.metode, spec.pagu, spec.announced_on, rulebook);
        push(rule, subject, verdict);
        push(RuleId::P03, subject, method_fit::check(spec.jenis, spec.metode));
        let slip = match procurement.plan() {
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
        push(RuleId::K06, subject, slip);
        if let Some(award) = procurement.award() {
            push(RuleId::H02, subject, award_vs_hps::check(spec, award.price));
        }
    }

    let payments = view.payments;
    for contract in view.contracts.values() {
        let terms = contract.terms();
        let subject = Subject::Contract(terms.spec.id);
        let h03 = match view.procurements.get(&terms.procurement) {
            Some(p) => contract_vs_hps::check(p.spec(), terms.spec.value),
            None => Verdict::missing("the procurement of the contract"),
        };
        push(RuleId::H03, subject, h03);
        push(RuleId::C01, subject, addenda_verdict(contract, rulebook));
        push(
            RuleId::P11,
            subject,
            contract_form::check(
                terms.spec.value,
                terms.jenis,
                terms.spec.form,
                terms.spec.signed_on,
                rulebook,
            ),
        );
        let multi_year = view.procurements.get(&terms.procurement).and_then(|p| match p.plan() {
            PlanLink::Announced { packages } => Some(packages.iter().any(|p| p.spec().flags.multi_year)),
            _ => None,
        });
        let year_end = match multi_year {
            Some(multi_year) => schedule_vs_plan::past_year_end(contract.current_end(), terms.fiscal_year, multi_year),
            None => Verdict::missing("the plan's multi-year status"),
        };
        push(RuleId::K06, subject, year_end);
        let kritis = KritisInput {
            start: terms.spec.start,
            fiscal_year_end: terms.fiscal_year.last_day(),
            handed_over: contract.bast_on().is_some(),
            latest: view.latest_progress(contract),
        };
        push(RuleId::C07, subject, kontrak_kritis::check(&kritis, rulebook));
        let paid = payments.get(&terms.spec.id).copied().unwrap_or_default();
        let k11 = PaymentProgressInput {
            value: contract.current_value(),
            paid: paid.paid,
            last_paid_on: paid.last_paid_on,
            advance_share: contract.advance_share(),
            physical: view.latest_progress(contract).map(|(on, _, actual)| (on, actual)),
        };
        push(RuleId::K11, subject, payment_vs_progress::check(&k11, rulebook));
        push(
            RuleId::D13,
            subject,
            payment_vs_contract::paid_within(contract.current_value(), paid.paid),
        );
    }

    for line in view.dpa_lines.values() {
        push(
            RuleId::K08,
            Subject::DpaLine(line.spec().id),
            line_control_verdict(view, line),
        );
    }

    out.sort_by_key(|a| (a.code, a.subject));
    out
}

/// Only the plan-level rules (P-01/P-02, P-03, P-06, P-08, K-02, K-03), sorted like
/// [`evaluate`]: what a planner re-runs while editing the RUP.
pub fn evaluate_plan(view: &ChainView<'_>, rulebook: &Rulebook) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |rule: RuleId, subject: Subject, verdict: Verdict| {
        if rulebook.is_active(rule)
            && let Ok(finding) = rulebook.finding(rule, subject, verdict.into_outcome())
        {
            out.push(finding);
        }
    };
    plan_rules(view, rulebook, &mut push);
    out.sort_by_key(|a| (a.code, a.subject));
    out
}

/// The plan-level rules: per package (P-01/P-02, P-03, P-06), per sub-kegiatan (K-02, K-03) and
/// per group of packages (P-08).
fn plan_rules(view: &ChainView<'_>, rulebook: &Rulebook, push: &mut impl FnMut(RuleId, Subject, Verdict)) {
    let mut drawn: BTreeMap<SubKegiatanId, Vec<Money>> = BTreeMap::new();
    let mut candidates = Vec::new();
    for package in view.packages.values() {
        let spec = package.spec();
        let subject = Subject::Package(spec.id);
        let (rule, verdict) = pl_ceiling::check(spec.jenis, spec.metode, spec.pagu, spec.selection.start, rulebook);
        push(rule, subject, verdict);
        push(RuleId::P03, subject, method_fit::check(spec.jenis, spec.metode));
        if let Some(announced) = package.as_announced() {
            push(
                RuleId::P06,
                subject,
                umk_reservation::check(spec, announced.announced_on(), rulebook),
            );
            candidates.push(splitting::Candidate {
                spec,
                announced_on: announced.announced_on(),
            });
        }
        for line in &spec.funding {
            drawn.entry(line.sub_kegiatan).or_default().push(line.amount);
        }
    }
    organisation_shares(view, rulebook, push);
    for group in splitting::check(candidates, rulebook) {
        push(
            RuleId::P08,
            Subject::Organisation(group.key.organisation),
            group.verdict,
        );
    }
    let mut kegiatan_of: BTreeMap<ProgramId, Vec<Money>> = BTreeMap::new();
    for k in view.kegiatan.values() {
        kegiatan_of.entry(k.program).or_default().push(k.pagu);
        let verdict = match view.region {
            Some(region) => region_level::check_level(k.code.level(), &k.code.to_string(), region.level),
            None => Verdict::missing("the region's level of government"),
        };
        push(RuleId::K02, Subject::Kegiatan(k.id), verdict);
    }
    for p in view.programs.values() {
        let children = kegiatan_of.remove(&p.id).unwrap_or_default();
        push(
            RuleId::K03,
            Subject::Program(p.id),
            sub_kegiatan_budget::children(p.pagu, children),
        );
    }
    let mut sub_of: BTreeMap<KegiatanId, Vec<Money>> = BTreeMap::new();
    for sk in view.sub_kegiatan.values() {
        if let Some(k) = sk.kegiatan() {
            sub_of.entry(k).or_default().push(sk.pagu());
        }
    }
    for k in view.kegiatan.values() {
        let children = sub_of.remove(&k.id).unwrap_or_default();
        push(
            RuleId::K03,
            Subject::Kegiatan(k.id),
            sub_kegiatan_budget::children(k.pagu, children),
        );
    }
    for sk in view.sub_kegiatan.values() {
        let subject = Subject::SubKegiatan(sk.id());
        let verdict = match view.region {
            Some(region) => region_level::check(sk.code(), region.level),
            None => Verdict::missing("the region's level of government"),
        };
        push(RuleId::K02, subject, verdict);
        let amounts = drawn.remove(&sk.id()).unwrap_or_default();
        push(RuleId::K03, subject, sub_kegiatan_budget::check(sk.pagu(), amounts));
    }
}

/// Per organisation and fiscal year with announced packages: RUP coverage at 31 March (K-03)
/// and the share reserved for micro and small business (P-07), both over belanja pengadaan.
fn organisation_shares(view: &ChainView<'_>, rulebook: &Rulebook, push: &mut impl FnMut(RuleId, Subject, Verdict)) {
    let mut by_org: BTreeMap<(OrganisationId, FiscalYear), (Money, Money)> = BTreeMap::new();
    for package in view.packages.values() {
        let Some(announced) = package.as_announced() else {
            continue;
        };
        let spec = package.spec();
        let entry = by_org.entry((spec.organisation, spec.fiscal_year)).or_default();
        if announced.announced_on() <= spec.fiscal_year.quarter_end(rantai_core::Quarter::Q1) {
            entry.0 = entry.0.checked_add(spec.pagu).unwrap_or(entry.0);
        }
        if spec.flags.umk {
            entry.1 = entry.1.checked_add(spec.pagu).unwrap_or(entry.1);
        }
    }
    for ((org, year), (by_march, umk)) in by_org {
        let budget = view.budgets.get(&(org, year)).map(|b| b.belanja_pengadaan);
        push(
            RuleId::K03,
            Subject::Organisation(org),
            rup_coverage::coverage(budget, by_march, year, rulebook),
        );
        push(
            RuleId::P07,
            Subject::Organisation(org),
            rup_coverage::umk_share(budget, umk, year, rulebook),
        );
    }
}

/// C-01 over the contract's whole addendum history: the first addendum that breaks the limit.
fn addenda_verdict(contract: &Contract, rulebook: &Rulebook) -> Verdict {
    let original = contract.terms().spec.value;
    let addenda = contract.addenda();
    for (i, addendum) in addenda.iter().enumerate() {
        let earlier: Vec<Money> = addenda[..i].iter().map(|a| a.new_value).collect();
        let verdict = addendum_limit::check(original, &earlier, addendum.new_value, rulebook, addendum.dated);
        if verdict != Verdict::Pass {
            return verdict;
        }
    }
    Verdict::Pass
}

/// K-08 over a DPA line: commitments within the pagu, payments within each commitment.
fn line_control_verdict(view: &ChainView<'_>, line: &DpaLine) -> Verdict {
    let committed = budget_control::line(line.spec().pagu, line.committed());
    if committed != Verdict::Pass {
        return committed;
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

/// Only the `Found` outcomes.
pub fn found(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| matches!(f.outcome, Outcome::Found { .. }))
}
