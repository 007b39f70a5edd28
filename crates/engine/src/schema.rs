//! JSON Schemas of the finding type and the read models, generated from the Rust types so that
//! frontends can validate and generate code; `docs/schema/` holds the committed copies and a
//! test fails when they drift.

use rantai_core::Finding;
use schemars::schema_for;

use crate::planner::{PlanCoverage, StalledPackage};
use crate::position::PackagePosition;
use crate::query::{ActionsPage, FindingsPage, OpdDetail, OpdRow, RegionReport, RuleCoverage, Scurve, Trail};
use crate::read_model::{MethodSummary, QuarterSummary, RegionSummary};

/// A schema as the files in `docs/schema/` hold it: pretty JSON ending in a newline.
///
/// # Example
///
/// ```
/// let text = rantai_engine::schema::render(schemars::schema_for!(bool));
/// assert!(text.ends_with("}\n"));
/// ```
pub fn render(schema: schemars::Schema) -> String {
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// Every schema as (file name, pretty JSON text), in a stable order.
///
/// # Example
///
/// ```
/// let schemas = rantai_engine::schema::schemas();
/// assert!(schemas.iter().any(|(name, json)| *name == "finding.schema.json" && json.contains("\"evidence\"")));
/// ```
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("by_method.schema.json", render(schema_for!(Vec<MethodSummary>))),
        ("by_quarter.schema.json", render(schema_for!(Vec<QuarterSummary>))),
        ("finding.schema.json", render(schema_for!(Finding))),
        ("region_summary.schema.json", render(schema_for!(RegionSummary))),
        (
            "package_positions.schema.json",
            render(schema_for!(Vec<PackagePosition>)),
        ),
        ("plan_coverage.schema.json", render(schema_for!(Vec<PlanCoverage>))),
        ("stalled_packages.schema.json", render(schema_for!(Vec<StalledPackage>))),
        ("query/region_report.schema.json", render(schema_for!(RegionReport))),
        ("query/opd_ranking.schema.json", render(schema_for!(Vec<OpdRow>))),
        ("query/opd.schema.json", render(schema_for!(OpdDetail))),
        ("query/trail.schema.json", render(schema_for!(Trail))),
        ("query/findings_page.schema.json", render(schema_for!(FindingsPage))),
        ("query/coverage.schema.json", render(schema_for!(Vec<RuleCoverage>))),
        ("query/scurve.schema.json", render(schema_for!(Scurve))),
        ("query/actions.schema.json", render(schema_for!(ActionsPage))),
    ]
}
