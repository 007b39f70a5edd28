//! The embedded sample region "Kabupaten Sukamaju" (fictional), fiscal year 2025: four OPDs and
//! 32 RUP packages that walk plan → procurement → budget → monitoring through both the command
//! path and the record path, covering clean packages and every rule of the first catalogue.
//!
//! Everything is deterministic (fixed ids, dates and clock), so the demo prints the same bytes on
//! every run. Each anomaly is labelled in [`CASES`] with the rule it must trigger, and a test
//! checks that the engine finds exactly those.
//!
//! ```
//! let chain = rantai_sample::sample_region()?;
//! chain.verify()?;
//! let findings = chain.findings();
//! assert!(findings.iter().any(|f| f.is_found() && f.code == rantai_core::RuleId::C07));
//! # Ok::<(), rantai_chain::ChainError>(())
//! ```
#![deny(missing_docs)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rantai_budgeting::{AnggaranKas, DpaLineSpec, Sp2d, Spd};
use rantai_core::{
    Actor, ActorId, BidId, ContractId, DpaLineId, ExternalKey, FiscalYear, GovLevel, Grant, JenisPengadaan, KegiatanId,
    KodeRekening, KodeRup, Mak, MetodePemilihan, Money, Organisation, OrganisationId, PackageId, PaymentId,
    ProcurementId, ProgramId, Provenance, Ratio, RegionProfile, ReportId, Role, Rulebook, Scope, SpdId,
    SubKegiatanCode, SubKegiatanId, WorkingCalendar,
};
use rantai_monev::ProgressReport;
use rantai_planning::{
    BudgetStructure, FundingLine, Indicator, IndicatorLevel, Kegiatan, PackageFlags, PackageKind, PackageSpec, Program,
    SubKegiatanSpec, Window,
};
use rantai_procurement::rules::{contract_form, performance_bond};
use rantai_procurement::{
    Addendum, Award, Bid, ContractForm, ContractSpec, EvaluationMethod, Officials, Ownership, ProviderSize, Schedule,
    ScheduledStage, Stake, TenderSpec, Tie,
};

use rantai_chain::{Chain, ChainError, Command, FixedClock, PlanData};

/// The date the sample region is observed on (end of the third quarter).
pub const AS_OF: (i32, u32, u32) = (2025, 9, 30);

/// [`AS_OF`] as a date.
pub fn as_of() -> NaiveDate {
    let (y, m, d) = AS_OF;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The Bupati (Kepala Daerah), who founds the chain and appoints everyone.
pub const BUPATI: ActorId = ActorId::from_u128(100);
/// Bappeda, which registers sub-kegiatan.
pub const BAPPEDA: ActorId = ActorId::from_u128(101);
/// The BUD, which opens DPA lines and issues SP2D.
pub const BUD: ActorId = ActorId::from_u128(102);
/// The importer that records facts from SIRUP, SPSE, SIPD and e-Monev (holds no role).
pub const IMPORTER: ActorId = ActorId::from_u128(103);
/// The three members of the UKPBJ's Pokja Pemilihan.
pub const POKJA: [ActorId; 3] = [
    ActorId::from_u128(110),
    ActorId::from_u128(111),
    ActorId::from_u128(112),
];

/// The PA of OPD `org` (0 PUPR, 1 Kesehatan, 2 Pendidikan, 3 Kominfo).
pub fn pa(org: usize) -> ActorId {
    ActorId::from_u128(120 + org as u128)
}
/// The PPK of OPD `org`.
pub fn ppk(org: usize) -> ActorId {
    ActorId::from_u128(130 + org as u128)
}
/// The PPTK of OPD `org`.
pub fn pptk(org: usize) -> ActorId {
    ActorId::from_u128(140 + org as u128)
}
/// The Pejabat Pengadaan of OPD `org`.
pub fn pejabat_pengadaan(org: usize) -> ActorId {
    ActorId::from_u128(150 + org as u128)
}
/// Provider `n` (0–7).
pub fn provider(n: usize) -> ActorId {
    ActorId::from_u128(200 + n as u128)
}
/// OPD `org`'s id.
pub fn org_id(org: usize) -> OrganisationId {
    OrganisationId::from_u128(1 + org as u128)
}

/// An OPD of the sample: code, name, and the two sub-kegiatan it runs (code, name).
type Opd = (&'static str, &'static str, [(&'static str, &'static str); 2]);

/// The four OPDs.
const OPDS: [Opd; 4] = [
    (
        "1.03.0.00.0.00.01.0000",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        [
            ("1.03.10.2.01.0003", "Rehabilitasi dan Peningkatan Jalan"),
            ("1.03.03.2.01.0021", "Pembangunan Sistem Drainase dan Gedung"),
        ],
    ),
    (
        "1.02.0.00.0.00.02.0000",
        "Dinas Kesehatan",
        [
            ("1.02.02.2.01.0014", "Pengadaan Alat Kesehatan dan Obat"),
            ("1.02.02.2.01.0020", "Penyediaan Sarana Puskesmas"),
        ],
    ),
    (
        "1.01.0.00.0.00.03.0000",
        "Dinas Pendidikan",
        [
            ("1.01.02.2.01.0009", "Rehabilitasi Sarana Sekolah"),
            ("1.01.02.2.01.0017", "Pengadaan Perlengkapan Sekolah"),
        ],
    ),
    (
        "2.16.0.00.0.00.04.0000",
        "Dinas Komunikasi dan Informatika",
        [
            ("2.16.03.2.02.0001", "Pengembangan Infrastruktur SPBE"),
            ("2.16.03.2.02.0005", "Penyusunan Rencana Induk SPBE"),
        ],
    ),
];

/// How a package reaches procurement in the sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    /// Live commands end to end.
    Command,
    /// Recorded facts (as an importer would), so rules flag instead of refusing.
    Record,
}

/// How the procurement links to the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// Through the announced package.
    Planned,
    /// Cites a `kd_rup` that the plan does not have.
    UnknownRup,
    /// The plan data was not available to the importer.
    PlanMissing,
}

