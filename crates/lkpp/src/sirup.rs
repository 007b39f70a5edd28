//! SIRUP "RUP Paket Penyedia Terumumkan" (ISB dataset 1018) as CSV: each row becomes a
//! [`PackageSpec`] with its announcement state, or a [`RowIssue`] naming the field and value
//! that could not be read. Names, NIP and NPWP are never copied into errors.

use std::io::Read;

use chrono::NaiveDate;
use rantai_core::{FiscalYear, JenisPengadaan, KodeRup, MetodePemilihan, Money, OrgCode};
use rantai_planning::{PackageFlags, PackageKind, PackageSpec, Window};
use serde::Deserialize;

use crate::report::RowIssue;

/// The dataset name used in provenance and reports.
pub const DATASET: &str = "RUP-PaketPenyedia-Terumumkan";

/// The columns [`Raw`] reads.
const COLUMNS: [&str; 24] = [
    "tahun_anggaran",
    "kd_satker_str",
    "nama_satker",
    "kd_rup",
    "nama_paket",
    "pagu",
    "kd_metode_pengadaan",
    "kd_jenis_pengadaan",
    "status_pradipa",
    "status_pdn",
    "status_ukm",
    "alasan_non_ukm",
    "status_konsolidasi",
    "tgl_awal_pemilihan",
    "tgl_akhir_pemilihan",
    "tgl_awal_kontrak",
    "tgl_akhir_kontrak",
    "tgl_awal_pemanfaatan",
    "tgl_akhir_pemanfaatan",
    "tgl_pengumuman_paket",
    "nip_ppk",
    "status_aktif_rup",
    "status_delete_rup",
    "status_umumkan_rup",
];

/// One SIRUP row, as text (the columns rantai reads; others are ignored).
#[derive(Debug, Deserialize)]
struct Raw {
    tahun_anggaran: String,
    kd_satker_str: String,
    nama_satker: String,
    kd_rup: String,
    nama_paket: String,
    pagu: String,
    kd_metode_pengadaan: String,
    kd_jenis_pengadaan: String,
    status_pradipa: String,
    status_pdn: String,
    status_ukm: String,
    alasan_non_ukm: String,
    status_konsolidasi: String,
    tgl_awal_pemilihan: String,
    tgl_akhir_pemilihan: String,
    tgl_awal_kontrak: String,
    tgl_akhir_kontrak: String,
    tgl_awal_pemanfaatan: String,
    tgl_akhir_pemanfaatan: String,
    tgl_pengumuman_paket: String,
    nip_ppk: String,
    status_aktif_rup: String,
    status_delete_rup: String,
    status_umumkan_rup: String,
}

/// A package read from SIRUP with its organisation and announcement state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SirupPackage {
    /// The plan.
    pub spec: PackageSpec,
    /// The organisation's code (`kd_satker_str`).
    pub org_code: OrgCode,
    /// The organisation's name (`nama_satker`).
    pub org_name: String,
    /// When it was announced, if it is announced, active and not deleted.
    pub announced_on: Option<NaiveDate>,
}

pub use crate::ids::{Pseudonyms, organisation_id, package_id};

/// Reads a SIRUP CSV export: the packages that could be read, and an issue for every row that
/// could not (with the field and the reason), in file order.
///
/// # Example
///
/// ```
/// let csv = "tahun_anggaran,kd_satker_str,nama_satker,kd_rup,nama_paket,pagu,kd_metode_pengadaan,kd_jenis_pengadaan,status_pradipa,status_pdn,status_ukm,alasan_non_ukm,status_konsolidasi,tgl_awal_pemilihan,tgl_akhir_pemilihan,tgl_awal_kontrak,tgl_akhir_kontrak,tgl_awal_pemanfaatan,tgl_akhir_pemanfaatan,tgl_pengumuman_paket,nip_ppk,status_aktif_rup,status_delete_rup,status_umumkan_rup
/// 2025,1.03.0.00.0.00.01.0000,DINAS PU,52301234,Rehab Jalan,190000000,8,2,Non-PraDIPA,PDN,UKM,,Non-Konsolidasi,2025-03-01,2025-03-01,2025-04-01,2025-06-01,,,2025-02-10 09:00:00.000000,1980,true,false,Terumumkan
/// 2025,1.03.0.00.0.00.01.0000,DINAS PU,52301235,Rehab Saluran,1,9O,2,Non-PraDIPA,PDN,UKM,,Non-Konsolidasi,2025-03-01,2025-03-01,2025-04-01,2025-06-01,,,2025-02-10 09:00:00.000000,1980,true,false,Terumumkan
/// ";
/// let (packages, issues) = rantai_lkpp::sirup::read_csv(csv.as_bytes());
/// assert_eq!(packages.len(), 1);
/// assert_eq!(issues[0].record, "52301235");
/// assert_eq!(issues[0].field, "kd_metode_pengadaan");
/// ```
pub fn read_csv(reader: impl Read) -> (Vec<SirupPackage>, Vec<RowIssue>) {
    read_csv_keyed(reader, &Pseudonyms::default())
}

