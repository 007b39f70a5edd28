//! The SPSE 4 tender list (`/{lpse}/dt/lelang`, DataTables JSON): each row becomes a
//! [`ListedTender`] or a [`RowIssue`] naming the field and the value that could not be read.
//!
//! The list is what an LPSE shows publicly: code, package name, agency (K/L/PD), stage, HPS,
//! qualification, selection and evaluation method, `"<kategori> - TA <year>"` and the contract
//! value. A response has the shape
//! `{"draw", "recordsTotal", "recordsFiltered", "data": [[14 values], …]}`; rantai reads the first
//! eleven columns (0 kode, 1 name, 2 agency, 3 stage, 4 HPS, 5 qualification, 6 method,
//! 7 evaluation, 8 kategori and year, 9 unknown, 10 contract value) and ignores the rest.
//!
//! Two data-handling rules apply (domain rules §8.7):
//!
//! * D-01: the list abbreviates HPS (`"990 Jt"`, `"1,4 M"`); [`parse_amount`] reads it exactly with
//!   decimal arithmetic, but the abbreviation itself has already lost precision (`"1,4 M"` stands
//!   for anything from Rp1.350.000.000 to Rp1.449.999.999), so prefer ISB's numeric `hps` when it
//!   is available.
//! * D-02: legacy Perpres 54/2010 method names (Lelang Umum, Seleksi Sederhana, …) are mapped to
//!   today's [`MetodePemilihan`] by [`map_method`], keeping the original label and its
//!   [`Regime`].
//!
//! ```
//! use rantai_core::{MetodePemilihan, Money};
//! use rantai_lkpp::spse_list::{Regime, map_method, parse_amount};
//!
//! assert_eq!(parse_amount("1,4 M")?, Money::from_rupiah(1_400_000_000).map_err(|e| e.to_string())?);
//! assert_eq!(parse_amount("Rp 578.532.000,00")?, Money::from_rupiah(578_532_000).map_err(|e| e.to_string())?);
//! assert!(parse_amount("1.4 M").is_err()); // the dot is the thousands separator
//!
//! let method = map_method("Lelang Sederhana").ok_or("unknown method")?;
//! assert_eq!((method.metode, method.regime), (MetodePemilihan::Tender, Regime::Perpres54_2010));
//! assert_eq!(method.original, "Lelang Sederhana");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use rantai_core::{FiscalYear, JenisPengadaan, MONEY_ROUNDING, MetodePemilihan, Money};
use rantai_procurement::EvaluationMethod;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::report::RowIssue;

/// The dataset name used in reports.
pub const DATASET: &str = "SPSE-dt-lelang";

/// The columns a row must have (0–10) for rantai to read it.
const MIN_COLUMNS: usize = 11;

/// What column 10 says when no contract value has been recorded.
const NO_CONTRACT: &str = "Nilai Kontrak belum dibuat";

/// The most integer digits an amount may have before its unit (far above any budget).
const MAX_INTEGER_DIGITS: usize = 18;

/// The most decimals an amount may have before its unit.
const MAX_DECIMALS: usize = 9;

