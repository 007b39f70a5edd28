//! The generator: from a [`RegionSpec`] and its seed to a [`Region`] — organisations, plan,
//! packages drawn from the calibrated distributions, and anomalies injected at the chosen rate.

use rantai_core::param::{self};
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rantai_core::{GovLevel, JenisPengadaan, MetodePemilihan, Money, Ratio, Rulebook};
use rantai_planning::rules::splitting::stem;
use rantai_procurement::ContractForm;

use crate::anomaly::{Anomaly, OrgAnomaly};
use crate::calibration as cal;
use crate::draw::Draw;
use crate::error::SimError;
use crate::scenario::{BidPlan, Control, OrgPlan, Path, Procured, Region, RegionSpec, Scenario};

use JenisPengadaan::{Barang, JasaKonsultansi, JasaLainnya, PekerjaanKonstruksi};
use MetodePemilihan::{EPurchasing, PengadaanLangsung, Seleksi, Tender};

/// The fiscal year generated.
pub const YEAR: i32 = 2025;

/// A date of the generated year (clamped into it).
pub(crate) fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, month.clamp(1, 12), d.max(1))
        .or_else(|| NaiveDate::from_ymd_opt(YEAR, month.clamp(1, 12), 28))
        .unwrap_or(NaiveDate::MIN)
}

pub(crate) fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(days.max(0).unsigned_abs()))
        .unwrap_or(date)
}

/// Urusan and bidang of the OPDs a region has (Permendagri 90/2019), with the OPD's name and
/// what its sub-kegiatan buy.
const URUSAN: [(&str, &str, &[&str]); 12] = [
    (
        "1.01",
        "Dinas Pendidikan",
        &[
            "Rehabilitasi Ruang Kelas",
            "Pengadaan Meubelair Sekolah",
            "Pembangunan Perpustakaan",
        ],
    ),
    (
        "1.02",
        "Dinas Kesehatan",
        &["Pengadaan Alat Kesehatan", "Pembangunan Puskesmas", "Pengadaan Obat"],
    ),
    (
        "1.03",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        &["Peningkatan Jalan", "Rehabilitasi Jembatan", "Pembangunan Drainase"],
    ),
    (
        "1.04",
        "Dinas Perumahan dan Kawasan Permukiman",
        &[
            "Rehabilitasi Rumah Tidak Layak Huni",
            "Penataan Kawasan Kumuh",
            "Pembangunan Sanitasi",
        ],
    ),
    (
        "1.05",
        "Satuan Polisi Pamong Praja",
        &[
            "Pengadaan Sarana Ketertiban",
            "Pemeliharaan Pos Jaga",
            "Pengadaan Seragam",
        ],
    ),
    (
        "1.06",
        "Dinas Sosial",
        &[
            "Pengadaan Bantuan Sosial",
            "Rehabilitasi Panti Sosial",
            "Pendataan Kesejahteraan",
        ],
    ),
    (
        "2.07",
        "Dinas Tenaga Kerja",
        &[
            "Pelatihan Kerja",
            "Pengadaan Peralatan Balai Latihan",
            "Pemeliharaan Gedung Balai",
        ],
    ),
    (
        "2.09",
        "Dinas Ketahanan Pangan",
        &[
            "Pengadaan Cadangan Pangan",
            "Pembangunan Lumbung",
            "Pengawasan Mutu Pangan",
        ],
    ),
    (
        "2.11",
        "Dinas Lingkungan Hidup",
        &[
            "Pengadaan Armada Sampah",
            "Pembangunan Tempat Pengolahan Sampah",
            "Pemantauan Kualitas Air",
        ],
    ),
    (
        "2.15",
        "Dinas Perhubungan",
        &[
            "Pengadaan Rambu Lalu Lintas",
            "Pembangunan Halte",
            "Pemeliharaan Penerangan Jalan",
        ],
    ),
    (
        "2.16",
        "Dinas Komunikasi dan Informatika",
        &[
            "Pengembangan Jaringan SPBE",
            "Pengadaan Perangkat Server",
            "Penyusunan Rencana Induk",
        ],
    ),
    (
        "2.17",
        "Dinas Koperasi dan Usaha Kecil",
        &[
            "Pembinaan Koperasi",
            "Pembangunan Pasar Rakyat",
            "Pengadaan Sarana Usaha",
        ],
    ),
];

/// Places a package is for.
const PLACES: [&str; 16] = [
    "Kecamatan Utara",
    "Kecamatan Selatan",
    "Kecamatan Timur",
    "Kecamatan Barat",
    "Kecamatan Tengah",
    "Desa Sukamaju",
    "Desa Sukasari",
    "Desa Mekarsari",
    "Kelurahan Cempaka",
    "Kelurahan Melati",
    "Wilayah I",
    "Wilayah II",
    "Wilayah III",
    "Kawasan Pesisir",
    "Kawasan Perbukitan",
    "Pusat Kota",
];

