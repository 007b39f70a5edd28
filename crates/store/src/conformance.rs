//! The conformance suite every [`EventStore`] back-end must pass: round trips, optimistic
//! concurrency, atomic batches, verified reads, tamper detection, and a durable chain that
//! reopens to the same state and findings. Back-ends call [`run_all`] from their tests.

use chrono::{DateTime, Utc};
use rantai_chain::{ChainError, Command, DurableChain, EventEnvelope, EventStore, FixedClock, StoreError};
use rantai_core::{Actor, ActorId, Rulebook};
use rantai_sample as demo;

/// Makes a fresh, empty store for a region name.
pub type Factory<'a> = dyn FnMut(&str) -> Result<Box<dyn EventStore>, StoreError> + 'a;

/// Changes one byte of the stored body of event `sequence` of `region`, behind the store's back.
pub type Tamper<'a> = dyn FnMut(&str, u64) + 'a;

fn epoch() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn sample_log() -> Vec<EventEnvelope> {
    demo::sample_region()
        .map(|c| c.log().entries().to_vec())
        .unwrap_or_default()
}

fn ensure(ok: bool, what: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what.to_string()) }
}

fn round_trip(make: &mut Factory<'_>, region: &str) -> Result<(), String> {
    let mut store = make(region).map_err(|e| e.to_string())?;
    ensure(store.head() == Ok(0), "a new region's head is 0")?;
    ensure(store.read_from(0) == Ok(vec![]), "a new region reads nothing")?;
    let log = sample_log();
    let (first, rest) = log.split_at(10);
    store.append(0, first).map_err(|e| e.to_string())?;
    store.append(10, rest).map_err(|e| e.to_string())?;
    ensure(store.head() == Ok(log.len() as u64), "head counts every event")?;
    ensure(
        store.read_from(0).as_deref() == Ok(&log[..]),
        "events read back equal events written",
    )?;
    ensure(
        store.read_from(25).as_deref() == Ok(&log[25..]),
        "reading from the middle",
    )?;
    ensure(
        store.read_from(log.len() as u64) == Ok(vec![]),
        "reading from the head gives nothing",
    )
}

fn stale_writer_conflicts(make: &mut Factory<'_>, region: &str) -> Result<(), String> {
    let log = sample_log();
    let mut a = make(region).map_err(|e| e.to_string())?;
    let mut b = make(region).map_err(|e| e.to_string())?;
    a.append(0, &log[..5]).map_err(|e| e.to_string())?;
    match b.append(0, &log[..5]) {
        Err(StoreError::Conflict { expected: 0, actual: 5 }) => {}
        other => return Err(format!("a stale writer must get Conflict{{0, 5}}, got {other:?}")),
    }
    match b.append(3, &log[3..8]) {
        Err(StoreError::Conflict { expected: 3, actual: 5 }) => {}
        other => return Err(format!("a writer behind must get Conflict{{3, 5}}, got {other:?}")),
    }
    ensure(a.head() == Ok(5), "a refused append writes nothing")?;
    b.append(5, &log[5..9]).map_err(|e| e.to_string())?;
    ensure(
        a.read_from(0).as_deref() == Ok(&log[..9]),
        "both writers' events, in order",
    )
}

fn invalid_batches_are_refused_whole(make: &mut Factory<'_>, region: &str) -> Result<(), String> {
    let log = sample_log();
    let mut store = make(region).map_err(|e| e.to_string())?;
    store.append(0, &log[..3]).map_err(|e| e.to_string())?;
    // A gap: events 3, 4 and then 6.
    let gap = vec![log[3].clone(), log[4].clone(), log[6].clone()];
    ensure(
        matches!(store.append(3, &gap), Err(StoreError::InvalidBatch { .. })),
        "a batch with a gap is invalid",
    )?;
    // An event whose payload was changed after sealing.
    let mut forged = log[3].clone();
    forged.occurred_at = epoch();
    ensure(
        matches!(store.append(3, &[forged]), Err(StoreError::InvalidBatch { .. })),
        "an event that does not match its hash is invalid",
    )?;
    ensure(store.head() == Ok(3), "nothing of a refused batch is written")?;
    ensure(
        store.read_from(0).as_deref() == Ok(&log[..3]),
        "the store still verifies",
    )
}

fn tamper_is_detected(make: &mut Factory<'_>, tamper: &mut Tamper<'_>, region: &str) -> Result<(), String> {
    let log = sample_log();
    let mut store = make(region).map_err(|e| e.to_string())?;
    store.append(0, &log).map_err(|e| e.to_string())?;
    let target = 137.min(log.len() as u64 - 1);
    tamper(region, target);
    match store.read_from(0) {
        Err(StoreError::Tampered { sequence, .. }) if sequence == target => {}
        other => {
            return Err(format!(
                "tampering with event {target} must be reported there, got {other:?}"
            ));
        }
    }
    let opened = DurableChain::open(
        make(region).map_err(|e| e.to_string())?,
        Rulebook::standard().clone(),
        Box::new(FixedClock(epoch())),
    );
    match opened {
        Err(ChainError::Store(StoreError::Tampered { sequence, .. })) if sequence == target => Ok(()),
        other => Err(format!("a tampered store must not open, got {:?}", other.map(|_| ()))),
    }
}

