//! The SPSE side of ISB: tender and non-tender announcements (linked to the plan by `kd_rup`),
//! their schedules, the participants' priced bids, and the winner with the final price.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rantai_chain::Command;
use rantai_core::{ExternalKey, KodeRup, MetodePemilihan, Money};
use rantai_procurement::{Award, Bid, EvaluationMethod, Officials, Schedule, ScheduledStage, TenderSpec};

use super::import::{Importer, Known, Taken};
use super::source::{Dataset, IsbSource};
use crate::field::{Failure, Row};
use crate::ids::{Pseudonyms, SpseKind, bid_id, procurement_id, provider_id};
use crate::report::ImportReport;
use crate::spse_list::jenis_of;

/// The SIRUP codes a procurement cites: `kd_rup` may be one code or a `;`-joined list
/// (domain-rules.md §8.7 D-03).
fn kd_rup(row: Row<'_>, field: &'static str) -> Result<Vec<KodeRup>, Failure> {
    let text = row.key(field)?;
    text.split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| c.parse().map_err(|e| (field, format!("{text:?}: {e}"))))
        .collect()
}

/// The announcement fields shared by TenderPengumuman, NonTenderPengumuman and NonTenderSelesai.
fn spec(
    imp: &mut Importer<'_>,
    dataset: Dataset,
    kind: SpseKind,
    key: &str,
    row: Row<'_>,
) -> Result<TenderSpec, Failure> {
    let organisation = imp.organisation(dataset, key, row)?;
    let fiscal_year = row.fiscal_year("tahun_anggaran")?;
    let jenis_label = row.text("jenis_pengadaan")?;
    let metode_label = row.text("mtd_pemilihan")?;
    let announced = match kind {
        SpseKind::Tender => "tgl_pengumuman_tender",
        SpseKind::NonTender => "tgl_pengumuman_nontender",
    };
    let hps = row.opt_money("hps")?;
    Ok(TenderSpec {
        id: procurement_id(kind, key),
        kd_tender: Some(ExternalKey::new(key).map_err(|e| (kind.key_name(), e.to_string()))?),
        organisation,
        name: row.text("nama_paket")?.to_string(),
        fiscal_year,
        jenis: jenis_of(jenis_label).ok_or(("jenis_pengadaan", format!("{jenis_label:?}: not a jenis pengadaan")))?,
        metode: metode_label
            .parse::<MetodePemilihan>()
            .map_err(|e| ("mtd_pemilihan", format!("{metode_label:?}: {e}")))?,
        pagu: row.money("pagu")?,
        hps,
        announced_on: row.date(announced)?,
        evaluation: row.opt_text("mtd_evaluasi")?.and_then(EvaluationMethod::from_spse),
        direct_basis: None,
        officials: officials(row, &imp.pseudonyms)?,
    })
}

/// The NIP at the head of an ISB `"<NIP> - <name>"` field; the name is never kept.
fn nip(text: &str) -> Option<&str> {
    let nip = text.split(" - ").next().unwrap_or(text).trim();
    (!nip.is_empty()).then_some(nip)
}

/// The PPK and the selecting officials of a row, as opaque ids derived from their NIP (tender:
/// `nip_ppk`, `nip_pokja` `;`-joined; non-tender: `nip_nama_ppk`, `nip_nama_pp`,
/// `nip_nama_pokja`).
fn officials(row: Row<'_>, pseudonyms: &Pseudonyms) -> Result<Officials, Failure> {
    let ppk_id = |nip: &str| pseudonyms.official(nip);
    let ppk = match row.opt_text("nip_ppk")? {
        Some(n) => Some(n),
        None => row.opt_text("nip_nama_ppk")?.and_then(nip),
    };
    let pokja = match row.opt_text("nip_pokja")? {
        Some(list) => Some(list),
        None => row.opt_text("nip_nama_pokja")?,
    }
    .map(|list| list.split(';').filter_map(nip).map(ppk_id).collect())
    .unwrap_or_default();
    Ok(Officials {
        ppk: ppk.map(ppk_id),
        pokja,
        pejabat_pengadaan: row.opt_text("nip_nama_pp")?.and_then(nip).map(ppk_id),
    })
}