/// The figures of the rulebook the generator keeps clean packages clear of.
struct Limits {
    /// Pengadaan Langsung ceilings: barang, konstruksi, konsultansi, jasa lainnya.
    pl_ceiling: [Money; 4],
    band: Ratio,
    name_words: usize,
    min_wins: usize,
    kuitansi_max: Money,
    /// K-11's margin of payments over physical progress, per mille.
    k11_margin: i64,
    /// P-07's least share of procurement spending reserved for small business.
    umk_share: Ratio,
    /// P-04's highest value a Pejabat Pengadaan may run (goods, works, other services).
    pejabat_max: Money,
    /// H-04's low-bid ratio, D8's and D9's award ratios, per mille of HPS.
    low_bid: i64,
    far_below: i64,
    at_estimate: i64,
    /// C-05's advance cap for a small business and C-01's addenda cap, per mille.
    advance_cap: i64,
    addenda_cap: i64,
    /// D16's shortest plausible works, K-06's allowed slip, T-07's longest unflagged duration to
    /// the award (band 3) and T-06's working days from SPPBJ to contract, in days.
    short_works: i64,
    slip: i64,
    award_days: i64,
    sppbj_days: i64,
}

/// A ratio in parts per thousand.
fn per_mille_of(r: Ratio) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (r.as_decimal() * rust_decimal::Decimal::ONE_THOUSAND)
        .to_i64()
        .unwrap_or(0)
}

impl Limits {
    fn of(rulebook: &Rulebook, on: NaiveDate) -> Result<Limits, SimError> {
        fn get<K: Kind>(rulebook: &Rulebook, param: Param<K>, on: NaiveDate) -> Result<K::Value, SimError> {
            rulebook
                .get(param, on)
                .map_err(|_| SimError::MissingParameter(param.key()))
        }
        let per_mille = |p| get(rulebook, p, on).map(per_mille_of);
        let days = |p| get(rulebook, p, on).map(i64::from);
        use param::*;
        Ok(Limits {
            pl_ceiling: [
                get(rulebook, p01::CEILING_BARANG, on)?,
                get(rulebook, p01::CEILING_PEKERJAAN_KONSTRUKSI, on)?,
                get(rulebook, p02::CEILING_JASA_KONSULTANSI, on)?,
                get(rulebook, p01::CEILING_JASA_LAINNYA, on)?,
            ],
            band: get(rulebook, p08::BAND, on)?,
            name_words: get(rulebook, p08::NAME_WORDS, on)? as usize,
            min_wins: get(rulebook, h09::MIN_WINS, on)? as usize,
            kuitansi_max: get(rulebook, p11::KUITANSI_MAX, on)?,
            k11_margin: per_mille(k11::MARGIN)?,
            pejabat_max: get(rulebook, p04::PEJABAT_PENGADAAN_MAX, on)?,
            low_bid: per_mille(h04::LOW_BID_RATIO)?,
            far_below: per_mille(d8::MIN_RATIO)?,
            at_estimate: per_mille(d9::MIN_RATIO)?,
            advance_cap: per_mille(c05::CAP_USAHA_KECIL)?,
            addenda_cap: per_mille(c01::MAX_INCREASE)?,
            short_works: days(d16::MIN_DAYS)?,
            slip: days(k06::MAX_SLIP_DAYS)?,
            award_days: days(t07::BAND_3_MAX)?,
            sppbj_days: days(t06::MAX_WORKING_DAYS)?,
            umk_share: get(rulebook, p07::MIN_SHARE, on)?,
        })
    }

    fn ceiling(&self, jenis: JenisPengadaan) -> Money {
        self.pl_ceiling[crate::build::ids::jenis_index_of(jenis)]
    }
}

/// Whole rupiah of an amount.
pub(crate) fn rupiah(m: Money) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    m.as_decimal().trunc().to_i64().unwrap_or(0)
}

/// `m × per_mille / 1000`, to the rupiah.
fn per_mille(m: Money, per_mille: i64) -> Money {
    Money::from_rupiah(rupiah(m) / 1000 * per_mille + rupiah(m) % 1000 * per_mille / 1000).unwrap_or(Money::ZERO)
}

/// Generates a region under the standard rulebook.
///
/// # Errors
///
/// Never for the standard rulebook; see [`generate_under`].
pub fn generate(spec: &RegionSpec) -> Result<Region, SimError> {
    generate_under(spec, Rulebook::standard())
}

