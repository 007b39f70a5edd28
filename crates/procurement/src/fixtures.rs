//! Sample values for examples and domain tests: a works package of Rp1 miliar announced in
//! SIRUP and its tender with an HPS of Rp990 juta (HPS a hair under pagu, as in Kab. Bandung 2025).

use chrono::NaiveDate;
use rantai_core::{
    ActorId, BidId, ContractId, ExternalKey, FiscalYear, JenisPengadaan, KodeRup, MetodePemilihan, Mode, Money,
    OrganisationId, PackageId, Policy, ProcurementId, Rulebook, SubKegiatanId,
};
use rantai_planning::{Draft, FundingLine, PackageFlags, PackageKind, PackageSpec, Window};

use crate::contract::{ContractSpec, SignedContract};
use crate::tender::EvaluationMethod;
use crate::tender::{Award, Bid, Open, PlanLink, TenderSpec};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap_or(NaiveDate::MIN)
}

fn rp(n: i64) -> Money {
    Money::from_rupiah(n).unwrap_or(Money::ZERO)
}

/// The plan of a Rp1 miliar road works package, planned as a Tender in February–March 2025.
pub fn package_spec() -> PackageSpec {
    PackageSpec {
        id: PackageId::from_u128(1),
        kd_rup: Some(KodeRup::new(52_301_234)),
        organisation: OrganisationId::from_u128(1),
        name: "Rehabilitasi Jalan Cileunyi".into(),
        fiscal_year: FiscalYear::new(2025).unwrap_or(FiscalYear::new(2000).unwrap_or_else(|_| unreachable!())),
        jenis: JenisPengadaan::PekerjaanKonstruksi,
        metode: MetodePemilihan::Tender,
        pagu: rp(1_000_000_000),
        funding: vec![FundingLine {
            sub_kegiatan: SubKegiatanId::from_u128(1),
            mak: "1.03.10.2.01.0003.5.2.04.01.01.0001"
                .parse()
                .unwrap_or_else(|_| unreachable!("literal MAK is valid")),
            amount: rp(1_000_000_000),
        }],
        selection: Window {
            start: day(2, 1),
            end: day(3, 31),
        },
        execution: Window {
            start: day(4, 1),
            end: day(11, 30),
        },
        utilization: None,
        kind: PackageKind::Penyedia,
        additional_jenis: Vec::new(),
        flags: PackageFlags::umk_pdn(),
        locations: Vec::new(),
        ppk: ActorId::from_u128(10),
    }
}

/// The tender of that package: HPS Rp990 juta, announced 3 March 2025, PPK actor 5, Pokja of
/// actors 6, 7 and 8.
pub fn tender_spec() -> TenderSpec {
    TenderSpec {
        id: ProcurementId::from_u128(1),
        kd_tender: ExternalKey::new("10026123000").ok(),
        organisation: OrganisationId::from_u128(1),
        name: "Rehabilitasi Jalan Cileunyi".into(),
        fiscal_year: package_spec().fiscal_year,
        jenis: JenisPengadaan::PekerjaanKonstruksi,
        metode: MetodePemilihan::Tender,
        pagu: rp(1_000_000_000),
        hps: Some(rp(990_000_000)),
        announced_on: day(3, 3),
        evaluation: Some(EvaluationMethod::HargaTerendah),
        direct_basis: None,
        officials: crate::Officials {
            ppk: Some(ActorId::from_u128(5)),
            pokja: vec![ActorId::from_u128(6), ActorId::from_u128(7), ActorId::from_u128(8)],
            pejabat_pengadaan: None,
        },
    }
}

/// The tender and its plan link (the package announced on 20 January 2025).
pub fn tender_with_plan() -> (TenderSpec, PlanLink) {
    let policy = Policy::new(Rulebook::standard(), Mode::Command);
    let package = Draft::create(package_spec())
        .ok()
        .and_then(|(draft, _)| draft.announce(day(1, 20), policy).ok())
        .map(|(announced, _)| announced.handoff());
    let plan = match package {
        Some(p) => PlanLink::Announced { packages: vec![p] },
        None => PlanLink::Unavailable { kd_rup: vec![] },
    };
    (tender_spec(), plan)
}

/// The sample award: Rp918 juta to provider `ActorId::from_u128(50)` on 20 March 2025.
pub fn award() -> Award {
    Award {
        bid: BidId::from_u128(1),
        provider: ActorId::from_u128(50),
        price: rp(918_000_000),
        awarded_on: day(3, 20),
    }
}

/// The sample tender carried to a signed contract: one priced bid of Rp920 juta from provider
/// `ActorId::from_u128(50)`, awarded at Rp918 juta on 20 March, signed on 2 April 2025 for work
/// from 7 April to 31 October 2025, no advance, backed by a Rp45,9 juta performance bond (5 %).
///
/// # Panics
///
/// Never for the fixed sample values (a failure would be a defect in the sample itself).
pub fn signed_contract() -> SignedContract {
    signed_contract_with_advance(Money::ZERO)
}

/// The sample contract of [`signed_contract`] with an advance (uang muka) of `advance` agreed,
/// at most the small-business cap of 30 % (C-05).
///
/// # Panics
///
/// When `advance` is above the cap.
pub fn signed_contract_with_advance(advance: Money) -> SignedContract {
    let policy = Policy::new(Rulebook::standard(), Mode::Command);
    let (spec, plan) = tender_with_plan();
    let PlanLink::Announced { packages } = plan else {
        unreachable!("the sample package is announced")
    };
    let result = Open::announce(spec, packages, policy)
        .ok()
        .and_then(|(open, _)| {
            open.submit_bid(
                Bid {
                    id: BidId::from_u128(1),
                    provider: ActorId::from_u128(50),
                    offer: rp(920_000_000),
                    corrected: None,
                    disqualified: None,
                    submitted_on: day(3, 12),
                },
                rantai_core::Mode::Command,
            )
            .ok()
        })
        .and_then(|(open, _)| open.award(award(), policy).ok())
        .and_then(|(awarded, _)| {
            awarded
                .sign_contract(
                    ContractSpec {
                        id: ContractId::from_u128(1),
                        nomor: ExternalKey::new("600/PUTR/2025/017").unwrap_or_else(|_| unreachable!()),
                        signed_on: day(4, 2),
                        start: day(4, 7),
                        end: day(10, 31),
                        value: rp(918_000_000),
                        advance,
                        form: crate::contract::ContractForm::SuratPerjanjian,
                        provider_size: crate::ProviderSize::UsahaKecil,
                        multi_year: false,
                        performance_bond: Some(rp(45_900_000)),
                        maintenance_days: 180,
                        contract_type: Some(crate::ContractType::Gabungan),
                    },
                    policy,
                )
                .ok()
        });
    match result {
        Some((_, active, _)) => active.handoff(),
        None => unreachable!("the sample path is valid"),
    }
}

/// The sample contract of [`signed_contract`], active with no addendum.
pub fn active_contract() -> crate::contract::ActiveContract {
    crate::contract::ActiveContract::from_terms(signed_contract().terms().clone())
}
