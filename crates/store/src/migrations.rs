//! Versioned schema migrations, one list per back-end. A database whose version is newer than
//! this build's is refused rather than written to.

/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// SQLite migrations: (version, SQL), applied in order inside one transaction each.
#[cfg(feature = "sqlite")]
pub(crate) const SQLITE: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE regions (
         region TEXT PRIMARY KEY,
         head   INTEGER NOT NULL
     );
     CREATE TABLE events (
         region   TEXT    NOT NULL,
         sequence INTEGER NOT NULL,
         hash     BLOB    NOT NULL,
         body     TEXT    NOT NULL,
         UNIQUE (region, sequence)
     );",
)];

/// PostgreSQL migrations.
#[cfg(feature = "postgres")]
pub(crate) const POSTGRES: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE regions (
         region TEXT PRIMARY KEY,
         head   BIGINT NOT NULL
     );
     CREATE TABLE events (
         region   TEXT   NOT NULL,
         sequence BIGINT NOT NULL,
         hash     BYTEA  NOT NULL,
         body     TEXT   NOT NULL,
         PRIMARY KEY (region, sequence)
     );",
)];
