//! P-10: a Tender Cepat takes bidders already qualified in SIKaP and evaluates price only — the
//! lowest price wins (Perpres 16/2018 Pasal 38(6), 50). rantai judges the half the data carries,
//! the evaluation method; SIKaP qualification is not recorded. Doc page: `docs/rules/P-10.md`.

use rantai_core::{Evidence, MetodePemilihan, Verdict};

use crate::tender::{EvaluationMethod, TenderSpec};

/// P-10 for a procurement: a Tender Cepat evaluated by anything but the lowest price is found;
/// one whose evaluation method is not known is undecided.
///
/// ```
/// use rantai_core::{MetodePemilihan, Verdict};
/// use rantai_procurement::{EvaluationMethod, fixtures, rules::tender_cepat};
/// let mut spec = fixtures::tender_spec();
/// spec.metode = MetodePemilihan::TenderCepat; // evaluated on Harga Terendah
/// assert_eq!(tender_cepat::check(&spec), Verdict::Pass);
/// spec.evaluation = Some(EvaluationMethod::SistemNilai);
/// assert!(matches!(tender_cepat::check(&spec), Verdict::Violated(_)));
/// ```
pub fn check(spec: &TenderSpec) -> Verdict {
    if spec.metode != MetodePemilihan::TenderCepat {
        return Verdict::Pass;
    }
    match spec.evaluation {
        None => Verdict::missing("the evaluation method of the Tender Cepat"),
        Some(EvaluationMethod::HargaTerendah) => Verdict::Pass,
        Some(other) => Verdict::Violated(
            Evidence::new()
                .with("evaluation", format!("{other:?}"))
                .with("required", "HargaTerendah (price only)"),
        ),
    }
}
