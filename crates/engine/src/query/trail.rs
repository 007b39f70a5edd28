//! A package's trail: every event from its RUP versions through the procurement, the contract
//! and its addenda, payments and progress reports to the handover, each with its date, its
//! provenance and the sequence and hash that anchor it in the log. The chain fills it from its
//! log (`rantai_chain::Chain::trail`); this is the shape every reader receives.

use chrono::{DateTime, Utc};
use rantai_core::{
    ContractId, JenisPengadaan, KodeRup, MetodePemilihan, Money, OrgCode, PackageId, ProcurementId, Provenance,
};
use serde::Serialize;

use crate::position::{Stage, Stuck};

/// One event of a trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TrailStep {
    /// Its position in the region's log.
    pub sequence: u64,
    /// Its SHA-256 hash (hex), which the next event's hash covers.
    pub hash: String,
    /// When it happened in the world.
    pub occurred_at: DateTime<Utc>,
    /// The aggregate it belongs to: `package`, `procurement`, `contract`, `progress`, `payment`,
    /// `dpa_line` …
    pub aggregate: String,
    /// The event, e.g. `PackageAnnounced`, `TenderAwarded`, `ContractSigned`, `Sp2dIssued`.
    pub event: String,
    /// Where it came from: a command, or a record of a source system with its dataset and key.
    pub provenance: Provenance,
}

/// A package and every event behind it, in log order. Where the data holds SPSE's procurements
/// of a RUP code but not SIRUP's package, the trail is theirs: `package` and `stage` are absent
/// and the name, pagu, method and kind are the latest procurement's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Trail {
    /// The package, when the data holds it.
    pub package: Option<PackageId>,
    /// Its SIRUP code.
    pub kd_rup: Option<KodeRup>,
    /// Its name.
    pub name: String,
    /// Its OPD.
    pub opd: Option<OrgCode>,
    /// Its pagu.
    pub pagu: Money,
    /// The selection method planned.
    pub metode: MetodePemilihan,
    /// The kind of procurement.
    pub jenis: JenisPengadaan,
    /// The furthest stage reached; `None` without the RUP package (a stage needs the plan).
    pub stage: Option<Stage>,
    /// Why it is stuck, if it is.
    pub stuck: Option<Stuck>,
    /// Its procurement, once started.
    pub procurement: Option<ProcurementId>,
    /// Its contract, once signed.
    pub contract: Option<ContractId>,
    /// The sequence of the package's own last event (without the package, its latest
    /// procurement's):
    /// its version, for `If-Match`.
    pub version: u64,
    /// Every event about the package, its procurement and its contract, in log order.
    pub steps: Vec<TrailStep>,
}
