//! `rantai demo`: the embedded sample region, summarized and explained.

use chrono::NaiveDate;
use rantai_chain::demo::sample_region_with;
use rantai_core::{Finding, Outcome, Rulebook, Subject};
use rantai_monev::planner::{self, StalledPackage};
use rantai_monev::position::{self, PackagePosition, Patience, Stuck};
use rantai_monev::{ChainView, RegionSummary, subject_label};
use serde::Serialize;

use crate::lang::Lang;
use crate::render;
use crate::store_cmd;

/// The sample region's key (`kd_klpd`) in a store.
const SAMPLE_REGION: &str = "D999";

/// A finding with the label of its subject, as the demo prints it.
#[derive(Serialize)]
pub(crate) struct LabelledFinding<'a> {
    #[serde(flatten)]
    pub(crate) finding: &'a Finding,
    pub(crate) subject_label: String,
}

/// An announced package not procured after its selection window, as the demo prints it.
#[derive(Serialize)]
pub(crate) struct StalledRow {
    #[serde(flatten)]
    pub(crate) package: StalledPackage,
    pub(crate) label: String,
}

#[derive(Serialize)]
struct Report<'a> {
    region: &'a str,
    rulebook: &'a str,
    as_of: NaiveDate,
    summary: &'a RegionSummary,
    findings: Vec<LabelledFinding<'a>>,
    insufficient: Vec<LabelledFinding<'a>>,
    stalled: Vec<StalledRow>,
    positions: Vec<PackagePosition>,
}

fn labelled<'a>(view: &ChainView<'_>, finding: &'a Finding) -> LabelledFinding<'a> {
    LabelledFinding {
        finding,
        subject_label: subject_label(view, finding.subject),
    }
}

pub(crate) fn run(rulebook: Rulebook, db: &str, json: bool, lang: Lang) -> Result<(), String> {
    let chain = store_cmd::open_or_build(db, SAMPLE_REGION, rulebook, sample_region_with)?;
    chain.verify().map_err(|e| e.to_string())?;
    let all = chain.findings_as_of(rantai_chain::demo::as_of());
    let summary = chain.summary(&all);
    let view = chain.state().view();
    let found: Vec<_> = all
        .iter()
        .filter(|f| f.is_found())
        .map(|f| labelled(&view, f))
        .collect();
    let insufficient: Vec<_> = all
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Insufficient { .. }))
        .map(|f| labelled(&view, f))
        .collect();
    let (y, m, d) = rantai_chain::demo::AS_OF;
    let as_of = NaiveDate::from_ymd_opt(y, m, d).ok_or("the sample's observation date is invalid")?;
    let stalled: Vec<StalledRow> = planner::stalled(&view, as_of)
        .into_iter()
        .map(|package| StalledRow {
            label: subject_label(&view, Subject::Package(package.package)),
            package,
        })
        .collect();
    let positions = position::positions(&view, as_of, Patience::STANDARD);
    let stuck: Vec<(String, Stuck)> = positions
        .iter()
        .filter_map(|p| {
            p.stuck
                .clone()
                .map(|s| (subject_label(&view, Subject::Package(p.package)), s))
        })
        .collect();
    let region = chain.state().profile().map_or("", |p| p.name.as_str());
    if json {
        let report = Report {
            region,
            rulebook: chain.rulebook().version(),
            summary: &summary,
            as_of,
            findings: found,
            insufficient,
            stalled,
            positions,
        };
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!(
            "{}",
            render::report(
                &render::ReportView {
                    region,
                    summary: &summary,
                    found: &found,
                    insufficient: &insufficient,
                    stalled: &stalled,
                    stuck: &stuck,
                    as_of,
                },
                lang
            )
        );
    }
    Ok(())
}
