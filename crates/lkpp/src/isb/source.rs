//! The ISB files of a directory: which dataset each holds (by the name in its file name), their
//! rows as JSON objects, and every file that could not be read, with the reason.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rantai_core::{GovLevel, RegionProfile};
use serde_json::{Map, Value};

/// A file's JSON, parsed.
type Parsed = Result<Vec<Value>, serde_json::Error>;

/// The ISB datasets rantai reads, with LKPP's dataset ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dataset {
    /// 1008 RUP-MasterSatker: the organisations (SKPD/OPD).
    MasterSatker,
    /// 1084 RUP-StrukturAnggaranPD: spending per organisation.
    StrukturAnggaranPd,
    /// 1041 RUP-ProgramMaster.
    ProgramMaster,
    /// 1040 RUP-KegiatanMaster.
    KegiatanMaster,
    /// 1039 RUP-SubKegiatanMaster.
    SubKegiatanMaster,
    /// 1018 RUP-PaketPenyedia-Terumumkan: the RUP packages (JSON or CSV).
    PaketPenyedia,
    /// 1013 SPSE-TenderPengumuman: tender and seleksi announcements.
    TenderPengumuman,
    /// 1068 SPSE-JadwalTahapanTender: the tender schedules.
    JadwalTahapanTender,
    /// 1070 SPSE-PesertaTender: participants, with their offers when priced.
    PesertaTender,
    /// 1014 SPSE-TenderSelesai: completed tenders.
    TenderSelesai,
    /// 1015 SPSE-TenderSelesaiNilai: the winner's values.
    TenderSelesaiNilai,
    /// 1075 SPSE-TenderEkontrak-1SPPBJ.
    TenderSppbj,
    /// 1073 SPSE-TenderEkontrak-2Kontrak.
    TenderKontrak,
    /// 1077 SPSE-TenderEkontrak-3SPMKSPP.
    TenderSpmk,
    /// 1076 SPSE-TenderEkontrak-4BAPBAST.
    TenderBast,
    /// 1016 SPSE-NonTenderPengumuman: Pengadaan/Penunjukan Langsung announcements.
    NonTenderPengumuman,
    /// 1017 SPSE-NonTenderSelesai: completed non-tenders with their values.
    NonTenderSelesai,
    /// 1081 SPSE-NonTenderEkontrak-1SPPBJ.
    NonTenderSppbj,
    /// 1080 SPSE-NonTenderEkontrak-2Kontrak.
    NonTenderKontrak,
    /// 1083 SPSE-NonTenderEkontrak-3SPMKSPP.
    NonTenderSpmk,
    /// 1082 SPSE-NonTenderEkontrak-4BAPBAST.
    NonTenderBast,
    /// 1057 SPSE-PencatatanNonTender.
    PencatatanNonTender,
    /// 1058 SPSE-PencatatanNonTenderRealisasi.
    PencatatanNonTenderRealisasi,
    /// 1059 SPSE-PencatatanSwakelola.
    PencatatanSwakelola,
    /// 1060 SPSE-PencatatanSwakelolaRealisasi.
    PencatatanSwakelolaRealisasi,
    /// 1213 Ecat-PaketEPurchasingV6.
    EPurchasing,
}

impl Dataset {
    /// Every dataset, in import order.
    pub const ALL: [Dataset; 26] = [
        Dataset::PaketPenyedia,
        Dataset::MasterSatker,
        Dataset::StrukturAnggaranPd,
        Dataset::ProgramMaster,
        Dataset::KegiatanMaster,
        Dataset::SubKegiatanMaster,
        Dataset::TenderPengumuman,
        Dataset::NonTenderPengumuman,
        Dataset::JadwalTahapanTender,
        Dataset::PesertaTender,
        Dataset::TenderSppbj,
        Dataset::NonTenderSppbj,
        Dataset::TenderSelesaiNilai,
        Dataset::TenderSelesai,
        Dataset::NonTenderSelesai,
        Dataset::TenderSpmk,
        Dataset::NonTenderSpmk,
        Dataset::TenderKontrak,
        Dataset::NonTenderKontrak,
        Dataset::TenderBast,
        Dataset::NonTenderBast,
        Dataset::PencatatanNonTender,
        Dataset::PencatatanNonTenderRealisasi,
        Dataset::PencatatanSwakelola,
        Dataset::PencatatanSwakelolaRealisasi,
        Dataset::EPurchasing,
    ];

