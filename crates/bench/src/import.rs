//! `rantai bench`, real data in: the Kab. Bandung 2025 ISB dump (24 files, ≈ 23 MB) read,
//! imported into a new chain and reported on (findings, per-OPD summary, the report's text), set
//! beside the time `serde_json` alone takes to parse the same bytes (#8: under 1 s).

use std::path::Path;
use std::time::{Duration, Instant};

use rantai_lkpp::isb::IsbSource;
use serde_json::Value;

use crate::table::Figure;

/// Imports and reports the dump in `dir` three times, and parses it three times; both medians
/// go to the table.
pub(crate) fn figures(dir: &Path, render: crate::Report, figures: &mut Vec<Figure>) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        say!("import of LKPP data: not measured, {} is missing", dir.display());
        return Ok(());
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| n.ends_with(".json"))
        .map(|(n, p)| std::fs::read(&p).map(|b| (n, b)).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut parse = Vec::new();
    let mut whole = Vec::new();
    let mut facts = 0;
    let mut found = 0;
    for _ in 0..3 {
        let started = Instant::now();
        for (_, b) in &files {
            let rows: Vec<Value> = serde_json::from_slice(b).map_err(|e| e.to_string())?;
            std::hint::black_box(rows);
        }
        parse.push(started.elapsed());

        let started = Instant::now();
        let mut source = IsbSource::default();
        for (name, b) in &files {
            source.add(name, b);
        }
        let (chain, report) =
            rantai_lkpp::isb::import_region(&source, rantai_core::Rulebook::standard().clone(), |_| ())
                .map_err(|e| e.to_string())?;
        let as_of = report.snapshot.or_else(|| chain.known_until()).ok_or("no dated fact")?;
        let text = render(&chain, as_of)?;
        whole.push(started.elapsed());
        facts = chain.log().len();
        found = text.lines().filter(|l| l.starts_with('[')).count();
    }
    let (parse, whole) = (crate::median(parse), crate::median(whole));
    say!(
        "import + report of {} ({} files, {bytes} bytes): {facts} facts, {found} findings",
        dir.display(),
        files.len(),
    );
    figures.push(Figure::time(
        "real LKPP data: Kab. Bandung 2025 ISB dump imported + reported",
        Some(Duration::from_secs(1)),
        whole,
    ));
    figures.push(Figure::bytes_per_second(
        "real LKPP data: import + report throughput",
        None,
        crate::rate(bytes, whole),
    ));
    figures.push(Figure::bytes_per_second(
        "real LKPP data: serde_json parse alone (the floor)",
        None,
        crate::rate(bytes, parse),
    ));
    Ok(())
}
