//! A custom dashboard in a few lines, over the query boundary a frontend uses (`rantai::query`,
//! the same answers the HTTP API serves): the OPDs ranked by how far their contracts are behind
//! plan, each OPD's stuck packages with what must be done and by whom, and its kontrak kritis —
//! the "one view" a regional head asks for.
//!
//! Run with `cargo run --example opd_dashboard`.

use rantai::query::{ActionFilter, FindingFilter, Snapshot};
use rantai::sample as demo;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region = demo::sample_region()?;
    let (y, m, d) = demo::AS_OF;
    let as_of = chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("the sample's date")?;
    let findings = region.findings_as_of(as_of);
    let snapshot = Snapshot::new(region.state().view(), region.rulebook(), &findings, as_of);
    let report = snapshot.region_report()?;
    println!("{} as of {}", report.name, report.as_of);
    for row in &report.opd {
        let deviation = row
            .physical_deviation_pp
            .map_or_else(|| format!("{:?}", row.deviation_data), |d| format!("{d} pp"));
        println!(
            "{}. {} ({}): physical deviation {deviation}",
            row.rank, row.name, row.code
        );
        let todo = snapshot.actions(&ActionFilter {
            opd: Some(row.code),
            ..ActionFilter::default()
        })?;
        for item in &todo.items {
            let who = item.action.as_ref().map_or("?", |a| a.by.label());
            let what = item.action.as_ref().map_or("", |a| a.id.as_str());
            println!("   stuck: {} — {who}: {what}", item.subject_label);
        }
        let kritis = snapshot.findings(&FindingFilter {
            rule: Some(rantai::core::RuleId::C07),
            opd: Some(row.code),
            ..FindingFilter::default()
        });
        for f in &kritis.rows {
            println!("   kontrak kritis: {}", f.subject_label);
        }
    }
    Ok(())
}
