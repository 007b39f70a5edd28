//! Tables for people: the per-OPD summary and the findings with their evidence and citation.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use rantai_core::{Money, Outcome, Ratio};
use rantai_monev::RegionSummary;

use crate::demo::{LabelledFinding, StalledRow};
use crate::lang::{self, Lang};

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
    l: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{region}");
    let _ = writeln!(
        out,
        "{} {} {}; {} {}, {} {} {}, {} {}",
        summary.packages,
        lang::PACKAGES_LINE.get(l),
        rp(summary.pagu),
        summary.procurements,
        lang::PROCUREMENTS.get(l),
        summary.contracts,
        lang::CONTRACTS_WORTH.get(l),
        rp(summary.contracted),
        lang::PAID.get(l),
        rp(summary.paid)
    );
    let _ = writeln!(
        out,
        "{}: {} error, {} warn, {} info; {} {}\n",
        lang::FINDINGS_LINE.get(l),
        summary.findings.error,
        summary.findings.warn,
        summary.findings.info,
        summary.findings.insufficient,
        lang::UNDECIDED_LINE.get(l)
    );

    let mut t = table();
    t.set_header(
        [
            &lang::COL_OPD,
            &lang::COL_PACKAGES,
            &lang::COL_PAGU,
            &lang::COL_CONTRACTS,
            &lang::COL_CONTRACTED,
            &lang::COL_PAID,
            &lang::COL_FINANCIAL,
            &lang::COL_PHYSICAL,
            &lang::COL_FINDINGS,
        ]
        .map(|t| t.get(l)),
    );
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
        let _ = writeln!(out, "{} {as_of} ({})", lang::STALLED.get(l), stalled.len());
        let mut t = table();
        t.set_header(
            [
                &lang::COL_PACKAGE,
                &lang::COL_PAGU,
                &lang::COL_ANNOUNCED,
                &lang::COL_WINDOW_ENDED,
                &lang::COL_DAYS,
            ]
            .map(|t| t.get(l)),
        );
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

    let _ = writeln!(out, "{} ({})", lang::FINDINGS_LINE.get(l), found.len());
    for f in found {
        let finding = f.finding;
        let title = match l {
            Lang::Id => &finding.judul,
            Lang::En => &finding.title,
        };
        let _ = writeln!(
            out,
            "\n[{}] {} ({}) — {}",
            finding.code, title, finding.severity, f.subject_label
        );
        if let Outcome::Found { evidence } = &finding.outcome {
            for (name, value) in evidence.iter() {
                let _ = writeln!(out, "    {name:<22} {value}");
            }
        }
        let _ = writeln!(out, "    {:<22} {}", lang::REGULATION.get(l), finding.citation);
        if !finding.ocp.is_empty() {
            let _ = writeln!(
                out,
                "    {:<22} {}",
                lang::OPEN_CONTRACTING.get(l),
                finding.ocp.join(", ")
            );
        }
    }
    if !insufficient.is_empty() {
        let _ = writeln!(out, "\n{} ({})", lang::UNDECIDED.get(l), insufficient.len());
        for f in insufficient {
            if let Outcome::Insufficient { missing } = &f.finding.outcome {
                let _ = writeln!(
                    out,
                    "  [{}] {} — {}: {}",
                    f.finding.code,
                    f.subject_label,
                    lang::MISSING.get(l),
                    missing.join("; ")
                );
            }
        }
    }
    out
}