/// Generates a region, keeping clean packages clear of `rulebook`'s thresholds.
///
/// # Errors
///
/// [`SimError::MissingParameter`] when the rulebook lacks a threshold the generator reads.
pub fn generate_under(spec: &RegionSpec, rulebook: &Rulebook) -> Result<Region, SimError> {
    let mut g = Generator {
        draw: Draw::new(spec.seed),
        limits: Limits::of(rulebook, day(1, 1))?,
        late: Limits::of(rulebook, day(12, 31))?,
        spec: spec.clone(),
        organisations: Vec::new(),
        providers: (spec.packages / 3).max(60),
        wins: BTreeMap::new(),
        awards: BTreeMap::new(),
        in_band: BTreeMap::new(),
        next_anomaly: 0,
        packages: Vec::new(),
        controlled: Vec::new(),
    };
    g.organisations();
    for _ in 0..spec.packages {
        let anomaly = if g.draw.chance(spec.anomaly_ppm) {
            let a = Anomaly::INJECTED[g.next_anomaly % Anomaly::INJECTED.len()];
            g.next_anomaly += 1;
            Some(a)
        } else {
            None
        };
        let s = g.package(anomaly);
        g.packages.push(s);
    }
    let mut org_anomalies = g.org_anomalies();
    let region = Region {
        spec: spec.clone(),
        organisations: g.organisations,
        providers: g.providers + g.controlled.len(),
        controlled: g.controlled,
        packages: g.packages,
        org_anomalies: Vec::new(),
    };
    for org in crate::oracle::back_loaded(&region, rulebook) {
        org_anomalies.push((org, OrgAnomaly::BackLoaded));
    }
    org_anomalies.sort();
    Ok(Region {
        org_anomalies,
        ..region
    })
}

struct Generator {
    draw: Draw,
    /// The limits at the start of the year.
    limits: Limits,
    /// The limits at its end.
    late: Limits,
    spec: RegionSpec,
    organisations: Vec<OrgPlan>,
    providers: usize,
    /// Wins per organisation and provider.
    wins: BTreeMap<(usize, usize), usize>,
    /// Awards so far per organisation.
    awards: BTreeMap<usize, usize>,
    /// Pengadaan Langsung packages in P-08's band per organisation, jenis and name stem.
    in_band: BTreeMap<(usize, JenisPengadaan, String), usize>,
    next_anomaly: usize,
    packages: Vec<Scenario>,
    /// Providers outside the pool, numbered after it, with who controls them.
    controlled: Vec<(usize, Control)>,
}

impl Generator {
    /// One OPD per 150 packages (at least 4, at most 60), each with 4–12 sub-kegiatan.
    fn organisations(&mut self) {
        let n = (self.spec.packages / 150).clamp(4, 60);
        let level = if self.spec.level == GovLevel::Provinsi { 1 } else { 2 };
        for o in 0..n {
            let (urusan, name, objects) = URUSAN[o % URUSAN.len()];
            let copy = o / URUSAN.len();
            let code = format!("{urusan}.0.00.0.00.{:02}.0000", o + 1);
            let program = 2 + copy;
            let subs = (0..self.draw.between(4, 12) as usize)
                .map(|s| {
                    let object = objects[s % objects.len()];
                    (
                        format!("{urusan}.{program:02}.{level}.{:02}.{:04}", 1 + s / 4, 1 + s),
                        format!("{object} {}", s + 1),
                    )
                })
                .collect();
            let name = if copy == 0 {
                name.to_string()
            } else {
                format!("{name} {}", copy + 1)
            };
            self.organisations.push(OrgPlan { code, name, subs });
        }
    }

    fn method(&mut self, anomaly: Option<Anomaly>) -> (MetodePemilihan, JenisPengadaan) {
        use Anomaly::*;
        let tender_jenis = |d: &mut Draw| d.weighted(cal::jenis_mix(Tender)).unwrap_or(PekerjaanKonstruksi);
        match anomaly {
            Some(PlAboveCeiling) => (
                PengadaanLangsung,
                [PekerjaanKonstruksi, Barang, JasaLainnya][self.draw.index(3)],
            ),
            Some(PlKonsultansiAboveCeiling) => (PengadaanLangsung, JasaKonsultansi),
            Some(ShortWorks) => (PengadaanLangsung, PekerjaanKonstruksi),
            Some(WrongContractForm) => (PengadaanLangsung, [Barang, JasaLainnya][self.draw.index(2)]),
            Some(NotReservedForUmk) => (PengadaanLangsung, PekerjaanKonstruksi),
            // Overpaying works would also break the retention (C-06): goods only.
            Some(Overpaid) => (Tender, Barang),
            Some(DirectOnFalseGround) => (
                MetodePemilihan::PenunjukanLangsung,
                [Barang, JasaLainnya][self.draw.index(2)],
            ),
            Some(WrongMethodForObject) => (Seleksi, Barang),
            Some(PpkSelectsOwnPackage) => (PengadaanLangsung, [Barang, JasaLainnya][self.draw.index(2)]),
            Some(RetentionNotHeld) => (Tender, PekerjaanKonstruksi),
            Some(WrongContractType) => (Seleksi, JasaKonsultansi),
            Some(TenderCepatByQuality) => (MetodePemilihan::TenderCepat, Barang),
            Some(EPurchasingByPejabat) => (EPurchasing, Barang),
            Some(_) => (Tender, tender_jenis(&mut self.draw)),
            None => {
                let metode = self.draw.weighted(&cal::METHODS).unwrap_or(EPurchasing);
                (metode, self.draw.weighted(cal::jenis_mix(metode)).unwrap_or(Barang))
            }
        }
    }

