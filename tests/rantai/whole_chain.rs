//! Whole-chain scenarios, given/when/then: a road package from plan to payment and progress,
//! with every expected figure computed by hand from the regulation.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rantai::budgeting::{AnggaranKas, DpaLineSpec, LsPayment, Sp2d, Spd, Spp, SppKind};
use rantai::chain::{Chain, ChainError, Command, FixedClock};
use rantai::core::*;
use rantai::monev::{IndicatorRealisation, ProgressReport, QuarterlyReport, ReportForm, ShowCauseMeeting};
use rantai::planning::{
    FundingLine, Indicator, IndicatorLevel, Package, PackageFlags, PackageKind, PackageSpec, SubKegiatanSpec, Window,
};
use rantai::procurement::{
    Addendum, Award, Bid, ContractForm, ContractSpec, DirectBasis, EvaluationMethod, Failure, FailureGround,
    KeadaanTertentu, Objection, ObjectionKind, Officials, ProviderSize, TenderSpec,
};

const BUPATI: ActorId = ActorId::from_u128(1);
const BAPPEDA: ActorId = ActorId::from_u128(2);
const BUD: ActorId = ActorId::from_u128(3);
const PA: ActorId = ActorId::from_u128(4);
const PPK: ActorId = ActorId::from_u128(5);
const POKJA: ActorId = ActorId::from_u128(6);
const PPTK: ActorId = ActorId::from_u128(7);
const BENDAHARA: ActorId = ActorId::from_u128(8);
const PPK_SKPD: ActorId = ActorId::from_u128(9);
const CV_A: ActorId = ActorId::from_u128(10);
const PT_B: ActorId = ActorId::from_u128(11);
const DINAS: OrganisationId = OrganisationId::from_u128(1);
const SUB: SubKegiatanId = SubKegiatanId::from_u128(1);
const PACKAGE: PackageId = PackageId::from_u128(1);
const TENDER: ProcurementId = ProcurementId::from_u128(1);
const CONTRACT: ContractId = ContractId::from_u128(1);
const LINE: DpaLineId = DpaLineId::from_u128(1);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}
fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day(m, d).and_hms_opt(2, 0, 0).unwrap())
}
fn rp(n: i64) -> Money {
    Money::from_rupiah(n).unwrap()
}
fn mak() -> Mak {
    "1.03.10.2.01.0003.5.2.04.01.01.0001".parse().unwrap()
}

/// A sub-kegiatan outside any registered kegiatan, with no indicators.
fn sub_kegiatan_spec(
    id: SubKegiatanId,
    organisation: OrganisationId,
    code: SubKegiatanCode,
    name: String,
    fiscal_year: FiscalYear,
    pagu: Money,
) -> SubKegiatanSpec {
    SubKegiatanSpec {
        id,
        organisation,
        code,
        name,
        fiscal_year,
        pagu,
        kegiatan: None,
        indicators: Vec::new(),
    }
}

/// Bappeda registers a 2025 sub-kegiatan of Dinas PUPR.
fn register_sub_kegiatan(chain: &mut Chain, id: SubKegiatanId, code: &str, name: &str, pagu: i64) {
    let spec = sub_kegiatan_spec(
        id,
        DINAS,
        code.parse().unwrap(),
        name.into(),
        FiscalYear::new(2025).unwrap(),
        rp(pagu),
    );
    chain
        .execute(BAPPEDA, at(1, 3), Command::RegisterSubKegiatan { spec })
        .unwrap();
}

/// Given: Kab. Contoh with Dinas PUPR, its officials, a sub-kegiatan of Rp1,5 miliar and a DPA line.
fn given_a_region() -> Chain {
    let bupati = Actor::new(BUPATI, "Bupati").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let profile = RegionProfile {
        name: "Kab. Contoh".into(),
        kd_klpd: "D998".into(),
        level: GovLevel::KabupatenKota,
    };
    let mut chain = Chain::found(
        profile,
        Rulebook::standard().clone(),
        Box::new(FixedClock(at(10, 1))),
        bupati,
        at(1, 2),
    )
    .unwrap();
    let org = Organisation::new(DINAS, "1.03.0.00.0.00.01.0000".parse().unwrap(), "Dinas PUPR");
    chain
        .execute(BUPATI, at(1, 2), Command::RegisterOrganisation { organisation: org })
        .unwrap();
    let in_dinas = |role| Grant {
        role,
        scope: Scope::Organisation(DINAS),
    };
    let region = |role| Grant {
        role,
        scope: Scope::Region,
    };
    for actor in [
        Actor::new(BAPPEDA, "Bappeda").with_grant(region(Role::Bappeda)),
        Actor::new(BUD, "BUD").with_grant(region(Role::Bud)),
        Actor::new(PA, "PA").with_grant(in_dinas(Role::Pa)),
        Actor::new(PPK, "PPK").with_grant(in_dinas(Role::Ppk)),
        Actor::new(PPTK, "PPTK").with_grant(in_dinas(Role::Pptk)),
        Actor::new(BENDAHARA, "Bendahara").with_grant(in_dinas(Role::Bendahara)),
        Actor::new(PPK_SKPD, "PPK-SKPD").with_grant(in_dinas(Role::PpkSkpd)),
        Actor::new(POKJA, "Pokja").with_grant(region(Role::PokjaMember)),
        Actor::new(CV_A, "CV A").with_grant(region(Role::Provider)),
        Actor::new(PT_B, "PT B").with_grant(region(Role::Provider)),
    ] {
        chain
            .execute(BUPATI, at(1, 2), Command::RegisterActor { actor })
            .unwrap();
    }
    register_sub_kegiatan(
        &mut chain,
        SUB,
        "1.03.10.2.01.0003",
        "Rehabilitasi Jalan",
        1_500_000_000,
    );
    let line = DpaLineSpec {
        id: LINE,
        organisation: DINAS,
        sub_kegiatan: SUB,
        mak: mak(),
        fiscal_year: FiscalYear::new(2025).unwrap(),
        pagu: rp(1_300_000_000),
        anggaran_kas: AnggaranKas::quarterly([rp(0), rp(500_000_000), rp(500_000_000), rp(300_000_000)]),
    };
    chain
        .execute(BUD, at(1, 3), Command::OpenDpaLine { spec: line })
        .unwrap();
    // One SPD for the year, as far as the cash plan allows by April.
    let spd = Spd {
        id: SpdId::from_u128(1),
        nomor: None,
        from_month: 4,
        to_month: 12,
        amount: rp(1_300_000_000),
        issued_on: day(4, 1),
    };
    chain
        .execute(BUD, at(4, 1), Command::IssueSpd { line: LINE, spd })
        .unwrap();
    chain
}

