//! Versioned schema migrations, one list per back-end. A database whose version is newer than
//! this build's is refused rather than written to.

/// Schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

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
    (3, ACCESS_LOG),
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

/// Version 3, both back-ends: the access log — how often each key holder read each finding list
/// or trail, first and last time — kept across restarts for the Inspektorat.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
const ACCESS_LOG: &str = "CREATE TABLE access_log (
         region   TEXT   NOT NULL,
         label    TEXT   NOT NULL,
         role     TEXT   NOT NULL,
         what     TEXT   NOT NULL,
         times    BIGINT NOT NULL,
         first_at TEXT   NOT NULL,
         last_at  TEXT   NOT NULL,
         PRIMARY KEY (region, label, role, what)
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
    (3, ACCESS_LOG),
];
