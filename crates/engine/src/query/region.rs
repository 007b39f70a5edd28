//! The region report: the totals and one row per OPD, ranked by physical deviation — how far the
//! OPD's contracts are behind (or ahead of) their S-curves, weighted by contract value.

use std::collections::BTreeMap;

use rantai_core::{CoreError, FiscalYear, Money, OrgCode, OrganisationId, Quarter, Ratio};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Snapshot;
use crate::planner;
use crate::position::{self, Patience};
use crate::read_model::{FindingCounts, OpdSummary, summarize};

/// Whether an OPD's physical deviation could be measured, and if not, for lack of what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeviationData {
    /// At least one contract has a progress report.
    Measured,
    /// It has contracts, none with a progress report.
    NoProgressReport,
    /// It has no contract.
    NoContract,
}

/// One OPD's row of the region report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OpdRow {
    /// Place in the ranking, from 1 (furthest behind its plan).
    pub rank: u32,
    /// The organisation.
    pub organisation: OrganisationId,
    /// Its `kd_satker_str`.
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
    /// Contract-value-weighted latest physical progress (realisasi fisik) of the reported contracts.
    pub physical_progress: Option<Ratio>,
    /// Contract-value-weighted planned progress (rencana fisik, from each contract's S-curve) on
    /// the same report dates.
    pub planned_progress: Option<Ratio>,
    /// Physical minus planned progress, in percentage points (negative: behind plan), rounded to
    /// 0,01 pp.
    pub physical_deviation_pp: Option<Decimal>,
    /// Whether the deviation was measured.
    pub deviation_data: DeviationData,
    /// Paid ÷ contracted (realisasi keuangan of the contracts).
    pub financial_progress: Option<Ratio>,
    /// Σ package pagu ÷ Σ sub-kegiatan pagu (RUP coverage of the plan), when the OPD has
    /// sub-kegiatan.
    pub rup_coverage: Option<Ratio>,
    /// SP2D realised ÷ DPA pagu of the fiscal year, up to the quarter of the report date, when the
    /// OPD has DPA lines.
    pub absorption: Option<Ratio>,
    /// Packages stuck at their stage (see the OPD view for why).
    pub stuck: u64,
    /// Findings about its packages, procurements, contracts and DPA lines; withheld (absent)
    /// from the public view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<FindingCounts>,
}

/// The whole region as of a day: totals and the OPD ranking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RegionReport {
    /// The region's LKPP code (`kd_klpd`).
    pub kd_klpd: String,
    /// The region's name.
    pub name: String,
    /// The rulebook version the findings were decided under.
    pub rulebook: String,
    /// The day the data describes.
    pub as_of: chrono::NaiveDate,
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
    /// Σ paid to contracts.
    pub paid: Money,
    /// Physical progress of the region's reported contracts, value-weighted.
    pub physical_progress: Option<Ratio>,
    /// Planned progress on the same report dates, value-weighted.
    pub planned_progress: Option<Ratio>,
    /// Physical minus planned, in percentage points.
    pub physical_deviation_pp: Option<Decimal>,
    /// Paid ÷ contracted.
    pub financial_progress: Option<Ratio>,
    /// Σ package pagu ÷ Σ sub-kegiatan pagu.
    pub rup_coverage: Option<Ratio>,
    /// SP2D realised ÷ DPA pagu of the report date's fiscal year, up to its quarter.
    pub absorption: Option<Ratio>,
    /// Packages stuck at their stage.
    pub stuck: u64,
    /// Findings; withheld (absent) from the public view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<FindingCounts>,
    /// One row per OPD: measured rows furthest behind first, then the OPDs without the data.
    pub opd: Vec<OpdRow>,
}

/// Physical minus planned progress in percentage points, rounded to 0,01 pp (negative: behind);
/// `None` without both.
pub(super) fn deviation_pp(actual: Option<Ratio>, planned: Option<Ratio>) -> Option<Decimal> {
    // Both ratios are within [0, 1]: the difference times 100 is within ±100.
    let (a, p) = (actual?, planned?);
    Some(
        ((a.as_decimal() - p.as_decimal()) * Decimal::ONE_HUNDRED)
            .round_dp(2)
            .normalize(),
    )
}

/// Value-weighted progress of a set of contracts.
#[derive(Default)]
struct Weighted {
    value: Money,
    planned: Money,
    actual: Money,
    contracts: u64,
}

impl Weighted {
    fn progress(&self) -> (Option<Ratio>, Option<Ratio>, Option<Decimal>) {
        let planned = self.planned.ratio_of(self.value);
        let actual = self.actual.ratio_of(self.value);
        (actual, planned, deviation_pp(actual, planned))
    }

    fn data(&self) -> DeviationData {
        if self.contracts == 0 {
            DeviationData::NoContract
        } else if self.value.is_zero() {
            DeviationData::NoProgressReport
        } else {
            DeviationData::Measured
        }
    }
}

#[derive(Default)]
struct Sums {
    packaged: Money,
    planned: Money,
    dpa: Money,
    realised: Money,
}

