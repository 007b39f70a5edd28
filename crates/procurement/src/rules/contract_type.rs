//! C-10: the contract type must be one Perpres 16/2018 Pasal 27 allows for the procurement object
//! — for goods, works and other services Lumsum, Harga Satuan, Gabungan Lumsum dan Harga Satuan,
//! Terima Jadi (turnkey) or Kontrak Payung; for consultancy Keluaran (Lumsum), Waktu Penugasan or
//! Kontrak Payung. rantai's id (the catalogue has no entry for Pasal 27). Kab. Bandung 2025: one
//! consultancy contract of "Gabungan Lumsum dan Harga Satuan" among 1 099 contract rows. Doc page:
//! `docs/rules/C-10.md`.

use rantai_core::{Evidence, JenisPengadaan, Verdict};

use crate::contract::ContractType;

/// Whether Pasal 27 allows `contract_type` for `jenis`.
pub fn allowed(jenis: JenisPengadaan, contract_type: ContractType) -> bool {
    use ContractType::*;
    match jenis {
        JenisPengadaan::JasaKonsultansi => matches!(contract_type, Lumsum | WaktuPenugasan | KontrakPayung),
        _ => !matches!(contract_type, WaktuPenugasan),
    }
}

/// C-10 for a contract of a procurement of `jenis`: a type Pasal 27 does not list for the object
/// is found; a contract whose type is not known is undecided.
///
/// ```
/// use rantai_core::{JenisPengadaan as J, Verdict};
/// use rantai_procurement::{ContractType as T, rules::contract_type};
/// assert_eq!(contract_type::check(J::JasaKonsultansi, Some(T::WaktuPenugasan)), Verdict::Pass);
/// assert!(matches!(contract_type::check(J::PekerjaanKonstruksi, Some(T::WaktuPenugasan)), Verdict::Violated(_)));
/// assert!(matches!(contract_type::check(J::JasaKonsultansi, Some(T::Gabungan)), Verdict::Violated(_)));
/// assert!(matches!(contract_type::check(J::Barang, None), Verdict::Insufficient(_)));
/// ```
pub fn check(jenis: JenisPengadaan, contract_type: Option<ContractType>) -> Verdict {
    let Some(t) = contract_type else {
        return Verdict::missing("the contract type (jenis kontrak)");
    };
    if allowed(jenis, t) {
        return Verdict::Pass;
    }
    let allowed_types: Vec<&str> = ContractType::ALL
        .into_iter()
        .filter(|other| allowed(jenis, *other))
        .map(ContractType::label)
        .collect();
    Verdict::Violated(
        Evidence::new()
            .with("jenis", jenis.label())
            .with("contract_type", t.label())
            .with("allowed", allowed_types.join("; ")),
    )
}
