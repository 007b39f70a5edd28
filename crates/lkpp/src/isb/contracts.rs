//! The e-Kontrak chain of ISB: the contract and its addenda (2Kontrak), the work dates of the
//! SPMK/SPP (3SPMKSPP), and the BAP/BAST rows (4BAPBAST) as progress reports and the handover.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_chain::Command;
use rantai_core::{ExternalKey, Money, Ratio};
use rantai_monev::ProgressReport;
use rantai_procurement::{Addendum, ContractForm, ContractSpec, ProviderSize};
use serde_json::Value;

use super::import::{Importer, Pending, Taken};
use super::source::{Dataset, IsbSource};
use crate::field::{Failure, Row};
use crate::ids::{SpseKind, contract_id, report_id};
use crate::report::ImportReport;

fn dataset(kind: SpseKind, tender: Dataset, non_tender: Dataset) -> Dataset {
    match kind {
        SpseKind::Tender => tender,
        SpseKind::NonTender => non_tender,
    }
}

/// Groups a dataset's rows by procurement key, refusing rows that are not objects or have no key.
fn grouped<'a>(
    source: &'a IsbSource,
    ds: Dataset,
    kind: SpseKind,
    report: &mut ImportReport,
) -> BTreeMap<String, Vec<Row<'a>>> {
    let mut out: BTreeMap<String, Vec<Row<'a>>> = BTreeMap::new();
    for (i, value) in source.rows(ds).iter().enumerate() {
        let Some(object) = value.as_object() else {
            report.refuse(format!("row {}", i + 1), "(row)", "not a JSON object");
            continue;
        };
        let row = Row(object);
        match row.key(kind.key_name()) {
            Ok(key) => out.entry(key).or_default().push(row),
            Err((field, reason)) => report.refuse(format!("row {}", i + 1), field, reason),
        }
    }
    out
}

/// The contract version of a row (`versi_addendum`, 0 for the original).
fn version(row: Row<'_>) -> Result<i64, Failure> {
    Ok(row.opt_int("versi_addendum")?.unwrap_or(0))
}

/// SPSE-…Ekontrak-1SPPBJ (1075, 1081): the date of the award letter, which dates a
/// non-tender's award (SPSE gives no penetapan date for Pengadaan Langsung), and the performance
/// bond (`nilai_jaminan_pelaksanaan`) the contract carries (H-05); counted when the award is
/// recorded.
pub(crate) fn sppbj(imp: &mut Importer<'_>, source: &IsbSource, kind: SpseKind, report: &mut ImportReport) {
    let ds = dataset(kind, Dataset::TenderSppbj, Dataset::NonTenderSppbj);
    for (key, rows) in grouped(source, ds, kind, report) {
        for row in rows {
            let read = (|| -> Result<(NaiveDate, Option<Money>, i64), Failure> {
                Ok((
                    row.date("tgl_sppbj")?,
                    row.opt_money("nilai_jaminan_pelaksanaan")?,
                    version(row)?,
                ))
            })();
            match read {
                Ok((on, bond, v)) => {
                    let entry = imp
                        .sppbj
                        .entry((kind, key.clone()))
                        .or_insert_with(|| Pending::new((on, bond)));
                    entry.value.0 = entry.value.0.min(on);
                    // The bond of the original letter (version 0), not of an addendum's.
                    if v == 0 {
                        entry.value.1 = bond;
                    }
                    entry.rows += 1;
                }
                Err((field, reason)) => report.refuse(key.clone(), field, reason),
            }
        }
    }
}

/// SPSE-…Ekontrak-3SPMKSPP (1077, 1083): the work dates per contract version, kept for the
/// contract rows; counted when their contract is imported.
pub(crate) fn spmk(imp: &mut Importer<'_>, source: &IsbSource, kind: SpseKind, report: &mut ImportReport) {
    let ds = dataset(kind, Dataset::TenderSpmk, Dataset::NonTenderSpmk);
    for (key, rows) in grouped(source, ds, kind, report) {
        for row in rows {
            let read = (|| -> Result<(i64, NaiveDate, NaiveDate), Failure> {
                let start = match row.opt_date("tgl_mulai_pekerjaan")? {
                    Some(d) => d,
                    None => row.date("tgl_spmk_spp")?,
                };
                Ok((version(row)?, start, row.date("tgl_selesai_pekerjaan")?))
            })();
            match read {
                Ok((v, start, end)) => {
                    let entry = imp
                        .spmk
                        .entry((kind, key.clone(), v))
                        .or_insert_with(|| Pending::new((start, end)));
                    entry.rows += 1;
                }
                Err((field, reason)) => report.refuse(key.clone(), field, reason),
            }
        }
    }
}

