//! SPD (Surat Penyediaan Dana): the BUD makes part of a line's anggaran kas available for a
//! period of months; no SPP may ask for more than the SPD issued so far (K-08).

use chrono::NaiveDate;
use rantai_core::{ExternalKey, Money, SpdId};
use serde::{Deserialize, Serialize};

/// One SPD on a DPA line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spd {
    /// The SPD's id.
    pub id: SpdId,
    /// Its number, if known.
    pub nomor: Option<ExternalKey>,
    /// First month of the period (1–12).
    pub from_month: u32,
    /// Last month of the period (1–12).
    pub to_month: u32,
    /// Amount made available.
    pub amount: Money,
    /// Date issued.
    pub issued_on: NaiveDate,
}
