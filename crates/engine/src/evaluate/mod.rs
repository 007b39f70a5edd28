//! The discrepancy engine: every rule of the catalogue over the whole chain, one outcome per rule
//! and subject — `Found` with evidence, `NotFound`, or `Insufficient` — in a stable order.
//!
//! Evaluation is per subject ([`evaluate_subject`]): a subject's outcomes depend only on the
//! subject and what the [`ChainIndex`] links to it, so after an event only the subjects it touches
//! need evaluating again ([`crate::Monitor`]).

mod contract;
mod organisation;
mod plan;
mod procurement;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rantai_budgeting::{Book, DpaLine};
use rantai_core::{
    ContractId, DpaLineId, Finding, FiscalYear, KegiatanId, Organisation, OrganisationId, Outcome, PackageId,
    ProcurementId, ProgramId, Ratio, RegionProfile, RuleId, Rulebook, SubKegiatanId, Subject, Verdict, WorkingCalendar,
};
use rantai_planning::{BudgetStructure, Kegiatan, Package, Program, SubKegiatan};
use rantai_procurement::{Contract, Procurement};

use crate::index::{ChainIndex, ContractPayments};
use rantai_monev::IndicatorLog;
use rantai_monev::ReportLog;
use rantai_monev::{ContractProgress, planned_progress};

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
    /// Actors with their grants.
    pub actors: &'a BTreeMap<rantai_core::ActorId, rantai_core::Actor>,
    /// RUP packages.
    pub packages: &'a BTreeMap<PackageId, Package>,
    /// Procurements.
    pub procurements: &'a BTreeMap<ProcurementId, Procurement>,
    /// Contracts.
    pub contracts: &'a BTreeMap<ContractId, Contract>,
    /// DPA lines (those of the book).
    pub dpa_lines: &'a BTreeMap<DpaLineId, DpaLine>,
    /// The budget book: lines, contract payment accounts, SPP, treasuries, revisions.
    pub book: &'a Book,
    /// Progress reports and show-cause meetings per contract.
    pub progress: &'a BTreeMap<ContractId, ContractProgress>,
    /// Indicator realisations per program, kegiatan or sub-kegiatan.
    pub indicators: &'a BTreeMap<Subject, IndicatorLog>,
    /// PP 39/2006 submissions per organisation.
    pub reports: &'a BTreeMap<OrganisationId, ReportLog>,
    /// The region's working-day calendar.
    pub calendar: &'a WorkingCalendar,
    /// The providers' declared owners and controllers (H-10, H-11).
    pub ownership: &'a BTreeMap<rantai_core::ActorId, rantai_procurement::Ownership>,
    /// Lookups by organisation, parent and contract.
    pub index: &'a ChainIndex,
    /// The evaluation date for rules that depend on time passing (D14, K-10, K-12, K-13, D21);
    /// without one they answer `Insufficient`.
    pub as_of: Option<NaiveDate>,
}

impl<'a> ChainView<'a> {
    /// The same view, evaluated as of `as_of`.
    pub fn as_of(self, as_of: NaiveDate) -> ChainView<'a> {
        ChainView {
            as_of: Some(as_of),
            ..self
        }
    }

    /// The organisation whose `kd_satker_str` is `code`.
    pub fn organisation_by_code(&self, code: rantai_core::OrgCode) -> Option<OrganisationId> {
        self.organisations.values().find(|o| o.code() == code).map(|o| o.id())
    }

    /// Σ SP2D of a contract (from the index).
    pub fn payments(&self, contract: ContractId) -> ContractPayments {
        self.index.payments.get(&contract).copied().unwrap_or_default()
    }

    /// Σ SP2D per contract, recomputed from the DPA lines (the index must equal it).
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
    pub fn latest_progress(&self, contract: &Contract) -> Option<(NaiveDate, Ratio, Ratio)> {
        let report = self.progress.get(&contract.terms().spec.id)?.latest()?;
        Some(reading(contract, report))
    }

    /// Every organisation the engine evaluates: registered, or named by a package, a DPA line,
    /// a contract or a report.
    pub fn organisation_ids(&self) -> BTreeSet<OrganisationId> {
        let mut out: BTreeSet<OrganisationId> = self.organisations.keys().copied().collect();
        out.extend(self.index.packages_by_org.keys());
        out.extend(self.index.contracts_by_org.keys());
        out.extend(self.book.organisation_absorption().keys().map(|(o, _)| *o));
        out.extend(self.reports.keys());
        out
    }
}