    fn pagu(&mut self, metode: MetodePemilihan, jenis: JenisPengadaan, anomaly: Option<Anomaly>) -> Money {
        use Anomaly::*;
        let ceiling = rupiah(self.limits.ceiling(jenis));
        let ceiling_k = rupiah(self.limits.ceiling(JasaKonsultansi));
        let above = rupiah(self.late.ceiling(jenis).max(self.limits.ceiling(jenis)));
        let whole_millions = |r: i64| Money::from_rupiah(r / 1_000_000 * 1_000_000).unwrap_or(Money::ZERO);
        match anomaly {
            Some(PlAboveCeiling) => return whole_millions(self.draw.between(above / 20 * 21, above * 2)),
            Some(PlKonsultansiAboveCeiling) => {
                return whole_millions(self.draw.between(above / 10 * 11, above * 19 / 10));
            }
            Some(EPurchasingByPejabat) => {
                let max = rupiah(self.limits.pejabat_max);
                return whole_millions(self.draw.between(max / 4 * 5, max * 9 / 2));
            }
            Some(WrongContractForm) => {
                let lo = rupiah(self.limits.kuitansi_max) * 6 / 5;
                return Money::from_rupiah(self.draw.between(lo, ceiling * 9 / 10) / 1000 * 1000)
                    .unwrap_or(Money::ZERO);
            }
            _ => {}
        }
        match (metode, jenis) {
            (EPurchasing, _) => self.draw.money(cal::PAGU_EPURCHASING, 50_000, 3_500_000_000),
            (PengadaanLangsung, JasaKonsultansi) => self.draw.money(cal::PAGU_PL_KONSULTANSI, 1_000_000, ceiling_k),
            (PengadaanLangsung | MetodePemilihan::PenunjukanLangsung, _) => {
                self.draw.money(cal::PAGU_PL, 1_000_000, ceiling)
            }
            (Seleksi, _) => self.draw.money(cal::PAGU_SELEKSI, ceiling_k + 1_000_000, 2_000_000_000),
            _ => self.draw.money(cal::PAGU_TENDER, ceiling + 50_000_000, 40_000_000_000),
        }
    }

    /// A name for a package of `org`: its sub-kegiatan's object, a place and its number.
    fn name(&mut self, org: usize, sub: usize, n: usize) -> String {
        let object = self.organisations[org].subs[sub].1.clone();
        let object = object.rsplit_once(' ').map_or(object.as_str(), |(o, _)| o).to_string();
        format!("{object} {} Paket {}", PLACES[self.draw.index(PLACES.len())], n + 1)
    }

    /// One package carrying `anomaly`. Pengadaan Langsung in P-08's band are kept to one per
    /// organisation, jenis and name stem, so clean packages never look split.
    fn package(&mut self, anomaly: Option<Anomaly>) -> Scenario {
        let n = self.packages.len();
        let org = self.draw.index(self.organisations.len());
        let sub = self.draw.index(self.organisations[org].subs.len());
        let (metode, jenis) = self.method(anomaly);
        let mut pagu = self.pagu(metode, jenis, anomaly);
        let name = self.name(org, sub, n);
        if metode == PengadaanLangsung {
            let ceiling = self.limits.ceiling(jenis);
            let floor = ceiling.mul_ratio(self.limits.band).unwrap_or(ceiling);
            if pagu >= floor && pagu <= ceiling {
                let key = (org, jenis, stem(&name, self.limits.name_words));
                let count = self.in_band.entry(key).or_default();
                if *count >= 1 {
                    pagu = per_mille(floor, 990);
                } else {
                    *count += 1;
                }
            }
        }
        let select_month = self.draw.weighted(&cal::SELECTION_MONTH).unwrap_or(4);
        let select_month = if matches!(
            anomaly,
            Some(
                Anomaly::LateSelection
                    | Anomaly::LateSigning
                    | Anomaly::SlowAward
                    | Anomaly::NotCompleted
                    | Anomaly::AddendumWhenLate
            )
        ) {
            select_month.min(6)
        } else {
            select_month
        };
        let path = if anomaly.is_some() || self.draw.chance(500_000) {
            Path::Record
        } else {
            Path::Command
        };
        let mut s = Scenario {
            org,
            sub,
            name,
            jenis,
            metode,
            pagu,
            umk: anomaly != Some(Anomaly::NotReservedForUmk),
            non_umk_reason: None,
            select_month,
            path,
            anomaly,
            single_bid: false,
            procured: None,
        };
        if anomaly.is_some() || self.draw.chance(cal::PROCURED_PPM) {
            s.procured = Some(self.procure(&mut s));
        }
        s
    }

    /// A provider outside the pool, controlled as `control` says.
    fn controlled_provider(&mut self, control: Control) -> usize {
        let n = self.providers + self.controlled.len();
        self.controlled.push((n, control));
        n
    }

