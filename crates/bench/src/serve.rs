//! `rantai bench --only serve`: the server induk over a generated province-year kept in SQLite —
//! ready (open, verify, replay, evaluate, first report) and its peak memory; the region report,
//! one OPD, a package trail and a filtered findings page under `wrk` (64 connections, closed
//! loop, 30 s, on the same two cores); and commands sent one at a time, each on disk before it
//! is acknowledged.

use std::process::Command as Process;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{TimeZone, Utc};
use rantai_chain::{Chain, Command, DurableChain, EventStore, FixedClock};
use rantai_core::{ActorId, Grant, Ratio, ReportId, Role, Rulebook, Scope};
use rantai_http::{ApiKey, Keys, Region, Regions, Server};
use rantai_monev::ProgressReport;
use rantai_store::SqliteStore;
use tower::ServiceExt;

use crate::table::Figure;

/// How long `wrk` loads each route.
const LOAD_SECONDS: u64 = 30;
/// Connections `wrk` keeps open.
const CONNECTIONS: u32 = 64;
/// Commands sent one at a time.
const COMMANDS: usize = 1_000;
/// The key the benchmark reads with (a Kepala Daerah's, made for this run only).
const SECRET: &str = "bench-kepala-daerah";

fn province() -> Result<Chain, String> {
    let region = rantai_sim::generate(&crate::sim::province_spec()).map_err(|e| e.to_string())?;
    rantai_sim::build(&region).map_err(|e| e.to_string())
}

fn open(path: &std::path::Path, kd: &str) -> Result<Region, String> {
    let store: Box<dyn EventStore> = Box::new(SqliteStore::open(path, kd).map_err(|e| e.to_string())?);
    let clock = Box::new(FixedClock(chrono::DateTime::UNIX_EPOCH));
    let chain = DurableChain::open(store, Rulebook::standard().clone(), clock).map_err(|e| e.to_string())?;
    Ok(Region::durable(chain)
        .map_err(|e| e.to_string())?
        .on(rantai_sim::as_of()))
}

/// What `wrk` measured on one route.
struct Load {
    requests_per_second: u64,
    p99: Duration,
}

fn parse_latency(text: &str) -> Option<Duration> {
    let (number, unit) = text.split_at(text.find(|c: char| c.is_ascii_alphabetic())?);
    let value: u64 = number.replace('.', "").parse().ok()?;
    let decimals = number.split('.').nth(1).map_or(0, str::len) as u32;
    let scale = 10u64.checked_pow(decimals)?;
    let nanos_per_unit = match unit {
        "us" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        _ => return None,
    };
    Some(Duration::from_nanos(value.checked_mul(nanos_per_unit)? / scale))
}

fn wrk(url: &str) -> Result<Load, String> {
    let out = Process::new("wrk")
        .args([
            "-t2",
            &format!("-c{CONNECTIONS}"),
            &format!("-d{LOAD_SECONDS}s"),
            "--latency",
        ])
        .args(["-H", &format!("Authorization: Bearer {SECRET}")])
        .arg(url)
        .output()
        .map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        return Err(format!("wrk saw errors on {url}:\n{text}"));
    }
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().split('.').next()?.parse().ok())
        .ok_or_else(|| format!("wrk printed no rate for {url}:\n{text}"))?;
    let p99 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .and_then(|v| parse_latency(v.trim()))
        .ok_or_else(|| format!("wrk printed no 99th percentile for {url}:\n{text}"))?;
    Ok(Load {
        requests_per_second: rps,
        p99,
    })
}

/// The keys the benchmark uses: a Kepala Daerah's to read, and a PPK's to report progress.
fn keys(kd: &str, ppk: Grant) -> Keys {
    let mut keys = Keys::default();
    for (secret, grant, label) in [
        (
            SECRET,
            Grant {
                role: Role::KepalaDaerah,
                scope: Scope::Region,
            },
            "bench Kepala Daerah",
        ),
        ("bench-ppk", ppk, "bench PPK"),
    ] {
        let key = ApiKey {
            region: kd.into(),
            grant,
            label: label.into(),
            expires: None,
        };
        keys.add(rantai_http::hash_secret(secret), key);
    }
    keys
}

