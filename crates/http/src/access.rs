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
/// may name.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    by_hash: HashMap<String, ApiKey>,
    by_user: HashMap<String, ApiKey>,
    proxy_header: Option<HeaderName>,
}

impl Keys {
    /// Admits the key whose secret hashes to `hash`.
    pub fn add(&mut self, hash: String, key: ApiKey) {
        self.by_hash.insert(hash, key);
    }

    /// Admits `login` when a reverse proxy on loopback names it in the trusted header.
    pub fn add_user(&mut self, login: String, key: ApiKey) {
        self.by_user.insert(login, key);
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
        let key = if let Some(secret) = bearer {
            Some(self.by_hash.get(&hash_secret(secret.trim())))
        } else {
            let user = self
                .proxy_header
                .as_ref()
                .filter(|_| peer.is_some_and(|p| p.ip().is_loopback()))
                .and_then(|h| headers.get(h))
                .and_then(|v| v.to_str().ok());
            user.map(|u| self.by_user.get(u))
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
    /// Kepala OPD is the PA of the OPD). The Kepala Daerah, the Sekda's office, Bappeda and the
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
            } if !matches!(role, Role::KepalaDaerah | Role::Bappeda | Role::Apip) => Some(*org),
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

/// The reads of findings and trails by key holders, for the Inspektorat to list: one entry per
/// key holder and thing read, with the count and the first and last time, so that it stays as
/// small as the region however often it is read. Held in memory for as long as the server runs.
#[derive(Debug, Default)]
pub struct AccessLog {
    entries: std::sync::Mutex<std::collections::BTreeMap<(String, String, Role, String), AccessEntry>>,
}

impl AccessLog {
    /// Notes that `viewer` read `what` of `region` (the public's reads are not logged: they
    /// read only what is published).
    pub(crate) fn record(&self, at: chrono::DateTime<chrono::Utc>, viewer: &Viewer, region: &str, what: &str) {
        if let Viewer::Keyed { label, grant } = viewer {
            let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let key = (region.to_string(), label.clone(), grant.role, what.to_string());
            let entry = entries.entry(key).or_insert_with(|| AccessEntry {
                region: region.to_string(),
                label: label.clone(),
                role: grant.role,
                read: what.to_string(),
                count: 0,
                first_at: at,
                last_at: at,
            });
            entry.count += 1;
            entry.last_at = entry.last_at.max(at);
        }
    }

    /// What was read of `region`, by key holder and thing read.
    pub fn of_region(&self, region: &str) -> Vec<AccessEntry> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .values()
            .filter(|e| e.region == region)
            .cloned()
            .collect()
    }
}
