//! `rantai bench`, real data in: the Kab. Bandung 2025 ISB dump (24 files, ≈ 23 MB) read,
//! imported into a new chain and reported on (findings, per-OPD summary, the report's text), set
//! beside the time `serde_json` alone takes to parse the same bytes (#8: under 1 s).

use std::path::Path;
use std::time::{Duration, Instant};

use rantai_lkpp::isb::IsbSource;
use serde_json::Value;

use crate::lang::Lang;
use crate::report_cmd::{self, CsvTable, Format};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

/// Imports and reports the dump in `dir` three times, and parses it three times; prints both
/// medians with their throughput.
#[allow(clippy::disallowed_types, clippy::float_arithmetic)] // timings are for display only
pub(crate) fn figures(dir: &Path) -> Result<(), String> {
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
        let (chain, report) = crate::import_cmd::import_source(&source, rantai_core::Rulebook::standard().clone())?;
        let as_of = report.snapshot.or_else(|| chain.known_until()).ok_or("no dated fact")?;
        let text = report_cmd::text(&chain, as_of, Format::Table, CsvTable::Findings, Lang::Id)?;
        whole.push(started.elapsed());
        facts = chain.log().len();
        found = text.lines().filter(|l| l.starts_with('[')).count();
    }
    let (parse, whole) = (median(parse), median(whole));
    let mb = bytes as f64 / 1_000_000.0;
    say!(
        "import + report of {} ({} files, {mb:.1} MB): {:.0} ms, {:.1} MB/s ({facts} facts, {found} findings; target < 1 000 ms); \
         serde_json parse alone: {:.0} ms, {:.1} MB/s",
        dir.display(),
        files.len(),
        whole.as_secs_f64() * 1000.0,
        mb / whole.as_secs_f64(),
        parse.as_secs_f64() * 1000.0,
        mb / parse.as_secs_f64(),
    );
    Ok(())
}
