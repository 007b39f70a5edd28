//! Test setup shared by the importer tests: a region founded by its head, with an importer
//! (actor 2) registered to record facts.
#![allow(clippy::unwrap_used, dead_code)]

use rantai_chain::{Chain, Command, FixedClock};
use rantai_core::{Actor, ActorId, Grant, RegionProfile, Role, Rulebook, Scope};

/// The importer's actor id.
pub(crate) const IMPORTER: ActorId = ActorId::from_u128(2);

/// An empty chain for `profile` with its importer registered.
pub(crate) fn empty_chain(profile: RegionProfile) -> Chain {
    let at = chrono::DateTime::UNIX_EPOCH;
    let founder = Actor::new(ActorId::from_u128(1), "Kepala Daerah").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let mut chain = Chain::found(
        profile,
        Rulebook::standard().clone(),
        Box::new(FixedClock(at)),
        founder,
        at,
    )
    .unwrap();
    chain
        .execute(
            ActorId::from_u128(1),
            at,
            Command::RegisterActor {
                actor: Actor::new(IMPORTER, "Importir"),
            },
        )
        .unwrap();
    chain
}
