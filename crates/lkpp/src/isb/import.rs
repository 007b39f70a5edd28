//! The import of a region's ISB datasets into a chain, in dependency order (organisations and
//! plan masters, then procurements, bids, awards, contracts and handovers), with one report per
//! dataset.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rantai_chain::{Chain, Command, PlanData};
use rantai_core::{ActorId, BidId, ContractId, OrgCode, Organisation, OrganisationId, ProcurementId, Provenance};

use super::source::{Dataset, FileIssue, IsbSource};
use super::{SYSTEM, contracts, masters, orders, tenders};
use crate::field::{Failure, Row};
use crate::ids::{SpseKind, organisation_id};
use crate::report::ImportReport;

/// What the import of a region's datasets did.
#[derive(Clone, Debug, Default)]
pub struct IsbReport {
    /// One report per dataset provided, in import order.
    pub datasets: Vec<ImportReport>,
    /// Files that could not be read as a dataset.
    pub files: Vec<FileIssue>,
    /// Datasets rantai reads that were not provided.
    pub missing: Vec<Dataset>,
    /// Bytes read.
    pub bytes: usize,
    /// When the data was pulled: the latest `_event_date` of any row. Reports are as of it.
    pub snapshot: Option<NaiveDate>,
    /// Caveats about what the data could not say (e.g. payments are not in LKPP data).
    pub notes: Vec<String>,
}

impl IsbReport {
    /// The report of one dataset, when it was provided.
    pub fn dataset(&self, dataset: Dataset) -> Option<&ImportReport> {
        self.datasets.iter().find(|r| r.dataset == dataset.name())
    }

    /// Whether every row of every dataset is accounted for.
    pub fn is_complete(&self) -> bool {
        self.datasets.iter().all(ImportReport::is_complete)
    }

    /// Rows imported, over all datasets.
    pub fn imported(&self) -> usize {
        self.datasets.iter().map(|d| d.imported).sum()
    }

    /// Rows read, over all datasets.
    pub fn rows(&self) -> usize {
        self.datasets.iter().map(|d| d.rows).sum()
    }
}

/// How a row was taken.
pub(crate) enum Taken {
    /// Its facts are in the chain.
    Imported,
    /// Read and deliberately not turned into facts, for this reason.
    Aside(&'static str),
}

/// An award letter: its date and the performance bond it names.
pub(crate) type Sppbj = (NaiveDate, Option<rantai_core::Money>);

/// A row's value that counts as imported only once the fact it completes is recorded (an SPMK
/// with its contract, an SPPBJ with its award).
#[derive(Clone, Debug)]
pub(crate) struct Pending<T> {
    pub(crate) value: T,
    pub(crate) rows: usize,
    pub(crate) used: bool,
}

impl<T> Pending<T> {
    /// A first row.
    pub(crate) fn new(value: T) -> Self {
        Self {
            value,
            rows: 0,
            used: false,
        }
    }
}

/// Counts the rows of pending values into their datasets' reports: imported when used, else
/// set aside for `reason`.
fn settle<K, T>(
    pending: &HashMap<K, Pending<T>>,
    kind_of: impl Fn(&K) -> SpseKind,
    datasets: [(SpseKind, Dataset); 2],
    reason: &str,
    reports: &mut [ImportReport],
) {
    for (kind, ds) in datasets {
        let Some(report) = reports.iter_mut().find(|r| r.dataset == ds.name()) else {
            continue;
        };
        for (k, p) in pending {
            if kind_of(k) != kind {
                continue;
            }
            if p.used {
                report.imported += p.rows;
            } else {
                for _ in 0..p.rows {
                    report.aside(reason);
                }
            }
        }
    }
}

/// What the import knows about a procurement it recorded.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub(crate) id: ProcurementId,
    pub(crate) announced_on: NaiveDate,
    /// The end of the offer-upload stage, when the schedule gives it.
    pub(crate) bids_due: Option<NaiveDate>,
    /// `kualifikasi_paket = Kecil`.
    pub(crate) small: bool,
    /// Priced bids by `kd_penyedia`.
    pub(crate) bids: HashMap<String, BidId>,
    pub(crate) awarded: bool,
    /// The participant SPSE marks as winner (`pemenang = 1`).
    pub(crate) winner: Option<String>,
    pub(crate) contract: Option<ContractId>,
    pub(crate) handed_over: bool,
}