/// [`read_csv`], with the PPK's NIP turned into an id under `pseudonyms`.
pub fn read_csv_keyed(reader: impl Read, pseudonyms: &Pseudonyms) -> (Vec<SirupPackage>, Vec<RowIssue>) {
    let mut out = (Vec::new(), Vec::new());
    let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(reader);
    for (i, row) in csv.deserialize::<Raw>().enumerate() {
        let row = row.map_err(|e| format!("unreadable CSV row: {e}"));
        take(row, format!("line {}", i + 2), pseudonyms, &mut out);
    }
    out
}

/// Reads SIRUP packages from ISB JSON records (dataset 1018 published as JSON): each value is
/// read as its text, then exactly as a CSV row.
///
/// ```
/// let rows: Vec<serde_json::Value> = serde_json::from_str(r#"[{"kd_rup": 1, "pagu": "x"}]"#).unwrap();
/// let (packages, issues) = rantai_lkpp::sirup::read_json_records(&rows);
/// assert!(packages.is_empty());
/// assert_eq!((issues[0].record.as_str(), issues[0].field), ("record 1", "(row)"));
/// ```
pub fn read_json_records(rows: &[serde_json::Value]) -> (Vec<SirupPackage>, Vec<RowIssue>) {
    read_json_records_keyed(rows, &Pseudonyms::default())
}

/// [`read_json_records`], with the PPK's NIP turned into an id under `pseudonyms`.
pub fn read_json_records_keyed(
    rows: &[serde_json::Value],
    pseudonyms: &Pseudonyms,
) -> (Vec<SirupPackage>, Vec<RowIssue>) {
    let mut out = (Vec::new(), Vec::new());
    for (i, value) in rows.iter().enumerate() {
        let raw = match value.as_object() {
            Some(object) => {
                // Only the columns `Raw` reads are turned into text (ISB rows carry twice as many).
                let texts = COLUMNS
                    .iter()
                    .filter_map(|k| {
                        let text = match object.get(*k)? {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        Some(((*k).to_string(), serde_json::Value::String(text)))
                    })
                    .collect();
                serde_json::from_value::<Raw>(serde_json::Value::Object(texts))
                    .map_err(|e| format!("unreadable record: {e}"))
            }
            None => Err("not a JSON object".to_string()),
        };
        take(raw, format!("record {}", i + 1), pseudonyms, &mut out);
    }
    out
}

/// Converts one read row, or reports why it cannot be a package.
fn take(
    raw: Result<Raw, String>,
    line: String,
    pseudonyms: &Pseudonyms,
    (packages, issues): &mut (Vec<SirupPackage>, Vec<RowIssue>),
) {
    match raw {
        Ok(raw) => match convert(&raw, pseudonyms) {
            Ok(p) => packages.push(p),
            Err((field, reason)) => issues.push(RowIssue {
                dataset: DATASET.into(),
                record: if raw.kd_rup.trim().is_empty() {
                    line
                } else {
                    raw.kd_rup.trim().to_string()
                },
                field,
                reason,
            }),
        },
        Err(reason) => issues.push(RowIssue {
            dataset: DATASET.into(),
            record: line,
            field: "(row)",
            reason,
        }),
    }
}

type Failure = (&'static str, String);

fn field<T, E: std::fmt::Display>(name: &'static str, value: &str, parsed: Result<T, E>) -> Result<T, Failure> {
    parsed.map_err(|e| (name, format!("{value:?}: {e}")))
}

/// A SIRUP date (`2025-01-01` or `2025-01-07 11:26:22.000000`).
fn date(name: &'static str, value: &str) -> Result<NaiveDate, Failure> {
    let day = value.trim().get(..10).unwrap_or(value.trim());
    // The usual form read directly; anything else goes through chrono for its error message.
    match crate::field::parse_ymd(day) {
        Some(d) => Ok(d),
        None => field(name, value, NaiveDate::parse_from_str(day, "%Y-%m-%d")),
    }
}

/// SIRUP plans by month: a window from the first day of its first month to the last day of its
/// last month.
fn month_window(start_name: &'static str, start: &str, end_name: &'static str, end: &str) -> Result<Window, Failure> {
    let first = date(start_name, start)?;
    let last_month = date(end_name, end)?;
    let last = last_month
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.with_day0(0))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| (end_name, format!("{end:?}: no end of month")))?;
    if last < first {
        return Err((end_name, format!("{end:?} is before {start_name} {start:?}")));
    }
    Ok(Window {
        start: first,
        end: last,
    })
}