/// One package of the sample and what happens to it (amounts in juta rupiah).
#[derive(Clone, Copy, Debug)]
struct Case {
    org: usize,
    sub: usize,
    name: &'static str,
    jenis: JenisPengadaan,
    metode: MetodePemilihan,
    pagu: i64,
    /// First month of the planned selection window.
    select_month: u32,
    /// What must be found (besides nothing, for clean packages).
    expect: &'static [&'static str],
    path: Path,
    link: Link,
    /// Not reserved for small business, and no reason given.
    non_umk: bool,
    /// None: the package is announced but not procured yet.
    tender: Option<TenderCase>,
}

#[derive(Clone, Copy, Debug)]
struct TenderCase {
    metode: Option<MetodePemilihan>,
    pagu: Option<i64>,
    hps: Option<i64>,
    announced: (u32, u32),
    bids: &'static [i64],
    award: i64,
    contract: i64,
    advance: i64,
    /// Contract start and end (month, day).
    start: (u32, u32),
    end: (u32, u32),
    /// Values after each addendum, with its month.
    addenda: &'static [(u32, i64)],
    /// Sp2d payments (month, day, amount).
    payments: &'static [(u32, u32, i64)],
    /// Progress reports (month, day, actual %, planned %).
    reports: &'static [(u32, u32, i64, i64)],
    bast: Option<(u32, u32)>,
    /// DPA line pagu when it differs from the package pagu.
    line_pagu: Option<i64>,
    /// The contract's form when it is not the one its value requires.
    form: Option<ContractForm>,
}

const fn tender(hps: i64, award: i64, contract: i64) -> TenderCase {
    TenderCase {
        metode: None,
        pagu: None,
        hps: Some(hps),
        announced: (3, 3),
        bids: &[],
        award,
        contract,
        advance: 0,
        start: (4, 14),
        end: (11, 28),
        addenda: &[],
        payments: &[],
        reports: &[],
        bast: None,
        line_pagu: None,
        form: None,
    }
}

const fn case(
    org: usize,
    sub: usize,
    name: &'static str,
    jenis: JenisPengadaan,
    metode: MetodePemilihan,
    pagu: i64,
) -> Case {
    Case {
        org,
        sub,
        name,
        jenis,
        metode,
        pagu,
        select_month: 2,
        expect: &[],
        path: Path::Command,
        link: Link::Planned,
        non_umk: false,
        tender: None,
    }
}

use JenisPengadaan::{Barang as B, JasaKonsultansi as JK, JasaLainnya as JL, PekerjaanKonstruksi as PK};
use MetodePemilihan::{EPurchasing as EP, PengadaanLangsung as PL, Seleksi as SEL, Tender as TDR};

