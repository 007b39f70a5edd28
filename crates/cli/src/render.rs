//! Tables for people: the per-OPD summary and the findings with their evidence and citation.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use rantai_core::{Action, Money, Outcome, Ratio};
use rantai_engine::ChainView;
use rantai_engine::position::Stuck;
use rantai_engine::query::{DeviationData, OpdRow, RegionReport};

use crate::lang::{self, Lang};
use crate::report_cmd::{LabelledFinding, StalledRow};

fn rp(m: Money) -> String {
    m.to_rupiah_string()
}

fn pct(r: Option<Ratio>) -> String {
    r.map_or_else(
        || "–".into(),
        |r| format!("{}%", r.as_percent().round_dp(1).normalize()),
    )
}

/// Text from the data as a terminal may show it: a line break or tab inside a name is a space,
/// and any other control character (an escape sequence) is written as `\u{…}` rather than acted
/// on.
fn shown(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => " ".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A text cell a spreadsheet will not read as a formula: one that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'` (OWASP's advice on CSV injection). Numbers and
/// codes are written as they are.
fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
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

/// A stuck package as the report prints it: why, and what must be done by whom.
pub(crate) struct StuckRow {
    pub(crate) label: String,
    pub(crate) why: Stuck,
    pub(crate) action: Option<Action>,
}

/// What the demo report shows.
pub(crate) struct ReportView<'a> {
    pub(crate) region: &'a str,
    pub(crate) summary: &'a RegionReport,
    pub(crate) found: &'a [LabelledFinding<'a>],
    pub(crate) insufficient: &'a [LabelledFinding<'a>],
    pub(crate) stalled: &'a [StalledRow],
    pub(crate) stuck: &'a [StuckRow],
    pub(crate) as_of: chrono::NaiveDate,
}