    /// LKPP's dataset id.
    pub fn id(self) -> u16 {
        match self {
            Dataset::MasterSatker => 1008,
            Dataset::StrukturAnggaranPd => 1084,
            Dataset::ProgramMaster => 1041,
            Dataset::KegiatanMaster => 1040,
            Dataset::SubKegiatanMaster => 1039,
            Dataset::PaketPenyedia => 1018,
            Dataset::TenderPengumuman => 1013,
            Dataset::JadwalTahapanTender => 1068,
            Dataset::PesertaTender => 1070,
            Dataset::TenderSelesai => 1014,
            Dataset::TenderSelesaiNilai => 1015,
            Dataset::TenderSppbj => 1075,
            Dataset::TenderKontrak => 1073,
            Dataset::TenderSpmk => 1077,
            Dataset::TenderBast => 1076,
            Dataset::NonTenderPengumuman => 1016,
            Dataset::NonTenderSelesai => 1017,
            Dataset::NonTenderSppbj => 1081,
            Dataset::NonTenderKontrak => 1080,
            Dataset::NonTenderSpmk => 1083,
            Dataset::NonTenderBast => 1082,
            Dataset::PencatatanNonTender => 1057,
            Dataset::PencatatanNonTenderRealisasi => 1058,
            Dataset::PencatatanSwakelola => 1059,
            Dataset::PencatatanSwakelolaRealisasi => 1060,
            Dataset::EPurchasing => 1213,
        }
    }

    /// LKPP's dataset name, as in the ISB URL and the file name.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::MasterSatker => "RUP-MasterSatker",
            Dataset::StrukturAnggaranPd => "RUP-StrukturAnggaranPD",
            Dataset::ProgramMaster => "RUP-ProgramMaster",
            Dataset::KegiatanMaster => "RUP-KegiatanMaster",
            Dataset::SubKegiatanMaster => "RUP-SubKegiatanMaster",
            Dataset::PaketPenyedia => "RUP-PaketPenyedia-Terumumkan",
            Dataset::TenderPengumuman => "SPSE-TenderPengumuman",
            Dataset::JadwalTahapanTender => "SPSE-JadwalTahapanTender",
            Dataset::PesertaTender => "SPSE-PesertaTender",
            Dataset::TenderSelesai => "SPSE-TenderSelesai",
            Dataset::TenderSelesaiNilai => "SPSE-TenderSelesaiNilai",
            Dataset::TenderSppbj => "SPSE-TenderEkontrak-1SPPBJ",
            Dataset::TenderKontrak => "SPSE-TenderEkontrak-2Kontrak",
            Dataset::TenderSpmk => "SPSE-TenderEkontrak-3SPMKSPP",
            Dataset::TenderBast => "SPSE-TenderEkontrak-4BAPBAST",
            Dataset::NonTenderPengumuman => "SPSE-NonTenderPengumuman",
            Dataset::NonTenderSelesai => "SPSE-NonTenderSelesai",
            Dataset::NonTenderSppbj => "SPSE-NonTenderEkontrak-1SPPBJ",
            Dataset::NonTenderKontrak => "SPSE-NonTenderEkontrak-2Kontrak",
            Dataset::NonTenderSpmk => "SPSE-NonTenderEkontrak-3SPMKSPP",
            Dataset::NonTenderBast => "SPSE-NonTenderEkontrak-4BAPBAST",
            Dataset::PencatatanNonTender => "SPSE-PencatatanNonTender",
            Dataset::PencatatanNonTenderRealisasi => "SPSE-PencatatanNonTenderRealisasi",
            Dataset::PencatatanSwakelola => "SPSE-PencatatanSwakelola",
            Dataset::PencatatanSwakelolaRealisasi => "SPSE-PencatatanSwakelolaRealisasi",
            Dataset::EPurchasing => "Ecat-PaketEPurchasingV6",
        }
    }

    /// The dataset a file holds, from its name: `NN_<id>_<name>.json`, `<id>_<name>.json` or
    /// `<name>.json` (`.csv` for the RUP package table). `None` for any other name.
    ///
    /// ```
    /// use rantai_lkpp::isb::Dataset;
    /// assert_eq!(Dataset::of_file("47_1013_SPSE-TenderPengumuman.json"), Some(Dataset::TenderPengumuman));
    /// assert_eq!(Dataset::of_file("SPSE-TenderSelesai.json"), Some(Dataset::TenderSelesai));
    /// assert_eq!(Dataset::of_file("RUP-PaketPenyedia-Terumumkan-2025.csv"), Some(Dataset::PaketPenyedia));
    /// assert_eq!(Dataset::of_file("SPSE-TenderSelesaiNilai.json"), Some(Dataset::TenderSelesaiNilai));
    /// assert_eq!(Dataset::of_file("notes.json"), None);
    /// ```
    pub fn of_file(file_name: &str) -> Option<Dataset> {
        let (stem, ext) = file_name.rsplit_once('.')?;
        // Strip the `NN_` and `<id>_` prefixes of the ISB dump's file names.
        let mut name = stem;
        while let Some((prefix, rest)) = name.split_once('_') {
            if prefix.bytes().all(|b| b.is_ascii_digit()) && !prefix.is_empty() {
                name = rest;
            } else {
                break;
            }
        }
        let exact = Dataset::ALL.into_iter().find(|d| d.name() == name);
        let found = exact.or_else(|| {
            // A year or sample suffix (`RUP-PaketPenyedia-Terumumkan-2025-sample`).
            Dataset::ALL
                .into_iter()
                .filter(|d| name.starts_with(d.name()) && name[d.name().len()..].starts_with('-'))
                .max_by_key(|d| d.name().len())
        })?;
        match ext {
            "json" => Some(found),
            "csv" if found == Dataset::PaketPenyedia => Some(found),
            _ => None,
        }
    }
}

