//! The plan side of ISB: the RUP package table, organisations (satker), their budget structure,
//! and the program → kegiatan → sub-kegiatan masters with their pagu.

use rantai_chain::{Command, PlanData};
use rantai_core::FiscalYear;
use rantai_planning::{BudgetStructure, Kegiatan, Program, SubKegiatanSpec};
use serde_json::Value;

use super::import::{Importer, Taken};
use super::source::{Dataset, IsbSource};
use crate::field::{Failure, Row, fiscal_year_of};
use crate::ids::{kegiatan_id, program_id, sub_kegiatan_id};
use crate::report::ImportReport;
use crate::sirup;

const DELETED: &str = "deleted in SIRUP (is_deleted)";
const UNFUNDED: &str = "pagu 0 in the master: not funded this year";

fn fiscal_year(row: Row<'_>) -> Result<FiscalYear, Failure> {
    row.fiscal_year("tahun_anggaran")
}

fn deleted(row: Row<'_>) -> bool {
    row.0.get("is_deleted").and_then(Value::as_bool) == Some(true)
}

/// The RUP package table (1018), as CSV or JSON, through the SIRUP importer. With it loaded, a
/// procurement's unknown `kd_rup` is a K-04 finding.
pub(crate) fn packages(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    let (packages, issues) = match source.sirup_csv() {
        Some(csv) => sirup::read_csv_keyed(csv, source.pseudonyms()),
        None => sirup::read_json_records_keyed(source.rows(Dataset::PaketPenyedia), source.pseudonyms()),
    };
    let sub = imp.import_sirup(packages, issues);
    report.rows = sub.rows;
    report.imported = sub.imported;
    report.refused = sub.refused;
    imp.plan_data = PlanData::Loaded;
}

/// RUP-MasterSatker (1008): the organisations, and SIRUP's `kd_satker` number for each code.
pub(crate) fn satker(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(
        source,
        Dataset::MasterSatker,
        "kd_satker_str",
        report,
        |imp, key, row| {
            let code = row.text("kd_satker_str")?;
            let (number, name) = (row.key("kd_satker")?, row.opt_text("nama_satker")?);
            imp.organisation_by_code(Dataset::MasterSatker, key, code, name)?;
            imp.satker_codes.insert(number, code.to_string());
            Ok(Taken::Imported)
        },
    );
}

/// RUP-StrukturAnggaranPD (1084): spending per organisation, the RUP denominator (K-06).
pub(crate) fn budget_structure(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(
        source,
        Dataset::StrukturAnggaranPd,
        "kd_satker_str",
        report,
        |imp, key, row| {
            if row.opt_money("total_belanja")?.is_none() && row.opt_money("belanja_operasi")?.is_none() {
                return Ok(Taken::Aside("no spending figures (every belanja field is empty)"));
            }
            let organisation = imp.organisation(Dataset::StrukturAnggaranPd, key, row)?;
            let budget = BudgetStructure {
                organisation,
                fiscal_year: match row.opt_int("tahun_anggaran")? {
                    Some(y) => fiscal_year_of("tahun_anggaran", y)?,
                    // 97 of Kab. Bandung's 165 rows leave the year empty: the dump's year holds.
                    None => fiscal_year_of("tahun_anggaran", i64::from(chrono::Datelike::year(&imp.opened_on)))?,
                },
                belanja_operasi: row.money("belanja_operasi")?,
                belanja_modal: row.money("belanja_modal")?,
                belanja_pengadaan: row.money("belanja_pengadaan")?,
                total_belanja: row.money("total_belanja")?,
            };
            let on = budget.fiscal_year.first_day();
            imp.record(
                Dataset::StrukturAnggaranPd,
                key,
                on,
                Command::RegisterBudgetStructure { budget },
            )
            .map_err(|e| ("(structure)", e))?;
            Ok(Taken::Imported)
        },
    );
}

