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

impl Digest256 {
    /// The 64 lowercase hex digits.
    pub fn to_hex(&self) -> [u8; 64] {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (i, b) in self.0.iter().enumerate() {
            out[2 * i] = HEX[usize::from(b >> 4)];
            out[2 * i + 1] = HEX[usize::from(b & 0x0f)];
        }
        out
    }

    /// Parses 64 hex digits (either case).
    pub fn from_hex(text: &str) -> Option<Digest256> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let nibble = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        };
        let mut out = [0u8; 32];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            out[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Some(Digest256(out))
    }
}

impl fmt::Display for Digest256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.to_hex();
        // The digits are ASCII by construction.
        f.write_str(std::str::from_utf8(&hex).unwrap_or_default())
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
    /// A program.
    Program,
    /// A kegiatan.
    Kegiatan,
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
    /// A payment request (SPP → SPM → SP2D, or a TU advance).
    Payment,
}

impl AggregateKind {
    /// The snake-case name, as in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            AggregateKind::Region => "region",
            AggregateKind::Organisation => "organisation",
            AggregateKind::Actor => "actor",
            AggregateKind::Program => "program",
            AggregateKind::Kegiatan => "kegiatan",
            AggregateKind::SubKegiatan => "sub_kegiatan",
            AggregateKind::Package => "package",
            AggregateKind::Procurement => "procurement",
            AggregateKind::Contract => "contract",
            AggregateKind::DpaLine => "dpa_line",
            AggregateKind::Progress => "progress",
            AggregateKind::Payment => "payment",
        }
    }
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

impl Digest256 {
    /// The SHA-256 digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest256 {
        let mut hasher = Sha256::new();
        hasher.update(bytes);
        Digest256(hasher.finalize().into())
    }
}

/// The hashed fields of an envelope, owned, as read back from a store.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HashedOwned {
    sequence: u64,
    schema: u32,
    aggregate: AggregateRef,
    actor: ActorId,
    occurred_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    provenance: Provenance,
    payload: Event,
    prev_hash: Digest256,
}

impl EventEnvelope {
    /// The exact bytes the hash covers: the JSON of every field but `hash`. Stores keep these
    /// bytes verbatim, so verifying a stored event is one SHA-256 over what is on disk.
    pub fn hashed_json(&self) -> String {
        // Plain structs and enums with string keys always serialize.
        serde_json::to_string(&self.hashed()).unwrap_or_default()
    }