/// Records the procurement of a row (once per key).
fn announce(imp: &mut Importer<'_>, dataset: Dataset, kind: SpseKind, key: &str, row: Row<'_>) -> Result<(), Failure> {
    let spec = spec(imp, dataset, kind, key, row)?;
    let kd_rup = kd_rup(
        row,
        if row.0.contains_key("kd_rup") {
            "kd_rup"
        } else {
            "kd_rup_paket"
        },
    )?;
    let known = Known {
        id: spec.id,
        announced_on: spec.announced_on,
        bids_due: None,
        small: row.opt_text("kualifikasi_paket")? == Some("Kecil"),
        bids: HashMap::new(),
        awarded: false,
        winner: None,
        contract: None,
        handed_over: false,
    };
    let on = spec.announced_on;
    let plan_data = imp.plan_data;
    imp.record(
        dataset,
        key,
        on,
        Command::RecordTender {
            spec,
            kd_rup,
            plan_data,
        },
    )
    .map_err(|e| ("(announcement)", e))?;
    imp.procurements.insert((kind, key.to_string()), known);
    Ok(())
}

/// SPSE-TenderPengumuman (1013) and SPSE-NonTenderPengumuman (1016).
pub(crate) fn announcements(imp: &mut Importer<'_>, source: &IsbSource, kind: SpseKind, report: &mut ImportReport) {
    let dataset = match kind {
        SpseKind::Tender => Dataset::TenderPengumuman,
        SpseKind::NonTender => Dataset::NonTenderPengumuman,
    };
    imp.each(source, dataset, kind.key_name(), report, |imp, key, row| {
        if imp.procurements.contains_key(&(kind, key.to_string())) {
            return Err((kind.key_name(), "a second row for this procurement".into()));
        }
        let status = match kind {
            SpseKind::Tender => "status_tender",
            SpseKind::NonTender => "status_nontender",
        };
        // Read everything the row says before recording any of it.
        let failed = row.opt_text(status)? == Some("Gagal/Batal");
        let (status_date, statement) = (row.opt_date("tanggal_status")?, row.opt_text("ket_ditutup")?);
        announce(imp, dataset, kind, key, row)?;
        if failed {
            // SPSE gives the state and free text, not the Pasal 51 ground nor the date: the
            // failure is dated by the status date (or the snapshot) and recorded once the bids and
            // awards are in (`declare_failures`).
            let declared_on = status_date.or(imp.snapshot).unwrap_or(imp.opened_on);
            imp.failures.push((
                dataset,
                kind,
                key.to_string(),
                rantai_procurement::Failure {
                    declared_on,
                    ground: None,
                    statement: statement.map(str::to_string),
                },
            ));
        }
        Ok(Taken::Imported)
    });
}

/// Records the failures SPSE marks Gagal/Batal, after every bid and award of the data.
pub(crate) fn declare_failures(imp: &mut Importer<'_>) {
    for (dataset, kind, key, failure) in std::mem::take(&mut imp.failures) {
        let Ok(known) = imp.known(kind, &key) else {
            continue;
        };
        let on = failure.declared_on;
        match imp.record(
            dataset,
            &key,
            on,
            Command::DeclareFailed {
                procurement: known.id,
                failure,
            },
        ) {
            Ok(()) => imp.count_note(
                dataset,
                "Gagal/Batal recorded as a failure without a Pasal 51 ground (SPSE gives free text only)",
            ),
            Err(_) => imp.count_note(
                dataset,
                "Gagal/Batal not recorded: the procurement went on to a contract in the data",
            ),
        }
    }
}

/// One schedule row: its stage, or the row's name and why it could not be read.
type StageRow = Result<ScheduledStage, (String, Failure)>;

