//! How an envelope becomes a row and back: the hashed JSON body kept verbatim with its hash, and
//! the check every read makes (sequence contiguous, hash of the stored bytes, link to the previous
//! event) so that a tampered row is reported at its own sequence number.

use rantai_chain::{Digest256, EventEnvelope, StoreError};

/// One stored event: its sequence number, its SHA-256 (32 bytes) and the exact JSON bytes the
/// hash covers. Nothing else is stored: every other field is inside the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) sequence: u64,
    pub(crate) hash: Vec<u8>,
    pub(crate) body: String,
}

impl Row {
    pub(crate) fn encode(envelope: &EventEnvelope) -> Row {
        Row {
            sequence: envelope.sequence,
            hash: envelope.hash.0.to_vec(),
            body: envelope.hashed_json(),
        }
    }
}

/// Encodes a batch, spreading the JSON serialization over the cores for large batches.
pub(crate) fn encode_rows(batch: &[EventEnvelope]) -> Vec<Row> {
    parallel_map(batch, |_, e| Row::encode(e))
}

/// Maps `f(index, item)` over `items`, on several threads when there are enough of them; the
/// result keeps the input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || items.len() < PARALLEL_FROM {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, t)| f(c * chunk + i, t))
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // A panic in `f` is a bug; surface it on the calling thread.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// A stored 32-byte hash.
pub(crate) fn parse_hash(bytes: &[u8]) -> Option<Digest256> {
    <[u8; 32]>::try_from(bytes).ok().map(Digest256)
}

/// Checks that `batch` (encoded as `rows`) may follow a store at `expected` whose last hash is
/// `head_hash`: contiguous sequence numbers, every link, and every hash over the bytes stored.
pub(crate) fn check_batch(
    expected: u64,
    head_hash: Digest256,
    batch: &[EventEnvelope],
    rows: &[Row],
) -> Result<(), StoreError> {
    let mut prev = head_hash;
    for (i, (e, row)) in batch.iter().zip(rows).enumerate() {
        let want = expected + i as u64;
        let reason = if e.sequence != want {
            Some(format!("event {i} has sequence {}, expected {want}", e.sequence))
        } else if e.prev_hash != prev {
            Some(format!("event {} does not link to the event before it", e.sequence))
        } else if Digest256::of(row.body.as_bytes()) != e.hash {
            Some(format!("event {} does not match its hash", e.sequence))
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(StoreError::InvalidBatch { reason });
        }
        prev = e.hash;
    }
    Ok(())
}

/// Decodes rows read from `from` on, verifying each against the one before (`prev`: the stored
/// hash of event `from − 1`, zeros when `from` is 0), and that none of the `head` events the
/// store claims is missing.
pub(crate) fn decode_rows(
    from: u64,
    prev: Digest256,
    head: u64,
    rows: Vec<Row>,
) -> Result<Vec<EventEnvelope>, StoreError> {
    // Hashing and parsing each row is independent work: spread it over the cores, then check the
    // links in order (cheap). The first error by sequence number is the one reported.
    let mut out = Vec::with_capacity(rows.len());
    let mut prev = prev;
    for (i, result) in decode_parallel(from, &rows).into_iter().enumerate() {
        let envelope = result?;
        if envelope.prev_hash != prev {
            return Err(StoreError::Tampered {
                sequence: from + i as u64,
                reason: "link to the previous event is broken".into(),
            });
        }
        prev = envelope.hash;
        out.push(envelope);
    }
    let end = from + out.len() as u64;
    if end != head {
        let sequence = end.min(head);
        return Err(StoreError::Tampered {
            sequence,
            reason: format!("the store's head is {head} but it holds events up to {end}"),
        });
    }
    Ok(out)
}

/// Verifies and parses one row on its own (sequence, hash over the stored bytes, content).
fn decode_one(want: u64, row: &Row) -> Result<EventEnvelope, StoreError> {
    let tampered = |reason: String| StoreError::Tampered { sequence: want, reason };
    if row.sequence != want {
        return Err(tampered(format!(
            "event {want} is missing (next stored is {})",
            row.sequence
        )));
    }
    let hash = parse_hash(&row.hash).ok_or_else(|| tampered("stored hash is malformed".into()))?;
    if Digest256::of(row.body.as_bytes()) != hash {
        return Err(tampered("stored content does not match its hash".into()));
    }
    // The bytes are the ones hashed: a parse failure now means another build's event shapes.
    let envelope = EventEnvelope::from_hashed_json(&row.body, hash)
        .map_err(|reason| StoreError::Unreadable { sequence: want, reason })?;
    if envelope.sequence != want {
        return Err(tampered(format!("content says sequence {}", envelope.sequence)));
    }
    if i64::from(envelope.schema) > i64::from(rantai_chain::SCHEMA_VERSION) {
        return Err(StoreError::SchemaTooNew {
            found: i64::from(envelope.schema),
            supported: i64::from(rantai_chain::SCHEMA_VERSION),
        });
    }
    Ok(envelope)
}

/// Below this many items, work stays on the calling thread.
const PARALLEL_FROM: usize = 512;

fn decode_parallel(from: u64, rows: &[Row]) -> Vec<Result<EventEnvelope, StoreError>> {
    parallel_map(rows, |i, r| decode_one(from + i as u64, r))
}
