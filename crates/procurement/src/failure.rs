//! A failed procurement (tender/seleksi gagal, Perpres 16/2018 Pasal 51): the ground it was
//! declared on, who may declare it, and when. After a failure the Pokja re-tenders; if the
//! re-tender fails too, the PA/KPA may approve a Penunjukan Langsung (T-09).

use chrono::NaiveDate;
use rantai_core::Role;
use serde::{Deserialize, Serialize};

/// The grounds of Pasal 51 on which a tender or seleksi is declared failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FailureGround {
    /// Error in the evaluation (Pokja).
    EvaluationError,
    /// No bid after the deadline was extended (Pokja).
    NoBids,
    /// No bidder passes the evaluation (Pokja).
    NoQualifiedBidder,
    /// Error in the Dokumen Pemilihan, or it does not comply with the Perpres (Pokja).
    DocumentError,
    /// All bidders involved in corruption, collusion or nepotism (Pokja).
    KknAmongBidders,
    /// All bidders in unfair competition (persekongkolan) (Pokja).
    Collusion,
    /// Every price offer is above the HPS, for goods, works and other services (Pokja).
    AllOffersAboveHps,
    /// The cost negotiation of a seleksi failed (Pokja).
    NegotiationFailed,
    /// KKN involving the Pokja or the PPK (Pokja).
    KknOfficials,
    /// The PPK refused to sign the SPPBJ and the PA/KPA agreed (PA/KPA).
    PpkRefusedSppbj,
    /// A public complaint of KKN involving the Pokja or PPK proved true (PA/KPA).
    ComplaintProven,
    /// A procedural objection proved true (PA/KPA).
    ObjectionProven,
    /// The winner and reserve winners 1 and 2 all withdrew (PA/KPA).
    WinnersWithdrew,
    /// A sanggah banding on KKN involving the PA/KPA proved true (Kepala Daerah).
    SanggahBandingKkn,
}

impl FailureGround {
    /// Every ground.
    pub const ALL: [FailureGround; 14] = [
        FailureGround::EvaluationError,
        FailureGround::NoBids,
        FailureGround::NoQualifiedBidder,
        FailureGround::DocumentError,
        FailureGround::KknAmongBidders,
        FailureGround::Collusion,
        FailureGround::AllOffersAboveHps,
        FailureGround::NegotiationFailed,
        FailureGround::KknOfficials,
        FailureGround::PpkRefusedSppbj,
        FailureGround::ComplaintProven,
        FailureGround::ObjectionProven,
        FailureGround::WinnersWithdrew,
        FailureGround::SanggahBandingKkn,
    ];

    /// The roles that may declare a failure on this ground.
    ///
    /// ```
    /// use rantai_core::Role;
    /// use rantai_procurement::FailureGround as G;
    /// assert!(G::AllOffersAboveHps.declared_by().contains(&Role::PokjaMember));
    /// assert_eq!(G::WinnersWithdrew.declared_by(), &[Role::Pa, Role::Kpa]);
    /// assert_eq!(G::SanggahBandingKkn.declared_by(), &[Role::KepalaDaerah]);
    /// ```
    pub fn declared_by(self) -> &'static [Role] {
        match self {
            FailureGround::PpkRefusedSppbj
            | FailureGround::ComplaintProven
            | FailureGround::ObjectionProven
            | FailureGround::WinnersWithdrew => &[Role::Pa, Role::Kpa],
            FailureGround::SanggahBandingKkn => &[Role::KepalaDaerah],
            _ => &[Role::PokjaMember, Role::PejabatPengadaan],
        }
    }

    /// Whether the ground can arise only after the winner is set.
    pub fn after_award(self) -> bool {
        matches!(self, FailureGround::PpkRefusedSppbj | FailureGround::WinnersWithdrew)
    }

    /// The ground in the regulation's words.
    pub fn label(self) -> &'static str {
        match self {
            FailureGround::EvaluationError => "kesalahan dalam proses evaluasi",
            FailureGround::NoBids => "tidak ada peserta yang menyampaikan penawaran setelah perpanjangan",
            FailureGround::NoQualifiedBidder => "tidak ada peserta yang lulus evaluasi",
            FailureGround::DocumentError => "kesalahan Dokumen Pemilihan atau tidak sesuai Perpres",
            FailureGround::KknAmongBidders => "seluruh peserta terlibat KKN",
            FailureGround::Collusion => "seluruh peserta terlibat persaingan usaha tidak sehat",
            FailureGround::AllOffersAboveHps => "seluruh penawaran harga di atas HPS",
            FailureGround::NegotiationFailed => "negosiasi biaya pada Seleksi tidak tercapai",
            FailureGround::KknOfficials => "KKN melibatkan Pokja/PPK",
            FailureGround::PpkRefusedSppbj => "PPK tidak bersedia menandatangani SPPBJ",
            FailureGround::ComplaintProven => "pengaduan masyarakat atas KKN terbukti benar",
            FailureGround::ObjectionProven => "sanggah atas kesalahan prosedur terbukti benar",
            FailureGround::WinnersWithdrew => "calon pemenang dan cadangan 1 dan 2 mengundurkan diri",
            FailureGround::SanggahBandingKkn => "sanggah banding atas KKN PA/KPA terbukti benar",
        }
    }
}

/// The declaration that a procurement failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    /// When it was declared.
    pub declared_on: NaiveDate,
    /// The Pasal 51 ground; `None` when the source gives none (a recorded SPSE "Gagal/Batal"
    /// carries only free text) — T-09 reports it.
    pub ground: Option<FailureGround>,
    /// What the declaration says (SPSE `ket_ditutup`), if anything.
    pub statement: Option<String>,
}