/// SPSE-JadwalTahapanTender (1068): each tender's stages become its schedule (T-01, T-02, T-05),
/// and the end of the offer upload dates its bids.
pub(crate) fn schedules(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    let dataset = Dataset::JadwalTahapanTender;
    let mut by_tender: BTreeMap<String, Vec<StageRow>> = BTreeMap::new();
    for (i, value) in source.rows(dataset).iter().enumerate() {
        let Some(object) = value.as_object() else {
            report.refuse(format!("row {}", i + 1), "(row)", "not a JSON object");
            continue;
        };
        let row = Row(object);
        let Ok(key) = row.key("kd_tender") else {
            report.refuse(format!("row {}", i + 1), "kd_tender", "missing");
            continue;
        };
        let stage = (|| -> Result<ScheduledStage, Failure> {
            let kd_akt = row.int("kd_akt")?;
            Ok(ScheduledStage {
                kd_akt: u16::try_from(kd_akt).map_err(|_| ("kd_akt", format!("{kd_akt}: not a stage code")))?,
                start: row.datetime("tgl_awal")?,
                end: row.datetime("tgl_akhir")?,
            })
        })();
        by_tender
            .entry(key.clone())
            .or_default()
            .push(stage.map_err(|f| (format!("{key} row {}", i + 1), f)));
    }
    for (key, stages) in by_tender {
        let n = stages.len();
        let mut good = Vec::new();
        let mut bad = false;
        for s in stages {
            match s {
                Ok(s) => good.push(s),
                Err((record, (field, reason))) => {
                    report.refuse(record, field, reason);
                    bad = true;
                }
            }
        }
        let mut refuse_all = |field: &'static str, reason: String| {
            for _ in 0..good.len() {
                report.refuse(key.clone(), field, reason.clone());
            }
        };
        if bad {
            refuse_all("(schedule)", "another stage of this schedule could not be read".into());
            continue;
        }
        let known = match imp.known(SpseKind::Tender, &key) {
            Ok(k) => k,
            Err((field, reason)) => {
                refuse_all(field, reason);
                continue;
            }
        };
        let first = good.iter().map(|s| s.start.date()).min().unwrap_or(known.announced_on);
        let schedule = match Schedule::new(good) {
            Ok(s) => s,
            Err(e) => {
                for _ in 0..n {
                    report.refuse(key.clone(), "kd_akt", e.clone());
                }
                continue;
            }
        };
        let bids_due = schedule
            .stage(schedule.track().bidding_stages().2)
            .map(|s| s.end.date());
        match imp.record(
            dataset,
            &key,
            first,
            Command::SetSchedule {
                procurement: known.id,
                schedule,
            },
        ) {
            Ok(()) => {
                report.imported += n;
                if let Some(k) = imp.procurements.get_mut(&(SpseKind::Tender, key)) {
                    k.bids_due = bids_due;
                }
            }
            Err(e) => {
                for _ in 0..n {
                    report.refuse(key.clone(), "(schedule)", e.clone());
                }
            }
        }
    }
}

/// Records a priced bid of `kd_penyedia` (once per provider).
fn bid(
    imp: &mut Importer<'_>,
    dataset: Dataset,
    kind: SpseKind,
    key: &str,
    kd_penyedia: &str,
    offer: Money,
    corrected: Option<Money>,
) -> Result<(), Failure> {
    let known = imp.known(kind, key)?;
    let id = bid_id(kind, key, kd_penyedia);
    let bid = Bid {
        id,
        provider: provider_id(kd_penyedia),
        offer,
        corrected: corrected.filter(|c| !c.is_zero()),
        disqualified: None,
        submitted_on: known.bids_due.unwrap_or(known.announced_on),
    };
    imp.record(
        dataset,
        key,
        bid.submitted_on,
        Command::SubmitBid {
            procurement: known.id,
            bid,
        },
    )
    .map_err(|e| ("nilai_penawaran", e))?;
    if let Some(k) = imp.procurements.get_mut(&(kind, key.to_string())) {
        k.bids.insert(kd_penyedia.to_string(), id);
    }
    Ok(())
}

