//! Providers' owners and controllers from a CSV file — what the Inspektorat or the UKPBJ gathered
//! from SIKaP, the deeds (akta) and the beneficial-ownership register — recorded as
//! `DeclareOwnership` facts for the conflict-of-interest rules H-10 and H-11. LKPP's ISB carries
//! no ownership, so this file is the input those rules need.
//!
//! One row per tie, with the columns
//! `kd_penyedia,holder_kind,holder,tie,share_percent,declared_on`:
//!
//! - `kd_penyedia`: the provider's SIKaP code, as in the SPSE datasets;
//! - `holder_kind` and `holder`: `nip` (an official: the same keyed id the ISB import gives the
//!   official with that NIP), `nik` or `npwp` (a person or company, keyed the same way), or
//!   `kd_penyedia` (another provider);
//! - `tie`: `pemegang_saham`, `direksi`, `komisaris` or `pemilik_manfaat` (or `shareholder`,
//!   `director`, `commissioner`, `beneficial_owner`);
//! - `share_percent`: the shareholder's share in percent (`60`, `12,5`), empty for other ties;
//! - `declared_on`: the date of the declaration, `YYYY-MM-DD`.
//!
//! A provider's rows make one declaration. If any of them is malformed, or together they do not
//! hold (shares above 100 %), the whole declaration is refused — every row reported — because a
//! partial one could hide a conflict. No NIP, NIK or NPWP is stored: they become ids under the
//! deployment's key ([`Pseudonyms`]).

use std::collections::BTreeMap;
use std::io::Read;
use std::str::FromStr;

use chrono::NaiveDate;
use rantai_chain::{ChainError, Command};
use rantai_core::{Provenance, Ratio};
use rantai_procurement::{Ownership, Stake, Tie};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::ids::{Pseudonyms, provider_id};
use crate::report::ImportReport;

/// The dataset name in reports and provenance.
pub const DATASET: &str = "Kepemilikan-Penyedia";

#[derive(Deserialize)]
struct Raw {
    kd_penyedia: String,
    holder_kind: String,
    holder: String,
    tie: String,
    share_percent: String,
    declared_on: String,
}

/// One provider's declaration, with the CSV lines it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The provider's SIKaP code.
    pub kd_penyedia: String,
    /// The CSV lines (2 = the first row after the header).
    pub lines: Vec<usize>,
    /// The declaration.
    pub ownership: Ownership,
}

