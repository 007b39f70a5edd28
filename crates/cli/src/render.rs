//! Tables for people: the per-OPD summary and the findings with their evidence and citation.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use rantai_core::{Money, Outcome, Ratio};
use rantai_monev::RegionSummary;

use crate::demo::{LabelledFinding, StalledRow};

fn rp(m: Money) -> String {
    m.to_rupiah_string()
}

fn pct(r: Option<Ratio>) -> String {
    r.map_or_else(
        || "–".into(),
        |r| format!("{}%", r.as_percent().round_dp(1).normalize()),
    )
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t
}

/// The whole demo report as text.
pub(crate) fn report(
    region: &str,
    summary: &RegionSummary,
    found: &[LabelledFinding<'_>],
    insufficient: &[LabelledFinding<'_>],
    stalled: &[StalledRow],
    as_of: chrono::NaiveDate,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{region}");
    let _ = writeln!(
        out,
        "{} RUP packages, pagu {}; {} procurements, {} contracts worth {}, paid {}",
        summary.packages,
        rp(summary.pagu),
        summary.procurements,
        summary.contracts,
        rp(summary.contracted),
        rp(summary.paid)
    );
    let _ = writeln!(
        out,
        "Findings: {} error, {} warn, {} info; {} checks could not be decided for lack of data\n",
        summary.findings.error, summary.findings.warn, summary.findings.info, summary.findings.insufficient
    );

    let mut t = table();
    t.set_header(vec![
        "OPD",
        "Packages",
        "Pagu",
        "Contracts",
        "Contracted",
        "Paid",
        "Financial",
        "Physical",
        "Findings",
    ]);
    for row in &summary.opd {
        t.add_row(vec![
            Cell::new(&row.name),
            right(row.packages.to_string()),
            right(rp(row.pagu)),
            right(row.contracts.to_string()),
            right(rp(row.contracted)),
            right(rp(row.paid)),
            right(pct(row.financial_progress)),
            right(pct(row.physical_progress)),
            right(format!("{}E {}W", row.findings.error, row.findings.warn)),
        ]);
    }
    let _ = writeln!(out, "{t}\n");

    if !stalled.is_empty() {
        let _ = writeln!(
            out,
            "Announced, selection window passed, not procured as of {as_of} ({})",
            stalled.len()
        );
        let mut t = table();
        t.set_header(vec!["Package", "Pagu", "Announced", "Window ended", "Days overdue"]);
        for s in stalled {
            t.add_row(vec![
                Cell::new(&s.label),
                right(rp(s.package.pagu)),
                Cell::new(s.package.announced_on.to_string()),
                Cell::new(s.package.selection_end.to_string()),
                right(s.package.days_overdue.to_string()),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }

    let _ = writeln!(out, "Findings ({})", found.len());
    for f in found {
        let finding = f.finding;
        let _ = writeln!(
            out,
            "\n[{}] {} ({}) — {}",
            finding.code, finding.title, finding.severity, f.subject_label
        );
        if let Outcome::Found { evidence } = &finding.outcome {
            for (name, value) in evidence.iter() {
                let _ = writeln!(out, "    {name:<22} {value}");
            }
        }
        let _ = writeln!(out, "    {:<22} {}", "regulation", finding.citation);
        if !finding.ocp.is_empty() {
            let _ = writeln!(out, "    {:<22} {}", "open contracting", finding.ocp.join(", "));
        }
    }
    if !insufficient.is_empty() {
        let _ = writeln!(out, "\nCould not be decided ({})", insufficient.len());
        for f in insufficient {
            if let Outcome::Insufficient { missing } = &f.finding.outcome {
                let _ = writeln!(
                    out,
                    "  [{}] {} — missing: {}",
                    f.finding.code,
                    f.subject_label,
                    missing.join("; ")
                );
            }
        }
    }
    out
}
