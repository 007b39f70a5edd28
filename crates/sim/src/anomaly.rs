//! The anomalies a generated region carries: each is a departure from a clean package, injected
//! on purpose or drawn at its real rate, and labelled with every finding it must produce.

use rantai_core::{RuleId, Subject};

/// What a label's subject is, relative to the package it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum On {
    /// The RUP package.
    Package,
    /// Its procurement.
    Procurement,
    /// Its contract.
    Contract,
    /// The DPA line paying it (the package's own line when the anomaly needs one).
    DpaLine,
}

/// One kind of anomaly the generator injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anomaly {
    /// A Pengadaan Langsung of goods, works or other services above its ceiling.
    PlAboveCeiling,
    /// A Pengadaan Langsung of consultancy above its ceiling.
    PlKonsultansiAboveCeiling,
    /// HPS set above the pagu.
    HpsAbovePagu,
    /// The one priced bid is above HPS and wins.
    WinningBidAboveHps,
    /// Under Harga Terendah, the second-lowest bid wins.
    NotLowestWinner,
    /// The winning bid is under 80 % of HPS with no clarification recorded.
    LowBid,
    /// A tender contract at or within 1 % of HPS.
    AtEstimate,
    /// The procurement cites a `kd_rup` the plan does not have.
    UnknownRup,
    /// The tender's pagu differs from its announced package's.
    PaguDiffersFromPlan,
    /// The tender announced well over K-06's allowed slip after its planned selection opens.
    LateSelection,
    /// Addenda raise the contract value by more than 10 %.
    BigAddenda,
    /// Physical progress far behind plan, and no show-cause meeting.
    CriticalContract,
    /// Payments ahead of reported physical progress.
    PaymentAheadOfProgress,
    /// Payments above the contract value.
    Overpaid,
    /// The contract is committed on a DPA line too small for it.
    LineTooSmall,
    /// Past its end date with no handover.
    NotCompleted,
    /// Works done in fewer days than plausible.
    ShortWorks,
    /// An advance above the cap for a small business.
    AdvanceAboveCap,
    /// A contract above the kuitansi limit written on a kuitansi.
    WrongContractForm,
    /// A package small business could take, not reserved and no reason given.
    NotReservedForUmk,
    /// The contract signed more than 14 working days after the SPPBJ.
    LateSigning,
    /// The winning bid is under 70 % of HPS: far below the estimate.
    FarBelowEstimate,
    /// A Penunjukan Langsung claiming a failed re-tender that the chain does not hold.
    DirectOnFalseGround,
    /// A Seleksi (consultancy's method) used to buy goods.
    WrongMethodForObject,
    /// The winner set more than 45 days after the announcement.
    SlowAward,
    /// A contract above the threshold signed with half the performance bond it requires.
    BondTooSmall,
    /// A Pokja of two members.
    PokjaOfTwo,
    /// The PPK runs the selection of its own package as Pejabat Pengadaan.
    PpkSelectsOwnPackage,
    /// A tender declared failed with no Pasal 51 ground, and not re-tendered.
    FailedWithoutGround,
    /// Works paid in full before the maintenance period ends: no retention held.
    RetentionNotHeld,
    /// Unit rates (Harga Satuan) on a consultancy contract.
    WrongContractType,
    /// The contract signed above the award.
    ContractAboveAward,
    /// The winner is controlled by the PPK of the procurement.
    OfficialTiedBidder,
    /// Two bidders of one tender controlled by the same shareholder.
    CommonControl,
    /// A masa sanggah of two days.
    ShortSanggah,
    /// A stage of the schedule ending on a Saturday.
    WeekendEnd,
    /// The winner announced before it is set.
    OutOfOrder,
    /// The aanwijzing on the day of the invitation and the upload closed two days later.
    ShortWindow,
    /// A Tender Cepat evaluated on quality and cost, not on price alone.
    TenderCepatByQuality,
    /// A catalogue purchase above Rp200 juta run by the Pejabat Pengadaan, not the PPK.
    EPurchasingByPejabat,
    /// An organisation procures a package another organisation planned.
    OtherOrganisation,
    /// A value-changing addendum signed after the end date, in the penalty period.
    AddendumWhenLate,
    /// The contract dated before the award it follows.
    SignedBeforeAward,
    /// A tender won on a single priced bid (drawn at its real rate, not injected).
    SingleBid,
}

