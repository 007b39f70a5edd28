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

mod codec;
pub mod conformance;
mod migrations;
mod postgres;
mod sqlite;

pub use migrations::SCHEMA_VERSION;
pub use postgres::PgStore;
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
        Ok(Box::new(PgStore::connect(db, region)?))
    } else if db == ":memory:" {
        Ok(Box::new(SqliteStore::in_memory(region)?))
    } else {
        Ok(Box::new(SqliteStore::open(db, region)?))
    }
}

/// The regions stored in `db`.
///
/// # Errors
///
/// [`StoreError::Backend`].
pub fn regions(db: &str) -> Result<Vec<String>, StoreError> {
    if is_postgres(db) {
        PgStore::connect(db, "")?.regions()
    } else {
        SqliteStore::open(db, "")?.regions()
    }
}
