//! `rantai serve`: the server induk. With no `--db` it serves the embedded sample region from
//! memory and writes no file; with `--db` it serves every region of the store (or the ones
//! named), durable, with the store's API keys.

use std::net::SocketAddr;

use chrono::NaiveDate;
use rantai_core::{Grant, OrgCode, Role, Rulebook, Scope};
use rantai_http::{ApiKey, Keys, Region, Regions, Server};

use crate::store_cmd;

/// What `rantai serve` was asked for.
pub(crate) struct ServeArgs<'a> {
    pub(crate) db: Option<&'a str>,
    pub(crate) listen: &'a str,
    pub(crate) regions: &'a [String],
    pub(crate) trust_proxy_header: Option<&'a str>,
    pub(crate) rulebook: Rulebook,
    /// A TOML file of `[[webhook]]` tables to deliver the feed of changes to.
    pub(crate) webhooks: Option<&'a std::path::Path>,
}

pub(crate) fn run(args: ServeArgs<'_>) -> Result<(), String> {
    let listen: SocketAddr = args
        .listen
        .parse()
        .map_err(|e| format!("--listen {}: {e} (expected e.g. 127.0.0.1:8080)", args.listen))?;
    let (regions, mut keys) = match args.db {
        None => embedded(args.rulebook)?,
        Some(db) => stored(db, args.regions, args.rulebook)?,
    };
    if let Some(h) = args.trust_proxy_header {
        let name = h
            .parse::<axum::http::HeaderName>()
            .map_err(|e| format!("--trust-proxy-header {h}: {e}"))?;
        keys.trust_proxy_header(name);
    }
    for r in regions.iter() {
        say!("serving {} ({}) as of {}", r.name(), r.kd_klpd(), r.day());
    }
    say!("listening on http://{listen}/api/v1 (openapi: http://{listen}/api/v1/openapi.json)");
    let hooks = match args.webhooks {
        None => Vec::new(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("--webhooks {}: {e}", path.display()))?;
            rantai_http::Webhook::from_toml(&text).map_err(|e| format!("--webhooks {}: {e}", path.display()))?
        }
    };
    let server = Server::new(regions, keys);
    if let Some(db) = args.db {
        let earlier =
            rantai_store::access_log::reads(db).map_err(|e| format!("cannot read the access log of {db}: {e}"))?;
        server.access_log().load(
            earlier
                .iter()
                .filter(|r| server.regions().get(&r.region).is_some())
                .filter_map(from_record),
        );
    }
    let app = rantai_http::router(server.clone());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let count = hooks.len();
        rantai_http::start_webhooks(&server, hooks).map_err(|e| e.to_string())?;
        if count > 0 {
            say!("delivering changes to {count} webhook(s)");
        }
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        if let Some(db) = args.db {
            tokio::spawn(keep(server.clone(), db.to_string()));
        }
        let served = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("the server stopped: {e}"));
        if let Some(db) = args.db {
            flush_reads(&server, db);
        }
        served
    })
}

/// The sample region from memory, and one Kepala Daerah key made for this run only.
fn embedded(rulebook: Rulebook) -> Result<(Regions, Keys), String> {
    let chain = rantai_sample::sample_region_with(rulebook)
        .map_err(|e| format!("the sample region could not be built under this rulebook: {e}"))?;
    let (y, m, d) = rantai_sample::AS_OF;
    let day = NaiveDate::from_ymd_opt(y, m, d).ok_or("the sample's observation date is invalid")?;
    let region = Region::in_memory(chain).map_err(|e| e.to_string())?.on(day);
    let secret = rantai_http::generate_secret()?;
    let mut keys = Keys::default();
    keys.add(
        rantai_http::hash_secret(&secret),
        ApiKey {
            region: region.kd_klpd().to_string(),
            grant: Grant {
                role: Role::KepalaDaerah,
                scope: Scope::Region,
            },
            label: "sample Kepala Daerah (this run only)".into(),
            expires: None,
        },
    );
    say!("embedded sample region, in memory: nothing is written");
    say!("a Kepala Daerah key for this run (shown once): {secret}");
    Ok((Regions::new(vec![region]), keys))
}

/// The regions of a store, durable, and the store's unrevoked keys.
fn stored(db: &str, only: &[String], rulebook: Rulebook) -> Result<(Regions, Keys), String> {
    let held = rantai_store::regions(db).map_err(|e| format!("cannot open {db}: {e}"))?;
    if let Some(missing) = only.iter().find(|r| !held.contains(r)) {
        return Err(format!(
            "{db} holds no region {missing} (it holds: {})",
            held.join(", ")
        ));
    }
    let chosen: Vec<&String> = held.iter().filter(|r| only.is_empty() || only.contains(r)).collect();
    if chosen.is_empty() {
        return Err(format!("{db} holds no region: import one first"));
    }
    let mut served = Vec::new();
    for r in chosen {
        let durable = store_cmd::open_durable(db, r, rulebook.clone())?;
        served.push(Region::durable(durable).map_err(|e| format!("{db}: {e}"))?);
    }
    let regions = Regions::try_new(served).map_err(|e| e.to_string())?;
    let keys = stored_keys(db, &regions, true)?;
    Ok((regions, keys))
}

