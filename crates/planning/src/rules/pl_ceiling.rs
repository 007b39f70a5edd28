//! P-01 / P-02: Pengadaan Langsung only up to its ceiling for the procurement object, under the
//! regulation in force on the given date (Perpres 16/2018 Pasal 38(3), 41(3); Perpres 46/2025
//! Pasal 1 angka 40a). Doc page: `docs/rules/P-01.md`, `docs/rules/P-02.md`.

use chrono::NaiveDate;
use rantai_core::param::{self, Param, Rupiah};
use rantai_core::{Evidence, JenisPengadaan, MetodePemilihan, Money, RuleId, Rulebook, Verdict};

/// The Pengadaan Langsung ceiling for `jenis` in force on `on`, if the rulebook has one.
pub fn ceiling(jenis: JenisPengadaan, on: NaiveDate, rulebook: &Rulebook) -> Option<Money> {
    rulebook.get(rule_and_param(jenis).1, on).ok()
}

fn rule_and_param(jenis: JenisPengadaan) -> (RuleId, Param<Rupiah>) {
    match jenis {
        JenisPengadaan::Barang => (RuleId::P01, param::p01::CEILING_BARANG),
        JenisPengadaan::JasaLainnya => (RuleId::P01, param::p01::CEILING_JASA_LAINNYA),
        JenisPengadaan::PekerjaanKonstruksi => (RuleId::P01, param::p01::CEILING_PEKERJAAN_KONSTRUKSI),
        JenisPengadaan::JasaKonsultansi => (RuleId::P02, param::p02::CEILING_JASA_KONSULTANSI),
    }
}

/// The rule that governs `jenis` (P-02 for consultancy, P-01 otherwise) and its verdict for a
/// package or procurement of `pagu` using `metode`, judged by the regulation in force on `on`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{JenisPengadaan as J, MetodePemilihan as M, Money, RuleId, Rulebook, Verdict};
/// use rantai_planning::rules::pl_ceiling;
///
/// let book = Rulebook::standard();
/// let mid_2025 = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// // Rp350 juta of works by Pengadaan Langsung: allowed under Perpres 46/2025 …
/// let (rule, v) = pl_ceiling::check(J::PekerjaanKonstruksi, M::PengadaanLangsung, rp(350_000_000), mid_2025, book);
/// assert_eq!((rule, v), (RuleId::P01, Verdict::Pass));
/// // … but not for goods, whose ceiling stays Rp200 juta.
/// let (_, v) = pl_ceiling::check(J::Barang, M::PengadaanLangsung, rp(350_000_000), mid_2025, book);
/// assert!(matches!(v, Verdict::Violated(_)));
/// ```
pub fn check(
    jenis: JenisPengadaan,
    metode: MetodePemilihan,
    pagu: Money,
    on: NaiveDate,
    rulebook: &Rulebook,
) -> (RuleId, Verdict) {
    let (rule, param) = rule_and_param(jenis);
    if metode != MetodePemilihan::PengadaanLangsung {
        return (rule, Verdict::Pass);
    }
    let ceiling = match rulebook.get(param, on) {
        Ok(c) => c,
        Err(_) => {
            return (
                rule,
                Verdict::missing(format!("{rule} ceiling for {jenis} in force on {on}")),
            );
        }
    };
    if pagu <= ceiling {
        return (rule, Verdict::Pass);
    }
    let excess = pagu.saturating_sub(ceiling);
    (
        rule,
        Verdict::Violated(
            Evidence::new()
                .with("metode", metode.label())
                .with("jenis", jenis.label())
                .with("pagu", pagu)
                .with("ceiling", ceiling)
                .with("excess", excess)
                .with("regime_date", on),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(n: i64) -> Money {
        Money::from_rupiah(n).unwrap()
    }
    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// (jenis, metode, pagu, date) → expected: Some(rule) when violated, None when passing.
    fn check_case(jenis: JenisPengadaan, metode: MetodePemilihan, pagu: i64, on: NaiveDate, expected: Option<RuleId>) {
        let (rule, verdict) = check(jenis, metode, rp(pagu), on, Rulebook::standard());
        match expected {
            Some(r) => {
                assert_eq!(rule, r);
                assert!(
                    matches!(verdict, Verdict::Violated(_)),
                    "{jenis:?} {pagu} {on}: {verdict:?}"
                );
            }
            None => assert_eq!(verdict, Verdict::Pass, "{jenis:?} {pagu} {on}"),
        }
    }

    #[test]
    fn ceilings_follow_perpres_16_2018_and_46_2025() {
        use JenisPengadaan::*;
        use MetodePemilihan::*;
        // Exactly at the ceiling is allowed ("paling banyak").
        check_case(Barang, PengadaanLangsung, 200_000_000, day(2024, 3, 1), None);
        check_case(
            Barang,
            PengadaanLangsung,
            200_000_001,
            day(2024, 3, 1),
            Some(RuleId::P01),
        );
        check_case(
            JasaLainnya,
            PengadaanLangsung,
            250_000_000,
            day(2025, 9, 1),
            Some(RuleId::P01),
        );
        check_case(
            PekerjaanKonstruksi,
            PengadaanLangsung,
            350_000_000,
            day(2024, 12, 1),
            Some(RuleId::P01),
        );
        check_case(
            PekerjaanKonstruksi,
            PengadaanLangsung,
            400_000_000,
            day(2025, 9, 1),
            None,
        );
        check_case(
            PekerjaanKonstruksi,
            PengadaanLangsung,
            400_000_001,
            day(2025, 9, 1),
            Some(RuleId::P01),
        );
        check_case(
            JasaKonsultansi,
            PengadaanLangsung,
            100_000_001,
            day(2025, 9, 1),
            Some(RuleId::P02),
        );
        check_case(JasaKonsultansi, PengadaanLangsung, 100_000_000, day(2025, 9, 1), None);
        // Other methods are not bound by the Pengadaan Langsung ceiling.
        check_case(Barang, Tender, 5_000_000_000, day(2025, 9, 1), None);
    }

    #[test]
    fn dates_before_perpres_16_2018_are_insufficient() {
        let (_, v) = check(
            JenisPengadaan::Barang,
            MetodePemilihan::PengadaanLangsung,
            rp(150_000_000),
            day(2014, 5, 1),
            Rulebook::standard(),
        );
        assert!(matches!(v, Verdict::Insufficient(_)), "{v:?}");
    }
}