impl Anomaly {
    /// The kinds injected package by package, in the order the generator cycles through them.
    pub const INJECTED: [Anomaly; 43] = [
        Anomaly::PlAboveCeiling,
        Anomaly::PlKonsultansiAboveCeiling,
        Anomaly::HpsAbovePagu,
        Anomaly::WinningBidAboveHps,
        Anomaly::NotLowestWinner,
        Anomaly::LowBid,
        Anomaly::AtEstimate,
        Anomaly::UnknownRup,
        Anomaly::PaguDiffersFromPlan,
        Anomaly::LateSelection,
        Anomaly::BigAddenda,
        Anomaly::CriticalContract,
        Anomaly::PaymentAheadOfProgress,
        Anomaly::Overpaid,
        Anomaly::LineTooSmall,
        Anomaly::NotCompleted,
        Anomaly::ShortWorks,
        Anomaly::AdvanceAboveCap,
        Anomaly::WrongContractForm,
        Anomaly::NotReservedForUmk,
        Anomaly::LateSigning,
        Anomaly::FarBelowEstimate,
        Anomaly::DirectOnFalseGround,
        Anomaly::WrongMethodForObject,
        Anomaly::SlowAward,
        Anomaly::BondTooSmall,
        Anomaly::PokjaOfTwo,
        Anomaly::PpkSelectsOwnPackage,
        Anomaly::FailedWithoutGround,
        Anomaly::RetentionNotHeld,
        Anomaly::WrongContractType,
        Anomaly::ContractAboveAward,
        Anomaly::OfficialTiedBidder,
        Anomaly::CommonControl,
        Anomaly::ShortSanggah,
        Anomaly::WeekendEnd,
        Anomaly::OutOfOrder,
        Anomaly::ShortWindow,
        Anomaly::TenderCepatByQuality,
        Anomaly::EPurchasingByPejabat,
        Anomaly::OtherOrganisation,
        Anomaly::AddendumWhenLate,
        Anomaly::SignedBeforeAward,
    ];

    /// Every finding the anomaly must produce, with its subject. Where one departure breaks
    /// more than one rule the overlap is listed and explained here.
    pub fn labels(self) -> &'static [(RuleId, On)] {
        use On::{Contract, DpaLine, Package, Procurement};
        match self {
            // The plan and the procurement both carry the method and pagu.
            Anomaly::PlAboveCeiling => &[(RuleId::P01, Package), (RuleId::P01, Procurement)],
            Anomaly::PlKonsultansiAboveCeiling => &[(RuleId::P02, Package), (RuleId::P02, Procurement)],
            Anomaly::HpsAbovePagu => &[(RuleId::H01, Procurement)],
            // Above HPS and alone: the bid (H-02), the contract (H-03), the award at the estimate
            // (D9) and the single bid (H-07) are four views of one award.
            Anomaly::WinningBidAboveHps => &[
                (RuleId::H02, Procurement),
                (RuleId::H03, Contract),
                (RuleId::D9, Procurement),
                (RuleId::H07, Procurement),
            ],
            Anomaly::NotLowestWinner => &[(RuleId::H08, Procurement)],
            Anomaly::LowBid => &[(RuleId::H04, Procurement)],
            Anomaly::AtEstimate => &[(RuleId::D9, Procurement)],
            Anomaly::UnknownRup => &[(RuleId::K04, Procurement)],
            Anomaly::PaguDiffersFromPlan => &[(RuleId::K05, Procurement)],
            Anomaly::LateSelection => &[(RuleId::K06, Procurement)],
            // An addendum that raises the value is D12 too.
            Anomaly::BigAddenda => &[(RuleId::C01, Contract), (RuleId::D12, Contract)],
            // A critical contract without its show-cause meeting is C-08 as well.
            Anomaly::CriticalContract => &[(RuleId::C07, Contract), (RuleId::C08, Contract)],
            Anomaly::PaymentAheadOfProgress => &[(RuleId::K11, Contract)],
            // Paying past the contract value also pays past the commitment on the line, past the
            // net balance, and (by more than K-11's margin) past the physical progress.
            Anomaly::Overpaid => &[
                (RuleId::D13, Contract),
                (RuleId::K08, DpaLine),
                (RuleId::C09, Contract),
                (RuleId::K11, Contract),
            ],
            Anomaly::LineTooSmall => &[(RuleId::K08, DpaLine)],
            Anomaly::NotCompleted => &[(RuleId::D14, Contract)],
            Anomaly::ShortWorks => &[(RuleId::D16, Contract)],
            Anomaly::AdvanceAboveCap => &[(RuleId::C05, Contract)],
            Anomaly::WrongContractForm => &[(RuleId::P11, Contract)],
            Anomaly::NotReservedForUmk => &[(RuleId::P06, Package)],
            Anomaly::LateSigning => &[(RuleId::T06, Contract)],
            // Under 70 % of HPS is also under H-04's 80 %.
            Anomaly::FarBelowEstimate => &[(RuleId::H04, Procurement), (RuleId::D8, Procurement)],
            // (Recorded without any basis it would be `Insufficient`: the source may not carry it.)
            Anomaly::DirectOnFalseGround => &[(RuleId::P09, Procurement)],
            Anomaly::WrongMethodForObject => &[(RuleId::P03, Package), (RuleId::P03, Procurement)],
            Anomaly::SlowAward => &[(RuleId::T07, Procurement)],
            Anomaly::BondTooSmall => &[(RuleId::H05, Contract)],
            Anomaly::PokjaOfTwo => &[(RuleId::R03, Procurement)],
            Anomaly::PpkSelectsOwnPackage => &[(RuleId::R01, Procurement)],
            Anomaly::FailedWithoutGround => &[(RuleId::T09, Procurement)],
            Anomaly::RetentionNotHeld => &[(RuleId::C06, Contract)],
            Anomaly::WrongContractType => &[(RuleId::C10, Contract)],
            Anomaly::ContractAboveAward => &[(RuleId::D10, Contract)],
            Anomaly::OfficialTiedBidder => &[(RuleId::H11, Procurement)],
            Anomaly::CommonControl => &[(RuleId::H10, Procurement)],
            Anomaly::ShortSanggah => &[(RuleId::T02, Procurement)],
            Anomaly::WeekendEnd => &[(RuleId::T05, Procurement)],
            Anomaly::OutOfOrder => &[(RuleId::T01, Procurement)],
            // A window this short leaves no room for the aanwijzing either (T-04).
            Anomaly::ShortWindow => &[(RuleId::T04, Procurement), (RuleId::T08, Procurement)],
            Anomaly::TenderCepatByQuality => &[(RuleId::P10, Procurement)],
            Anomaly::EPurchasingByPejabat => &[(RuleId::P04, Procurement)],
            Anomaly::OtherOrganisation => &[(RuleId::D2, Procurement)],
            // Late (D14), and the addendum raises the price (D12).
            Anomaly::AddendumWhenLate => &[
                (RuleId::C02, Contract),
                (RuleId::D12, Contract),
                (RuleId::D14, Contract),
            ],
            Anomaly::SignedBeforeAward => &[(RuleId::D20, Contract)],
            Anomaly::SingleBid => &[(RuleId::H07, Procurement)],
        }
    }
}

