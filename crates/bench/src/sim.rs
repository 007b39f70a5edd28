//! `rantai bench`, the synthetic country (#9): a province-year generated, built and analysed end
//! to end; its events folded into state; its ISB files imported; and a national year of 552
//! regions analysed one after another, with the process's peak memory.

use std::time::{Duration, Instant};

use rantai_chain::RegionState;
use rantai_core::{GovLevel, Rulebook};
use rantai_lkpp::isb::IsbSource;
use rantai_sim::{RegionSpec, as_of, build, build::build_then, country, generate, isb::isb_files, labels};

use crate::table::Figure;
use crate::{median, rate};

/// Runs of the province figures; the median is reported.
const RUNS: usize = 5;

/// The province-year of the issue: 20 000 packages, one in ten anomalous.
pub(crate) fn province_spec() -> RegionSpec {
    RegionSpec {
        name: "Provinsi Sintetis".into(),
        kd_klpd: "D900".into(),
        level: GovLevel::Provinsi,
        ..RegionSpec::kabupaten(2025, 20_000)
    }
}

/// The province-year end to end, event application over its log, and the import of its ISB files.
pub(crate) fn province(figures: &mut Vec<Figure>) -> Result<(), String> {
    let spec = province_spec();
    let rulebook = Rulebook::standard().clone();
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        // The previous run's chain is freed before the clock starts.
        drop(last.take());
        let started = Instant::now();
        let region = generate(&spec).map_err(|e| e.to_string())?;
        let (chain, findings) = build_then(&region, rulebook.clone(), |state, rulebook| {
            rantai_engine::evaluate(&state.view().as_of(as_of()), rulebook)
        })
        .map_err(|e| e.to_string())?;
        times.push(started.elapsed());
        last = Some((region, chain, findings));
    }
    let (region, chain, findings) = last.ok_or("nothing was built")?;
    let found = findings.iter().filter(|f| f.is_found()).count();
    let expected = labels(&region);
    let mut got: Vec<_> = findings
        .iter()
        .filter(|f| f.is_found())
        .map(|f| rantai_sim::Label {
            rule: f.code,
            subject: f.subject,
        })
        .collect();
    got.sort();
    let events = chain.log().len();
    if got != expected {
        return Err("the generated province's findings are not its labels".into());
    }
    say!(
        "province-year: {} packages, {events} events, {found} findings found, {} labelled: {}",
        region.packages.len(),
        expected.len(),
        "exactly the labels"
    );
    figures.push(Figure::time(
        format!(
            "one province-year generated + built + analysed ({} packages, {events} events)",
            region.packages.len()
        ),
        Some(Duration::from_secs(1)),
        median(times),
    ));

    // Event application: the fold alone is timed; checking the state and freeing it are not.
    let mut rates = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut state = RegionState::empty();
        for e in chain.log().entries() {
            state.apply(&e.payload).map_err(|e| e.to_string())?;
        }
        rates.push(rate(events, started.elapsed()));
        if &state != chain.state() {
            return Err("the folded state differs from the state built".into());
        }
    }
    rates.sort_unstable();
    figures.push(Figure::rate(
        "event application: a province-year's events folded into state",
        "events",
        Some(1_000_000),
        rates[RUNS / 2],
    ));
    drop(chain);

    // The same province as LKPP ISB files, parsed and imported into a new chain.
    let files = isb_files(&region).map_err(|e| e.to_string())?;
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut source = IsbSource::default();
        source.add_all(files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())));
        let (imported, report) =
            rantai_lkpp::isb::import_region(&source, rulebook.clone(), |_| ()).map_err(|e| e.to_string())?;
        times.push(started.elapsed());
        let refused: usize = report.datasets.iter().map(|d| d.refused.len()).sum();
        if refused > 0 || !report.files.is_empty() {
            return Err(format!("the generated ISB files lost {refused} rows"));
        }
        drop(imported);
    }
    figures.push(Figure::bytes_per_second(
        format!(
            "generated ISB files imported ({} files, {} MB)",
            files.len(),
            bytes / 1_000_000
        ),
        Some(100_000_000),
        rate(bytes, median(times)),
    ));
    Ok(())
}

/// The process's peak resident memory, from `/proc/self/status` (Linux).
pub(crate) fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Starts a new peak-memory measurement (Linux: writing 5 to `/proc/self/clear_refs` resets the
/// high-water mark); false when the peak cannot be reset, so it covers the whole process.
pub(crate) fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A national year: the first `regions` of the 552 generated, built and analysed one at a time;
/// only the analysis is timed for the target, the whole run is reported beside it.
pub(crate) fn national(regions: usize, figures: &mut Vec<Figure>) -> Result<(), String> {
    let own_peak = reset_peak_memory();
    let specs: Vec<RegionSpec> = country::regions(2025).into_iter().take(regions).collect();
    let bar = indicatif::ProgressBar::new(specs.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("national year {bar:40} {pos}/{len} regions {elapsed}")
            .map_err(|e| e.to_string())?,
    );
    let started = Instant::now();
    let mut analysis = Duration::ZERO;
    let (mut packages, mut events, mut found) = (0usize, 0usize, 0usize);
    for spec in &specs {
        let region = generate(spec).map_err(|e| e.to_string())?;
        let chain = build(&region).map_err(|e| e.to_string())?;
        let timer = Instant::now();
        let findings = chain.findings_as_of(as_of());
        analysis += timer.elapsed();
        packages += region.packages.len();
        events += chain.log().len();
        found += findings.iter().filter(|f| f.is_found()).count();
        bar.inc(1);
    }
    bar.finish_and_clear();
    let wall = started.elapsed();
    say!(
        "national year: {} regions, {packages} packages, {events} events, {found} findings found; \
         generated + built + analysed in {} s",
        specs.len(),
        wall.as_secs()
    );
    figures.push(Figure::time(
        format!(
            "national year analysed ({} regions, {packages} packages, {events} events)",
            specs.len()
        ),
        Some(Duration::from_secs(30)),
        analysis,
    ));
    match peak_memory() {
        Some(bytes) => figures.push(Figure::memory(
            if own_peak {
                "national year: peak memory"
            } else {
                "national year: peak memory (of the whole process: the peak could not be reset)"
            },
            Some(8 << 30),
            bytes,
        )),
        None => say!("peak memory: not measured (no /proc/self/status)"),
    }
    figures.push(Figure::rate(
        "national year generated + built + analysed, end to end",
        "events",
        None,
        rate(events, wall),
    ));
    Ok(())
}
