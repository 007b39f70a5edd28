//! Who may see and do what: API keys (256-bit secrets, stored as their SHA-256), the grant each
//! carries, and the [`Viewer`] a request is read as — the public, a region-wide reader, or a
//! reader limited to one OPD.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::http::{HeaderMap, HeaderName, header};
use chrono::NaiveDate;
use rantai_chain::Digest256;
use rantai_core::{Grant, OrganisationId, Role, Scope};

use crate::error::{ApiError, Lang};

/// One API key as the server knows it: never the secret, only what it grants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKey {
    /// The region it opens (`kd_klpd`).
    pub region: String,
    /// The role and scope it reads and acts with.
    pub grant: Grant,
    /// Whose key it is, as its issuer wrote it (a pseudonym or an office, never a NIP).
    pub label: String,
    /// The last day it is valid, if it expires.
    pub expires: Option<NaiveDate>,
}

/// A fresh secret: 32 bytes from the operating system's generator, as 64 hex digits. Shown once
/// to its holder; the server keeps only [`hash_secret`] of it.
///
/// # Errors
///
/// The operating system's generator failed.
pub fn generate_secret() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random source: {e}"))?;
    Ok(Digest256(bytes).to_string())
}

/// The SHA-256 of a secret, as 64 hex digits: what a key store holds.
///
/// ```
/// assert_eq!(rantai_http::hash_secret("abc").len(), 64);
/// assert_ne!(rantai_http::hash_secret("abc"), rantai_http::hash_secret("abd"));
/// ```
pub fn hash_secret(secret: &str) -> String {
    Digest256::of(secret.as_bytes()).to_string()
}

/// The keys a server admits, by the hash of their secret, and the users a trusted reverse proxy
/// may name. A running server takes a new set with [`Keys::replace`] (`rantai serve` reads its
/// store's keys again every few seconds, so a revoked key stops working without a restart).
#[derive(Debug, Default)]
pub struct Keys {
    table: std::sync::RwLock<KeyTable>,
    proxy_header: Option<HeaderName>,
}

#[derive(Clone, Debug, Default)]
struct KeyTable {
    by_hash: HashMap<String, ApiKey>,
    by_user: HashMap<String, ApiKey>,
}

impl Keys {
    fn table_mut(&mut self) -> &mut KeyTable {
        self.table.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Admits the key whose secret hashes to `hash`.
    pub fn add(&mut self, hash: String, key: ApiKey) {
        self.table_mut().by_hash.insert(hash, key);
    }

    /// Admits `login` when a reverse proxy on loopback names it in the trusted header.
    pub fn add_user(&mut self, login: String, key: ApiKey) {
        self.table_mut().by_user.insert(login, key);
    }

    /// Admits exactly the keys and users of `other` from now on (the trusted header stays).
    pub fn replace(&self, mut other: Keys) {
        let table = std::mem::take(other.table_mut());
        *self.table.write().unwrap_or_else(std::sync::PoisonError::into_inner) = table;
    }

    /// Trusts `header` (e.g. `X-Remote-User`) from a peer on loopback to name the user.
    pub fn trust_proxy_header(&mut self, header: HeaderName) {
        self.proxy_header = Some(header);
    }

    /// Who is reading `region`: the holder of the request's key, the user a trusted proxy names,
    /// or the public when neither is given.
    ///
    /// # Errors
    ///
    /// 401 when a key (or user) is given but unknown, for another region, or expired.
    pub(crate) fn viewer(
        &self,
        headers: &HeaderMap,
        peer: Option<SocketAddr>,
        region: &str,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Viewer, ApiError> {
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let table = self.table.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let key = if let Some(secret) = bearer {
            Some(table.by_hash.get(&hash_secret(secret.trim())))
        } else {
            let user = self
                .proxy_header
                .as_ref()
                .filter(|_| peer.is_some_and(|p| p.ip().is_loopback()))
                .and_then(|h| headers.get(h))
                .and_then(|v| v.to_str().ok());
            user.map(|u| table.by_user.get(u))
        };
        match key {
            None => Ok(Viewer::Public),
            Some(Some(k)) if k.region == region && k.expires.is_none_or(|e| today <= e) => Ok(Viewer::Keyed {
                label: k.label.clone(),
                grant: k.grant,
            }),
            Some(_) => Err(ApiError::unauthorized(lang)),
        }
    }
}

/// Who a request is read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// No key: what SIRUP and SPSE already publish, and per-OPD progress; no finding.
    Public,
    /// A key's holder.
    Keyed {
        /// The key's label.
        label: String,
        /// Its role and scope.
        grant: Grant,
    },
}

impl Viewer {
    /// Whether findings (and the coverage that counts them) are shown: to any key holder.
    pub fn sees_findings(&self) -> bool {
        matches!(self, Viewer::Keyed { .. })
    }

