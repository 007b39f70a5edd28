//! The benchmarks behind `rantai bench`: every figure the issues ask for, measured on this machine and printed as one
//! table (figure, target, measured, ratio) — the chain (build by commands, SQLite and PostgreSQL
//! append and read, load), the discrepancy engine (whole and incremental), budget execution, the
//! bid and timing rules, the import of real LKPP data, and the synthetic country (a province-year
//! end to end, event application, generated ISB import, and a national year). Each figure is the
//! median of several runs.
//!
//! The crate is the benchmark harness and nothing else: the `rantai` binary parses the command
//! line and calls [`run`], handing it the report renderer it measures (the import figure covers
//! import and report together).

/// `println!` that ends quietly when standard output is a closed pipe (`rantai bench | head`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod bids;
mod budget;
mod import;
mod serve;
mod sim;
mod table;

use std::time::{Duration, Instant};

use rantai_chain::{DurableChain, EventEnvelope, EventStore, FixedClock};
use rantai_core::Rulebook;
use rantai_sample as demo;
use rantai_store::{PgStore, SqliteStore};

use crate::table::Figure;

/// Runs per figure; the median is reported.
const RUNS: usize = 3;

/// Things per second.
pub(crate) fn rate(things: usize, elapsed: Duration) -> u64 {
    let nanos = elapsed.as_nanos().max(1);
    u64::try_from(things as u128 * 1_000_000_000 / nanos).unwrap_or(u64::MAX)
}

/// The median of some durations.
pub(crate) fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Median throughput of the timed runs of `f`, which returns how many events it handled.
fn measure(mut f: impl FnMut(usize) -> Result<usize, String>) -> Result<u64, String> {
    let mut rates = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let started = Instant::now();
        let events = f(run)?;
        rates.push(rate(events, started.elapsed()));
    }
    rates.sort_unstable();
    Ok(rates[RUNS / 2])
}

fn append_all(store: &mut dyn EventStore, log: &[EventEnvelope], batch: usize) -> Result<usize, String> {
    for (i, chunk) in log.chunks(batch).enumerate() {
        store.append((i * batch) as u64, chunk).map_err(|e| e.to_string())?;
    }
    Ok(log.len())
}

fn clock() -> Box<FixedClock> {
    Box::new(FixedClock(chrono::DateTime::UNIX_EPOCH))
}

/// A part of the benchmarks, to run alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// Build, store, replay and the engine over the synthetic region.
    Chain,
    /// The discrepancy engine over a province-year, whole and incremental.
    Engine,
    /// Budget execution (1 000 000 budgeting events).
    Budget,
    /// Bid and timing rules over 100 000 tenders.
    Bids,
    /// Import and report of an LKPP ISB dump.
    Import,
    /// A generated province-year: generate + build + analyse, event application, ISB import.
    Province,
    /// A generated national year: 552 regions analysed, with peak memory.
    National,
    /// The HTTP API over a generated province-year: ready time, memory, requests under `wrk`,
    /// commands.
    Serve,
}

/// What `rantai bench` measures and how.
#[derive(Debug)]
pub struct Options<'a> {
    /// Copies of the sample region for the chain figures.
    pub copies: usize,
    /// Events per store append.
    pub batch: usize,
    /// PostgreSQL to measure, when reachable.
    pub pg: &'a str,
    /// The real ISB dump to import.
    pub isb: &'a std::path::Path,
    /// Regions of the national year (552 for all of Indonesia).
    pub regions: usize,
    /// Run only this part.
    pub only: Option<Part>,
    /// The report the import figure renders after each import, as of the given date.
    pub report: Report,
}

/// Renders the report of a chain as of a date (the `rantai report` table).
pub type Report = fn(&rantai_chain::Chain, chrono::NaiveDate) -> Result<String, String>;