/// The 32 packages of the sample region.
const CASES: [Case; 32] = [
    // ── Dinas PUPR ──
    Case {
        expect: &["C-07", "C-08"],
        tender: Some(TenderCase {
            bids: &[2_150, 2_205, 2_298],
            advance: 430,
            payments: &[(4, 22, 430), (8, 29, 215)],
            reports: &[(6, 30, 21, 30), (9, 26, 44, 60)],
            ..tender(2_390, 2_150, 2_150)
        }),
        ..case(0, 0, "Peningkatan Jalan Cileunyi–Rancaekek", PK, TDR, 2_400)
    },
    Case {
        tender: Some(TenderCase {
            bids: &[1_105, 1_140],
            payments: &[(7, 31, 276), (9, 15, 184)],
            reports: &[(7, 25, 30, 28), (9, 26, 71, 70)],
            ..tender(1_190, 1_105, 1_105)
        }),
        ..case(0, 0, "Rehabilitasi Jembatan Citarum Hilir", PK, TDR, 1_200)
    },
    Case {
        expect: &["K-11"],
        tender: Some(TenderCase {
            bids: &[790, 812, 835],
            payments: &[(6, 30, 237), (8, 29, 237)],
            reports: &[(9, 26, 35, 40)],
            ..tender(845, 790, 790)
        }),
        ..case(0, 1, "Pembangunan Drainase Kecamatan Baleendah", PK, TDR, 850)
    },
    Case {
        expect: &["C-01", "D12"],
        path: Path::Record,
        tender: Some(TenderCase {
            bids: &[900, 915],
            addenda: &[(7, 960), (9, 1_000)],
            payments: &[(6, 30, 270)],
            reports: &[(9, 26, 62, 65)],
            line_pagu: Some(1_000),
            ..tender(940, 900, 900)
        }),
        ..case(0, 0, "Pemeliharaan Berkala Jalan Soreang–Banjaran", PK, TDR, 950)
    },
    Case {
        expect: &["H-01"],
        path: Path::Record,
        tender: Some(TenderCase {
            bids: &[2_980, 3_050],
            reports: &[(9, 26, 48, 50)],
            ..tender(3_150, 2_980, 2_980)
        }),
        ..case(0, 1, "Pembangunan Gedung Kantor Kecamatan Ciparay", PK, TDR, 3_000)
    },
    Case {
        // The one priced bid, above HPS, won: H-07 beside H-02, H-03 and D9.
        expect: &["H-02", "H-03", "D9", "H-07"],
        path: Path::Record,
        tender: Some(TenderCase {
            bids: &[1_520],
            reports: &[(9, 26, 55, 58)],
            line_pagu: Some(1_600),
            ..tender(1_480, 1_520, 1_520)
        }),
        ..case(0, 1, "Penataan Trotoar Alun-alun Soreang", PK, TDR, 1_500)
    },
    Case {
        // With no announced plan behind it, K-05 and both halves of K-06 cannot be decided.
        expect: &["K-04", "K-05?", "K-06?", "K-06?", "D2?"],
        path: Path::Record,
        link: Link::UnknownRup,
        tender: Some(TenderCase {
            bids: &[612, 640, 655],
            reports: &[(9, 26, 66, 66)],
            ..tender(648, 612, 612)
        }),
        ..case(0, 1, "Rehabilitasi Saluran Irigasi Ciherang", PK, TDR, 650)
    },
    Case {
        expect: &["P-01", "P-01", "D14"],
        path: Path::Record,
        select_month: 3,
        tender: Some(TenderCase {
            announced: (3, 10),
            bids: &[372],
            start: (4, 7),
            end: (7, 31),
            payments: &[(8, 15, 353)],
            reports: &[(7, 31, 100, 100)],
            bast: Some((8, 1)),
            ..tender(378, 372, 372)
        }),
        ..case(0, 0, "Peningkatan Jalan Desa Margahayu", PK, PL, 380)
    },
    Case {
        select_month: 6,
        tender: Some(TenderCase {
            announced: (6, 9),
            bids: &[341],
            start: (7, 1),
            end: (10, 31),
            payments: &[(8, 29, 102)],
            reports: &[(9, 26, 74, 70)],
            ..tender(348, 341, 341)
        }),
        ..case(0, 1, "Pembangunan Talud Sungai Cikapundung", PK, PL, 350)
    },
    Case {
        tender: Some(TenderCase {
            bids: &[395, 401, 410],
            start: (4, 14),
            end: (12, 15),
            payments: &[(7, 31, 118)],
            reports: &[(9, 26, 66, 65)],
            ..tender(415, 395, 395)
        }),
        ..case(0, 0, "Jasa Konsultansi Pengawasan Peningkatan Jalan", JK, SEL, 420)
    },
    // ── Dinas Kesehatan ──
    Case {
        tender: Some(TenderCase {
            bids: &[1_640, 1_700, 1_755],
            start: (4, 21),
            end: (8, 29),
            payments: &[(9, 12, 1_558)],
            reports: &[(8, 29, 100, 100)],
            bast: Some((8, 29)),
            ..tender(1_790, 1_640, 1_640)
        }),
        ..case(1, 0, "Pengadaan Alat Kesehatan Puskesmas", B, TDR, 1_800)
    },
    Case {
        tender: Some(TenderCase {
            hps: None,
            announced: (2, 17),
            bids: &[2_480],
            start: (3, 3),
            end: (6, 30),
            payments: &[(7, 10, 2_480)],
            reports: &[(6, 30, 100, 100)],
            bast: Some((6, 30)),
            ..tender(0, 2_480, 2_480)
        }),
        ..case(1, 0, "Pengadaan Obat dan Bahan Medis Habis Pakai", B, EP, 2_500)
    },
    Case {
        // Paying past the contract value also pays past the commitment and past the net
        // balance: D13, K-08 and C-09 overlap.
        expect: &["D13", "K-08", "C-09"],
        path: Path::Record,
        tender: Some(TenderCase {
            bids: &[1_050, 1_080],
            start: (4, 21),
            end: (7, 31),
            payments: &[(6, 30, 600), (8, 15, 500)],
            reports: &[(7, 31, 100, 100)],
            bast: Some((7, 31)),
            ..tender(1_090, 1_050, 1_050)
        }),
        ..case(1, 1, "Pengadaan Ambulans Desa", B, TDR, 1_100)
    },
    Case {
        expect: &["P-01", "P-01"],
        path: Path::Record,
        select_month: 4,
        tender: Some(TenderCase {
            announced: (4, 7),
            bids: &[246],
            start: (4, 28),
            end: (6, 27),
            payments: &[(7, 7, 246)],
            reports: &[(6, 27, 100, 100)],
            bast: Some((6, 27)),
            ..tender(249, 246, 246)
        }),
        ..case(1, 0, "Pengadaan Reagen Laboratorium Kesehatan Daerah", B, PL, 250)
    },
    Case {
        tender: Some(TenderCase {
            announced: (3, 17),
            bids: &[193],
            start: (4, 7),
            end: (5, 30),
            payments: &[(6, 13, 193)],
            reports: &[(5, 30, 100, 100)],
            bast: Some((5, 30)),
            ..tender(195, 193, 193)
        }),
        select_month: 3,
        ..case(1, 1, "Pengadaan Meubelair Puskesmas", B, PL, 195)
    },
    Case {
        tender: Some(TenderCase {
            bids: &[850, 872],
            start: (5, 5),
            end: (10, 31),
            advance: 170,
            payments: &[(5, 12, 170)],
            reports: &[(9, 26, 58, 55)],
            ..tender(895, 850, 850)
        }),
        ..case(1, 1, "Pengadaan Cold Chain Vaksin", B, TDR, 900)
    },
    // ── Dinas Pendidikan ──
    Case {
        expect: &["K-05"],
        tender: Some(TenderCase {
            pagu: Some(2_250),
            bids: &[2_040, 2_110, 2_150],
            payments: &[(8, 29, 612)],
            reports: &[(9, 26, 63, 60)],
            ..tender(2_200, 2_040, 2_040)
        }),
        ..case(2, 0, "Rehabilitasi Ruang Kelas SD Negeri", PK, TDR, 2_100)
    },
    Case {
        tender: Some(TenderCase {
            hps: None,
            announced: (2, 24),
            bids: &[1_296],
            start: (3, 10),
            end: (5, 30),
            payments: &[(6, 16, 1_296)],
            reports: &[(5, 30, 100, 100)],
            bast: Some((5, 30)),
            ..tender(0, 1_296, 1_296)
        }),
        ..case(2, 1, "Pengadaan Buku Teks Pelajaran", B, EP, 1_300)
    },
    Case {
        tender: Some(TenderCase {
            bids: &[1_560, 1_600, 1_615],
            payments: &[(7, 31, 390), (9, 15, 312)],
            reports: &[(7, 25, 28, 28), (9, 26, 59, 60)],
            ..tender(1_640, 1_560, 1_560)
        }),
        ..case(2, 0, "Pembangunan Perpustakaan SMP Negeri 3", PK, TDR, 1_650)
    },
    Case {
        expect: &["K-08"],
        path: Path::Record,
        tender: Some(TenderCase {
            bids: &[960, 975],
            start: (4, 21),
            end: (7, 31),
            payments: &[(8, 15, 900)],
            reports: &[(7, 31, 100, 100)],
            bast: Some((7, 31)),
            line_pagu: Some(900),
            ..tender(978, 960, 960)
        }),
        ..case(2, 1, "Pengadaan Laptop Guru", B, TDR, 980)
    },
    Case {
        // Planned for February, announced in mid-April: 72 days late.
        expect: &["K-06", "D16"],
        tender: Some(TenderCase {
            announced: (4, 14),
            bids: &[182],
            start: (5, 5),
            end: (7, 4),
            payments: &[(7, 18, 172)],
            reports: &[(7, 4, 100, 100)],
            bast: Some((7, 4)),
            ..tender(184, 182, 182)
        }),
        ..case(2, 0, "Rehabilitasi Toilet Sekolah", PK, PL, 185)
    },
    Case {
        select_month: 2,
        ..case(2, 1, "Pengadaan Seragam Sekolah Siswa Baru", B, EP, 600)
    },
    // ── Dinas Komunikasi dan Informatika ──
    Case {
        tender: Some(TenderCase {
            bids: &[705, 720, 738],
            start: (5, 5),
            end: (12, 12),
            payments: &[(8, 29, 211)],
            reports: &[(9, 26, 52, 50)],
            ..tender(745, 705, 705)
        }),
        ..case(3, 1, "Jasa Konsultansi Penyusunan Rencana Induk SPBE", JK, SEL, 750)
    },
    Case {
        expect: &["P-02", "P-02"],
        path: Path::Record,
        select_month: 3,
        tender: Some(TenderCase {
            announced: (3, 17),
            bids: &[147],
            start: (4, 7),
            end: (7, 31),
            payments: &[(8, 8, 147)],
            reports: &[(7, 31, 100, 100)],
            bast: Some((7, 31)),
            ..tender(149, 147, 147)
        }),
        ..case(3, 1, "Jasa Konsultansi Kajian Jaringan Serat Optik", JK, PL, 150)
    },
    Case {
        tender: Some(TenderCase {
            bids: &[1_180, 1_210, 1_226],
            start: (4, 21),
            end: (8, 29),
            payments: &[(9, 12, 1_121)],
            reports: &[(8, 29, 100, 100)],
            bast: Some((8, 29)),
            ..tender(1_245, 1_180, 1_180)
        }),
        ..case(3, 0, "Pengadaan Perangkat Jaringan Kantor", B, TDR, 1_250)
    },
    Case {
        tender: Some(TenderCase {
            announced: (3, 10),
            bids: &[188],
            start: (4, 1),
            end: (12, 31),
            payments: &[(6, 30, 47), (9, 30, 47)],
            reports: &[(9, 26, 50, 49)],
            // Rp188 juta on a kuitansi: P-11 wants an SPK above Rp50 juta.
            form: Some(ContractForm::Kuitansi),
            ..tender(189, 188, 188)
        }),
        expect: &["P-11"],
        select_month: 3,
        ..case(3, 0, "Jasa Pemeliharaan Aplikasi SPBE", JL, PL, 190)
    },
    Case {
        expect: &["K-04?", "K-05?", "K-06?", "K-06?", "D2?"],
        path: Path::Record,
        link: Link::PlanMissing,
        tender: Some(TenderCase {
            bids: &[1_395, 1_420],
            start: (5, 5),
            end: (10, 31),
            reports: &[(9, 26, 70, 68)],
            ..tender(1_440, 1_395, 1_395)
        }),
        ..case(3, 0, "Pengadaan Server Pusat Data", B, TDR, 1_450)
    },
    Case {
        ..case(0, 1, "Pembangunan Pasar Rakyat Ciparay", PK, TDR, 4_500)
    },
    // Three office-supply packages of one puskesmas programme, each just under the Rp200 juta
    // Pengadaan Langsung ceiling and together far above it: P-08 on Dinas Kesehatan.
    Case {
        select_month: 5,
        ..case(1, 1, "Pengadaan Alat Tulis Kantor Puskesmas Wilayah Utara", B, PL, 196)
    },
    Case {
        select_month: 5,
        ..case(
            1,
            1,
            "Pengadaan Alat Tulis Kantor Puskesmas Wilayah Selatan",
            B,
            PL,
            198,
        )
    },
    Case {
        select_month: 5,
        ..case(1, 1, "Pengadaan Alat Tulis Kantor Puskesmas Wilayah Timur", B, PL, 199)
    },
    Case {
        expect: &["P-06"],
        non_umk: true,
        select_month: 6,
        ..case(2, 1, "Pengadaan Meja dan Kursi Siswa", B, EP, 800)
    },
];

