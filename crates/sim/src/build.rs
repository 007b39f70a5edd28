//! From a generated [`Region`] to a [`Chain`]: the setup by live commands (organisations,
//! officials, providers and their owners, plan, budget), then every package through its path —
//! commands, or facts recorded as SIRUP, SPSE, SIPD and e-Monev would send them.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rantai_budgeting::{AnggaranKas, DpaLineSpec, Sp2d, Spd};
use rantai_chain::{Chain, ChainError, Command, FixedClock, Loader, PlanData, RegionState};
use rantai_core::{
    Actor, ActorId, BidId, ContractId, DpaLineId, ExternalKey, FiscalYear, Grant, JenisPengadaan, KegiatanId, KodeRup,
    Mak, MetodePemilihan, Money, Organisation, OrganisationId, PackageId, PaymentId, ProcurementId, ProgramId, Ratio,
    RegionProfile, ReportId, Role, Rulebook, Scope, SpdId, SubKegiatanCode, SubKegiatanId,
};
use rantai_monev::ProgressReport;
use rantai_planning::{
    BudgetStructure, FundingLine, Kegiatan, PackageFlags, PackageKind, PackageSpec, Program, SubKegiatanSpec, Window,
};
use rantai_procurement::rules::direct_basis::DirectBasis;
use rantai_procurement::rules::{contract_form, performance_bond};
use rantai_procurement::{
    Addendum, Award, Bid, ContractForm, ContractSpec, ContractType, EvaluationMethod, Officials, Ownership,
    ProviderSize, Stake, TenderSpec, Tie,
};
use rantai_sample::{at, import_provenance, rekening};

use crate::generate::{YEAR, day, plus};
use crate::scenario::{Control, Path, Procured, Region, Scenario};

/// The Kepala Daerah, who founds the chain.
pub const KEPALA_DAERAH: ActorId = ActorId::from_u128(100);
/// Bappeda.
pub const BAPPEDA: ActorId = ActorId::from_u128(101);
/// The BUD.
pub const BUD: ActorId = ActorId::from_u128(102);
/// The importer of SIRUP, SPSE, SIPD and e-Monev facts.
pub const IMPORTER: ActorId = ActorId::from_u128(103);

/// The ids the builder gives a region's records.
pub mod ids {
    use super::*;

    /// Organisation `o`.
    pub fn organisation(o: usize) -> OrganisationId {
        OrganisationId::from_u128(1 + o as u128)
    }
    /// Package `i`.
    pub fn package(i: usize) -> PackageId {
        PackageId::from_u128(1_000_000 + i as u128)
    }
    /// The procurement of package `i`.
    pub fn procurement(i: usize) -> ProcurementId {
        ProcurementId::from_u128(2_000_000 + i as u128)
    }
    /// The contract of package `i`.
    pub fn contract(i: usize) -> ContractId {
        ContractId::from_u128(3_000_000 + i as u128)
    }
    /// The DPA line of package `i`: its own, or the shared line of its sub-kegiatan and jenis.
    pub fn dpa_line(s: &Scenario, i: usize) -> DpaLineId {
        if s.procured.as_ref().is_some_and(|p| p.own_line.is_some()) {
            DpaLineId::from_u128(8_000_000 + i as u128)
        } else {
            DpaLineId::from_u128(7_000_000 + (s.org * 1000 + s.sub * 4 + jenis_index(s.jenis)) as u128)
        }
    }
    /// The `kd_rup` a procurement of package `i` cites when its anomaly is an unknown plan.
    pub fn unknown_kd_rup(i: usize) -> KodeRup {
        KodeRup::new(69_000_000 + i as u64)
    }
    /// The `kd_rup` of package `i`.
    pub fn kd_rup(i: usize) -> KodeRup {
        KodeRup::new(60_000_000 + i as u64)
    }
    /// The SPSE `kd_tender` (or `kd_nontender`, or catalogue order) of package `i`.
    pub fn kd_tender(i: usize) -> String {
        format!("{}", 20_000_000 + i)
    }
    /// Provider `n` of the pool.
    pub fn provider(n: usize) -> ActorId {
        ActorId::from_u128(100_000 + n as u128)
    }
    /// The PA of organisation `o`.
    pub fn pa(o: usize) -> ActorId {
        ActorId::from_u128(10_000 + o as u128 * 10)
    }
    /// The PPK of organisation `o`.
    pub fn ppk(o: usize) -> ActorId {
        ActorId::from_u128(10_001 + o as u128 * 10)
    }
    /// The PPTK of organisation `o`.
    pub fn pptk(o: usize) -> ActorId {
        ActorId::from_u128(10_002 + o as u128 * 10)
    }
    /// The Pejabat Pengadaan of organisation `o`.
    pub fn pejabat_pengadaan(o: usize) -> ActorId {
        ActorId::from_u128(10_003 + o as u128 * 10)
    }
    /// Member `k` (0–2) of Pokja `g`.
    pub fn pokja(g: usize, k: usize) -> ActorId {
        ActorId::from_u128(1_000 + (g * 3 + k) as u128)
    }
    /// The kegiatan whose first sub-kegiatan is `s` of organisation `o`.
    pub fn kegiatan(o: usize, s: usize) -> KegiatanId {
        KegiatanId::from_u128(30_000 + (o * 100 + s) as u128)
    }
    /// The sub-kegiatan `s` of organisation `o`.
    pub fn sub_kegiatan(o: usize, s: usize) -> SubKegiatanId {
        SubKegiatanId::from_u128(40_000 + (o * 100 + s) as u128)
    }
    pub(crate) fn jenis_index_of(j: JenisPengadaan) -> usize {
        jenis_index(j)
    }
    fn jenis_index(j: JenisPengadaan) -> usize {
        match j {
            JenisPengadaan::Barang => 0,
            JenisPengadaan::PekerjaanKonstruksi => 1,
            JenisPengadaan::JasaKonsultansi => 2,
            JenisPengadaan::JasaLainnya => 3,
        }
    }
}

