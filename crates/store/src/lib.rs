//! Persistence of the event log: [`SqliteStore`] (one file, WAL, the embedded default) and
//! [`PgStore`] (PostgreSQL), both implementing [`rantai_chain::EventStore`] and both passing the
//! same [`conformance`] suite. Every read verifies the hash chain; a tampered store refuses to
//! open with the first bad sequence number.
//!
//! ```
//! use rantai_chain::EventStore;
//! use rantai_store::open;
//!
//! let mut store = open(":memory:", "D999")?; // a path, ":memory:", or postgres://…
//! assert_eq!(store.head()?, 0);
//! # Ok::<(), rantai_chain::StoreError>(())
//! ```
#![deny(missing_docs)]

pub mod access_log;
mod codec;
pub mod conformance;
pub mod keys;
mod migrations;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use migrations::SCHEMA_VERSION;
#[cfg(feature = "postgres")]
pub use postgres::PgStore;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;

use rantai_chain::{EventStore, StoreError};

/// Whether `db` names a PostgreSQL server rather than a SQLite file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://") || db.contains("dbname=")
}

/// Opens the store `db` names for `region`: a PostgreSQL URL (`postgres://…`), `:memory:`, or a
/// SQLite file path.
///
/// # Errors
///
/// [`StoreError::Backend`], [`StoreError::SchemaTooNew`].
pub fn open(db: &str, region: &str) -> Result<Box<dyn EventStore>, StoreError> {
    if is_postgres(db) {
        backend::postgres(db, region)
    } else {
        backend::sqlite(db, region)
    }
}

/// The store of region `region` in `db`, to read only: nothing is created or written (see
/// [`SqliteStore::open_read_only`]; a PostgreSQL store is only read).
///
/// # Errors
///
/// [`StoreError::Backend`], naming the operation that failed.
pub fn open_read_only(db: &str, region: &str) -> Result<Box<dyn EventStore>, StoreError> {
    if is_postgres(db) {
        backend::postgres(db, region)
    } else {
        backend::sqlite_read_only(db, region)
    }
}

/// The regions stored in `db` (read only: nothing is created).
///
/// # Errors
///
/// [`StoreError::Backend`].
pub fn regions(db: &str) -> Result<Vec<String>, StoreError> {
    if is_postgres(db) {
        backend::postgres_regions(db)
    } else {
        backend::sqlite_regions(db)
    }
}

/// The back-ends this build holds; one left out answers [`StoreError::Backend`] naming its
/// feature.
mod backend {
    use super::*;

    #[cfg(feature = "postgres")]
    pub(super) fn postgres(db: &str, region: &str) -> Result<Box<dyn EventStore>, StoreError> {
        Ok(Box::new(PgStore::connect(db, region)?))
    }

    #[cfg(feature = "postgres")]
    pub(super) fn postgres_regions(db: &str) -> Result<Vec<String>, StoreError> {
        PgStore::connect(db, "")?.regions()
    }

    #[cfg(not(feature = "postgres"))]
    pub(super) fn postgres(_db: &str, _region: &str) -> Result<Box<dyn EventStore>, StoreError> {
        Err(super::not_built("postgres"))
    }

    #[cfg(not(feature = "postgres"))]
    pub(super) fn postgres_regions(_db: &str) -> Result<Vec<String>, StoreError> {
        Err(super::not_built("postgres"))
    }

    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite(db: &str, region: &str) -> Result<Box<dyn EventStore>, StoreError> {
        Ok(if db == ":memory:" {
            Box::new(SqliteStore::in_memory(region)?)
        } else {
            Box::new(SqliteStore::open(db, region)?)
        })
    }

    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_read_only(db: &str, region: &str) -> Result<Box<dyn EventStore>, StoreError> {
        Ok(Box::new(SqliteStore::open_read_only(db, region)?))
    }

    #[cfg(feature = "sqlite")]
    pub(super) fn sqlite_regions(db: &str) -> Result<Vec<String>, StoreError> {
        SqliteStore::open_read_only(db, "")?.regions()
    }

    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite(_db: &str, _region: &str) -> Result<Box<dyn EventStore>, StoreError> {
        Err(super::not_built("sqlite"))
    }

    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_regions(_db: &str) -> Result<Vec<String>, StoreError> {
        Err(super::not_built("sqlite"))
    }

    #[cfg(not(feature = "sqlite"))]
    pub(super) fn sqlite_read_only(_db: &str, _region: &str) -> Result<Box<dyn EventStore>, StoreError> {
        Err(super::not_built("sqlite"))
    }
}

#[allow(dead_code)] // used only by a build that leaves a back-end out
fn not_built(backend: &'static str) -> StoreError {
    StoreError::Backend {
        backend,
        operation: "open",
        message: format!("this build of rantai-store leaves out its `{backend}` feature"),
    }
}
