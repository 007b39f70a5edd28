//! LKPP's ISB ("Satu Data") datasets of one region and year, as published as JSON files named
//! `NN_<id>_<Dataset>.json` (or just `<Dataset>.json`): read whichever subset is present, then
//! import them into a chain as recorded facts with their provenance (`LKPP ISB`, dataset, key).
//!
//! The import links the plan masters (satker, program, kegiatan, sub-kegiatan, budget structure)
//! to the SPSE procurements (tender and non-tender announcements, schedules, participants, winning
//! values) and their e-Kontrak chain (contract, SPMK, addenda, BAP/BAST). Every row is imported,
//! set aside with a reason (a registration without a price is not a bid), or refused with its
//! dataset, key, field and reason; nothing is dropped silently.
//!
//! ```
//! use rantai_lkpp::isb::{Dataset, IsbSource};
//! let mut source = IsbSource::default();
//! source.add("17_1008_RUP-MasterSatker.json", br#"[{"kd_satker": 1, "kd_satker_str": "1.03.0.00.0.00.01.0000",
//!     "nama_satker": "DINAS PU", "kd_klpd": "D107", "nama_klpd": "Kab. Bandung", "jenis_klpd": "KABUPATEN"}]"#);
//! source.add("99_1999_Unknown.json", b"[]");
//! source.add("47_1013_SPSE-TenderPengumuman.json", b"[{\"kd_tender\": 1");
//! assert_eq!(source.rows(Dataset::MasterSatker).len(), 1);
//! assert_eq!(source.profile().unwrap().kd_klpd, "D107");
//! assert_eq!(source.file_issues().len(), 2); // the unknown dataset and the truncated file
//! assert!(source.file_issues()[1].reason.contains("EOF"));
//! ```

mod contracts;
mod import;
mod masters;
mod orders;
mod region;
mod source;
mod tenders;

pub use import::{IsbReport, import, import_with_progress};
pub use region::{FOUNDER, IMPORTER, RegionError, import_region};
pub use source::{Dataset, FileIssue, IsbSource};

/// The system named in every imported fact's provenance.
pub const SYSTEM: &str = "LKPP ISB";