/// The chain being filled and what has been recorded so far.
pub(crate) struct Importer<'c> {
    /// The chain, loaded in bulk: facts are decided and applied here, sealed on a second thread.
    chain: rantai_chain::Loader<'c>,
    actor: ActorId,
    /// Registered organisations by `kd_satker_str`.
    orgs: HashMap<String, OrganisationId>,
    /// `kd_satker` (SIRUP's number) → `kd_satker_str`, from the satker master.
    pub(crate) satker_codes: HashMap<String, String>,
    pub(crate) procurements: HashMap<(SpseKind, String), Known>,
    /// SPMK/SPP dates by procurement and contract version, waiting for their contract.
    pub(crate) spmk: HashMap<(SpseKind, String, i64), Pending<(NaiveDate, NaiveDate)>>,
    /// Failures SPSE marks (Gagal/Batal), recorded after every bid and award.
    pub(crate) failures: Vec<(Dataset, SpseKind, String, rantai_procurement::Failure)>,
    /// SPPBJ dates and performance bonds by procurement, waiting for their award.
    pub(crate) sppbj: HashMap<(SpseKind, String), Pending<Sppbj>>,
    pub(crate) plan_data: PlanData,
    pub(crate) notes: Vec<String>,
    /// Counted caveats by dataset.
    counted: std::collections::BTreeMap<(&'static str, &'static str), usize>,
    /// When the data was pulled ([`IsbSource::snapshot`]).
    pub(crate) snapshot: Option<NaiveDate>,
    /// How officials' NIPs become ids.
    pub(crate) pseudonyms: crate::ids::Pseudonyms,
    /// The first day of the data's fiscal year: when undated facts (organisations) are recorded.
    pub(crate) opened_on: NaiveDate,
}

impl<'c> Importer<'c> {
    /// Records one fact with its provenance; a refusal comes back as its message.
    pub(crate) fn record(&mut self, dataset: Dataset, key: &str, on: NaiveDate, fact: Command) -> Result<(), String> {
        let provenance = Provenance::Import {
            system: SYSTEM.into(),
            dataset: dataset.name().into(),
            record_key: key.to_string(),
        };
        // A fact is known by the snapshot at the latest (SPSE carries planned dates after it).
        let known = self.snapshot.map_or(on, |s| on.min(s));
        let at = DateTime::from_naive_utc_and_offset(known.and_time(NaiveTime::MIN), Utc);
        self.chain
            .record(provenance, self.actor, at, fact)
            .map_err(|e| e.to_string())
    }

    /// The organisation of a row (by `kd_satker_str`), registered on first sight with the row's
    /// `nama_satker`.
    pub(crate) fn organisation(
        &mut self,
        dataset: Dataset,
        key: &str,
        row: Row<'_>,
    ) -> Result<OrganisationId, Failure> {
        let text = row.text("kd_satker_str")?;
        self.organisation_by_code(dataset, key, text, row.opt_text("nama_satker")?)
    }

    /// The organisation with this `kd_satker_str`, registered on first sight.
    pub(crate) fn organisation_by_code(
        &mut self,
        dataset: Dataset,
        key: &str,
        code: &str,
        name: Option<&str>,
    ) -> Result<OrganisationId, Failure> {
        if let Some(id) = self.orgs.get(code) {
            return Ok(*id);
        }
        let parsed: OrgCode = code.parse().map_err(|e| ("kd_satker_str", format!("{code:?}: {e}")))?;
        let id = organisation_id(parsed);
        if !self.chain.state().organisations().contains_key(&id) {
            let name = name.map_or_else(|| format!("Satker {code}"), str::to_string);
            let on = self.opened_on;
            self.record(
                dataset,
                key,
                on,
                Command::RegisterOrganisation {
                    organisation: Organisation::new(id, parsed, name),
                },
            )
            .map_err(|e| ("kd_satker_str", e))?;
        }
        self.orgs.insert(code.to_string(), id);
        Ok(id)
    }

