//! API keys kept beside a store's regions: the SHA-256 of each secret (never the secret), the
//! region, role and OPD it grants, its label, expiry and revocation. `rantai keys` writes them;
//! `rantai serve` reads them.

use rantai_chain::StoreError;

/// One API key as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRecord {
    /// The SHA-256 of the secret, as 64 hex digits.
    pub hash: String,
    /// The region it opens (`kd_klpd`).
    pub region: String,
    /// The role's key (`kepala_daerah`, `pa`, `apip` …).
    pub role: String,
    /// The OPD (`kd_satker_str`) it is limited to, if any.
    pub opd: Option<String>,
    /// The login a trusted reverse proxy names, for a key given to a user rather than a secret.
    pub user: Option<String>,
    /// Whose key it is (an office or pseudonym).
    pub label: String,
    /// The last day it is valid (YYYY-MM-DD), if it expires.
    pub expires: Option<String>,
    /// When it was issued (RFC 3339).
    pub created_at: String,
    /// When it was revoked (RFC 3339), if it was.
    pub revoked_at: Option<String>,
}

impl KeyRecord {
    /// The short id a key is listed and revoked by: the first 12 hex digits of its hash.
    pub fn id(&self) -> &str {
        self.hash.get(..12).unwrap_or(&self.hash)
    }
}

/// Stores a new key in `db`.
///
/// # Errors
///
/// [`StoreError::Backend`]; a key with the same hash or user login is refused.
pub fn add_key(db: &str, key: &KeyRecord) -> Result<(), StoreError> {
    if crate::is_postgres(db) {
        backend::pg_add(db, key)
    } else {
        backend::sqlite_add(db, key)
    }
}

/// Every key in `db`, revoked ones too, oldest first.
///
/// # Errors
///
/// [`StoreError::Backend`].
pub fn list_keys(db: &str) -> Result<Vec<KeyRecord>, StoreError> {
    if crate::is_postgres(db) {
        backend::pg_list(db)
    } else {
        backend::sqlite_list(db)
    }
}

/// Revokes the key whose id (see [`KeyRecord::id`]) is `id`, as of `at` (RFC 3339); `false`
/// when no unrevoked key has that id.
///
/// # Errors
///
/// [`StoreError::Backend`].
pub fn revoke_key(db: &str, id: &str, at: &str) -> Result<bool, StoreError> {
    if id.len() < 12 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(false);
    }
    if crate::is_postgres(db) {
        backend::pg_revoke(db, id, at)
    } else {
        backend::sqlite_revoke(db, id, at)
    }
}

mod backend {
    use super::*;

    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_add(db: &str, key: &KeyRecord) -> Result<(), StoreError> {
        crate::SqliteStore::open(db, "")?.add_key(key)
    }
    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_list(db: &str) -> Result<Vec<KeyRecord>, StoreError> {
        crate::SqliteStore::open(db, "")?.keys()
    }
    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_revoke(db: &str, id: &str, at: &str) -> Result<bool, StoreError> {
        crate::SqliteStore::open(db, "")?.revoke_key(id, at)
    }
    #[cfg(feature = "postgres")]
    pub(super) fn pg_add(db: &str, key: &KeyRecord) -> Result<(), StoreError> {
        crate::PgStore::connect(db, "")?.add_key(key)
    }
    #[cfg(feature = "postgres")]
    pub(super) fn pg_list(db: &str) -> Result<Vec<KeyRecord>, StoreError> {
        crate::PgStore::connect(db, "")?.keys()
    }
    #[cfg(feature = "postgres")]
    pub(super) fn pg_revoke(db: &str, id: &str, at: &str) -> Result<bool, StoreError> {
        crate::PgStore::connect(db, "")?.revoke_key(id, at)
    }

    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_add(_: &str, _: &KeyRecord) -> Result<(), StoreError> {
        Err(crate::not_built("sqlite"))
    }
    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_list(_: &str) -> Result<Vec<KeyRecord>, StoreError> {
        Err(crate::not_built("sqlite"))
    }
    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_revoke(_: &str, _: &str, _: &str) -> Result<bool, StoreError> {
        Err(crate::not_built("sqlite"))
    }
    #[cfg(not(feature = "postgres"))]
    pub(super) fn pg_add(_: &str, _: &KeyRecord) -> Result<(), StoreError> {
        Err(crate::not_built("postgres"))
    }
    #[cfg(not(feature = "postgres"))]
    pub(super) fn pg_list(_: &str) -> Result<Vec<KeyRecord>, StoreError> {
        Err(crate::not_built("postgres"))
    }
    #[cfg(not(feature = "postgres"))]
    pub(super) fn pg_revoke(_: &str, _: &str, _: &str) -> Result<bool, StoreError> {
        Err(crate::not_built("postgres"))
    }
}
