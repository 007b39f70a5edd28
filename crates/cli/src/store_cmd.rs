//! `--db` handling shared by the commands, and `rantai verify`.

use rantai_chain::{Chain, ChainError, DurableChain, EventStore, FixedClock};
use rantai_core::Rulebook;

/// Opens the region `region` of `db` if it holds one, else builds it with `build` and stores it.
/// Either way the chain comes back verified.
pub(crate) fn open_or_build(
    db: &str,
    region: &str,
    rulebook: Rulebook,
    build: impl FnOnce(Rulebook) -> Result<Chain, ChainError>,
) -> Result<Chain, String> {
    let mut store = rantai_store::open(db, region).map_err(|e| format!("cannot open {db}: {e}"))?;
    let head = store.head().map_err(|e| e.to_string())?;
    let clock = Box::new(FixedClock(chrono::DateTime::UNIX_EPOCH));
    if head > 0 {
        let durable = DurableChain::open(store, rulebook, clock).map_err(|e| match e {
            rantai_chain::ChainError::Store(rantai_chain::StoreError::Unreadable { .. }) => {
                format!("{db}: {e} (start a new store with another --db, or remove this one)")
            }
            other => format!("{db}: {other}"),
        })?;
        return Ok(durable.into_chain());
    }
    let chain =
        build(rulebook).map_err(|e| format!("the sample region could not be built under this rulebook: {e}"))?;
    let durable = DurableChain::persist(chain, store).map_err(|e| format!("cannot store the region in {db}: {e}"))?;
    Ok(durable.into_chain())
}

/// The region of an existing store to work on: `region` when the store holds it, else the only
/// one it holds.
pub(crate) fn region_of(db: &str, region: Option<&str>) -> Result<String, String> {
    if !rantai_store::is_postgres(db) && !std::path::Path::new(db).exists() {
        return Err(format!(
            "no store at {db}: import data first with `rantai import lkpp DIR --db {db}`"
        ));
    }
    let regions = rantai_store::regions(db).map_err(|e| format!("cannot open {db}: {e}"))?;
    match (region, regions.as_slice()) {
        (Some(r), known) if known.iter().any(|k| k == r) => Ok(r.to_string()),
        (Some(r), known) => Err(format!("{db} holds no region {r} (it holds: {})", known.join(", "))),
        (None, [only]) => Ok(only.clone()),
        (None, []) => Err(format!("{db} holds no region")),
        (None, many) => Err(format!(
            "{db} holds {} regions ({}): choose one with --region",
            many.len(),
            many.join(", ")
        )),
    }
}

/// Opens the region `region` of `db` to append to it, verified and replayed.
pub(crate) fn open_durable(
    db: &str,
    region: &str,
    rulebook: Rulebook,
) -> Result<DurableChain<Box<dyn EventStore>>, String> {
    let store = rantai_store::open(db, region).map_err(|e| format!("cannot open {db}: {e}"))?;
    let clock = Box::new(FixedClock(chrono::DateTime::UNIX_EPOCH));
    DurableChain::open(store, rulebook, clock).map_err(|e| format!("{db}: {e}"))
}

/// Opens the region `region` of `db` to read, verified and replayed; nothing is written.
pub(crate) fn open(db: &str, region: &str, rulebook: Rulebook) -> Result<Chain, String> {
    let store = rantai_store::open_read_only(db, region).map_err(|e| format!("cannot open {db}: {e}"))?;
    let clock = Box::new(FixedClock(chrono::DateTime::UNIX_EPOCH));
    Ok(DurableChain::open(store, rulebook, clock)
        .map_err(|e| format!("{db}: {e}"))?
        .into_chain())
}

/// Stores a new region's chain in `db`; refuses when `db` already holds the region.
pub(crate) fn persist_new(db: &str, chain: Chain) -> Result<Chain, String> {
    let region = chain
        .state()
        .profile()
        .map(|p| p.kd_klpd.clone())
        .ok_or("the chain has no region profile")?;
    let mut store = rantai_store::open(db, &region).map_err(|e| format!("cannot open {db}: {e}"))?;
    if store.head().map_err(|e| e.to_string())? > 0 {
        return Err(format!(
            "{db} already holds region {region}: its history is append-only, so import into another --db"
        ));
    }
    let durable = DurableChain::persist(chain, store).map_err(|e| format!("cannot store the region in {db}: {e}"))?;
    Ok(durable.into_chain())
}

/// `rantai verify`: checks every region of a store (or one) and reports each.
pub(crate) fn verify(db: &str, region: Option<&str>, expect_head: Option<&str>) -> Result<(), String> {
    if !rantai_store::is_postgres(db) && !std::path::Path::new(db).exists() {
        return Err(format!("no store at {db}"));
    }
    let regions = match region {
        Some(r) => {
            let known = rantai_store::regions(db).map_err(|e| format!("cannot open {db}: {e}"))?;
            if !known.iter().any(|k| k == r) {
                return Err(format!("{db} holds no region {r}"));
            }
            vec![r.to_string()]
        }
        None => rantai_store::regions(db).map_err(|e| format!("cannot open {db}: {e}"))?,
    };
    if regions.is_empty() {
        return Err(format!("{db} holds no region"));
    }
    if expect_head.is_some() && regions.len() > 1 {
        return Err(format!(
            "{db} holds {} regions: give --region with --expect-head",
            regions.len()
        ));
    }
    let expected = expect_head.map(|h| h.trim().to_ascii_lowercase());
    let mut bad = 0;
    for r in &regions {
        let mut store = rantai_store::open_read_only(db, r).map_err(|e| format!("cannot open {db}: {e}"))?;
        match store.read_from(0) {
            Ok(events) => {
                let head = events.last().map_or_else(|| "-".to_string(), |e| e.hash.to_string());
                say!("region {r}: {} events verified, head hash {head}", events.len());
                if let Some(want) = expected.as_deref()
                    && want != head
                {
                    bad += 1;
                    say!(
                        "region {r}: NOT THE EXPECTED HEAD — expected {want}: events were cut off, added or re-hashed since"
                    );
                }
            }
            Err(e) => {
                bad += 1;
                say!("region {r}: NOT VERIFIED — {e}");
            }
        }
    }
    if bad > 0 {
        return Err(format!("{bad} of {} regions failed verification", regions.len()));
    }
    Ok(())
}