/// The date the region is evaluated on: the last day of the year.
pub fn as_of() -> NaiveDate {
    day(12, 31)
}

/// The kode rekening a package of `jenis` is paid from, as text.
pub fn rekening_code(jenis: JenisPengadaan) -> String {
    rekening(jenis).to_string()
}

/// The performance bond the PPK obtains for a package's contract: what Pasal 33 requires of its
/// value and offer (H-05's rule), or half of it when the anomaly says so; none when none is
/// required.
pub fn performance_bond_of(s: &Scenario, p: &Procured, rulebook: &Rulebook) -> Option<Money> {
    let terms = performance_bond::BondTerms {
        jenis: s.jenis,
        metode: p.metode,
        value: p.value,
        hps: p.hps,
        offer: p.winning().map(|b| b.offer),
        signed_on: p.signed_on,
    };
    let required = performance_bond::required(&terms, rulebook).ok().flatten()?.1;
    Some(if p.bond_short {
        required.mul_ratio(Ratio::percent(50)).unwrap_or(required)
    } else {
        required
    })
}

/// A package's planned selection and execution windows: selection over its first month and the
/// next, execution from the month after to 15 December.
pub fn windows(s: &Scenario) -> (Window, Window) {
    let start = day(s.select_month, 1);
    let selection = Window {
        start,
        end: day(s.select_month + 2, 1).pred_opt().unwrap_or(start),
    };
    let execution = Window {
        start: day(s.select_month + 2, 1),
        end: day(12, 15),
    };
    (selection, execution)
}

/// How a procurement's offers are evaluated: quality and cost for consultancy (and the Tender
/// Cepat whose anomaly says so), the lowest price otherwise.
pub fn evaluation(s: &Scenario) -> EvaluationMethod {
    if s.jenis == JenisPengadaan::JasaKonsultansi || s.anomaly == Some(crate::Anomaly::TenderCepatByQuality) {
        EvaluationMethod::KualitasDanBiaya
    } else {
        EvaluationMethod::HargaTerendah
    }
}

/// A contract's type: works partly by unit (Gabungan), everything else at one price (Lumsum),
/// unless the anomaly sets another.
pub fn contract_type(s: &Scenario, p: &Procured) -> ContractType {
    p.contract_type
        .unwrap_or(if s.jenis == JenisPengadaan::PekerjaanKonstruksi {
            ContractType::Gabungan
        } else {
            ContractType::Lumsum
        })
}

/// A contract's form: the one its value requires under `rulebook`, unless the anomaly sets another.
pub fn contract_form_of(s: &Scenario, p: &Procured, rulebook: &Rulebook) -> ContractForm {
    p.form.unwrap_or_else(|| {
        contract_form::required(p.value, s.jenis, p.signed_on, rulebook).unwrap_or(ContractForm::SuratPerjanjian)
    })
}

/// A contract's number, saying SPK for a surat perintah kerja (as SPSE's numbers do, and as the
/// ISB importer reads the form), KWT for a kuitansi or receipt, SP for a surat perjanjian.
pub fn contract_number(i: usize, org: usize, form: ContractForm) -> String {
    let kind = match form {
        ContractForm::Spk => "SPK",
        ContractForm::Kuitansi | ContractForm::BuktiPembelian => "KWT",
        _ => "SP",
    };
    format!("{:03}/{}/{kind}/{YEAR}", i + 1, org + 1)
}

