//! `rantai import lkpp DIR`: reads a region's LKPP ISB datasets, records them into a new chain
//! (with a progress bar on large inputs), stores it, and prints what happened to every row.
//! `rantai import ownership FILE`: records providers' owners and controllers into a stored region.

use std::fmt::Write;
use std::path::Path;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use indicatif::{ProgressBar, ProgressStyle};
use rantai_chain::{Chain, Command};
use rantai_core::{Actor, ActorId, Role, Rulebook};
use rantai_lkpp::isb::{self, IsbReport, IsbSource};

use crate::store_cmd;

/// The environment variable holding the key for officials' ids ([`rantai_lkpp::Pseudonyms`]).
const PSEUDONYM_KEY: &str = "RANTAI_PSEUDONYM_KEY";

/// Inputs larger than this get a progress bar.
const PROGRESS_FROM_BYTES: u64 = 8 * 1024 * 1024;

/// Reads `dir` and imports it into a new chain; returns the chain and the report.
pub(crate) fn import_dir(dir: &Path, rulebook: Rulebook) -> Result<(Chain, IsbReport), String> {
    let size: u64 = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let bar = if size >= PROGRESS_FROM_BYTES {
        let bar = ProgressBar::new(isb::Dataset::ALL.len() as u64 + 1);
        if let Ok(style) = ProgressStyle::with_template("{msg:>40} [{bar:30}] {pos}/{len} datasets") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("reading files");
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut source = IsbSource::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    // Officials' NIPs become ids under the deployment's key, so the ids cannot be traced back.
    source.set_pseudonyms(pseudonyms().0);
    bar.inc(1);
    let result = isb::import_region(&source, rulebook, |dataset| {
        bar.set_message(dataset.name());
        bar.inc(1);
    })
    .map_err(|e| format!("{}: {e}", dir.display()));
    bar.finish_and_clear();
    result
}

/// The actor who records ownership declarations.
const OWNERSHIP_IMPORTER: u128 = 3;

/// The key for ids from NIP, NIK and NPWP: the deployment's, else the built-in one (with a note).
fn pseudonyms() -> (rantai_lkpp::Pseudonyms, String) {
    match std::env::var(PSEUDONYM_KEY) {
        Ok(key) => (rantai_lkpp::Pseudonyms::new(key.as_bytes()), String::new()),
        Err(_) => (
            rantai_lkpp::Pseudonyms::default(),
            format!(
                "note ids use rantai's built-in key: set {PSEUDONYM_KEY} so they cannot be traced back to a NIP, NIK or NPWP\n"
            ),
        ),
    }
}

/// `rantai import ownership FILE --db DB [--region KD] [--rulebook FILE]`: every declaration
/// recorded as a fact; the H-10/H-11 counts printed under `rulebook`.
pub(crate) fn run_ownership(file: &Path, db: &str, region: Option<&str>, rulebook: Rulebook) -> Result<(), String> {
    let region = store_cmd::region_of(db, region)?;
    let mut durable = store_cmd::open_durable(db, &region, rulebook)?;
    let reader = std::fs::File::open(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let (pseudonyms, key) = pseudonyms();
    let (declared, mut report) = rantai_lkpp::ownership::read_csv(reader, &pseudonyms);
    let importer = ActorId::from_u128(OWNERSHIP_IMPORTER);
    if !durable.chain().state().actors().contains_key(&importer) {
        // The region head registers the importer, as the ISB import does its own.
        let head = durable
            .chain()
            .state()
            .actors()
            .values()
            .find(|a| a.holds(Role::KepalaDaerah, None))
            .map(Actor::id)
            .ok_or_else(|| format!("region {region} has no Kepala Daerah to register the importer"))?;
        let actor = Actor::new(importer, "Importir kepemilikan penyedia");
        durable
            .execute(head, chrono::DateTime::UNIX_EPOCH, Command::RegisterActor { actor })
            .map_err(|e| format!("{db}: {e}"))?;
    }
    rantai_lkpp::ownership::import(declared, &mut report, |provenance, at, fact| {
        durable.record(provenance, importer, at, fact).map(|_| ())
    });
    let mut out = format!(
        "{}: {} rows, {} imported, {} refused\n{key}",
        file.display(),
        report.rows,
        report.imported,
        report.refused.len()
    );
    for issue in &report.refused {
        let _ = writeln!(out, "refused {issue}");
    }
    let findings = durable.chain().findings();
    for rule in [rantai_core::RuleId::H10, rantai_core::RuleId::H11] {
        let found = findings.iter().filter(|f| f.code == rule && f.is_found()).count();
        let _ = writeln!(out, "{rule}: {found} found");
    }
    let _ = writeln!(out, "See every finding with `rantai report --db {db}`.");
    crate::emit(&out)
}

/// `rantai import lkpp DIR --db DB`.
pub(crate) fn run(dir: &Path, db: &str, rulebook: Rulebook) -> Result<(), String> {
    let (chain, report) = import_dir(dir, rulebook)?;
    let chain = store_cmd::persist_new(db, chain)?;
    let region = chain
        .state()
        .profile()
        .map_or_else(String::new, |p| format!("{} ({})", p.name, p.kd_klpd));
    let (_, key) = pseudonyms();
    crate::emit(&format!(
        "{}{key}{region}: {} events stored in {db}. See the findings with `rantai report --db {db}`.\n",
        render(&report),
        chain.log().len()
    ))
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// The import report as text: one row per dataset, then why rows were set aside or refused.
pub(crate) fn render(report: &IsbReport) -> String {
    let mut out = String::new();
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(["dataset", "rows", "imported", "set aside", "refused"]);
    for d in &report.datasets {
        t.add_row(vec![
            Cell::new(&d.dataset),
            right(d.rows.to_string()),
            right(d.imported.to_string()),
            right(d.set_aside_rows().to_string()),
            right(d.refused.len().to_string()),
        ]);
    }
    let snapshot = report.snapshot.map_or_else(String::new, |d| format!(", pulled {d}"));
    let _ = writeln!(
        out,
        "{} rows in {} datasets ({} bytes{snapshot}): {} imported",
        report.rows(),
        report.datasets.len(),
        report.bytes,
        report.imported()
    );
    let _ = writeln!(out, "{t}");
    for d in report.datasets.iter().filter(|d| !d.is_complete()) {
        let counted = d.imported + d.set_aside_rows() + d.refused.len();
        let _ = writeln!(
            out,
            "warning {}: {counted} of {} rows accounted for — a defect in rantai, please report it",
            d.dataset, d.rows
        );
    }
    for f in &report.files {
        let _ = writeln!(out, "file {}: {}", f.file, f.reason);
    }
    if !report.missing.is_empty() {
        let names: Vec<_> = report.missing.iter().map(|d| d.name()).collect();
        let _ = writeln!(out, "not provided: {}", names.join(", "));
    }
    for d in &report.datasets {
        for (reason, n) in &d.set_aside {
            let _ = writeln!(out, "set aside {}: {n} × {reason}", d.dataset);
        }
    }
    for note in &report.notes {
        let _ = writeln!(out, "note {note}");
    }
    for d in &report.datasets {
        for issue in &d.refused {
            let _ = writeln!(out, "refused {issue}");
        }
    }
    out
}
