//! Organisations (SKPD/OPD and their sub-units) and the region they belong to.

use serde::{Deserialize, Serialize};

use crate::codes::{GovLevel, OrgCode};
use crate::ids::OrganisationId;

/// A region (pemerintah daerah): a province or a regency/city, with its LKPP K/L/PD code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RegionProfile {
    /// Name, e.g. "Kab. Bandung".
    pub name: String,
    /// LKPP `kd_klpd`, e.g. `D107`.
    pub kd_klpd: String,
    /// Provinsi or kabupaten/kota: the level digit every kegiatan code of the region must carry (K-02).
    pub level: GovLevel,
}

/// An organisation of the region (dinas, badan, sekretariat, kecamatan, puskesmas sub-unit…).
///
/// # Example
///
/// ```
/// use rantai_core::{Organisation, OrganisationId};
/// let dinas = Organisation::new(
///     OrganisationId::from_u128(1),
///     "1.03.2.15.1.04.03.0000".parse()?,
///     "Dinas Pekerjaan Umum dan Tata Ruang",
/// );
/// assert_eq!(dinas.code().org_number(), 3);
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    id: OrganisationId,
    code: OrgCode,
    name: String,
}

impl Organisation {
    /// An organisation with its Permendagri 90 code.
    pub fn new(id: OrganisationId, code: OrgCode, name: impl Into<String>) -> Self {
        Self {
            id,
            code,
            name: name.into(),
        }
    }
    /// The id.
    pub fn id(&self) -> OrganisationId {
        self.id
    }
    /// The `kd_satker_str` code.
    pub fn code(&self) -> OrgCode {
        self.code
    }
    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }
}