/// The number of Pokja groups of a region: one per four organisations.
pub fn pokja_groups(region: &Region) -> usize {
    (region.organisations.len() / 4).max(1)
}

/// The DPA lines of a region: id, organisation, sub-kegiatan, jenis and pagu — one per
/// organisation, sub-kegiatan and jenis with packages, plus a line of its own for each package
/// whose anomaly needs one.
pub fn dpa_lines(region: &Region) -> BTreeMap<DpaLineId, (usize, usize, JenisPengadaan, Money)> {
    let mut out: BTreeMap<DpaLineId, (usize, usize, JenisPengadaan, Money)> = BTreeMap::new();
    for (i, s) in region.packages.iter().enumerate() {
        let pagu = s.procured.as_ref().and_then(|p| p.own_line).unwrap_or(s.pagu);
        let entry = out
            .entry(ids::dpa_line(s, i))
            .or_insert((s.org, s.sub, s.jenis, Money::ZERO));
        entry.3 += pagu;
    }
    out
}

/// Builds the region's chain under the standard rulebook.
///
/// # Errors
///
/// A [`ChainError`] when a command is refused: a defect of the generator, never of the input.
pub fn build(region: &Region) -> Result<Chain, ChainError> {
    build_under(region, Rulebook::standard().clone())
}

/// Builds the region's chain under `rulebook`.
///
/// # Errors
///
/// As [`build`].
pub fn build_under(region: &Region, rulebook: Rulebook) -> Result<Chain, ChainError> {
    build_then(region, rulebook, |_, _| ()).map(|(chain, ())| chain)
}

/// Builds the region's chain under `rulebook` and runs `analyse` on its state as soon as the
/// last event is applied, while the envelopes are still being sealed on the other thread.
///
/// # Errors
///
/// As [`build`].
///
/// ```
/// use rantai_sim::{RegionSpec, as_of, build::build_then, generate};
///
/// let region = generate(&RegionSpec::kabupaten(2, 120)).unwrap();
/// let rulebook = rantai_core::Rulebook::standard().clone();
/// let (chain, findings) = build_then(&region, rulebook, |state, rulebook| {
///     rantai_engine::evaluate(&state.view().as_of(as_of()), rulebook)
/// })
/// .unwrap();
/// assert_eq!(findings, chain.findings_as_of(as_of()));
/// ```
pub fn build_then<T>(
    region: &Region,
    rulebook: Rulebook,
    analyse: impl FnOnce(&RegionState, &Rulebook) -> T,
) -> Result<(Chain, T), ChainError> {
    let founded = at(day(1, 2));
    let head = Actor::new(KEPALA_DAERAH, "Kepala Daerah").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let profile = RegionProfile {
        name: region.spec.name.clone(),
        kd_klpd: region.spec.kd_klpd.clone(),
        level: region.spec.level,
    };
    let clock = Box::new(FixedClock(at(day(12, 31))));
    let mut chain = Chain::found(profile, rulebook, clock, head, founded)?;
    let mut loader = chain.loader();
    setup(&mut loader, region, founded)?;
    for (i, s) in region.packages.iter().enumerate() {
        package(&mut loader, region, i, s)?;
    }
    let analysed = analyse(loader.state(), loader.rulebook());
    loader.finish()?;
    Ok((chain, analysed))
}

fn year() -> Result<FiscalYear, ChainError> {
    Ok(FiscalYear::new(YEAR)?)
}

