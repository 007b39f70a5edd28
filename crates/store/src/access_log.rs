//! The access log kept beside a store's regions: per key holder and thing read (a findings list,
//! a package's trail, the feed), how many reads, the first and the last. `rantai serve` adds what
//! it counted every few seconds and reads it back when it starts, so a restart loses nothing.

use rantai_chain::StoreError;

/// One key holder's reads of one thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessRecord {
    /// The region read (`kd_klpd`).
    pub region: String,
    /// The key's label.
    pub label: String,
    /// The key's role (`apip`, `pa` …).
    pub role: String,
    /// What was read (`findings`, `packages/52000022` …).
    pub read: String,
    /// How many times.
    pub count: u64,
    /// The first time (RFC 3339).
    pub first_at: String,
    /// The last time (RFC 3339).
    pub last_at: String,
}

/// Adds `reads` to the log of `db`: counts add up, the first and last times widen.
///
/// # Errors
///
/// [`StoreError::Backend`]; then nothing of `reads` is added.
pub fn add_reads(db: &str, reads: &[AccessRecord]) -> Result<(), StoreError> {
    if reads.is_empty() {
        return Ok(());
    }
    if crate::is_postgres(db) {
        backend::pg_add(db, reads)
    } else {
        backend::sqlite_add(db, reads)
    }
}

/// The log of `db`, every region, in (region, label, role, read) order.
///
/// # Errors
///
/// [`StoreError::Backend`].
pub fn reads(db: &str) -> Result<Vec<AccessRecord>, StoreError> {
    if crate::is_postgres(db) {
        backend::pg_list(db)
    } else {
        backend::sqlite_list(db)
    }
}

mod backend {
    use super::*;

    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_add(db: &str, reads: &[AccessRecord]) -> Result<(), StoreError> {
        crate::SqliteStore::open(db, "")?.add_reads(reads)
    }
    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_list(db: &str) -> Result<Vec<AccessRecord>, StoreError> {
        crate::SqliteStore::open(db, "")?.reads()
    }
    #[cfg(feature = "postgres")]
    pub(super) fn pg_add(db: &str, reads: &[AccessRecord]) -> Result<(), StoreError> {
        crate::PgStore::connect(db, "")?.add_reads(reads)
    }
    #[cfg(feature = "postgres")]
    pub(super) fn pg_list(db: &str) -> Result<Vec<AccessRecord>, StoreError> {
        crate::PgStore::connect(db, "")?.reads()
    }

    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_add(_: &str, _: &[AccessRecord]) -> Result<(), StoreError> {
        Err(crate::not_built("sqlite"))
    }
    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_list(_: &str) -> Result<Vec<AccessRecord>, StoreError> {
        Err(crate::not_built("sqlite"))
    }
    #[cfg(not(feature = "postgres"))]
    pub(super) fn pg_add(_: &str, _: &[AccessRecord]) -> Result<(), StoreError> {
        Err(crate::not_built("postgres"))
    }
    #[cfg(not(feature = "postgres"))]
    pub(super) fn pg_list(_: &str) -> Result<Vec<AccessRecord>, StoreError> {
        Err(crate::not_built("postgres"))
    }
}