fn package(metode: MetodePemilihan, jenis: JenisPengadaan, pagu: i64) -> PackageSpec {
    PackageSpec {
        id: PACKAGE,
        kd_rup: Some(KodeRup::new(52_000_001)),
        organisation: DINAS,
        name: "Peningkatan Jalan Contoh".into(),
        fiscal_year: FiscalYear::new(2025).unwrap(),
        jenis,
        metode,
        pagu: rp(pagu),
        funding: vec![FundingLine {
            sub_kegiatan: SUB,
            mak: mak(),
            amount: rp(pagu),
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
        ppk: PPK,
    }
}

fn tender(hps: i64) -> TenderSpec {
    TenderSpec {
        id: TENDER,
        kd_tender: ExternalKey::new("10026001").ok(),
        organisation: DINAS,
        name: "Peningkatan Jalan Contoh".into(),
        fiscal_year: FiscalYear::new(2025).unwrap(),
        jenis: JenisPengadaan::PekerjaanKonstruksi,
        metode: MetodePemilihan::Tender,
        pagu: rp(1_300_000_000),
        hps: Some(rp(hps)),
        announced_on: day(3, 3),
        evaluation: Some(EvaluationMethod::HargaTerendah),
        direct_basis: None,
        officials: Officials {
            ppk: Some(PPK),
            pokja: vec![POKJA, ActorId::from_u128(60), ActorId::from_u128(61)],
            pejabat_pengadaan: None,
        },
    }
}

/// Given the region, a Rp1,3 miliar works package drafted by the PPK and announced by the PA on
/// 20 January.
fn given_an_announced_package() -> Chain {
    let mut chain = given_a_region();
    let spec = package(
        MetodePemilihan::Tender,
        JenisPengadaan::PekerjaanKonstruksi,
        1_300_000_000,
    );
    chain.execute(PPK, at(1, 13), Command::DraftPackage { spec }).unwrap();
    announce(&mut chain);
    chain
}

/// The PA announces the package on 20 January.
fn announce(chain: &mut Chain) {
    let announce = Command::AnnouncePackage {
        package: PACKAGE,
        on: day(1, 20),
    };
    chain.execute(PA, at(1, 20), announce).unwrap();
}

/// Given the region, when the package goes through tender to a signed Rp1,2 miliar contract
/// (SPMK 7 April, completion 31 October) committed on the DPA line.
fn given_a_signed_contract() -> Chain {
    let mut chain = given_an_awarded_tender();
    chain.execute(PPK, at(4, 2), sign_the_contract()).unwrap();
    chain
        .execute(
            PPK,
            at(4, 3),
            Command::CommitContract {
                line: LINE,
                contract: CONTRACT,
                amount: rp(1_200_000_000),
                on: day(4, 3),
            },
        )
        .unwrap();
    chain
}

/// Given the package announced, a tender of it (HPS `hps`) with offers of Rp1,2 miliar (CV A)
/// and Rp1,23 miliar (PT B) submitted on 12 March.
fn given_two_offers(hps: i64) -> Chain {
    let mut chain = given_an_announced_package();
    chain
        .execute(
            POKJA,
            at(3, 3),
            Command::AnnounceTender {
                spec: tender(hps),
                packages: vec![PACKAGE],
            },
        )
        .unwrap();
    for (n, (who, offer)) in [(CV_A, 1_200_000_000), (PT_B, 1_230_000_000)].into_iter().enumerate() {
        let bid = Bid {
            id: BidId::from_u128(n as u128 + 1),
            provider: who,
            offer: rp(offer),
            corrected: None,
            disqualified: None,
            submitted_on: day(3, 12),
        };
        chain
            .execute(
                who,
                at(3, 12),
                Command::SubmitBid {
                    procurement: TENDER,
                    bid,
                },
            )
            .unwrap();
    }
    chain
}

/// Given the tender of the announced package awarded to CV A at Rp1,2 miliar on 20 March.
fn given_an_awarded_tender() -> Chain {
    let mut chain = given_two_offers(1_250_000_000);
    award(&mut chain, 1, CV_A, 1_200_000_000);
    chain
}

/// The Pokja awards the tender to bid `n` of `provider` at `price` on 20 March.
fn award(chain: &mut Chain, n: u128, provider: ActorId, price: i64) {
    let award = Award {
        bid: BidId::from_u128(n),
        provider,
        price: rp(price),
        awarded_on: day(3, 20),
    };
    chain
        .execute(
            POKJA,
            at(3, 20),
            Command::AwardTender {
                procurement: TENDER,
                award,
            },
        )
        .unwrap();
}

/// The PPK signs [`contract_spec`].
fn sign_the_contract() -> Command {
    Command::SignContract {
        procurement: TENDER,
        contract: contract_spec(),
    }
}

fn contract_spec() -> ContractSpec {
    ContractSpec {
        id: CONTRACT,
        nomor: ExternalKey::new("027/001/PUPR/2025").unwrap(),
        signed_on: day(4, 2),
        start: day(4, 7),
        end: day(10, 31),
        value: rp(1_200_000_000),
        advance: Money::ZERO,
        form: ContractForm::SuratPerjanjian,
        provider_size: ProviderSize::UsahaKecil,
        multi_year: false,
        // 5 % of the value: the offer is 96 % of HPS (Perpres 16/2018 Pasal 33).
        performance_bond: Some(rp(60_000_000)),
        maintenance_days: 180,
        contract_type: Some(rantai::procurement::ContractType::Gabungan),
    }
}

fn sp2d(n: u128, amount: i64, m: u32, d: u32) -> Command {
    Command::PaySp2d {
        line: LINE,
        payment: Sp2d {
            id: PaymentId::from_u128(n),
            nomor: None,
            contract: CONTRACT,
            amount: rp(amount),
            paid_on: day(m, d),
        },
    }
}

fn report(n: u128, m: u32, d: u32, actual: i64, planned: i64) -> Command {
    Command::ReportProgress {
        report: ProgressReport {
            id: ReportId::from_u128(n),
            contract: CONTRACT,
            reported_on: day(m, d),
            actual: Ratio::percent(actual),
            planned: Some(Ratio::percent(planned)),
            evidence_ref: None,
        },
    }
}

fn found(chain: &Chain, rule: RuleId) -> Vec<Finding> {
    chain
        .findings()
        .into_iter()
        .filter(|f| f.code == rule && f.is_found())
        .collect()
}

fn money(f: &Finding, key: &str) -> Money {
    match f.evidence().and_then(|e| e.get(key)) {
        Some(EvidenceValue::Money(m)) => *m,
        other => panic!("{key}: {other:?}"),
    }
}

fn ratio(f: &Finding, key: &str) -> Ratio {
    match f.evidence().and_then(|e| e.get(key)) {
        Some(EvidenceValue::Ratio(r)) => *r,
        other => panic!("{key}: {other:?}"),
    }
}

fn refused(chain: &mut Chain, actor: ActorId, when: DateTime<Utc>, command: Command) -> ChainError {
    let before = chain.state().clone();
    let len = chain.log().len();
    let err = chain.execute(actor, when, command).unwrap_err();
    assert_eq!(chain.state(), &before, "a refused command changed the state");
    assert_eq!(chain.log().len(), len, "a refused command was logged");
    err
}

#[test]
fn a_clean_contract_on_track_has_no_findings() {
    // Given a signed Rp1,2 miliar contract,
    let mut chain = given_a_signed_contract();
    // when 30 % is paid in July against 35 % physical progress (planned 33 %),
    chain.execute(BUD, at(7, 31), sp2d(1, 360_000_000, 7, 31)).unwrap();
    chain.execute(PPTK, at(7, 25), report(1, 7, 25, 35, 33)).unwrap();
    // then no rule finds anything on the package, tender, contract or DPA line, and the log verifies;
    let findings: Vec<_> = chain.findings().into_iter().filter(Finding::is_found).collect();
    let (region, chain_of_contract): (Vec<_>, Vec<_>) = findings
        .iter()
        .partition(|f| matches!(f.subject, Subject::Organisation(_)));
    assert!(chain_of_contract.is_empty(), "{chain_of_contract:#?}");
    // only the OPD is behind on absorption (K-10): nothing was paid by the end of Q2 (0 % < 25 %).
    assert_eq!(region.len(), 1, "{region:#?}");
    assert_eq!(region[0].code, RuleId::K10);
    assert_eq!(ratio(region[0], "absorbed_q2"), Ratio::ZERO);
    chain.verify().unwrap();
}

#[test]
fn a_contract_16_points_behind_plan_is_kontrak_kritis() {
    // Given a signed contract,
    let mut chain = given_a_signed_contract();
    // when the 26 September report shows 42 % against a planned 58 %,
    chain.execute(PPTK, at(9, 26), report(1, 9, 26, 42, 58)).unwrap();
    // then C-07 finds it critical in period I (plan ≤ 70 %): lag 16 pp > 10 pp.
    let c07 = found(&chain, RuleId::C07);
    assert_eq!(c07.len(), 1);
    assert_eq!(c07[0].subject, Subject::Contract(CONTRACT));
    assert_eq!(ratio(&c07[0], "lag"), Ratio::percent(16));
    assert_eq!(ratio(&c07[0], "max_lag"), Ratio::percent(10));
    assert_eq!(
        c07[0].evidence().unwrap().get("period"),
        Some(&EvidenceValue::Text("I".into()))
    );
}

#[test]
fn paying_60_percent_for_42_percent_of_the_work_is_flagged() {
    // Given a signed contract with no advance,
    let mut chain = given_a_signed_contract();
    // when Rp720 juta (60 %) is paid while physical progress is 42 % (plan 45 %),
    chain.execute(PPTK, at(8, 29), report(1, 8, 29, 42, 45)).unwrap();
    chain.execute(BUD, at(8, 30), sp2d(1, 720_000_000, 8, 30)).unwrap();
    // then K-11 finds a gap of 18 pp, above the 0 % advance + 5 pp margin.
    let k11 = found(&chain, RuleId::K11);
    assert_eq!(k11.len(), 1);
    assert_eq!(money(&k11[0], "paid"), rp(720_000_000));
    assert_eq!(ratio(&k11[0], "financial_progress"), Ratio::percent(60));
    assert_eq!(ratio(&k11[0], "gap"), Ratio::percent(18));
    // and C-07 does not: 3 pp behind in period I is within 10 pp.
    assert!(found(&chain, RuleId::C07).is_empty());
}

#[test]
fn addenda_past_10_percent_are_refused_with_the_figures() {
    // Given a signed Rp1,2 miliar contract,
    let mut chain = given_a_signed_contract();
    let addendum = |n, value| Command::AmendContract {
        contract: CONTRACT,
        addendum: Addendum {
            number: n,
            dated: day(6, 2 * n),
            new_value: rp(value),
            new_end: None,
            reason: "volume".into(),
        },
    };
    // when a first addendum adds Rp60 juta (5 %), it is accepted;
    chain.execute(PPK, at(6, 2), addendum(1, 1_260_000_000)).unwrap();
    // when a second adds Rp72 juta more (11 % in all, limit Rp120 juta), it is refused by C-01
    let err = refused(&mut chain, PPK, at(6, 4), addendum(2, 1_332_000_000));
    let ChainError::Procurement(rantai::procurement::ProcurementError::RuleViolated { violation, .. }) = err else {
        panic!("{err}")
    };
    assert_eq!(violation.rule, RuleId::C01);
    assert_eq!(
        violation.evidence.get("added_work"),
        Some(&EvidenceValue::Money(rp(132_000_000)))
    );
    assert_eq!(
        violation.evidence.get("limit"),
        Some(&EvidenceValue::Money(rp(120_000_000)))
    );
    // and the same addendum recorded from SPSE is kept and flagged.
    let provenance = Provenance::Import {
        system: "SPSE".into(),
        dataset: "SPSE-TenderEkontrak-2Kontrak".into(),
        record_key: "027/001/PUPR/2025".into(),
    };
    chain
        .record(provenance, PPK, at(6, 4), addendum(2, 1_332_000_000))
        .unwrap();
    let c01 = found(&chain, RuleId::C01);
    assert_eq!(c01.len(), 1);
    assert_eq!(money(&c01[0], "added_work"), rp(132_000_000));
}

#[test]
fn paying_past_the_contract_value_is_refused_with_d13() {
    let mut chain = given_a_signed_contract();
    chain.execute(BUD, at(7, 31), sp2d(1, 1_000_000_000, 7, 31)).unwrap();
    // Rp1 miliar + Rp250 juta = Rp1,25 miliar > Rp1,2 miliar: refused, Rp50 juta over.
    let err = refused(&mut chain, BUD, at(8, 29), sp2d(2, 250_000_000, 8, 29));
    let ChainError::RuleViolated { violation, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(violation.rule, RuleId::D13);
    assert_eq!(
        violation.evidence.get("excess"),
        Some(&EvidenceValue::Money(rp(50_000_000)))
    );
}

#[test]
fn pengadaan_langsung_above_its_ceiling_is_refused_at_announcement() {
    // Given the region, when the PPK drafts Rp250 juta of goods by Pengadaan Langsung
    let mut chain = given_a_region();
    let spec = package(MetodePemilihan::PengadaanLangsung, JenisPengadaan::Barang, 250_000_000);
    chain.execute(PPK, at(1, 13), Command::DraftPackage { spec }).unwrap();
    // then the PA cannot announce it: P-01, ceiling Rp200 juta, Rp50 juta over.
    let err = refused(
        &mut chain,
        PA,
        at(1, 20),
        Command::AnnouncePackage {
            package: PACKAGE,
            on: day(1, 20),
        },
    );
    let ChainError::Planning(rantai::planning::PlanningError::RuleViolated { violation, .. }) = err else {
        panic!("{err}")
    };
    assert_eq!(violation.rule, RuleId::P01);
    assert_eq!(
        violation.evidence.get("ceiling"),
        Some(&EvidenceValue::Money(rp(200_000_000)))
    );
    assert_eq!(
        violation.evidence.get("excess"),
        Some(&EvidenceValue::Money(rp(50_000_000)))
    );
}

#[test]
fn out_of_order_and_unauthorised_commands_are_refused_and_change_nothing() {
    let mut chain = given_a_region();
    let spec = package(
        MetodePemilihan::Tender,
        JenisPengadaan::PekerjaanKonstruksi,
        1_300_000_000,
    );
    chain.execute(PPK, at(1, 13), Command::DraftPackage { spec }).unwrap();
    // A tender from a package still in draft: K-04.
    let err = refused(
        &mut chain,
        POKJA,
        at(3, 3),
        Command::AnnounceTender {
            spec: tender(1_250_000_000),
            packages: vec![PACKAGE],
        },
    );
    assert!(matches!(err, ChainError::PackageNotAnnounced { .. }), "{err}");
    assert!(err.to_string().contains("K-04"));
    // The PPK may not announce the package: that is the PA's or KPA's act.
    let err = refused(
        &mut chain,
        PPK,
        at(1, 20),
        Command::AnnouncePackage {
            package: PACKAGE,
            on: day(1, 20),
        },
    );
    assert!(matches!(err, ChainError::Unauthorized { .. }), "{err}");
    chain
        .execute(
            PA,
            at(1, 20),
            Command::AnnouncePackage {
                package: PACKAGE,
                on: day(1, 20),
            },
        )
        .unwrap();
    // HPS above pagu: H-01 with the figures.
    let err = refused(
        &mut chain,
        POKJA,
        at(3, 3),
        Command::AnnounceTender {
            spec: tender(1_350_000_000),
            packages: vec![PACKAGE],
        },
    );
    assert!(
        err.to_string().contains("H-01") && err.to_string().contains("Rp50.000.000"),
        "{err}"
    );
    chain
        .execute(
            POKJA,
            at(3, 3),
            Command::AnnounceTender {
                spec: tender(1_250_000_000),
                packages: vec![PACKAGE],
            },
        )
        .unwrap();
    // A contract before any award.
    let err = refused(&mut chain, PPK, at(4, 2), sign_the_contract());
    assert!(err.to_string().contains("is open; cannot sign a contract"), "{err}");
    // Paying a contract that does not exist.
    let err = refused(&mut chain, BUD, at(7, 31), sp2d(1, 1_000, 7, 31));
    assert!(matches!(err, ChainError::UnknownContract(_)), "{err}");
}

#[test]
fn malformed_input_is_refused_with_the_value_named() {
    let e = "1.03.10.2.1.0003".parse::<SubKegiatanCode>().unwrap_err();
    assert!(
        e.to_string().contains("\"1.03.10.2.1.0003\"") && e.to_string().contains("segment 5"),
        "{e}"
    );
    let e = "-5000".parse::<Money>().unwrap_err();
    assert!(e.to_string().contains("negative"), "{e}");
    let e = "lima juta".parse::<Money>().unwrap_err();
    assert!(e.to_string().contains("\"lima juta\""), "{e}");
    let e = "1000.005".parse::<Money>().unwrap_err();
    assert!(e.to_string().contains("more than 2 decimal places"), "{e}");
}

#[test]
fn a_revised_plan_keeps_every_version_and_a_withdrawn_one_cannot_be_procured() {
    // Given an announced Rp1,3 miliar package,
    let mut chain = given_an_announced_package();
    let spec = chain.state().packages()[&PACKAGE].spec().clone();
    // when the PA revises it to Rp1,25 miliar after the APBD changes, with a reason,
    let mut revised = spec.clone();
    revised.pagu = rp(1_250_000_000);
    revised.funding[0].amount = rp(1_250_000_000);
    let revise = |s: PackageSpec, reason: &str| Command::RevisePackage {
        spec: s,
        reason: reason.into(),
        on: day(2, 3),
    };
    // (a revision whose lines do not add up, or without a reason, is refused)
    let mut unbalanced = revised.clone();
    unbalanced.funding[0].amount = rp(1_200_000_000);
    assert!(matches!(
        refused(&mut chain, PA, at(2, 3), revise(unbalanced, "APBD")),
        ChainError::Planning(_)
    ));
    assert!(matches!(
        refused(&mut chain, PA, at(2, 3), revise(revised.clone(), " ")),
        ChainError::Planning(_)
    ));
    chain
        .execute(PA, at(2, 3), revise(revised, "Rasionalisasi anggaran"))
        .unwrap();
    // then both versions are kept, the old one first,
    let package = &chain.state().packages()[&PACKAGE];
    let versions: Vec<Money> = package.versions().iter().map(|v| v.pagu).collect();
    assert_eq!(versions, vec![rp(1_300_000_000), rp(1_250_000_000)]);
    // and a tender at the revised pagu matches the plan (no K-05),
    let mut t = tender(1_240_000_000);
    t.pagu = rp(1_250_000_000);
    chain
        .execute(
            POKJA,
            at(3, 3),
            Command::AnnounceTender {
                spec: t,
                packages: vec![PACKAGE],
            },
        )
        .unwrap();
    assert!(found(&chain, RuleId::K05).is_empty());
    // but a procured package cannot be withdrawn.
    let err = refused(
        &mut chain,
        PA,
        at(3, 4),
        Command::CancelPackage {
            package: PACKAGE,
            reason: "batal".into(),
            on: day(3, 4),
        },
    );
    assert!(err.to_string().contains("already procured"), "{err}");
}

#[test]
fn a_withdrawn_package_cannot_be_tendered() {
    let mut chain = given_an_announced_package();
    chain
        .execute(
            PA,
            at(2, 1),
            Command::CancelPackage {
                package: PACKAGE,
                reason: "Kegiatan ditunda".into(),
                on: day(2, 1),
            },
        )
        .unwrap();
    let err = refused(
        &mut chain,
        POKJA,
        at(3, 3),
        Command::AnnounceTender {
            spec: tender(1_250_000_000),
            packages: vec![PACKAGE],
        },
    );
    assert!(
        matches!(
            err,
            ChainError::PackageNotAnnounced {
                status: "cancelled",
                ..
            }
        ),
        "{err}"
    );
    // nor announced again: the refusal names the state it is in.
    let err = refused(
        &mut chain,
        PA,
        at(3, 4),
        Command::AnnouncePackage {
            package: PACKAGE,
            on: day(3, 4),
        },
    );
    assert!(
        matches!(
            err,
            ChainError::Planning(rantai::planning::PlanningError::WrongState {
                state: "cancelled",
                action: "announce",
                ..
            })
        ),
        "{err}"
    );
}

#[test]
fn the_hierarchy_pagu_holds_for_commands_and_is_flagged_for_recorded_facts() {
    use rantai::planning::{Indicator, IndicatorLevel, Kegiatan, Program};
    // Given a program of Rp2 miliar with one kegiatan of Rp1,5 miliar,
    let mut chain = given_a_region();
    let year = FiscalYear::new(2025).unwrap();
    let program = Program {
        id: ProgramId::from_u128(1),
        organisation: DINAS,
        code: "1.03.10".parse().unwrap(),
        name: "Program Penyelenggaraan Jalan".into(),
        fiscal_year: year,
        pagu: rp(2_000_000_000),
        indicators: vec![
            Indicator::new(IndicatorLevel::Outcome, "Jalan kondisi mantap", "Persen").with_target(year, 75.into()),
        ],
    };
    let kegiatan = |id, code: &str, pagu| Kegiatan {
        id: KegiatanId::from_u128(id),
        organisation: DINAS,
        program: ProgramId::from_u128(1),
        code: code.parse().unwrap(),
        name: "Penyelenggaraan Jalan Kabupaten".into(),
        fiscal_year: year,
        pagu: rp(pagu),
        indicators: Vec::new(),
    };
    chain
        .execute(BAPPEDA, at(1, 3), Command::RegisterProgram { program })
        .unwrap();
    chain
        .execute(
            BAPPEDA,
            at(1, 3),
            Command::RegisterKegiatan {
                kegiatan: kegiatan(1, "1.03.10.2.01", 1_500_000_000),
            },
        )
        .unwrap();
    // a kegiatan outside its program's code is refused,
    let err = refused(
        &mut chain,
        BAPPEDA,
        at(1, 3),
        Command::RegisterKegiatan {
            kegiatan: kegiatan(3, "1.03.11.2.01", 100_000_000),
        },
    );
    assert!(err.to_string().contains("does not belong to program 1.03.10"), "{err}");
    // a second kegiatan of Rp600 juta (Rp2,1 miliar in all) is refused by command, with the figures,
    let err = refused(
        &mut chain,
        BAPPEDA,
        at(1, 3),
        Command::RegisterKegiatan {
            kegiatan: kegiatan(2, "1.03.10.2.02", 600_000_000),
        },
    );
    assert!(
        err.to_string().contains("2100000000.00") && err.to_string().contains("2000000000.00"),
        "{err}"
    );
    // but recorded from SIPD it is kept, and K-03 flags the program Rp100 juta over.
    let provenance = Provenance::Import {
        system: "SIPD".into(),
        dataset: "RKA".into(),
        record_key: "1.03.10.2.02".into(),
    };
    chain
        .record(
            provenance,
            BAPPEDA,
            at(1, 3),
            Command::RegisterKegiatan {
                kegiatan: kegiatan(2, "1.03.10.2.02", 600_000_000),
            },
        )
        .unwrap();
    let k03 = found(&chain, RuleId::K03);
    assert_eq!(k03.len(), 1);
    assert_eq!(k03[0].subject, Subject::Program(ProgramId::from_u128(1)));
    assert_eq!(money(&k03[0], "excess"), rp(100_000_000));
}

#[test]
fn consolidated_packages_are_withdrawn_into_one_new_package() {
    // Given two announced works packages of Rp600 juta and Rp700 juta in one OPD,
    let mut chain = given_a_region();
    let part = |n: u128, pagu: i64| {
        let mut spec = package(MetodePemilihan::Tender, JenisPengadaan::PekerjaanKonstruksi, pagu);
        spec.id = PackageId::from_u128(n);
        spec.kd_rup = Some(KodeRup::new(52_000_000 + n as u64));
        spec
    };
    for (n, pagu) in [(11u128, 600_000_000), (12, 700_000_000)] {
        chain
            .execute(PPK, at(1, 13), Command::DraftPackage { spec: part(n, pagu) })
            .unwrap();
        chain
            .execute(
                PA,
                at(1, 20),
                Command::AnnouncePackage {
                    package: PackageId::from_u128(n),
                    on: day(1, 20),
                },
            )
            .unwrap();
    }
    let from = vec![PackageId::from_u128(11), PackageId::from_u128(12)];
    let mut into = part(13, 1_300_000_000);
    into.flags.konsolidasi = true;
    // when the PPK consolidates them, the pagu must add up (Rp1,2 miliar is refused),
    let mut short = into.clone();
    short.pagu = rp(1_200_000_000);
    short.funding[0].amount = rp(1_200_000_000);
    let err = refused(
        &mut chain,
        PPK,
        at(2, 1),
        Command::ConsolidatePackages {
            into: short,
            from: from.clone(),
            on: day(2, 1),
        },
    );
    assert!(err.to_string().contains("add up to 1300000000.00"), "{err}");
    chain
        .execute(
            PPK,
            at(2, 1),
            Command::ConsolidatePackages {
                into,
                from,
                on: day(2, 1),
            },
        )
        .unwrap();
    // then both sources are withdrawn, naming the new package, and the new one is a draft,
    for n in [11u128, 12] {
        let Package::Cancelled(c) = &chain.state().packages()[&PackageId::from_u128(n)] else {
            panic!("not withdrawn")
        };
        assert!(c.reason().contains(&PackageId::from_u128(13).to_string()));
    }
    assert_eq!(chain.state().packages()[&PackageId::from_u128(13)].status(), "draft");
    // and a source can no longer be tendered.
    let err = refused(
        &mut chain,
        POKJA,
        at(3, 3),
        Command::AnnounceTender {
            spec: tender(590_000_000),
            packages: vec![PackageId::from_u128(11)],
        },
    );
    assert!(
        matches!(
            err,
            ChainError::PackageNotAnnounced {
                status: "cancelled",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn low_rup_coverage_and_a_low_small_business_share_are_flagged_per_opd() {
    use rantai::planning::BudgetStructure;
    // Given an OPD whose only announced package (Rp1,3 miliar, reserved for small business, on
    // 20 January) meets a procurement spending of Rp10 miliar,
    let mut chain = given_an_announced_package();
    let budget = BudgetStructure {
        organisation: DINAS,
        fiscal_year: FiscalYear::new(2025).unwrap(),
        belanja_operasi: rp(6_000_000_000),
        belanja_modal: rp(4_000_000_000),
        belanja_pengadaan: rp(10_000_000_000),
        total_belanja: rp(12_000_000_000),
    };
    chain
        .execute(BUD, at(1, 5), Command::RegisterBudgetStructure { budget })
        .unwrap();
    let on_org = |rule| {
        found(&chain, rule)
            .into_iter()
            .filter(|f| f.subject == Subject::Organisation(DINAS))
            .collect::<Vec<_>>()
    };
    // then RUP coverage is 13 % (K-03) and the small-business share 13 % (P-07).
    let k03 = on_org(RuleId::K03);
    assert_eq!(k03.len(), 1);
    assert_eq!(ratio(&k03[0], "coverage"), Ratio::percent(13));
    let p07 = on_org(RuleId::P07);
    assert_eq!(p07.len(), 1);
    assert_eq!(ratio(&p07[0], "umk_share"), Ratio::percent(13));
}

// ───────────────────────── monitoring rules ─────────────────────────

fn found_as_of(chain: &Chain, rule: RuleId, on: NaiveDate) -> Vec<Finding> {
    chain
        .findings_as_of(on)
        .into_iter()
        .filter(|f| f.code == rule && f.is_found())
        .collect()
}

fn text(f: &Finding, key: &str) -> String {
    f.evidence()
        .and_then(|e| e.get(key))
        .map(ToString::to_string)
        .unwrap_or_else(|| panic!("{key} missing in {f:?}"))
}

fn meeting(number: u8, held: (u32, u32), target: i64, until: (u32, u32)) -> Command {
    Command::HoldShowCauseMeeting {
        meeting: ShowCauseMeeting {
            contract: CONTRACT,
            number,
            held_on: day(held.0, held.1),
            target: Ratio::percent(target),
            test_until: day(until.0, until.1),
            minutes_ref: Some(format!("BA SCM {number}")),
        },
    }
}

#[test]
fn a_critical_contract_is_followed_through_its_show_cause_meetings() {
    // Given a contract 16 pp behind plan on 26 September (42 % against 58 %: kontrak kritis),
    let mut chain = given_a_signed_contract();
    chain.execute(PPTK, at(9, 26), report(1, 9, 26, 42, 58)).unwrap();
    // then C-08 asks for SCM I: none held since it became critical.
    let c08 = found(&chain, RuleId::C08);
    assert_eq!(c08.len(), 1);
    assert_eq!(text(&c08[0], "meetings_held"), "0");
    assert_eq!(text(&c08[0], "required"), "SCM 1");
    assert_eq!(text(&c08[0], "critical_since"), "2025-09-26");
    assert_eq!(ratio(&c08[0], "lag_then"), Ratio::percent(16));
    // When the PPK tries to start with SCM III, it is refused and nothing changes;
    let err = refused(&mut chain, PPK, at(9, 29), meeting(3, (9, 29), 50, (10, 13)));
    assert!(err.to_string().contains("without an SCM 1"), "{err}");
    // when SCM I sets 50 % by 13 October, the test is running and C-08 is satisfied;
    chain
        .execute(PPK, at(9, 29), meeting(1, (9, 29), 50, (10, 13)))
        .unwrap();
    assert!(found(&chain, RuleId::C08).is_empty());
    // when the 10 October report shows 47 % and the test period ends, the test has failed
    // and C-08 asks for SCM II, with the target and what was achieved;
    chain.execute(PPTK, at(10, 10), report(2, 10, 10, 47, 70)).unwrap();
    let c08 = found_as_of(&chain, RuleId::C08, day(10, 14));
    assert_eq!(c08.len(), 1);
    assert_eq!(text(&c08[0], "required"), "SCM 2");
    assert_eq!(ratio(&c08[0], "test_target"), Ratio::percent(50));
    assert_eq!(ratio(&c08[0], "achieved"), Ratio::percent(47));
    // when SCM II sets 60 % by 28 October and the 27 October report shows 61 %, the test passes.
    chain
        .execute(PPK, at(10, 15), meeting(2, (10, 15), 60, (10, 28)))
        .unwrap();
    chain.execute(PPTK, at(10, 27), report(3, 10, 27, 61, 95)).unwrap();
    assert!(found_as_of(&chain, RuleId::C08, day(10, 30)).is_empty());
    // The contract is still critical (61 % against 95 %): C-07 keeps reporting it.
    assert_eq!(found(&chain, RuleId::C07).len(), 1);
}

#[test]
fn a_contract_past_its_end_accrues_the_late_penalty() {
    // Given the Rp1,2 miliar contract due on 31 October,
    let mut chain = given_a_signed_contract();
    // on 20 November, not handed over, it is 20 days late: penalty 20 × 1‰ × Rp1,2 miliar;
    let d14 = found_as_of(&chain, RuleId::D14, day(11, 20));
    assert_eq!(d14.len(), 1);
    assert_eq!(text(&d14[0], "days_late"), "20");
    assert_eq!(money(&d14[0], "penalty_exposure"), rp(24_000_000));
    // on 31 October itself it is not late yet;
    assert!(found_as_of(&chain, RuleId::D14, day(10, 31)).is_empty());
    // when the BAST is signed on 25 November, the delay is fixed at 25 days: Rp30 juta.
    chain
        .execute(
            PPK,
            at(11, 25),
            Command::HandOverContract {
                contract: CONTRACT,
                bast_on: day(11, 25),
            },
        )
        .unwrap();
    let d14 = found_as_of(&chain, RuleId::D14, day(12, 31));
    assert_eq!(text(&d14[0], "days_late"), "25");
    assert_eq!(money(&d14[0], "penalty_exposure"), rp(30_000_000));
    assert_eq!(text(&d14[0], "handed_over_on"), "2025-11-25");
}

#[test]
fn absorption_behind_at_the_end_of_q2_is_back_loaded() {
    // Given the OPD's DPA of Rp1,3 miliar and the signed contract,
    let mut chain = given_a_signed_contract();
    // when Rp260 juta is paid on 20 June and Rp650 juta on 15 September,
    chain.execute(BUD, at(6, 20), sp2d(1, 260_000_000, 6, 20)).unwrap();
    chain.execute(BUD, at(9, 15), sp2d(2, 650_000_000, 9, 15)).unwrap();
    // then before 30 June K-10 has nothing to judge;
    assert!(found_as_of(&chain, RuleId::K10, day(6, 29)).is_empty());
    // at 30 September, Q2 ended at 260/1300 = 20 % < 25 %, while Q3 reached 910/1300 = 70 %.
    let k10 = found_as_of(&chain, RuleId::K10, day(9, 30));
    assert_eq!(k10.len(), 1);
    assert_eq!(k10[0].subject, Subject::Organisation(DINAS));
    assert_eq!(ratio(&k10[0], "absorbed_q2"), Ratio::percent(20));
    assert!(k10[0].evidence().unwrap().get("absorbed_q3").is_none());
    // when the work is handed over on time and the rest is paid on 19 December less the 5 %
    // retention held for the maintenance period (Rp1,2 miliar − Rp60 juta − Rp910 juta =
    // Rp230 juta), Q4 holds 230/1140 = 20.2 % of the year's spending, under 40 %: only the Q2
    // shortfall remains at year end.
    let bast = Command::HandOverContract {
        contract: CONTRACT,
        bast_on: day(10, 31),
    };
    chain.execute(PPK, at(10, 31), bast).unwrap();
    let refused = refused(&mut chain, BUD, at(12, 19), sp2d(3, 290_000_000, 12, 19));
    assert!(matches!(refused, ChainError::Budgeting(_)), "{refused}");
    chain.execute(BUD, at(12, 19), sp2d(3, 230_000_000, 12, 19)).unwrap();
    let k10 = found_as_of(&chain, RuleId::K10, day(12, 31));
    assert!(k10[0].evidence().unwrap().get("q4_share").is_none());
    assert_eq!(ratio(&k10[0], "absorbed_q2"), Ratio::percent(20));
}

const ROADS: SubKegiatanId = SubKegiatanId::from_u128(2);

fn realisation(quarter: Quarter, value: i64, reported: NaiveDate) -> Command {
    Command::ReportIndicator {
        realisation: IndicatorRealisation {
            subject: Subject::SubKegiatan(ROADS),
            indicator: 0,
            fiscal_year: FiscalYear::new(2025).unwrap(),
            quarter,
            value: value.into(),
            reported_on: reported,
        },
    }
}

#[test]
fn indicator_realisation_behind_its_quarterly_share_and_its_annual_target() {
    // Given a sub-kegiatan whose output indicator targets 12 km of road in 2025,
    let mut chain = given_a_region();
    let year = FiscalYear::new(2025).unwrap();
    let mut spec = sub_kegiatan_spec(
        ROADS,
        DINAS,
        "1.03.10.2.01.0004".parse().unwrap(),
        "Pemeliharaan Jalan".into(),
        year,
        rp(900_000_000),
    );
    spec.indicators = vec![
        Indicator::new(IndicatorLevel::Output, "Panjang jalan yang dipelihara", "km").with_target(year, 12.into()),
    ];
    chain
        .execute(BAPPEDA, at(1, 3), Command::RegisterSubKegiatan { spec })
        .unwrap();
    // a realisation for an indicator it does not have is refused;
    let mut wrong = realisation(Quarter::Q1, 2, day(4, 8));
    if let Command::ReportIndicator { realisation } = &mut wrong {
        realisation.indicator = 1;
    }
    refused(&mut chain, PA, at(4, 8), wrong);
    // when 2 km are done by the end of Q1, that is 2/12 = 16.67 % < 25 %: K-12;
    chain
        .execute(PA, at(4, 8), realisation(Quarter::Q1, 2, day(4, 8)))
        .unwrap();
    let k12 = found_as_of(&chain, RuleId::K12, day(4, 10));
    assert_eq!(k12.len(), 1);
    assert_eq!(k12[0].subject, Subject::SubKegiatan(ROADS));
    assert_eq!(ratio(&k12[0], "achievement"), "0.166667".parse().unwrap());
    assert_eq!(ratio(&k12[0], "threshold"), Ratio::percent(25));
    // when 7 km are done by the end of Q2, 58.33 % ≥ 50 %: no K-12;
    chain
        .execute(PA, at(7, 7), realisation(Quarter::Q2, 7, day(7, 7)))
        .unwrap();
    assert!(found_as_of(&chain, RuleId::K12, day(7, 10)).is_empty());
    // at year end 11 of 12 km were done: D21, a results shortfall of 91.67 %.
    let q4 = NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
    chain.execute(PA, at(12, 31), realisation(Quarter::Q4, 11, q4)).unwrap();
    let d21 = found_as_of(&chain, RuleId::D21, q4);
    assert_eq!(d21.len(), 1);
    assert_eq!(ratio(&d21[0], "achievement"), "0.916667".parse().unwrap());
    assert_eq!(text(&d21[0], "realised"), "11");
}

#[test]
fn quarterly_reports_are_judged_against_working_day_deadlines() {
    // Given the 2025 calendar: Idul Fitri 31 March–1 April, cuti bersama 2–4 and 7 April,
    let mut chain = given_a_region();
    let holidays = vec![
        day(3, 31),
        day(4, 1),
        day(4, 2),
        day(4, 3),
        day(4, 4),
        day(4, 7),
        day(4, 18),
    ];
    chain
        .execute(BAPPEDA, at(1, 5), Command::DeclareHolidays { holidays })
        .unwrap();
    let submit = |form, on: NaiveDate| Command::SubmitQuarterlyReport {
        report: QuarterlyReport {
            organisation: DINAS,
            form,
            fiscal_year: FiscalYear::new(2025).unwrap(),
            quarter: Quarter::Q1,
            submitted_on: on,
        },
    };
    // a report before the quarter ends is refused;
    refused(&mut chain, PA, at(3, 28), submit(ReportForm::A, day(3, 28)));
    // when Form A arrives on 14 April (due 14 April: Q1 end + 5 working days) and Form B on
    // 23 April (due 22 April: + 10 working days, skipping Good Friday), and Form C never,
    chain.execute(PA, at(4, 14), submit(ReportForm::A, day(4, 14))).unwrap();
    chain.execute(PA, at(4, 23), submit(ReportForm::B, day(4, 23))).unwrap();
    // then on 30 April K-13 counts one late (Form B, 1 working day) and one missing (Form C,
    // due 14 April), the earliest fault first.
    let k13 = found_as_of(&chain, RuleId::K13, day(4, 30));
    assert_eq!(k13.len(), 1);
    assert_eq!(text(&k13[0], "late"), "1");
    assert_eq!(text(&k13[0], "missing"), "1");
    assert_eq!(text(&k13[0], "first_form"), "Form C");
    assert_eq!(text(&k13[0], "first_due"), "2025-04-14");
}

fn term_spp(n: u128, gross: i64, amount: i64, on: NaiveDate) -> Command {
    Command::SubmitSpp {
        spp: Spp {
            id: SppId::from_u128(n),
            nomor: None,
            organisation: DINAS,
            kind: SppKind::Ls {
                line: LINE,
                contract: CONTRACT,
                payment: LsPayment::Term {
                    gross: rp(gross),
                    late_part: None,
                },
            },
            amount: rp(amount),
            submitted_on: on,
        },
    }
}

#[test]
fn a_late_final_term_goes_from_spp_to_sp2d_through_each_role_less_penalty_and_retention() {
    // Given the Rp1,2 miliar contract due 31 October, handed over 17 days late on 17 November,
    let mut chain = given_a_signed_contract();
    let bast = Command::HandOverContract {
        contract: CONTRACT,
        bast_on: day(11, 17),
    };
    chain.execute(PPK, at(11, 17), bast).unwrap();
    // when the PPTK bills the whole value, the SPP must ask for the net: Rp1,2 miliar less the
    // 5 % retention (Rp60 juta) and 17 days × 1‰ × Rp1,2 miliar = Rp20,4 juta of penalty;
    let err = refused(
        &mut chain,
        PPTK,
        at(11, 20),
        term_spp(1, 1_200_000_000, 1_200_000_000, day(11, 20)),
    );
    assert!(err.to_string().contains("1119600000"), "{err}");
    chain
        .execute(PPTK, at(11, 20), term_spp(1, 1_200_000_000, 1_119_600_000, day(11, 20)))
        .unwrap();
    // then each step is refused to the wrong role and to the submitter, and taken by the right one;
    let spp = SppId::from_u128(1);
    let verify = |on| Command::VerifySpp { spp, on };
    refused(&mut chain, PPTK, at(11, 21), verify(day(11, 21)));
    chain.execute(PPK_SKPD, at(11, 21), verify(day(11, 21))).unwrap();
    let spm = Command::IssueSpm {
        spp,
        nomor: None,
        on: day(11, 24),
    };
    refused(&mut chain, PPK, at(11, 24), spm.clone());
    chain.execute(PA, at(11, 24), spm).unwrap();
    let sp2d = Command::IssueSp2d {
        spp,
        payment: PaymentId::from_u128(9),
        nomor: None,
        on: day(11, 26),
    };
    refused(&mut chain, PA, at(11, 26), sp2d.clone());
    chain.execute(BUD, at(11, 26), sp2d).unwrap();
    let book = chain.state().book();
    assert_eq!(book.line(LINE).unwrap().paid(), rp(1_119_600_000));
    let account = &book.accounts()[&CONTRACT];
    assert_eq!(account.penalties_deducted, rp(20_400_000));
    assert_eq!(account.retention_held, rp(60_000_000));
    // and the retention may not be paid out before the 180 days of maintenance are over.
    let release = Command::SubmitSpp {
        spp: Spp {
            id: SppId::from_u128(2),
            nomor: None,
            organisation: DINAS,
            kind: SppKind::Ls {
                line: LINE,
                contract: CONTRACT,
                payment: LsPayment::RetentionRelease,
            },
            amount: rp(60_000_000),
            submitted_on: day(12, 1),
        },
    };
    let err = refused(&mut chain, PPTK, at(12, 1), release);
    assert!(err.to_string().contains("C-06"), "{err}");
}

#[test]
fn a_refused_spp_stays_on_record_and_moves_no_money() {
    let mut chain = given_a_signed_contract();
    chain
        .execute(PPTK, at(7, 1), term_spp(1, 300_000_000, 285_000_000, day(7, 1)))
        .unwrap();
    let refuse = Command::RefuseSpp {
        spp: SppId::from_u128(1),
        reason: "BAP kemajuan fisik belum ditandatangani".into(),
        on: day(7, 2),
    };
    chain.execute(PPK_SKPD, at(7, 2), refuse).unwrap();
    let request = &chain.state().book().requests()[&SppId::from_u128(1)];
    assert_eq!(request.stage, rantai::budgeting::SppStage::Refused);
    assert_eq!(chain.state().book().line(LINE).unwrap().paid(), Money::ZERO);
    let sp2d = Command::IssueSp2d {
        spp: SppId::from_u128(1),
        payment: PaymentId::from_u128(1),
        nomor: None,
        on: day(7, 3),
    };
    refused(&mut chain, BUD, at(7, 3), sp2d);
}

#[test]
fn an_advance_above_the_small_business_cap_is_refused_at_signature() {
    // Given the tender awarded to CV A, a small business, at Rp1,2 miliar,
    let mut chain = given_an_awarded_tender();
    // when the PPK signs with a Rp360 juta + Rp1 advance, C-05 refuses it: 30 % is the cap;
    let sign = |advance| Command::SignContract {
        procurement: TENDER,
        contract: ContractSpec {
            advance: rp(advance),
            ..contract_spec()
        },
    };
    let err = refused(&mut chain, PPK, at(4, 2), sign(360_000_001));
    let ChainError::Procurement(e) = &err else {
        panic!("{err}")
    };
    assert!(e.to_string().contains("C-05"), "{e}");
    // then Rp360 juta is signed, and the advance SPP needs a Jaminan Uang Muka of the same value.
    chain.execute(PPK, at(4, 2), sign(360_000_000)).unwrap();
    let commit = Command::CommitContract {
        line: LINE,
        contract: CONTRACT,
        amount: rp(1_200_000_000),
        on: day(4, 3),
    };
    chain.execute(PPK, at(4, 3), commit).unwrap();
    let advance = |guarantee| Command::SubmitSpp {
        spp: Spp {
            id: SppId::from_u128(1),
            nomor: None,
            organisation: DINAS,
            kind: SppKind::Ls {
                line: LINE,
                contract: CONTRACT,
                payment: LsPayment::Advance {
                    guarantee: rp(guarantee),
                },
            },
            amount: rp(360_000_000),
            submitted_on: day(4, 7),
        },
    };
    let err = refused(&mut chain, PPTK, at(4, 7), advance(300_000_000));
    assert!(err.to_string().contains("jaminan_uang_muka"), "{err}");
    chain.execute(PPTK, at(4, 7), advance(360_000_000)).unwrap();
}

/// The pascakualifikasi schedule of the sample tender, with its masa sanggah (kd_akt 300) from
/// Friday 21 March for `sanggah_days` days.
fn schedule(sanggah_days: u32) -> rantai::procurement::Schedule {
    use rantai::procurement::{Schedule, ScheduledStage};
    let t = |m, d, h| day(m, d).and_hms_opt(h, 0, 0).unwrap();
    let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
    Schedule::new(vec![
        stage(291, t(3, 3, 9), t(3, 10, 16)),
        stage(293, t(3, 6, 9), t(3, 6, 11)),
        stage(294, t(3, 7, 9), t(3, 12, 16)),
        stage(298, t(3, 19, 9), t(3, 19, 15)),
        stage(299, t(3, 20, 9), t(3, 20, 15)),
        stage(300, t(3, 21, 9), t(3, 21 + sanggah_days, 15)),
        stage(301, t(3, 27, 9), t(3, 27, 15)),
    ])
    .unwrap()
}

#[test]
fn a_schedule_that_cuts_the_sanggah_short_is_refused_and_a_stage_ending_on_a_holiday_is_flagged() {
    // Given the announced tender,
    let mut chain = given_an_announced_package();
    let announce = Command::AnnounceTender {
        spec: tender(1_250_000_000),
        packages: vec![PACKAGE],
    };
    chain.execute(POKJA, at(3, 3), announce).unwrap();
    let set = |sanggah_days| Command::SetSchedule {
        procurement: TENDER,
        schedule: schedule(sanggah_days),
    };
    // when the Pokja schedules a 3-day masa sanggah, T-02 refuses it and nothing changes;
    let err = refused(&mut chain, POKJA, at(3, 3), set(3));
    assert!(err.to_string().contains("T-02"), "{err}");
    // an aanwijzing before the announcement is out of SPSE order (T-01);
    let t = |d, h| day(3, d).and_hms_opt(h, 0, 0).unwrap();
    let stage = |kd_akt, start, end| rantai::procurement::ScheduledStage { kd_akt, start, end };
    let early = rantai::procurement::Schedule::new(vec![stage(291, t(3, 9), t(10, 16)), stage(293, t(2, 9), t(2, 11))])
        .unwrap();
    let err = refused(
        &mut chain,
        POKJA,
        at(3, 3),
        Command::SetSchedule {
            procurement: TENDER,
            schedule: early,
        },
    );
    assert!(err.to_string().contains("T-01"), "{err}");
    // a provider may not set the schedule at all;
    refused(&mut chain, CV_A, at(3, 3), set(5));
    // then 5 days are accepted, and every stage ends on a working day;
    chain.execute(POKJA, at(3, 3), set(5)).unwrap();
    assert!(found(&chain, RuleId::T01).is_empty());
    assert!(found(&chain, RuleId::T02).is_empty());
    assert!(found(&chain, RuleId::T05).is_empty());
    // when the region declares 10 March a holiday, the announcement stage (291), which closes
    // that day, is flagged by T-05.
    let holiday = Command::DeclareHolidays {
        holidays: vec![day(3, 10)],
    };
    chain.execute(BUPATI, at(3, 4), holiday).unwrap();
    let t05 = found(&chain, RuleId::T05);
    assert_eq!(t05.len(), 1);
    assert_eq!(text(&t05[0], "ends_on"), "2025-03-10");
}

#[test]
fn an_official_holding_duties_that_must_be_separate_is_refused_or_flagged() {
    let mut chain = given_a_region();
    let in_dinas = |role| Grant {
        role,
        scope: Scope::Organisation(DINAS),
    };
    let register = |id: u128, roles: &[Role]| {
        let actor = roles
            .iter()
            .fold(Actor::new(ActorId::from_u128(id), "Pejabat"), |a, r| {
                a.with_grant(in_dinas(*r))
            });
        Command::RegisterActor { actor }
    };
    // A PPK who is also the Bendahara Pengeluaran is refused by R-01, and nothing changes;
    let err = refused(
        &mut chain,
        BUPATI,
        at(1, 5),
        register(20, &[Role::Ppk, Role::Bendahara]),
    );
    assert!(err.to_string().contains("R-01"), "{err}");
    assert!(err.to_string().contains("PPK + Bendahara Pengeluaran"), "{err}");
    // a Pejabat Pengadaan who signs SPM is refused by R-02;
    let err = refused(
        &mut chain,
        BUPATI,
        at(1, 5),
        register(21, &[Role::PejabatPengadaan, Role::Ppspm]),
    );
    assert!(err.to_string().contains("R-02"), "{err}");
    // a PPK-SKPD who is also PPTK (R-05, unverified) and a KPA acting as PPK (R-04, allowed for
    // APBD) are registered, and both are on record as findings on the OPD.
    chain
        .execute(BUPATI, at(1, 5), register(22, &[Role::PpkSkpd, Role::Pptk]))
        .unwrap();
    chain
        .execute(BUPATI, at(1, 5), register(23, &[Role::Kpa, Role::Ppk]))
        .unwrap();
    for rule in [RuleId::R05, RuleId::R04] {
        let f = found(&chain, rule);
        assert_eq!(f.len(), 1, "{rule}");
        assert_eq!(f[0].subject, Subject::Organisation(DINAS));
    }
    assert!(found(&chain, RuleId::R01).is_empty());
}

/// Given the package announced, a tender whose two offers are both above its Rp1,1 miliar HPS.
fn given_a_tender_priced_above_hps() -> Chain {
    given_two_offers(1_100_000_000)
}

fn failure(ground: Option<FailureGround>, m: u32, d: u32) -> Command {
    Command::DeclareFailed {
        procurement: TENDER,
        failure: Failure {
            declared_on: day(m, d),
            ground,
            statement: None,
        },
    }
}

#[test]
fn a_tender_failed_on_a_pasal_51_ground_frees_its_package_for_the_re_tender() {
    // Given two offers above HPS (Pasal 51(2)(g)),
    let mut chain = given_a_tender_priced_above_hps();
    // the Pokja may not declare the failure without a ground (T-09), and the PPK may not declare
    // it at all, and a ground that arises only after an award is refused before one:
    let err = refused(&mut chain, POKJA, at(3, 21), failure(None, 3, 21));
    assert!(err.to_string().contains("T-09"), "{err}");
    let err = refused(
        &mut chain,
        PPK,
        at(3, 21),
        failure(Some(FailureGround::AllOffersAboveHps), 3, 21),
    );
    assert!(matches!(err, ChainError::Unauthorized { .. }), "{err}");
    let err = refused(
        &mut chain,
        PA,
        at(3, 21),
        failure(Some(FailureGround::WinnersWithdrew), 3, 21),
    );
    assert!(err.to_string().contains("only after the winner is set"), "{err}");
    // When it declares it on that ground,
    chain
        .execute(POKJA, at(3, 21), failure(Some(FailureGround::AllOffersAboveHps), 3, 21))
        .unwrap();
    // the tender takes no more bids, and a failed tender cannot fail again;
    let late = Bid {
        id: BidId::from_u128(9),
        provider: CV_A,
        offer: rp(1_000_000_000),
        corrected: None,
        disqualified: None,
        submitted_on: day(3, 22),
    };
    let submit = Command::SubmitBid {
        procurement: TENDER,
        bid: late,
    };
    assert!(
        refused(&mut chain, CV_A, at(3, 22), submit)
            .to_string()
            .contains("failed")
    );
    refused(
        &mut chain,
        POKJA,
        at(3, 22),
        failure(Some(FailureGround::NoBids), 3, 22),
    );
    // 30 days later without a re-tender, T-09 is found as of 1 May (41 days) but not on 15 April;
    assert!(found_as_of(&chain, RuleId::T09, day(4, 15)).is_empty());
    let late = found_as_of(&chain, RuleId::T09, day(5, 1));
    assert_eq!(late.len(), 1);
    assert_eq!(text(&late[0], "days_without_follow_up"), "41");
    // the package is free again: the re-tender is announced (D1 does not refuse it), and T-09
    // is settled.
    let mut retender = tender(1_250_000_000);
    retender.id = ProcurementId::from_u128(2);
    retender.name = "Peningkatan Jalan Contoh (Tender Ulang)".into();
    retender.announced_on = day(4, 7);
    chain
        .execute(
            POKJA,
            at(4, 7),
            Command::AnnounceTender {
                spec: retender,
                packages: vec![PACKAGE],
            },
        )
        .unwrap();
    assert!(found_as_of(&chain, RuleId::T09, day(5, 1)).is_empty());
    assert_eq!(chain.state().procurement_of(PACKAGE), Some(ProcurementId::from_u128(2)));
}

fn sign(bond: Option<i64>, value: i64) -> Command {
    let mut contract = contract_spec();
    contract.value = rp(value);
    contract.performance_bond = bond.map(rp);
    Command::SignContract {
        procurement: TENDER,
        contract,
    }
}

#[test]
fn a_contract_above_200_juta_needs_its_performance_bond_on_hps_when_the_offer_is_low() {
    // Given CV A awarded at Rp1,2 miliar (96 % of the Rp1,25 miliar HPS): the bond is 5 % of the
    // value, Rp60 juta (Perpres 16/2018 Pasal 33).
    let mut chain = given_an_awarded_tender();
    for bond in [None, Some(59_999_999)] {
        let err = refused(&mut chain, PPK, at(4, 2), sign(bond, 1_200_000_000));
        let ChainError::Procurement(rantai::procurement::ProcurementError::RuleViolated { violation, .. }) = err else {
            panic!("{err}")
        };
        assert_eq!(violation.rule, RuleId::H05);
        assert_eq!(violation.evidence.get("required").unwrap().to_string(), "Rp60.000.000");
        assert_eq!(
            violation.evidence.get("bond_base").unwrap().to_string(),
            "contract value"
        );
    }
    chain
        .execute(PPK, at(4, 2), sign(Some(60_000_000), 1_200_000_000))
        .unwrap();
    assert!(found(&chain, RuleId::H05).is_empty());
    assert!(found(&chain, RuleId::H04).is_empty());

    // Given instead a third bidder at Rp950 juta, 76 % of HPS, who wins: H-04 asks for the price
    // clarification, and the bond is 5 % of the HPS, Rp62,5 juta — 5 % of the value is not enough.
    let mut chain = given_two_offers(1_250_000_000);
    let cv_c = ActorId::from_u128(12);
    chain
        .execute(
            BUPATI,
            at(3, 1),
            Command::RegisterActor {
                actor: Actor::new(cv_c, "CV C").with_grant(Grant {
                    role: Role::Provider,
                    scope: Scope::Region,
                }),
            },
        )
        .unwrap();
    let low = Bid {
        id: BidId::from_u128(3),
        provider: cv_c,
        offer: rp(950_000_000),
        corrected: None,
        disqualified: None,
        submitted_on: day(3, 12),
    };
    chain
        .execute(
            cv_c,
            at(3, 12),
            Command::SubmitBid {
                procurement: TENDER,
                bid: low,
            },
        )
        .unwrap();
    award(&mut chain, 3, cv_c, 950_000_000);
    let h04 = found(&chain, RuleId::H04);
    assert_eq!(h04.len(), 1);
    assert_eq!(ratio(&h04[0], "offer_to_hps"), Ratio::percent(76));
    let err = refused(&mut chain, PPK, at(4, 2), sign(Some(47_500_000), 950_000_000));
    assert!(err.to_string().contains("H-05"), "{err}");
    chain
        .execute(PPK, at(4, 2), sign(Some(62_500_000), 950_000_000))
        .unwrap();
    assert!(found(&chain, RuleId::H05).is_empty());
}

#[test]
fn a_pokja_of_two_or_a_ppk_sitting_on_its_own_pokja_is_refused_at_announcement() {
    let mut chain = given_an_announced_package();
    let announce = |officials: Officials| {
        let mut spec = tender(1_250_000_000);
        spec.officials = officials;
        Command::AnnounceTender {
            spec,
            packages: vec![PACKAGE],
        }
    };
    let two = Officials {
        ppk: Some(PPK),
        pokja: vec![POKJA, ActorId::from_u128(60)],
        pejabat_pengadaan: None,
    };
    let err = refused(&mut chain, POKJA, at(3, 3), announce(two));
    assert!(err.to_string().contains("R-03"), "{err}");
    let with_ppk = Officials {
        ppk: Some(PPK),
        pokja: vec![POKJA, PPK, ActorId::from_u128(61)],
        pejabat_pengadaan: None,
    };
    let err = refused(&mut chain, POKJA, at(3, 3), announce(with_ppk));
    assert!(err.to_string().contains("R-01"), "{err}");
    // A Pokja of three without the PPK is announced, and neither rule is found.
    chain
        .execute(POKJA, at(3, 3), announce(tender(1_250_000_000).officials))
        .unwrap();
    assert!(found(&chain, RuleId::R03).is_empty());
    assert!(found(&chain, RuleId::R01).is_empty());
}

#[test]
fn above_the_pokja_authority_only_the_pa_sets_the_winner() {
    // Given a region whose rulebook puts the Pokja's authority at Rp1 miliar (the standard is
    // Rp100 miliar: Perpres 16/2018 Pasal 13(1)), and the Rp1,3 miliar tender with its offers,
    let overlay = r#"
[[rule]]
id = "P-05"

[[rule.param]]
name = "pokja_max"
values = [{ from = "2018-07-01", value = "1000000000", citation = "test overlay" }]
"#;
    let book = Rulebook::standard().overlay_toml(overlay).unwrap();
    let standard = given_two_offers(1_250_000_000);
    let mut chain = Chain::replay(standard.log().entries().to_vec(), book, Box::new(FixedClock(at(3, 20)))).unwrap();
    let award = |n: u128| Command::AwardTender {
        procurement: TENDER,
        award: Award {
            bid: BidId::from_u128(n),
            provider: CV_A,
            price: rp(1_200_000_000),
            awarded_on: day(3, 20),
        },
    };
    // the Pokja may not set the winner,
    let err = refused(&mut chain, POKJA, at(3, 20), award(1));
    let ChainError::RuleViolated { violation, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(violation.rule, RuleId::P05);
    assert_eq!(
        violation.evidence.get("pokja_limit").unwrap().to_string(),
        "Rp1.000.000.000"
    );
    // the PA does.
    chain.execute(PA, at(3, 20), award(1)).unwrap();
    assert_eq!(chain.state().procurements()[&TENDER].status(), "awarded");
}

#[test]
fn in_the_penalty_period_an_addendum_only_extends_and_at_most_50_days() {
    // Given the Rp1,2 miliar contract ending 31 October 2025,
    let mut chain = given_a_signed_contract();
    let addendum = |n, value, end: Option<NaiveDate>| Command::AmendContract {
        contract: CONTRACT,
        addendum: Addendum {
            number: n,
            dated: day(11, 5),
            new_value: rp(value),
            new_end: end,
            reason: "pemberian kesempatan".into(),
        },
    };
    // an addendum signed on 5 November that adds work is refused (C-02),
    let err = refused(&mut chain, PPK, at(11, 5), addendum(1, 1_250_000_000, None));
    let ChainError::Procurement(rantai::procurement::ProcurementError::RuleViolated { violation, .. }) = err else {
        panic!("{err}")
    };
    assert_eq!(violation.rule, RuleId::C02);
    assert_eq!(violation.evidence.get("days_into_penalty").unwrap().to_string(), "5");
    // one that gives 60 more days is accepted and flagged by C-04 (at most 50),
    chain
        .execute(PPK, at(11, 5), addendum(1, 1_200_000_000, Some(day(12, 30))))
        .unwrap();
    let c04 = found(&chain, RuleId::C04);
    assert_eq!(c04.len(), 1);
    assert_eq!(text(&c04[0], "days"), "60");
    assert!(found(&chain, RuleId::C02).is_empty());
    // while 50 days would not have been.
    let mut chain = given_a_signed_contract();
    chain
        .execute(PPK, at(11, 5), addendum(1, 1_200_000_000, Some(day(12, 20))))
        .unwrap();
    assert!(found(&chain, RuleId::C04).is_empty());
    // A second extension, signed on 21 December to 8 February, counts from the end first missed
    // (31 October): 100 days, found — successive extensions add up.
    let second = Command::AmendContract {
        contract: CONTRACT,
        addendum: Addendum {
            number: 2,
            dated: day(12, 21),
            new_value: rp(1_200_000_000),
            new_end: NaiveDate::from_ymd_opt(2026, 2, 8),
            reason: "pemberian kesempatan kedua".into(),
        },
    };
    chain.execute(PPK, at(12, 21), second).unwrap();
    let c04 = found(&chain, RuleId::C04);
    assert_eq!(c04.len(), 1);
    assert_eq!(text(&c04[0], "days"), "100");
}

#[test]
fn a_penunjukan_langsung_needs_its_keadaan_tertentu_or_the_failed_re_tender() {
    // Given the tender failed on offers above HPS, and its re-tender failed too,
    let mut chain = given_a_tender_priced_above_hps();
    chain
        .execute(POKJA, at(3, 21), failure(Some(FailureGround::AllOffersAboveHps), 3, 21))
        .unwrap();
    let retender = ProcurementId::from_u128(2);
    let mut spec = tender(1_100_000_000);
    spec.id = retender;
    spec.announced_on = day(4, 7);
    chain
        .execute(
            POKJA,
            at(4, 7),
            Command::AnnounceTender {
                spec,
                packages: vec![PACKAGE],
            },
        )
        .unwrap();
    let direct = |basis: Option<DirectBasis>| {
        let mut spec = tender(1_100_000_000);
        spec.id = ProcurementId::from_u128(3);
        spec.metode = MetodePemilihan::PenunjukanLangsung;
        spec.announced_on = day(5, 12);
        spec.direct_basis = basis;
        Command::AnnounceTender {
            spec,
            packages: vec![PACKAGE],
        }
    };
    let cites_retender = Some(DirectBasis::FailedRetender { procurement: retender });
    // a Penunjukan Langsung without a basis is refused (P-09), as is one citing a re-tender that
    // has not failed;
    let err = refused(&mut chain, POKJA, at(5, 12), direct(None));
    assert!(err.to_string().contains("P-09"), "{err}");
    let err = refused(&mut chain, POKJA, at(5, 12), direct(cites_retender.clone()));
    assert!(err.to_string().contains("has not failed"), "{err}");
    // once the re-tender fails, the Penunjukan Langsung that cites it is announced.
    chain
        .execute(
            POKJA,
            at(5, 5),
            Command::DeclareFailed {
                procurement: retender,
                failure: Failure {
                    declared_on: day(5, 5),
                    ground: Some(FailureGround::NoBids),
                    statement: None,
                },
            },
        )
        .unwrap();
    // Citing the first tender instead is refused: it failed, but it was not a re-tender.
    let cites_first = Some(DirectBasis::FailedRetender { procurement: TENDER });
    let err = refused(&mut chain, POKJA, at(5, 12), direct(cites_first));
    assert!(err.to_string().contains("first tender"), "{err}");
    chain.execute(POKJA, at(5, 12), direct(cites_retender)).unwrap();
    assert!(found(&chain, RuleId::P09).is_empty());
    // A keadaan tertentu is a basis on its own.
    let mut chain = given_an_announced_package();
    let single = Some(DirectBasis::KeadaanTertentu {
        keadaan: KeadaanTertentu::SingleProvider,
    });
    chain.execute(POKJA, at(5, 12), direct(single)).unwrap();
}

#[test]
fn the_sppbj_is_issued_once_after_the_award_and_the_contract_follows_within_14_working_days() {
    // Given CV A awarded on 20 March 2025,
    let mut chain = given_an_awarded_tender();
    let sppbj = |m, d| Command::IssueSppbj {
        procurement: TENDER,
        on: day(m, d),
    };
    // the SPPBJ cannot predate the award, nor be issued by the Pokja;
    let err = refused(&mut chain, PPK, at(3, 19), sppbj(3, 19));
    assert!(err.to_string().contains("before"), "{err}");
    let err = refused(&mut chain, POKJA, at(3, 26), sppbj(3, 26));
    assert!(matches!(err, ChainError::Unauthorized { .. }), "{err}");
    // the PPK issues it on Wednesday 26 March, once.
    chain.execute(PPK, at(3, 26), sppbj(3, 26)).unwrap();
    refused(&mut chain, PPK, at(3, 27), sppbj(3, 27));
    // Signed on Wednesday 16 April: 15 working days after (weekends only) → T-06.
    let mut late = contract_spec();
    late.signed_on = day(4, 16);
    late.start = day(4, 17);
    chain
        .execute(
            PPK,
            at(4, 16),
            Command::SignContract {
                procurement: TENDER,
                contract: late,
            },
        )
        .unwrap();
    let t06 = found(&chain, RuleId::T06);
    assert_eq!(t06.len(), 1);
    assert_eq!(text(&t06[0], "working_days"), "15");
    // Without an SPPBJ the rule cannot be decided.
    let chain = given_a_signed_contract();
    let t06: Vec<_> = chain.findings().into_iter().filter(|f| f.code == RuleId::T06).collect();
    assert!(matches!(t06[0].outcome, Outcome::Insufficient { .. }));
}

#[test]
fn a_sanggah_banding_needs_works_its_bond_and_the_answer_to_the_sanggah_and_holds_the_contract() {
    // Given CV A awarded on 20 March (works, HPS Rp1,25 miliar: the bond is Rp12,5 juta),
    let mut chain = given_an_awarded_tender();
    let objection = |n, kind, m, d, bond: Option<i64>| Command::FileObjection {
        procurement: TENDER,
        objection: Objection {
            number: n,
            provider: PT_B,
            kind,
            filed_on: day(m, d),
            bond: bond.map(rp),
            answered_on: None,
        },
    };
    let answer = |n, m, d| Command::AnswerObjection {
        procurement: TENDER,
        number: n,
        answered_on: day(m, d),
    };
    // PT B files a sanggah on 21 March; only a bidder may, and only for itself;
    refused(
        &mut chain,
        CV_A,
        at(3, 21),
        objection(1, ObjectionKind::Sanggah, 3, 21, None),
    );
    chain
        .execute(PT_B, at(3, 21), objection(1, ObjectionKind::Sanggah, 3, 21, None))
        .unwrap();
    // the PA may not answer it (the Pokja does), on 24 March;
    refused(&mut chain, PA, at(3, 24), answer(1, 3, 24));
    chain.execute(POKJA, at(3, 24), answer(1, 3, 24)).unwrap();
    // PT B files a sanggah banding on 1 April — 8 days after the answer — with Rp12 juta.
    chain
        .execute(
            PT_B,
            at(4, 1),
            objection(2, ObjectionKind::SanggahBanding, 4, 1, Some(12_000_000)),
        )
        .unwrap();
    let t03 = found(&chain, RuleId::T03);
    assert_eq!(t03.len(), 1);
    assert_eq!(
        text(&t03[0], "problem"),
        "jaminan sanggah banding under its share of HPS"
    );
    assert_eq!(money(&t03[0], "required"), rp(12_500_000));
    // Until the PA answers it, the contract waits.
    let err = refused(&mut chain, PPK, at(4, 2), sign_the_contract());
    assert!(err.to_string().contains("sanggah banding"), "{err}");
    chain.execute(PA, at(4, 2), answer(2, 4, 2)).unwrap();
    chain.execute(PPK, at(4, 2), sign_the_contract()).unwrap();
    assert_eq!(chain.state().procurements()[&TENDER].objections().len(), 2);
}

#[test]
fn a_failure_recorded_after_its_re_tender_gives_the_package_to_the_re_tender() {
    // Given the announced package, an import records its tender, then the re-tender, then the
    // first one's failure — SPSE's order, not the order things happened.
    let mut chain = given_an_announced_package();
    let spse = || Provenance::Import {
        system: "SPSE".into(),
        dataset: "SPSE-TenderPengumuman".into(),
        record_key: "10026001".into(),
    };
    let record = |id: u128, on: NaiveDate| Command::RecordTender {
        spec: TenderSpec {
            id: ProcurementId::from_u128(id),
            announced_on: on,
            ..tender(1_250_000_000)
        },
        kd_rup: vec![KodeRup::new(52_000_001)],
        plan_data: rantai::chain::PlanData::Loaded,
    };
    chain.record(spse(), BUPATI, at(3, 3), record(1, day(3, 3))).unwrap();
    chain.record(spse(), BUPATI, at(4, 7), record(2, day(4, 7))).unwrap();
    // While the first holds the package, the second is a second procurement of it (D1).
    assert_eq!(found(&chain, RuleId::D1).len(), 1);
    chain.record(spse(), BUPATI, at(3, 21), failure(None, 3, 21)).unwrap();
    // Once the first is failed, the re-tender holds the package, and D1 has nothing to say.
    assert_eq!(chain.state().procurement_of(PACKAGE), Some(ProcurementId::from_u128(2)));
    assert!(found(&chain, RuleId::D1).is_empty());
}

#[test]
fn a_package_tendered_twice_is_refused_by_command_and_found_on_record_with_the_same_evidence() {
    // red-flags.md §9 D1: a RUP package is procured once (catalogue orders aside). Given the
    // package tendered on 3 March,
    let mut chain = given_an_announced_package();
    chain
        .execute(
            POKJA,
            at(3, 3),
            Command::AnnounceTender {
                spec: tender(1_250_000_000),
                packages: vec![PACKAGE],
            },
        )
        .unwrap();
    let second = TenderSpec {
        id: ProcurementId::from_u128(2),
        kd_tender: ExternalKey::new("10026002").ok(),
        name: "Pemeliharaan Jalan Contoh".into(),
        announced_on: day(4, 7),
        ..tender(1_250_000_000)
    };
    // a second tender of it sent as a command is refused,
    let err = refused(
        &mut chain,
        POKJA,
        at(4, 7),
        Command::AnnounceTender {
            spec: second.clone(),
            packages: vec![PACKAGE],
        },
    );
    let ChainError::RuleViolated { violation, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(violation.rule, RuleId::D1);
    // and recorded from SPSE it is kept and found — with the very evidence of the refusal.
    let spse = Provenance::Import {
        system: "SPSE".into(),
        dataset: "SPSE-TenderPengumuman".into(),
        record_key: "10026002".into(),
    };
    let record = Command::RecordTender {
        spec: second,
        kd_rup: vec![KodeRup::new(52_000_001)],
        plan_data: rantai::chain::PlanData::Loaded,
    };
    chain.record(spse, BUPATI, at(4, 7), record).unwrap();
    let d1 = found(&chain, RuleId::D1);
    assert_eq!(d1.len(), 1);
    assert_eq!(d1[0].evidence(), Some(&violation.evidence));
    assert_eq!(text(&d1[0], "kd_rup"), "52000001");
    assert_eq!(text(&d1[0], "first_procurement"), "Peningkatan Jalan Contoh");
    assert_eq!(text(&d1[0], "first_announced_on"), "2025-03-03");
}

#[test]
fn k07_a_recorded_package_whose_mak_names_another_sub_kegiatan_is_kept_and_found() {
    // Given Dinas PUPR's sub-kegiatan 1.03.10.2.01.0003 (Rehabilitasi Jalan) and a second one,
    // 1.03.10.2.01.0004 (Pemeliharaan Jalan),
    let mut chain = given_a_region();
    let upkeep = SubKegiatanId::from_u128(4);
    register_sub_kegiatan(
        &mut chain,
        upkeep,
        "1.03.10.2.01.0004",
        "Pemeliharaan Jalan",
        500_000_000,
    );
    // a Rp180 juta package funded from 0004 whose MAK names 0003
    let mut spec = package(MetodePemilihan::PengadaanLangsung, JenisPengadaan::Barang, 180_000_000);
    spec.funding[0].sub_kegiatan = upkeep;
    assert_eq!(spec.funding[0].mak.sub_kegiatan().to_string(), "1.03.10.2.01.0003");
    // is refused as a command,
    let err = refused(&mut chain, PPK, at(1, 13), Command::DraftPackage { spec: spec.clone() });
    assert!(matches!(err, ChainError::MakMismatch { .. }), "{err}");
    assert!(found(&chain, RuleId::K07).is_empty());
    // and recorded from SIRUP it is kept and found, with both codes and the amount.
    let sirup = Provenance::Import {
        system: "SIRUP".into(),
        dataset: "RUP-PaketPenyedia-Terumumkan".into(),
        record_key: "52000001".into(),
    };
    chain
        .record(sirup, BUPATI, at(1, 13), Command::DraftPackage { spec })
        .unwrap();
    let k07 = found(&chain, RuleId::K07);
    assert_eq!(k07.len(), 1);
    assert_eq!(k07[0].subject, Subject::Package(PACKAGE));
    assert_eq!(text(&k07[0], "mak_sub_kegiatan"), "1.03.10.2.01.0003");
    assert_eq!(text(&k07[0], "funding_sub_kegiatan"), "1.03.10.2.01.0004");
    assert_eq!(money(&k07[0], "amount"), rp(180_000_000));

    // The same package funded from 0003, as its MAK says: no K-07.
    let mut clean = given_a_region();
    let spec = package(MetodePemilihan::PengadaanLangsung, JenisPengadaan::Barang, 180_000_000);
    clean.execute(PPK, at(1, 13), Command::DraftPackage { spec }).unwrap();
    assert!(found(&clean, RuleId::K07).is_empty());
    let decided = clean
        .findings()
        .into_iter()
        .any(|f| f.code == RuleId::K07 && f.outcome == Outcome::NotFound);
    assert!(decided, "K-07 was decided, not skipped");
    // Announced, it cannot be revised by command onto 0004 with the MAK still naming 0003.
    register_sub_kegiatan(
        &mut clean,
        upkeep,
        "1.03.10.2.01.0004",
        "Pemeliharaan Jalan",
        500_000_000,
    );
    announce(&mut clean);
    let mut moved = package(MetodePemilihan::PengadaanLangsung, JenisPengadaan::Barang, 180_000_000);
    moved.funding[0].sub_kegiatan = upkeep;
    let revise = Command::RevisePackage {
        spec: moved,
        reason: "pindah sub-kegiatan".into(),
        on: day(2, 3),
    };
    let err = refused(&mut clean, PA, at(2, 3), revise);
    assert!(matches!(err, ChainError::MakMismatch { .. }), "{err}");
}