/// Anomalies of an organisation rather than of one package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrgAnomaly {
    /// One provider wins three procurements of the organisation (H-09).
    RepeatWinner,
    /// Three Pengadaan Langsung of one object bunched just under the ceiling (P-08).
    Splitting,
    /// Absorption behind the quarterly marks, or too much of it in the fourth quarter (K-10);
    /// read off the generated payments.
    BackLoaded,
    /// Two Pengadaan Langsung of one jenis won by one provider, together above the ceiling (D17).
    SplitToOneProvider,
    /// The PPK is also the bendahara.
    PpkAlsoBendahara,
    /// The Pejabat Pengadaan is also the bendahara.
    PejabatAlsoBendahara,
    /// The KPA acts as PPK.
    KpaAlsoPpk,
    /// The PPK-SKPD is also a PPTK.
    PpkSkpdAlsoPptk,
    /// Most of the procurement spending not reserved for small business, each with its reason
    /// (P-07; no package is P-06).
    LowUmkShare,
    /// A PP 39/2006 quarterly report submitted a week after its deadline (K-13).
    LateQuarterlyReport,
    /// Sub-kegiatan number `0` given less pagu than its packages plan (K-03).
    SubKegiatanOverdrawn(usize),
    /// Sub-kegiatan number `0` coded for the other level of government (K-02, on it and on its
    /// kegiatan).
    WrongLevel(usize),
}

impl OrgAnomaly {
    /// Every finding it must raise, for organisation `org`.
    pub fn labels(self, org: usize) -> Vec<(RuleId, Subject)> {
        use crate::build::ids;
        let on_org = |rule| vec![(rule, Subject::Organisation(ids::organisation(org)))];
        match self {
            OrgAnomaly::RepeatWinner => on_org(RuleId::H09),
            OrgAnomaly::Splitting => on_org(RuleId::P08),
            OrgAnomaly::BackLoaded => on_org(RuleId::K10),
            OrgAnomaly::SplitToOneProvider => on_org(RuleId::D17),
            OrgAnomaly::PpkAlsoBendahara => on_org(RuleId::R01),
            OrgAnomaly::PejabatAlsoBendahara => on_org(RuleId::R02),
            OrgAnomaly::KpaAlsoPpk => on_org(RuleId::R04),
            OrgAnomaly::PpkSkpdAlsoPptk => on_org(RuleId::R05),
            OrgAnomaly::LowUmkShare => on_org(RuleId::P07),
            OrgAnomaly::LateQuarterlyReport => on_org(RuleId::K13),
            OrgAnomaly::SubKegiatanOverdrawn(sub) => {
                vec![(RuleId::K03, Subject::SubKegiatan(ids::sub_kegiatan(org, sub)))]
            }
            // Its kegiatan is its own (the only sub-kegiatan of that code), so it is miscoded too.
            OrgAnomaly::WrongLevel(sub) => vec![
                (RuleId::K02, Subject::Kegiatan(ids::kegiatan(org, sub))),
                (RuleId::K02, Subject::SubKegiatan(ids::sub_kegiatan(org, sub))),
            ],
        }
    }
}