pub(crate) fn figures(figures: &mut Vec<Figure>) -> Result<(), String> {
    if Process::new("wrk").arg("--version").output().is_err() {
        say!("serve: skipped, wrk is not installed (Debian: apt-get install wrk)");
        return Ok(());
    }
    let chain = province()?;
    let kd = chain.state().profile().map(|p| p.kd_klpd.clone()).ok_or("no profile")?;
    let events = chain.log().len();
    // What the routes will ask for: the first OPD, a contracted package, and contracts with a
    // progress report and a PPK to report on them.
    let view = chain.state().view();
    let opd = view.organisations.values().next().map(|o| o.code()).ok_or("no OPD")?;
    let reported: Vec<_> = view
        .contracts
        .values()
        .filter(|c| c.bast_on().is_none() && view.latest_progress(c).is_some())
        .take(COMMANDS)
        .collect();
    let first = reported.first().ok_or("no reported contract")?;
    let org = first.terms().organisation;
    let ppk_grant = Grant {
        role: Role::Ppk,
        scope: Scope::Organisation(org),
    };
    let ppk: ActorId = view
        .actors
        .values()
        .find(|a| a.grants().any(|g| *g == ppk_grant))
        .map(|a| a.id())
        .ok_or("no PPK for the contract's OPD")?;
    let contracts: Vec<_> = reported
        .iter()
        .filter(|c| c.terms().organisation == org)
        .map(|c| {
            (
                c.terms().spec.id,
                view.latest_progress(c).map(|(_, _, a)| a).unwrap_or(Ratio::ZERO),
            )
        })
        .collect();
    let kd_rup = view
        .packages
        .values()
        .find(|p| {
            p.spec().kd_rup.is_some()
                && chain.state().procurement_of(p.spec().id).is_some_and(|q| {
                    view.contracts
                        .values()
                        .any(|c| c.terms().procurement == q && c.terms().spec.id == first.terms().spec.id)
                })
        })
        .and_then(|p| p.spec().kd_rup)
        .ok_or("no package of the contract")?;
    let dir = std::env::temp_dir().join(format!("rantai-bench-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("province.db");
    let _ = std::fs::remove_file(&path);
    DurableChain::persist(chain, SqliteStore::open(&path, &kd).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let own_peak = crate::sim::reset_peak_memory();
    let started = Instant::now();
    let region = open(&path, &kd)?;
    let server = Server::new(Regions::new(vec![region]), keys(&kd, ppk_grant));
    let app = rantai_http::router(server.clone());
    let report = format!("/api/v1/regions/{kd}");
    let first_answer = runtime.block_on(
        app.clone().oneshot(
            Request::get(&report)
                .header(header::AUTHORIZATION, format!("Bearer {SECRET}"))
                .body(Body::empty())
                .map_err(|e| e.to_string())?,
        ),
    );
    let ready = started.elapsed();
    if first_answer.map_err(|e| e.to_string())?.status() != StatusCode::OK {
        return Err("the region report did not answer 200".into());
    }
    say!(
        "serve: a province-year of {events} events in SQLite; wrk -t2 -c{CONNECTIONS} -d{LOAD_SECONDS}s on the same two cores"
    );
    figures.push(Figure::time(
        "serve ready: open + verify + replay + evaluate + first region report",
        Some(Duration::from_secs(3)),
        ready,
    ));
    if let Some(peak) = crate::sim::peak_memory() {
        let what = if own_peak {
            "serve ready: peak memory"
        } else {
            "serve ready: peak memory (whole process)"
        };
        figures.push(Figure::memory(what, Some(1 << 30), peak));
    }

    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let served = app.clone();
    runtime.spawn(async move { axum::serve(listener, served).await });
    let base = format!("http://{addr}");
    for (name, route, rps_target, p99_target) in [
        ("region report", report.clone(), Some(5_000), 30),
        ("one OPD", format!("{report}/opd/{opd}"), Some(5_000), 30),
        ("a package trail", format!("{report}/packages/{kd_rup}"), None, 50),
        (
            "a findings page filtered by rule",
            format!("{report}/findings?rule=K-11&limit=50"),
            None,
            50,
        ),
        ("the region S-curve", format!("{report}/scurve"), None, 50),
        ("what must be done (first page)", format!("{report}/actions"), None, 50),
    ] {
        let load = wrk(&format!("{base}{route}"))?;
        figures.push(Figure::rate(
            format!("serve: {name}, 64 connections"),
            "requests",
            rps_target,
            load.requests_per_second,
        ));
        figures.push(Figure::time(
            format!("serve: {name}, p99 latency"),
            Some(Duration::from_millis(p99_target)),
            load.p99,
        ));
    }

    // Commands one at a time through the router, each appended to SQLite (synchronous = FULL)
    // before its 201: first with nobody following the feed, then with one subscriber, for whom
    // each command also computes what appeared, cleared or got stuck.
    let on = rantai_sim::as_of();
    let at = Utc.from_utc_datetime(&on.and_hms_opt(10, 0, 0).ok_or("no time")?);
    let send = |round: u128| -> Result<u64, String> {
        let started = Instant::now();
        let mut sent = 0usize;
        for i in 0..COMMANDS {
            let (contract, actual) = contracts[i % contracts.len()];
            let command = Command::ReportProgress {
                report: ProgressReport {
                    id: ReportId::from_u128(0xBE_0000_0000 + round * 0x1_0000 + i as u128),
                    contract,
                    reported_on: on,
                    actual,
                    planned: None,
                    evidence_ref: Some(format!("bench {round}.{i}")),
                },
            };
            let body = serde_json::to_vec(&serde_json::json!({"actor": ppk, "occurred_at": at, "command": command}))
                .map_err(|e| e.to_string())?;
            let request = Request::post(format!("{report}/commands"))
                .header(header::AUTHORIZATION, "Bearer bench-ppk")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .map_err(|e| e.to_string())?;
            let answer = runtime
                .block_on(app.clone().oneshot(request))
                .map_err(|e| e.to_string())?;
            if answer.status() != StatusCode::CREATED {
                return Err(format!("command {round}.{i} answered {}", answer.status()));
            }
            sent += 1;
        }
        Ok(crate::rate(sent, started.elapsed()))
    };
    figures.push(Figure::rate(
        "serve: commands POSTed one at a time, each durable before its 201 (in process)",
        "commands",
        Some(300),
        send(0)?,
    ));
    let mut feed = server.regions().get(&kd).ok_or("the region is served")?.subscribe();
    runtime.spawn(async move { while feed.recv().await.is_ok() {} });
    figures.push(Figure::rate(
        "serve: the same with one feed subscriber",
        "commands",
        None,
        send(1)?,
    ));
    runtime.shutdown_timeout(Duration::from_secs(1));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