/// Findings the sample expects on organisations rather than on one package's chain.
///
/// Every OPD of the sample has absorbed too little by 30 September (K-10): SP2D so far against
/// the DPA lines opened are 7.9 % / 20.4 % (PUPR, Q2 / Q3), 14.3 % at Q2 (Kesehatan), 21.1 % /
/// 60.0 % (Pendidikan) and 1.2 % / 41.5 % (Kominfo), against 25 % at Q2 and 70 % at Q3.
pub fn expected_region_findings() -> Vec<(rantai_core::Subject, &'static str)> {
    let org = |n| rantai_core::Subject::Organisation(org_id(n));
    vec![
        (org(1), "P-08"),
        (org(0), "K-10"),
        (org(1), "K-10"),
        (org(2), "K-10"),
        (org(3), "K-10"),
    ]
}

/// The bond Pasal 33 requires of a contract of `pid` worth `value` (H-05), as the sample's PPK
/// obtains it; `None` when none is required.
fn performance_bond(chain: &Chain, pid: ProcurementId, value: Money, signed_on: NaiveDate) -> Option<Money> {
    let p = chain.state().procurements().get(&pid)?;
    let award = p.award()?;
    let terms = performance_bond::BondTerms {
        jenis: p.spec().jenis,
        metode: p.spec().metode,
        value,
        hps: p.spec().hps,
        offer: p.bids().iter().find(|b| b.id == award.bid).map(|b| b.evaluated_price()),
        signed_on,
    };
    performance_bond::required(&terms, chain.rulebook())
        .ok()
        .flatten()
        .map(|(_, amount)| amount)
}

fn jt(n: i64) -> Money {
    Money::from_rupiah(n * 1_000_000).unwrap_or(Money::ZERO)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap_or(NaiveDate::MIN)
}

/// 09:00 WIB (UTC+7) on a date: when the sample's (and the generator's) facts occur.
pub fn at(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(2, 0, 0).unwrap_or_default())
}

fn last_day_of(month: u32) -> NaiveDate {
    if month >= 12 {
        return day(12, 31);
    }
    day(month + 1, 1).pred_opt().unwrap_or(day(month, 28))
}

