//! Absorption (realisasi keuangan): what is realised (LS SP2D and SPJ) against the pagu, per
//! quarter, for a line, a sub-kegiatan, an organisation (OPD) or the region.

use std::collections::BTreeMap;

use rantai_core::{DpaLineId, FiscalYear, Money, OrganisationId, Quarter, Ratio, SubKegiatanId};
use serde::{Deserialize, Serialize};

use crate::dpa_line::DpaLine;

/// Pagu and realisation per quarter of one line, sub-kegiatan, organisation or region and year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absorption {
    /// Σ pagu (after revisions).
    pub pagu: Money,
    /// Σ realised in each quarter of the year.
    pub paid: [Money; 4],
}

impl Absorption {
    /// Σ realised up to the end of `quarter`.
    pub fn cumulative(&self, quarter: Quarter) -> Money {
        self.paid[..=quarter.index()].iter().sum()
    }

    /// Cumulative absorption at the end of `quarter` (`None` for a zero pagu).
    pub fn absorbed(&self, quarter: Quarter) -> Option<Ratio> {
        self.cumulative(quarter).ratio_of(self.pagu)
    }

    pub(crate) fn add_line(&mut self, line: &DpaLine) {
        self.pagu += line.pagu();
        for (q, amount) in line.realised_by_quarter().iter().enumerate() {
            self.paid[q] += *amount;
        }
    }
}

/// Absorption at every level, recomputed from the lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsorptionTable {
    /// Per line.
    pub lines: BTreeMap<DpaLineId, Absorption>,
    /// Per sub-kegiatan and year.
    pub sub_kegiatan: BTreeMap<(SubKegiatanId, FiscalYear), Absorption>,
    /// Per organisation (OPD) and year.
    pub organisations: BTreeMap<(OrganisationId, FiscalYear), Absorption>,
    /// The whole region, per year.
    pub region: BTreeMap<FiscalYear, Absorption>,
}

impl AbsorptionTable {
    /// The table over `lines`.
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a DpaLine>) -> Self {
        let mut t = AbsorptionTable::default();
        for line in lines {
            let spec = line.spec();
            t.lines.entry(spec.id).or_default().add_line(line);
            t.sub_kegiatan
                .entry((spec.sub_kegiatan, spec.fiscal_year))
                .or_default()
                .add_line(line);
            t.organisations
                .entry((spec.organisation, spec.fiscal_year))
                .or_default()
                .add_line(line);
            t.region.entry(spec.fiscal_year).or_default().add_line(line);
        }
        t
    }
}
