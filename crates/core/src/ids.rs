//! Typed identifiers: one `Uuid` newtype per aggregate, minted by the caller, and the source
//! systems' own keys (`kd_rup`, `kd_tender`, `no_kontrak`) kept as their own types beside them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{CoreError, Result};

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a caller-minted UUID.
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }
            /// A deterministic id from a number, for fixtures, generators and tests.
            pub const fn from_u128(n: u128) -> Self {
                Self(Uuid::from_u128(n))
            }
            /// The underlying UUID.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "({})"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = CoreError;
            fn from_str(s: &str) -> Result<Self> {
                Uuid::parse_str(s).map(Self).map_err(|e| CoreError::InvalidCode {
                    kind: $prefix,
                    input: s.to_string(),
                    reason: e.to_string(),
                })
            }
        }
    };
}

uuid_id!(
    /// An organisation (SKPD/OPD or sub-unit).
    OrganisationId, "OrganisationId"
);
uuid_id!(
    /// A person or provider acting in the chain.
    ActorId, "ActorId"
);
uuid_id!(
    /// A program with its pagu, in one organisation and fiscal year.
    ProgramId, "ProgramId"
);
uuid_id!(
    /// A kegiatan with its pagu, in one organisation and fiscal year.
    KegiatanId, "KegiatanId"
);
uuid_id!(
    /// A sub-kegiatan with its pagu, in one organisation and fiscal year.
    SubKegiatanId, "SubKegiatanId"
);
uuid_id!(
    /// A RUP package (rencana umum pengadaan).
    PackageId, "PackageId"
);
uuid_id!(
    /// A procurement (tender, seleksi, non-tender…) of one or more announced packages.
    ProcurementId, "ProcurementId"
);
uuid_id!(
    /// A priced bid (penawaran) in a procurement.
    BidId, "BidId"
);
uuid_id!(
    /// A contract signed with a provider.
    ContractId, "ContractId"
);
uuid_id!(
    /// A DPA line: sub-kegiatan + kode rekening in one organisation.
    DpaLineId, "DpaLineId"
);
uuid_id!(
    /// A payment (SP2D).
    PaymentId, "PaymentId"
);
uuid_id!(
    /// An SPD (Surat Penyediaan Dana) on a DPA line.
    SpdId, "SpdId"
);
uuid_id!(
    /// A payment request (SPP) on its way through SPM to SP2D.
    SppId, "SppId"
);
uuid_id!(
    /// A budget revision (pergeseran or APBD-Perubahan).
    RevisionId, "RevisionId"
);
uuid_id!(
    /// A physical-progress report on a contract.
    ReportId, "ReportId"
);

/// The SIRUP package code (`kd_rup`), an integer in SIRUP.
///
/// # Example
///
/// ```
/// use rantai_core::KodeRup;
/// let k: KodeRup = "52301234".parse()?;
/// assert_eq!(k.to_string(), "52301234");
/// assert!("52-30".parse::<KodeRup>().is_err());
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct KodeRup(u64);

impl KodeRup {
    /// Wraps a SIRUP code.
    pub const fn new(code: u64) -> Self {
        Self(code)
    }
    /// The numeric code.
    pub const fn get(&self) -> u64 {
        self.0
    }
}

impl fmt::Display for KodeRup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for KodeRup {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        if s.is_empty() || s.len() > 19 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CoreError::InvalidCode {
                kind: "kd_rup",
                input: s.to_string(),
                reason: "must be a positive integer".into(),
            });
        }
        s.parse().map(KodeRup).map_err(|e| CoreError::InvalidCode {
            kind: "kd_rup",
            input: s.to_string(),
            reason: format!("{e}"),
        })
    }
}

/// A source system's own text key for a record: `kd_tender`, `kd_nontender`, `no_kontrak`, an
/// SP2D number… Kept verbatim (trimmed, non-empty, at most 200 characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ExternalKey(String);

impl ExternalKey {
    /// Wraps a key.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidCode`] for an empty or over-long key.
    pub fn new(key: impl Into<String>) -> Result<Self> {
        let key = key.into();
        let trimmed = key.trim();
        if trimmed.is_empty() || trimmed.chars().count() > 200 {
            return Err(CoreError::InvalidCode {
                kind: "external key",
                input: key.clone(),
                reason: "must be 1–200 characters".into(),
            });
        }
        Ok(Self(trimmed.to_string()))
    }
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ExternalKey {
    type Error = CoreError;
    fn try_from(s: String) -> Result<Self> {
        Self::new(s)
    }
}

impl From<ExternalKey> for String {
    fn from(k: ExternalKey) -> String {
        k.0
    }
}

impl fmt::Display for ExternalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