fn setup(chain: &mut Loader<'_>, region: &Region, t: DateTime<Utc>) -> Result<(), ChainError> {
    let region_wide = |id, label: String, role| {
        Actor::new(id, label).with_grant(Grant {
            role,
            scope: Scope::Region,
        })
    };
    for (o, org) in region.organisations.iter().enumerate() {
        let organisation = Organisation::new(ids::organisation(o), org.code.parse()?, org.name.as_str());
        chain.execute(KEPALA_DAERAH, t, Command::RegisterOrganisation { organisation })?;
    }
    let mut actors = vec![
        region_wide(BAPPEDA, "Bappeda".into(), Role::Bappeda),
        region_wide(BUD, "BUD".into(), Role::Bud),
        Actor::new(IMPORTER, "Importir data"),
    ];
    for g in 0..pokja_groups(region) {
        for k in 0..3 {
            actors.push(region_wide(
                ids::pokja(g, k),
                format!("Pokja {} anggota {}", g + 1, k + 1),
                Role::PokjaMember,
            ));
        }
    }
    for (o, org) in region.organisations.iter().enumerate() {
        let in_org = |role| Grant {
            role,
            scope: Scope::Organisation(ids::organisation(o)),
        };
        let name = &org.name;
        // A second duty the Perpres keeps apart, where an organisation's anomaly gives one.
        let also = |anomaly, role| region.org_anomalies.contains(&(o, anomaly)).then(|| in_org(role));
        let with = |actor: Actor, extra: Option<Grant>| match extra {
            Some(grant) => actor.with_grant(grant),
            None => actor,
        };
        actors.push(Actor::new(ids::pa(o), format!("PA {name}")).with_grant(in_org(Role::Pa)));
        let ppk = Actor::new(ids::ppk(o), format!("PPK {name}")).with_grant(in_org(Role::Ppk));
        let ppk = with(ppk, also(crate::OrgAnomaly::PpkAlsoBendahara, Role::Bendahara));
        actors.push(with(ppk, also(crate::OrgAnomaly::KpaAlsoPpk, Role::Kpa)));
        let pptk = Actor::new(ids::pptk(o), format!("PPTK {name}")).with_grant(in_org(Role::Pptk));
        actors.push(with(pptk, also(crate::OrgAnomaly::PpkSkpdAlsoPptk, Role::PpkSkpd)));
        let pejabat = Actor::new(ids::pejabat_pengadaan(o), format!("Pejabat Pengadaan {name}"))
            .with_grant(in_org(Role::PejabatPengadaan));
        actors.push(with(
            pejabat,
            also(crate::OrgAnomaly::PejabatAlsoBendahara, Role::Bendahara),
        ));
    }
    for n in 0..region.providers {
        actors.push(region_wide(
            ids::provider(n),
            format!("Penyedia {:05}", n + 1),
            Role::Provider,
        ));
    }
    for actor in actors {
        // An appointment the Perpres forbids is refused as a command; the region's personnel
        // records (SIPD's penetapan pejabat) carry it as a fact, which the engine then flags.
        if actor.grants().count() > 1 {
            let provenance = rantai_core::Provenance::Import {
                system: "SIPD".into(),
                dataset: "Penetapan-Pejabat".into(),
                record_key: actor.id().to_string(),
            };
            chain.record(provenance, IMPORTER, t, Command::RegisterActor { actor })?;
        } else {
            chain.execute(KEPALA_DAERAH, t, Command::RegisterActor { actor })?;
        }
    }
    // Every provider of the pool declares one owner of all its shares and one director, neither
    // an official nor shared with another provider: H-10 and H-11 are decided and pass. The
    // providers outside the pool are controlled as their anomaly needs.
    for n in 0..region.providers {
        let control = region.controlled.iter().find(|(p, _)| *p == n).map(|(_, c)| *c);
        let stakes = match control {
            // The PPK of the organisation holds every share.
            Some(Control::Official(org)) => vec![Stake {
                holder: ids::ppk(org),
                tie: Tie::Shareholder,
                share: Some(Ratio::ONE),
            }],
            // One person holds 60 % of two providers.
            Some(Control::Shared(k)) => vec![Stake {
                holder: ActorId::from_u128(7_000_000 + k as u128),
                tie: Tie::Shareholder,
                share: Some(Ratio::percent(60)),
            }],
            None => vec![
                Stake {
                    holder: ActorId::from_u128(5_000_000 + n as u128),
                    tie: Tie::Shareholder,
                    share: Some(Ratio::ONE),
                },
                Stake {
                    holder: ActorId::from_u128(6_000_000 + n as u128),
                    tie: Tie::Director,
                    share: None,
                },
            ],
        };
        let ownership = Ownership {
            provider: ids::provider(n),
            declared_on: day(1, 2),
            stakes,
        };
        chain.execute(ids::provider(n), t, Command::DeclareOwnership { ownership })?;
    }
    plan_structure(chain, region, t)?;
    quarterly_reports(chain, region)?;
    // The DPA: one line per sub-kegiatan and jenis (or per package where an anomaly needs its own),
    // its whole pagu in the January anggaran kas and one SPD for the year.
    for (n, (id, (o, s, jenis, pagu))) in dpa_lines(region).into_iter().enumerate() {
        let code: SubKegiatanCode = region.organisations[o].subs[s].0.parse()?;
        let spec = DpaLineSpec {
            id,
            organisation: ids::organisation(o),
            sub_kegiatan: ids::sub_kegiatan(o, s),
            mak: Mak::new(code, rekening(jenis)),
            fiscal_year: year()?,
            pagu,
            anggaran_kas: AnggaranKas::all_from_january(pagu),
        };
        chain.execute(BUD, t, Command::OpenDpaLine { spec })?;
        let spd = Spd {
            id: SpdId::from_u128(9_000_000 + n as u128),
            nomor: ExternalKey::new(format!("SPD/{:05}/{YEAR}", n + 1)).ok(),
            from_month: 1,
            to_month: 12,
            amount: pagu,
            issued_on: day(1, 3),
        };
        chain.execute(BUD, at(day(1, 3)), Command::IssueSpd { line: id, spd })?;
    }
    Ok(())
}

