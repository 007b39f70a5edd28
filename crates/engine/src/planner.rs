//! What a Bappeda planner asks of the plan: the packages of a sub-kegiatan, pagu planned versus
//! packaged per OPD, and the announced packages whose selection window has passed with no
//! procurement — the "why has this not started" list.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rantai_core::{KodeRup, Money, OrgCode, OrganisationId, PackageId, Ratio, SubKegiatanId};
use rantai_planning::PackageSpec;
use rantai_procurement::PlanLink;
use serde::Serialize;

use crate::evaluate::ChainView;

/// The packages drawing on a sub-kegiatan (through their funding lines), in id order.
pub fn packages_of<'a>(view: &ChainView<'a>, sub_kegiatan: SubKegiatanId) -> Vec<&'a PackageSpec> {
    view.packages
        .values()
        .map(|p| p.spec())
        .filter(|spec| spec.funding.iter().any(|f| f.sub_kegiatan == sub_kegiatan))
        .collect()
}

/// One OPD's plan: the pagu of its sub-kegiatan against what its RUP packages take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PlanCoverage {
    /// The organisation.
    pub organisation: OrganisationId,
    /// Its code.
    pub code: OrgCode,
    /// Σ pagu of its sub-kegiatan.
    pub sub_kegiatan_pagu: Money,
    /// Σ pagu of its RUP packages.
    pub packaged: Money,
    /// Packaged ÷ sub-kegiatan pagu.
    pub share: Option<Ratio>,
}

/// Pagu planned (sub-kegiatan) versus packaged (RUP) per OPD, in code order.
pub fn plan_coverage(view: &ChainView<'_>) -> Vec<PlanCoverage> {
    let mut planned: BTreeMap<OrganisationId, Money> = BTreeMap::new();
    for sk in view.sub_kegiatan.values() {
        let e = planned.entry(sk.organisation()).or_default();
        *e += sk.pagu();
    }
    let mut packaged: BTreeMap<OrganisationId, Money> = BTreeMap::new();
    for p in view.packages.values() {
        let e = packaged.entry(p.spec().organisation).or_default();
        *e += p.spec().pagu;
    }
    let mut out: Vec<PlanCoverage> = view
        .organisations
        .values()
        .map(|org| {
            let sub_kegiatan_pagu = planned.get(&org.id()).copied().unwrap_or_default();
            let packaged = packaged.get(&org.id()).copied().unwrap_or_default();
            PlanCoverage {
                organisation: org.id(),
                code: org.code(),
                sub_kegiatan_pagu,
                packaged,
                share: packaged.ratio_of(sub_kegiatan_pagu),
            }
        })
        .collect();
    out.sort_by_key(|c| (c.code, c.organisation));
    out
}

/// An announced package whose selection window ended before the day asked, with no procurement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StalledPackage {
    /// The package.
    pub package: PackageId,
    /// Its SIRUP code.
    pub kd_rup: Option<KodeRup>,
    /// Its organisation.
    pub organisation: OrganisationId,
    /// Its pagu.
    pub pagu: Money,
    /// When it was announced.
    pub announced_on: NaiveDate,
    /// The planned selection window's end.
    pub selection_end: NaiveDate,
    /// Days since then.
    pub days_overdue: i64,
}

/// Announced packages whose planned selection window ended before `as_of` and that no
/// procurement has taken, most overdue first.
pub fn stalled(view: &ChainView<'_>, as_of: NaiveDate) -> Vec<StalledPackage> {
    let procured: BTreeSet<PackageId> = view
        .procurements
        .values()
        .filter(|p| p.failure().is_none()) // a failed procurement gives its packages back
        .filter_map(|p| match p.plan() {
            PlanLink::Announced { packages } => Some(packages.iter().map(|a| a.id())),
            _ => None,
        })
        .flatten()
        .collect();
    let mut out: Vec<StalledPackage> = view
        .packages
        .values()
        .filter_map(|p| {
            let announced = p.as_announced()?;
            let spec = p.spec();
            let end = spec.selection.end;
            if end >= as_of || procured.contains(&spec.id) {
                return None;
            }
            Some(StalledPackage {
                package: spec.id,
                kd_rup: spec.kd_rup,
                organisation: spec.organisation,
                pagu: spec.pagu,
                announced_on: announced.announced_on(),
                selection_end: end,
                days_overdue: (as_of - end).num_days(),
            })
        })
        .collect();
    out.sort_by_key(|s| (std::cmp::Reverse(s.days_overdue), s.kd_rup, s.package));
    out
}
