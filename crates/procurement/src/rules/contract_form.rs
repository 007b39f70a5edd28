//! P-11: the contract document must be at least as formal as its value requires — bukti
//! pembelian up to Rp10 juta, kuitansi up to Rp50 juta, SPK up to Rp200 juta (consultancy Rp100
//! juta), a surat perjanjian above (Perpres 16/2018 Pasal 28). A more formal document than
//! required is allowed. Doc page: `docs/rules/P-11.md`.

use chrono::NaiveDate;
use rantai_core::param::{self};
use rantai_core::{Evidence, JenisPengadaan, Money, Rulebook, Verdict};

use crate::contract::ContractForm;

/// The least formal document a contract of `value` for `jenis` may use, under the rules in force
/// on `on`.
pub fn required(value: Money, jenis: JenisPengadaan, on: NaiveDate, rulebook: &Rulebook) -> Option<ContractForm> {
    use param::p11::{BUKTI_PEMBELIAN_MAX, KUITANSI_MAX, SPK_MAX, SPK_MAX_KONSULTANSI};
    let spk = if jenis == JenisPengadaan::JasaKonsultansi {
        SPK_MAX_KONSULTANSI
    } else {
        SPK_MAX
    };
    let limit = |max| rulebook.get(max, on).ok();
    Some(if value <= limit(BUKTI_PEMBELIAN_MAX)? {
        ContractForm::BuktiPembelian
    } else if value <= limit(KUITANSI_MAX)? {
        ContractForm::Kuitansi
    } else if value <= limit(spk)? {
        ContractForm::Spk
    } else {
        ContractForm::SuratPerjanjian
    })
}

/// P-11 for a contract of `value` signed on `on` in `form`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{JenisPengadaan as J, Money, Rulebook, Verdict};
/// use rantai_procurement::ContractForm as F;
/// use rantai_procurement::rules::contract_form;
/// let on = NaiveDate::from_ymd_opt(2025, 5, 2).unwrap();
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let book = Rulebook::standard();
/// assert_eq!(contract_form::check(rp(188_000_000), J::JasaLainnya, F::Spk, on, book), Verdict::Pass);
/// assert!(matches!(contract_form::check(rp(188_000_000), J::JasaLainnya, F::Kuitansi, on, book), Verdict::Violated(_)));
/// // SPK for consultancy stops at Rp100 juta.
/// assert!(matches!(contract_form::check(rp(150_000_000), J::JasaKonsultansi, F::Spk, on, book), Verdict::Violated(_)));
/// ```
pub fn check(value: Money, jenis: JenisPengadaan, form: ContractForm, on: NaiveDate, rulebook: &Rulebook) -> Verdict {
    let Some(needed) = required(value, jenis, on, rulebook) else {
        return Verdict::missing(format!("P-11 limits in force on {on}"));
    };
    if form >= needed {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("contract_value", value)
            .with("jenis", jenis.label())
            .with("form", form.label())
            .with("required_form", needed.label()),
    )
}
