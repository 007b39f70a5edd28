//! P-09: a Penunjukan Langsung rests on one of the "keadaan tertentu" of Perpres 16/2018 Pasal
//! 38(4)–(5), or follows a re-tender that failed (Pasal 51). Doc page: `docs/rules/P-09.md`.

use rantai_core::{Evidence, MetodePemilihan, ProcurementId, Verdict};
use serde::{Deserialize, Serialize};

use crate::tender::TenderSpec;

/// The circumstances in which Pasal 38(5) allows a Penunjukan Langsung.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeadaanTertentu {
    /// Goods or services kept secret for state defence, security or public order.
    StateSecrecy,
    /// Works that form one construction system and one liability with earlier works.
    ConstructionContinuation,
    /// Goods or services only one capable provider can supply.
    SingleProvider,
    /// Goods only the patent holder, or a licensee, can supply.
    PatentHolder,
    /// Works of art or culture that only one provider can make.
    ArtOrCulture,
}

/// Why a Penunjukan Langsung is allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum DirectBasis {
    /// A keadaan tertentu of Pasal 38(5).
    KeadaanTertentu {
        /// Which.
        keadaan: KeadaanTertentu,
    },
    /// The re-tender of the same need failed (Pasal 51): the failed procurement.
    FailedRetender {
        /// The failed re-tender.
        procurement: ProcurementId,
    },
}

/// P-09 for a procurement. `failed` tells whether a procurement is failed (`None`: not in the
/// chain).
///
/// ```
/// use rantai_core::{MetodePemilihan, ProcurementId, Verdict};
/// use rantai_procurement::rules::direct_basis::{self, DirectBasis, KeadaanTertentu};
/// let mut spec = rantai_procurement::fixtures::tender_spec();
/// spec.metode = MetodePemilihan::PenunjukanLangsung;
/// let failed = |id: ProcurementId| Some(id == ProcurementId::from_u128(7));
/// assert!(matches!(direct_basis::stated(&spec), Verdict::Violated(_))); // a command must name it
/// assert!(matches!(direct_basis::check(&spec, failed), Verdict::Insufficient { .. })); // a record may not
/// spec.direct_basis = Some(DirectBasis::KeadaanTertentu { keadaan: KeadaanTertentu::SingleProvider });
/// assert_eq!(direct_basis::check(&spec, failed), Verdict::Pass);
/// spec.direct_basis = Some(DirectBasis::FailedRetender { procurement: ProcurementId::from_u128(8) });
/// assert!(matches!(direct_basis::check(&spec, failed), Verdict::Violated(_)));
/// ```
pub fn check(spec: &TenderSpec, failed: impl Fn(ProcurementId) -> Option<bool>) -> Verdict {
    if spec.metode != MetodePemilihan::PenunjukanLangsung {
        return Verdict::Pass;
    }
    match &spec.direct_basis {
        Some(DirectBasis::KeadaanTertentu { .. }) => Verdict::Pass,
        Some(DirectBasis::FailedRetender { procurement }) => match failed(*procurement) {
            Some(true) => Verdict::Pass,
            Some(false) => Verdict::Violated(
                Evidence::new()
                    .with("basis", "failed re-tender")
                    .with("cited_procurement", procurement.to_string())
                    .with("problem", "the cited procurement has not failed"),
            ),
            None => Verdict::Violated(
                Evidence::new()
                    .with("basis", "failed re-tender")
                    .with("cited_procurement", procurement.to_string())
                    .with("problem", "the cited procurement is not in the chain"),
            ),
        },
        // A command names its basis ([`stated`]); a recorded one without it comes from a source
        // that does not carry it.
        None => Verdict::missing("the basis of the Penunjukan Langsung (the source does not state it)"),
    }
}

/// The command half of P-09: a Penunjukan Langsung sent by a live system names its basis.
pub fn stated(spec: &TenderSpec) -> Verdict {
    if spec.metode != MetodePemilihan::PenunjukanLangsung || spec.direct_basis.is_some() {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("basis", "none")
            .with("problem", "no keadaan tertentu and no failed re-tender cited"),
    )
}
