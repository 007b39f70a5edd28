//! A custom dashboard in a few lines: build the sample region, then print each OPD's packages
//! that are announced but not yet procured, and its contracts with their physical progress and
//! findings — the "one view" a regional head asks for.

use rantai::engine::subject_label;
use rantai::sample as demo;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region = demo::sample_region()?;
    let findings = region.findings();
    let view = region.state().view();
    for opd in region.summary(&findings).opd {
        println!("{} ({})", opd.name, opd.code);
        for package in view
            .packages
            .values()
            .filter(|p| p.spec().organisation == opd.organisation)
        {
            let procured = view.procurements.values().any(|t| match t.plan() {
                rantai::procurement::PlanLink::Announced { packages } => {
                    packages.iter().any(|p| p.id() == package.spec().id)
                }
                _ => false,
            });
            if !procured {
                println!(
                    "  not yet procured: {} ({})",
                    package.spec().name,
                    package.spec().pagu.to_rupiah_string()
                );
            }
        }
        for contract in view
            .contracts
            .values()
            .filter(|c| c.terms().organisation == opd.organisation)
        {
            let progress = view
                .latest_progress(contract)
                .map_or("no report".to_string(), |(on, planned, actual)| {
                    format!(
                        "{} of {} planned on {on}",
                        actual.to_percent_string(),
                        planned.to_percent_string()
                    )
                });
            println!(
                "  {}: {progress}",
                subject_label(&view, rantai::core::Subject::Contract(contract.terms().spec.id))
            );
            for f in findings
                .iter()
                .filter(|f| f.is_found() && f.subject == rantai::core::Subject::Contract(contract.terms().spec.id))
            {
                println!("    [{}] {}", f.code, f.text.title);
            }
        }
    }
    Ok(())
}