/// The kode rekening a package of `jenis` is paid from (belanja modal for works and goods,
/// belanja jasa for services).
pub fn rekening(jenis: JenisPengadaan) -> KodeRekening {
    let text = match jenis {
        PK => "5.2.04.01.01.0001",
        B => "5.2.02.05.01.0001",
        JK => "5.1.02.02.01.0003",
        JL => "5.1.02.02.01.0026",
    };
    text.parse().unwrap_or_else(|_| unreachable!("literal kode rekening"))
}

fn code(text: &str) -> SubKegiatanCode {
    text.parse()
        .unwrap_or_else(|_| unreachable!("literal sub-kegiatan code"))
}

/// The sample's rule expectations: `(case index, rule)` for every `Found` the engine must report.
/// An entry ending in `?` expects `Insufficient` instead.
pub fn expected_findings() -> Vec<(usize, &'static str)> {
    CASES
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.expect.iter().map(move |r| (i, *r)))
        .collect()
}

/// The package id of sample case `i`.
pub fn package_id(i: usize) -> PackageId {
    PackageId::from_u128(1_000 + i as u128)
}
/// The procurement id of sample case `i`.
pub fn procurement_id(i: usize) -> ProcurementId {
    ProcurementId::from_u128(2_000 + i as u128)
}
/// The contract id of sample case `i`.
pub fn contract_id(i: usize) -> ContractId {
    ContractId::from_u128(4_000 + i as u128)
}
/// The DPA line id of sample case `i`.
pub fn dpa_line_id(i: usize) -> DpaLineId {
    DpaLineId::from_u128(5_000 + i as u128)
}

fn sub_kegiatan_id(org: usize, sub: usize) -> SubKegiatanId {
    SubKegiatanId::from_u128(300 + (org * 10 + sub) as u128)
}

/// Builds the sample region with the standard rulebook.
///
/// # Errors
///
/// Never for the embedded sample; an error would be a defect in the sample or the model.
pub fn sample_region() -> Result<Chain, ChainError> {
    sample_region_with(Rulebook::standard().clone())
}

/// Builds the sample region under a given rulebook.
///
/// # Errors
///
/// A [`ChainError`] when the rulebook makes a command of the sample's command path refuse (for
/// example a region that sets K-05 to `reject`).
pub fn sample_region_with(rulebook: Rulebook) -> Result<Chain, ChainError> {
    let founded = at(day(1, 2));
    let recorded = at(day(10, 1));
    let bupati = Actor::new(BUPATI, "Bupati Sukamaju").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let profile = RegionProfile {
        name: "Kabupaten Sukamaju (sampel)".into(),
        kd_klpd: "D999".into(),
        level: GovLevel::KabupatenKota,
    };
    let mut chain = Chain::found(profile, rulebook, Box::new(FixedClock(recorded)), bupati, founded)?;
    setup(&mut chain, founded)?;
    for (i, c) in CASES.iter().enumerate() {
        run_case(&mut chain, i, c)?;
    }
    Ok(chain)
}

/// A larger region for benchmarks: the sample region, then its 28 cases repeated `copies − 1`
/// more times with fresh ids (about 20 events per package, through the same command and record
/// paths).
///
/// # Errors
///
/// Never for the embedded cases; an error would be a defect in the sample or the model.
pub fn synthetic_region(copies: usize) -> Result<Chain, ChainError> {
    let mut chain = sample_region()?;
    for i in CASES.len()..CASES.len() * copies.max(1) {
        run_case(&mut chain, i, &CASES[i % CASES.len()])?;
    }
    Ok(chain)
}