/// Reads an SPSE amount: an abbreviated HPS (`"990 Jt"`, `"1,4 M"`, `"258,7 Jt"`, `"2 T"`,
/// `"500 Rb"`), a plain amount (`"1.250.000"`) or a full contract value
/// (`"Rp 578.532.000,00"`).
///
/// The comma is the decimal separator and the dot the thousands separator (groups of exactly
/// three digits, so `"1.4 M"` is refused rather than guessed). The unit, with or without a space
/// and in any case, multiplies: `Rb` = 10^3, `Jt` = 10^6, `M` = 10^9, `T` = 10^12. A leading `Rp`
/// (or `Rp.`) is accepted. Arithmetic is exact decimal; the result is rounded to the sen
/// (half away from zero).
///
/// The abbreviation loses precision at the source: `"1,4 M"` reads as exactly Rp1.400.000.000,
/// whatever the HPS was to the rupiah.
///
/// # Errors
///
/// A message naming the text: empty, not a number in this notation, an unknown unit, or too
/// large an amount.
///
/// # Example
///
/// ```
/// use rantai_lkpp::spse_list::parse_amount;
/// assert_eq!(parse_amount("258,7 Jt")?.to_rupiah_string(), "Rp258.700.000");
/// assert!(parse_amount("1,4 X").unwrap_err().contains("1,4 X"));
/// # Ok::<(), String>(())
/// ```
pub fn parse_amount(text: &str) -> Result<Money, String> {
    let bad = |reason: &str| format!("{text:?}: {reason}");
    let mut rest = text.trim();
    if let Some(prefix) = rest.get(..2)
        && prefix.eq_ignore_ascii_case("rp")
    {
        rest = rest.get(2..).unwrap_or_default().trim_start_matches('.').trim_start();
    }
    let split = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(split);
    if number.is_empty() {
        return Err(bad(
            "not an amount (expected e.g. \"990 Jt\", \"1,4 M\" or \"Rp 578.532.000,00\")",
        ));
    }
    let unit = unit.trim();
    let multiplier: i64 = match unit.to_ascii_lowercase().as_str() {
        "" => 1,
        "rb" => 1_000,
        "jt" => 1_000_000,
        "m" => 1_000_000_000,
        "t" => 1_000_000_000_000,
        _ => return Err(bad(&format!("unknown unit {unit:?} (expected Rb, Jt, M or T)"))),
    };
    let notation = "not a number with '.' thousands separators and a ',' decimal separator";
    let (whole, fraction) = match number.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (number, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or_default();
    let others: Vec<&str> = groups.collect();
    if !all_digits(first)
        || (!others.is_empty() && first.len() > 3)
        || others.iter().any(|&g| g.len() != 3 || !all_digits(g))
    {
        return Err(bad(notation));
    }
    if let Some(f) = fraction
        && !all_digits(f)
    {
        return Err(bad(notation));
    }
    let mut digits = String::with_capacity(whole.len() + MAX_DECIMALS + 1);
    digits.push_str(first);
    for group in &others {
        digits.push_str(group);
    }
    if digits.len() > MAX_INTEGER_DIGITS {
        return Err(bad("too large"));
    }
    if let Some(f) = fraction {
        if f.len() > MAX_DECIMALS {
            return Err(bad(&format!("more than {MAX_DECIMALS} decimals")));
        }
        digits.push('.');
        digits.push_str(f);
    }
    let value = Decimal::from_str_exact(&digits).map_err(|e| bad(&e.to_string()))?;
    let value = value
        .checked_mul(Decimal::from(multiplier))
        .ok_or_else(|| bad("too large"))?;
    let sen = value.round_dp_with_strategy(Money::SCALE, MONEY_ROUNDING);
    Money::from_decimal(sen).map_err(|e| bad(&e.to_string()))
}

/// The regulation whose vocabulary a selection-method label belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Regime {
    /// Perpres 54/2010 (and its amendments up to Perpres 4/2015): Lelang, Seleksi Umum/Sederhana, …
    Perpres54_2010,
    /// Perpres 16/2018 (and its amendments, Perpres 12/2021 and 46/2025, which keep the names):
    /// Tender, Tender Cepat, Seleksi, …
    Perpres16_2018,
}

impl Regime {
    /// The regulation's short name, e.g. `Perpres 54/2010`.
    pub fn label(self) -> &'static str {
        match self {
            Regime::Perpres54_2010 => "Perpres 54/2010",
            Regime::Perpres16_2018 => "Perpres 16/2018",
        }
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A selection-method label as SPSE wrote it, with the method it means today and the regime it
/// comes from (domain rule D-02).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodLabel {
    /// The method under today's vocabulary.
    pub metode: MetodePemilihan,
    /// The regulation the label belongs to.
    pub regime: Regime,
    /// The label exactly as given.
    pub original: String,
}