/// A region's plan: budget structures, programs, kegiatan and sub-kegiatan, as both the chain
/// and the ISB files carry them.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// One budget structure per organisation.
    pub budgets: Vec<BudgetStructure>,
    /// One program per organisation.
    pub programs: Vec<Program>,
    /// Kegiatan, with their program.
    pub kegiatan: Vec<Kegiatan>,
    /// Sub-kegiatan, with their organisation and number within it.
    pub sub_kegiatan: Vec<(usize, usize, SubKegiatanSpec)>,
}

/// The plan of a region: each organisation's procurement spending is what its packages plan,
/// and every level's pagu covers its packages with a tenth to spare (at least Rp10 juta).
///
/// # Errors
///
/// A [`ChainError`] for an amount out of range or a malformed code: a defect of the generator.
pub fn plan(region: &Region) -> Result<Plan, ChainError> {
    let mut by_sub: BTreeMap<(usize, usize), Money> = BTreeMap::new();
    for s in &region.packages {
        let e = by_sub.entry((s.org, s.sub)).or_insert(Money::ZERO);
        *e = e.checked_add(s.pagu)?;
    }
    let with_margin = |m: Money| -> Result<Money, ChainError> {
        let m = m.max(Money::from_rupiah(10_000_000)?);
        Ok(m.checked_add(m.mul_ratio(Ratio::percent(10))?)?)
    };
    let mut out = Plan::default();
    for (o, org) in region.organisations.iter().enumerate() {
        let packaged = Money::try_sum(by_sub.range((o, 0)..(o + 1, 0)).map(|(_, m)| m))?;
        let half = packaged.mul_ratio(Ratio::percent(50))?;
        out.budgets.push(BudgetStructure {
            organisation: ids::organisation(o),
            fiscal_year: year()?,
            belanja_operasi: half,
            belanja_modal: packaged.checked_sub(half)?,
            belanja_pengadaan: packaged,
            total_belanja: packaged.checked_add(packaged.mul_ratio(Ratio::percent(20))?)?,
        });
        let subs: Vec<(SubKegiatanCode, Money)> = org
            .subs
            .iter()
            .enumerate()
            .map(|(s, (code, _))| {
                let planned = by_sub.get(&(o, s)).copied().unwrap_or(Money::ZERO);
                let overdrawn = region
                    .org_anomalies
                    .contains(&(o, crate::OrgAnomaly::SubKegiatanOverdrawn(s)));
                // An overdrawn sub-kegiatan gets nine tenths of what its packages plan (K-03).
                let pagu = if overdrawn {
                    planned.mul_ratio(Ratio::percent(90))?
                } else {
                    with_margin(planned)?
                };
                Ok((code.parse::<SubKegiatanCode>()?, pagu))
            })
            .collect::<Result<_, ChainError>>()?;
        let Some((first, _)) = subs.first() else {
            continue;
        };
        let program_id = ProgramId::from_u128(20_000 + o as u128);
        out.programs.push(Program {
            id: program_id,
            organisation: ids::organisation(o),
            code: first.program(),
            name: format!("Program {}", org.name),
            fiscal_year: year()?,
            pagu: Money::try_sum(subs.iter().map(|(_, m)| m))?,
            indicators: Vec::new(),
        });
        let mut kegiatan_ids: BTreeMap<String, KegiatanId> = BTreeMap::new();
        for (s, (code, _)) in subs.iter().enumerate() {
            let key = code.kegiatan().to_string();
            if kegiatan_ids.contains_key(&key) {
                continue;
            }
            let pagu = Money::try_sum(
                subs.iter()
                    .filter(|(c, _)| c.kegiatan().to_string() == key)
                    .map(|(_, m)| m),
            )?;
            let kegiatan = Kegiatan {
                id: ids::kegiatan(o, s),
                organisation: ids::organisation(o),
                program: program_id,
                code: code.kegiatan(),
                name: format!("Kegiatan {}", org.subs[s].1),
                fiscal_year: year()?,
                pagu,
                indicators: Vec::new(),
            };
            kegiatan_ids.insert(key, kegiatan.id);
            out.kegiatan.push(kegiatan);
        }
        for (s, (code, pagu)) in subs.iter().enumerate() {
            let spec = SubKegiatanSpec {
                id: ids::sub_kegiatan(o, s),
                organisation: ids::organisation(o),
                code: *code,
                name: org.subs[s].1.clone(),
                fiscal_year: year()?,
                pagu: *pagu,
                kegiatan: kegiatan_ids.get(&code.kegiatan().to_string()).copied(),
                indicators: Vec::new(),
            };
            out.sub_kegiatan.push((o, s, spec));
        }
    }
    Ok(out)
}