fn setup(chain: &mut Chain, t: DateTime<Utc>) -> Result<(), ChainError> {
    for (i, (code_text, name, _)) in OPDS.iter().enumerate() {
        let organisation = Organisation::new(
            org_id(i),
            code_text.parse().unwrap_or_else(|_| unreachable!("literal org code")),
            *name,
        );
        chain.execute(BUPATI, t, Command::RegisterOrganisation { organisation })?;
    }
    let region = |id, label: &str, role| {
        Actor::new(id, label).with_grant(Grant {
            role,
            scope: Scope::Region,
        })
    };
    let mut actors = vec![
        region(BAPPEDA, "Bappeda", Role::Bappeda),
        region(BUD, "BUD (BPKAD)", Role::Bud),
        Actor::new(IMPORTER, "Importir data LKPP"),
    ];
    for (i, id) in POKJA.iter().enumerate() {
        actors.push(region(
            *id,
            &format!("Pokja Pemilihan UKPBJ {}", i + 1),
            Role::PokjaMember,
        ));
    }
    for (i, (_, name, _)) in OPDS.iter().enumerate() {
        let in_org = |role| Grant {
            role,
            scope: Scope::Organisation(org_id(i)),
        };
        actors.push(Actor::new(pa(i), format!("PA {name}")).with_grant(in_org(Role::Pa)));
        actors.push(Actor::new(ppk(i), format!("PPK {name}")).with_grant(in_org(Role::Ppk)));
        actors.push(Actor::new(pptk(i), format!("PPTK {name}")).with_grant(in_org(Role::Pptk)));
        actors.push(
            Actor::new(pejabat_pengadaan(i), format!("Pejabat Pengadaan {name}"))
                .with_grant(in_org(Role::PejabatPengadaan)),
        );
    }
    for n in 0..8 {
        actors.push(region(provider(n), &format!("Penyedia {:02}", n + 1), Role::Provider));
    }
    for actor in actors {
        chain.execute(BUPATI, t, Command::RegisterActor { actor })?;
    }
    // Each provider declares its owner (all the shares) and its director, none of them an
    // official or shared with another provider: H-10 and H-11 are decided and pass.
    for n in 0..8u128 {
        let ownership = Ownership {
            provider: provider(n as usize),
            declared_on: day(1, 2),
            stakes: vec![
                Stake {
                    holder: ActorId::from_u128(400 + n),
                    tie: Tie::Shareholder,
                    share: Some(Ratio::ONE),
                },
                Stake {
                    holder: ActorId::from_u128(420 + n),
                    tie: Tie::Director,
                    share: None,
                },
            ],
        };
        chain.execute(provider(n as usize), t, Command::DeclareOwnership { ownership })?;
    }
    for o in 0..OPDS.len() {
        // Each OPD's procurement spending is exactly what its RUP packages plan: full coverage.
        let pengadaan: i64 = CASES.iter().filter(|c| c.org == o).map(|c| c.pagu).sum();
        let budget = BudgetStructure {
            organisation: org_id(o),
            fiscal_year: FiscalYear::new(2025)?,
            belanja_operasi: jt(pengadaan / 2),
            belanja_modal: jt(pengadaan - pengadaan / 2),
            belanja_pengadaan: jt(pengadaan),
            total_belanja: jt(pengadaan + pengadaan / 5),
        };
        chain.execute(BUD, t, Command::RegisterBudgetStructure { budget })?;
    }
    for (o, (_, _, subs)) in OPDS.iter().enumerate() {
        for (s, (code_text, name)) in subs.iter().enumerate() {
            let pagu = CASES
                .iter()
                .filter(|c| c.org == o && c.sub == s)
                .fold(0, |acc, c| acc + c.pagu);
            // Program, kegiatan and sub-kegiatan with the same pagu: the sample's plan is fully
            // packaged at every level.
            let sub_code = code(code_text);
            let year = FiscalYear::new(2025)?;
            let n = (o * 10 + s) as u128;
            let program = Program {
                id: ProgramId::from_u128(400 + n),
                organisation: org_id(o),
                code: sub_code.program(),
                name: format!("Program {name}"),
                fiscal_year: year,
                pagu: jt(pagu + pagu / 10),
                indicators: vec![
                    Indicator::new(IndicatorLevel::Outcome, format!("Capaian {name}"), "Persen")
                        .with_target(year, 100.into()),
                ],
            };
            let kegiatan = Kegiatan {
                id: KegiatanId::from_u128(500 + n),
                organisation: org_id(o),
                program: program.id,
                code: sub_code.kegiatan(),
                name: format!("Kegiatan {name}"),
                fiscal_year: year,
                pagu: program.pagu,
                indicators: Vec::new(),
            };
            let spec = SubKegiatanSpec {
                id: sub_kegiatan_id(o, s),
                organisation: org_id(o),
                code: sub_code,
                name: (*name).to_string(),
                fiscal_year: year,
                pagu: kegiatan.pagu,
                kegiatan: Some(kegiatan.id),
                indicators: vec![
                    Indicator::new(IndicatorLevel::Output, format!("Paket {name} selesai"), "Paket")
                        .with_target(year, CASES.iter().filter(|c| c.org == o && c.sub == s).count().into()),
                ],
            };
            chain.execute(BAPPEDA, t, Command::RegisterProgram { program })?;
            chain.execute(BAPPEDA, t, Command::RegisterKegiatan { kegiatan })?;
            chain.execute(BAPPEDA, t, Command::RegisterSubKegiatan { spec })?;
        }
    }
    Ok(())
}

/// Sends a command, or records it as a fact from SPSE/SIPD, following the case's path.
fn send(
    chain: &mut Chain,
    path: Path,
    actor: ActorId,
    date: NaiveDate,
    key: String,
    command: Command,
) -> Result<(), ChainError> {
    match path {
        Path::Command => chain.execute(actor, at(date), command).map(|_| ()),
        Path::Record => {
            let provenance = import_provenance(&command, key);
            chain.record(provenance, IMPORTER, at(date), command).map(|_| ())
        }
    }
}

/// Where a recorded fact comes from, as the sample (and the generator) record it: SIRUP for the
/// plan, SIPD for the budget, e-Monev for progress, SPSE for the rest; `key` is the source's
/// record key.
pub fn import_provenance(command: &Command, key: String) -> Provenance {
    let (system, dataset) = match command {
        Command::DraftPackage { .. } | Command::AnnouncePackage { .. } => ("SIRUP", "RUP-PaketPenyedia-Terumumkan"),
        Command::OpenDpaLine { .. }
        | Command::IssueSpd { .. }
        | Command::CommitContract { .. }
        | Command::PaySp2d { .. } => ("SIPD", "DPA-SP2D"),
        Command::ReportProgress { .. } => ("e-Monev", "LaporanProgresFisik"),
        Command::AmendContract { .. }
        | Command::HandOverContract { .. }
        | Command::SignContract { .. }
        | Command::IssueSppbj { .. } => ("SPSE", "SPSE-TenderEkontrak"),
        _ => ("SPSE", "SPSE-TenderPengumuman"),
    };
    Provenance::Import {
        system: system.into(),
        dataset: dataset.into(),
        record_key: key,
    }
}

