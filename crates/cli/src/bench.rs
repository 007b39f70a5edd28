//! `rantai bench`: the figures the persistence issue asks for, measured on this machine — build
//! a synthetic region by commands, append its log to SQLite in batches, read it back verified,
//! fold it into state, load it whole, and append to PostgreSQL when one is reachable. Each figure
//! is the median of several runs.

use std::time::Instant;

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};
use rantai_chain::{DurableChain, EventEnvelope, EventStore, FixedClock, RegionState, demo};
use rantai_core::Rulebook;
use rantai_store::{PgStore, SqliteStore};

/// Runs per figure; the median is reported.
const RUNS: usize = 3;

struct Figure {
    name: &'static str,
    target: Option<u64>,
    per_second: u64,
}

/// Events per second.
#[allow(clippy::disallowed_types, clippy::float_arithmetic)] // throughput figures are for display only
fn rate(events: usize, elapsed: std::time::Duration) -> u64 {
    (events as f64 / elapsed.as_secs_f64()) as u64
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
pub(crate) enum Part {
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
}

pub(crate) fn run(
    copies: usize,
    batch: usize,
    pg: &str,
    isb: &std::path::Path,
    only: Option<Part>,
) -> Result<(), String> {
    match only {
        Some(Part::Budget) => return crate::bench_budget::figures(),
        Some(Part::Bids) => return crate::bench_bids::figures(),
        Some(Part::Import) => return crate::bench_import::figures(isb),
        Some(Part::Engine) => {
            engine_figures(&mut Vec::new())?;
            return incremental_figures();
        }
        Some(Part::Chain) | None => {}
    }
    let mut figures = Vec::new();
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
    figures.push(Figure {
        name: "build by commands and facts (decide + seal + apply)",
        target: None,
        per_second: build,
    });

    engine_figures(&mut figures)?;
    incremental_figures()?;
    if only.is_none() {
        crate::bench_budget::figures()?;
        crate::bench_bids::figures()?;
        crate::bench_import::figures(isb)?;
    }

    let dir = std::env::temp_dir().join(format!("rantai-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = |run: usize| dir.join(format!("bench-{run}.db"));
    let append = measure(|run| {
        let mut store = SqliteStore::open(path(run), "BENCH").map_err(|e| e.to_string())?;
        append_all(&mut store, &log, batch)
    })?;
    figures.push(Figure {
        name: "SQLite batched append (WAL, synchronous=FULL)",
        target: Some(100_000),
        per_second: append,
    });

    let in_memory = measure(|_| {
        let mut store = SqliteStore::in_memory("BENCH").map_err(|e| e.to_string())?;
        append_all(&mut store, &log, batch)
    })?;
    figures.push(Figure {
        name: "SQLite batched append in memory (no disk: encode + hash check + insert)",
        target: None,
        per_second: in_memory,
    });

    let read = measure(|run| {
        let mut store = SqliteStore::open(path(run), "BENCH").map_err(|e| e.to_string())?;
        store.read_from(0).map(|events| events.len()).map_err(|e| e.to_string())
    })?;
    figures.push(Figure {
        name: "SQLite read + verify every hash and link",
        target: None,
        per_second: read,
    });

    // Only the fold is timed: checking the folded state against the built one, and freeing it,
    // come after the clock stops.
    let mut rates = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut state = RegionState::empty();
        for e in &log {
            state.apply(&e.payload).map_err(|e| e.to_string())?;
        }
        rates.push(rate(n, started.elapsed()));
        if &state != chain.state() {
            return Err("the folded state differs from the state built".into());
        }
    }
    rates.sort_unstable();
    let apply = rates[RUNS / 2];
    figures.push(Figure {
        name: "replay: fold events into state (RegionState::apply)",
        target: Some(1_000_000),
        per_second: apply,
    });

    let load = measure(|run| {
        let store = SqliteStore::open(path(run), "BENCH").map_err(|e| e.to_string())?;
        let opened = DurableChain::open(store, Rulebook::standard().clone(), clock()).map_err(|e| e.to_string())?;
        if opened.chain().state() != chain.state() {
            return Err("the loaded state differs from the state built".into());
        }
        Ok(n)
    })?;
    figures.push(Figure {
        name: "SQLite load: read + verify + replay (DurableChain::open)",
        target: None,
        per_second: load,
    });
    let _ = std::fs::remove_dir_all(&dir);

    match PgStore::connect(pg, "BENCH") {
        Ok(mut store) => {
            let append = measure(|_| {
                store.drop_region().map_err(|e| e.to_string())?;
                append_all(&mut store, &log, batch)
            })?;
            figures.push(Figure {
                name: "PostgreSQL batched append",
                target: None,
                per_second: append,
            });
            let read = measure(|_| store.read_from(0).map(|e| e.len()).map_err(|e| e.to_string()))?;
            figures.push(Figure {
                name: "PostgreSQL read + verify every hash and link",
                target: None,
                per_second: read,
            });
            store.drop_region().map_err(|e| e.to_string())?;
        }
        Err(e) => eprintln!("PostgreSQL not measured: {e}"),
    }

    say!("{n} events ({copies} copies of the 32-package sample region), batches of {batch}, median of {RUNS} runs");
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["figure", "target", "measured", "ratio"]);
    for f in figures {
        let target = f.target.map_or_else(|| "–".to_string(), |t| format!("≥ {t}/s"));
        let ratio = f.target.map_or_else(|| "–".to_string(), |t| ratio(f.per_second, t));
        t.add_row(vec![
            Cell::new(f.name),
            Cell::new(target).set_alignment(CellAlignment::Right),
            Cell::new(format!("{}/s", f.per_second)).set_alignment(CellAlignment::Right),
            Cell::new(ratio).set_alignment(CellAlignment::Right),
        ]);
    }
    say!("{t}");
    Ok(())
}

/// Plan rules and the whole engine over a province-year of 20 000 packages, as time per run.
#[allow(clippy::disallowed_types, clippy::float_arithmetic)] // timings are for display only
fn engine_figures(figures: &mut Vec<Figure>) -> Result<(), String> {
    let copies = 20_000usize.div_ceil(32);
    let province = demo::synthetic_region(copies).map_err(|e| e.to_string())?;
    let view = province.state().view();
    let packages = view.packages.len();
    // The time to produce the outcomes; freeing them afterwards is not counted.
    let time = |f: &dyn Fn() -> Vec<rantai_core::Finding>| {
        let mut ms = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            let outcomes = std::hint::black_box(f());
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
            drop(outcomes);
        }
        ms.sort_by(f64::total_cmp);
        ms[RUNS / 2]
    };
    let plan = time(&|| rantai_monev::evaluate_plan(&view, province.rulebook()));
    let all = time(&|| rantai_monev::evaluate(&view, province.rulebook()));
    say!("{packages} packages: plan rules {plan:.1} ms (target < 50 ms), whole engine {all:.1} ms (target < 200 ms)");
    figures.push(Figure {
        name: "plan rules over a province-year (packages/s; 20 000 in < 50 ms = 400 000/s)",
        target: Some(400_000),
        per_second: (packages as f64 / (plan / 1000.0)) as u64,
    });
    figures.push(Figure {
        name: "whole engine over a province-year (packages/s; 20 000 in < 200 ms = 100 000/s)",
        target: Some(100_000),
        per_second: (packages as f64 / (all / 1000.0)) as u64,
    });
    Ok(())
}

