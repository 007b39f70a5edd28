//! Test setup shared by the importer tests: a region founded by its head, with an importer
//! (actor 2) registered to record facts.
#![allow(clippy::unwrap_used, dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use rantai_chain::{Chain, Command, FixedClock};
use rantai_core::{Actor, ActorId, Grant, RegionProfile, Role, Rulebook, Scope};
use rantai_lkpp::isb::{IsbReport, IsbSource, import};
use serde_json::Value;

/// The importer's actor id.
pub(crate) const IMPORTER: ActorId = ActorId::from_u128(2);

/// An empty chain for `profile` with its importer registered.
pub(crate) fn empty_chain(profile: RegionProfile) -> Chain {
    let at = chrono::DateTime::UNIX_EPOCH;
    let founder = Actor::new(ActorId::from_u128(1), "Kepala Daerah").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let mut chain = Chain::found(
        profile,
        Rulebook::standard().clone(),
        Box::new(FixedClock(at)),
        founder,
        at,
    )
    .unwrap();
    chain
        .execute(
            ActorId::from_u128(1),
            at,
            Command::RegisterActor {
                actor: Actor::new(IMPORTER, "Importir"),
            },
        )
        .unwrap();
    chain
}

/// The Kab. Bandung 2025 ISB dump, or `None` (and a note) when `../shared` is not beside the repo.
pub(crate) fn dump() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/id-data/isb-kab-bandung-2025");
    if dir.exists() {
        Some(dir)
    } else {
        let _ = writeln!(std::io::stderr(), "SKIPPED: {} not present", dir.display());
        None
    }
}

/// One ISB file's records.
pub(crate) fn raw(dir: &Path, file: &str) -> Vec<Value> {
    serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap()
}

/// A source imported whole into a new chain.
pub(crate) fn imported(source: &IsbSource) -> (Chain, IsbReport) {
    let mut chain = empty_chain(source.profile().unwrap());
    let report = import(&mut chain, IMPORTER, source);
    (chain, report)
}

/// A JSON value as trimmed text (numbers as written, null as empty).
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
