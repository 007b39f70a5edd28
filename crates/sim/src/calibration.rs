//! The distributions a generated region follows, each taken from the real data in
//! `shared/id-data` (figures in parts per million of probability, rupiah, per-mille ratios or
//! days). Where a rule's threshold cuts into a real distribution, the generator keeps clean
//! packages on the clean side and injects the other side as a labelled anomaly
//! ([`crate::Anomaly`]); the note on each figure says so.

use rantai_core::{JenisPengadaan, MetodePemilihan};

use crate::draw::Spread;

use JenisPengadaan::{Barang, JasaKonsultansi, JasaLainnya, PekerjaanKonstruksi};
use MetodePemilihan::{EPurchasing, PengadaanLangsung, Seleksi, Tender};

/// Selection methods of RUP penyedia packages, per million packages.
///
/// Kalbar SIRUP 2025 sample (1 500 packages): e-purchasing 0.675, Pengadaan Langsung 0.289,
/// Tender + Seleksi 0.006, Dikecualikan 0.028. Kab. Bandung 2025 SPSE (2 478 tender and
/// non-tender packages) has 92 tenders and seleksi (3.7 %), 36 of them seleksi; the mix below
/// takes the tender share from Bandung and splits the rest as Kalbar does.
pub const METHODS: [(MetodePemilihan, u32); 4] = [
    (EPurchasing, 640_000),
    (PengadaanLangsung, 310_000),
    (Tender, 33_000),
    (Seleksi, 17_000),
];

/// The jenis of a package given its method, per million (Kalbar SIRUP sample, within-method
/// shares; Tender from Kab. Bandung, where goods are tendered too).
pub fn jenis_mix(metode: MetodePemilihan) -> &'static [(JenisPengadaan, u32)] {
    match metode {
        EPurchasing => &[(Barang, 889_000), (JasaLainnya, 111_000)],
        PengadaanLangsung => &[
            (PekerjaanKonstruksi, 640_000),
            (JasaKonsultansi, 247_000),
            (Barang, 76_000),
            (JasaLainnya, 37_000),
        ],
        Tender => &[(PekerjaanKonstruksi, 800_000), (Barang, 200_000)],
        _ => &[(JasaKonsultansi, 1_000_000)],
    }
}

/// Pagu of e-purchasing packages, rupiah (Kalbar SIRUP sample, n = 1 012: p5 192 000, p25
/// 970 582, p50 2 899 500, p75 13 576 450, p95 119 465 400, max 3 558 657 925).
pub const PAGU_EPURCHASING: Spread = Spread(&[
    (0, 12_000),
    (50_000, 192_000),
    (250_000, 970_000),
    (500_000, 2_899_000),
    (750_000, 13_576_000),
    (950_000, 119_465_000),
    (1_000_000, 3_558_657_000),
]);

/// Pagu of Pengadaan Langsung of goods, works and other services, rupiah (Kalbar SIRUP sample,
/// n = 433: p5 7.5 jt, p25 77.2 jt, p50 180 jt, p75 190 jt, p95 192 jt; 37.2 % bunched in
/// [190 jt, 200 jt] under the Rp200 juta ceiling). Above the ceiling is P-01's anomaly.
pub const PAGU_PL: Spread = Spread(&[
    (0, 1_000_000),
    (50_000, 7_500_000),
    (250_000, 77_195_000),
    (500_000, 180_000_000),
    (750_000, 190_000_000),
    (950_000, 192_000_000),
    (1_000_000, 200_000_000),
]);

/// Pagu of Pengadaan Langsung of consultancy, rupiah: the same shape under its Rp100 juta
/// ceiling (Kab. Bandung 36_1016: konsultansi badan usaha p50 100 jt, 17.4 % of PL in
/// [95 jt, 100 jt]).
pub const PAGU_PL_KONSULTANSI: Spread = Spread(&[
    (0, 1_000_000),
    (50_000, 5_000_000),
    (250_000, 40_000_000),
    (500_000, 90_000_000),
    (750_000, 95_000_000),
    (950_000, 99_000_000),
    (1_000_000, 100_000_000),
]);

/// Pagu of tenders, rupiah (Kab. Bandung 47_1013, n = 56: p5 424 jt, p25 596 jt, p50 927 jt,
/// p75 2.25 M, p95 11.45 M).
pub const PAGU_TENDER: Spread = Spread(&[
    (0, 250_000_000),
    (50_000, 424_324_000),
    (250_000, 596_093_000),
    (500_000, 927_124_000),
    (750_000, 2_249_998_000),
    (950_000, 11_450_000_000),
    (1_000_000, 40_000_000_000),
]);