/// Median of a set of durations, in microseconds.
#[allow(clippy::disallowed_types, clippy::float_arithmetic)] // timings are for display only
fn median_us(mut samples: Vec<std::time::Duration>) -> f64 {
    samples.sort_unstable();
    samples.get(samples.len() / 2).map_or(0.0, |d| d.as_secs_f64() * 1e6)
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
#[allow(clippy::disallowed_types, clippy::float_arithmetic)] // timings are for display only
fn incremental_figures() -> Result<(), String> {
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
    let plain = run(&mut province, &events[..half]);
    let started = Instant::now();
    province.watch(demo::as_of());
    let watch_ms = median_us(vec![started.elapsed()]) / 1000.0;
    let watched = run(&mut province, &events[half..]);
    let (n_plain, n_watched) = (plain.len(), watched.len());
    let (a, b) = (median_us(plain), median_us(watched));
    say!(
        "{} packages: first full evaluation into the monitor {watch_ms:.1} ms; one event (report or SP2D), median: \
         {a:.1} µs without the monitor ({n_plain} events), {b:.1} µs with it ({n_watched} events): \
         re-evaluation {:.1} µs (target < 50 µs)",
        province.state().packages().len(),
        b - a
    );
    Ok(())
}

/// `measured ÷ target` with two decimals, in integer arithmetic.
fn ratio(measured: u64, target: u64) -> String {
    let hundredths = measured.saturating_mul(100) / target.max(1);
    format!("{}.{:02}×", hundredths / 100, hundredths % 100)
}