impl<'a> Snapshot<'a> {
    /// The patience (days before a stage counts as stuck) in force on the snapshot's day.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rulebook has no patience in force then.
    pub fn patience(&self) -> Result<Patience, CoreError> {
        Patience::from_rulebook(self.rulebook, self.as_of)
    }

    /// The region report.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rulebook has no patience in force on the day.
    pub fn region_report(&self) -> Result<RegionReport, CoreError> {
        let view = &self.view;
        let summary = summarize(view, self.findings);
        let mut weighted: BTreeMap<OrganisationId, Weighted> = BTreeMap::new();
        let mut region = Weighted::default();
        for c in view.contracts.values() {
            let w = weighted.entry(c.terms().organisation).or_default();
            w.contracts += 1;
            region.contracts += 1;
            let Some((_, planned, actual)) = view.latest_progress(c) else {
                continue;
            };
            let value = c.current_value();
            // Progress readings are within [0, 1] (reports outside it are refused), so each
            // product is at most the value.
            let (Ok(p), Ok(a)) = (value.mul_ratio(planned), value.mul_ratio(actual)) else {
                continue;
            };
            for w in [&mut *w, &mut region] {
                w.value += value;
                w.planned += p;
                w.actual += a;
            }
        }
        let mut sums: BTreeMap<OrganisationId, Sums> = BTreeMap::new();
        for c in planner::plan_coverage(view) {
            let s = sums.entry(c.organisation).or_default();
            s.packaged += c.packaged;
            s.planned += c.sub_kegiatan_pagu;
        }
        if let Ok(year) = FiscalYear::of(self.as_of) {
            let quarter = Quarter::of(self.as_of);
            for ((org, y), absorption) in view.book.organisation_absorption() {
                if *y == year {
                    let s = sums.entry(*org).or_default();
                    s.dpa += absorption.pagu;
                    s.realised += absorption.cumulative(quarter);
                }
            }
        }
        let mut stuck: BTreeMap<OrganisationId, u64> = BTreeMap::new();
        for p in position::positions(view, self.as_of, self.patience()?) {
            if p.stuck.is_some()
                && let Some(package) = view.packages.get(&p.package)
            {
                *stuck.entry(package.spec().organisation).or_default() += 1;
            }
        }
        let none = Weighted::default();
        let no_sums = Sums::default();
        let mut rows: Vec<OpdRow> = summary
            .opd
            .iter()
            .map(|o| {
                let w = weighted.get(&o.organisation).unwrap_or(&none);
                let s = sums.get(&o.organisation).unwrap_or(&no_sums);
                row(o, w, s, stuck.get(&o.organisation).copied().unwrap_or(0))
            })
            .collect();
        rank(&mut rows);
        let total = sums.values().fold(Sums::default(), |mut t, s| {
            t.packaged += s.packaged;
            t.planned += s.planned;
            t.dpa += s.dpa;
            t.realised += s.realised;
            t
        });
        let (physical, planned, deviation) = region.progress();
        Ok(RegionReport {
            kd_klpd: view.region.map(|r| r.kd_klpd.clone()).unwrap_or_default(),
            name: view.region.map(|r| r.name.clone()).unwrap_or_default(),
            rulebook: self.rulebook.version().to_string(),
            as_of: self.as_of,
            packages: summary.packages,
            pagu: summary.pagu,
            procurements: summary.procurements,
            contracts: summary.contracts,
            contracted: summary.contracted,
            paid: summary.paid,
            physical_progress: physical,
            planned_progress: planned,
            physical_deviation_pp: deviation,
            financial_progress: summary.paid.ratio_of(summary.contracted),
            rup_coverage: total.packaged.ratio_of(total.planned),
            absorption: total.realised.ratio_of(total.dpa),
            stuck: stuck.values().sum(),
            findings: Some(summary.findings),
            opd: rows,
        })
    }
}

impl RegionReport {
    /// The report as the public sees it: progress and money, no finding (findings go to the APIP
    /// first; a region may publish them by configuration).
    pub fn without_findings(mut self) -> RegionReport {
        self.findings = None;
        for r in &mut self.opd {
            r.findings = None;
        }
        self
    }
}

fn row(o: &OpdSummary, w: &Weighted, s: &Sums, stuck: u64) -> OpdRow {
    let (physical, planned, deviation) = w.progress();
    OpdRow {
        rank: 0,
        organisation: o.organisation,
        code: o.code,
        name: o.name.clone(),
        packages: o.packages,
        pagu: o.pagu,
        procurements: o.procurements,
        contracts: o.contracts,
        contracted: o.contracted,
        paid: o.paid,
        physical_progress: physical,
        planned_progress: planned,
        physical_deviation_pp: deviation,
        deviation_data: w.data(),
        financial_progress: o.financial_progress,
        rup_coverage: s.packaged.ratio_of(s.planned),
        absorption: s.realised.ratio_of(s.dpa),
        stuck,
        findings: Some(o.findings),
    }
}

/// Measured rows by deviation, most negative first (ties in code order), then the rest in code
/// order; ranks from 1.
fn rank(rows: &mut [OpdRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &OpdRow| (r.physical_deviation_pp.is_none(), r.physical_deviation_pp);
        key(a).cmp(&key(b)).then(a.code.cmp(&b.code))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
}
