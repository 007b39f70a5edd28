//! PostgreSQL, for regional data centres and many writers: the head of each region is a row
//! updated with the expected version (`UPDATE … WHERE head = $expected`), so concurrent writers
//! serialize on it and a stale one gets a typed conflict; a batch goes in with one `INSERT …
//! SELECT FROM unnest(…)` inside the same transaction.

use postgres::{Client, NoTls};
use rantai_chain::{Digest256, EventEnvelope, EventStore, StoreError};

use crate::codec::{Row, check_batch, decode_rows, encode_rows, parse_hash};
use crate::migrations::{POSTGRES, SCHEMA_VERSION};

fn err(operation: &'static str) -> impl Fn(postgres::Error) -> StoreError {
    move |e| StoreError::Backend {
        backend: "postgres",
        operation,
        message: e.to_string(),
    }
}

/// An arbitrary constant naming rantai's migration lock.
const MIGRATION_LOCK: i64 = 0x7261_6e74_6169; // "rantai"

/// One region's events in a PostgreSQL database.
pub struct PgStore {
    client: Client,
    region: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("region", &self.region).finish()
    }
}

impl PgStore {
    /// Connects (`postgres://user@host:port/db` or `host=… user=… dbname=…`) and migrates the
    /// schema; events are read and written for `region`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the server cannot be reached; [`StoreError::SchemaTooNew`].
    pub fn connect(url: &str, region: &str) -> Result<PgStore, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(err("connect"))?;
        migrate(&mut client)?;
        Ok(PgStore {
            client,
            region: region.to_string(),
        })
    }

    /// The regions this database holds, in order.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`].
    pub fn regions(&mut self) -> Result<Vec<String>, StoreError> {
        let rows = self
            .client
            .query("SELECT region FROM regions ORDER BY region", &[])
            .map_err(err("list regions"))?;
        rows.iter().map(|r| r.try_get(0).map_err(err("list regions"))).collect()
    }

    /// Removes one region's events (for tests that share a database).
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`].
    pub fn drop_region(&mut self) -> Result<(), StoreError> {
        let mut tx = self.client.transaction().map_err(err("drop region"))?;
        tx.execute("DELETE FROM events WHERE region = $1", &[&self.region])
            .map_err(err("drop region"))?;
        tx.execute("DELETE FROM regions WHERE region = $1", &[&self.region])
            .map_err(err("drop region"))?;
        tx.commit().map_err(err("drop region"))
    }
}

impl PgStore {
    /// Stores a new API key.
    pub(crate) fn add_key(&mut self, k: &crate::keys::KeyRecord) -> Result<(), StoreError> {
        self.client
            .execute(
                "INSERT INTO api_keys (hash, region, role, opd, user_login, label, expires, created_at, revoked_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                &[
                    &k.hash,
                    &k.region,
                    &k.role,
                    &k.opd,
                    &k.user,
                    &k.label,
                    &k.expires,
                    &k.created_at,
                    &k.revoked_at,
                ],
            )
            .map(|_| ())
            .map_err(err("add key"))
    }

    /// Adds reads to the access log, in one transaction.
    pub(crate) fn add_reads(&mut self, reads: &[crate::access_log::AccessRecord]) -> Result<(), StoreError> {
        let mut tx = self.client.transaction().map_err(err("add reads"))?;
        for r in reads {
            let count = i64::try_from(r.count).unwrap_or(i64::MAX);
            tx.execute(
                "INSERT INTO access_log (region, label, role, what, times, first_at, last_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (region, label, role, what) DO UPDATE SET
                     times = access_log.times + excluded.times,
                     first_at = LEAST(access_log.first_at, excluded.first_at),
                     last_at = GREATEST(access_log.last_at, excluded.last_at)",
                &[&r.region, &r.label, &r.role, &r.read, &count, &r.first_at, &r.last_at],
            )
            .map_err(err("add reads"))?;
        }
        tx.commit().map_err(err("add reads"))
    }

    /// The access log, in key order.
    pub(crate) fn reads(&mut self) -> Result<Vec<crate::access_log::AccessRecord>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT region, label, role, what, times, first_at, last_at
                 FROM access_log ORDER BY region, label, role, what",
                &[],
            )
            .map_err(err("list reads"))?;
        rows.iter()
            .map(|r| {
                Ok(crate::access_log::AccessRecord {
                    region: r.try_get(0)?,
                    label: r.try_get(1)?,
                    role: r.try_get(2)?,
                    read: r.try_get(3)?,
                    count: u64::try_from(r.try_get::<_, i64>(4)?).unwrap_or(0),
                    first_at: r.try_get(5)?,
                    last_at: r.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>, postgres::Error>>()
            .map_err(err("list reads"))
    }

    /// Every API key, oldest first.
    pub(crate) fn keys(&mut self) -> Result<Vec<crate::keys::KeyRecord>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT hash, region, role, opd, user_login, label, expires, created_at, revoked_at
                 FROM api_keys ORDER BY created_at, hash",
                &[],
            )
            .map_err(err("list keys"))?;
        rows.iter()
            .map(|r| {
                Ok(crate::keys::KeyRecord {
                    hash: r.try_get(0)?,
                    region: r.try_get(1)?,
                    role: r.try_get(2)?,
                    opd: r.try_get(3)?,
                    user: r.try_get(4)?,
                    label: r.try_get(5)?,
                    expires: r.try_get(6)?,
                    created_at: r.try_get(7)?,
                    revoked_at: r.try_get(8)?,
                })
            })
            .collect::<Result<Vec<_>, postgres::Error>>()
            .map_err(err("list keys"))
    }

    /// Revokes the unrevoked key whose hash starts with `id`.
    pub(crate) fn revoke_key(&mut self, id: &str, at: &str) -> Result<bool, StoreError> {
        let pattern = format!("{}%", id.to_ascii_lowercase());
        self.client
            .execute(
                "UPDATE api_keys SET revoked_at = $2 WHERE hash LIKE $1 AND revoked_at IS NULL",
                &[&pattern, &at],
            )
            .map(|n| n > 0)
            .map_err(err("revoke key"))
    }
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction().map_err(err("migrate"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(err("migrate"))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS rantai_schema (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
    )
    .map_err(err("migrate"))?;
    let current: i64 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM rantai_schema", &[])
        .map_err(err("migrate"))?
        .try_get(0)
        .map_err(err("migrate"))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (version, sql) in POSTGRES.iter().filter(|(v, _)| *v > current) {
        tx.batch_execute(sql).map_err(err("migrate"))?;
        tx.execute(
            "INSERT INTO rantai_schema (version, applied_at) VALUES ($1, now())",
            &[version],
        )
        .map_err(err("migrate"))?;
    }
    tx.commit().map_err(err("migrate"))
}

impl EventStore for PgStore {
    fn head(&mut self) -> Result<u64, StoreError> {
        let row = self
            .client
            .query_opt("SELECT head FROM regions WHERE region = $1", &[&self.region])
            .map_err(err("read head"))?;
        row.map_or(Ok(0), |r| r.try_get::<_, i64>(0).map(|h| h as u64))
            .map_err(err("read head"))
    }

    fn append(&mut self, expected: u64, batch: &[EventEnvelope]) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        let rows: Vec<Row> = encode_rows(batch);
        let new_head = (expected + batch.len() as u64) as i64;
        let mut tx = self.client.transaction().map_err(err("begin append"))?;
        // Claim the head: exactly one writer can move it from `expected`.
        let claimed = if expected == 0 {
            tx.execute(
                "INSERT INTO regions (region, head) VALUES ($1, $2) ON CONFLICT (region) DO NOTHING",
                &[&self.region, &new_head],
            )
            .map_err(err("claim head"))?
        } else {
            tx.execute(
                "UPDATE regions SET head = $2 WHERE region = $1 AND head = $3",
                &[&self.region, &new_head, &(expected as i64)],
            )
            .map_err(err("claim head"))?
        };
        if claimed != 1 {
            let actual = tx
                .query_opt("SELECT head FROM regions WHERE region = $1", &[&self.region])
                .map_err(err("read head"))?
                .map_or(Ok(0), |r| r.try_get::<_, i64>(0).map(|h| h as u64))
                .map_err(err("read head"))?;
            return Err(StoreError::Conflict { expected, actual });
        }
        let head_hash = if expected == 0 {
            Digest256::default()
        } else {
            let stored: Vec<u8> = tx
                .query_one(
                    "SELECT hash FROM events WHERE region = $1 AND sequence = $2",
                    &[&self.region, &((expected - 1) as i64)],
                )
                .map_err(err("read head hash"))?
                .try_get(0)
                .map_err(err("read head hash"))?;
            parse_hash(&stored).ok_or_else(|| StoreError::Tampered {
                sequence: expected - 1,
                reason: "stored hash is malformed".into(),
            })?
        };
        check_batch(expected, head_hash, batch, &rows)?;
        let sequences: Vec<i64> = rows.iter().map(|r| r.sequence as i64).collect();
        let hashes: Vec<&[u8]> = rows.iter().map(|r| r.hash.as_slice()).collect();
        let bodies: Vec<&str> = rows.iter().map(|r| r.body.as_str()).collect();
        tx.execute(
            "INSERT INTO events (region, sequence, hash, body)
             SELECT $1, s, h, b FROM unnest($2::bigint[], $3::bytea[], $4::text[]) AS t(s, h, b)",
            &[&self.region, &sequences, &hashes, &bodies],
        )
        .map_err(err("insert events"))?;
        tx.commit().map_err(err("commit append"))
    }

    fn read_from(&mut self, from: u64) -> Result<Vec<EventEnvelope>, StoreError> {
        // One snapshot for the head, the link hash and the rows, so a concurrent append is either
        // wholly visible or not at all.
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(err("begin read"))?;
        let head = tx
            .query_opt("SELECT head FROM regions WHERE region = $1", &[&self.region])
            .map_err(err("read head"))?
            .map_or(Ok(0), |r| r.try_get::<_, i64>(0).map(|h| h as u64))
            .map_err(err("read head"))?;
        let prev = if from == 0 {
            Digest256::default()
        } else {
            let row = tx
                .query_opt(
                    "SELECT hash FROM events WHERE region = $1 AND sequence = $2",
                    &[&self.region, &((from - 1) as i64)],
                )
                .map_err(err("read hash"))?
                .ok_or_else(|| StoreError::Tampered {
                    sequence: from - 1,
                    reason: "event is missing".into(),
                })?;
            parse_hash(row.try_get::<_, &[u8]>(0).map_err(err("read hash"))?).ok_or_else(|| StoreError::Tampered {
                sequence: from - 1,
                reason: "stored hash is malformed".into(),
            })?
        };
        let rows = tx
            .query(
                "SELECT sequence, hash, body FROM events WHERE region = $1 AND sequence >= $2 ORDER BY sequence",
                &[&self.region, &(from as i64)],
            )
            .map_err(err("read events"))?;
        tx.commit().map_err(err("end read"))?;
        let rows = rows
            .into_iter()
            .map(|r| {
                Ok(Row {
                    sequence: r.try_get::<_, i64>(0).map_err(err("read events"))? as u64,
                    hash: r.try_get(1).map_err(err("read events"))?,
                    body: r.try_get(2).map_err(err("read events"))?,
                })
            })
            .collect::<Result<Vec<Row>, StoreError>>()?;
        decode_rows(from, prev, head, rows)
    }
}
