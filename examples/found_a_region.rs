//! A region from nothing, without the sample: found Kab. Contoh, register its Dinas PUPR and
//! officials, register a sub-kegiatan, then announce two RUP packages by Pengadaan Langsung.
//! Rp180 juta of goods is within the Perpres 16/2018 Pasal 38(3) ceiling of Rp200 juta and is
//! announced; Rp350 juta is above it: as a command its announcement is refused with P-01's
//! evidence and the log is unchanged (the package stays a draft, which P-01 still flags), and
//! recorded as facts from SIRUP such a package is kept and becomes a finding.
//!
//! Run with `cargo run --example found_a_region`.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rantai::core::Provenance;
use rantai::prelude::*;

const BUPATI: ActorId = ActorId::from_u128(1);
const BAPPEDA: ActorId = ActorId::from_u128(2);
const PA: ActorId = ActorId::from_u128(3);
const PPK: ActorId = ActorId::from_u128(4);
const DINAS: OrganisationId = OrganisationId::from_u128(1);
const SUB: SubKegiatanId = SubKegiatanId::from_u128(1);

fn day(m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(2025, m, d).ok_or_else(|| format!("no 2025-{m}-{d}"))
}

fn at(m: u32, d: u32) -> Result<DateTime<Utc>, String> {
    let noon = day(m, d)?.and_hms_opt(9, 0, 0).ok_or("no 09:00")?;
    Ok(Utc.from_utc_datetime(&noon))
}

fn rp(n: i64) -> Result<Money, String> {
    Money::from_rupiah(n).map_err(|e| e.to_string())
}

/// A goods package of `pagu` by Pengadaan Langsung, funded by one line of the sub-kegiatan.
fn package(id: u128, name: &str, pagu: i64) -> Result<PackageSpec, String> {
    let mak: Mak = "1.03.10.2.01.0003.5.2.02.01.01.0001"
        .parse()
        .map_err(|e| format!("{e}"))?;
    Ok(PackageSpec {
        id: PackageId::from_u128(id),
        kd_rup: None,
        organisation: DINAS,
        name: name.into(),
        fiscal_year: FiscalYear::new(2025).map_err(|e| e.to_string())?,
        jenis: JenisPengadaan::Barang,
        metode: MetodePemilihan::PengadaanLangsung,
        pagu: rp(pagu)?,
        funding: vec![FundingLine {
            sub_kegiatan: SUB,
            mak,
            amount: rp(pagu)?,
        }],
        selection: Window {
            start: day(2, 3)?,
            end: day(2, 28)?,
        },
        execution: Window {
            start: day(3, 3)?,
            end: day(5, 30)?,
        },
        utilization: None,
        kind: PackageKind::Penyedia,
        additional_jenis: Vec::new(),
        flags: PackageFlags::umk_pdn(),
        locations: Vec::new(),
        ppk: PPK,
    })
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let head = Actor::new(BUPATI, "Bupati").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let profile = RegionProfile {
        name: "Kab. Contoh".into(),
        kd_klpd: "D998".into(),
        level: GovLevel::KabupatenKota,
    };
    let mut chain = Chain::found(
        profile,
        Rulebook::standard().clone(),
        Box::new(FixedClock(at(1, 2)?)),
        head,
        at(1, 2)?,
    )?;
    let organisation = Organisation::new(DINAS, "1.03.0.00.0.00.01.0000".parse()?, "Dinas PUPR");
    chain.execute(BUPATI, at(1, 2)?, Command::RegisterOrganisation { organisation })?;
    let grant = |role, scope| Grant { role, scope };
    for actor in [
        Actor::new(BAPPEDA, "Bappeda").with_grant(grant(Role::Bappeda, Scope::Region)),
        Actor::new(PA, "PA Dinas PUPR").with_grant(grant(Role::Pa, Scope::Organisation(DINAS))),
        Actor::new(PPK, "PPK Dinas PUPR").with_grant(grant(Role::Ppk, Scope::Organisation(DINAS))),
    ] {
        chain.execute(BUPATI, at(1, 2)?, Command::RegisterActor { actor })?;
    }
    let spec = SubKegiatanSpec {
        id: SUB,
        organisation: DINAS,
        code: "1.03.10.2.01.0003".parse()?,
        name: "Rehabilitasi Jalan".into(),
        fiscal_year: FiscalYear::new(2025)?,
        pagu: rp(1_000_000_000)?,
        kegiatan: None,
        indicators: Vec::new(),
    };
    chain.execute(BAPPEDA, at(1, 3)?, Command::RegisterSubKegiatan { spec })?;

    // Rp180 juta of goods by Pengadaan Langsung: drafted by the PPK, announced by the PA.
    let within = package(1, "Pengadaan Rambu Jalan", 180_000_000)?;
    chain.execute(PPK, at(1, 13)?, Command::DraftPackage { spec: within })?;
    chain.execute(
        PA,
        at(1, 20)?,
        Command::AnnouncePackage {
            package: PackageId::from_u128(1),
            on: day(1, 20)?,
        },
    )?;

    // Rp350 juta the same way: P-01 refuses the announcement, and nothing changes.
    let above = package(2, "Pengadaan Lampu Penerangan Jalan", 350_000_000)?;
    chain.execute(PPK, at(1, 13)?, Command::DraftPackage { spec: above.clone() })?;
    let events = chain.log().len();
    let announce = Command::AnnouncePackage {
        package: PackageId::from_u128(2),
        on: day(1, 20)?,
    };
    match chain.execute(PA, at(1, 20)?, announce) {
        Err(refused) => println!("refused: {refused}"),
        Ok(_) => return Err("a Rp350 juta Pengadaan Langsung of goods was announced".into()),
    }
    assert_eq!(chain.log().len(), events, "a refused command leaves the log as it was");

    // SIRUP already shows a third such package announced: recorded as facts (drafted, then
    // announced), it is kept, and the engine reports it.
    let sirup = Provenance::Import {
        system: "SIRUP".into(),
        dataset: "RUP-PaketPenyedia-Terumumkan".into(),
        record_key: "52300003".into(),
    };
    let recorded = PackageSpec {
        id: PackageId::from_u128(3),
        ..above
    };
    chain.record(
        sirup.clone(),
        BUPATI,
        at(1, 21)?,
        Command::DraftPackage { spec: recorded },
    )?;
    let announced = Command::AnnouncePackage {
        package: PackageId::from_u128(3),
        on: day(1, 21)?,
    };
    chain.record(sirup, BUPATI, at(1, 21)?, announced)?;

    let findings = chain.findings();
    let view = chain.state().view();
    for finding in findings.iter().filter(|f| f.is_found()) {
        println!(
            "{} {} — {}: {}",
            finding.code,
            finding.text.title,
            subject_label(&view, finding.subject),
            finding.text.citation
        );
    }
    let p01: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == RuleId::P01 && f.is_found())
        .collect();
    // P-01 judges every RUP package: the draft the PA could not announce, and the recorded one.
    assert_eq!(p01.len(), 2, "P-01 finds the two Rp350 juta packages");
    let summary = chain.summary(&findings);
    let found = summary.findings.error + summary.findings.warn + summary.findings.info;
    println!("{} packages, {found} findings found", summary.packages);
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
