//! Sample values for examples and domain tests: the DPA line that finances the sample works
//! package of `rantai_procurement::fixtures`.

use rantai_core::{DpaLineId, FiscalYear, Money, OrganisationId, SubKegiatanId};

use crate::dpa_line::DpaLineSpec;

pub use rantai_procurement::fixtures::signed_contract;

/// A Rp1 miliar belanja modal line (jalan) of the sample sub-kegiatan.
pub fn line_spec() -> DpaLineSpec {
    let package = rantai_procurement::fixtures::package_spec();
    DpaLineSpec {
        id: DpaLineId::from_u128(1),
        organisation: OrganisationId::from_u128(1),
        sub_kegiatan: SubKegiatanId::from_u128(1),
        mak: package.funding[0].mak.clone(),
        fiscal_year: FiscalYear::new(2025).unwrap_or(package.fiscal_year),
        pagu: Money::from_rupiah(1_000_000_000).unwrap_or(Money::ZERO),
    }
}
