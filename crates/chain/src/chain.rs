//! `Chain`: one region's state, its hash-chained log and its rulebook, with the two ways in —
//! [`Chain::execute`] for commands and [`Chain::record`] for facts — and replay.

use chrono::{DateTime, NaiveDate, Utc};
use rantai_core::{Actor, ActorId, Finding, Mode, Provenance, RegionProfile, Role, Rulebook};
use rantai_engine::{FindingChange, Monitor, RegionSummary, evaluate, summarize};

use crate::clock::Clock;
use crate::command::Command;
use crate::decide::decide;
use crate::error::ChainError;
use crate::event::{Event, RegionEvent};
use crate::impact::{Touched, touched};
use crate::log::{AggregateKind, AggregateRef, EnvelopeMeta, EventEnvelope, EventLog};
use crate::state::RegionState;

/// One region's connected chain.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use rantai_chain::{Chain, Command, FixedClock};
/// use rantai_core::*;
///
/// let at = Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap();
/// let bupati = Actor::new(ActorId::from_u128(1), "Bupati").with_grant(Grant { role: Role::KepalaDaerah, scope: Scope::Region });
/// let profile = RegionProfile { name: "Kab. Contoh".into(), kd_klpd: "D999".into(), level: GovLevel::KabupatenKota };
/// let mut chain = Chain::found(profile, Rulebook::standard().clone(), Box::new(FixedClock(at)), bupati, at)?;
/// let dinas = Organisation::new(OrganisationId::from_u128(1), "1.03.0.00.0.00.01.0000".parse()?, "Dinas PUPR");
/// chain.execute(ActorId::from_u128(1), at, Command::RegisterOrganisation { organisation: dinas })?;
///
/// // An actor without the role is refused, and nothing changes.
/// let err = chain.execute(ActorId::from_u128(2), at, Command::RegisterActor { actor: Actor::new(ActorId::from_u128(2), "x") });
/// assert!(err.is_err());
/// assert_eq!(chain.log().len(), 2);
/// chain.verify()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Chain {
    state: RegionState,
    log: EventLog,
    rulebook: Rulebook,
    clock: Box<dyn Clock>,
    /// Live outcomes, kept up to date event by event once [`Chain::watch`] is called.
    monitor: Option<Monitor>,
    /// Findings that appeared or cleared in the monitor since [`Chain::take_changes`]; kept only
    /// from its first call on, so a chain nobody asks keeps none.
    changes: Option<Vec<FindingChange>>,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chain")
            .field("region", &self.state.profile())
            .field("events", &self.log.len())
            .field("rulebook", &self.rulebook.version())
            .finish()
    }
}

impl Chain {
    /// Starts the chain of a region. The founder must hold Kepala Daerah authority (they appoint
    /// everyone else).
    ///
    /// # Errors
    ///
    /// [`ChainError::Unauthorized`] when the founder lacks that role.
    pub fn found(
        profile: RegionProfile,
        rulebook: Rulebook,
        clock: Box<dyn Clock>,
        founder: Actor,
        at: DateTime<Utc>,
    ) -> Result<Chain, ChainError> {
        if !founder.holds(Role::KepalaDaerah, None) {
            return Err(ChainError::Unauthorized {
                actor: founder.id(),
                command: "FoundRegion",
                required: vec![Role::KepalaDaerah],
                organisation: None,
            });
        }
        let mut chain = Chain {
            state: RegionState::empty(),
            log: EventLog::new(),
            rulebook,
            clock,
            monitor: None,
            changes: None,
        };
        let id = founder.id();
        let event = Event::Region(RegionEvent::RegionFounded { profile, founder });
        chain.commit(
            AggregateRef {
                kind: AggregateKind::Region,
                id: uuid::Uuid::nil(),
            },
            id,
            at,
            Provenance::Command {
                command: "FoundRegion".into(),
            },
            event,
        )?;
        Ok(chain)
    }

    /// Rebuilds a chain from stored envelopes: verifies the hash chain, then folds every event.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] at the first bad envelope; [`ChainError::Replay`] when an event
    /// cannot apply.
    pub fn replay(entries: Vec<EventEnvelope>, rulebook: Rulebook, clock: Box<dyn Clock>) -> Result<Chain, ChainError> {
        Self::fold_log(EventLog::from_entries(entries)?, rulebook, clock)
    }

    /// Rebuilds a chain from envelopes an [`crate::EventStore`] has verified on read.
    pub(crate) fn replay_verified(
        entries: Vec<EventEnvelope>,
        rulebook: Rulebook,
        clock: Box<dyn Clock>,
    ) -> Result<Chain, ChainError> {
        Self::fold_log(EventLog::trusted(entries), rulebook, clock)
    }

