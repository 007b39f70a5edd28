//! Budget revisions: a pergeseran (shift within the Perkada penjabaran) or an APBD-Perubahan,
//! each versioned on the lines it changes with its legal basis (K-09).

use chrono::NaiveDate;
use rantai_core::{DpaLineId, FiscalYear, Money, RevisionId};
use serde::{Deserialize, Serialize};

use crate::kas::AnggaranKas;

/// The kind of a revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RevisionKind {
    /// Pergeseran anggaran by amending the Perkada penjabaran: only between rincian objek within
    /// the same sub-kegiatan and jenis belanja.
    Pergeseran,
    /// APBD-Perubahan by Perda: once a year unless in extraordinary circumstances.
    ApbdPerubahan {
        /// Keadaan luar biasa, which allows a further APBD-P.
        extraordinary: bool,
    },
}

/// The new pagu and cash plan of one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineChange {
    /// The line.
    pub line: DpaLineId,
    /// Its pagu from now on.
    pub pagu: Money,
    /// Its cash plan from now on.
    pub anggaran_kas: AnggaranKas,
}

/// A revision of the DPA.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The revision's id.
    pub id: RevisionId,
    /// Pergeseran or APBD-P.
    pub kind: RevisionKind,
    /// Its legal basis (Perkada or Perda number).
    pub basis: String,
    /// Its date.
    pub dated: NaiveDate,
    /// The fiscal year revised.
    pub fiscal_year: FiscalYear,
    /// The lines changed.
    pub changes: Vec<LineChange>,
}