fn run_case(chain: &mut Chain, i: usize, c: &Case) -> Result<(), ChainError> {
    let org = c.org;
    let kd_rup = KodeRup::new(52_000_000 + i as u64);
    let sub_code = code(OPDS[org].2[c.sub].0);
    let mak = Mak::new(sub_code, rekening(c.jenis));
    let spec = PackageSpec {
        id: package_id(i),
        kd_rup: Some(kd_rup),
        organisation: org_id(org),
        name: c.name.into(),
        fiscal_year: FiscalYear::new(2025)?,
        jenis: c.jenis,
        metode: c.metode,
        pagu: jt(c.pagu),
        funding: vec![FundingLine {
            sub_kegiatan: sub_kegiatan_id(org, c.sub),
            mak: mak.clone(),
            amount: jt(c.pagu),
        }],
        selection: Window {
            start: day(c.select_month, 1),
            end: last_day_of(c.select_month + 1),
        },
        execution: Window {
            start: day(c.select_month + 2, 1),
            end: day(12, 15),
        },
        utilization: None,
        kind: PackageKind::Penyedia,
        additional_jenis: Vec::new(),
        flags: PackageFlags {
            umk: !c.non_umk,
            ..PackageFlags::umk_pdn()
        },
        locations: Vec::new(),
        ppk: ppk(org),
    };
    let key = kd_rup.to_string();
    send(
        chain,
        c.path,
        ppk(org),
        day(1, 13),
        key.clone(),
        Command::DraftPackage { spec },
    )?;
    send(
        chain,
        c.path,
        pa(org),
        day(1, 20),
        key.clone(),
        Command::AnnouncePackage {
            package: package_id(i),
            on: day(1, 20),
        },
    )?;
    let Some(t) = c.tender else {
        return Ok(());
    };
    let metode = t.metode.unwrap_or(c.metode);
    let pid = procurement_id(i);
    let kd_tender = format!("{}", 10_026_000 + i);
    let pagu = jt(t.pagu.unwrap_or(c.pagu));
    // E-purchasing above Rp200 juta is the PPK's, not the Pejabat Pengadaan's (P-04).
    let by_ppk = metode == MetodePemilihan::EPurchasing && pagu > jt(200);
    let tender_spec = TenderSpec {
        id: pid,
        kd_tender: ExternalKey::new(kd_tender.clone()).ok(),
        organisation: org_id(org),
        name: c.name.into(),
        fiscal_year: FiscalYear::new(2025)?,
        jenis: c.jenis,
        metode,
        pagu,
        hps: t.hps.map(jt),
        announced_on: day(t.announced.0, t.announced.1),
        evaluation: Some(if c.jenis == JenisPengadaan::JasaKonsultansi {
            EvaluationMethod::KualitasDanBiaya
        } else {
            EvaluationMethod::HargaTerendah
        }),
        direct_basis: None,
        officials: if metode.is_competitive() {
            Officials {
                ppk: Some(ppk(org)),
                pokja: POKJA.to_vec(),
                pejabat_pengadaan: None,
            }
        } else if by_ppk {
            Officials {
                ppk: Some(ppk(org)),
                pokja: Vec::new(),
                pejabat_pengadaan: None,
            }
        } else {
            Officials {
                ppk: Some(ppk(org)),
                pokja: Vec::new(),
                pejabat_pengadaan: Some(pejabat_pengadaan(org)),
            }
        },
    };
    let selector = if metode.is_competitive() {
        POKJA[0]
    } else if by_ppk {
        ppk(org)
    } else {
        pejabat_pengadaan(org)
    };
    let announce = match (c.path, c.link) {
        (Path::Command, _) => Command::AnnounceTender {
            spec: tender_spec,
            packages: vec![package_id(i)],
        },
        (Path::Record, Link::Planned) => Command::RecordTender {
            spec: tender_spec,
            kd_rup: vec![kd_rup],
            plan_data: PlanData::Loaded,
        },
        (Path::Record, Link::UnknownRup) => Command::RecordTender {
            spec: tender_spec,
            kd_rup: vec![KodeRup::new(59_999_000 + i as u64)],
            plan_data: PlanData::Loaded,
        },
        (Path::Record, Link::PlanMissing) => Command::RecordTender {
            spec: tender_spec,
            kd_rup: vec![kd_rup],
            plan_data: PlanData::Missing,
        },
    };
    send(
        chain,
        c.path,
        selector,
        day(t.announced.0, t.announced.1),
        kd_tender.clone(),
        announce,
    )?;
    if metode.is_competitive() {
        let schedule = Command::SetSchedule {
            procurement: pid,
            schedule: tender_schedule(day(t.announced.0, t.announced.1))?,
        };
        let announced = day(t.announced.0, t.announced.1);
        send(
            chain,
            c.path,
            selector,
            announced,
            format!("{kd_tender}/jadwal"),
            schedule,
        )?;
    }
    let bid_day = day(t.announced.0, t.announced.1)
        .checked_add_days(chrono::Days::new(9))
        .unwrap_or(day(t.announced.0, t.announced.1));
    for (k, offer) in t.bids.iter().enumerate() {
        let bidder = provider((i + k) % 8);
        let bid = Bid {
            id: BidId::from_u128(3_000 + (i * 10 + k) as u128),
            provider: bidder,
            offer: jt(*offer),
            corrected: None,
            disqualified: None,
            submitted_on: bid_day,
        };
        send(
            chain,
            c.path,
            bidder,
            bid_day,
            format!("{kd_tender}/{k}"),
            Command::SubmitBid { procurement: pid, bid },
        )?;
    }
    let award_day = bid_day.checked_add_days(chrono::Days::new(8)).unwrap_or(bid_day);
    let award = Award {
        bid: BidId::from_u128(3_000 + (i * 10) as u128),
        provider: provider(i % 8),
        price: jt(t.award),
        awarded_on: award_day,
    };
    send(
        chain,
        c.path,
        selector,
        award_day,
        kd_tender.clone(),
        Command::AwardTender {
            procurement: pid,
            award,
        },
    )?;
    // The PPK issues the SPPBJ once the masa sanggah is over (not for catalogue purchases).
    if metode != MetodePemilihan::EPurchasing {
        let sppbj_on = award_day.checked_add_days(chrono::Days::new(6)).unwrap_or(award_day);
        send(
            chain,
            c.path,
            ppk(org),
            sppbj_on,
            kd_tender.clone(),
            Command::IssueSppbj {
                procurement: pid,
                on: sppbj_on,
            },
        )?;
    }
    let cid = contract_id(i);
    let signed_on = award_day.checked_add_days(chrono::Days::new(10)).unwrap_or(award_day);
    let start = day(t.start.0, t.start.1).max(signed_on);
    let nomor = format!("027/{:03}/{}/2025", i + 1, ["PUPR", "DINKES", "DISDIK", "KOMINFO"][org]);
    let contract = ContractSpec {
        id: cid,
        nomor: ExternalKey::new(nomor.clone())?,
        signed_on,
        start,
        end: day(t.end.0, t.end.1),
        value: jt(t.contract),
        advance: jt(t.advance),
        form: t.form.unwrap_or_else(|| {
            contract_form::required(jt(t.contract), c.jenis, signed_on, chain.rulebook())
                .unwrap_or(ContractForm::SuratPerjanjian)
        }),
        provider_size: ProviderSize::UsahaKecil,
        multi_year: false,
        performance_bond: performance_bond(chain, pid, jt(t.contract), signed_on),
        maintenance_days: if c.jenis == JenisPengadaan::PekerjaanKonstruksi {
            180
        } else {
            0
        },
        // Works priced partly by unit (Gabungan), everything else at one price (Pasal 27).
        contract_type: Some(if c.jenis == JenisPengadaan::PekerjaanKonstruksi {
            rantai_procurement::ContractType::Gabungan
        } else {
            rantai_procurement::ContractType::Lumsum
        }),
    };
    send(
        chain,
        c.path,
        ppk(org),
        signed_on,
        nomor.clone(),
        Command::SignContract {
            procurement: pid,
            contract,
        },
    )?;
    for (n, (month, value)) in t.addenda.iter().enumerate() {
        let addendum = Addendum {
            number: n as u32 + 1,
            dated: day(*month, 1),
            new_value: jt(*value),
            new_end: None,
            reason: "Pekerjaan tambah akibat kondisi lapangan".into(),
        };
        send(
            chain,
            c.path,
            ppk(org),
            day(*month, 1),
            format!("{nomor}/add{}", n + 1),
            Command::AmendContract {
                contract: cid,
                addendum,
            },
        )?;
    }
    let line = dpa_line_id(i);
    let line_spec = DpaLineSpec {
        id: line,
        organisation: org_id(org),
        sub_kegiatan: sub_kegiatan_id(org, c.sub),
        mak,
        fiscal_year: FiscalYear::new(2025)?,
        pagu: jt(t.line_pagu.unwrap_or(c.pagu)),
        anggaran_kas: AnggaranKas::all_from_january(jt(t.line_pagu.unwrap_or(c.pagu))),
    };
    let pagu = line_spec.pagu;
    send(
        chain,
        c.path,
        BUD,
        day(1, 2),
        format!("DPA/{i}"),
        Command::OpenDpaLine { spec: line_spec },
    )?;
    let spd = Spd {
        id: SpdId::from_u128(8_000 + i as u128),
        nomor: ExternalKey::new(format!("SPD/{:04}/2025", i + 1)).ok(),
        from_month: 1,
        to_month: 12,
        amount: pagu,
        issued_on: day(1, 3),
    };
    send(
        chain,
        c.path,
        BUD,
        day(1, 3),
        format!("SPD/{i}"),
        Command::IssueSpd { line, spd },
    )?;
    let committed = t.addenda.last().map_or(t.contract, |a| a.1);
    send(
        chain,
        c.path,
        ppk(org),
        signed_on,
        format!("DPA/{i}/{nomor}"),
        Command::CommitContract {
            line,
            contract: cid,
            amount: jt(committed),
            on: signed_on,
        },
    )?;
    // Payments made before the handover are recorded before it, the rest after it.
    let bast_day = t.bast.map(|(m, d)| day(m, d));
    let pay = |chain: &mut Chain, before_bast: bool| -> Result<(), ChainError> {
        for (n, (m, d, amount)) in t.payments.iter().enumerate() {
            if bast_day.is_none_or(|b| day(*m, *d) < b) != before_bast {
                continue;
            }
            let payment = Sp2d {
                id: PaymentId::from_u128(6_000 + (i * 10 + n) as u128),
                nomor: ExternalKey::new(format!("SP2D/{:04}/LS/2025", i * 10 + n)).ok(),
                contract: cid,
                amount: jt(*amount),
                paid_on: day(*m, *d),
            };
            let command = Command::PaySp2d { line, payment };
            send(chain, c.path, BUD, day(*m, *d), format!("SP2D/{i}/{n}"), command)?;
        }
        Ok(())
    };
    pay(chain, true)?;
    for (n, (m, d, actual, planned)) in t.reports.iter().enumerate() {
        let report = ProgressReport {
            id: ReportId::from_u128(7_000 + (i * 10 + n) as u128),
            contract: cid,
            reported_on: day(*m, *d),
            actual: Ratio::percent(*actual),
            planned: Some(Ratio::percent(*planned)),
            evidence_ref: Some(format!("Laporan progres {} minggu ke-{}", nomor, n + 1)),
        };
        send(
            chain,
            c.path,
            pptk(org),
            day(*m, *d),
            format!("{nomor}/r{n}"),
            Command::ReportProgress { report },
        )?;
    }
    if let Some((m, d)) = t.bast {
        send(
            chain,
            c.path,
            ppk(org),
            day(m, d),
            format!("{nomor}/bast"),
            Command::HandOverContract {
                contract: cid,
                bast_on: day(m, d),
            },
        )?;
    }
    pay(chain, false)?;
    Ok(())
}

