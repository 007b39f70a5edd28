//! The event-store interface the chain persists through: append a batch atomically at an
//! expected version, read back verified, and the errors a store can give. Implementations live in
//! `rantai-store` (SQLite, PostgreSQL); the chain only knows this trait.

use thiserror::Error;

use crate::log::EventEnvelope;

/// Why a store refused or failed an operation.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another writer appended first: the store's head is not the expected version. Nothing was
    /// written; reload and retry.
    #[error("version conflict: expected head {expected}, store is at {actual}")]
    Conflict {
        /// The head the writer expected.
        expected: u64,
        /// The head the store has.
        actual: u64,
    },
    /// The stored history does not verify: a byte was changed, a row removed or reordered.
    #[error("store tampered at sequence {sequence}: {reason}")]
    Tampered {
        /// The first bad sequence number.
        sequence: u64,
        /// What does not match.
        reason: String,
    },
    /// A stored event hashes correctly but this build cannot read it: it was written by another
    /// version of rantai whose event shapes differ.
    #[error("event {sequence} was written by another version of rantai and cannot be read: {reason}")]
    Unreadable {
        /// The sequence number.
        sequence: u64,
        /// The parser's message.
        reason: String,
    },
    /// The batch itself is malformed (gap in sequence numbers, broken links).
    #[error("invalid batch: {reason}")]
    InvalidBatch {
        /// What is wrong.
        reason: String,
    },
    /// The database schema is newer than this build understands.
    #[error("database schema version {found} is newer than the {supported} this build supports")]
    SchemaTooNew {
        /// Version found.
        found: i64,
        /// Highest version supported.
        supported: i64,
    },
    /// The database failed.
    #[error("{backend} {operation} failed: {message}")]
    Backend {
        /// `sqlite` or `postgres`.
        backend: &'static str,
        /// What was being done.
        operation: &'static str,
        /// The driver's message.
        message: String,
    },
}

/// An append-only store of one region's event envelopes.
///
/// `append` is atomic: either the whole batch is stored with the sequence numbers it carries, or
/// nothing is. `expected` is optimistic concurrency: the number of events the writer believes the
/// store holds; any other head is a [`StoreError::Conflict`]. A store is `Send`, so a server can
/// hold a region's store behind a lock.
pub trait EventStore: Send {
    /// Number of events stored (the next sequence number).
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`].
    fn head(&mut self) -> Result<u64, StoreError>;

    /// Appends `batch` (sequence numbers `expected..expected + len`) if the head is `expected`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] for a stale writer, [`StoreError::InvalidBatch`] for a batch
    /// whose sequence numbers or links do not follow, [`StoreError::Backend`].
    fn append(&mut self, expected: u64, batch: &[EventEnvelope]) -> Result<(), StoreError>;

    /// Reads the events from sequence `from` on, checking every hash and link on the way
    /// (including the link to the event before `from`).
    ///
    /// # Errors
    ///
    /// [`StoreError::Tampered`] naming the first bad sequence number, [`StoreError::Backend`].
    fn read_from(&mut self, from: u64) -> Result<Vec<EventEnvelope>, StoreError>;
}

impl<T: EventStore + ?Sized> EventStore for Box<T> {
    fn head(&mut self) -> Result<u64, StoreError> {
        (**self).head()
    }
    fn append(&mut self, expected: u64, batch: &[EventEnvelope]) -> Result<(), StoreError> {
        (**self).append(expected, batch)
    }
    fn read_from(&mut self, from: u64) -> Result<Vec<EventEnvelope>, StoreError> {
        (**self).read_from(from)
    }
}