    /// The next winner at `org`: the organisation's providers in turn, none reaching H-09's
    /// count of wins.
    fn winner_for(&mut self, org: usize) -> usize {
        let stride = (self.providers / self.organisations.len()).max(1);
        let turn = self.awards.entry(org).or_default();
        *turn += 1;
        let mut p = (org * stride + *turn) % self.providers;
        while self.wins.get(&(org, p)).copied().unwrap_or(0) + 1 >= self.limits.min_wins {
            p = (p + 1) % self.providers;
        }
        *self.wins.entry((org, p)).or_default() += 1;
        p
    }

    fn procure(&mut self, s: &mut Scenario) -> Procured {
        use Anomaly::*;
        let a = s.anomaly;
        let metode = s.metode;
        let competitive = metode.is_competitive();
        let pagu = if a == Some(PaguDiffersFromPlan) {
            per_mille(s.pagu, self.draw.between(1_050, 1_100))
        } else {
            s.pagu
        };
        let hps = match (metode, a) {
            (EPurchasing, _) => None,
            (_, Some(HpsAbovePagu)) => Some(per_mille(s.pagu, self.draw.between(1_020, 1_050))),
            _ => Some(per_mille(s.pagu, self.draw.from(cal::HPS_PER_PAGU))),
        };
        let estimate = hps.unwrap_or(s.pagu);
        let slip = if a == Some(LateSelection) {
            self.draw.between(self.limits.slip + 9, self.limits.slip + 39)
        } else {
            self.draw.between(0, 14)
        };
        let announced_on = plus(day(s.select_month, 1), slip);
        // Prices: the winner's, and how many bids there are.
        // Clean tender awards stay between H-04's low-bid ratio and D9's band, whatever the data.
        let mut ratio = if competitive {
            self.draw
                .from(cal::CONTRACT_PER_HPS_TENDER)
                .max(self.limits.low_bid + 10)
                .min(self.limits.at_estimate - 5)
        } else {
            self.draw.from(cal::CONTRACT_PER_HPS_DIRECT)
        };
        match a {
            Some(LowBid) => ratio = self.draw.between(self.limits.far_below + 20, self.limits.low_bid - 10),
            Some(AtEstimate) => ratio = self.draw.between(self.limits.at_estimate + 1, 999),
            Some(WinningBidAboveHps) => ratio = self.draw.between(1_010, 1_040),
            Some(HpsAbovePagu) => ratio = self.draw.between(880, 940),
            Some(FarBelowEstimate) => {
                ratio = self
                    .draw
                    .between(self.limits.far_below - 100, self.limits.far_below - 10)
            }
            // The second-lowest offer wins: keep it under D9's band.
            Some(NotLowestWinner) => ratio = self.draw.between(850, 930),
            // Room above the award for the contract, still under HPS (else H-03 too).
            Some(ContractAboveAward) => ratio = self.draw.between(850, 940),
            _ => {}
        }
        let price = if metode == EPurchasing {
            per_mille(s.pagu, self.draw.between(950, 1_000))
        } else if a == Some(HpsAbovePagu) {
            per_mille(s.pagu, ratio)
        } else {
            per_mille(estimate, ratio)
        };
        let bidders = if !competitive || a == Some(WinningBidAboveHps) {
            1
        } else if matches!(
            a,
            Some(NotLowestWinner | LowBid | AtEstimate | FarBelowEstimate | FailedWithoutGround | CommonControl)
        ) || !self.draw.chance(cal::single_bid_ppm(metode))
        {
            self.draw.weighted(&cal::MORE_BIDS).unwrap_or(2)
        } else {
            1
        };
        s.single_bid = competitive && bidders == 1;
        let winner_provider = self.winner_for(s.org);
        let mut bids = vec![BidPlan {
            provider: winner_provider,
            offer: price,
        }];
        let room = rupiah(estimate) - rupiah(price);
        for k in 1..bidders {
            let mut provider = self.draw.index(self.providers);
            while bids.iter().any(|b| b.provider == provider) {
                provider = (provider + 1) % self.providers;
            }
            let step = (room.max(k as i64 * 1_000) / (bidders as i64 + 1)).max(1_000);
            let offer = rupiah(price) + step * k as i64 + self.draw.between(0, step / 2);
            let offer = offer.min(rupiah(estimate).max(rupiah(price) + k as i64 * 1_000));
            bids.push(BidPlan {
                provider,
                offer: Money::from_rupiah(offer).unwrap_or(price),
            });
        }
        // The winner (bid 0) offers the lowest price, except when the second-lowest wins.
        if a == Some(NotLowestWinner) && bids.len() > 1 {
            let lowest = bids[0].offer;
            bids[0].offer = bids[1].offer;
            bids[1].offer = lowest;
        }
        match a {
            Some(OfficialTiedBidder) => bids[0].provider = self.controlled_provider(Control::Official(s.org)),
            Some(CommonControl) => {
                let owner = self.controlled.len();
                bids[0].provider = self.controlled_provider(Control::Shared(owner));
                bids[1].provider = self.controlled_provider(Control::Shared(owner));
            }
            _ => {}
        }
        let award_on = if a == Some(SlowAward) {
            plus(announced_on, self.limits.award_days + self.draw.between(5, 20))
        } else {
            plus(announced_on, 17)
        };
        let sppbj_on = (metode != EPurchasing).then(|| plus(award_on, 6));
        let signed_on = if a == Some(SignedBeforeAward) {
            award_on - chrono::Days::new(3)
        } else if a == Some(LateSigning) {
            // Twice the working days in calendar days is beyond them whatever the weekends.
            plus(award_on, 6 + 2 * self.limits.sppbj_days + self.draw.between(2, 12))
        } else {
            plus(award_on, 10)
        };
        let value = if a == Some(ContractAboveAward) {
            per_mille(bids[0].offer, self.draw.between(1_010, 1_030))
        } else {
            bids[0].offer
        };
        let work_days = match (competitive, s.jenis, a) {
            (_, _, Some(ShortWorks)) => self.draw.between(20, self.limits.short_works - 15),
            (true, _, _) => self.draw.from(cal::WORK_DAYS_TENDER).max(self.limits.short_works + 1),
            (false, PekerjaanKonstruksi, _) => self
                .draw
                .from(cal::WORK_DAYS_DIRECT_WORKS)
                .max(self.limits.short_works + 1),
            (false, _, _) => self.draw.from(cal::WORK_DAYS_DIRECT),
        };
        let start = signed_on;
        // Work ends by 15 December; a contract that runs late ends by 30 November, so its late
        // handover and payment still fall in the year.
        let year_end = if matches!(a, Some(NotCompleted | AddendumWhenLate)) {
            day(11, 30)
        } else {
            day(12, 15)
        };
        let mut end = plus(start, work_days).min(year_end);
        let advance = match a {
            Some(AdvanceAboveCap) => per_mille(value, self.limits.advance_cap + self.draw.between(50, 100)),
            // An advance widens K-11's allowance: none where payments must run ahead.
            Some(PaymentAheadOfProgress | Overpaid) => Money::ZERO,
            _ if competitive && s.jenis != JasaKonsultansi && self.draw.chance(cal::ADVANCE_PPM) => {
                per_mille(value, 200)
            }
            _ => Money::ZERO,
        };
        let mut p = Procured {
            metode,
            pagu,
            hps,
            unknown_rup: a == Some(UnknownRup),
            announced_on,
            bids,
            award_on,
            sppbj_on,
            signed_on,
            start,
            end,
            value,
            advance,
            form: (a == Some(WrongContractForm)).then_some(ContractForm::Kuitansi),
            addenda: Vec::new(),
            payments: Vec::new(),
            reports: Vec::new(),
            bast: None,
            own_line: None,
            bond_short: a == Some(BondTooSmall),
            pokja_size: if a == Some(PokjaOfTwo) { 2 } else { 3 },
            ppk_selects: a == Some(PpkSelectsOwnPackage),
            failed_on: None,
            contract_type: (a == Some(WrongContractType)).then_some(rantai_procurement::ContractType::HargaSatuan),
            procuring_org: (a == Some(OtherOrganisation)).then(|| (s.org + 1) % self.organisations.len()),
        };
        if a == Some(FailedWithoutGround) {
            // Declared failed when the winner would have been set; nothing follows.
            p.failed_on = Some(p.award_on);
            p.sppbj_on = None;
            return p;
        }
        if a == Some(AddendumWhenLate) {
            // Five days past the end, the value goes up 5 %; the handover comes later still.
            p.addenda.push((plus(end, 5), per_mille(value, 1_050)));
            p.own_line = Some(p.committed());
        }
        if a == Some(BigAddenda) {
            let third = (end - start).num_days() / 3;
            p.addenda.push((plus(start, third), per_mille(value, 1_050)));
            p.addenda.push((
                plus(start, 2 * third),
                per_mille(value, 1_000 + self.limits.addenda_cap + self.draw.between(20, 80)),
            ));
            p.own_line = Some(p.committed());
        }
        if matches!(a, Some(WinningBidAboveHps)) {
            p.own_line = Some(value.max(s.pagu));
        }
        if a == Some(Overpaid) {
            p.own_line = Some(s.pagu);
        }
        if a == Some(LineTooSmall) {
            p.own_line = Some(per_mille(value, self.draw.between(900, 950)));
        }
        let stays_open = matches!(a, Some(CriticalContract | PaymentAheadOfProgress));
        if stays_open {
            end = day(12, 31);
            p.end = end;
        }
        self.progress_and_payments(s, &mut p, competitive, stays_open);
        p
    }