/// Runs the benchmarks `options` ask for and prints their table.
///
/// # Errors
///
/// What stopped a measurement, as a message.
pub fn run(options: &Options<'_>) -> Result<(), String> {
    let wants = |part| options.only.is_none_or(|only| only == part);
    let mut figures = Vec::new();
    if wants(Part::Chain) {
        chain_figures(options, &mut figures)?;
    }
    if wants(Part::Engine) {
        engine_figures(&mut figures)?;
        incremental_figures(&mut figures)?;
    }
    if wants(Part::Budget) {
        crate::budget::figures(&mut figures)?;
    }
    if wants(Part::Bids) {
        crate::bids::figures(&mut figures)?;
    }
    if wants(Part::Import) {
        crate::import::figures(options.isb, options.report, &mut figures)?;
    }
    if wants(Part::Province) {
        crate::sim::province(&mut figures)?;
    }
    if wants(Part::National) {
        crate::sim::national(options.regions, &mut figures)?;
    }
    if wants(Part::Serve) {
        crate::serve::figures(&mut figures)?;
    }
    crate::table::print(&figures);
    Ok(())
}

/// Build by commands, store append and read, load: the synthetic copies of the sample region.
fn chain_figures(options: &Options<'_>, figures: &mut Vec<Figure>) -> Result<(), String> {
    let (copies, batch) = (options.copies, options.batch);
    let mut built = None;
    let build = measure(|_| {
        let chain = demo::synthetic_region(copies).map_err(|e| e.to_string())?;
        let n = chain.log().len();
        built = Some(chain);
        Ok(n)
    })?;
    let chain = built.ok_or("nothing was built")?;
    let log = chain.log().entries().to_vec();
    let n = log.len();
    say!(
        "chain: {n} events ({copies} copies of the 32-package sample region), batches of {batch}, median of {RUNS} runs"
    );
    figures.push(Figure::rate(
        "build by commands and facts, one at a time (decide + seal + apply)",
        "events",
        None,
        build,
    ));

    let dir = std::env::temp_dir().join(format!("rantai-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = |run: usize| dir.join(format!("bench-{run}.db"));
    let append = measure(|run| {
        let mut store = SqliteStore::open(path(run), "BENCH").map_err(|e| e.to_string())?;
        append_all(&mut store, &log, batch)
    })?;
    figures.push(Figure::rate(
        "SQLite batched append (WAL, synchronous=FULL)",
        "events",
        Some(100_000),
        append,
    ));
    let in_memory = measure(|_| {
        let mut store = SqliteStore::in_memory("BENCH").map_err(|e| e.to_string())?;
        append_all(&mut store, &log, batch)
    })?;
    figures.push(Figure::rate(
        "SQLite batched append in memory (encode + hash check + insert)",
        "events",
        None,
        in_memory,
    ));
    let read = measure(|run| {
        let mut store = SqliteStore::open(path(run), "BENCH").map_err(|e| e.to_string())?;
        store.read_from(0).map(|events| events.len()).map_err(|e| e.to_string())
    })?;
    figures.push(Figure::rate(
        "SQLite read + verify every hash and link",
        "events",
        None,
        read,
    ));
    let load = measure(|run| {
        let store = SqliteStore::open(path(run), "BENCH").map_err(|e| e.to_string())?;
        let opened = DurableChain::open(store, Rulebook::standard().clone(), clock()).map_err(|e| e.to_string())?;
        if opened.chain().state() != chain.state() {
            return Err("the loaded state differs from the state built".into());
        }
        Ok(n)
    })?;
    figures.push(Figure::rate(
        "SQLite load: read + verify + replay (DurableChain::open)",
        "events",
        None,
        load,
    ));
    let _ = std::fs::remove_dir_all(&dir);

    match PgStore::connect(options.pg, "BENCH") {
        Ok(mut store) => {
            let append = measure(|_| {
                store.drop_region().map_err(|e| e.to_string())?;
                append_all(&mut store, &log, batch)
            })?;
            figures.push(Figure::rate("PostgreSQL batched append", "events", None, append));
            let read = measure(|_| store.read_from(0).map(|e| e.len()).map_err(|e| e.to_string()))?;
            figures.push(Figure::rate(
                "PostgreSQL read + verify every hash and link",
                "events",
                None,
                read,
            ));
            store.drop_region().map_err(|e| e.to_string())?;
        }
        Err(e) => eprintln!("PostgreSQL not measured: {e}"),
    }
    Ok(())
}

/// Plan rules and the whole engine over a province-year of 20 000 packages (copies of the
/// sample's cases, which cover every rule).
fn engine_figures(figures: &mut Vec<Figure>) -> Result<(), String> {
    let copies = 20_000usize.div_ceil(32);
    let province = demo::synthetic_region(copies).map_err(|e| e.to_string())?;
    let view = province.state().view();
    let packages = view.packages.len();
    // The time to produce the outcomes; freeing them afterwards is not counted.
    let time = |f: &dyn Fn() -> Vec<rantai_core::Finding>| {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            let outcomes = std::hint::black_box(f());
            times.push(started.elapsed());
            drop(outcomes);
        }
        median(times)
    };
    let plan = time(&|| rantai_engine::evaluate_plan(&view, province.rulebook()));
    let all = time(&|| rantai_engine::evaluate(&view, province.rulebook()));
    figures.push(Figure::time(
        format!("plan rules over a province-year ({packages} sample packages)"),
        Some(Duration::from_millis(50)),
        plan,
    ));
    figures.push(Figure::time(
        format!("whole engine over a province-year ({packages} sample packages)"),
        Some(Duration::from_millis(200)),
        all,
    ));
    Ok(())
}

/// One new event per contract of the province — a progress report on 1 October and an SP2D of
/// Rp1 — as a live system would send them after the sample's date.
fn next_events(chain: &rantai_chain::Chain) -> Vec<(rantai_core::ActorId, rantai_chain::Command)> {
    use rantai_chain::Command;
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or(chrono::NaiveDate::MIN);
    // The DPA line each contract is committed on, and the PPTK of each organisation.
    let line_of: std::collections::BTreeMap<_, _> = chain
        .state()
        .dpa_lines()
        .values()
        .flat_map(|l| l.commitments().map(move |c| (c.contract, l.spec().id)))
        .collect();
    let pptk = |org| (0..64).find(|n| demo::org_id(*n) == org).map(demo::pptk);
    let mut out = Vec::new();
    for (n, (id, contract)) in chain.state().contracts().iter().enumerate() {
        let (Some(line), Some(pptk)) = (line_of.get(id), pptk(contract.terms().organisation)) else {
            continue;
        };
        let actual = chain
            .state()
            .progress()
            .get(id)
            .and_then(|p| p.latest())
            .map_or(rantai_core::Ratio::ZERO, |r| r.actual);
        let report = rantai_monev::ProgressReport {
            id: rantai_core::ReportId::from_u128(900_000 + n as u128),
            contract: *id,
            reported_on: day,
            actual,
            planned: None,
            evidence_ref: None,
        };
        out.push((pptk, Command::ReportProgress { report }));
        let payment = rantai_budgeting::Sp2d {
            id: rantai_core::PaymentId::from_u128(900_000 + n as u128),
            nomor: None,
            contract: *id,
            amount: rantai_core::Money::from_rupiah(1).unwrap_or(rantai_core::Money::ZERO),
            paid_on: day,
        };
        out.push((demo::BUD, Command::PaySp2d { line: *line, payment }));
    }
    out
}

/// Re-evaluation after one event: the median time of `execute` without and with the live
/// monitor over a province-year; the difference is what incremental re-evaluation costs.
fn incremental_figures(figures: &mut Vec<Figure>) -> Result<(), String> {
    let copies = 20_000usize.div_ceil(32);
    let mut province = demo::synthetic_region(copies).map_err(|e| e.to_string())?;
    let at = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(
        chrono::NaiveDate::from_ymd_opt(2025, 10, 1)
            .and_then(|d| d.and_hms_opt(2, 0, 0))
            .ok_or("bad date")?,
        chrono::Utc,
    );
    let events = next_events(&province);
    let half = events.len() / 2;
    let run = |chain: &mut rantai_chain::Chain, slice: &[(rantai_core::ActorId, rantai_chain::Command)]| {
        let mut times = Vec::with_capacity(slice.len());
        for (actor, command) in slice {
            let started = Instant::now();
            let ok = chain.execute(*actor, at, command.clone()).is_ok();
            let took = started.elapsed();
            if ok {
                times.push(took);
            }
        }
        times
    };
    let plain = median(run(&mut province, &events[..half]));
    let started = Instant::now();
    province.watch(demo::as_of());
    let first = started.elapsed();
    let watched = median(run(&mut province, &events[half..]));
    figures.push(Figure::time(
        "first full evaluation into the live monitor (province-year)",
        None,
        first,
    ));
    figures.push(Figure::time(
        "re-evaluation after one event (report or SP2D): with the monitor − without",
        Some(Duration::from_micros(50)),
        watched.saturating_sub(plain),
    ));
    Ok(())
}
