//! `DurableChain`: a chain whose every event is in an [`EventStore`] before it is in memory.
//! A command is decided and sealed, appended to the store at the expected version, and only then
//! applied — so a refused command, a failed write or a stale writer changes nothing.

use chrono::{DateTime, Utc};
use rantai_core::{Actor, ActorId, Provenance, RegionProfile, Rulebook};

use crate::chain::Chain;
use crate::clock::Clock;
use crate::command::Command;
use crate::error::ChainError;
use crate::log::EventEnvelope;
use crate::store::{EventStore, StoreError};

/// A chain persisted through an event store.
pub struct DurableChain<S: EventStore> {
    chain: Chain,
    store: S,
}

impl<S: EventStore> std::fmt::Debug for DurableChain<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DurableChain").field("chain", &self.chain).finish()
    }
}

impl<S: EventStore> DurableChain<S> {
    /// Founds a region in an empty store.
    ///
    /// # Errors
    ///
    /// [`ChainError::Store`] when the store is not empty or fails; the errors of [`Chain::found`].
    pub fn found(
        mut store: S,
        profile: RegionProfile,
        rulebook: Rulebook,
        clock: Box<dyn Clock>,
        founder: Actor,
        at: DateTime<Utc>,
    ) -> Result<Self, ChainError> {
        let chain = Chain::found(profile, rulebook, clock, founder, at)?;
        store.append(0, chain.log().entries())?;
        Ok(DurableChain { chain, store })
    }

    /// Stores an in-memory chain (for example one built by an importer) in an empty store.
    ///
    /// # Errors
    ///
    /// [`ChainError::Store`] when the store is not empty or fails.
    pub fn persist(chain: Chain, mut store: S) -> Result<Self, ChainError> {
        store.append(0, chain.log().entries())?;
        Ok(DurableChain { chain, store })
    }

    /// Opens a stored region: reads every event (the store verifies the hash chain and refuses a
    /// tampered history), then replays them.
    ///
    /// # Errors
    ///
    /// [`ChainError::Store`] with [`StoreError::Tampered`] naming the first bad sequence number;
    /// [`ChainError::Replay`] when an event cannot apply.
    pub fn open(mut store: S, rulebook: Rulebook, clock: Box<dyn Clock>) -> Result<Self, ChainError> {
        let entries = store.read_from(0)?;
        let chain = Chain::replay_verified(entries, rulebook, clock)?;
        Ok(DurableChain { chain, store })
    }

    /// Executes a command (see [`Chain::execute`]) and persists its event first.
    ///
    /// # Errors
    ///
    /// The command's refusal, or [`ChainError::Store`] (a [`StoreError::Conflict`] when another
    /// writer appended first — call [`DurableChain::refresh`] and retry).
    pub fn execute(
        &mut self,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        command: Command,
    ) -> Result<&EventEnvelope, ChainError> {
        let sealed = self.chain.prepare_command(actor, occurred_at, &command)?;
        self.store.append(sealed.sequence, std::slice::from_ref(&sealed))?;
        self.chain.commit_sealed(sealed)
    }

    /// Records a fact (see [`Chain::record`]) and persists its event first.
    ///
    /// # Errors
    ///
    /// As [`DurableChain::execute`].
    pub fn record(
        &mut self,
        provenance: Provenance,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        fact: Command,
    ) -> Result<&EventEnvelope, ChainError> {
        let sealed = self.chain.prepare_fact(provenance, actor, occurred_at, &fact)?;
        self.store.append(sealed.sequence, std::slice::from_ref(&sealed))?;
        self.chain.commit_sealed(sealed)
    }

    /// Starts (or moves) live monitoring as of a day (see [`Chain::watch`]).
    pub fn watch(&mut self, as_of: chrono::NaiveDate) {
        self.chain.watch(as_of);
    }

    /// The findings that appeared or cleared since the last call (see [`Chain::take_changes`]).
    pub fn take_changes(&mut self) -> Vec<rantai_engine::FindingChange> {
        self.chain.take_changes()
    }

    /// Reads and applies the events other writers appended since this chain last saw the store.
    ///
    /// # Errors
    ///
    /// [`ChainError::Store`] for a tampered or failing store; [`ChainError::Replay`].
    pub fn refresh(&mut self) -> Result<usize, ChainError> {
        let from = self.chain.log().len() as u64;
        let newer = self.store.read_from(from)?;
        let n = newer.len();
        for envelope in newer {
            self.chain.commit_sealed(envelope)?;
        }
        Ok(n)
    }

    /// The chain.
    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    /// The chain, releasing the store.
    pub fn into_chain(self) -> Chain {
        self.chain
    }

    /// The store.
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// Checks that the store holds exactly this chain's history: it verifies on read, and every
    /// stored hash equals the hash of the event in memory. Returns the number of events.
    ///
    /// # Errors
    ///
    /// [`ChainError::Store`] with [`StoreError::Tampered`] at the first bad sequence, or
    /// [`StoreError::Conflict`] when the store holds more or fewer events than this chain.
    pub fn verify_store(&mut self) -> Result<u64, ChainError> {
        let stored = self.store.read_from(0)?;
        let mine = self.chain.log().entries();
        if let Some((i, _)) = stored.iter().zip(mine).enumerate().find(|(_, (s, m))| s.hash != m.hash) {
            return Err(ChainError::Store(StoreError::Tampered {
                sequence: i as u64,
                reason: "the stored event differs from the one in memory".into(),
            }));
        }
        if stored.len() != mine.len() {
            return Err(ChainError::Store(StoreError::Conflict {
                expected: mine.len() as u64,
                actual: stored.len() as u64,
            }));
        }
        Ok(stored.len() as u64)
    }
}