/// A file that could not be read as a dataset, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileIssue {
    /// The file's name.
    pub file: String,
    /// What is wrong.
    pub reason: String,
}

/// One dataset's rows.
#[derive(Clone, Debug, Default)]
struct DatasetFile {
    file: String,
    bytes: usize,
    rows: Vec<Value>,
}

/// The datasets of one region, read from files.
#[derive(Clone, Debug, Default)]
pub struct IsbSource {
    datasets: BTreeMap<Dataset, DatasetFile>,
    sirup_csv: Option<(String, Vec<u8>)>,
    issues: Vec<FileIssue>,
    pseudonyms: crate::ids::Pseudonyms,
}

impl IsbSource {
    /// Reads every `.json` (and the RUP package `.csv`) file of `dir`, in name order. Files that
    /// cannot be read are listed in [`IsbSource::file_issues`]; the others are kept.
    ///
    /// # Errors
    ///
    /// The directory itself cannot be listed.
    pub fn read_dir(dir: &Path) -> std::io::Result<IsbSource> {
        let mut names: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") || n.ends_with(".csv"))
            .collect();
        names.sort();
        let mut source = IsbSource::default();
        let mut files = Vec::with_capacity(names.len());
        for name in names {
            match std::fs::read(dir.join(&name)) {
                Ok(bytes) => files.push((name, bytes)),
                Err(e) => source.issues.push(FileIssue {
                    file: name,
                    reason: format!("cannot read: {e}"),
                }),
            }
        }
        source.add_all(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
        Ok(source)
    }

    /// Adds one file by its name and content. An unknown dataset name, a second file of the same
    /// dataset, or content that is not a JSON array is recorded as a [`FileIssue`].
    pub fn add(&mut self, file_name: &str, bytes: &[u8]) {
        self.add_parsed(file_name, bytes, None);
    }

    /// Adds files as [`IsbSource::add`] does, in the order given, parsing their JSON on every
    /// core first (the largest files first, so the cores finish together).
    pub fn add_all<'a>(&mut self, files: impl IntoIterator<Item = (&'a str, &'a [u8])>) {
        let files: Vec<(&str, &[u8])> = files.into_iter().collect();
        let mut order: Vec<usize> = (0..files.len()).filter(|i| files[*i].0.ends_with(".json")).collect();
        order.sort_by_key(|i| std::cmp::Reverse(files[*i].1.len()));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let mut parsed: Vec<Option<Parsed>> = (0..files.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.min(order.len()).max(1))
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&i) = order.get(k) else { break };
                            done.push((i, serde_json::from_slice::<Vec<Value>>(files[i].1)));
                        }
                        done
                    })
                })
                .collect();
            for worker in workers {
                for (i, result) in worker.join().unwrap_or_default() {
                    parsed[i] = Some(result);
                }
            }
        });
        for ((name, bytes), parsed) in files.into_iter().zip(parsed) {
            self.add_parsed(name, bytes, parsed);
        }
    }

    /// [`IsbSource::add`], with the JSON already parsed when `parsed` holds it.
    fn add_parsed(&mut self, file_name: &str, bytes: &[u8], parsed: Option<Parsed>) {
        let issue = |reason: String| FileIssue {
            file: file_name.to_string(),
            reason,
        };
        let Some(dataset) = Dataset::of_file(file_name) else {
            let known = Dataset::ALL.map(Dataset::name).join(", ");
            self.issues
                .push(issue(format!("unknown dataset name; rantai reads {known}")));
            return;
        };
        if let Some(first) = self.datasets.get(&dataset).map(|d| d.file.clone()).or_else(|| {
            (dataset == Dataset::PaketPenyedia)
                .then(|| self.sirup_csv.as_ref().map(|(f, _)| f.clone()))
                .flatten()
        }) {
            self.issues.push(issue(format!(
                "second file for dataset {}: {first} is already read",
                dataset.name()
            )));
            return;
        }
        if file_name.ends_with(".csv") {
            self.sirup_csv = Some((file_name.to_string(), bytes.to_vec()));
            return;
        }
        match parsed.unwrap_or_else(|| serde_json::from_slice::<Vec<Value>>(bytes)) {
            Ok(rows) => {
                self.datasets.insert(
                    dataset,
                    DatasetFile {
                        file: file_name.to_string(),
                        bytes: bytes.len(),
                        rows,
                    },
                );
            }
            Err(e) => {
                let kind = if e.is_eof() {
                    "truncated JSON"
                } else {
                    "not a JSON array of records"
                };
                self.issues.push(issue(format!("{kind}: {e}")));
            }
        }
    }

    /// The rows of a dataset (empty when the file was not provided).
    pub fn rows(&self, dataset: Dataset) -> &[Value] {
        self.datasets.get(&dataset).map_or(&[], |d| d.rows.as_slice())
    }

    /// Whether the dataset was provided.
    pub fn has(&self, dataset: Dataset) -> bool {
        self.datasets.contains_key(&dataset) || (dataset == Dataset::PaketPenyedia && self.sirup_csv.is_some())
    }

    /// The file a dataset was read from.
    pub fn file(&self, dataset: Dataset) -> Option<&str> {
        match (self.datasets.get(&dataset), &self.sirup_csv) {
            (Some(d), _) => Some(d.file.as_str()),
            (None, Some((f, _))) if dataset == Dataset::PaketPenyedia => Some(f.as_str()),
            _ => None,
        }
    }

    /// The RUP package table as CSV, when it came as CSV.
    pub(crate) fn sirup_csv(&self) -> Option<&[u8]> {
        self.sirup_csv.as_ref().map(|(_, b)| b.as_slice())
    }

    /// Bytes read, over all datasets.
    pub fn bytes(&self) -> usize {
        self.datasets.values().map(|d| d.bytes).sum::<usize>() + self.sirup_csv.as_ref().map_or(0, |(_, b)| b.len())
    }

    /// Keys the ids given to officials' NIPs ([`crate::Pseudonyms`]; the built-in key otherwise).
    pub fn set_pseudonyms(&mut self, pseudonyms: crate::ids::Pseudonyms) {
        self.pseudonyms = pseudonyms;
    }

    /// How officials' NIPs become ids.
    pub fn pseudonyms(&self) -> &crate::ids::Pseudonyms {
        &self.pseudonyms
    }

    /// The files that could not be read, with the reason.
    pub fn file_issues(&self) -> &[FileIssue] {
        &self.issues
    }

    /// The date the data was pulled: the latest `_event_date` (or `tgl_penarikan`) of any row.
    /// Facts are known as of this date; SPSE also carries planned dates after it.
    pub fn snapshot(&self) -> Option<NaiveDate> {
        self.datasets
            .values()
            .flat_map(|d| d.rows.iter())
            .filter_map(Value::as_object)
            .filter_map(|row| {
                ["_event_date", "tgl_penarikan"]
                    .iter()
                    .filter_map(|f| row.get(*f)?.as_str())
                    .filter_map(|t| crate::field::parse_ymd(t.get(..10)?))
                    .max()
            })
            .max()
    }

    /// The region the data is about, from the first row that names it (`kd_klpd`, `nama_klpd`,
    /// `jenis_klpd`).
    pub fn profile(&self) -> Option<RegionProfile> {
        self.datasets
            .values()
            .flat_map(|d| d.rows.iter())
            .filter_map(Value::as_object)
            .find_map(profile_of)
    }
}

fn profile_of(row: &Map<String, Value>) -> Option<RegionProfile> {
    let text = |f: &str| row.get(f).and_then(Value::as_str).map(str::trim);
    let kd_klpd = text("kd_klpd")?;
    let name = text("nama_klpd")?;
    let level = match text("jenis_klpd").or_else(|| text("jenis_instansi"))? {
        "PROVINSI" => GovLevel::Provinsi,
        "KABUPATEN" | "KOTA" => GovLevel::KabupatenKota,
        _ => return None,
    };
    Some(RegionProfile {
        name: name.to_string(),
        kd_klpd: kd_klpd.to_string(),
        level,
    })
}
