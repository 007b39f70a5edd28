//! One OPD: its row of the region report, its packages by stage, the stuck ones with the reason
//! and the days, its kontrak kritis and the first page of its findings.

use std::collections::BTreeMap;

use rantai_core::{CoreError, KodeRup, MetodePemilihan, Money, OrganisationId, RuleId};
use serde::Serialize;

use super::{FindingFilter, FindingsPage, OpdRow, Snapshot};
use crate::position::{self, Stage, Stuck};

/// Packages at one stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StageCount {
    /// The stage.
    pub stage: Stage,
    /// Packages at it.
    pub packages: u64,
    /// Σ their pagu.
    pub pagu: Money,
}

/// A package stuck at its stage, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StuckPackage {
    /// The package.
    pub package: rantai_core::PackageId,
    /// Its SIRUP code.
    pub kd_rup: Option<KodeRup>,
    /// Its name.
    pub name: String,
    /// Its pagu.
    pub pagu: Money,
    /// The selection method planned.
    pub metode: MetodePemilihan,
    /// Where it stopped.
    pub stage: Stage,
    /// Why, with the dates and days behind it.
    pub stuck: Stuck,
}

/// One OPD as its Kepala OPD, the Sekda or the Inspektorat opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OpdDetail {
    /// Its row of the region report (rank, progress, deviation, counts).
    pub row: OpdRow,
    /// Its packages by stage, in stage order (stages with none left out).
    pub stages: Vec<StageCount>,
    /// Its stuck packages, largest pagu first.
    pub stuck: Vec<StuckPackage>,
    /// Its kontrak kritis (C-07 found), with their evidence; withheld from the public view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kontrak_kritis: Option<FindingsPage>,
    /// The first page of its findings; withheld from the public view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<FindingsPage>,
}

impl OpdDetail {
    /// The OPD as the public sees it: its stages, stuck packages and progress, no finding.
    pub fn without_findings(mut self) -> OpdDetail {
        self.row.findings = None;
        self.kontrak_kritis = None;
        self.findings = None;
        self
    }
}

impl<'a> Snapshot<'a> {
    /// The OPD `organisation`, or `None` when the region has no such OPD.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rulebook has no patience in force on the day.
    pub fn opd(&self, organisation: OrganisationId) -> Result<Option<OpdDetail>, CoreError> {
        let Some(org) = self.view.organisations.get(&organisation) else {
            return Ok(None);
        };
        let Some(row) = self
            .region_report()?
            .opd
            .into_iter()
            .find(|r| r.organisation == organisation)
        else {
            return Ok(None);
        };
        let mut stages: BTreeMap<Stage, (u64, Money)> = BTreeMap::new();
        let mut stuck = Vec::new();
        for p in position::positions(&self.view, self.as_of, self.patience()?) {
            let Some(package) = self.view.packages.get(&p.package) else {
                continue;
            };
            let spec = package.spec();
            if spec.organisation != organisation {
                continue;
            }
            let s = stages.entry(p.stage).or_insert((0, Money::ZERO));
            s.0 += 1;
            s.1 += spec.pagu;
            if let Some(why) = p.stuck {
                stuck.push(StuckPackage {
                    package: spec.id,
                    kd_rup: spec.kd_rup,
                    name: spec.name.clone(),
                    pagu: spec.pagu,
                    metode: spec.metode,
                    stage: p.stage,
                    stuck: why,
                });
            }
        }
        stuck.sort_by(|a, b| b.pagu.cmp(&a.pagu).then(a.package.cmp(&b.package)));
        let of_opd = FindingFilter {
            opd: Some(org.code()),
            ..FindingFilter::default()
        };
        Ok(Some(OpdDetail {
            row,
            stages: stages
                .into_iter()
                .map(|(stage, (packages, pagu))| StageCount { stage, packages, pagu })
                .collect(),
            stuck,
            kontrak_kritis: Some(self.findings(&FindingFilter {
                rule: Some(RuleId::C07),
                ..of_opd.clone()
            })),
            findings: Some(self.findings(&of_opd)),
        }))
    }
}