/// A report read against its contract: date, planned progress (the report's own, else the linear
/// S-curve of the contract's current schedule) and actual progress.
pub(crate) fn reading(contract: &Contract, report: &rantai_monev::ProgressReport) -> (NaiveDate, Ratio, Ratio) {
    let planned = report
        .planned
        .unwrap_or_else(|| planned_progress(contract.terms().spec.start, contract.current_end(), report.reported_on));
    (report.reported_on, planned, report.actual)
}

/// A part of a subject's rules that can be evaluated on its own. An organisation's rules fall in
/// four parts, each fed by different events (a payment changes absorption, not the plan); every
/// other subject is evaluated whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Every rule of a non-organisation subject.
    Whole,
    /// An organisation's plan rules: K-03 RUP coverage, P-07, P-08.
    Plan,
    /// An organisation's budget execution: K-10, K-08 on TU advances, K-09 revisions.
    Absorption,
    /// An organisation's PP 39/2006 reporting: K-13.
    Reporting,
    /// An organisation's contracts per supplier: D17, H-09.
    Suppliers,
    /// An organisation's officials: separation of duties.
    Officials,
}

impl Part {
    /// The parts of an organisation, in evaluation order.
    pub const ORGANISATION: [Part; 5] = [
        Part::Plan,
        Part::Absorption,
        Part::Reporting,
        Part::Suppliers,
        Part::Officials,
    ];

    /// The parts a subject is evaluated in.
    pub fn of(subject: Subject) -> &'static [Part] {
        match subject {
            Subject::Organisation(_) => &Part::ORGANISATION,
            _ => &[Part::Whole],
        }
    }
}

/// Which rules to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every rule.
    All,
    /// Only the plan-level rules.
    Plan,
}

/// Collects the outcomes of one subject.
pub(crate) struct Sink<'r, 'o> {
    rulebook: &'r Rulebook,
    subject: Subject,
    out: &'o mut dyn Out,
}

impl Sink<'_, '_> {
    /// Adds the outcome of `rule` for this sink's subject, unless the rulebook turns it off.
    pub(crate) fn push(&mut self, rule: RuleId, verdict: Verdict) {
        if let Some(finding) = self.rulebook.active_finding(rule, self.subject, verdict.into_outcome()) {
            self.out.put(finding);
        }
    }
}

/// Where a sink puts outcomes: a list in the order they come, or one bucket per rule.
pub(crate) trait Out {
    /// Takes one outcome.
    fn put(&mut self, finding: Finding);
}

impl Out for Vec<Finding> {
    fn put(&mut self, finding: Finding) {
        self.push(finding);
    }
}

/// Outcomes in one bucket per rule ([`RuleId::slot`]), each in the order they came: the engine's
/// order by rule without a sort, and each outcome moved once more, into the joined list.
pub(crate) struct ByRule(Vec<Vec<Finding>>);

impl ByRule {
    fn new() -> Self {
        Self(std::iter::repeat_with(Vec::new).take(RuleId::SLOTS).collect())
    }
}

impl Out for ByRule {
    fn put(&mut self, finding: Finding) {
        self.0[finding.code.slot()].push(finding);
    }
}

/// Appends every outcome of one subject to `out`, in a fixed order. A subject no longer in the
/// chain adds nothing.
pub fn evaluate_subject(view: &ChainView<'_>, rulebook: &Rulebook, subject: Subject, out: &mut Vec<Finding>) {
    for part in Part::of(subject) {
        evaluate_part(view, rulebook, subject, *part, out);
    }
}

/// Appends the outcomes of one part of a subject to `out`.
pub fn evaluate_part(view: &ChainView<'_>, rulebook: &Rulebook, subject: Subject, part: Part, out: &mut Vec<Finding>) {
    evaluate_in_scope(view, rulebook, subject, part, Scope::All, out);
}

fn evaluate_in_scope(
    view: &ChainView<'_>,
    rulebook: &Rulebook,
    subject: Subject,
    part: Part,
    scope: Scope,
    out: &mut dyn Out,
) {
    let mut sink = Sink { rulebook, subject, out };
    match subject {
        Subject::Program(id) => plan::program(view, rulebook, id, scope, &mut sink),
        Subject::Kegiatan(id) => plan::kegiatan(view, rulebook, id, scope, &mut sink),
        Subject::SubKegiatan(id) => plan::sub_kegiatan(view, rulebook, id, scope, &mut sink),
        Subject::Package(id) => plan::package(view, rulebook, id, &mut sink),
        Subject::Procurement(id) if scope == Scope::All => procurement::procurement(view, rulebook, id, &mut sink),
        Subject::Contract(id) if scope == Scope::All => contract::contract(view, rulebook, id, &mut sink),
        Subject::DpaLine(id) if scope == Scope::All => organisation::dpa_line(view, id, &mut sink),
        Subject::Organisation(id) => match part {
            Part::Plan => organisation::plan(view, rulebook, id, &mut sink),
            Part::Absorption if scope == Scope::All => organisation::absorption(view, rulebook, id, &mut sink),
            Part::Reporting if scope == Scope::All => organisation::reporting(view, rulebook, id, &mut sink),
            Part::Suppliers if scope == Scope::All => organisation::suppliers(view, rulebook, id, &mut sink),
            Part::Officials if scope == Scope::All => organisation::officials(view, id, &mut sink),
            _ => {}
        },
        _ => {}
    }
}

