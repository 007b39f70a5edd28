//! Where a fact came from: a live command, or a record imported from a source system.

use serde::{Deserialize, Serialize};

/// The origin of an event (DESIGN.md idea 3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "via", content = "source", rename_all = "snake_case")]
pub enum Provenance {
    /// A command sent by a live system.
    Command {
        /// The command's name, e.g. `AnnounceTender`.
        command: String,
    },
    /// A fact recorded from a source system.
    Import {
        /// The system, e.g. `SPSE`, `SIRUP`, `SIPD`, `LKPP-ISB`.
        system: String,
        /// The dataset, e.g. `SPSE-TenderPengumuman` (ISB 1013).
        dataset: String,
        /// The record's key in that dataset, e.g. the `kd_tender`.
        record_key: String,
    },
}