    /// Reports, payments and the handover: a mid-term report on the S-curve and a payment below
    /// it for tenders, then the final report, the BAST on the end date and the final payment
    /// (95 % with the retention for everything but catalogue purchases).
    fn progress_and_payments(&mut self, s: &Scenario, p: &mut Procured, competitive: bool, stays_open: bool) {
        use Anomaly::*;
        let a = s.anomaly;
        let value = p.committed();
        let mut paid = Money::ZERO;
        if !p.advance.is_zero() {
            let on = plus(p.start, 7);
            p.payments.push((on, p.advance));
            paid = p.advance;
        }
        if competitive {
            let mid = plus(p.start, (p.end - p.start).num_days() / 2);
            let planned = 50;
            let actual = match a {
                Some(CriticalContract) => planned - self.draw.between(25, 35),
                _ => planned + self.draw.between(0, 8),
            };
            p.reports.push((mid, Ratio::percent(actual), Ratio::percent(planned)));
            let share = match a {
                Some(PaymentAheadOfProgress) => actual + self.limits.k11_margin / 10 + self.draw.between(5, 15),
                _ => actual - 10,
            };
            let due = per_mille(value, share * 10).saturating_sub(paid);
            if !due.is_zero() {
                p.payments.push((plus(mid, 5), due));
                paid += due;
            }
        }
        if stays_open {
            return;
        }
        let report_on = p.end;
        p.reports.push((report_on, Ratio::ONE, Ratio::ONE));
        let bast = if matches!(a, Some(NotCompleted | AddendumWhenLate)) {
            plus(p.end, self.draw.between(5, 20))
        } else {
            p.end
        };
        p.bast = Some(bast);
        let final_share = match (p.metode, a) {
            (_, Some(Overpaid)) => 1_000 + self.limits.k11_margin + self.draw.between(10, 40),
            (EPurchasing, _) | (_, Some(RetentionNotHeld)) => 1_000,
            _ => 950,
        };
        let mut total = per_mille(value, final_share);
        if let Some(line) = p.own_line
            && a == Some(LineTooSmall)
        {
            total = total.min(line);
        }
        let due = total.saturating_sub(paid);
        if !due.is_zero() {
            let on = plus(bast, self.draw.between(3, 10)).min(day(12, 30));
            p.payments.push((on, due));
        }
    }

