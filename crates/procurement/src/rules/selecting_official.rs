//! P-04: who runs the selection depends on the method and the value (Perpres 16/2018 Pasal 11–13 as
//! amended by Perpres 12/2021). A Pokja Pemilihan runs tenders, seleksi and Penunjukan Langsung
//! above Rp200 juta (consultancy Rp100 juta); a Pejabat Pengadaan runs Pengadaan Langsung,
//! Penunjukan Langsung up to those values and e-purchasing up to Rp200 juta; the PPK runs
//! e-purchasing above it. Kab. Bandung 2025: all 2 384 non-tenders and 92 tenders are run by the
//! right official (the one Penunjukan Langsung, Rp1,2 miliar of consultancy, by a Pokja); five
//! Pengadaan Langsung name no official. Doc page: `docs/rules/P-04.md`.

use rantai_core::param::{self};
use rantai_core::{Evidence, JenisPengadaan, MetodePemilihan, Rulebook, Verdict};

use crate::tender::TenderSpec;

/// The official who runs a selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector {
    /// A Pokja Pemilihan of the UKPBJ.
    Pokja,
    /// A Pejabat Pengadaan.
    PejabatPengadaan,
    /// The PPK (e-purchasing above the Pejabat Pengadaan's value).
    Ppk,
}

impl Selector {
    fn label(self) -> &'static str {
        match self {
            Selector::Pokja => "Pokja Pemilihan",
            Selector::PejabatPengadaan => "Pejabat Pengadaan",
            Selector::Ppk => "PPK",
        }
    }
}

/// The official Pasal 11–13 names for a procurement of this method, object and pagu, with the
/// Pejabat Pengadaan's highest value that decided it (if one did); `None` for methods outside
/// those articles (Kontes, Dikecualikan) or when the rulebook has no value in force.
pub fn expected(spec: &TenderSpec, rulebook: &Rulebook) -> Option<(Selector, Option<rantai_core::Money>)> {
    use param::p04::{PEJABAT_PENGADAAN_MAX, PEJABAT_PENGADAAN_MAX_KONSULTANSI};
    let by_jenis = if spec.jenis == JenisPengadaan::JasaKonsultansi {
        PEJABAT_PENGADAAN_MAX_KONSULTANSI
    } else {
        PEJABAT_PENGADAAN_MAX
    };
    let max = |max| rulebook.get(max, spec.announced_on).ok();
    match spec.metode {
        MetodePemilihan::Tender | MetodePemilihan::TenderCepat | MetodePemilihan::Seleksi => {
            Some((Selector::Pokja, None))
        }
        MetodePemilihan::PengadaanLangsung => Some((Selector::PejabatPengadaan, None)),
        MetodePemilihan::PenunjukanLangsung => {
            let max = max(by_jenis)?;
            let who = if spec.pagu <= max {
                Selector::PejabatPengadaan
            } else {
                Selector::Pokja
            };
            Some((who, Some(max)))
        }
        MetodePemilihan::EPurchasing => {
            let max = max(PEJABAT_PENGADAAN_MAX)?;
            let who = if spec.pagu <= max {
                Selector::PejabatPengadaan
            } else {
                Selector::Ppk
            };
            Some((who, Some(max)))
        }
        MetodePemilihan::Kontes | MetodePemilihan::Dikecualikan => None,
    }
}

/// Who ran it, from the officials recorded: the Pejabat Pengadaan if one is named, else the Pokja;
/// for e-purchasing with neither, the PPK.
fn actual(spec: &TenderSpec) -> Option<Selector> {
    let o = &spec.officials;
    if o.pejabat_pengadaan.is_some() {
        Some(Selector::PejabatPengadaan)
    } else if !o.pokja.is_empty() {
        Some(Selector::Pokja)
    } else if spec.metode == MetodePemilihan::EPurchasing && o.ppk.is_some() {
        Some(Selector::Ppk)
    } else {
        None
    }
}