/// Maps an SPSE selection-method label (case-insensitive, surrounding spaces ignored) to today's
/// method, keeping the label and its regime:
///
/// * Perpres 54/2010: Lelang Umum, Lelang Sederhana, Lelang Pemilihan Langsung and Lelang Terbatas
///   → [`MetodePemilihan::Tender`]; Seleksi Umum and Seleksi Sederhana →
///   [`MetodePemilihan::Seleksi`].
/// * Perpres 16/2018: Tender, Tender Cepat, Seleksi, Penunjukan Langsung and Pengadaan Langsung →
///   themselves. (The last two names exist under 54/2010 too; the label alone cannot tell, and
///   they are attributed to 16/2018.)
///
/// `None` for any other label.
pub fn map_method(label: &str) -> Option<MethodLabel> {
    use MetodePemilihan as M;
    use Regime as R;
    let (metode, regime) = match label.trim().to_lowercase().as_str() {
        "lelang umum" | "lelang sederhana" | "lelang pemilihan langsung" | "lelang terbatas" => {
            (M::Tender, R::Perpres54_2010)
        }
        "seleksi umum" | "seleksi sederhana" => (M::Seleksi, R::Perpres54_2010),
        "tender" => (M::Tender, R::Perpres16_2018),
        "tender cepat" => (M::TenderCepat, R::Perpres16_2018),
        "seleksi" => (M::Seleksi, R::Perpres16_2018),
        "penunjukan langsung" => (M::PenunjukanLangsung, R::Perpres16_2018),
        "pengadaan langsung" => (M::PengadaanLangsung, R::Perpres16_2018),
        _ => return None,
    };
    Some(MethodLabel {
        metode,
        regime,
        original: label.to_string(),
    })
}

/// One tender of the SPSE list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedTender {
    /// The tender code, `kode_lelang` (column 0).
    pub kode: String,
    /// The package name (column 1) without its HTML labels, trimmed.
    pub name: String,
    /// Whether the name carries a "Tender Ulang" or "Seleksi Ulang" label (a re-tender).
    pub retender: bool,
    /// The agency, K/L/PD or an "Agency …" satker (column 2).
    pub agency: String,
    /// The current stage, e.g. `Tender Sudah Selesai` (column 3).
    pub stage: String,
    /// The HPS read from the abbreviated column 4 (precision lost at the source, see
    /// [`parse_amount`]).
    pub hps: Money,
    /// Column 4 as written, e.g. `1,4 M`.
    pub hps_label: String,
    /// Qualification and file method, e.g. `Pascakualifikasi Satu File` (column 5).
    pub qualification: String,
    /// The selection method (column 6), mapped.
    pub method: MethodLabel,
    /// The evaluation method (column 7), when rantai knows the label.
    pub evaluation: Option<EvaluationMethod>,
    /// Column 7 as written, e.g. `Harga Terendah Sistem Gugur`.
    pub evaluation_label: String,
    /// The category, column 8 before ` - TA `, e.g. `Pekerjaan Konstruksi`.
    pub kategori: String,
    /// The procurement object the category names, when it names one.
    pub jenis: Option<JenisPengadaan>,
    /// The fiscal year, column 8 after ` - TA `.
    pub fiscal_year: i32,
    /// The contract value (column 10); `None` when SPSE says `Nilai Kontrak belum dibuat`.
    pub contract_value: Option<Money>,
    /// Whether the stage is `Tender Sudah Selesai` or `Seleksi Sudah Selesai`.
    pub finished: bool,
}

/// A file that is not an SPSE DataTables response at all (rows that cannot be read are
/// [`RowIssue`]s instead).
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// The bytes are not valid JSON (for instance a truncated download).
    #[error("not valid JSON at line {line}, column {column}: {what}")]
    Json {
        /// The line serde_json stopped at (1-based).
        line: usize,
        /// The column serde_json stopped at (1-based).
        column: usize,
        /// What kind of fault it is.
        what: &'static str,
        /// The parser's error.
        source: serde_json::Error,
    },
    /// Valid JSON, but not an object with a `data` array.
    #[error("not an SPSE DataTables response: {reason}")]
    NotDataTables {
        /// What is missing or wrong.
        reason: String,
    },
}

