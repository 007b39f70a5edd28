//! P-09: a Penunjukan Langsung rests on one of the "keadaan tertentu" of Perpres 16/2018 Pasal
//! 38(4)–(5), or follows a re-tender that failed (Pasal 51). Doc page: `docs/rules/P-09.md`.

use rantai_core::{Evidence, MetodePemilihan, ProcurementId, Verdict};
use serde::{Deserialize, Serialize};

use crate::tender::TenderSpec;

/// The circumstances in which Pasal 38(5) allows a Penunjukan Langsung.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "basis", rename_all = "snake_case", deny_unknown_fields)]
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

/// What P-09 needs to know about the procurement a Penunjukan Langsung cites as its failed
/// re-tender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cited {
    /// It was declared failed.
    pub failed: bool,
    /// It procured one of the Penunjukan Langsung's RUP packages (a shared `kd_rup`).
    pub same_package: bool,
    /// It was itself a re-tender: an earlier procurement of one of its packages failed.
    pub retender: bool,
}

/// P-09 for a procurement. `cited` describes a procurement the basis cites (`None`: not in the
/// chain).
///
/// ```
/// use rantai_core::{MetodePemilihan, ProcurementId, Verdict};
/// use rantai_procurement::rules::direct_basis::{self, Cited, DirectBasis, KeadaanTertentu};
/// let mut spec = rantai_procurement::fixtures::tender_spec();
/// spec.metode = MetodePemilihan::PenunjukanLangsung;
/// let cited = |id: ProcurementId| {
///     (id == ProcurementId::from_u128(7)).then_some(Cited { failed: true, same_package: true, retender: true })
/// };
/// assert!(matches!(direct_basis::stated(&spec), Verdict::Violated(_))); // a command must name it
/// assert!(matches!(direct_basis::check(&spec, cited), Verdict::Insufficient { .. })); // a record may not
/// spec.direct_basis = Some(DirectBasis::KeadaanTertentu { keadaan: KeadaanTertentu::SingleProvider });
/// assert_eq!(direct_basis::check(&spec, cited), Verdict::Pass);
/// spec.direct_basis = Some(DirectBasis::FailedRetender { procurement: ProcurementId::from_u128(7) });
/// assert_eq!(direct_basis::check(&spec, cited), Verdict::Pass);
/// spec.direct_basis = Some(DirectBasis::FailedRetender { procurement: ProcurementId::from_u128(8) });
/// assert!(matches!(direct_basis::check(&spec, cited), Verdict::Violated(_)));
/// ```
pub fn check(spec: &TenderSpec, cited: impl Fn(ProcurementId) -> Option<Cited>) -> Verdict {
    if spec.metode != MetodePemilihan::PenunjukanLangsung {
        return Verdict::Pass;
    }
    match &spec.direct_basis {
        Some(DirectBasis::KeadaanTertentu { .. }) => Verdict::Pass,
        Some(DirectBasis::FailedRetender { procurement }) => {
            let problem = match cited(*procurement) {
                None => "the cited procurement is not in the chain",
                Some(c) if !c.failed => "the cited procurement has not failed",
                Some(c) if !c.same_package => "the cited procurement is not of the same RUP package",
                Some(c) if !c.retender => "the cited procurement is a first tender, not a failed re-tender",
                Some(_) => return Verdict::Pass,
            };
            Verdict::Violated(
                Evidence::new()
                    .with("basis", "failed re-tender")
                    .with("cited_procurement", procurement.to_string())
                    .with("problem", problem),
            )
        }
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