    /// The one OPD the reader is limited to, if any: a grant scoped to an organisation (the
    /// Kepala OPD is the PA of the OPD). The Kepala Daerah, the Sekda, Bappeda and the
    /// APIP read the whole region; so does any region-wide grant.
    pub fn limited_to(&self) -> Option<OrganisationId> {
        match self {
            Viewer::Keyed {
                grant:
                    Grant {
                        role,
                        scope: Scope::Organisation(org),
                    },
                ..
            } if !matches!(role, Role::KepalaDaerah | Role::Sekda | Role::Bappeda | Role::Apip) => Some(*org),
            _ => None,
        }
    }

    /// Whether the reader may see `organisation`'s packages and findings.
    pub fn may_see(&self, organisation: OrganisationId) -> bool {
        self.limited_to().is_none_or(|o| o == organisation)
    }

    /// The grant a key holder reads and sends commands with.
    pub fn grant(&self) -> Option<Grant> {
        match self {
            Viewer::Keyed { grant, .. } => Some(*grant),
            Viewer::Public => None,
        }
    }
}

/// What one key holder read of one thing: how often, first and last.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct AccessEntry {
    /// The region read.
    pub region: String,
    /// The key's label.
    pub label: String,
    /// The key's role.
    pub role: Role,
    /// What was read, e.g. `findings` or `packages/12345678`.
    pub read: String,
    /// How many times.
    pub count: u64,
    /// The first time (the server's clock).
    pub first_at: chrono::DateTime<chrono::Utc>,
    /// The last time.
    pub last_at: chrono::DateTime<chrono::Utc>,
}

/// The reads of findings, trails, actions and the feed by key holders, for the Inspektorat to
/// list: one entry per key holder and thing read, with the count and the first and last time, so
/// that it stays as small as the region however often it is read. A server over a store adds
/// what it counted to the store every few seconds ([`AccessLog::take_pending`]) and loads it back
/// when it starts ([`AccessLog::load`]).
#[derive(Debug, Default)]
pub struct AccessLog {
    entries: std::sync::Mutex<Reads>,
}

type ReadKey = (String, String, Role, String);

/// Every read so far, and the reads since they were last taken for the store.
#[derive(Debug, Default)]
struct Reads {
    all: std::collections::BTreeMap<ReadKey, AccessEntry>,
    pending: std::collections::BTreeMap<ReadKey, AccessEntry>,
}

fn count(map: &mut std::collections::BTreeMap<ReadKey, AccessEntry>, key: &ReadKey, read: &AccessEntry) {
    let entry = map.entry(key.clone()).or_insert_with(|| AccessEntry {
        count: 0,
        ..read.clone()
    });
    entry.count += read.count;
    entry.first_at = entry.first_at.min(read.first_at);
    entry.last_at = entry.last_at.max(read.last_at);
}

impl AccessLog {
    /// Notes that `viewer` read `what` of `region` (the public's reads are not logged: they
    /// read only what is published).
    pub(crate) fn record(&self, at: chrono::DateTime<chrono::Utc>, viewer: &Viewer, region: &str, what: &str) {
        if let Viewer::Keyed { label, grant } = viewer {
            let read = AccessEntry {
                region: region.to_string(),
                label: label.clone(),
                role: grant.role,
                read: what.to_string(),
                count: 1,
                first_at: at,
                last_at: at,
            };
            let key = (read.region.clone(), read.label.clone(), read.role, read.read.clone());
            let mut reads = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            count(&mut reads.all, &key, &read);
            count(&mut reads.pending, &key, &read);
        }
    }

    /// Adds reads counted before (by an earlier run, from its store) to the log; they are not
    /// pending.
    pub fn load(&self, earlier: impl IntoIterator<Item = AccessEntry>) {
        let mut reads = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for read in earlier {
            let key = (read.region.clone(), read.label.clone(), read.role, read.read.clone());
            count(&mut reads.all, &key, &read);
        }
    }

    /// The reads counted since the last call, for the store to add; what the store could not
    /// take goes back with [`AccessLog::put_back`].
    pub fn take_pending(&self) -> Vec<AccessEntry> {
        let mut reads = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        std::mem::take(&mut reads.pending).into_values().collect()
    }

    /// Returns reads [`AccessLog::take_pending`] gave that the store did not take.
    pub fn put_back(&self, pending: Vec<AccessEntry>) {
        let mut reads = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for read in pending {
            let key = (read.region.clone(), read.label.clone(), read.role, read.read.clone());
            count(&mut reads.pending, &key, &read);
        }
    }

    /// What was read of `region`, by key holder and thing read.
    pub fn of_region(&self, region: &str) -> Vec<AccessEntry> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .all
            .values()
            .filter(|e| e.region == region)
            .cloned()
            .collect()
    }
}
