//! What the generator decides for one region before anything is built: its organisations and
//! plan structure, and for every RUP package the whole story from plan to handover, with the
//! anomaly it carries.

use chrono::NaiveDate;
use rantai_core::{GovLevel, JenisPengadaan, MetodePemilihan, Money, Ratio};
use rantai_procurement::ContractForm;

use crate::anomaly::{Anomaly, OrgAnomaly};

/// What a region is generated from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionSpec {
    /// The region's name.
    pub name: String,
    /// LKPP's K/L/PD code (`D107`, …).
    pub kd_klpd: String,
    /// Province or kabupaten/kota.
    pub level: GovLevel,
    /// The seed every draw comes from.
    pub seed: u64,
    /// RUP packages to generate (besides those of organisation-level anomalies).
    pub packages: usize,
    /// Share of packages given an injected anomaly, per million.
    pub anomaly_ppm: u32,
}

impl RegionSpec {
    /// A kabupaten of `packages` packages with one package in ten anomalous.
    ///
    /// ```
    /// let spec = rantai_sim::RegionSpec::kabupaten(7, 500);
    /// assert_eq!(spec.packages, 500);
    /// assert_eq!(spec.anomaly_ppm, 100_000);
    /// ```
    pub fn kabupaten(seed: u64, packages: usize) -> RegionSpec {
        RegionSpec {
            name: format!("Kabupaten Sintetis {seed}"),
            kd_klpd: format!("D{}", 500 + seed % 500),
            level: GovLevel::KabupatenKota,
            seed,
            packages,
            anomaly_ppm: 100_000,
        }
    }
}

/// How a package's facts reach the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// Live commands (role checks, `reject` rules refuse).
    Command,
    /// Recorded facts, as an importer sends them: rules flag, never refuse.
    Record,
}

/// One OPD of the region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgPlan {
    /// Its Permendagri 90 organisation code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its sub-kegiatan: code and name.
    pub subs: Vec<(String, String)>,
}

/// A priced bid: the provider (index into the region's pool) and the offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BidPlan {
    /// Provider number.
    pub provider: usize,
    /// The offer.
    pub offer: Money,
}

/// A package's procurement, contract, payments and progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procured {
    /// The method used (as planned unless an anomaly changes it).
    pub metode: MetodePemilihan,
    /// The procurement's pagu.
    pub pagu: Money,
    /// HPS (none for e-purchasing).
    pub hps: Option<Money>,
    /// Whether the procurement cites a `kd_rup` the plan lacks.
    pub unknown_rup: bool,
    /// Announcement date.
    pub announced_on: NaiveDate,
    /// Priced bids, the winner's first.
    pub bids: Vec<BidPlan>,
    /// Award date.
    pub award_on: NaiveDate,
    /// SPPBJ date (none for e-purchasing).
    pub sppbj_on: Option<NaiveDate>,
    /// Contract signing date.
    pub signed_on: NaiveDate,
    /// Work start.
    pub start: NaiveDate,
    /// Planned end.
    pub end: NaiveDate,
    /// Contract value.
    pub value: Money,
    /// Advance (uang muka).
    pub advance: Money,
    /// The contract's form when it is not the one its value requires.
    pub form: Option<ContractForm>,
    /// Addenda: date and new value.
    pub addenda: Vec<(NaiveDate, Money)>,
    /// SP2D: date and amount.
    pub payments: Vec<(NaiveDate, Money)>,
    /// Progress reports: date, actual, planned.
    pub reports: Vec<(NaiveDate, Ratio, Ratio)>,
    /// Handover (BAST) date.
    pub bast: Option<NaiveDate>,
    /// A DPA line of its own with this pagu, instead of the shared line of its sub-kegiatan
    /// and jenis.
    pub own_line: Option<Money>,
    /// Signed with half the performance bond its value requires.
    pub bond_short: bool,
    /// Members of the Pokja (competitive methods).
    pub pokja_size: usize,
    /// The PPK runs the selection itself as Pejabat Pengadaan.
    pub ppk_selects: bool,
    /// Declared failed on this date (no award, no contract follow).
    pub failed_on: Option<NaiveDate>,
    /// The contract type when it is not the one the object calls for.
    pub contract_type: Option<rantai_procurement::ContractType>,
    /// The organisation that procures, when it is not the one that planned the package.
    pub procuring_org: Option<usize>,
}

impl Procured {
    /// The value committed: the last addendum's, else the contract's.
    pub fn committed(&self) -> Money {
        self.addenda.last().map_or(self.value, |a| a.1)
    }

    /// The winning bid.
    pub fn winning(&self) -> Option<&BidPlan> {
        self.bids.first()
    }
}

/// One RUP package and what happens to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Organisation number.
    pub org: usize,
    /// Sub-kegiatan number within the organisation.
    pub sub: usize,
    /// Package name.
    pub name: String,
    /// Jenis.
    pub jenis: JenisPengadaan,
    /// Planned method.
    pub metode: MetodePemilihan,
    /// Planned pagu.
    pub pagu: Money,
    /// Reserved for small business.
    pub umk: bool,
    /// Why it is not, when it is not and says so.
    pub non_umk_reason: Option<String>,
    /// First month of the planned selection window.
    pub select_month: u32,
    /// Command or record.
    pub path: Path,
    /// The anomaly injected, if any.
    pub anomaly: Option<Anomaly>,
    /// Whether it was won on a single priced bid (H-07, at the real rate).
    pub single_bid: bool,
    /// The procurement, when there is one by the end of the year.
    pub procured: Option<Procured>,
}

/// Who controls a provider outside the ordinary pool (whose owners are its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// The PPK of organisation `0` holds all its shares.
    Official(usize),
    /// Shareholder number `0` holds 60 % of it (and of another such provider).
    Shared(usize),
}

/// A generated region: everything the chain and the ISB files are built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// What it was generated from.
    pub spec: RegionSpec,
    /// Its organisations.
    pub organisations: Vec<OrgPlan>,
    /// Providers: the pool, then those of `controlled`.
    pub providers: usize,
    /// Providers outside the pool and who controls them (H-10, H-11).
    pub controlled: Vec<(usize, Control)>,
    /// Its packages, in id order.
    pub packages: Vec<Scenario>,
    /// Anomalies of organisations: organisation number and kind.
    pub org_anomalies: Vec<(usize, OrgAnomaly)>,
}