/// The organisation of a master row, by SIRUP's `kd_satker` number.
fn owner(
    imp: &mut Importer<'_>,
    dataset: Dataset,
    key: &str,
    row: Row<'_>,
) -> Result<rantai_core::OrganisationId, Failure> {
    let number = row.key("kd_satker")?;
    let code = imp
        .satker_codes
        .get(&number)
        .cloned()
        .ok_or(("kd_satker", format!("{number}: not in RUP-MasterSatker")))?;
    imp.organisation_by_code(dataset, key, &code, None)
}

/// RUP-ProgramMaster (1041).
pub(crate) fn programs(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(source, Dataset::ProgramMaster, "kd_program", report, |imp, key, row| {
        if deleted(row) {
            return Ok(Taken::Aside(DELETED));
        }
        if row.money("pagu_program")?.is_zero() {
            return Ok(Taken::Aside(UNFUNDED));
        }
        let program = Program {
            id: program_id(key),
            organisation: owner(imp, Dataset::ProgramMaster, key, row)?,
            code: row.parsed("kd_program_str")?,
            name: row.text("nama_program")?.to_string(),
            fiscal_year: fiscal_year(row)?,
            pagu: row.money("pagu_program")?,
            indicators: Vec::new(),
        };
        let on = program.fiscal_year.first_day();
        imp.record(Dataset::ProgramMaster, key, on, Command::RegisterProgram { program })
            .map_err(|e| ("(program)", e))?;
        Ok(Taken::Imported)
    });
}

/// RUP-KegiatanMaster (1040), under their programs.
pub(crate) fn kegiatan(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(
        source,
        Dataset::KegiatanMaster,
        "kd_kegiatan",
        report,
        |imp, key, row| {
            if deleted(row) {
                return Ok(Taken::Aside(DELETED));
            }
            if row.money("pagu_kegiatan")?.is_zero() {
                return Ok(Taken::Aside(UNFUNDED));
            }
            let kegiatan = Kegiatan {
                id: kegiatan_id(key),
                organisation: owner(imp, Dataset::KegiatanMaster, key, row)?,
                program: program_id(&row.key("kd_program")?),
                code: row.parsed("kd_kegiatan_str")?,
                name: row.text("nama_kegiatan")?.to_string(),
                fiscal_year: fiscal_year(row)?,
                pagu: row.money("pagu_kegiatan")?,
                indicators: Vec::new(),
            };
            let on = kegiatan.fiscal_year.first_day();
            imp.record(Dataset::KegiatanMaster, key, on, Command::RegisterKegiatan { kegiatan })
                .map_err(|e| ("(kegiatan)", e))?;
            Ok(Taken::Imported)
        },
    );
}

/// RUP-SubKegiatanMaster (1039), under their kegiatan.
pub(crate) fn sub_kegiatan(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(
        source,
        Dataset::SubKegiatanMaster,
        "kd_subkegiatan",
        report,
        |imp, key, row| {
            if deleted(row) {
                return Ok(Taken::Aside(DELETED));
            }
            if row.money("pagu_subkegiatan")?.is_zero() {
                return Ok(Taken::Aside(UNFUNDED));
            }
            let spec = SubKegiatanSpec {
                id: sub_kegiatan_id(key),
                organisation: owner(imp, Dataset::SubKegiatanMaster, key, row)?,
                code: row.parsed("kd_subkegiatan_str")?,
                name: row.text("nama_subkegiatan")?.to_string(),
                fiscal_year: fiscal_year(row)?,
                pagu: row.money("pagu_subkegiatan")?,
                kegiatan: Some(kegiatan_id(&row.key("kd_kegiatan")?)),
                indicators: Vec::new(),
            };
            let on = spec.fiscal_year.first_day();
            imp.record(
                Dataset::SubKegiatanMaster,
                key,
                on,
                Command::RegisterSubKegiatan { spec },
            )
            .map_err(|e| ("(sub-kegiatan)", e))?;
            Ok(Taken::Imported)
        },
    );
}
