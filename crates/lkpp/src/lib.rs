//! Importers for the data regions already publish through LKPP. Every fact is recorded with its
//! provenance (system, dataset, record key) through the chain's record path, so rules flag
//! instead of refusing; every row that cannot be imported is reported with its dataset, record,
//! field and reason.
//!
//! This first importer reads SIRUP RUP packages (ISB dataset 1018, as exported to CSV).
//! [`spse_list`] reads the SPSE 4 tender list (`/dt/lelang` DataTables JSON), with abbreviated HPS
//! parsed exactly and legacy Perpres 54/2010 method labels mapped (keeping the label and regime).
//!
//! ```
//! use rantai_lkpp::{import_sirup, sirup};
//! # use rantai_chain::*; use rantai_core::*;
//! # let at = chrono::DateTime::UNIX_EPOCH;
//! # let founder = Actor::new(ActorId::from_u128(1), "Gubernur").with_grant(Grant { role: Role::KepalaDaerah, scope: Scope::Region });
//! # let profile = RegionProfile { name: "Prov. Contoh".into(), kd_klpd: "D100".into(), level: GovLevel::Provinsi };
//! # let mut chain = Chain::found(profile, Rulebook::standard().clone(), Box::new(FixedClock(at)), founder, at)?;
//! # chain.execute(ActorId::from_u128(1), at, Command::RegisterActor { actor: Actor::new(ActorId::from_u128(2), "Importir") })?;
//! let csv = "tahun_anggaran,kd_satker_str,nama_satker,kd_rup,nama_paket,pagu,kd_metode_pengadaan,kd_jenis_pengadaan,status_pradipa,status_pdn,status_ukm,alasan_non_ukm,status_konsolidasi,tgl_awal_pemilihan,tgl_akhir_pemilihan,tgl_awal_kontrak,tgl_akhir_kontrak,tgl_awal_pemanfaatan,tgl_akhir_pemanfaatan,tgl_pengumuman_paket,nip_ppk,status_aktif_rup,status_delete_rup,status_umumkan_rup
//! 2025,1.03.0.00.0.00.01.0000,DINAS PU,52301234,Rehab Jalan,190000000,8,2,Non-PraDIPA,PDN,UKM,,Non-Konsolidasi,2025-03-01,2025-03-01,2025-04-01,2025-06-01,,,2025-02-10 09:00:00.000000,1980,true,false,Terumumkan
//! ";
//! let (packages, issues) = sirup::read_csv(csv.as_bytes());
//! let report = import_sirup(&mut chain, ActorId::from_u128(2), packages, issues);
//! assert_eq!((report.rows, report.imported), (1, 1));
//! assert_eq!(chain.state().packages().len(), 1);
//! # Ok::<(), rantai_chain::ChainError>(())
//! ```
#![deny(missing_docs)]

mod field;
mod ids;
pub mod isb;
pub mod ownership;
mod report;
pub mod sirup;
pub mod spse_list;

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveTime, Utc};
use rantai_chain::{Chain, Command};
use rantai_core::{ActorId, Organisation, Provenance};

pub use ids::{
    Pseudonyms, SpseKind, bid_id, contract_id, kegiatan_id, order_bid_id, order_id, procurement_id, program_id,
    provider_id, report_id, sub_kegiatan_id,
};
pub use report::{ImportReport, RowIssue};

fn provenance(record_key: String) -> Provenance {
    Provenance::Import {
        system: "SIRUP".into(),
        dataset: sirup::DATASET.into(),
        record_key,
    }
}

fn at(date: chrono::NaiveDate) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(date.and_time(NaiveTime::MIN), Utc)
}

/// Records SIRUP packages into a chain as facts: their organisations, then each package drafted
/// and, when SIRUP says it is announced, announced. `issues` from reading are carried into the
/// report, and any package the chain refuses is reported too.
pub fn import_sirup(
    chain: &mut Chain,
    importer: ActorId,
    packages: Vec<sirup::SirupPackage>,
    issues: Vec<RowIssue>,
) -> ImportReport {
    let mut loader = chain.loader();
    let report = import_sirup_into(&mut loader, importer, packages, issues);
    if let Err(e) = loader.finish() {
        // Only a dead sealing thread fails here; the packages are in the state but not logged.
        let mut report = report;
        report.refused.push(RowIssue {
            dataset: sirup::DATASET.into(),
            record: "(log)".into(),
            field: "(log)",
            reason: e.to_string(),
        });
        return report;
    }
    report
}

/// [`import_sirup`] into a bulk load already under way.
pub(crate) fn import_sirup_into(
    chain: &mut rantai_chain::Loader<'_>,
    importer: ActorId,
    packages: Vec<sirup::SirupPackage>,
    issues: Vec<RowIssue>,
) -> ImportReport {
    let mut report = ImportReport {
        rows: packages.len() + issues.len(),
        refused: issues,
        ..ImportReport::new(sirup::DATASET)
    };
    let mut known: BTreeSet<_> = chain.state().organisations().keys().copied().collect();
    for p in packages {
        let key = p.spec.kd_rup.map_or_else(|| p.spec.id.to_string(), |k| k.to_string());
        let refuse = |field: &'static str, reason: String| RowIssue {
            dataset: sirup::DATASET.into(),
            record: key.clone(),
            field,
            reason,
        };
        let created = p.announced_on.unwrap_or(p.spec.fiscal_year.first_day());
        if known.insert(p.spec.organisation) {
            let organisation = Organisation::new(p.spec.organisation, p.org_code, p.org_name.clone());
            if let Err(e) = chain.record(
                provenance(key.clone()),
                importer,
                at(created),
                Command::RegisterOrganisation { organisation },
            ) {
                report.refused.push(refuse("kd_satker_str", e.to_string()));
                known.remove(&p.spec.organisation);
                continue;
            }
        }
        let id = p.spec.id;
        if let Err(e) = chain.record(
            provenance(key.clone()),
            importer,
            at(created),
            Command::DraftPackage { spec: p.spec },
        ) {
            report.refused.push(refuse("(package)", e.to_string()));
            continue;
        }
        if let Some(on) = p.announced_on
            && let Err(e) = chain.record(
                provenance(key.clone()),
                importer,
                at(on),
                Command::AnnouncePackage { package: id, on },
            )
        {
            report.refused.push(refuse("status_umumkan_rup", e.to_string()));
            continue;
        }
        report.imported += 1;
    }
    report
}