/// The store's unrevoked keys for the regions served (with `warn`, a key that cannot be served is
/// named on standard error: at start, not at every reload).
fn stored_keys(db: &str, regions: &Regions, warn: bool) -> Result<Keys, String> {
    let mut keys = Keys::default();
    let records = rantai_store::keys::list_keys(db).map_err(|e| format!("cannot read the keys of {db}: {e}"))?;
    for k in records.into_iter().filter(|k| k.revoked_at.is_none()) {
        let Some(region) = regions.get(&k.region) else {
            continue;
        };
        match api_key(region, &k) {
            Ok(key) => match &k.user {
                Some(login) => keys.add_user(login.clone(), key),
                None => keys.add(k.hash.clone(), key),
            },
            Err(why) if warn => eprintln!("warning: key {} ({}) is not served: {why}", k.id(), k.label),
            Err(_) => {}
        }
    }
    Ok(keys)
}

/// How often a server over a store reads its keys again and adds the reads it counted.
const KEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// The access log as the store keeps it.
fn to_record(e: &rantai_http::AccessEntry) -> rantai_store::access_log::AccessRecord {
    let at = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    rantai_store::access_log::AccessRecord {
        region: e.region.clone(),
        label: e.label.clone(),
        role: e.role.key().to_string(),
        read: e.read.clone(),
        count: e.count,
        first_at: at(e.first_at),
        last_at: at(e.last_at),
    }
}

fn from_record(r: &rantai_store::access_log::AccessRecord) -> Option<rantai_http::AccessEntry> {
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok().map(|t| t.to_utc());
    Some(rantai_http::AccessEntry {
        region: r.region.clone(),
        label: r.label.clone(),
        role: r.role.parse().ok()?,
        read: r.read.clone(),
        count: r.count,
        first_at: at(&r.first_at)?,
        last_at: at(&r.last_at)?,
    })
}

/// Adds the reads counted since the last time to the store (they stay pending when it fails).
fn flush_reads(server: &Server, db: &str) {
    let pending = server.access_log().take_pending();
    if pending.is_empty() {
        return;
    }
    let records: Vec<_> = pending.iter().map(to_record).collect();
    if let Err(e) = rantai_store::access_log::add_reads(db, &records) {
        eprintln!("warning: the access log could not be written to the store (kept in memory, tried again): {e}");
        server.access_log().put_back(pending);
    }
}

/// Every few seconds: the store's keys again (a key revoked there stops working here) and the
/// reads counted since, into the store.
async fn keep(server: Server, db: String) {
    let mut tick = tokio::time::interval(KEEP_EVERY);
    tick.tick().await;
    loop {
        tick.tick().await;
        let (server, db) = (server.clone(), db.clone());
        let done = tokio::task::spawn_blocking(move || {
            flush_reads(&server, &db);
            match stored_keys(&db, server.regions(), false) {
                Ok(keys) => server.keys().replace(keys),
                Err(e) => eprintln!("warning: {e} (the keys in force stay)"),
            }
        })
        .await;
        if let Err(e) = done {
            eprintln!("warning: keeping the keys and the access log failed: {e}");
        }
    }
}

/// A stored key as the server admits it: its role parsed, its OPD found in the region.
fn api_key(region: &Region, k: &rantai_store::keys::KeyRecord) -> Result<ApiKey, String> {
    let role: Role = k.role.parse().map_err(|e| format!("role {}: {e}", k.role))?;
    let scope = match &k.opd {
        None => Scope::Region,
        Some(code) => {
            let code: OrgCode = code.parse().map_err(|e| format!("OPD {code}: {e}"))?;
            let org = region
                .with_chain(|c| c.state().view().organisation_by_code(code))
                .ok_or_else(|| format!("region {} has no OPD {code}", k.region))?;
            Scope::Organisation(org)
        }
    };
    let expires = k
        .expires
        .as_deref()
        .map(|d| d.parse::<NaiveDate>().map_err(|e| format!("expiry {d}: {e}")))
        .transpose()?;
    Ok(ApiKey {
        region: k.region.clone(),
        grant: Grant { role, scope },
        label: k.label.clone(),
        expires,
    })
}