/// Every OPD's PP 39/2006 reports (forms A, B and C) of the quarters whose deadline falls in the
/// year, each submitted on its deadline (from K-13's working days in the rulebook) — or, for an
/// organisation whose anomaly says so, the second quarter's form A a week late.
fn quarterly_reports(chain: &mut Loader<'_>, region: &Region) -> Result<(), ChainError> {
    let calendar = rantai_core::WorkingCalendar::default();
    let year = year()?;
    for o in 0..region.organisations.len() {
        let late = region
            .org_anomalies
            .contains(&(o, crate::OrgAnomaly::LateQuarterlyReport));
        for quarter in rantai_core::Quarter::ALL {
            for form in rantai_monev::ReportForm::OPD {
                let due = rantai_monev::deadline(form, year, quarter, &calendar, chain.rulebook())
                    .map_err(ChainError::InvalidCommand)?;
                if due > as_of() {
                    continue;
                }
                let submitted_on = if late && quarter == rantai_core::Quarter::Q2 && form == rantai_monev::ReportForm::A
                {
                    plus(due, 7)
                } else {
                    due
                };
                let report = rantai_monev::QuarterlyReport {
                    organisation: ids::organisation(o),
                    form,
                    fiscal_year: year,
                    quarter,
                    submitted_on,
                };
                let provenance = rantai_core::Provenance::Import {
                    system: "e-Monev".into(),
                    dataset: "Laporan-PP-39-2006".into(),
                    record_key: format!("{o}/{quarter:?}/{form:?}"),
                };
                chain.record(
                    provenance,
                    IMPORTER,
                    at(submitted_on),
                    Command::SubmitQuarterlyReport { report },
                )?;
            }
        }
    }
    Ok(())
}

/// Registers the plan: budget structures by the BUD, the rest by Bappeda.
fn plan_structure(chain: &mut Loader<'_>, region: &Region, t: DateTime<Utc>) -> Result<(), ChainError> {
    let plan = plan(region)?;
    for budget in plan.budgets {
        chain.execute(BUD, t, Command::RegisterBudgetStructure { budget })?;
    }
    for program in plan.programs {
        chain.execute(BAPPEDA, t, Command::RegisterProgram { program })?;
    }
    for kegiatan in plan.kegiatan {
        chain.execute(BAPPEDA, t, Command::RegisterKegiatan { kegiatan })?;
    }
    for (_, _, spec) in plan.sub_kegiatan {
        chain.execute(BAPPEDA, t, Command::RegisterSubKegiatan { spec })?;
    }
    Ok(())
}

/// Sends a command, or records it as the system that holds it would report it.
fn send(
    chain: &mut Loader<'_>,
    path: Path,
    actor: ActorId,
    date: NaiveDate,
    key: &str,
    command: Command,
) -> Result<(), ChainError> {
    match path {
        Path::Command => chain.execute(actor, at(date), command),
        Path::Record => {
            let provenance = import_provenance(&command, key.to_string());
            chain.record(provenance, IMPORTER, at(date), command)
        }
    }
}

