//! Read models for dashboards: the region summary and one row per OPD (packages, pagu,
//! contracted, paid, physical progress, findings), serializable to stable JSON.

use std::collections::BTreeMap;

use rantai_core::{Finding, Money, OrgCode, OrganisationId, Outcome, Ratio, Severity, Subject};
use serde::Serialize;

use crate::evaluate::ChainView;

/// Counts of findings by outcome and severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FindingCounts {
    /// `Found` with severity error.
    pub error: u64,
    /// `Found` with severity warn.
    pub warn: u64,
    /// `Found` with severity info.
    pub info: u64,
    /// `Insufficient`: could not be decided for lack of data.
    pub insufficient: u64,
}

impl FindingCounts {
    fn add(&mut self, finding: &Finding) {
        match (&finding.outcome, finding.severity) {
            (Outcome::Found { .. }, Severity::Error) => self.error += 1,
            (Outcome::Found { .. }, Severity::Warn) => self.warn += 1,
            (Outcome::Found { .. }, Severity::Info) => self.info += 1,
            (Outcome::Insufficient { .. }, _) => self.insufficient += 1,
            (Outcome::NotFound, _) => {}
        }
    }

    /// Σ found.
    pub fn found(&self) -> u64 {
        self.error + self.warn + self.info
    }
}

/// One organisation's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OpdSummary {
    /// The organisation.
    pub organisation: OrganisationId,
    /// Its code.
    pub code: OrgCode,
    /// Its name.
    pub name: String,
    /// RUP packages planned.
    pub packages: u64,
    /// Σ pagu of those packages.
    pub pagu: Money,
    /// Procurements started.
    pub procurements: u64,
    /// Contracts signed.
    pub contracts: u64,
    /// Σ current contract values.
    pub contracted: Money,
    /// Σ SP2D paid to those contracts.
    pub paid: Money,
    /// Paid ÷ contracted (realisasi keuangan of the contracts).
    pub financial_progress: Option<Ratio>,
    /// Contract-value-weighted latest physical progress (realisasi fisik).
    pub physical_progress: Option<Ratio>,
    /// Findings about the organisation's packages, procurements, contracts and DPA lines.
    pub findings: FindingCounts,
}

/// The whole region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RegionSummary {
    /// RUP packages.
    pub packages: u64,
    /// Σ pagu of packages.
    pub pagu: Money,
    /// Procurements.
    pub procurements: u64,
    /// Contracts.
    pub contracts: u64,
    /// Σ contract values.
    pub contracted: Money,
    /// Σ paid.
    pub paid: Money,
    /// Findings.
    pub findings: FindingCounts,
    /// One row per organisation, in code order.
    pub opd: Vec<OpdSummary>,
}

#[derive(Default)]
struct Acc {
    packages: u64,
    pagu: Money,
    procurements: u64,
    contracts: u64,
    contracted: Money,
    paid: Money,
    weighted_physical: Money,
    reported_value: Money,
    findings: FindingCounts,
}

/// The organisation a finding's subject belongs to.
pub fn organisation_of(view: &ChainView<'_>, subject: Subject) -> Option<OrganisationId> {
    match subject {
        Subject::Package(id) => view.packages.get(&id).map(|p| p.spec().organisation),
        Subject::Procurement(id) => view.procurements.get(&id).map(|p| p.spec().organisation),
        Subject::Contract(id) => view.contracts.get(&id).map(|c| c.terms().organisation),
        Subject::DpaLine(id) => view.dpa_lines.get(&id).map(|l| l.spec().organisation),
        Subject::Organisation(id) => Some(id),
        Subject::SubKegiatan(id) => view.sub_kegiatan.get(&id).map(|s| s.organisation()),
        Subject::Kegiatan(id) => view.kegiatan.get(&id).map(|k| k.organisation),
        Subject::Program(id) => view.programs.get(&id).map(|p| p.organisation),
    }
}

/// The region summary and per-OPD rows for a chain and its findings.
pub fn summarize(view: &ChainView<'_>, findings: &[Finding]) -> RegionSummary {
    let mut rows: BTreeMap<OrganisationId, Acc> = view.organisations.keys().map(|id| (*id, Acc::default())).collect();
    for p in view.packages.values() {
        let acc = rows.entry(p.spec().organisation).or_default();
        acc.packages += 1;
        acc.pagu += p.spec().pagu;
    }
    for p in view.procurements.values() {
        rows.entry(p.spec().organisation).or_default().procurements += 1;
    }
    for c in view.contracts.values() {
        let acc = rows.entry(c.terms().organisation).or_default();
        let value = c.current_value();
        acc.contracts += 1;
        acc.contracted += value;
        if let Some(p) = view.index.payments.get(&c.terms().spec.id) {
            acc.paid += p.paid;
        }
        // A report's progress is within [0, 1] (`ContractProgress::report` refuses any other), so
        // the product is at most the value and cannot fail; were it to, the contract would count
        // as unreported in both terms of the average instead of dragging it down.
        if let Some(weighted) = view
            .latest_progress(c)
            .and_then(|(_, _, actual)| value.mul_ratio(actual).ok())
        {
            acc.weighted_physical += weighted;
            acc.reported_value += value;
        }
    }
    let mut total = FindingCounts::default();
    for f in findings {
        total.add(f);
        if let Some(org) = organisation_of(view, f.subject) {
            rows.entry(org).or_default().findings.add(f);
        }
    }
    let mut region = Acc::default();
    for acc in rows.values() {
        region.packages += acc.packages;
        region.pagu += acc.pagu;
        region.procurements += acc.procurements;
        region.contracts += acc.contracts;
        region.contracted += acc.contracted;
        region.paid += acc.paid;
    }
    let mut opd: Vec<OpdSummary> = rows
        .into_iter()
        .filter_map(|(id, acc)| {
            let org = view.organisations.get(&id)?;
            Some(OpdSummary {
                organisation: id,
                code: org.code(),
                name: org.name().to_string(),
                packages: acc.packages,
                pagu: acc.pagu,
                procurements: acc.procurements,
                contracts: acc.contracts,
                contracted: acc.contracted,
                paid: acc.paid,
                financial_progress: acc.paid.ratio_of(acc.contracted),
                physical_progress: acc.weighted_physical.ratio_of(acc.reported_value),
                findings: acc.findings,
            })
        })
        .collect();
    opd.sort_by_key(|a| (a.code, a.organisation));
    RegionSummary {
        packages: region.packages,
        pagu: region.pagu,
        procurements: region.procurements,
        contracts: region.contracts,
        contracted: region.contracted,
        paid: region.paid,
        findings: total,
        opd,
    }
}