    /// Takes the largest clean packages of `org` out of the small-business reservation, each
    /// with its reason, until under P-07's share of its procurement spending is reserved.
    fn low_umk_share(&mut self, org: usize) -> bool {
        let min = self.limits.umk_share;
        let total = self
            .packages
            .iter()
            .filter(|p| p.org == org)
            .map(|p| p.pagu)
            .sum::<Money>();
        let mut order: Vec<usize> = (0..self.packages.len())
            .filter(|i| self.packages[*i].org == org && self.packages[*i].anomaly.is_none())
            .collect();
        order.sort_by_key(|i| std::cmp::Reverse(self.packages[*i].pagu));
        let mut reserved = self
            .packages
            .iter()
            .filter(|p| p.org == org && p.umk)
            .map(|p| p.pagu)
            .sum::<Money>();
        for i in order {
            if reserved.ratio_of(total).is_some_and(|share| share < min) {
                return true;
            }
            let p = &mut self.packages[i];
            p.umk = false;
            p.non_umk_reason = Some("Pekerjaan kompleks dan berisiko tinggi".into());
            reserved = reserved.saturating_sub(p.pagu);
        }
        reserved.ratio_of(total).is_some_and(|share| share < min)
    }

    /// Codes sub-kegiatan `sub` of `org` for the other level of government.
    fn flip_level(&mut self, org: usize, sub: usize) -> bool {
        let Some((code, _)) = self.organisations[org].subs.get_mut(sub) else {
            return false;
        };
        let mut parts: Vec<String> = code.split('.').map(str::to_string).collect();
        let Some(level) = parts.get_mut(3) else {
            return false;
        };
        *level = if level == "1" { "2".into() } else { "1".into() };
        *code = parts.join(".");
        true
    }

    /// Two clean Pengadaan Langsung of `org` of one jenis (goods, consultancy or other services)
    /// whose contract values are each under the ceiling and together above it, the first's
    /// winner with no other win there.
    fn split_pair(&self, org: usize) -> Option<(usize, usize)> {
        for jenis in [Barang, JasaKonsultansi, JasaLainnya] {
            let ceiling = self.limits.ceiling(jenis).min(self.late.ceiling(jenis));
            let candidates: Vec<(usize, Money)> = self
                .packages
                .iter()
                .enumerate()
                .filter(|(_, s)| s.org == org && s.jenis == jenis && s.anomaly.is_none())
                .filter_map(|(i, s)| {
                    let p = s.procured.as_ref()?;
                    (p.metode == PengadaanLangsung && p.failed_on.is_none()).then_some((i, p.value))
                })
                .collect();
            for (k, (first, a)) in candidates.iter().enumerate() {
                let provider = self.packages[*first].procured.as_ref()?.winning()?.provider;
                if self.wins.get(&(org, provider)).copied().unwrap_or(0) != 1 {
                    continue;
                }
                let pair = candidates[k + 1..]
                    .iter()
                    .find(|(_, b)| a.checked_add(*b).is_ok_and(|sum| sum > ceiling));
                if let Some((second, _)) = pair {
                    return Some((*first, *second));
                }
            }
        }
        None
    }