/// The contract document's form, as far as the number tells: `SPK` when the number says so,
/// else a surat perjanjian (the most formal form, so P-11 never fires on a guess).
fn form(no_kontrak: &str) -> ContractForm {
    if no_kontrak.to_uppercase().contains("SPK") {
        ContractForm::Spk
    } else {
        ContractForm::SuratPerjanjian
    }
}

/// SPSE-…Ekontrak-2Kontrak (1073, 1080): version 0 is signed, each later version is an addendum
/// (new value; new completion from its SPMK version). Identical repeated rows are set aside; a
/// second contract for one procurement is refused (rantai keeps one contract per procurement).
pub(crate) fn contracts(imp: &mut Importer<'_>, source: &IsbSource, kind: SpseKind, report: &mut ImportReport) {
    let ds = dataset(kind, Dataset::TenderKontrak, Dataset::NonTenderKontrak);
    for (key, mut rows) in grouped(source, ds, kind, report) {
        rows.sort_by_key(|r| version(*r).unwrap_or(i64::MAX));
        let mut signed: Option<(i64, String)> = None;
        let mut seen: Vec<&serde_json::Map<String, Value>> = Vec::new();
        for row in rows {
            if seen.contains(&row.0) {
                report.aside("a repeated row of the same contract version");
                continue;
            }
            seen.push(row.0);
            match contract_row(imp, ds, kind, &key, row, &mut signed) {
                Ok(()) => report.imported += 1,
                Err((field, reason)) => report.refuse(key.clone(), field, reason),
            }
        }
    }
}

fn contract_row(
    imp: &mut Importer<'_>,
    ds: Dataset,
    kind: SpseKind,
    key: &str,
    row: Row<'_>,
    signed: &mut Option<(i64, String)>,
) -> Result<(), Failure> {
    let v = version(row)?;
    let nomor = row.text("no_kontrak")?;
    let value: Money = row.money("nilai_kontrak")?;
    let known = imp.known(kind, key)?;
    let id = contract_id(kind, key);
    if let Some((first, first_nomor)) = signed.clone() {
        if v == first {
            return Err((
                "no_kontrak",
                format!("a second contract of version {v} for one procurement (first: {first_nomor:?})"),
            ));
        }
        let dated = row.date("tgl_kontrak")?;
        let new_end = imp.spmk.get(&(kind, key.to_string(), v)).map(|s| s.value.1);
        let addendum = Addendum {
            number: u32::try_from(v).map_err(|_| ("versi_addendum", format!("{v}: not a version")))?,
            dated,
            new_value: value,
            new_end,
            reason: row
                .opt_text("alasan_addendum")?
                .unwrap_or("(no reason given in SPSE)")
                .to_string(),
        };
        imp.record(ds, key, dated, Command::AmendContract { contract: id, addendum })
            .map_err(|e| ("(addendum)", e))?;
        if let Some(spmk) = imp.spmk.get_mut(&(kind, key.to_string(), v)) {
            spmk.used = true;
        }
        return Ok(());
    }
    if v != 0 {
        return Err((
            "versi_addendum",
            format!("addendum version {v} of a contract whose original (version 0) is not imported"),
        ));
    }
    if !known.awarded {
        return Err((
            kind.key_name(),
            "no award for this procurement (no winning values in the data)".into(),
        ));
    }
    let signed_on = row.date("tgl_kontrak")?;
    // The type as SPSE names it; an unknown label is left unknown (C-10 undecided), not guessed,
    // and the contract is still imported.
    let contract_type = match row.opt_text("jenis_kontrak")? {
        None => None,
        Some(label) => {
            let known = rantai_procurement::ContractType::from_spse(label);
            if known.is_none() {
                imp.count_note(ds, "jenis_kontrak not a contract type of Pasal 27: left unknown");
            }
            known
        }
    };
    let spmk = imp.spmk.get(&(kind, key.to_string(), v)).cloned();
    let (start, end) = match spmk {
        Some(s) => s.value,
        // Without an SPMK the contract's own period stands, as SPSE gives it (D20 reports an
        // inverted one; a one-day period is kept as is).
        None => match (row.opt_date("tgl_kontrak_awal")?, row.opt_date("tgl_kontrak_akhir")?) {
            (Some(a), Some(b)) => {
                imp.count_note(ds, "work period from tgl_kontrak_awal/akhir: no SPMK/SPP row");
                (a, b)
            }
            _ => {
                return Err((
                    "tgl_kontrak_akhir",
                    "no work period: no SPMK/SPP row, and tgl_kontrak_awal or tgl_kontrak_akhir is empty".into(),
                ));
            }
        },
    };
    let spec = ContractSpec {
        id,
        nomor: ExternalKey::new(nomor).map_err(|e| ("no_kontrak", e.to_string()))?,
        signed_on,
        start,
        end,
        value,
        advance: Money::ZERO,
        form: form(nomor),
        provider_size: if known.small {
            ProviderSize::UsahaKecil
        } else {
            ProviderSize::NonKecil
        },
        multi_year: false,
        performance_bond: imp.sppbj.get(&(kind, key.to_string())).and_then(|p| p.value.1),
        maintenance_days: 0,
        contract_type,
    };
    imp.record(
        ds,
        key,
        signed_on,
        Command::SignContract {
            procurement: known.id,
            contract: spec,
        },
    )
    .map_err(|e| ("(contract)", e))?;
    if let Some(s) = imp.spmk.get_mut(&(kind, key.to_string(), v)) {
        s.used = true;
    }
    if let Some(k) = imp.procurements.get_mut(&(kind, key.to_string())) {
        k.contract = Some(id);
    }
    *signed = Some((v, nomor.to_string()));
    Ok(())
}