use chrono::Datelike;

/// The SIRUP amount: an integer or a decimal with at most two places (`190000000`, `190000000.0`).
fn money(value: &str) -> Result<Money, Failure> {
    let text = value.trim();
    let text = text.strip_suffix(".0").unwrap_or(text);
    field("pagu", value, text.parse::<Money>())
}

/// The procurement objects of a package: the first, and the others of a `;`-joined list (a
/// repeated code such as `1;1` counts once).
fn jenis(value: &str) -> Result<(JenisPengadaan, Vec<JenisPengadaan>), Failure> {
    let mut codes = value.split(';').map(str::trim).filter(|c| !c.is_empty());
    let first = codes.next().ok_or(("kd_jenis_pengadaan", "empty".to_string()))?;
    let parse = |c: &str| -> Result<JenisPengadaan, Failure> {
        let n: u8 = field("kd_jenis_pengadaan", value, c.parse::<u8>())?;
        field("kd_jenis_pengadaan", value, JenisPengadaan::from_sirup_code(n))
    };
    let primary = parse(first)?;
    let mut others = Vec::new();
    for code in codes {
        let j = parse(code)?;
        if j != primary && !others.contains(&j) {
            others.push(j);
        }
    }
    Ok((primary, others))
}

fn convert(raw: &Raw, pseudonyms: &Pseudonyms) -> Result<SirupPackage, Failure> {
    let kd_rup: KodeRup = field("kd_rup", &raw.kd_rup, raw.kd_rup.trim().parse())?;
    let org_code: OrgCode = field("kd_satker_str", &raw.kd_satker_str, raw.kd_satker_str.trim().parse())?;
    let year: i32 = field("tahun_anggaran", &raw.tahun_anggaran, raw.tahun_anggaran.trim().parse())?;
    let fiscal_year = field("tahun_anggaran", &raw.tahun_anggaran, FiscalYear::new(year))?;
    let metode_code: u8 = field(
        "kd_metode_pengadaan",
        &raw.kd_metode_pengadaan,
        raw.kd_metode_pengadaan.trim().parse(),
    )?;
    let metode = field(
        "kd_metode_pengadaan",
        &raw.kd_metode_pengadaan,
        MetodePemilihan::from_sirup_code(metode_code),
    )?;
    let (jenis, additional_jenis) = jenis(&raw.kd_jenis_pengadaan)?;
    let pagu = money(&raw.pagu)?;
    if pagu.is_zero() {
        return Err(("pagu", "zero".into()));
    }
    if raw.nama_paket.trim().is_empty() {
        return Err(("nama_paket", "empty".into()));
    }
    let selection = month_window(
        "tgl_awal_pemilihan",
        &raw.tgl_awal_pemilihan,
        "tgl_akhir_pemilihan",
        &raw.tgl_akhir_pemilihan,
    )?;
    let execution = month_window(
        "tgl_awal_kontrak",
        &raw.tgl_awal_kontrak,
        "tgl_akhir_kontrak",
        &raw.tgl_akhir_kontrak,
    )?;
    let utilization = if raw.tgl_awal_pemanfaatan.trim().is_empty() || raw.tgl_akhir_pemanfaatan.trim().is_empty() {
        None
    } else {
        Some(month_window(
            "tgl_awal_pemanfaatan",
            &raw.tgl_awal_pemanfaatan,
            "tgl_akhir_pemanfaatan",
            &raw.tgl_akhir_pemanfaatan,
        )?)
    };
    let announced = raw.status_umumkan_rup.trim() == "Terumumkan"
        && raw.status_aktif_rup.trim() == "true"
        && raw.status_delete_rup.trim() == "false";
    let announced_on = if announced {
        Some(date("tgl_pengumuman_paket", &raw.tgl_pengumuman_paket)?)
    } else {
        None
    };
    let reason = raw.alasan_non_ukm.trim();
    let spec = PackageSpec {
        id: package_id(kd_rup),
        kd_rup: Some(kd_rup),
        organisation: organisation_id(org_code),
        name: raw.nama_paket.trim().to_string(),
        fiscal_year,
        jenis,
        metode,
        pagu,
        funding: Vec::new(),
        selection,
        execution,
        utilization,
        kind: PackageKind::Penyedia,
        additional_jenis,
        flags: PackageFlags {
            umk: raw.status_ukm.trim() == "UKM",
            non_umk_reason: (!reason.is_empty()).then(|| reason.to_string()),
            pdn: raw.status_pdn.trim() == "PDN",
            pradipa: raw.status_pradipa.trim() == "PraDIPA",
            konsolidasi: raw.status_konsolidasi.trim() == "Konsolidasi",
            multi_year: false,
        },
        locations: Vec::new(),
        ppk: pseudonyms.official(&raw.nip_ppk),
    };
    Ok(SirupPackage {
        spec,
        org_code,
        org_name: raw.nama_satker.trim().to_string(),
        announced_on,
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_columns_read_are_exactly_those_of_raw() {
        let row: serde_json::Map<String, serde_json::Value> = COLUMNS
            .iter()
            .map(|c| ((*c).to_string(), serde_json::Value::String(String::new())))
            .collect();
        assert!(serde_json::from_value::<Raw>(serde_json::Value::Object(row)).is_ok());
        let mut unique = COLUMNS.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), COLUMNS.len());
    }

    use super::*;

    const HEADER: &str = "tahun_anggaran,kd_satker_str,nama_satker,kd_rup,nama_paket,pagu,kd_metode_pengadaan,kd_jenis_pengadaan,status_pradipa,status_pdn,status_ukm,alasan_non_ukm,status_konsolidasi,tgl_awal_pemilihan,tgl_akhir_pemilihan,tgl_awal_kontrak,tgl_akhir_kontrak,tgl_awal_pemanfaatan,tgl_akhir_pemanfaatan,tgl_pengumuman_paket,nip_ppk,status_aktif_rup,status_delete_rup,status_umumkan_rup";

    fn row(kd_rup: &str, jenis: &str, pagu: &str, windows: &str) -> String {
        format!(
            "2025,1.03.0.00.0.00.01.0000,DINAS PU,{kd_rup},Paket,{pagu},8,{jenis},Non-PraDIPA,PDN,UKM,,Non-Konsolidasi,{windows},,,2025-02-10 09:00:00.000000,1980,true,false,Terumumkan"
        )
    }

    #[test]
    fn multi_jenis_packages_keep_every_object_and_bad_rows_name_their_field() {
        let csv = [
            HEADER.to_string(),
            row("1", "1;4", "190000000", "2025-03-01,2025-03-01,2025-04-01,2025-06-01"),
            row("2", "1;1", "190000000", "2025-03-01,2025-03-01,2025-04-01,2025-06-01"),
            row("3", "1;9", "190000000", "2025-03-01,2025-03-01,2025-04-01,2025-06-01"),
            row("4", "1", "19O000000", "2025-03-01,2025-03-01,2025-04-01,2025-06-01"),
            row("5", "1", "190000000", "2025-05-01,2025-03-01,2025-04-01,2025-06-01"),
            row("6", "1", "190000000.555", "2025-03-01,2025-03-01,2025-04-01,2025-06-01"),
        ]
        .join("\n");
        let (packages, issues) = read_csv(csv.as_bytes());
        assert_eq!(packages.len(), 2);
        assert_eq!(packages[0].spec.additional_jenis, vec![JenisPengadaan::JasaLainnya]);
        assert!(packages[1].spec.additional_jenis.is_empty());
        let fields: Vec<(&str, &str)> = issues.iter().map(|i| (i.record.as_str(), i.field)).collect();
        assert_eq!(
            fields,
            vec![
                ("3", "kd_jenis_pengadaan"),
                ("4", "pagu"),
                ("5", "tgl_akhir_pemilihan"),
                ("6", "pagu")
            ]
        );
        // The month window ends on the last day of its last month.
        assert_eq!(
            packages[0].spec.execution.end,
            NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
        );
    }
}