fn package(chain: &mut Loader<'_>, region: &Region, i: usize, s: &Scenario) -> Result<(), ChainError> {
    let org = s.org;
    let code: SubKegiatanCode = region.organisations[org].subs[s.sub].0.parse()?;
    let mak = Mak::new(code, rekening(s.jenis));
    let (selection, execution) = windows(s);
    let spec = PackageSpec {
        id: ids::package(i),
        kd_rup: Some(ids::kd_rup(i)),
        organisation: ids::organisation(org),
        name: s.name.clone(),
        fiscal_year: year()?,
        jenis: s.jenis,
        metode: s.metode,
        pagu: s.pagu,
        funding: vec![FundingLine {
            sub_kegiatan: ids::sub_kegiatan(org, s.sub),
            mak,
            amount: s.pagu,
        }],
        selection,
        execution,
        utilization: None,
        kind: PackageKind::Penyedia,
        additional_jenis: Vec::new(),
        flags: PackageFlags {
            umk: s.umk,
            non_umk_reason: s.non_umk_reason.clone(),
            ..PackageFlags::umk_pdn()
        },
        locations: Vec::new(),
        ppk: ids::ppk(org),
    };
    let key = ids::kd_rup(i).to_string();
    send(
        chain,
        s.path,
        ids::ppk(org),
        day(1, 13),
        &key,
        Command::DraftPackage { spec },
    )?;
    let announce = Command::AnnouncePackage {
        package: ids::package(i),
        on: day(1, 20),
    };
    send(chain, s.path, ids::pa(org), day(1, 20), &key, announce)?;
    match &s.procured {
        Some(p) => procurement(chain, region, i, s, p),
        None => Ok(()),
    }
}