/// The SPSE pascakualifikasi schedule of a sample tender announced on `a`: bids 9 days later,
/// the winner 8 days after that, a five-day masa sanggah, the contract 10 days after the award;
/// every stage ends on a working day.
pub fn tender_schedule(a: NaiveDate) -> Result<Schedule, ChainError> {
    let calendar = WorkingCalendar::default();
    let on = |days: u64| {
        let mut d = a.checked_add_days(chrono::Days::new(days)).unwrap_or(a);
        while !calendar.is_working_day(d) {
            d = d.succ_opt().unwrap_or(d);
        }
        d
    };
    let at = |d: NaiveDate, h: u32| d.and_hms_opt(h, 0, 0).unwrap_or_default();
    let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
    let award = a.checked_add_days(chrono::Days::new(17)).unwrap_or(a);
    // The working day after `d`, for stages that must follow one another when a weekend or a
    // holiday folds two offsets onto one day.
    let after = |d: NaiveDate| {
        let mut next = d.succ_opt().unwrap_or(d);
        while !calendar.is_working_day(next) {
            next = next.succ_opt().unwrap_or(next);
        }
        next
    };
    let sanggah_end = on(22);
    let prepared = on(23).max(after(sanggah_end));
    let signing = on(27).max(after(prepared));
    let stages = vec![
        stage(291, at(a, 9), at(on(7), 16)),
        stage(293, at(on(3), 9), at(on(3), 11)),
        stage(294, at(on(3), 12), at(on(9), 16)),
        stage(298, at(award, 9), at(on(17), 15)),
        stage(299, at(award, 10), at(on(17), 15)),
        stage(300, at(award, 16), at(sanggah_end, 16)),
        stage(301, at(sanggah_end, 16), at(prepared, 15)),
        stage(302, at(signing, 9), at(signing, 15)),
    ];
    Schedule::new(stages).map_err(ChainError::InvalidCommand)
}
