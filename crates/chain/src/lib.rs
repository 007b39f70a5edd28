//! The connected chain of one region: a registry of every aggregate, commands checked against
//! the actor's role and the rulebook ([`Chain::execute`]), facts recorded from other systems
//! ([`Chain::record`]) producing the same events, the append-only SHA-256 hash-chained
//! [`EventLog`] with `verify`, and replay that rebuilds identical state.
//!
//! This is the highest layer allowed to read the clock ([`SystemClock`]); everything below is pure.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use rantai_chain::{Chain, ChainError, Command, FixedClock};
//! use rantai_core::{Actor, ActorId, GovLevel, Grant, Organisation, OrganisationId, RegionProfile, Role, Rulebook, Scope};
//!
//! let at = Utc.with_ymd_and_hms(2025, 1, 2, 8, 0, 0).unwrap();
//! let bupati = Actor::new(ActorId::from_u128(1), "Bupati")
//!     .with_grant(Grant { role: Role::KepalaDaerah, scope: Scope::Region });
//! let profile = RegionProfile { name: "Kab. Contoh".into(), kd_klpd: "D998".into(), level: GovLevel::KabupatenKota };
//! let mut chain = Chain::found(profile, Rulebook::standard().clone(), Box::new(FixedClock(at)), bupati, at)?;
//!
//! // The Kepala Daerah registers an OPD; a command from someone the chain does not know is
//! // refused and changes nothing.
//! let dinas = Organisation::new(OrganisationId::from_u128(10), "1.03.2.15.1.04.03.0000".parse()?, "Dinas PUPR");
//! chain.execute(ActorId::from_u128(1), at, Command::RegisterOrganisation { organisation: dinas.clone() })?;
//! let before = chain.log().len();
//! let refused = chain.execute(ActorId::from_u128(2), at, Command::RegisterOrganisation { organisation: dinas });
//! assert!(refused.is_err());
//! assert_eq!(chain.log().len(), before);
//! chain.verify()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The sample region of the demo (`rantai_sample::sample_region`) is built the same way.
#![deny(missing_docs)]

mod chain;
mod clock;
mod command;
mod decide;
mod durable;
mod error;
mod event;
mod impact;
mod loader;
mod log;
pub mod schema;
mod state;
mod store;
mod trail;

pub use chain::Chain;
pub use clock::{Clock, FixedClock, SystemClock};
pub use command::{Command, PlanData};
pub use durable::DurableChain;
pub use error::ChainError;
pub use event::{Event, RegionEvent};
pub use loader::Loader;
pub use log::{AggregateKind, AggregateRef, Digest256, EnvelopeMeta, EventEnvelope, EventLog, SCHEMA_VERSION};
pub use state::RegionState;
pub use store::{EventStore, StoreError};