fn procurement(
    chain: &mut Loader<'_>,
    region: &Region,
    i: usize,
    s: &Scenario,
    p: &Procured,
) -> Result<(), ChainError> {
    // The organisation that procures: the planner's, unless another one took the package (D2).
    let org = p.procuring_org.unwrap_or(s.org);
    let pid = ids::procurement(i);
    let kd_tender = ids::kd_tender(i);
    let competitive = p.metode.is_competitive();
    // Above the Pejabat Pengadaan's value (P-04) the PPK runs a catalogue purchase itself.
    let pejabat_max = chain
        .rulebook()
        .get(rantai_core::param::p04::PEJABAT_PENGADAAN_MAX, p.announced_on)?;
    let by_ppk = p.metode == MetodePemilihan::EPurchasing
        && p.pagu > pejabat_max
        && s.anomaly != Some(crate::Anomaly::EPurchasingByPejabat);
    let group = i % pokja_groups(region);
    let officials = if competitive {
        Officials {
            ppk: Some(ids::ppk(org)),
            pokja: (0..p.pokja_size).map(|k| ids::pokja(group, k)).collect(),
            pejabat_pengadaan: None,
        }
    } else if by_ppk {
        Officials {
            ppk: Some(ids::ppk(org)),
            pokja: Vec::new(),
            pejabat_pengadaan: None,
        }
    } else {
        Officials {
            ppk: Some(ids::ppk(org)),
            pokja: Vec::new(),
            pejabat_pengadaan: Some(if p.ppk_selects {
                ids::ppk(org)
            } else {
                ids::pejabat_pengadaan(org)
            }),
        }
    };
    let selector = if competitive {
        ids::pokja(group, 0)
    } else if by_ppk || p.ppk_selects {
        ids::ppk(org)
    } else {
        ids::pejabat_pengadaan(org)
    };
    let spec = TenderSpec {
        id: pid,
        kd_tender: ExternalKey::new(kd_tender.clone()).ok(),
        organisation: ids::organisation(org),
        name: s.name.clone(),
        fiscal_year: year()?,
        jenis: s.jenis,
        metode: p.metode,
        pagu: p.pagu,
        hps: p.hps,
        announced_on: p.announced_on,
        evaluation: Some(evaluation(s)),
        // The false ground: a failed re-tender the chain never saw.
        direct_basis: (p.metode == MetodePemilihan::PenunjukanLangsung).then(|| DirectBasis::FailedRetender {
            procurement: ProcurementId::from_u128(2_900_000 + i as u128),
        }),
        officials,
    };
    let announce = match (s.path, p.unknown_rup) {
        (Path::Command, _) => Command::AnnounceTender {
            spec,
            packages: vec![ids::package(i)],
        },
        (Path::Record, unknown) => Command::RecordTender {
            spec,
            kd_rup: vec![if unknown {
                ids::unknown_kd_rup(i)
            } else {
                ids::kd_rup(i)
            }],
            plan_data: PlanData::Loaded,
        },
    };
    send(chain, s.path, selector, p.announced_on, &kd_tender, announce)?;
    if competitive {
        let schedule = Command::SetSchedule {
            procurement: pid,
            schedule: crate::schedule::of(p.announced_on, s.anomaly)?,
        };
        send(chain, s.path, selector, p.announced_on, &kd_tender, schedule)?;
    }
    let bid_day = crate::schedule::bid_day(p.announced_on, s.anomaly);
    let bid_id = |k: usize| BidId::from_u128(4_000_000 + (i * 8 + k) as u128);
    for (k, b) in p.bids.iter().enumerate() {
        let bid = Bid {
            id: bid_id(k),
            provider: ids::provider(b.provider),
            offer: b.offer,
            corrected: None,
            disqualified: None,
            submitted_on: bid_day,
        };
        send(
            chain,
            s.path,
            ids::provider(b.provider),
            bid_day,
            &kd_tender,
            Command::SubmitBid { procurement: pid, bid },
        )?;
    }
    if let Some(on) = p.failed_on {
        // Declared failed with no Pasal 51 ground (SPSE's "Gagal/Batal" carries none).
        let failure = rantai_procurement::Failure {
            declared_on: on,
            ground: None,
            statement: Some("Tender gagal".into()),
        };
        let failed = Command::DeclareFailed {
            procurement: pid,
            failure,
        };
        return send(chain, s.path, selector, on, &kd_tender, failed);
    }
    let Some(won) = p.winning() else {
        return Ok(());
    };
    let award = Award {
        bid: bid_id(0),
        provider: ids::provider(won.provider),
        price: won.offer,
        awarded_on: p.award_on,
    };
    send(
        chain,
        s.path,
        selector,
        p.award_on,
        &kd_tender,
        Command::AwardTender {
            procurement: pid,
            award,
        },
    )?;
    if let Some(on) = p.sppbj_on {
        send(
            chain,
            s.path,
            ids::ppk(org),
            on,
            &kd_tender,
            Command::IssueSppbj { procurement: pid, on },
        )?;
    }
    let cid = ids::contract(i);

    let rulebook = chain.rulebook();
    let bond = performance_bond_of(s, p, rulebook);
    let form = contract_form_of(s, p, rulebook);
    let nomor = contract_number(i, org, form);
    let contract = ContractSpec {
        id: cid,
        nomor: ExternalKey::new(nomor.clone())?,
        signed_on: p.signed_on,
        start: p.start,
        end: p.end,
        value: p.value,
        advance: p.advance,
        form,
        provider_size: ProviderSize::UsahaKecil,
        multi_year: false,
        performance_bond: bond,
        maintenance_days: if s.jenis == JenisPengadaan::PekerjaanKonstruksi {
            180
        } else {
            0
        },
        contract_type: Some(contract_type(s, p)),
    };
    send(
        chain,
        s.path,
        ids::ppk(org),
        p.signed_on,
        &nomor,
        Command::SignContract {
            procurement: pid,
            contract,
        },
    )?;
    for (n, (dated, new_value)) in p.addenda.iter().enumerate() {
        let addendum = Addendum {
            number: n as u32 + 1,
            dated: *dated,
            new_value: *new_value,
            new_end: None,
            reason: "Pekerjaan tambah akibat kondisi lapangan".into(),
        };
        send(
            chain,
            s.path,
            ids::ppk(org),
            *dated,
            &nomor,
            Command::AmendContract {
                contract: cid,
                addendum,
            },
        )?;
    }
    let line = ids::dpa_line(s, i);
    let commit = Command::CommitContract {
        line,
        contract: cid,
        amount: p.committed(),
        on: p.signed_on,
    };
    send(chain, s.path, ids::ppk(org), p.signed_on, &nomor, commit)?;
    // Reports, payments and the handover in date order (payments after a report or handover of
    // the same day).
    let mut steps: Vec<(NaiveDate, u8, usize)> = Vec::new();
    steps.extend(p.reports.iter().enumerate().map(|(n, r)| (r.0, 0, n)));
    steps.extend(p.bast.iter().map(|d| (*d, 1, 0)));
    steps.extend(p.payments.iter().enumerate().map(|(n, pay)| (pay.0, 2, n)));
    steps.sort();
    for (date, kind, n) in steps {
        match kind {
            0 => {
                let (_, actual, planned) = p.reports[n];
                let report = ProgressReport {
                    id: ReportId::from_u128(6_000_000 + (i * 8 + n) as u128),
                    contract: cid,
                    reported_on: date,
                    actual,
                    planned: Some(planned),
                    evidence_ref: None,
                };
                send(
                    chain,
                    s.path,
                    ids::pptk(org),
                    date,
                    &nomor,
                    Command::ReportProgress { report },
                )?;
            }
            1 => {
                let handover = Command::HandOverContract {
                    contract: cid,
                    bast_on: date,
                };
                send(chain, s.path, ids::ppk(org), date, &nomor, handover)?;
            }
            _ => {
                let payment = Sp2d {
                    id: PaymentId::from_u128(5_000_000 + (i * 8 + n) as u128),
                    nomor: None,
                    contract: cid,
                    amount: p.payments[n].1,
                    paid_on: date,
                };
                send(chain, s.path, BUD, date, &nomor, Command::PaySp2d { line, payment })?;
            }
        }
    }
    Ok(())
}
