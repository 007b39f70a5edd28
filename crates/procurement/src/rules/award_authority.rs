//! P-05: the Pokja sets the winner only up to its authority — pagu Rp100 miliar for goods, works
//! and other services, Rp10 miliar for consultancy; above, the PA sets it on the Pokja's proposal
//! (Perpres 16/2018 Pasal 9(1), 13(1)). Judged when the winner is set (`AwardTender`): who set it
//! is not part of SPSE's published data. Doc page: `docs/rules/P-05.md`.

use rantai_core::param::{self};
use rantai_core::{Evidence, JenisPengadaan, Rulebook, Verdict};

use crate::tender::TenderSpec;

/// P-05 for a winner set by the Pokja (or Pejabat Pengadaan) when `by_pa` is false, or by the
/// PA/KPA when it is true.
///
/// ```
/// use rantai_core::{Money, Rulebook, Verdict};
/// use rantai_procurement::{fixtures, rules::award_authority};
/// let mut spec = fixtures::tender_spec(); // works, pagu Rp1 miliar
/// assert_eq!(award_authority::check(&spec, false, Rulebook::standard()), Verdict::Pass);
/// spec.pagu = Money::from_rupiah(150_000_000_000).unwrap();
/// assert!(matches!(award_authority::check(&spec, false, Rulebook::standard()), Verdict::Violated(_)));
/// assert_eq!(award_authority::check(&spec, true, Rulebook::standard()), Verdict::Pass);
/// ```
pub fn check(spec: &TenderSpec, by_pa: bool, rulebook: &Rulebook) -> Verdict {
    if by_pa {
        return Verdict::Pass;
    }
    let max = if spec.jenis == JenisPengadaan::JasaKonsultansi {
        param::p05::POKJA_MAX_KONSULTANSI
    } else {
        param::p05::POKJA_MAX
    };
    let Ok(limit) = rulebook.get(max, spec.announced_on) else {
        return Verdict::missing(format!("P-05 {} in force on {}", max.name(), spec.announced_on));
    };
    if spec.pagu <= limit {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("pagu", spec.pagu)
            .with("pokja_limit", limit)
            .with("set_by", "Pokja")
            .with("must_be_set_by", "PA"),
    )
}