    /// The fields the hash covers.
    fn hashed(&self) -> Hashed<'_> {
        Hashed {
            sequence: self.sequence,
            schema: self.schema,
            aggregate: &self.aggregate,
            actor: &self.actor,
            occurred_at: &self.occurred_at,
            recorded_at: &self.recorded_at,
            provenance: &self.provenance,
            payload: &self.payload,
            prev_hash: &self.prev_hash,
        }
    }

    /// Rebuilds an envelope from stored bytes (as written by [`EventEnvelope::hashed_json`]) and
    /// its stored hash, checking that the bytes hash to it.
    ///
    /// # Errors
    ///
    /// A description of the mismatch or parse error.
    pub fn from_hashed_json(body: &str, hash: Digest256) -> Result<EventEnvelope, String> {
        if Digest256::of(body.as_bytes()) != hash {
            return Err("stored content does not match its hash".into());
        }
        let h: HashedOwned =
            serde_json::from_str(body).map_err(|e| format!("stored content is not an envelope: {e}"))?;
        Ok(EventEnvelope {
            sequence: h.sequence,
            schema: h.schema,
            aggregate: h.aggregate,
            actor: h.actor,
            occurred_at: h.occurred_at,
            recorded_at: h.recorded_at,
            provenance: h.provenance,
            payload: h.payload,
            prev_hash: h.prev_hash,
            hash,
        })
    }

    /// The hash this envelope's content should have.
    pub fn compute_hash(&self) -> Digest256 {
        thread_local! {
            /// The bytes of the last envelope hashed on this thread, kept to reuse the allocation.
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            // The same bytes as `hashed_json` (empty should serialising fail, as there), without
            // a new string per envelope.
            if serde_json::to_writer(&mut *buffer, &self.hashed()).is_err() {
                buffer.clear();
            }
            Digest256::of(buffer)
        })
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

    /// A log from envelopes a store has already verified (hashes over the stored bytes, links).
    pub(crate) fn trusted(entries: Vec<EventEnvelope>) -> Self {
        EventLog { entries }
    }

    /// Appends an event, chaining its hash; returns the new envelope.
    pub fn append(&mut self, meta: EnvelopeMeta, payload: Event) -> &EventEnvelope {
        let envelope = self.seal(meta, payload);
        self.entries.push(envelope);
        let last = self.entries.len() - 1;
        &self.entries[last]
    }

    /// The envelope the next event would get, without appending it.
    pub fn seal(&self, meta: EnvelopeMeta, payload: Event) -> EventEnvelope {
        seal_after(self.entries.len() as u64, self.head_hash(), meta, payload)
    }

    /// Appends an envelope sealed by [`EventLog::seal`] on this log.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] when it does not follow the log (sequence, link or hash).
    pub fn push_sealed(&mut self, envelope: EventEnvelope) -> Result<&EventEnvelope, ChainError> {
        self.check_next(&envelope)?;
        self.push_checked(envelope)
    }

    /// Appends envelopes sealed after this log's head, in order, checking each one's sequence
    /// and link; on a bad one nothing is appended.
    pub(crate) fn append_sealed(&mut self, mut sealed: Vec<EventEnvelope>) -> Result<(), ChainError> {
        let mut head = self.head_hash();
        for (n, envelope) in sealed.iter().enumerate() {
            let expected = (self.entries.len() + n) as u64;
            if envelope.sequence != expected || envelope.prev_hash != head {
                return Err(ChainError::Tampered {
                    sequence: envelope.sequence,
                    reason: format!("does not follow sequence {} of the log", expected.saturating_sub(1)),
                });
            }
            head = envelope.hash;
        }
        self.entries.append(&mut sealed);
        Ok(())
    }

    /// Appends an envelope that [`EventLog::check_next`] accepted.
    pub(crate) fn push_checked(&mut self, envelope: EventEnvelope) -> Result<&EventEnvelope, ChainError> {
        self.entries.push(envelope);
        let last = self.entries.len() - 1;
        Ok(&self.entries[last])
    }

    /// Whether `envelope` can follow this log: its sequence, its link and its hash.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] naming what does not follow.
    pub fn check_next(&self, envelope: &EventEnvelope) -> Result<(), ChainError> {
        self.check_link(envelope)?;
        if envelope.compute_hash() != envelope.hash {
            return Err(ChainError::Tampered {
                sequence: envelope.sequence,
                reason: "content does not match its hash".to_string(),
            });
        }
        Ok(())
    }

    /// Whether `envelope` follows this log by sequence and link, for an envelope whose hash is
    /// already known good: sealed by [`EventLog::seal`] on this log, or read from a store that
    /// verified its bytes. Serializing and hashing it again would only repeat that work.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] naming what does not follow.
    pub(crate) fn check_link(&self, envelope: &EventEnvelope) -> Result<(), ChainError> {
        let expected = self.entries.len() as u64;
        let reason = if envelope.sequence != expected {
            Some(format!("sequence {} does not follow {}", envelope.sequence, expected))
        } else if envelope.prev_hash != self.head_hash() {
            Some("link to the previous envelope is broken".to_string())
        } else {
            None
        };
        match reason {
            Some(reason) => Err(ChainError::Tampered {
                sequence: envelope.sequence,
                reason,
            }),
            None => Ok(()),
        }
    }

    /// The hash of the last envelope (zeros when empty).
    pub fn head_hash(&self) -> Digest256 {
        self.entries.last().map(|e| e.hash).unwrap_or_default()
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

/// The envelope of event `sequence` whose predecessor hashed to `prev_hash`.
pub(crate) fn seal_after(sequence: u64, prev_hash: Digest256, meta: EnvelopeMeta, payload: Event) -> EventEnvelope {
    let mut envelope = EventEnvelope {
        sequence,
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
    envelope
}