/// SPSE-…Ekontrak-4BAPBAST (1076, 1082): each BAP/BAST row is a progress report at its
/// `progres_pekerjaan`; the first at 100 % with a BAST date is the handover.
pub(crate) fn handovers(imp: &mut Importer<'_>, source: &IsbSource, kind: SpseKind, report: &mut ImportReport) {
    let ds = dataset(kind, Dataset::TenderBast, Dataset::NonTenderBast);
    for (key, rows) in grouped(source, ds, kind, report) {
        let mut dated = Vec::new();
        for row in rows {
            let read = (|| -> Result<(NaiveDate, Row<'_>), Failure> {
                let on = match row.opt_date("tgl_bap")? {
                    Some(d) => d,
                    None => row.date("tgl_bast")?,
                };
                Ok((on, row))
            })();
            match read {
                Ok(d) => dated.push(d),
                Err((field, reason)) => report.refuse(key.clone(), field, reason),
            }
        }
        dated.sort_by_key(|(on, _)| *on);
        let mut seen: Vec<&serde_json::Map<String, Value>> = Vec::new();
        for (i, (on, row)) in dated.into_iter().enumerate() {
            if seen.contains(&row.0) {
                report.aside("a repeated row of the same BAP/BAST");
                continue;
            }
            seen.push(row.0);
            match handover_row(imp, ds, kind, &key, i, on, row) {
                Ok(Taken::Imported) => report.imported += 1,
                Ok(Taken::Aside(reason)) => report.aside(reason),
                Err((field, reason)) => report.refuse(key.clone(), field, reason),
            }
        }
    }
    imp.notes.push(format!(
        "{}: besar_pembayaran is not imported (payments are SP2D in SIPD, not LKPP data)",
        ds.name()
    ));
}

fn handover_row(
    imp: &mut Importer<'_>,
    ds: Dataset,
    kind: SpseKind,
    key: &str,
    index: usize,
    on: NaiveDate,
    row: Row<'_>,
) -> Result<Taken, Failure> {
    let known = imp.known(kind, key)?;
    let contract = known.contract.ok_or((
        kind.key_name(),
        "its contract is not imported: see the contract dataset".to_string(),
    ))?;
    let Some(percent) = row.opt_decimal("progres_pekerjaan")? else {
        // A BAST without a progress figure: the handover when SPSE says the contract is done.
        if row.opt_text("status_kontrak")? != Some("Kontrak Selesai") {
            return Ok(Taken::Aside(
                "BAP/BAST without progres_pekerjaan while the contract runs: no progress figure to record",
            ));
        }
        let bast_on = row.date("tgl_bast")?;
        if !known.handed_over {
            hand_over(imp, ds, kind, key, contract, bast_on)?;
        }
        return Ok(Taken::Imported);
    };
    let progress = ProgressReport {
        id: report_id(kind, key, index),
        contract,
        reported_on: on,
        actual: Ratio::from_percent(percent),
        planned: None,
        evidence_ref: row.opt_text("no_bap")?.map(|n| format!("BAP {n}")),
    };
    let bast_on = row.opt_date("tgl_bast")?;
    imp.record(ds, key, on, Command::ReportProgress { report: progress })
        .map_err(|e| ("progres_pekerjaan", e))?;
    if percent >= rust_decimal::Decimal::ONE_HUNDRED
        && !known.handed_over
        && let Some(bast_on) = bast_on
        && hand_over(imp, ds, kind, key, contract, bast_on).is_err()
    {
        imp.count_note(
            ds,
            "progress recorded, but the handover (BAST) was refused by the chain",
        );
    }
    Ok(Taken::Imported)
}

fn hand_over(
    imp: &mut Importer<'_>,
    ds: Dataset,
    kind: SpseKind,
    key: &str,
    contract: rantai_core::ContractId,
    bast_on: NaiveDate,
) -> Result<(), Failure> {
    imp.record(ds, key, bast_on, Command::HandOverContract { contract, bast_on })
        .map_err(|e| ("tgl_bast", e))?;
    if let Some(k) = imp.procurements.get_mut(&(kind, key.to_string())) {
        k.handed_over = true;
    }
    Ok(())
}
