//! `rantai report`: the region summary, the per-OPD view and every finding of a region kept in
//! a store, as a table for people, JSON for programs, or CSV for spreadsheets. `rantai demo`
//! prints the same report for the embedded sample region.

use chrono::NaiveDate;
use rantai_chain::Chain;
use rantai_core::{Finding, Outcome, Subject};
use rantai_engine::planner::{self, StalledPackage};
use rantai_engine::position::{self, PackagePosition, Patience};
use rantai_engine::query::{RegionReport, Snapshot};
use rantai_engine::{ChainView, subject_label};
use serde::Serialize;

use crate::lang::Lang;
use crate::render;

/// How to print a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Aligned tables.
    Table,
    /// One JSON object with `report` (the API's region report: totals and the OPD ranking),
    /// `findings`, `insufficient`, `stalled` and `positions`.
    Json,
    /// CSV: one row per finding (or per OPD with `--table opd`).
    Csv,
}

/// Which table a CSV report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CsvTable {
    /// One row per finding found, with its organisation, evidence and regulation.
    Findings,
    /// One row per organisation (the per-OPD view).
    Opd,
}

/// A finding with the label of its subject, as the report prints it.
#[derive(Serialize)]
pub(crate) struct LabelledFinding<'a> {
    #[serde(flatten)]
    pub(crate) finding: &'a Finding,
    pub(crate) subject_label: String,
}

/// An announced package not procured after its selection window, as the report prints it.
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
    report: &'a RegionReport,
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

/// Prints the report of `chain` as of `as_of` to standard output.
pub(crate) fn print(
    chain: &Chain,
    as_of: NaiveDate,
    format: Format,
    table: CsvTable,
    lang: Lang,
) -> Result<(), String> {
    crate::emit(&text(chain, as_of, format, table, lang)?)
}

/// The report of `chain` as of `as_of`.
pub(crate) fn text(
    chain: &Chain,
    as_of: NaiveDate,
    format: Format,
    table: CsvTable,
    lang: Lang,
) -> Result<String, String> {
    let all = chain.findings_as_of(as_of);
    let view = chain.state().view();
    let snapshot = Snapshot::new(view, chain.rulebook(), &all, as_of);
    let summary = snapshot.region_report().map_err(|e| e.to_string())?;
    let found: Vec<_> = all
        .iter()
        .filter(|f| f.is_found())
        .map(|f| labelled(&view, f))
        .collect();
    let region = chain.state().profile().map_or("", |p| p.name.as_str());
    if format == Format::Csv {
        let text = match table {
            CsvTable::Findings => render::findings_csv(&view, &found),
            CsvTable::Opd => render::opd_csv(&summary),
        }?;
        return Ok(text);
    }
    let insufficient: Vec<_> = all
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Insufficient { .. }))
        .map(|f| labelled(&view, f))
        .collect();
    let stalled: Vec<StalledRow> = planner::stalled(&view, as_of)
        .into_iter()
        .map(|package| StalledRow {
            label: subject_label(&view, Subject::Package(package.package)),
            package,
        })
        .collect();
    let patience = Patience::from_rulebook(chain.rulebook(), as_of).map_err(|e| e.to_string())?;
    let positions = position::positions(&view, as_of, patience);
    if format == Format::Json {
        let report = Report {
            region,
            rulebook: chain.rulebook().version(),
            report: &summary,
            as_of,
            findings: found,
            insufficient,
            stalled,
            positions,
        };
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        return Ok(format!("{text}\n"));
    }
    let stuck: Vec<render::StuckRow> = positions
        .iter()
        .filter_map(|p| {
            let why = p.stuck.clone()?;
            Some(render::StuckRow {
                label: subject_label(&view, Subject::Package(p.package)),
                action: chain.rulebook().stuck_action(why.reason()).cloned(),
                why,
            })
        })
        .collect();
    Ok(render::report(
        &render::ReportView {
            region,
            summary: &summary,
            found: &found,
            insufficient: &insufficient,
            stalled: &stalled,
            stuck: &stuck,
            as_of,
        },
        lang,
    ))
}

/// `rantai report`: opens the region of a store (the only one, or `region`) and prints its report.
pub(crate) fn run(
    db: &str,
    region: Option<&str>,
    as_of: Option<NaiveDate>,
    format: Format,
    table: CsvTable,
    lang: Lang,
    rulebook: rantai_core::Rulebook,
) -> Result<(), String> {
    let region = crate::store_cmd::region_of(db, region)?;
    let chain = crate::store_cmd::open(db, &region, rulebook)?;
    let as_of = as_of
        .or_else(|| chain.known_until())
        .ok_or_else(|| format!("region {region} holds no dated fact: give --as-of"))?;
    print(&chain, as_of, format, table, lang)
}
