//! Stable ids for imported records: the same source key always gives the same id, so a second
//! import of the same data meets the records of the first, and personal keys (NIP) are hashed,
//! never stored.

use rantai_core::{
    ActorId, BidId, ContractId, KegiatanId, KodeRup, OrgCode, OrganisationId, PackageId, ProcurementId, ProgramId,
    ReportId, SubKegiatanId,
};
use sha2::{Digest, Sha256};

fn stable_uuid(kind: &str, key: &str) -> uuid::Uuid {
    let digest = Sha256::digest(format!("rantai:{kind}:{key}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The organisation id rantai gives a `kd_satker_str` (stable across imports).
pub fn organisation_id(code: OrgCode) -> OrganisationId {
    OrganisationId::from_uuid(stable_uuid("satker", &code.to_string()))
}

/// The package id rantai gives a `kd_rup`.
pub fn package_id(kd_rup: KodeRup) -> PackageId {
    PackageId::from_uuid(stable_uuid("kd_rup", &kd_rup.to_string()))
}

/// A stable, opaque id for an official's NIP (PPK, Pokja member, Pejabat Pengadaan): the NIP
/// itself is personal data and never stored.
pub fn ppk_id(nip: &str) -> ActorId {
    ActorId::from_uuid(stable_uuid("nip_ppk", nip.trim()))
}

/// The program id for SIRUP's `kd_program`.
pub fn program_id(kd_program: &str) -> ProgramId {
    ProgramId::from_uuid(stable_uuid("kd_program", kd_program))
}

/// The kegiatan id for SIRUP's `kd_kegiatan`.
pub fn kegiatan_id(kd_kegiatan: &str) -> KegiatanId {
    KegiatanId::from_uuid(stable_uuid("kd_kegiatan", kd_kegiatan))
}

/// The sub-kegiatan id for SIRUP's `kd_subkegiatan`.
pub fn sub_kegiatan_id(kd_subkegiatan: &str) -> SubKegiatanId {
    SubKegiatanId::from_uuid(stable_uuid("kd_subkegiatan", kd_subkegiatan))
}

/// Whether a procurement is an SPSE tender (`kd_tender`) or non-tender (`kd_nontender`): their
/// numbers are separate sequences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpseKind {
    /// Tender and Seleksi (`kd_tender`).
    Tender,
    /// Pengadaan Langsung and Penunjukan Langsung (`kd_nontender`).
    NonTender,
}

impl SpseKind {
    /// The SPSE key's name.
    pub fn key_name(self) -> &'static str {
        match self {
            SpseKind::Tender => "kd_tender",
            SpseKind::NonTender => "kd_nontender",
        }
    }
}

/// The procurement id for an SPSE `kd_tender` or `kd_nontender`.
pub fn procurement_id(track: SpseKind, key: &str) -> ProcurementId {
    ProcurementId::from_uuid(stable_uuid(track.key_name(), key))
}

/// The contract id for a procurement's contract.
pub fn contract_id(track: SpseKind, key: &str) -> ContractId {
    ContractId::from_uuid(stable_uuid(&format!("contract:{}", track.key_name()), key))
}

/// The provider id for SIKaP's `kd_penyedia` (the provider's name and NPWP are never stored).
pub fn provider_id(kd_penyedia: &str) -> ActorId {
    ActorId::from_uuid(stable_uuid("kd_penyedia", kd_penyedia))
}

/// The bid id of a provider's offer in a procurement.
pub fn bid_id(track: SpseKind, key: &str, kd_penyedia: &str) -> BidId {
    BidId::from_uuid(stable_uuid(
        &format!("bid:{}", track.key_name()),
        &format!("{key}:{kd_penyedia}"),
    ))
}

/// The progress report id of one BAP/BAST row of a contract.
pub fn report_id(track: SpseKind, key: &str, row: usize) -> ReportId {
    ReportId::from_uuid(stable_uuid(
        &format!("bap:{}", track.key_name()),
        &format!("{key}:{row}"),
    ))
}