/// A short human label for a finding's subject: the package's `kd_rup` and name, the tender's
/// `kd_tender`, the contract number, or the DPA line's MAK.
pub fn subject_label(view: &ChainView<'_>, subject: Subject) -> String {
    match subject {
        Subject::Package(id) => view.packages.get(&id).map_or_else(
            || format!("package {id}"),
            |p| {
                let spec = p.spec();
                match spec.kd_rup {
                    Some(k) => format!("RUP {k} {}", spec.name),
                    None => format!("RUP {}", spec.name),
                }
            },
        ),
        Subject::Procurement(id) => view.procurements.get(&id).map_or_else(
            || format!("procurement {id}"),
            |p| {
                let spec = p.spec();
                match &spec.kd_tender {
                    Some(k) => format!("{} {k} {}", spec.metode.label(), spec.name),
                    None => format!("{} {}", spec.metode.label(), spec.name),
                }
            },
        ),
        Subject::Contract(id) => view.contracts.get(&id).map_or_else(
            || format!("contract {id}"),
            |c| format!("Kontrak {}", c.terms().spec.nomor),
        ),
        Subject::DpaLine(id) => view
            .dpa_lines
            .get(&id)
            .map_or_else(|| format!("DPA line {id}"), |l| format!("DPA {}", l.spec().mak)),
        Subject::Organisation(id) => view
            .organisations
            .get(&id)
            .map_or_else(|| format!("organisation {id}"), |o| o.name().to_string()),
        Subject::SubKegiatan(id) => view.sub_kegiatan.get(&id).map_or_else(
            || format!("sub-kegiatan {id}"),
            |s| format!("Sub kegiatan {} {}", s.code(), s.name()),
        ),
        Subject::Kegiatan(id) => view.kegiatan.get(&id).map_or_else(
            || format!("kegiatan {id}"),
            |k| format!("Kegiatan {} {}", k.code, k.name),
        ),
        Subject::Program(id) => view
            .programs
            .get(&id)
            .map_or_else(|| format!("program {id}"), |p| format!("Program {} {}", p.code, p.name)),
    }
}

/// Packages and money by selection method.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MethodSummary {
    /// The method (as planned in the RUP).
    pub metode: rantai_core::MetodePemilihan,
    /// RUP packages.
    pub packages: u64,
    /// Σ pagu.
    pub pagu: Money,
}

/// The plan by selection method, in SIRUP code order (methods with no package left out).
pub fn by_method(view: &ChainView<'_>) -> Vec<MethodSummary> {
    let mut rows: BTreeMap<rantai_core::MetodePemilihan, (u64, Money)> = BTreeMap::new();
    for p in view.packages.values() {
        let e = rows.entry(p.spec().metode).or_insert((0, Money::ZERO));
        e.0 += 1;
        e.1 += p.spec().pagu;
    }
    let mut out: Vec<MethodSummary> = rows
        .into_iter()
        .map(|(metode, (packages, pagu))| MethodSummary { metode, packages, pagu })
        .collect();
    out.sort_by_key(|m| m.metode.sirup_code());
    out
}

/// Money paid (SP2D) in one quarter, and cumulative realisasi keuangan against the DPA.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct QuarterSummary {
    /// The quarter.
    pub quarter: rantai_core::Quarter,
    /// Σ SP2D dated in the quarter.
    pub paid: Money,
    /// Σ SP2D up to the quarter's end.
    pub cumulative: Money,
    /// Cumulative ÷ Σ DPA line pagu (serapan anggaran), when there are DPA lines.
    pub absorption: Option<Ratio>,
}

/// SP2D payments of a fiscal year by quarter, with cumulative absorption of the DPA lines.
pub fn by_quarter(view: &ChainView<'_>, year: rantai_core::FiscalYear) -> Vec<QuarterSummary> {
    let mut paid: BTreeMap<rantai_core::Quarter, Money> = BTreeMap::new();
    let mut dpa = Money::ZERO;
    for line in view.dpa_lines.values().filter(|l| l.spec().fiscal_year == year) {
        dpa += line.spec().pagu;
        for p in line.payments().iter().filter(|p| year.contains(p.paid_on)) {
            let e = paid.entry(rantai_core::Quarter::of(p.paid_on)).or_insert(Money::ZERO);
            *e += p.amount;
        }
    }
    let mut cumulative = Money::ZERO;
    rantai_core::Quarter::ALL
        .into_iter()
        .map(|quarter| {
            let in_quarter = paid.get(&quarter).copied().unwrap_or(Money::ZERO);
            cumulative += in_quarter;
            QuarterSummary {
                quarter,
                paid: in_quarter,
                cumulative,
                absorption: cumulative.ratio_of(dpa),
            }
        })
        .collect()
}