impl ListError {
    fn json(source: serde_json::Error) -> Self {
        let what = if source.is_eof() {
            "unexpected end of input (truncated file?)"
        } else if source.is_syntax() {
            "syntax error"
        } else if source.is_io() {
            "read error"
        } else {
            "unexpected data"
        };
        ListError::Json {
            line: source.line(),
            column: source.column(),
            what,
            source,
        }
    }
}

/// Reads an SPSE `/dt/lelang` response: the tenders that could be read, and an issue for every
/// row that could not (with the field and the value), in file order.
///
/// A row is refused (field in brackets) when it is not an array of at least 11 values (`row`),
/// has no code (`kode`), an unreadable HPS (`hps`), an unknown selection method (`metode`), no
/// readable fiscal year in its category (`kategori`) or an unreadable contract value
/// (`nilai_kontrak`). The record is the tender code, or `row N` (1-based) without one.
///
/// # Errors
///
/// [`ListError`] when the bytes are not JSON or not an object with a `data` array.
pub fn read_json(bytes: &[u8]) -> Result<(Vec<ListedTender>, Vec<RowIssue>), ListError> {
    let top: Value = serde_json::from_slice(bytes).map_err(ListError::json)?;
    let rows = match top.get("data") {
        Some(Value::Array(rows)) => rows,
        Some(other) => {
            return Err(ListError::NotDataTables {
                reason: format!("\"data\" is {}, not an array", kind(other)),
            });
        }
        None => {
            return Err(ListError::NotDataTables {
                reason: if top.is_object() {
                    "no \"data\" member".to_string()
                } else {
                    format!("the top level is {}, not an object", kind(&top))
                },
            });
        }
    };
    let mut tenders = Vec::with_capacity(rows.len());
    let mut issues = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match read_row(row) {
            Ok(tender) => tenders.push(tender),
            Err((field, reason)) => issues.push(RowIssue {
                dataset: DATASET.into(),
                record: record_key(row, i),
                field,
                reason,
            }),
        }
    }
    Ok((tenders, issues))
}

type Failure = (&'static str, String);

/// A cell as text: strings as they are, null as empty, anything else as its JSON.
fn text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s.as_str()),
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.to_string()),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn excerpt(value: &Value) -> String {
    const LIMIT: usize = 60;
    let json = value.to_string();
    if json.chars().count() > LIMIT {
        let mut short: String = json.chars().take(LIMIT).collect();
        short.push('…');
        short
    } else {
        json
    }
}

/// The tender code of a row when it has one, else `row N`.
fn record_key(row: &Value, index: usize) -> String {
    let kode = row.as_array().and_then(|cells| cells.first()).map(text);
    match kode.as_deref().map(str::trim) {
        Some(k) if !k.is_empty() => k.to_string(),
        _ => format!("row {}", index + 1),
    }
}

/// The name without its `<span …>label</span>` parts, and the labels.
fn strip_labels(raw: &str) -> (String, Vec<String>) {
    const CLOSE: &str = "</span>";
    let mut name = String::with_capacity(raw.len());
    let mut labels = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.find("<span") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let inner = start + open_end + 1;
        let Some(close) = rest[inner..].find(CLOSE) else {
            break;
        };
        labels.push(rest[inner..inner + close].trim().to_string());
        name.push_str(&rest[..start]);
        rest = &rest[inner + close + CLOSE.len()..];
    }
    name.push_str(rest);
    (name.trim().to_string(), labels)
}