/// P-04 for a procurement: found when the official who ran the selection is not the one the
/// method and pagu call for; undecided when no selecting official is recorded or the rulebook has
/// no value in force on the announcement date.
///
/// ```
/// use rantai_core::{ActorId, MetodePemilihan, Money, Rulebook, Verdict};
/// use rantai_procurement::{fixtures, rules::selecting_official};
/// let book = Rulebook::standard();
/// let mut spec = fixtures::tender_spec(); // a tender run by a Pokja of three
/// assert_eq!(selecting_official::check(&spec, book), Verdict::Pass);
/// // A Penunjukan Langsung of Rp900 juta run by a Pejabat Pengadaan: above its Rp200 juta.
/// spec.metode = MetodePemilihan::PenunjukanLangsung;
/// spec.pagu = Money::from_rupiah(900_000_000).unwrap();
/// spec.officials.pokja.clear();
/// spec.officials.pejabat_pengadaan = Some(ActorId::from_u128(77));
/// let Verdict::Violated(ev) = selecting_official::check(&spec, book) else { panic!() };
/// assert_eq!(ev.get("expected").unwrap().to_string(), "Pokja Pemilihan");
/// ```
pub fn check(spec: &TenderSpec, rulebook: &Rulebook) -> Verdict {
    let Some((expected, max)) = expected(spec, rulebook) else {
        return match spec.metode {
            MetodePemilihan::Kontes | MetodePemilihan::Dikecualikan => Verdict::Pass,
            _ => Verdict::missing(format!(
                "P-04 Pejabat Pengadaan value in force on {}",
                spec.announced_on
            )),
        };
    };
    let Some(actual) = actual(spec) else {
        return Verdict::missing("the Pokja, Pejabat Pengadaan or PPK who ran the selection");
    };
    if actual == expected {
        return Verdict::Pass;
    }
    if actual == Selector::Ppk {
        // Only the PPK is named for a small e-purchase: the Pejabat Pengadaan may not be recorded.
        return Verdict::missing("the Pejabat Pengadaan of an e-purchase within its value");
    }
    let mut evidence = Evidence::new()
        .with("metode", spec.metode.label())
        .with("jenis", spec.jenis.label())
        .with("pagu", spec.pagu)
        .with("expected", expected.label())
        .with("actual", actual.label());
    if let Some(max) = max {
        evidence = evidence.with("pejabat_pengadaan_max", max);
    }
    Verdict::Violated(evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use rantai_core::{ActorId, Money};

    fn run_by(metode: MetodePemilihan, jenis: JenisPengadaan, pagu: i64, who: Option<Selector>) -> TenderSpec {
        let mut spec = fixtures::tender_spec();
        spec.metode = metode;
        spec.jenis = jenis;
        spec.pagu = Money::from_rupiah(pagu).unwrap();
        spec.officials.pokja.clear();
        spec.officials.pejabat_pengadaan = None;
        match who {
            Some(Selector::Pokja) => spec.officials.pokja = (1..=3).map(|n| ActorId::from_u128(100 + n)).collect(),
            Some(Selector::PejabatPengadaan) => spec.officials.pejabat_pengadaan = Some(ActorId::from_u128(77)),
            Some(Selector::Ppk) | None => {}
        }
        spec
    }

    fn verdict(spec: &TenderSpec) -> Verdict {
        check(spec, Rulebook::standard())
    }

    #[test]
    fn penunjukan_langsung_changes_hands_above_rp200_juta_and_rp100_juta_for_consultancy() {
        use JenisPengadaan::*;
        use MetodePemilihan::PenunjukanLangsung as PenL;
        use Selector::*;
        // Pasal 12: up to Rp200 juta (consultancy Rp100 juta) the Pejabat Pengadaan; above, the Pokja.
        assert_eq!(
            verdict(&run_by(PenL, Barang, 200_000_000, Some(PejabatPengadaan))),
            Verdict::Pass
        );
        assert!(matches!(
            verdict(&run_by(PenL, Barang, 200_000_001, Some(PejabatPengadaan))),
            Verdict::Violated(_)
        ));
        assert_eq!(verdict(&run_by(PenL, Barang, 200_000_001, Some(Pokja))), Verdict::Pass);
        assert!(matches!(
            verdict(&run_by(PenL, Barang, 150_000_000, Some(Pokja))),
            Verdict::Violated(_)
        ));
        assert!(matches!(
            verdict(&run_by(PenL, JasaKonsultansi, 150_000_000, Some(PejabatPengadaan))),
            Verdict::Violated(_)
        ));
        // The one Kab. Bandung Penunjukan Langsung: Rp1,2 miliar of consultancy, by a Pokja.
        assert_eq!(
            verdict(&run_by(PenL, JasaKonsultansi, 1_200_000_000, Some(Pokja))),
            Verdict::Pass
        );
    }

    #[test]
    fn e_purchasing_above_rp200_juta_is_the_ppks() {
        use JenisPengadaan::Barang;
        use MetodePemilihan::EPurchasing as Ep;
        assert_eq!(
            verdict(&run_by(Ep, Barang, 180_000_000, Some(Selector::PejabatPengadaan))),
            Verdict::Pass
        );
        assert_eq!(verdict(&run_by(Ep, Barang, 450_000_000, None)), Verdict::Pass); // the PPK alone
        let Verdict::Violated(ev) = verdict(&run_by(Ep, Barang, 450_000_000, Some(Selector::PejabatPengadaan))) else {
            panic!("a Pejabat Pengadaan above Rp200 juta of e-purchasing");
        };
        assert_eq!(ev.get("expected").unwrap().to_string(), "PPK");
        assert_eq!(ev.get("pejabat_pengadaan_max").unwrap().to_string(), "Rp200.000.000");
        // Up to Rp200 juta with only the PPK named: who ran it is not recorded.
        assert!(matches!(
            verdict(&run_by(Ep, Barang, 150_000_000, None)),
            Verdict::Insufficient(_)
        ));
    }

    #[test]
    fn tenders_are_the_pokjas_and_pengadaan_langsung_the_pejabat_pengadaans() {
        use JenisPengadaan::*;
        use MetodePemilihan::*;
        assert!(matches!(
            verdict(&run_by(
                Tender,
                PekerjaanKonstruksi,
                2_000_000_000,
                Some(Selector::PejabatPengadaan)
            )),
            Verdict::Violated(_)
        ));
        assert!(matches!(
            verdict(&run_by(PengadaanLangsung, Barang, 50_000_000, Some(Selector::Pokja))),
            Verdict::Violated(_)
        ));
        assert_eq!(
            verdict(&run_by(
                PengadaanLangsung,
                Barang,
                50_000_000,
                Some(Selector::PejabatPengadaan)
            )),
            Verdict::Pass
        );
        assert!(matches!(
            verdict(&run_by(Seleksi, JasaKonsultansi, 900_000_000, None)),
            Verdict::Insufficient(_)
        ));
        assert_eq!(verdict(&run_by(Kontes, Barang, 900_000_000, None)), Verdict::Pass);
    }
}
