//! Versioned schema migrations, one list per back-end. A database whose version is newer than
//! this build's is refused rather than written to.

/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = 2;

/// SQLite migrations: (version, SQL), applied in order inside one transaction each.
#[cfg(feature = "sqlite")]
pub(crate) const SQLITE: &[(i64, &str)] = &[
    (
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
    ),
    (2, KEYS),
];

/// Version 2, both back-ends: API keys (the SHA-256 of each secret, never the secret) and what
/// each grants.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
const KEYS: &str = "CREATE TABLE api_keys (
         hash       TEXT PRIMARY KEY,
         region     TEXT NOT NULL,
         role       TEXT NOT NULL,
         opd        TEXT,
         user_login TEXT UNIQUE,
         label      TEXT NOT NULL,
         expires    TEXT,
         created_at TEXT NOT NULL,
         revoked_at TEXT
     );";

/// PostgreSQL migrations.
#[cfg(feature = "postgres")]
pub(crate) const POSTGRES: &[(i64, &str)] = &[
    (
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
    ),
    (2, KEYS),
];