    fn fold_log(log: EventLog, rulebook: Rulebook, clock: Box<dyn Clock>) -> Result<Chain, ChainError> {
        let mut state = RegionState::empty();
        for e in log.entries() {
            state.apply_replayed(&e.payload).map_err(|err| ChainError::Replay {
                sequence: e.sequence,
                reason: err.to_string(),
            })?;
        }
        Ok(Chain {
            state,
            log,
            rulebook,
            clock,
            monitor: None,
            changes: None,
        })
    }

    /// Executes a command from a live system: the actor's role is checked, and a rule whose
    /// enforcement is `Reject` refuses it. A refused command leaves the chain untouched.
    ///
    /// # Errors
    ///
    /// Any [`ChainError`]: unknown actor or subject, missing role, a transition out of order, a
    /// violated rule (with its id, values and citation in the rulebook).
    pub fn execute(
        &mut self,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        command: Command,
    ) -> Result<&EventEnvelope, ChainError> {
        let sealed = self.prepare_command(actor, occurred_at, &command)?;
        self.commit_sealed(sealed)
    }

    /// Records a fact that already happened elsewhere (an import). The same transitions run, but
    /// no rule refuses it: violations become findings. Structural impossibilities (unknown
    /// subjects, a contract for a procurement never awarded) are still errors.
    ///
    /// # Errors
    ///
    /// Any [`ChainError`] other than a rule refusal.
    pub fn record(
        &mut self,
        provenance: Provenance,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        fact: Command,
    ) -> Result<&EventEnvelope, ChainError> {
        let sealed = self.prepare_fact(provenance, actor, occurred_at, &fact)?;
        self.commit_sealed(sealed)
    }

    /// The aggregate `command` would change if `actor` sent it now: the command is decided and
    /// nothing changes. A server checks a client's `If-Match` version against it before it
    /// executes.
    ///
    /// # Errors
    ///
    /// The refusal [`Chain::execute`] would give.
    pub fn target_of(&self, actor: ActorId, command: &Command) -> Result<AggregateRef, ChainError> {
        Ok(self.decide_command(actor, command)?.aggregate)
    }

    /// Decides a command and seals the envelope it would append, changing nothing.
    pub(crate) fn prepare_command(
        &self,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        command: &Command,
    ) -> Result<EventEnvelope, ChainError> {
        let decision = self.decide_command(actor, command)?;
        let provenance = Provenance::Command {
            command: command.name().into(),
        };
        Ok(self.seal(decision.aggregate, actor, occurred_at, provenance, decision.event))
    }

    /// Decides a recorded fact and seals the envelope it would append, changing nothing.
    pub(crate) fn prepare_fact(
        &self,
        provenance: Provenance,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        fact: &Command,
    ) -> Result<EventEnvelope, ChainError> {
        let decision = self.decide_fact(actor, fact)?;
        Ok(self.seal(decision.aggregate, actor, occurred_at, provenance, decision.event))
    }

    fn seal(
        &self,
        aggregate: AggregateRef,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        provenance: Provenance,
        event: Event,
    ) -> EventEnvelope {
        self.log
            .seal(self.meta(aggregate, actor, occurred_at, provenance), event)
    }

    /// What an envelope carries besides its event, recorded now by the chain's clock.
    pub(crate) fn meta(
        &self,
        aggregate: AggregateRef,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        provenance: Provenance,
    ) -> EnvelopeMeta {
        EnvelopeMeta {
            aggregate,
            actor,
            occurred_at,
            recorded_at: self.clock.now(),
            provenance,
        }
    }

    fn commit(
        &mut self,
        aggregate: AggregateRef,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        provenance: Provenance,
        event: Event,
    ) -> Result<&EventEnvelope, ChainError> {
        let sealed = self.seal(aggregate, actor, occurred_at, provenance, event);
        self.commit_sealed(sealed)
    }

    /// Applies a sealed envelope to the state and appends it to the log. If the event cannot
    /// apply, nothing changes (every event replaces its aggregates only on success). The envelope
    /// is one this chain sealed, or one a store read and verified: its sequence and link are
    /// checked here, its hash is not computed again.
    pub(crate) fn commit_sealed(&mut self, sealed: EventEnvelope) -> Result<&EventEnvelope, ChainError> {
        // Check first, then apply, then append: a refused envelope changes neither state nor log.
        // Its hash is good already: sealed on this log, or verified by the store it came from.
        self.log.check_link(&sealed)?;
        self.apply_event(&sealed.payload, sealed.sequence)?;
        self.log.push_checked(sealed)
    }