    /// Organisation-level anomalies: at the anomaly rate per organisation (at least one of each
    /// in a region of 100 packages or more), one provider made to win three procurements of the
    /// organisation, and three Pengadaan Langsung of one object bunched under the ceiling.
    fn org_anomalies(&mut self) -> Vec<(usize, OrgAnomaly)> {
        let mut out = Vec::new();
        let orgs = self.organisations.len();
        let wanted = if self.spec.packages >= 100 {
            ((orgs as u64 * u64::from(self.spec.anomaly_ppm)) / 1_000_000).max(1) as usize
        } else {
            0
        };
        // Repeat winners: three clean competitive procurements of one organisation.
        let mut taken = 0;
        for org in 0..orgs {
            if taken == wanted {
                break;
            }
            let chosen: Vec<usize> = self
                .packages
                .iter()
                .enumerate()
                .filter(|(_, s)| s.org == org && s.anomaly.is_none())
                .filter(|(_, s)| s.procured.as_ref().is_some_and(|p| p.metode.is_competitive()))
                .map(|(i, _)| i)
                .take(self.limits.min_wins)
                .collect();
            if chosen.len() < self.limits.min_wins {
                continue;
            }
            let provider = self.packages[chosen[0]]
                .procured
                .as_ref()
                .and_then(|p| p.winning())
                .map_or(0, |b| b.provider);
            for &i in &chosen[1..] {
                if let Some(p) = self.packages[i].procured.as_mut() {
                    if let Some(other) = p.bids.iter().position(|b| b.provider == provider) {
                        p.bids[other].provider = p.bids[0].provider;
                    }
                    p.bids[0].provider = provider;
                }
            }
            out.push((org, OrgAnomaly::RepeatWinner));
            taken += 1;
        }
        // One provider given two Pengadaan Langsung of one jenis at one organisation whose values
        // together pass the ceiling (D17); works are left out, their ceiling moves in the year.
        let mut split = 0;
        for org in 0..orgs {
            if split == wanted {
                break;
            }
            if let Some((first, second)) = self.split_pair(org) {
                let provider = self.packages[first]
                    .procured
                    .as_ref()
                    .and_then(|p| p.winning())
                    .map_or(0, |b| b.provider);
                if let Some(won) = self.packages[second].procured.as_mut().and_then(|p| p.bids.first_mut()) {
                    won.provider = provider;
                }
                out.push((org, OrgAnomaly::SplitToOneProvider));
                split += 1;
            }
        }
        // Splitting: three plan-only Pengadaan Langsung of goods of one name stem, in the band.
        // One group per organisation: two groups at one would share a name stem and count as one.
        for k in 0..wanted.min(orgs) {
            let org = (k + 3) % orgs;
            let sub = 0;
            let ceiling_money = self.limits.ceiling(Barang);
            let ceiling = rupiah(ceiling_money);
            let floor = rupiah(ceiling_money.mul_ratio(self.limits.band).unwrap_or(ceiling_money));
            for part in 0..3 {
                let pagu = Money::from_rupiah(self.draw.between(floor, ceiling) / 1000 * 1000).unwrap_or(Money::ZERO);
                let n = self.packages.len();
                self.packages.push(Scenario {
                    org,
                    sub,
                    name: format!("Belanja Persediaan Kantor Bagian {} Paket {}", part + 1, n + 1),
                    jenis: Barang,
                    metode: PengadaanLangsung,
                    pagu,
                    umk: true,
                    non_umk_reason: None,
                    select_month: 5,
                    path: Path::Record,
                    anomaly: None,
                    single_bid: false,
                    procured: None,
                });
            }
            out.push((org, OrgAnomaly::Splitting));
        }
        // After every package exists (the splitting ones too): officials holding two duties the Perpres keeps apart, one organisation each.
        if wanted > 0 {
            let kinds = [
                OrgAnomaly::PpkAlsoBendahara,
                OrgAnomaly::PejabatAlsoBendahara,
                OrgAnomaly::KpaAlsoPpk,
                OrgAnomaly::PpkSkpdAlsoPptk,
            ];
            for (k, kind) in kinds.into_iter().enumerate() {
                out.push(((k * 3 + 1) % orgs, kind));
            }
            out.push(((orgs / 3 + 1) % orgs, OrgAnomaly::LateQuarterlyReport));
            let org = (2 * orgs / 3) % orgs;
            if self.low_umk_share(org) {
                out.push((org, OrgAnomaly::LowUmkShare));
            }
            // The last sub-kegiatan with packages of the last organisation draws more than its pagu.
            let org = orgs - 1;
            if let Some(sub) = (0..self.organisations[org].subs.len())
                .rev()
                .find(|s| self.packages.iter().any(|p| p.org == org && p.sub == *s))
            {
                out.push((org, OrgAnomaly::SubKegiatanOverdrawn(sub)));
            }
            // A sub-kegiatan of its own kegiatan coded for the other level of government.
            let org = orgs / 2;
            let last = self.organisations[org].subs.len().saturating_sub(1);
            if last.is_multiple_of(4) && self.flip_level(org, last) {
                out.push((org, OrgAnomaly::WrongLevel(last)));
            }
        }
        out
    }
}
