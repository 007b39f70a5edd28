//! The append-only event log: each envelope carries sequence, aggregate, actor, occurred-at,
//! recorded-at, provenance and a SHA-256 hash chained to the previous envelope, so any later edit
//! of history is detected by [`EventLog::verify`].

use std::fmt;

use chrono::{DateTime, Utc};
use rantai_core::{ActorId, Provenance};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::ChainError;
use crate::event::Event;

/// Version of the envelope and event shapes written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// A SHA-256 digest, written as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Digest256(pub [u8; 32]);

impl fmt::Display for Digest256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Digest256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest256({self})")
    }
}

impl Serialize for Digest256 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest256 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return Err(serde::de::Error::custom(format!(
                "hash must be 64 hex digits, got {}",
                bytes.len()
            )));
        }
        let mut out = [0u8; 32];
        for (i, pair) in bytes.chunks(2).enumerate() {
            let hex = std::str::from_utf8(pair).map_err(serde::de::Error::custom)?;
            out[i] = u8::from_str_radix(hex, 16).map_err(serde::de::Error::custom)?;
        }
        Ok(Digest256(out))
    }
}

/// What kind of aggregate an event belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregateKind {
    /// The region itself.
    Region,
    /// An organisation.
    Organisation,
    /// An actor.
    Actor,
    /// A sub-kegiatan.
    SubKegiatan,
    /// A RUP package.
    Package,
    /// A procurement.
    Procurement,
    /// A contract.
    Contract,
    /// A DPA line.
    DpaLine,
    /// A contract's progress reports.
    Progress,
}

/// The aggregate an event belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AggregateRef {
    /// Kind.
    pub kind: AggregateKind,
    /// Id.
    pub id: Uuid,
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEnvelope {
    /// Position in the log, from 0.
    pub sequence: u64,
    /// Version of the shapes that wrote it.
    pub schema: u32,
    /// The aggregate.
    pub aggregate: AggregateRef,
    /// Who acted (or the importer, for recorded facts).
    pub actor: ActorId,
    /// When it happened in the world.
    pub occurred_at: DateTime<Utc>,
    /// When the chain recorded it.
    pub recorded_at: DateTime<Utc>,
    /// Command or import, with source.
    pub provenance: Provenance,
    /// The event.
    pub payload: Event,
    /// Hash of the previous envelope (zeros for the first).
    pub prev_hash: Digest256,
    /// Hash of this envelope's fields and `prev_hash`.
    pub hash: Digest256,
}

#[derive(Serialize)]
struct Hashed<'a> {
    sequence: u64,
    schema: u32,
    aggregate: &'a AggregateRef,
    actor: &'a ActorId,
    occurred_at: &'a DateTime<Utc>,
    recorded_at: &'a DateTime<Utc>,
    provenance: &'a Provenance,
    payload: &'a Event,
    prev_hash: &'a Digest256,
}

impl EventEnvelope {
    /// The hash this envelope's content should have.
    pub fn compute_hash(&self) -> Digest256 {
        let hashed = Hashed {
            sequence: self.sequence,
            schema: self.schema,
            aggregate: &self.aggregate,
            actor: &self.actor,
            occurred_at: &self.occurred_at,
            recorded_at: &self.recorded_at,
            provenance: &self.provenance,
            payload: &self.payload,
            prev_hash: &self.prev_hash,
        };
        let mut hasher = Sha256::new();
        // Serializing plain structs and enums to JSON cannot fail; an empty digest input would
        // still be caught by verify() as a mismatch.
        let bytes = serde_json::to_vec(&hashed).unwrap_or_default();
        hasher.update(&bytes);
        Digest256(hasher.finalize().into())
    }
}

/// The append-only, hash-chained log of one region.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventLog {
    entries: Vec<EventEnvelope>,
}

/// What an append needs besides the event.
#[derive(Clone, Debug)]
pub struct EnvelopeMeta {
    /// The aggregate.
    pub aggregate: AggregateRef,
    /// Who acted.
    pub actor: ActorId,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// When recorded.
    pub recorded_at: DateTime<Utc>,
    /// Command or import.
    pub provenance: Provenance,
}

impl EventLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// A log from stored envelopes, verified.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] naming the first bad sequence number.
    pub fn from_entries(entries: Vec<EventEnvelope>) -> Result<Self, ChainError> {
        let log = EventLog { entries };
        log.verify()?;
        Ok(log)
    }

    /// Appends an event, chaining its hash; returns the new envelope.
    pub fn append(&mut self, meta: EnvelopeMeta, payload: Event) -> &EventEnvelope {
        let prev_hash = self.entries.last().map(|e| e.hash).unwrap_or_default();
        let mut envelope = EventEnvelope {
            sequence: self.entries.len() as u64,
            schema: SCHEMA_VERSION,
            aggregate: meta.aggregate,
            actor: meta.actor,
            occurred_at: meta.occurred_at,
            recorded_at: meta.recorded_at,
            provenance: meta.provenance,
            payload,
            prev_hash,
            hash: Digest256::default(),
        };
        envelope.hash = envelope.compute_hash();
        self.entries.push(envelope);
        let last = self.entries.len() - 1;
        &self.entries[last]
    }

    /// Checks every sequence number, link and hash.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] at the first envelope that does not match.
    pub fn verify(&self) -> Result<(), ChainError> {
        let mut prev = Digest256::default();
        for (i, e) in self.entries.iter().enumerate() {
            let expected_seq = i as u64;
            let tampered = |reason: String| ChainError::Tampered {
                sequence: expected_seq,
                reason,
            };
            if e.sequence != expected_seq {
                return Err(tampered(format!("sequence number is {}", e.sequence)));
            }
            if e.prev_hash != prev {
                return Err(tampered("link to the previous envelope is broken".into()));
            }
            if e.compute_hash() != e.hash {
                return Err(tampered("content does not match its hash".into()));
            }
            prev = e.hash;
        }
        Ok(())
    }

    /// The envelopes, in order.
    pub fn entries(&self) -> &[EventEnvelope] {
        &self.entries
    }

    /// Number of envelopes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
