//! Tests across processes (own `main`, no test harness): a writer killed with SIGKILL at random
//! points never leaves a partial batch, and several processes appending to one PostgreSQL region
//! lose and duplicate nothing. The binary re-runs itself as the child writers.
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::DateTime;
use rantai_chain::{AggregateKind, AggregateRef, Digest256, Event, EventEnvelope, EventStore, RegionEvent, StoreError};
use rantai_core::{Actor, ActorId, Provenance};
use rantai_store::{PgStore, SqliteStore};

/// Events per batch.
const BATCH: u64 = 25;

fn envelope(sequence: u64, prev: Digest256, writer: u32, batch: u64) -> EventEnvelope {
    let actor = Actor::new(
        ActorId::from_u128(u128::from(sequence) + 1),
        format!("writer {writer} batch {batch}"),
    );
    let mut e = EventEnvelope {
        sequence,
        schema: rantai_chain::SCHEMA_VERSION,
        aggregate: AggregateRef {
            kind: AggregateKind::Actor,
            id: actor.id().as_uuid(),
        },
        actor: ActorId::from_u128(1),
        occurred_at: DateTime::UNIX_EPOCH,
        recorded_at: DateTime::UNIX_EPOCH,
        provenance: Provenance::Command {
            command: "RegisterActor".into(),
        },
        payload: Event::Region(RegionEvent::ActorRegistered { actor }),
        prev_hash: prev,
        hash: Digest256::default(),
    };
    e.hash = e.compute_hash();
    e
}

/// Appends one batch at the store's current head; `Conflict` when another writer got there first.
fn append_batch(store: &mut dyn EventStore, writer: u32, batch: u64) -> Result<(), StoreError> {
    let head = store.head()?;
    let prev = if head == 0 {
        Digest256::default()
    } else {
        store.read_from(head - 1)?[0].hash
    };
    let mut events = Vec::with_capacity(BATCH as usize);
    let mut link = prev;
    for i in 0..BATCH {
        let e = envelope(head + i, link, writer, batch);
        link = e.hash;
        events.push(e);
    }
    store.append(head, &events)
}

fn label(e: &EventEnvelope) -> String {
    match &e.payload {
        Event::Region(RegionEvent::ActorRegistered { actor }) => actor.label().to_string(),
        other => format!("{other:?}"),
    }
}

/// Every batch is whole: the head is a multiple of the batch size and each run of `BATCH` events
/// carries one writer-and-batch label.
fn check_whole_batches(events: &[EventEnvelope]) -> Result<(), String> {
    if !(events.len() as u64).is_multiple_of(BATCH) {
        return Err(format!(
            "{} events is not a whole number of batches of {BATCH}",
            events.len()
        ));
    }
    for chunk in events.chunks(BATCH as usize) {
        let first = label(&chunk[0]);
        if chunk.iter().any(|e| label(e) != first) {
            return Err(format!(
                "batch starting at {} mixes writers or batches",
                chunk[0].sequence
            ));
        }
    }
    Ok(())
}

/// A tiny deterministic generator for kill times.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn child(mode: &str, arg: &str, writer: u32) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.env("RANTAI_CHILD", mode)
        .env("RANTAI_CHILD_ARG", arg)
        .env("RANTAI_CHILD_WRITER", writer.to_string());
    cmd
}

/// Child: append batches to a SQLite file forever (until killed).
fn run_crash_writer(path: &str) {
    let mut store = SqliteStore::open(path, "crash").unwrap();
    let mut batch = 0;
    loop {
        append_batch(&mut store, 0, batch).unwrap();
        batch += 1;
    }
}

/// Child: append `batches` batches to a PostgreSQL region, retrying on conflict; prints the
/// number of conflicts met.
fn run_pg_appender(url: &str, writer: u32) {
    let mut store = PgStore::connect(url, "concurrency-test").unwrap();
    let mut conflicts = 0u64;
    for batch in 0..20 {
        loop {
            match append_batch(&mut store, writer, batch) {
                Ok(()) => break,
                Err(StoreError::Conflict { .. }) => conflicts += 1,
                Err(e) => panic!("writer {writer}: {e}"),
            }
        }
    }
    println!("conflicts {conflicts}");
}

