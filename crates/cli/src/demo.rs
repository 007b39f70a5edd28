//! `rantai demo`: the embedded sample region, summarized and explained.

use chrono::NaiveDate;
use rantai_core::Rulebook;
use rantai_sample::sample_region_with;

use crate::lang::Lang;
use crate::report_cmd::{self, CsvTable, Format};
use crate::store_cmd;

/// The sample region's key (`kd_klpd`) in a store.
const SAMPLE_REGION: &str = "D999";

pub(crate) fn run(rulebook: Rulebook, db: &str, format: Format, lang: Lang) -> Result<(), String> {
    let chain = store_cmd::open_or_build(db, SAMPLE_REGION, rulebook, sample_region_with)?;
    chain.verify().map_err(|e| e.to_string())?;
    let (y, m, d) = rantai_sample::AS_OF;
    let as_of = NaiveDate::from_ymd_opt(y, m, d).ok_or("the sample's observation date is invalid")?;
    report_cmd::print(&chain, as_of, format, CsvTable::Findings, lang)
}