    /// Applies event `sequence` to the state and keeps the monitor, if any, up to date. If the
    /// event cannot apply, nothing changes.
    pub(crate) fn apply_event(&mut self, payload: &Event, sequence: u64) -> Result<(), ChainError> {
        let before = self.monitor.as_ref().map(|_| touched(&self.state, payload));
        self.state.apply(payload).map_err(|e| ChainError::Replay {
            sequence,
            reason: e.to_string(),
        })?;
        if let (Some(monitor), Some(before)) = (self.monitor.as_mut(), before) {
            let view = self.state.view();
            let view = match monitor.as_of() {
                Some(d) => view.as_of(d),
                None => view,
            };
            match (before, touched(&self.state, payload)) {
                (Touched::Subjects(mut subjects), Touched::Subjects(after)) => {
                    subjects.extend(after);
                    subjects.sort_unstable();
                    subjects.dedup();
                    let changes = monitor.refresh(&view, &self.rulebook, subjects);
                    if let Some(kept) = &mut self.changes {
                        kept.extend(changes);
                    }
                }
                _ => {
                    let new = Monitor::new(&view, &self.rulebook);
                    if let Some(kept) = &mut self.changes {
                        kept.extend(monitor.changes_to(&new));
                    }
                    *monitor = new;
                }
            }
        }
        Ok(())
    }

    /// Decides a command against the current state, as [`Chain::execute`] does, without sealing.
    pub(crate) fn decide_command(
        &self,
        actor: ActorId,
        command: &Command,
    ) -> Result<crate::decide::Decision, ChainError> {
        decide(&self.state, &self.rulebook, Mode::Command, actor, command)
    }

    /// Decides a recorded fact against the current state, as [`Chain::record`] does.
    pub(crate) fn decide_fact(&self, actor: ActorId, fact: &Command) -> Result<crate::decide::Decision, ChainError> {
        decide(&self.state, &self.rulebook, Mode::Record, actor, fact)
    }

    /// The log, to append envelopes sealed elsewhere.
    pub(crate) fn log_mut(&mut self) -> &mut EventLog {
        &mut self.log
    }

    /// The region's state.
    pub fn state(&self) -> &RegionState {
        &self.state
    }

    /// The event log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// The rulebook in force.
    pub fn rulebook(&self) -> &Rulebook {
        &self.rulebook
    }

    /// Checks the hash chain.
    ///
    /// # Errors
    ///
    /// [`ChainError::Tampered`] at the first bad envelope.
    pub fn verify(&self) -> Result<(), ChainError> {
        self.log.verify()
    }

    /// The latest date any recorded event occurred on (UTC): the chain's own "today".
    pub fn known_until(&self) -> Option<NaiveDate> {
        self.log.entries().iter().map(|e| e.occurred_at.date_naive()).max()
    }

    /// Every rule over the whole chain (found, not found and insufficient), sorted by rule and
    /// subject, as of [`Chain::known_until`].
    pub fn findings(&self) -> Vec<Finding> {
        match self.known_until() {
            Some(d) => self.findings_as_of(d),
            None => evaluate(&self.state.view(), &self.rulebook),
        }
    }

    /// Every rule over the whole chain as of a date (rules that depend on time passing — D14,
    /// K-10, K-12, K-13, D21 — read it). Served from the live monitor when it watches that date.
    pub fn findings_as_of(&self, as_of: NaiveDate) -> Vec<Finding> {
        match &self.monitor {
            Some(m) if m.as_of() == Some(as_of) => m.findings(),
            _ => evaluate(&self.state.view().as_of(as_of), &self.rulebook),
        }
    }

    /// Starts (or moves) live monitoring as of a date: every outcome is evaluated once, then each
    /// new event re-evaluates only the subjects it touches.
    /// Moving an existing watch to another day records what the move made appear or clear.
    pub fn watch(&mut self, as_of: NaiveDate) {
        let new = Monitor::new(&self.state.view().as_of(as_of), &self.rulebook);
        if let (Some(old), Some(kept)) = (&self.monitor, &mut self.changes) {
            kept.extend(old.changes_to(&new));
        }
        self.monitor = Some(new);
    }

    /// The findings that appeared or cleared in the live monitor since the last call (events
    /// applied, or the watch moved to another day), oldest first. The first call starts keeping
    /// them (and answers nothing); empty when nothing is watched.
    pub fn take_changes(&mut self) -> Vec<FindingChange> {
        self.changes.replace(Vec::new()).unwrap_or_default()
    }

    /// The live outcomes, once [`Chain::watch`] was called.
    pub fn monitor(&self) -> Option<&Monitor> {
        self.monitor.as_ref()
    }

    /// The region summary and per-OPD rows.
    pub fn summary(&self, findings: &[Finding]) -> RegionSummary {
        summarize(&self.state.view(), findings)
    }
}
