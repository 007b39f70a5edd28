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

/// Turns an official's NIP (PPK, Pokja member, Pejabat Pengadaan) into an opaque, stable id with
/// a keyed hash (HMAC-SHA256): a NIP is a birth date, an appointment month, a sex digit and a
/// sequence — few enough to try them all — so without the key an id cannot be traced back. The
/// NIP itself is never stored.
///
/// ```
/// use rantai_lkpp::Pseudonyms;
/// let ours = Pseudonyms::new(b"the region's secret");
/// assert_eq!(ours.official("197502102000122004"), ours.official(" 197502102000122004 "));
/// assert_ne!(ours.official("197502102000122004"), Pseudonyms::default().official("197502102000122004"));
/// ```
#[derive(Clone)]
pub struct Pseudonyms {
    key: [u8; 32],
}

impl Pseudonyms {
    /// Keyed by `secret` (any length; a deployment keeps it outside the chain and the store).
    pub fn new(secret: &[u8]) -> Self {
        Self {
            key: Sha256::digest(secret).into(),
        }
    }

    /// The id of the official with this NIP.
    pub fn official(&self, nip: &str) -> ActorId {
        self.id(&format!("rantai:official:{}", nip.trim()))
    }

    /// The id of a person or company named by another identifier (`kind` = `nik`, `npwp`, …),
    /// in a space of its own: a NIK never gives an official's id.
    ///
    /// ```
    /// use rantai_lkpp::Pseudonyms;
    /// let p = Pseudonyms::default();
    /// assert_eq!(p.person("nik", "3204000000000001"), p.person("nik", " 3204000000000001"));
    /// assert_ne!(p.person("nik", "3204000000000001"), p.person("npwp", "3204000000000001"));
    /// assert_ne!(p.person("nik", "197502102000122004"), p.official("197502102000122004"));
    /// ```
    pub fn person(&self, kind: &str, value: &str) -> ActorId {
        self.id(&format!("rantai:person:{kind}:{}", value.trim()))
    }

    /// The id keyed from one message: the first 16 bytes of its HMAC.
    fn id(&self, message: &str) -> ActorId {
        let mac = hmac_sha256(&self.key, message.as_bytes());
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&mac[..16]);
        ActorId::from_uuid(uuid::Builder::from_custom_bytes(bytes).into_uuid())
    }
}

impl Default for Pseudonyms {
    /// The built-in key: ids are stable and opaque, but anyone with rantai's source can trace
    /// them; a deployment sets its own ([`Pseudonyms::new`]).
    fn default() -> Self {
        Self::new(b"rantai built-in pseudonym key: set your own")
    }
}

impl std::fmt::Debug for Pseudonyms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonyms(key hidden)")
    }
}

/// HMAC-SHA256 (RFC 2104) of `message` under a 32-byte `key`.
fn hmac_sha256(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(key);
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
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

/// The procurement id of an e-katalog order (`kd_paket` of Ecat-PaketEPurchasingV6).
pub fn order_id(kd_paket: &str) -> ProcurementId {
    ProcurementId::from_uuid(stable_uuid("kd_paket", kd_paket))
}

/// The id of an e-katalog order's one offer: the provider's catalogue price.
pub fn order_bid_id(kd_paket: &str) -> BidId {
    BidId::from_uuid(stable_uuid("bid:kd_paket", kd_paket))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2 ("Jefe"), with the key zero-padded to 32 bytes as HMAC pads it.
    #[test]
    fn hmac_matches_rfc_4231() {
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        let mac = hmac_sha256(&key, b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
