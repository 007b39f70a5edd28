//! P-03: Tender and Tender Cepat are methods for goods, works and other services; Seleksi is the
//! method for consultancy (Perpres 16/2018 Pasal 38(1), 41(1)). Doc page: `docs/rules/P-03.md`.

use rantai_core::{Evidence, JenisPengadaan, MetodePemilihan, Verdict};

/// P-03 for a package or procurement.
///
/// # Example
///
/// ```
/// use rantai_core::{JenisPengadaan as J, MetodePemilihan as M, Verdict};
/// use rantai_planning::rules::method_fit;
/// assert_eq!(method_fit::check(J::JasaKonsultansi, M::Seleksi), Verdict::Pass);
/// assert!(matches!(method_fit::check(J::JasaKonsultansi, M::Tender), Verdict::Violated(_)));
/// assert!(matches!(method_fit::check(J::Barang, M::Seleksi), Verdict::Violated(_)));
/// ```
pub fn check(jenis: JenisPengadaan, metode: MetodePemilihan) -> Verdict {
    let consultancy = jenis == JenisPengadaan::JasaKonsultansi;
    let allowed = match metode {
        MetodePemilihan::Tender | MetodePemilihan::TenderCepat => !consultancy,
        MetodePemilihan::Seleksi => consultancy,
        _ => true,
    };
    if allowed {
        return Verdict::Pass;
    }
    let expected = if consultancy {
        "Seleksi, Pengadaan Langsung or Penunjukan Langsung"
    } else {
        "Tender, Tender Cepat, Pengadaan Langsung, Penunjukan Langsung or E-purchasing"
    };
    Verdict::Violated(
        Evidence::new()
            .with("jenis", jenis.label())
            .with("metode", metode.label())
            .with("allowed_methods", expected),
    )
}
