//! The connected chain of one region: a registry of every aggregate, commands checked against
//! the actor's role and the rulebook ([`Chain::execute`]), facts recorded from other systems
//! ([`Chain::record`]) producing the same events, the append-only SHA-256 hash-chained
//! [`EventLog`] with `verify`, and replay that rebuilds identical state.
//!
//! This is the highest layer allowed to read the clock ([`SystemClock`]); everything below is pure.
//!
//! ```
//! use rantai_chain::demo;
//!
//! let chain = demo::sample_region()?;
//! chain.verify()?;
//! let findings = chain.findings();
//! assert!(findings.iter().any(|f| f.is_found() && f.code == rantai_core::RuleId::C07));
//! # Ok::<(), rantai_chain::ChainError>(())
//! ```
#![deny(missing_docs)]

mod chain;
mod clock;
mod command;
mod decide;
pub mod demo;
mod durable;
mod error;
mod event;
mod impact;
mod loader;
mod log;
mod state;
mod store;

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
