//! Sample values for examples and domain tests: the DPA line that finances the sample works
//! package of `rantai_procurement::fixtures`, and SPD on it.

use chrono::NaiveDate;
use rantai_core::{DpaLineId, FiscalYear, Money, OrganisationId, SpdId, SubKegiatanId};

use crate::dpa_line::DpaLineSpec;
use crate::kas::AnggaranKas;
use crate::spd::Spd;

pub use rantai_procurement::fixtures::signed_contract;

fn rp(n: i64) -> Money {
    Money::from_rupiah(n).unwrap_or(Money::ZERO)
}

/// A Rp1 miliar belanja modal line (jalan) of the sample sub-kegiatan, with a cash plan of
/// nothing in Q1, Rp400 juta in Q2 and in Q3, and Rp200 juta in Q4.
pub fn line_spec() -> DpaLineSpec {
    let package = rantai_procurement::fixtures::package_spec();
    DpaLineSpec {
        id: DpaLineId::from_u128(1),
        organisation: OrganisationId::from_u128(1),
        sub_kegiatan: SubKegiatanId::from_u128(1),
        mak: package.funding[0].mak.clone(),
        fiscal_year: FiscalYear::new(2025).unwrap_or(package.fiscal_year),
        pagu: rp(1_000_000_000),
        anggaran_kas: AnggaranKas::quarterly([Money::ZERO, rp(400_000_000), rp(400_000_000), rp(200_000_000)]),
    }
}

/// SPD number `n` for months `from`–`to` of `amount` rupiah, issued on `issued_on`.
pub fn spd(n: u128, from: u32, to: u32, amount: i64, issued_on: NaiveDate) -> Spd {
    Spd {
        id: SpdId::from_u128(n),
        nomor: None,
        from_month: from,
        to_month: to,
        amount: rp(amount),
        issued_on,
    }
}
