//! [`Loader`]: many commands and facts into one chain, as a bulk import or a generator sends
//! them. Each input is decided and applied exactly as [`Chain::execute`] and [`Chain::record`]
//! do; sealing its envelope (the JSON and SHA-256 the hash chain covers) runs on a second thread
//! meanwhile, so a load costs about the larger of the two instead of their sum.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use rantai_core::{ActorId, Provenance, Rulebook};

use crate::chain::Chain;
use crate::command::Command;
use crate::decide::Decision;
use crate::error::ChainError;
use crate::event::Event;
use crate::log::{Digest256, EnvelopeMeta, EventEnvelope, seal_after};
use crate::state::RegionState;

/// Inputs handed to the sealing thread at a time.
const BATCH: usize = 128;

type Pending = Vec<(EnvelopeMeta, Event)>;

/// A bulk load into a chain. The chain's state advances with every accepted input; its log
/// receives the sealed envelopes, in order, when the loader finishes (or is dropped). A refused
/// input changes nothing, and the inputs accepted before it stay.
///
/// # Example
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use rantai_chain::{Chain, FixedClock};
/// # use rantai_core::{GovLevel, Grant, RegionProfile, Role, Rulebook, Scope};
/// use rantai_chain::Command;
/// use rantai_core::{Actor, ActorId};
///
/// # let at = Utc.with_ymd_and_hms(2025, 1, 2, 8, 0, 0).unwrap();
/// # let bupati = Actor::new(ActorId::from_u128(1), "Bupati").with_grant(Grant { role: Role::KepalaDaerah, scope: Scope::Region });
/// # let profile = RegionProfile { name: "Kab. Contoh".into(), kd_klpd: "D998".into(), level: GovLevel::KabupatenKota };
/// let mut chain = Chain::found(profile, Rulebook::standard().clone(), Box::new(FixedClock(at)), bupati, at)?;
/// let before = chain.log().len();
/// let mut loader = chain.loader();
/// for n in 0..3u128 {
///     let actor = Actor::new(ActorId::from_u128(9_000 + n), format!("Tamu {n}"));
///     loader.execute(ActorId::from_u128(1), at, Command::RegisterActor { actor })?;
/// }
/// assert_eq!(loader.finish()?, 3);
/// assert_eq!(chain.log().len(), before + 3);
/// chain.verify()?;
/// # Ok::<(), rantai_chain::ChainError>(())
/// ```
pub struct Loader<'c> {
    chain: &'c mut Chain,
    pending: Pending,
    /// Inputs accepted so far.
    accepted: usize,
    sealer: Option<(SyncSender<Pending>, JoinHandle<Vec<EventEnvelope>>)>,
}

impl std::fmt::Debug for Loader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader").field("accepted", &self.accepted).finish()
    }
}

/// Seals the envelopes after `prev_hash`, from `sequence` on, as they arrive.
fn seal_all(mut sequence: u64, mut prev_hash: Digest256, inbox: &Receiver<Pending>) -> Vec<EventEnvelope> {
    let mut out = Vec::new();
    for batch in inbox {
        for (meta, event) in batch {
            let envelope = seal_after(sequence, prev_hash, meta, event);
            prev_hash = envelope.hash;
            sequence += 1;
            out.push(envelope);
        }
    }
    out
}

impl Chain {
    /// A bulk loader into this chain; see [`Loader`].
    pub fn loader(&mut self) -> Loader<'_> {
        let sequence = self.log().len() as u64;
        let head = self.log().head_hash();
        let (outbox, inbox) = sync_channel::<Pending>(16);
        // Without a second thread, the loader seals on this one when it finishes.
        let sealer = std::thread::Builder::new()
            .name("rantai-sealer".into())
            .spawn(move || seal_all(sequence, head, &inbox))
            .ok()
            .map(|handle| (outbox, handle));
        Loader {
            chain: self,
            pending: Vec::with_capacity(BATCH),
            accepted: 0,
            sealer,
        }
    }
}

impl Loader<'_> {
    /// Executes a command, as [`Chain::execute`] does.
    ///
    /// # Errors
    ///
    /// As [`Chain::execute`]; the chain is unchanged by a refused command.
    pub fn execute(&mut self, actor: ActorId, occurred_at: DateTime<Utc>, command: Command) -> Result<(), ChainError> {
        let decision = self.chain.decide_command(actor, &command)?;
        let provenance = Provenance::Command {
            command: command.name().into(),
        };
        self.accept(decision, actor, occurred_at, provenance)
    }

    /// Records a fact, as [`Chain::record`] does.
    ///
    /// # Errors
    ///
    /// As [`Chain::record`].
    pub fn record(
        &mut self,
        provenance: Provenance,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        fact: Command,
    ) -> Result<(), ChainError> {
        let decision = self.chain.decide_fact(actor, &fact)?;
        self.accept(decision, actor, occurred_at, provenance)
    }

    /// The chain's rulebook.
    pub fn rulebook(&self) -> &Rulebook {
        self.chain.rulebook()
    }

    /// The chain's state, with every accepted input applied.
    pub fn state(&self) -> &RegionState {
        self.chain.state()
    }

    fn accept(
        &mut self,
        decision: Decision,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        provenance: Provenance,
    ) -> Result<(), ChainError> {
        let sequence = (self.chain.log().len() + self.accepted) as u64;
        self.chain.apply_event(&decision.event, sequence)?;
        let meta = self.chain.meta(decision.aggregate, actor, occurred_at, provenance);
        self.pending.push((meta, decision.event));
        self.accepted += 1;
        if self.pending.len() >= BATCH
            && let Some((outbox, _)) = &self.sealer
        {
            let batch = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
            // A closed inbox means the sealer died; what it did not take is sealed at the end.
            if let Err(returned) = outbox.send(batch) {
                self.pending = returned.0;
            }
        }
        Ok(())
    }

    /// Seals what is left, appends every envelope to the log, and says how many inputs were
    /// accepted.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] if an envelope does not follow the log — a defect, since only
    /// this loader appends while it lives; [`ChainError::Replay`] if the sealing thread died
    /// (the chain's state then holds events its log lacks: discard the chain).
    pub fn finish(mut self) -> Result<usize, ChainError> {
        self.drain()?;
        Ok(self.accepted)
    }

    fn drain(&mut self) -> Result<(), ChainError> {
        let sealed = match self.sealer.take() {
            Some((outbox, handle)) => {
                // The last, partial batch goes to the sealer too, so the log grows once.
                if !self.pending.is_empty()
                    && let Err(returned) = outbox.send(std::mem::take(&mut self.pending))
                {
                    self.pending = returned.0;
                }
                drop(outbox);
                handle.join().map_err(|_| ChainError::Replay {
                    sequence: self.chain.log().len() as u64,
                    reason: "the sealing thread stopped; the events it held were not logged".into(),
                })?
            }
            None => Vec::new(),
        };
        let log = self.chain.log_mut();
        log.append_sealed(sealed)?;
        // Whatever the sealer did not take (none, unless it could not start) is sealed here.
        for (meta, event) in std::mem::take(&mut self.pending) {
            let envelope = log.seal(meta, event);
            log.push_checked(envelope)?;
        }
        Ok(())
    }
}

impl Drop for Loader<'_> {
    fn drop(&mut self) {
        // The state already holds every accepted input: their envelopes must reach the log.
        let _ = self.drain();
    }
}
