//! Sub-kegiatan: the lowest level of the Permendagri 90/2019 plan, with its pagu for one year.

use rantai_core::{FiscalYear, Money, OrganisationId, SubKegiatanCode, SubKegiatanId};
use serde::{Deserialize, Serialize};

use crate::error::PlanningError;
use crate::events::PlanningEvent;

/// A sub-kegiatan of one organisation in one fiscal year, with the pagu the APBD gives it.
///
/// # Example
///
/// ```
/// use rantai_core::{FiscalYear, Money, OrganisationId, SubKegiatanId};
/// use rantai_planning::SubKegiatan;
///
/// let (sk, _event) = SubKegiatan::register(
///     SubKegiatanId::from_u128(1),
///     OrganisationId::from_u128(1),
///     "1.03.08.2.01.0021".parse()?,
///     "Pembangunan Jalan",
///     FiscalYear::new(2025)?,
///     Money::from_rupiah(2_500_000_000)?,
/// )?;
/// assert_eq!(sk.code().to_string(), "1.03.08.2.01.0021");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubKegiatan {
    id: SubKegiatanId,
    organisation: OrganisationId,
    code: SubKegiatanCode,
    name: String,
    fiscal_year: FiscalYear,
    pagu: Money,
}

impl SubKegiatan {
    /// Registers a sub-kegiatan with its pagu.
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidSubKegiatan`] for a zero pagu or an empty name.
    pub fn register(
        id: SubKegiatanId,
        organisation: OrganisationId,
        code: SubKegiatanCode,
        name: impl Into<String>,
        fiscal_year: FiscalYear,
        pagu: Money,
    ) -> Result<(SubKegiatan, PlanningEvent), PlanningError> {
        let name = name.into();
        if pagu.is_zero() {
            return Err(PlanningError::InvalidSubKegiatan {
                sub_kegiatan: id,
                reason: "pagu must be positive".into(),
            });
        }
        if name.trim().is_empty() {
            return Err(PlanningError::InvalidSubKegiatan {
                sub_kegiatan: id,
                reason: "name is empty".into(),
            });
        }
        let sk = SubKegiatan {
            id,
            organisation,
            code,
            name,
            fiscal_year,
            pagu,
        };
        Ok((sk.clone(), PlanningEvent::SubKegiatanRegistered { sub_kegiatan: sk }))
    }

    /// The id.
    pub fn id(&self) -> SubKegiatanId {
        self.id
    }
    /// The organisation that runs it.
    pub fn organisation(&self) -> OrganisationId {
        self.organisation
    }
    /// The Permendagri 90 code.
    pub fn code(&self) -> SubKegiatanCode {
        self.code
    }
    /// The name (nomenklatur).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The fiscal year.
    pub fn fiscal_year(&self) -> FiscalYear {
        self.fiscal_year
    }
    /// The pagu.
    pub fn pagu(&self) -> Money {
        self.pagu
    }
}
