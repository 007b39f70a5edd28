//! Objections to a tender's result: the sanggah every bidder may file in the masa sanggah, and
//! the sanggah banding — works only, backed by a bond, filed after the answer to the sanggah —
//! that holds the process until it is answered (Perpres 16/2018 Pasal 50; T-03).

use chrono::NaiveDate;
use rantai_core::{ActorId, Money};
use serde::{Deserialize, Serialize};

/// Which objection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionKind {
    /// Sanggah, to the Pokja.
    Sanggah,
    /// Sanggah banding, to the PA/KPA (works only).
    SanggahBanding,
}

/// An objection filed by a bidder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// Its number in the procurement (1, 2, …).
    pub number: u32,
    /// The bidder who files it.
    pub provider: ActorId,
    /// Sanggah or sanggah banding.
    pub kind: ObjectionKind,
    /// When it was filed.
    pub filed_on: NaiveDate,
    /// The jaminan sanggah banding, for a sanggah banding.
    pub bond: Option<Money>,
    /// When it was answered (set by the answer, never by the filing).
    #[serde(default)]
    pub answered_on: Option<NaiveDate>,
}