/// Pagu of seleksi, rupiah (Kab. Bandung 47_1013, n = 36: p5 157 jt, p25 300 jt, p50 425 jt,
/// p75 600 jt, p95 876 jt).
pub const PAGU_SELEKSI: Spread = Spread(&[
    (0, 110_000_000),
    (50_000, 157_150_000),
    (250_000, 300_000_000),
    (500_000, 425_000_000),
    (750_000, 600_000_000),
    (950_000, 876_250_000),
    (1_000_000, 1_500_000_000),
]);

/// HPS as a share of pagu, per mille (Kab. Bandung 47_1013 and 36_1016, n = 2 478: p5 0.970,
/// p25 0.999, median 1.000; no HPS above pagu — that is H-01's anomaly).
pub const HPS_PER_PAGU: Spread = Spread(&[(0, 960), (50_000, 970), (250_000, 999), (1_000_000, 1_000)]);

/// A tender's contract as a share of HPS, per mille (Kab. Bandung 49_1015, n = 68: p5 0.836,
/// p25 0.892, p50 0.927, p75 0.946, p95 0.978; none at or above 0.99). Kept within
/// [0.81, 0.985]: below 0.80 is H-04/H-06's anomaly, from 0.99 D9's.
pub const CONTRACT_PER_HPS_TENDER: Spread = Spread(&[
    (0, 810),
    (50_000, 836),
    (250_000, 892),
    (500_000, 927),
    (750_000, 946),
    (950_000, 978),
    (1_000_000, 985),
]);

/// A non-tender's contract as a share of HPS, per mille (Kab. Bandung 37_1017, n = 1 855: p5
/// 0.983, p25 0.993, p50 0.996, p75 0.998, p95 1.000).
pub const CONTRACT_PER_HPS_DIRECT: Spread = Spread(&[
    (0, 975),
    (50_000, 983),
    (250_000, 993),
    (500_000, 996),
    (750_000, 998),
    (1_000_000, 1_000),
]);

/// Share of tenders won on a single priced bid, per million (Kab. Bandung 42_1070, completed
/// tenders: Tender 0.619 of 42, Seleksi 0.038 of 26). Each is labelled H-07.
pub fn single_bid_ppm(metode: MetodePemilihan) -> u32 {
    match metode {
        Tender => 619_000,
        Seleksi => 38_000,
        _ => 0,
    }
}

/// Priced bids of a tender with more than one, per million (Kab. Bandung 42_1070, completed:
/// 2 bids 0.176, 3 0.118, 4 0.176, 5 or more 0.132).
pub const MORE_BIDS: [(usize, u32); 4] = [(2, 176), (3, 118), (4, 176), (5, 132)];

/// Month a package's selection is planned to start, per million (Kab. Bandung contract months,
/// 44_1073 tenders and 33_1080 non-tenders: March–September carry the year, a peak in
/// July–September), shifted a month earlier for the selection itself.
pub const SELECTION_MONTH: [(u32, u32); 8] = [
    (2, 120_000),
    (3, 150_000),
    (4, 110_000),
    (5, 130_000),
    (6, 110_000),
    (7, 150_000),
    (8, 160_000),
    (9, 70_000),
];

/// Days of work under a tender contract (Kab. Bandung 45_1077 SPMK, n = 45: p5 59, p50 89, p75
/// 149); works stay above D16's floor, so the shortest is 75.
pub const WORK_DAYS_TENDER: Spread =
    Spread(&[(0, 75), (250_000, 89), (500_000, 100), (750_000, 149), (1_000_000, 180)]);

/// Days of work under a non-tender contract other than works (Kab. Bandung 34_1083 SPMK, n =
/// 965: p25 19, p50 29, p75 44, p95 330 — the long tail cut at 120).
pub const WORK_DAYS_DIRECT: Spread = Spread(&[(0, 7), (250_000, 19), (500_000, 29), (750_000, 44), (1_000_000, 120)]);

/// Days of works under a Pengadaan Langsung. Real ones run a median 29 days (34_1083), which
/// D16's 60-day floor would flag nearly always; clean generated works run 61–120 days and the
/// short ones are D16's anomaly.
pub const WORK_DAYS_DIRECT_WORKS: Spread = Spread(&[(0, 61), (500_000, 75), (1_000_000, 120)]);

/// Share of tender contracts of goods or works paid an advance, per million (rantai
/// assumption; e-Kontrak does not publish it).
pub const ADVANCE_PPM: u32 = 300_000;

/// Share of packages with a procurement by the end of the year, per million (Kab. Bandung
/// 36_1016: 60 % of non-tenders completed by 3 October, 30 % still running; rantai assumes
/// nine in ten by 31 December).
pub const PROCURED_PPM: u32 = 900_000;
