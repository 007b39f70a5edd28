//! How an envelope becomes a row and back: the hashed JSON body kept verbatim with its hash, and
//! the check every read makes (sequence contiguous, hash of the stored bytes, link to the previous
//! event) so that a tampered row is reported at its own sequence number.

use rantai_chain::{Digest256, EventEnvelope, StoreError};

/// One stored event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) sequence: u64,
    pub(crate) aggregate_kind: String,
    pub(crate) aggregate_id: String,
    pub(crate) hash: String,
    pub(crate) body: String,
}

impl Row {
    pub(crate) fn encode(envelope: &EventEnvelope) -> Row {
        Row {
            sequence: envelope.sequence,
            aggregate_kind: envelope.aggregate.kind.as_str().to_string(),
            aggregate_id: envelope.aggregate.id.to_string(),
            hash: envelope.hash.to_string(),
            body: envelope.hashed_json(),
        }
    }
}

/// Parses a 64-hex-digit hash.
pub(crate) fn parse_hash(text: &str) -> Option<Digest256> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, chunk) in text.as_bytes().chunks(2).enumerate() {
        let pair = std::str::from_utf8(chunk).ok()?;
        out[i] = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(Digest256(out))
}

/// Checks that `batch` may follow a store at `expected` whose last hash is `head_hash`.
pub(crate) fn check_batch(expected: u64, head_hash: Digest256, batch: &[EventEnvelope]) -> Result<(), StoreError> {
    let mut prev = head_hash;
    for (i, e) in batch.iter().enumerate() {
        let want = expected + i as u64;
        let reason = if e.sequence != want {
            Some(format!("event {i} has sequence {}, expected {want}", e.sequence))
        } else if e.prev_hash != prev {
            Some(format!("event {} does not link to the event before it", e.sequence))
        } else if e.compute_hash() != e.hash {
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
    let mut out = Vec::with_capacity(rows.len());
    let mut prev = prev;
    for (i, row) in rows.into_iter().enumerate() {
        let want = from + i as u64;
        let tampered = |reason: String| StoreError::Tampered { sequence: want, reason };
        if row.sequence != want {
            return Err(tampered(format!(
                "event {want} is missing (next stored is {})",
                row.sequence
            )));
        }
        let hash = parse_hash(&row.hash).ok_or_else(|| tampered("stored hash is malformed".into()))?;
        let envelope = EventEnvelope::from_hashed_json(&row.body, hash).map_err(tampered)?;
        if envelope.sequence != want {
            return Err(tampered(format!("content says sequence {}", envelope.sequence)));
        }
        if envelope.prev_hash != prev {
            return Err(tampered("link to the previous event is broken".into()));
        }
        prev = hash;
        out.push(envelope);
    }
    let end = from + out.len() as u64;
    if end < head {
        return Err(StoreError::Tampered {
            sequence: end,
            reason: format!("the store's head is {head} but event {end} is missing"),
        });
    }
    Ok(out)
}