fn crash_test() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("rantai-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crash.db");
    let path_text = path.display().to_string();
    let mut rng = XorShift(0x5eed_1234_abcd_0042);
    let kills = 30;
    let mut last_head = 0;
    for round in 0..kills {
        let mut writer = child("crash-writer", &path_text, 0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + rng.next() % 180));
        writer.kill().unwrap(); // SIGKILL on Unix
        writer.wait().unwrap();
        let mut store = SqliteStore::open(&path, "crash").map_err(|e| e.to_string())?;
        let events = store.read_from(0).map_err(|e| format!("after kill {round}: {e}"))?;
        check_whole_batches(&events).map_err(|e| format!("after kill {round}: {e}"))?;
        if (events.len() as u64) < last_head {
            return Err(format!("after kill {round}: committed events were lost"));
        }
        last_head = events.len() as u64;
    }
    let _ = std::fs::remove_dir_all(&dir);
    if last_head == 0 {
        return Err("the writer never committed a batch".into());
    }
    Ok(format!(
        "{kills} SIGKILLs, {last_head} events in {} whole batches, verified",
        last_head / BATCH
    ))
}

fn concurrency_test() -> Result<String, String> {
    let url =
        std::env::var("RANTAI_TEST_PG").unwrap_or_else(|_| "host=127.0.0.1 port=5432 user=postgres dbname=test".into());
    if let Err(e) = postgres::Client::connect(&url, postgres::NoTls) {
        if std::env::var("RANTAI_REQUIRE_PG").is_ok() {
            return Err(format!(
                "RANTAI_REQUIRE_PG is set but PostgreSQL at {url:?} is unreachable: {e}"
            ));
        }
        return Ok(format!("SKIPPED: no PostgreSQL at {url:?} ({e})"));
    }
    PgStore::connect(&url, "concurrency-test")
        .map_err(|e| e.to_string())?
        .drop_region()
        .map_err(|e| e.to_string())?;
    let writers = 4u32;
    let children: Vec<_> = (0..writers)
        .map(|w| child("pg-appender", &url, w).stdout(Stdio::piped()).spawn().unwrap())
        .collect();
    let mut conflicts = 0u64;
    for c in children {
        let out = c.wait_with_output().unwrap();
        if !out.status.success() {
            return Err(format!("a writer failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        conflicts += text
            .trim()
            .strip_prefix("conflicts ")
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
    }
    let mut store = PgStore::connect(&url, "concurrency-test").map_err(|e| e.to_string())?;
    let events = store.read_from(0).map_err(|e| e.to_string())?;
    check_whole_batches(&events)?;
    let expected = u64::from(writers) * 20 * BATCH;
    if events.len() as u64 != expected {
        return Err(format!("{} events stored, {expected} appended", events.len()));
    }
    for w in 0..writers {
        let mine = events
            .iter()
            .filter(|e| label(e).starts_with(&format!("writer {w} ")))
            .count() as u64;
        if mine != 20 * BATCH {
            return Err(format!("writer {w} has {mine} events, not {}", 20 * BATCH));
        }
    }
    store.drop_region().map_err(|e| e.to_string())?;
    Ok(format!(
        "{writers} processes, {expected} events, no sequence lost or duplicated, {conflicts} typed conflicts retried"
    ))
}

fn main() {
    if let Ok(mode) = std::env::var("RANTAI_CHILD") {
        let arg = std::env::var("RANTAI_CHILD_ARG").unwrap();
        let writer: u32 = std::env::var("RANTAI_CHILD_WRITER").unwrap().parse().unwrap();
        match mode.as_str() {
            "crash-writer" => run_crash_writer(&arg),
            "pg-appender" => run_pg_appender(&arg, writer),
            other => panic!("unknown child mode {other}"),
        }
        return;
    }
    let (mut failed, mut skipped) = (0, 0);
    for (name, test) in [
        (
            "sqlite_writer_killed_at_random_keeps_whole_batches",
            crash_test as fn() -> Result<String, String>,
        ),
        ("postgres_concurrent_processes_lose_nothing", concurrency_test),
    ] {
        match test() {
            Ok(detail) if detail.starts_with("SKIPPED") => {
                skipped += 1;
                println!("test {name} ... {detail}");
            }
            Ok(detail) => println!("test {name} ... ok ({detail})"),
            Err(e) => {
                failed += 1;
                println!("test {name} ... FAILED: {e}");
            }
        }
    }
    let _ = std::io::stdout().flush();
    println!("{} passed, {failed} failed, {skipped} skipped", 2 - failed - skipped);
    if failed > 0 {
        std::process::exit(1);
    }
}