/// The procurement object an SPSE label names: the list's category (`"Pengadaan Barang"`) or
/// ISB's `jenis_pengadaan`, which is sometimes cut short (`"Jasa Konsultansi Badan Usaha Non
/// Konstru"`).
///
/// ```
/// use rantai_core::JenisPengadaan as J;
/// use rantai_lkpp::spse_list::jenis_of;
/// assert_eq!(jenis_of("Pengadaan Barang"), Some(J::Barang));
/// assert_eq!(jenis_of("Jasa Konsultansi Badan Usaha Non Konstru"), Some(J::JasaKonsultansi));
/// assert_eq!(jenis_of("Kontes"), None);
/// ```
pub fn jenis_of(kategori: &str) -> Option<JenisPengadaan> {
    let k = kategori.trim().to_lowercase();
    if k == "pengadaan barang" || k == "barang" {
        Some(JenisPengadaan::Barang)
    } else if k.starts_with("pekerjaan konstruksi") {
        Some(JenisPengadaan::PekerjaanKonstruksi)
    } else if k.starts_with("jasa konsultansi") {
        Some(JenisPengadaan::JasaKonsultansi)
    } else if k == "jasa lainnya" {
        Some(JenisPengadaan::JasaLainnya)
    } else {
        None
    }
}

fn read_row(row: &Value) -> Result<ListedTender, Failure> {
    let cells = match row {
        Value::Array(cells) if cells.len() >= MIN_COLUMNS => cells,
        Value::Array(cells) => {
            return Err((
                "row",
                format!("{} values, at least {MIN_COLUMNS} expected", cells.len()),
            ));
        }
        other => {
            return Err((
                "row",
                format!("{} instead of an array: {}", kind(other), excerpt(other)),
            ));
        }
    };
    let cell = |i: usize| cells.get(i).map_or(Cow::Borrowed(""), text);

    let kode = cell(0).trim().to_string();
    if kode.is_empty() {
        return Err(("kode", "empty".into()));
    }
    let (name, labels) = strip_labels(&cell(1));
    let retender = labels
        .iter()
        .any(|l| l.eq_ignore_ascii_case("Tender Ulang") || l.eq_ignore_ascii_case("Seleksi Ulang"));
    let stage = cell(3).trim().to_string();
    let finished = stage == "Tender Sudah Selesai" || stage == "Seleksi Sudah Selesai";
    let hps_label = cell(4).into_owned();
    let hps = parse_amount(&hps_label).map_err(|e| ("hps", e))?;
    let method_label = cell(6);
    let method = map_method(&method_label)
        .ok_or_else(|| ("metode", format!("{method_label:?}: not a known SPSE selection method")))?;
    let evaluation_label = cell(7).into_owned();
    let evaluation = EvaluationMethod::from_spse(&evaluation_label);
    let category = cell(8);
    let (kategori, year) = category
        .rsplit_once(" - TA ")
        .ok_or_else(|| ("kategori", format!("{category:?}: no \" - TA <year>\" suffix")))?;
    let fiscal_year: i32 = year.trim().parse().map_err(|_| {
        (
            "kategori",
            format!("{category:?}: fiscal year {year:?} is not a number"),
        )
    })?;
    FiscalYear::new(fiscal_year).map_err(|e| ("kategori", format!("{category:?}: {e}")))?;
    let contract_text = cell(10);
    let contract_text = contract_text.trim();
    let contract_value = if contract_text.is_empty() || contract_text.eq_ignore_ascii_case(NO_CONTRACT) {
        None
    } else {
        Some(parse_amount(contract_text).map_err(|e| ("nilai_kontrak", e))?)
    };
    Ok(ListedTender {
        kode,
        name,
        retender,
        agency: cell(2).trim().to_string(),
        stage,
        hps,
        hps_label,
        qualification: cell(5).trim().to_string(),
        method,
        evaluation,
        evaluation_label,
        kategori: kategori.trim().to_string(),
        jenis: jenis_of(kategori),
        fiscal_year,
        contract_value,
        finished,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rupiah(n: i64) -> Money {
        Money::from_rupiah(n).unwrap()
    }

    #[test]
    fn abbreviated_and_full_amounts_are_read_exactly() {
        assert_eq!(parse_amount("990 Jt").unwrap(), rupiah(990_000_000));
        assert_eq!(parse_amount("1,4 M").unwrap(), rupiah(1_400_000_000));
        assert_eq!(parse_amount("258,7 Jt").unwrap(), rupiah(258_700_000));
        assert_eq!(parse_amount("Rp 578.532.000,00").unwrap(), rupiah(578_532_000));
        assert_eq!(parse_amount("2 T").unwrap(), rupiah(2_000_000_000_000));
        assert_eq!(parse_amount("500 Rb").unwrap(), rupiah(500_000));
        assert_eq!(parse_amount("1.250.000").unwrap(), rupiah(1_250_000));
        assert_eq!(parse_amount("9.999 Jt").unwrap(), rupiah(9_999_000_000));
        assert_eq!(parse_amount("990jt").unwrap(), rupiah(990_000_000));
        assert_eq!(parse_amount("Rp1.500,5").unwrap().to_string(), "1500.50");
        // Below the sen, the amount is rounded half away from zero.
        assert_eq!(parse_amount("1,005").unwrap().to_string(), "1.01");
    }

    #[test]
    fn malformed_amounts_are_refused_with_the_text() {
        for (input, reason) in [
            ("abc", "not an amount"),
            ("1,4 X", "unknown unit"),
            ("", "not an amount"),
            ("1.4 M", "thousands"),
            ("1,4,5 M", "thousands"),
            ("12.34.567", "thousands"),
            ("-5 Jt", "not an amount"),
            ("Rp", "not an amount"),
            ("1234567890123456789 T", "too large"),
        ] {
            let err = parse_amount(input).unwrap_err();
            assert!(err.contains(&format!("{input:?}")), "{input:?}: {err}");
            assert!(err.contains(reason), "{input:?}: {err}");
        }
    }

    #[test]
    fn legacy_labels_map_to_todays_methods_and_keep_their_regime() {
        use MetodePemilihan as M;
        for (label, metode, regime) in [
            ("Lelang Umum", M::Tender, Regime::Perpres54_2010),
            ("Lelang Sederhana", M::Tender, Regime::Perpres54_2010),
            ("Lelang Pemilihan Langsung", M::Tender, Regime::Perpres54_2010),
            ("Lelang Terbatas", M::Tender, Regime::Perpres54_2010),
            ("Seleksi Umum", M::Seleksi, Regime::Perpres54_2010),
            ("Seleksi Sederhana", M::Seleksi, Regime::Perpres54_2010),
            ("Tender", M::Tender, Regime::Perpres16_2018),
            ("Tender Cepat", M::TenderCepat, Regime::Perpres16_2018),
            ("Seleksi", M::Seleksi, Regime::Perpres16_2018),
            ("Penunjukan Langsung", M::PenunjukanLangsung, Regime::Perpres16_2018),
            ("Pengadaan Langsung", M::PengadaanLangsung, Regime::Perpres16_2018),
        ] {
            let mapped = map_method(label).unwrap();
            assert_eq!((mapped.metode, mapped.regime), (metode, regime), "{label}");
            assert_eq!(mapped.original, label);
        }
        assert_eq!(Regime::Perpres54_2010.label(), "Perpres 54/2010");
        assert_eq!(Regime::Perpres16_2018.to_string(), "Perpres 16/2018");
        assert!(map_method("Lelang Cepat Sekali").is_none());
    }

    const LIST: &str = r#"{"draw":"1","recordsTotal":3,"recordsFiltered":3,"data":[
        ["13107035","Pengadaan UPS  (ABT) <span class='label label-warning'>Tender Ulang</span>","Pemerintah Daerah Provinsi Kalimantan Timur","Tender Sudah Selesai","990 Jt","Pascakualifikasi Satu File","Lelang Sederhana","Harga Terendah Sistem Gugur","Jasa Konsultansi Badan Usaha - TA 2014","1","Rp 578.532.000,00",null,null,"0"],
        ["604035","Supervisi Drainase","Pemerintah Daerah Kota Balikpapan","Tender Sudah Selesai","1,4 X","Prakualifikasi Dua File","Lelang Umum","Kualitas dan Biaya","Pekerjaan Konstruksi - TA 2011","1","Nilai Kontrak belum dibuat","0","0","0"],
        ["3686010","Saluran","Pemerintah Daerah Kota Surabaya"]
    ]}"#;

    #[test]
    fn rows_are_read_or_reported_with_their_field() {
        let (tenders, issues) = read_json(LIST.as_bytes()).unwrap();
        assert_eq!(tenders.len(), 1);
        let t = &tenders[0];
        assert_eq!(t.kode, "13107035");
        assert_eq!(t.name, "Pengadaan UPS  (ABT)");
        assert!(t.retender);
        assert_eq!(t.hps, rupiah(990_000_000));
        assert_eq!(t.hps_label, "990 Jt");
        assert_eq!(t.method.metode, MetodePemilihan::Tender);
        assert_eq!(t.method.regime, Regime::Perpres54_2010);
        assert_eq!(t.evaluation, Some(EvaluationMethod::HargaTerendah));
        assert_eq!(t.kategori, "Jasa Konsultansi Badan Usaha");
        assert_eq!(t.jenis, Some(JenisPengadaan::JasaKonsultansi));
        assert_eq!(t.fiscal_year, 2014);
        assert_eq!(t.contract_value, Some(rupiah(578_532_000)));
        assert!(t.finished);

        let found: Vec<(&str, &str, &str)> = issues
            .iter()
            .map(|i| (i.dataset.as_str(), i.record.as_str(), i.field))
            .collect();
        assert_eq!(found, vec![(DATASET, "604035", "hps"), (DATASET, "3686010", "row")]);
        assert!(issues[0].reason.contains("\"1,4 X\""), "{}", issues[0].reason);
        assert_eq!(issues[1].reason, "3 values, at least 11 expected");
    }

    #[test]
    fn unreadable_years_methods_and_contracts_are_reported() {
        let json = r#"{"data":[
            ["1","A","B","Tidak Ada Jadwal","1 M","P","Lelang Umum","Kualitas","Pengadaan Barang - TA null","1","Nilai Kontrak belum dibuat"],
            ["2","A","B","Tender Sudah Selesai","1 M","P","Lelang Kilat","Kualitas","Pengadaan Barang - TA 2014","1","Nilai Kontrak belum dibuat"],
            ["3","A","B","Tender Sudah Selesai","1 M","P","Tender","Kualitas","Jasa Lainnya - TA 2019","1","Rp 1.000.000.000,000.0"],
            [null,"A"],
            "not a row",
            ["4","A","B","Tidak Ada Jadwal","1 M","P","Tender","Kualitas","Lain-lain - TA 2019","1",null]
        ]}"#;
        let (tenders, issues) = read_json(json.as_bytes()).unwrap();
        let found: Vec<(&str, &str)> = issues.iter().map(|i| (i.record.as_str(), i.field)).collect();
        assert_eq!(
            found,
            vec![
                ("1", "kategori"),
                ("2", "metode"),
                ("3", "nilai_kontrak"),
                ("row 4", "row"),
                ("row 5", "row")
            ]
        );
        assert!(issues[0].reason.contains("\"null\""), "{}", issues[0].reason);
        assert!(issues[1].reason.contains("Lelang Kilat"), "{}", issues[1].reason);
        assert_eq!(tenders.len(), 1);
        assert_eq!(tenders[0].jenis, None);
        assert_eq!(tenders[0].contract_value, None);
        assert!(!tenders[0].finished);
    }

    #[test]
    fn a_truncated_file_or_another_shape_is_an_error() {
        let truncated = &LIST.as_bytes()[..120];
        match read_json(truncated) {
            Err(ListError::Json { line, column, .. }) => assert!(line >= 1 && column >= 1),
            other => panic!("expected a JSON error, got {other:?}"),
        }
        let err = read_json(truncated).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        assert!(matches!(read_json(b"[1, 2]"), Err(ListError::NotDataTables { .. })));
        assert!(matches!(
            read_json(br#"{"data": {}}"#),
            Err(ListError::NotDataTables { .. })
        ));
    }
}