fn durable_chain_reopens_identical(make: &mut Factory<'_>, region: &str) -> Result<(), String> {
    let chain = demo::sample_region().map_err(|e| e.to_string())?;
    let state = chain.state().clone();
    let findings = chain.findings();
    let mut durable =
        DurableChain::persist(chain, make(region).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    // A command through the durable chain is stored before it is applied …
    let newcomer = Actor::new(ActorId::from_u128(999), "Penyedia baru");
    durable
        .execute(demo::BUPATI, epoch(), Command::RegisterActor { actor: newcomer })
        .map_err(|e| e.to_string())?;
    // … and a refused one stores nothing.
    let refused = durable.execute(
        demo::provider(0),
        epoch(),
        Command::RegisterActor {
            actor: Actor::new(ActorId::from_u128(998), "x"),
        },
    );
    ensure(refused.is_err(), "a provider may not register actors")?;
    let events = durable.chain().log().len();
    durable.verify_store().map_err(|e| e.to_string())?;
    let reopened = DurableChain::open(
        make(region).map_err(|e| e.to_string())?,
        Rulebook::standard().clone(),
        Box::new(FixedClock(epoch())),
    )
    .map_err(|e| e.to_string())?;
    ensure(
        reopened.chain().log().len() == events,
        "the reopened log has every event",
    )?;
    ensure(
        reopened.chain().state() == durable.chain().state(),
        "the reopened state is identical",
    )?;
    ensure(
        reopened.chain().findings() == findings,
        "the reopened findings are identical",
    )?;
    ensure(
        reopened.chain().state().actors().len() == state.actors().len() + 1,
        "the stored command is in the reopened state",
    )
}

fn second_writer_refreshes_and_retries(make: &mut Factory<'_>, region: &str) -> Result<(), String> {
    let chain = demo::sample_region().map_err(|e| e.to_string())?;
    let mut first =
        DurableChain::persist(chain, make(region).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let open = |make: &mut Factory<'_>| {
        DurableChain::open(
            make(region).map_err(|e| e.to_string())?,
            Rulebook::standard().clone(),
            Box::new(FixedClock(epoch())),
        )
        .map_err(|e| e.to_string())
    };
    let mut second = open(make)?;
    let register = |n: u128| Command::RegisterActor {
        actor: Actor::new(ActorId::from_u128(n), "Penyedia"),
    };
    first
        .execute(demo::BUPATI, epoch(), register(900))
        .map_err(|e| e.to_string())?;
    match second.execute(demo::BUPATI, epoch(), register(901)) {
        Err(ChainError::Store(StoreError::Conflict { .. })) => {}
        other => return Err(format!("the stale writer must conflict, got {:?}", other.map(|_| ()))),
    }
    ensure(second.refresh() == Ok(1), "refresh reads the other writer's event")?;
    second
        .execute(demo::BUPATI, epoch(), register(901))
        .map_err(|e| e.to_string())?;
    let third = open(make)?;
    ensure(
        third.chain().state().actors().len() == first.chain().state().actors().len() + 1,
        "both writers' commands are stored",
    )
}

/// Runs every check, each on its own region (named `<prefix>-<check>`); returns the failures.
pub fn run_all(prefix: &str, make: &mut Factory<'_>, tamper: &mut Tamper<'_>) -> Vec<String> {
    let mut failures = Vec::new();
    let mut check = |name: &str, result: Result<(), String>| {
        if let Err(e) = result {
            failures.push(format!("{name}: {e}"));
        }
    };
    check("round_trip", round_trip(make, &format!("{prefix}-round-trip")));
    check(
        "stale_writer_conflicts",
        stale_writer_conflicts(make, &format!("{prefix}-conflict")),
    );
    check(
        "invalid_batches_are_refused_whole",
        invalid_batches_are_refused_whole(make, &format!("{prefix}-invalid")),
    );
    check(
        "tamper_is_detected",
        tamper_is_detected(make, tamper, &format!("{prefix}-tamper")),
    );
    check(
        "durable_chain_reopens_identical",
        durable_chain_reopens_identical(make, &format!("{prefix}-durable")),
    );
    check(
        "second_writer_refreshes_and_retries",
        second_writer_refreshes_and_retries(make, &format!("{prefix}-two-writers")),
    );
    failures
}