    /// Runs `take` on every row of `dataset`, keyed by `key_field`, and counts the outcome.
    pub(crate) fn each(
        &mut self,
        source: &IsbSource,
        dataset: Dataset,
        key_field: &'static str,
        report: &mut ImportReport,
        mut take: impl FnMut(&mut Self, &str, Row<'_>) -> Result<Taken, Failure>,
    ) {
        for (i, value) in source.rows(dataset).iter().enumerate() {
            let Some(object) = value.as_object() else {
                report.refuse(format!("row {}", i + 1), "(row)", "not a JSON object");
                continue;
            };
            let row = Row(object);
            // A row without its key cannot be joined to anything: refused, never keyed by position.
            let key = match row.key(key_field) {
                Ok(key) => key,
                Err((field, reason)) => {
                    report.refuse(format!("row {}", i + 1), field, reason);
                    continue;
                }
            };
            // A row of another region (another file in the directory) is not this region's fact.
            if let Some(theirs) = row.0.get("kd_klpd").map(text_of).filter(|k| !k.is_empty())
                && let Some(ours) = self.chain.state().profile().map(|p| p.kd_klpd.as_str())
                && theirs != ours
            {
                report.refuse(
                    key,
                    "kd_klpd",
                    format!("a row of region {theirs}, not of {ours} (this import's): import it into its own region"),
                );
                continue;
            }
            match take(self, &key, row) {
                Ok(Taken::Imported) => report.imported += 1,
                Ok(Taken::Aside(reason)) => report.aside(reason),
                Err((field, reason)) => report.refuse(key, field, reason),
            }
        }
    }

    /// What the import knows about the procurement `key`, or why the row cannot refer to it.
    pub(crate) fn known(&self, kind: SpseKind, key: &str) -> Result<Known, Failure> {
        self.procurements.get(&(kind, key.to_string())).cloned().ok_or_else(|| {
            let announcements = match kind {
                SpseKind::Tender => Dataset::TenderPengumuman,
                SpseKind::NonTender => Dataset::NonTenderPengumuman,
            };
            (
                kind.key_name(),
                format!(
                    "its procurement is not imported: missing from {}, or refused there",
                    announcements.name()
                ),
            )
        })
    }

    /// The procurement object of the RUP package with this code, when the RUP table gave it.
    pub(crate) fn package_jenis(&self, code: rantai_core::KodeRup) -> Option<rantai_core::JenisPengadaan> {
        self.chain.state().package_by_kd_rup(code).map(|p| p.spec().jenis)
    }

    /// Counts a caveat about a row of `dataset` (reported once, with its count).
    pub(crate) fn count_note(&mut self, dataset: Dataset, text: &'static str) {
        *self.counted.entry((dataset.name(), text)).or_default() += 1;
    }

    /// Imports SIRUP packages through the SIRUP importer.
    pub(crate) fn import_sirup(
        &mut self,
        packages: Vec<crate::sirup::SirupPackage>,
        issues: Vec<crate::report::RowIssue>,
    ) -> ImportReport {
        let report = crate::import_sirup_into(&mut self.chain, self.actor, packages, issues);
        for o in self.chain.state().organisations().values() {
            self.orgs.insert(o.code().to_string(), o.id());
        }
        report
    }
}

/// Imports every dataset `source` holds into `chain`, recorded by `importer` (an actor the
/// chain knows), and reports what happened to every row.
///
/// Without the RUP package table (dataset 1018) a procurement's `kd_rup` cannot be judged, so
/// K-04 is `Insufficient` rather than "unplanned".
pub fn import(chain: &mut Chain, importer: ActorId, source: &IsbSource) -> IsbReport {
    import_with_progress(chain, importer, source, |_| ())
}

/// [`import`], calling `progress` as each dataset (of [`Dataset::ALL`]) is done.
pub fn import_with_progress(
    chain: &mut Chain,
    importer: ActorId,
    source: &IsbSource,
    mut progress: impl FnMut(Dataset),
) -> IsbReport {
    let orgs = chain
        .state()
        .organisations()
        .values()
        .map(|o| (o.code().to_string(), o.id()))
        .collect();
    let snapshot = source.snapshot();
    let mut imp = Importer {
        chain: chain.loader(),
        actor: importer,
        orgs,
        satker_codes: HashMap::new(),
        procurements: HashMap::new(),
        spmk: HashMap::new(),
        sppbj: HashMap::new(),
        failures: Vec::new(),
        plan_data: PlanData::Missing,
        notes: Vec::new(),
        counted: std::collections::BTreeMap::new(),
        opened_on: fiscal_year_start(source),
        snapshot,
        pseudonyms: source.pseudonyms().clone(),
    };
    let mut out = IsbReport {
        files: source.file_issues().to_vec(),
        bytes: source.bytes(),
        snapshot,
        ..IsbReport::default()
    };
    for dataset in Dataset::ALL {
        if !source.has(dataset) {
            out.missing.push(dataset);
            progress(dataset);
            continue;
        }
        let mut report = ImportReport::new(dataset.name());
        report.rows = source.rows(dataset).len();
        match dataset {
            Dataset::PaketPenyedia => masters::packages(&mut imp, source, &mut report),
            Dataset::MasterSatker => masters::satker(&mut imp, source, &mut report),
            Dataset::StrukturAnggaranPd => masters::budget_structure(&mut imp, source, &mut report),
            Dataset::ProgramMaster => masters::programs(&mut imp, source, &mut report),
            Dataset::KegiatanMaster => masters::kegiatan(&mut imp, source, &mut report),
            Dataset::SubKegiatanMaster => masters::sub_kegiatan(&mut imp, source, &mut report),
            Dataset::TenderPengumuman => tenders::announcements(&mut imp, source, SpseKind::Tender, &mut report),
            Dataset::NonTenderPengumuman => tenders::announcements(&mut imp, source, SpseKind::NonTender, &mut report),
            Dataset::JadwalTahapanTender => tenders::schedules(&mut imp, source, &mut report),
            Dataset::PesertaTender => tenders::participants(&mut imp, source, &mut report),
            Dataset::TenderSelesaiNilai => tenders::tender_awards(&mut imp, source, &mut report),
            Dataset::TenderSelesai => tenders::completed_tenders(&mut imp, source, &mut report),
            Dataset::NonTenderSelesai => tenders::non_tender_awards(&mut imp, source, &mut report),
            Dataset::TenderSppbj => contracts::sppbj(&mut imp, source, SpseKind::Tender, &mut report),
            Dataset::NonTenderSppbj => contracts::sppbj(&mut imp, source, SpseKind::NonTender, &mut report),
            Dataset::TenderSpmk => contracts::spmk(&mut imp, source, SpseKind::Tender, &mut report),
            Dataset::NonTenderSpmk => contracts::spmk(&mut imp, source, SpseKind::NonTender, &mut report),
            Dataset::TenderKontrak => contracts::contracts(&mut imp, source, SpseKind::Tender, &mut report),
            Dataset::NonTenderKontrak => contracts::contracts(&mut imp, source, SpseKind::NonTender, &mut report),
            Dataset::TenderBast => contracts::handovers(&mut imp, source, SpseKind::Tender, &mut report),
            Dataset::NonTenderBast => contracts::handovers(&mut imp, source, SpseKind::NonTender, &mut report),
            Dataset::PencatatanNonTender | Dataset::PencatatanSwakelola => {
                for _ in 0..report.rows {
                    report.aside("pencatatan (a purchase recorded outside SPSE selection): not modelled yet");
                }
            }
            Dataset::PencatatanNonTenderRealisasi | Dataset::PencatatanSwakelolaRealisasi => {
                for _ in 0..report.rows {
                    report.aside("realisation of a pencatatan: payments are not modelled from LKPP data");
                }
            }
            Dataset::EPurchasing => orders::orders(&mut imp, source, &mut report),
        }
        out.datasets.push(report);
        progress(dataset);
    }
    tenders::declare_failures(&mut imp);
    settle(
        &imp.spmk,
        |k| k.0,
        [
            (SpseKind::Tender, Dataset::TenderSpmk),
            (SpseKind::NonTender, Dataset::NonTenderSpmk),
        ],
        "its contract (version) is not imported: see the contract dataset",
        &mut out.datasets,
    );
    settle(
        &imp.sppbj,
        |k| k.0,
        [
            (SpseKind::Tender, Dataset::TenderSppbj),
            (SpseKind::NonTender, Dataset::NonTenderSppbj),
        ],
        "its award is not imported: see the winning values dataset",
        &mut out.datasets,
    );
    if let Err(e) = imp.chain.finish() {
        imp.notes.push(format!("the log could not take every fact: {e}"));
    }
    out.notes = imp.notes;
    out.notes.extend(
        imp.counted
            .into_iter()
            .map(|((ds, text), n)| format!("{ds}: {n} × {text}")),
    );
    out
}

/// 1 January of the first `tahun_anggaran` in the data (1 January 1970 when none is given).
fn fiscal_year_start(source: &IsbSource) -> NaiveDate {
    Dataset::ALL
        .into_iter()
        .flat_map(|d| source.rows(d).iter().take(1))
        .find_map(|row| row.get("tahun_anggaran")?.as_i64())
        .and_then(|y| i32::try_from(y).ok())
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .unwrap_or_default()
}

/// A JSON value as trimmed text (a number as written).
fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