/// The whole demo report as text.
pub(crate) fn report(view: &ReportView<'_>, l: Lang) -> String {
    let ReportView {
        region,
        summary,
        found,
        insufficient,
        stalled,
        stuck,
        as_of,
    } = *view;
    let mut out = String::new();
    let _ = writeln!(out, "{}", shown(region));
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
    let counts = summary.findings.unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {} error, {} warn, {} info; {} {}\n",
        lang::FINDINGS_LINE.get(l),
        counts.error,
        counts.warn,
        counts.info,
        counts.insufficient,
        lang::UNDECIDED_LINE.get(l)
    );

    let mut t = table();
    t.set_header(
        [
            &lang::COL_RANK,
            &lang::COL_OPD,
            &lang::COL_PACKAGES,
            &lang::COL_PAGU,
            &lang::COL_PROCUREMENTS,
            &lang::COL_CONTRACTS,
            &lang::COL_CONTRACTED,
            &lang::COL_PAID,
            &lang::COL_FINANCIAL,
            &lang::COL_PHYSICAL,
            &lang::COL_DEVIATION,
            &lang::COL_FINDINGS,
        ]
        .map(|t| t.get(l)),
    );
    let quiet = summary.opd.iter().filter(|r| is_quiet(r)).count();
    for row in summary.opd.iter().filter(|r| !is_quiet(r)) {
        let deviation = match (row.physical_deviation_pp, row.deviation_data) {
            (Some(d), _) => d.to_string(),
            (None, DeviationData::NoContract) => lang::NO_CONTRACT.get(l).to_string(),
            (None, _) => lang::NO_REPORT.get(l).to_string(),
        };
        let findings = row.findings.unwrap_or_default();
        t.add_row(vec![
            right(row.rank.to_string()),
            Cell::new(shown(&row.name)),
            right(row.packages.to_string()),
            right(rp(row.pagu)),
            right(row.procurements.to_string()),
            right(row.contracts.to_string()),
            right(rp(row.contracted)),
            right(rp(row.paid)),
            right(pct(row.financial_progress)),
            right(pct(row.physical_progress)),
            right(deviation),
            right(format!("{}E {}W", findings.error, findings.warn)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    if quiet > 0 {
        let _ = writeln!(out, "{quiet} {}", lang::QUIET_OPD.get(l));
    }
    let _ = writeln!(out);

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
                Cell::new(shown(&s.label)),
                right(rp(s.package.pagu)),
                Cell::new(s.package.announced_on.to_string()),
                Cell::new(s.package.selection_end.to_string()),
                right(s.package.days_overdue.to_string()),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }

    let behind: Vec<&StuckRow> = stuck
        .iter()
        .filter(|s| !matches!(s.why, Stuck::SelectionWindowPassed { .. }))
        .collect();
    if !behind.is_empty() {
        let _ = writeln!(out, "{} ({})", lang::STUCK.get(l), behind.len());
        for s in behind {
            let _ = writeln!(out, "  {} — {}", shown(&s.label), why(&s.why, l));
            if let Some(a) = &s.action {
                let text = match l {
                    Lang::Id => &a.id,
                    Lang::En => &a.en,
                };
                let _ = writeln!(out, "    {} ({}): {text}", lang::TO_DO.get(l), a.by.label());
            }
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "{} ({})", lang::FINDINGS_LINE.get(l), found.len());
    for f in found {
        let finding = f.finding;
        let title = match l {
            Lang::Id => &finding.text.judul,
            Lang::En => &finding.text.title,
        };
        let _ = writeln!(
            out,
            "\n[{}] {} ({}) — {}",
            finding.code,
            title,
            finding.severity,
            shown(&f.subject_label)
        );
        if let Outcome::Found { evidence } = &finding.outcome {
            for (name, value) in evidence.iter() {
                let _ = writeln!(out, "    {name:<22} {}", shown(&value.to_string()));
            }
        }
        let _ = writeln!(out, "    {:<22} {}", lang::REGULATION.get(l), finding.text.citation);
        if !finding.text.ocp.is_empty() {
            let _ = writeln!(
                out,
                "    {:<22} {}",
                lang::OPEN_CONTRACTING.get(l),
                finding.text.ocp.join(", ")
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
                    shown(&f.subject_label),
                    lang::MISSING.get(l),
                    shown(&missing.join("; "))
                );
            }
        }
    }
    out
}

/// An organisation with no package, procurement, contract or finding: left out of the table.
fn is_quiet(row: &OpdRow) -> bool {
    let f = row.findings.unwrap_or_default();
    row.packages == 0 && row.procurements == 0 && row.contracts == 0 && f.error + f.warn + f.info == 0
}

/// The findings found, one CSV row each: rule, severity, organisation, subject, titles,
/// evidence (`name=value; …`), regulation and Open Contracting codes.
pub(crate) fn findings_csv(view: &ChainView<'_>, found: &[LabelledFinding<'_>]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "rule",
        "severity",
        "kd_satker_str",
        "organisation",
        "subject",
        "title",
        "judul",
        "evidence",
        "regulation",
        "open_contracting",
    ];
    w.write_record(header).map_err(|e| e.to_string())?;
    for f in found {
        let finding = f.finding;
        let org = rantai_engine::organisation_of(view, finding.subject).and_then(|o| view.organisations.get(&o));
        let evidence = match &finding.outcome {
            Outcome::Found { evidence } => evidence
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
            _ => String::new(),
        };
        w.write_record([
            finding.code.to_string(),
            finding.severity.to_string(),
            org.map(|o| o.code().to_string()).unwrap_or_default(),
            csv_text(org.map(|o| o.name()).unwrap_or_default()),
            csv_text(&f.subject_label),
            csv_text(&finding.text.title),
            csv_text(&finding.text.judul),
            csv_text(&evidence),
            csv_text(&finding.text.citation),
            finding.text.ocp.join(" "),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The per-OPD view, one CSV row per organisation in the ranking's order (furthest behind its
/// plan first); amounts in rupiah with sen, ratios as decimals (0–1), deviation in pp.
pub(crate) fn opd_csv(summary: &RegionReport) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "rank",
        "kd_satker_str",
        "organisation",
        "packages",
        "pagu",
        "procurements",
        "contracts",
        "contracted",
        "paid",
        "financial_progress",
        "physical_progress",
        "planned_progress",
        "physical_deviation_pp",
        "deviation_data",
        "rup_coverage",
        "absorption",
        "stuck",
        "findings_error",
        "findings_warn",
        "findings_info",
        "insufficient",
    ])
    .map_err(|e| e.to_string())?;
    let ratio = |r: Option<Ratio>| r.map(|r| r.as_decimal().to_string()).unwrap_or_default();
    for row in &summary.opd {
        let findings = row.findings.unwrap_or_default();
        let data = match row.deviation_data {
            DeviationData::Measured => "measured",
            DeviationData::NoProgressReport => "no_progress_report",
            DeviationData::NoContract => "no_contract",
        };
        w.write_record([
            row.rank.to_string(),
            row.code.to_string(),
            csv_text(&row.name),
            row.packages.to_string(),
            row.pagu.to_string(),
            row.procurements.to_string(),
            row.contracts.to_string(),
            row.contracted.to_string(),
            row.paid.to_string(),
            ratio(row.financial_progress),
            ratio(row.physical_progress),
            ratio(row.planned_progress),
            row.physical_deviation_pp.map(|d| d.to_string()).unwrap_or_default(),
            data.to_string(),
            ratio(row.rup_coverage),
            ratio(row.absorption),
            row.stuck.to_string(),
            findings.error.to_string(),
            findings.warn.to_string(),
            findings.info.to_string(),
            findings.insufficient.to_string(),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// One line on why a package is stuck.
fn why(reason: &Stuck, l: Lang) -> String {
    match (reason, l) {
        (Stuck::SelectionWindowPassed { window_end, days, .. }, Lang::Id) => {
            format!("jadwal pemilihan berakhir {window_end}, {days} hari lalu, belum ada pemilihan")
        }
        (Stuck::SelectionWindowPassed { window_end, days, .. }, Lang::En) => {
            format!("selection window ended {window_end}, {days} days ago, no procurement")
        }
        (Stuck::NotAwarded { announced_on, days }, Lang::Id) => {
            format!("diumumkan {announced_on}, {days} hari tanpa penetapan pemenang")
        }
        (Stuck::NotAwarded { announced_on, days }, Lang::En) => {
            format!("announced {announced_on}, {days} days without an award")
        }
        (Stuck::NotContracted { awarded_on, days }, Lang::Id) => {
            format!("pemenang ditetapkan {awarded_on}, {days} hari tanpa kontrak")
        }
        (Stuck::NotContracted { awarded_on, days }, Lang::En) => {
            format!("awarded {awarded_on}, {days} days without a contract")
        }
        (
            Stuck::BehindPlan {
                reported_on,
                planned,
                actual,
            },
            Lang::Id,
        ) => format!(
            "fisik {} dari rencana {} per {reported_on}",
            actual.to_percent_string(),
            planned.to_percent_string()
        ),
        (
            Stuck::BehindPlan {
                reported_on,
                planned,
                actual,
            },
            Lang::En,
        ) => format!(
            "physical {} against {} planned on {reported_on}",
            actual.to_percent_string(),
            planned.to_percent_string()
        ),
        (Stuck::NoProgressReport { started_on, days }, Lang::Id) => {
            format!("mulai {started_on}, {days} hari tanpa laporan progres")
        }
        (Stuck::NoProgressReport { started_on, days }, Lang::En) => {
            format!("started {started_on}, {days} days without a progress report")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_would_be_a_formula_is_quoted_and_control_characters_are_shown() {
        // OWASP's CSV injection payloads.
        for payload in [
            "=HYPERLINK(\"http://x\",\"klik\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(csv_text(payload), format!("'{payload}"));
        }
        assert_eq!(csv_text("CV Maju Jaya"), "CV Maju Jaya");
        assert_eq!(shown("Dinas\u{1b}[2J PU"), "Dinas\\u{1b}[2J PU");
        assert_eq!(shown("Jalan\r\nDesa"), "Jalan  Desa");
        assert_eq!(shown("Dinas PU"), "Dinas PU");
    }
}