/// SPSE-PesertaTender (1070): a participant with `nilai_penawaran` is a priced bid; one without
/// is a registration only and never counted as a bid.
pub(crate) fn participants(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(source, Dataset::PesertaTender, "kd_tender", report, |imp, key, row| {
        if row.opt_int("pemenang")? == Some(1)
            && let Some(k) = imp.procurements.get_mut(&(SpseKind::Tender, key.to_string()))
        {
            k.winner = Some(row.key("kd_penyedia")?);
        }
        // Every participant registered; only one with a price is a bid.
        let provider = row.key("kd_penyedia")?;
        let offer = row.opt_money("nilai_penawaran")?;
        let corrected = row.opt_money("nilai_terkoreksi")?;
        let known = imp.known(SpseKind::Tender, key)?;
        let (procurement, on) = (known.id, known.announced_on);
        imp.record(
            Dataset::PesertaTender,
            key,
            on,
            Command::RegisterParticipant {
                procurement,
                provider: provider_id(&provider),
                on,
            },
        )
        .map_err(|e| ("kd_penyedia", e))?;
        imp.count_note(
            Dataset::PesertaTender,
            "registration dated by the announcement: SPSE gives no registration date",
        );
        let Some(offer) = offer else {
            return Ok(Taken::Imported);
        };
        // The registration is in the chain: a refused bid is a note, not a refused row.
        if bid(
            imp,
            Dataset::PesertaTender,
            SpseKind::Tender,
            key,
            &provider,
            offer,
            corrected,
        )
        .is_err()
        {
            imp.count_note(
                Dataset::PesertaTender,
                "registration recorded, but its priced bid was refused by the chain",
            );
        }
        Ok(Taken::Imported)
    });
}

/// The final price of a winner: negotiated, else contract, else corrected, else offered.
fn final_price(row: Row<'_>) -> Result<Option<Money>, Failure> {
    for field in [
        "nilai_negosiasi",
        "nilai_kontrak",
        "nilai_terkoreksi",
        "nilai_penawaran",
    ] {
        if let Some(m) = row.opt_money(field)?.filter(|m| !m.is_zero()) {
            return Ok(Some(m));
        }
    }
    Ok(None)
}

/// Records the award to `kd_penyedia` (or to the participant SPSE marks as winner when the row
/// leaves it empty), adding the winner's priced bid from `row` when the participants' data lacks
/// it. A non-tender's award is dated by its SPPBJ when the data has one (SPSE's
/// `tgl_selesai_nontender` closes the package, often after the contract).
fn award(
    imp: &mut Importer<'_>,
    dataset: Dataset,
    kind: SpseKind,
    key: &str,
    row: Row<'_>,
    awarded_on: NaiveDate,
) -> Result<(), Failure> {
    let known = imp.known(kind, key)?;
    let provider = match (row.key("kd_penyedia"), known.winner) {
        (Ok(p), _) => p,
        (Err(_), Some(w)) => {
            imp.count_note(
                dataset,
                "winner taken from SPSE-PesertaTender (pemenang = 1): kd_penyedia is empty",
            );
            w
        }
        (Err(e), None) => return Err(e),
    };
    let price = final_price(row)?.ok_or(("nilai_negosiasi", "no price in any value field".to_string()))?;
    let has_bid = imp
        .procurements
        .get(&(kind, key.to_string()))
        .is_some_and(|k| k.bids.contains_key(&provider));
    if !has_bid {
        let offer = match row.opt_money("nilai_penawaran")?.filter(|m| !m.is_zero()) {
            Some(offer) => offer,
            None => {
                imp.count_note(dataset, "the winner's offer is empty: its bid carries the final price");
                price
            }
        };
        bid(
            imp,
            dataset,
            kind,
            key,
            &provider,
            offer,
            row.opt_money("nilai_terkoreksi")?,
        )?;
    }
    let known = imp
        .procurements
        .get(&(kind, key.to_string()))
        .cloned()
        .ok_or((kind.key_name(), "not announced".to_string()))?;
    let sppbj = imp.sppbj.get(&(kind, key.to_string())).map(|p| p.value.0);
    let awarded_on = match (kind, sppbj) {
        (SpseKind::NonTender, Some(letter)) => letter,
        _ => awarded_on,
    };
    let awarded_on = match imp.snapshot {
        Some(snapshot) if awarded_on > snapshot => {
            imp.count_note(
                dataset,
                "award dated by the snapshot: SPSE's date is after the data was pulled",
            );
            snapshot
        }
        _ => awarded_on,
    };
    let bid = known
        .bids
        .get(&provider)
        .copied()
        .ok_or(("kd_penyedia", "no bid".to_string()))?;
    imp.record(
        dataset,
        key,
        awarded_on,
        Command::AwardTender {
            procurement: known.id,
            award: Award {
                bid,
                provider: provider_id(&provider),
                price,
                awarded_on,
            },
        },
    )
    .map_err(|e| ("(award)", e))?;
    if let Some(k) = imp.procurements.get_mut(&(kind, key.to_string())) {
        k.awarded = true;
    }
    // The award letter, when the data has it (T-06 counts from it to the contract).
    if let Some(letter) = imp.sppbj.get(&(kind, key.to_string())).map(|p| p.value.0) {
        let sppbj_dataset = match kind {
            SpseKind::Tender => Dataset::TenderSppbj,
            SpseKind::NonTender => Dataset::NonTenderSppbj,
        };
        let issued = imp.record(
            sppbj_dataset,
            key,
            letter,
            Command::IssueSppbj {
                procurement: known.id,
                on: letter,
            },
        );
        match issued {
            Ok(()) => {
                if let Some(p) = imp.sppbj.get_mut(&(kind, key.to_string())) {
                    p.used = true;
                }
            }
            Err(_) => imp.count_note(dataset, "award recorded, but its SPPBJ was refused by the chain"),
        }
    }
    Ok(())
}