/// Every subject of the chain, in [`Subject`] order.
pub fn subjects<'v>(view: &'v ChainView<'_>) -> impl Iterator<Item = Subject> + 'v {
    let orgs = view.organisation_ids();
    view.programs
        .keys()
        .map(|id| Subject::Program(*id))
        .chain(view.kegiatan.keys().map(|id| Subject::Kegiatan(*id)))
        .chain(view.sub_kegiatan.keys().map(|id| Subject::SubKegiatan(*id)))
        .chain(view.packages.keys().map(|id| Subject::Package(*id)))
        .chain(view.procurements.keys().map(|id| Subject::Procurement(*id)))
        .chain(view.contracts.keys().map(|id| Subject::Contract(*id)))
        .chain(view.dpa_lines.keys().map(|id| Subject::DpaLine(*id)))
        .chain(orgs.into_iter().map(Subject::Organisation))
}

/// Every rule over every subject of the chain. The result is sorted by rule, then subject, and
/// holds `NotFound` and `Insufficient` outcomes too; filter with [`Finding::is_found`].
///
/// Rules the rulebook turns `Off` are skipped.
pub fn evaluate(view: &ChainView<'_>, rulebook: &Rulebook) -> Vec<Finding> {
    run(view, rulebook, Scope::All)
}

/// Only the plan-level rules (P-01/P-02, P-03, P-06, P-07, P-08, K-02, K-03), sorted like
/// [`evaluate`]: what a planner re-runs while editing the RUP.
pub fn evaluate_plan(view: &ChainView<'_>, rulebook: &Rulebook) -> Vec<Finding> {
    run(view, rulebook, Scope::Plan)
}

fn run(view: &ChainView<'_>, rulebook: &Rulebook, scope: Scope) -> Vec<Finding> {
    let all: Vec<Subject> = subjects(view).collect();
    // Each core evaluates a run of subjects and groups its outcomes by rule; the groups are then
    // joined rule by rule in subject order — the engine's order, without a global sort.
    let chunks = in_parallel(&all, |chunk| {
        let mut out = ByRule::new();
        for subject in chunk {
            for part in Part::of(*subject) {
                evaluate_in_scope(view, rulebook, *subject, *part, scope, &mut out);
            }
        }
        out
    });
    join_by_rule(chunks)
}

/// Joins the buckets of consecutive runs of subjects: rule by rule, run by run.
fn join_by_rule(mut runs: Vec<ByRule>) -> Vec<Finding> {
    let total = runs.iter().flat_map(|r| r.0.iter()).map(Vec::len).sum();
    let mut out = Vec::with_capacity(total);
    for slot in 0..RuleId::SLOTS {
        for run in &mut runs {
            out.append(&mut run.0[slot]);
        }
    }
    out
}

/// Runs `work` over consecutive chunks of `items` on the machine's cores (scoped threads) and
/// returns the results in chunk order, so the outcome never depends on the number of cores.
/// Subjects differ in cost (an organisation weighs thousands of packages), so there are several
/// chunks per core and each core takes the next chunk when it is done with one.
pub(crate) fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let size = items.len().div_ceil(cores.max(1) * CHUNKS_PER_CORE).max(MIN_CHUNK);
    if cores == 1 || items.len() <= size {
        return vec![work(items)];
    }
    let chunks: Vec<&[T]> = items.chunks(size).collect();
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..cores.min(chunks.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        mine.push((i, work(chunk)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Chunks per core in [`in_parallel`], for balance.
const CHUNKS_PER_CORE: usize = 8;
/// The smallest chunk worth a hand-over.
const MIN_CHUNK: usize = 512;

/// The engine's order: by rule, then subject; within one rule and subject, the order the subject
/// produced them. `findings` come in subject order (as [`subjects`] yields them), so a stable
/// grouping by rule is enough — linear, where a sort would not be.
pub(crate) fn sort(findings: Vec<Finding>) -> Vec<Finding> {
    let mut buckets = ByRule::new();
    for f in findings {
        buckets.put(f);
    }
    join_by_rule(vec![buckets])
}

/// Only the `Found` outcomes.
pub fn found(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| matches!(f.outcome, Outcome::Found { .. }))
}
