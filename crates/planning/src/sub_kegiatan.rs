//! Sub-kegiatan: the lowest level of the Permendagri 90/2019 plan, with its pagu and output
//! indicators for one year, under a kegiatan when the hierarchy is registered.

use rantai_core::{FiscalYear, KegiatanId, Money, OrganisationId, SubKegiatanCode, SubKegiatanId};
use serde::{Deserialize, Serialize};

use crate::error::PlanningError;
use crate::events::PlanningEvent;
use crate::hierarchy::{Indicator, IndicatorLevel, Kegiatan};

/// What registering a sub-kegiatan needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubKegiatanSpec {
    /// Its id.
    pub id: SubKegiatanId,
    /// The organisation that runs it.
    pub organisation: OrganisationId,
    /// The code.
    pub code: SubKegiatanCode,
    /// The name (nomenklatur).
    pub name: String,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The pagu.
    pub pagu: Money,
    /// The kegiatan it belongs to, when the hierarchy is registered.
    pub kegiatan: Option<KegiatanId>,
    /// Output indicators.
    pub indicators: Vec<Indicator>,
}

/// A sub-kegiatan of one organisation in one fiscal year, with the pagu the APBD gives it.
///
/// # Example
///
/// ```
/// use rantai_core::{FiscalYear, Money, OrganisationId, SubKegiatanId};
/// use rantai_planning::{Indicator, IndicatorLevel, SubKegiatan, SubKegiatanSpec};
///
/// let (sk, _event) = SubKegiatan::register(
///     SubKegiatanSpec {
///         id: SubKegiatanId::from_u128(1),
///         organisation: OrganisationId::from_u128(1),
///         code: "2.07.02.2.01.0001".parse()?,
///         name: "Penyusunan Rencana Tenaga Kerja Makro".into(),
///         fiscal_year: FiscalYear::new(2025)?,
///         pagu: Money::from_rupiah(12_414_700)?,
///         kegiatan: None,
///         indicators: vec![Indicator::new(IndicatorLevel::Output, "Jumlah Dokumen RTK Makro", "Dokumen")
///             .with_target(FiscalYear::new(2025)?, 1.into())],
///     },
///     None,
/// )?;
/// assert_eq!(sk.code().to_string(), "2.07.02.2.01.0001");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SubKegiatan {
    spec: SubKegiatanSpec,
}

impl SubKegiatan {
    /// Registers a sub-kegiatan, under `parent` when given (its code must extend the kegiatan's
    /// and it must be in the same organisation and year).
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidSubKegiatan`] for a zero pagu or an empty name;
    /// [`PlanningError::InvalidHierarchy`] when it does not fit its kegiatan or an indicator is
    /// not an output indicator.
    pub fn register(
        spec: SubKegiatanSpec,
        parent: Option<&Kegiatan>,
    ) -> Result<(SubKegiatan, PlanningEvent), PlanningError> {
        let invalid = |reason: &str| PlanningError::InvalidSubKegiatan {
            sub_kegiatan: spec.id,
            reason: reason.into(),
        };
        if spec.pagu.is_zero() {
            return Err(invalid("pagu must be positive"));
        }
        if spec.name.trim().is_empty() {
            return Err(invalid("name is empty"));
        }
        if spec.indicators.iter().any(|i| i.level != IndicatorLevel::Output) {
            return Err(PlanningError::InvalidHierarchy {
                reason: format!(
                    "sub-kegiatan {}: sub-kegiatan indicators are output indicators",
                    spec.code
                ),
            });
        }
        if let Some(k) = parent {
            if spec.kegiatan != Some(k.id) || spec.code.kegiatan() != k.code {
                return Err(PlanningError::InvalidHierarchy {
                    reason: format!("sub-kegiatan {} does not belong to kegiatan {}", spec.code, k.code),
                });
            }
            if spec.organisation != k.organisation || spec.fiscal_year != k.fiscal_year {
                return Err(PlanningError::InvalidHierarchy {
                    reason: format!(
                        "sub-kegiatan {} must be in the organisation and year of kegiatan {}",
                        spec.code, k.code
                    ),
                });
            }
        }
        let sk = SubKegiatan { spec };
        Ok((sk.clone(), PlanningEvent::SubKegiatanRegistered { sub_kegiatan: sk }))
    }

    /// The id.
    pub fn id(&self) -> SubKegiatanId {
        self.spec.id
    }
    /// The organisation that runs it.
    pub fn organisation(&self) -> OrganisationId {
        self.spec.organisation
    }
    /// The Permendagri 90 code.
    pub fn code(&self) -> SubKegiatanCode {
        self.spec.code
    }
    /// The name (nomenklatur).
    pub fn name(&self) -> &str {
        &self.spec.name
    }
    /// The fiscal year.
    pub fn fiscal_year(&self) -> FiscalYear {
        self.spec.fiscal_year
    }
    /// The pagu.
    pub fn pagu(&self) -> Money {
        self.spec.pagu
    }
    /// Its kegiatan, when registered under one.
    pub fn kegiatan(&self) -> Option<KegiatanId> {
        self.spec.kegiatan
    }
    /// Output indicators.
    pub fn indicators(&self) -> &[Indicator] {
        &self.spec.indicators
    }
}