/// SPSE-TenderSelesaiNilai (1015): the winner and the final price of each completed tender.
pub(crate) fn tender_awards(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(
        source,
        Dataset::TenderSelesaiNilai,
        "kd_tender",
        report,
        |imp, key, row| {
            if row.key("kd_penyedia").is_err() && final_price(row)?.is_none() {
                return Ok(Taken::Aside("no winner and no values yet: the tender is not finished"));
            }
            let on = row.date("tgl_penetapan_pemenang")?;
            award(imp, Dataset::TenderSelesaiNilai, SpseKind::Tender, key, row, on)?;
            Ok(Taken::Imported)
        },
    );
}

/// SPSE-TenderSelesai (1014): confirms the completion of a tender whose award came from 1015.
pub(crate) fn completed_tenders(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(
        source,
        Dataset::TenderSelesai,
        "kd_tender",
        report,
        |imp, key, _row| match imp.procurements.get(&(SpseKind::Tender, key.to_string())) {
            Some(k) if k.awarded => Ok(Taken::Imported),
            Some(_) => Ok(Taken::Aside(
                "completed, but without winning values in SPSE-TenderSelesaiNilai: no award to record",
            )),
            None => imp.known(SpseKind::Tender, key).map(|_| Taken::Imported),
        },
    );
}

/// SPSE-NonTenderSelesai (1017): the offer, the negotiated price and the provider of each
/// Pengadaan/Penunjukan Langsung; the procurement is recorded from this row when its
/// announcement is not in the data.
pub(crate) fn non_tender_awards(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    let dataset = Dataset::NonTenderSelesai;
    imp.each(source, dataset, "kd_nontender", report, |imp, key, row| {
        let announced_here = !imp.procurements.contains_key(&(SpseKind::NonTender, key.to_string()));
        if announced_here {
            announce(imp, dataset, SpseKind::NonTender, key, row)?;
        }
        let outcome = (|| -> Result<Taken, Failure> {
            match row.opt_date("tgl_selesai_nontender")? {
                Some(on) if row.opt_text("status_nontender")? != Some("Berlangsung") => {
                    award(imp, dataset, SpseKind::NonTender, key, row, on)?;
                }
                _ => {
                    let Some(offer) = row.opt_money("nilai_penawaran")?.filter(|m| !m.is_zero()) else {
                        return Ok(Taken::Aside("in progress, no offer yet"));
                    };
                    let provider = row.key("kd_penyedia")?;
                    let corrected = row.opt_money("nilai_terkoreksi")?;
                    bid(imp, dataset, SpseKind::NonTender, key, &provider, offer, corrected)?;
                }
            }
            Ok(Taken::Imported)
        })();
        match outcome {
            // The procurement this row announced is in the chain: the row counts as imported, and
            // what could not follow it is noted, not lost.
            Err(_) if announced_here => {
                imp.count_note(
                    dataset,
                    "announced from this row; its bid or award was refused by the chain",
                );
                Ok(Taken::Imported)
            }
            Ok(Taken::Aside(_)) if announced_here => Ok(Taken::Imported),
            other => other,
        }
    });
}