/// A row read, or the field at fault and why.
type Parsed = Result<(String, Stake, NaiveDate), (&'static str, String)>;

fn parse_row(raw: Raw, pseudonyms: &Pseudonyms) -> Parsed {
    let kd_penyedia = raw.kd_penyedia.trim().to_string();
    if kd_penyedia.is_empty() {
        return Err(("kd_penyedia", "missing".into()));
    }
    let value = raw.holder.trim();
    if value.is_empty() {
        return Err(("holder", "missing".into()));
    }
    let holder = match raw.holder_kind.trim().to_lowercase().as_str() {
        "nip" => pseudonyms.official(value),
        kind @ ("nik" | "npwp") => pseudonyms.person(kind, value),
        "kd_penyedia" => provider_id(value),
        other => {
            return Err((
                "holder_kind",
                format!("{other:?}: expected nip, nik, npwp or kd_penyedia"),
            ));
        }
    };
    let tie = match raw.tie.trim().to_lowercase().as_str() {
        "pemegang_saham" | "shareholder" => Tie::Shareholder,
        "direksi" | "director" => Tie::Director,
        "komisaris" | "commissioner" => Tie::Commissioner,
        "pemilik_manfaat" | "beneficial_owner" => Tie::BeneficialOwner,
        other => {
            return Err((
                "tie",
                format!("{other:?}: expected pemegang_saham, direksi, komisaris or pemilik_manfaat"),
            ));
        }
    };
    let share = match raw.share_percent.trim() {
        "" => None,
        text => {
            let percent = Decimal::from_str(&text.replace(',', "."))
                .map_err(|_| ("share_percent", format!("{text:?} is not a number of percent")))?;
            Some(Ratio::from_percent(percent))
        }
    };
    let declared_on = NaiveDate::parse_from_str(raw.declared_on.trim(), "%Y-%m-%d").map_err(|_| {
        (
            "declared_on",
            format!("{:?} is not a date YYYY-MM-DD", raw.declared_on.trim()),
        )
    })?;
    Ok((kd_penyedia, Stake { holder, tie, share }, declared_on))
}

/// Reads declarations from CSV. The report counts every row; rows that cannot make a declaration
/// are refused with their line, field and reason.
///
/// ```
/// use rantai_lkpp::{Pseudonyms, ownership};
/// let csv = "kd_penyedia,holder_kind,holder,tie,share_percent,declared_on
/// 600440,nik,3204000000000001,pemegang_saham,60,2025-01-06
/// 600440,nik,3204000000000002,pemegang_saham,40,2025-01-06
/// 600441,nik,3204000000000001,direksi,,2025-01-06
/// 600442,nik,3204000000000003,pemegang_saham,seratus,2025-01-06
/// ";
/// let (declared, report) = ownership::read_csv(csv.as_bytes(), &Pseudonyms::default());
/// assert_eq!(declared.len(), 2);
/// assert_eq!((report.rows, report.refused.len()), (4, 1));
/// assert_eq!((report.refused[0].record.as_str(), report.refused[0].field), ("line 5", "share_percent"));
/// ```
pub fn read_csv(reader: impl Read, pseudonyms: &Pseudonyms) -> (Vec<Declared>, ImportReport) {
    let mut report = ImportReport::new(DATASET);
    let mut rows: BTreeMap<String, Vec<(usize, Stake, NaiveDate)>> = BTreeMap::new();
    let mut bad: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // Flexible: a row with a wrong number of fields is read, then refused with its provider marked.
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers().cloned().unwrap_or_default();
    let provider_column = headers.iter().position(|h| h.trim() == "kd_penyedia").unwrap_or(0);
    for (i, record) in csv.records().enumerate() {
        let line = i + 2;
        report.rows += 1;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                report.refuse(format!("line {line}"), "(row)", format!("unreadable CSV row: {e}"));
                continue;
            }
        };
        let provider = record.get(provider_column).unwrap_or("").trim().to_string();
        let raw = match record.deserialize::<Raw>(Some(&headers)) {
            Ok(raw) => raw,
            Err(e) => {
                report.refuse(format!("line {line}"), "(row)", format!("unreadable CSV row: {e}"));
                bad.entry(provider).or_default().push(line);
                continue;
            }
        };
        match parse_row(raw, pseudonyms) {
            Ok((kd, stake, on)) => rows.entry(kd).or_default().push((line, stake, on)),
            Err((field, reason)) => {
                report.refuse(format!("line {line}"), field, reason);
                bad.entry(provider).or_default().push(line);
            }
        }
    }
    let mut out = Vec::new();
    for (kd_penyedia, stakes) in rows {
        let lines: Vec<usize> = stakes.iter().map(|(l, _, _)| *l).collect();
        let refuse_all = |report: &mut ImportReport, field, reason: String| {
            for line in &lines {
                report.refuse(format!("line {line}"), field, reason.clone());
            }
        };
        if let Some(bad_lines) = bad.get(&kd_penyedia) {
            let listed: Vec<String> = bad_lines.iter().map(ToString::to_string).collect();
            refuse_all(
                &mut report,
                "kd_penyedia",
                format!(
                    "provider {kd_penyedia}'s declaration has a refused row (line {}): a partial declaration could hide a conflict",
                    listed.join(", ")
                ),
            );
            continue;
        }
        let declared_on = stakes.iter().map(|(_, _, on)| *on).max().unwrap_or(NaiveDate::MIN);
        let ownership = Ownership {
            provider: provider_id(&kd_penyedia),
            declared_on,
            stakes: stakes.into_iter().map(|(_, stake, _)| stake).collect(),
        };
        if let Err(e) = ownership.validate() {
            refuse_all(&mut report, "share_percent", format!("provider {kd_penyedia}: {e}"));
            continue;
        }
        out.push(Declared {
            kd_penyedia,
            lines,
            ownership,
        });
    }
    (out, report)
}

/// Records each declaration through `record` (a chain's or a durable chain's record path) as a
/// `DeclareOwnership` fact with its provenance, counting its rows as imported, or refusing them
/// with the chain's reason.
pub fn import(
    declared: Vec<Declared>,
    report: &mut ImportReport,
    mut record: impl FnMut(Provenance, chrono::DateTime<chrono::Utc>, Command) -> Result<(), ChainError>,
) {
    for d in declared {
        let provenance = Provenance::Import {
            system: "Kepemilikan penyedia".into(),
            dataset: DATASET.into(),
            record_key: d.kd_penyedia.clone(),
        };
        let at = crate::at(d.ownership.declared_on);
        match record(provenance, at, Command::DeclareOwnership { ownership: d.ownership }) {
            Ok(()) => report.imported += d.lines.len(),
            Err(e) => {
                for line in d.lines {
                    report.refuse(format!("line {line}"), "kd_penyedia", e.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_row_refuses_its_whole_provider_and_every_row_is_counted() {
        let csv = "kd_penyedia,holder_kind,holder,tie,share_percent,declared_on
600440,nik,3204000000000001,pemegang_saham,60,2025-01-06
600440,nik,3204000000000002,pemegang_saham
600441,nik,3204000000000003,direksi,,2025-01-06
";
        let (declared, report) = read_csv(csv.as_bytes(), &Pseudonyms::default());
        assert_eq!(declared.len(), 1, "only 600441 is whole");
        assert_eq!(declared[0].kd_penyedia, "600441");
        assert_eq!((report.rows, report.refused.len()), (3, 2));
        assert!(
            report
                .refused
                .iter()
                .any(|r| r.record == "line 3" && r.field == "(row)")
        );
        assert!(
            report
                .refused
                .iter()
                .any(|r| r.record == "line 2" && r.reason.contains("partial declaration"))
        );
    }
}
