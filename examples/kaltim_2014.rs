//! LPSE Prov. Kalimantan Timur, fiscal year 2014, from the SPSE 4 tender list dump
//! (`../shared/id-data/spse-dt-lelang-opentender/prov-kaltim.json`, beside the repository root).
//!
//! Prints, for the tenders of TA 2014: a table per agency (K/L/PD, largest total HPS first) with
//! packages, total HPS, finished and in-process tenders and those with a contract value recorded,
//! and a total row; the dump's figures beside Antara's for Jan–mid-Oct 2014; the selection-method
//! mix with each legacy label, the method it means today and its regulation regime; and every
//! row of the file (any year) the reader could not read, with its dataset, record, field and
//! reason.
//!
//! Run with `cargo run --example kaltim_2014`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};
use rantai::core::Money;
use rantai::lkpp::spse_list::{self, ListedTender, MethodLabel};
use rust_decimal::Decimal;

const YEAR: i32 = 2014;
const DUMP: &str = "../shared/id-data/spse-dt-lelang-opentender/prov-kaltim.json";

/// What one agency (or the total) tendered.
#[derive(Default)]
struct Tally {
    packages: usize,
    hps: Money,
    finished: usize,
    with_contract: usize,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kaltim_2014: {message}");
            ExitCode::FAILURE
        }
    }
}

fn right(text: impl ToString) -> Cell {
    Cell::new(text.to_string()).set_alignment(CellAlignment::Right)
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header.to_vec());
    t
}

fn tally_row(name: &str, t: &Tally) -> Vec<Cell> {
    vec![
        Cell::new(name),
        right(t.packages),
        right(t.hps.to_rupiah_string()),
        right(t.finished),
        right(t.packages - t.finished),
        right(t.with_contract),
    ]
}

/// An amount in trillions of rupiah to two decimals, as the press writes it (`Rp5,15 T`).
fn trillions(amount: Money) -> String {
    let t = (amount.as_decimal() / Decimal::from(1_000_000_000_000_i64)).round_dp(2);
    format!("Rp{} T", t.to_string().replace('.', ","))
}

fn run() -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DUMP);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (tenders, issues) = spse_list::read_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let year: Vec<&ListedTender> = tenders.iter().filter(|t| t.fiscal_year == YEAR).collect();

    let mut agencies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut methods: BTreeMap<&str, (usize, &MethodLabel)> = BTreeMap::new();
    for &t in &year {
        for tally in [agencies.entry(t.agency.as_str()).or_default(), &mut total] {
            tally.packages += 1;
            tally.hps = tally.hps.checked_add(t.hps).map_err(|e| e.to_string())?;
            tally.finished += usize::from(t.finished);
            tally.with_contract += usize::from(t.contract_value.is_some());
        }
        methods.entry(t.method.original.as_str()).or_insert((0, &t.method)).0 += 1;
    }
    let mut rows: Vec<(&str, Tally)> = agencies.into_iter().collect();
    rows.sort_by(|a, b| b.1.hps.cmp(&a.1.hps).then(a.0.cmp(b.0)));

    println!(
        "LPSE Prov. Kalimantan Timur, TA {YEAR}: {} of the {} tenders read from the SPSE list dump",
        year.len(),
        tenders.len()
    );
    let mut per_agency = table(&[
        "K/L/PD",
        "Packages",
        "Total HPS",
        "Finished",
        "In process",
        "With contract value",
    ]);
    for (name, tally) in &rows {
        per_agency.add_row(tally_row(name, tally));
    }
    per_agency.add_row(tally_row("Total", &total));
    println!("{per_agency}");
    println!("HPS is read from the list's abbreviated figures (\"1,4 M\"), so totals are as exact as those.\n");

    let mut antara = table(&["", "Antara (LPSE Kaltim)", "SPSE list dump"]);
    let in_process = total.packages - total.finished;
    for row in [
        ["Period", "Jan – mid-Oct 2014", "whole TA 2014"].map(String::from),
        ["Packages".into(), "967".into(), total.packages.to_string()],
        [
            "Value".into(),
            "pagu Rp4,02 T".into(),
            format!("HPS {}", trillions(total.hps)),
        ],
        ["Completed".into(), "835 (Rp2,93 T)".into(), total.finished.to_string()],
        ["In process".into(), "132".into(), in_process.to_string()],
    ] {
        antara.add_row(row);
    }
    println!("{antara}");
    println!(
        "The dump lists the completed tenders of the whole year and gives HPS, not pagu; Antara \
         counted the packages of Jan–mid-Oct 2014 against their pagu (figures as cited in the \
         shared domain notes; the item itself was not found). Same order of magnitude, not the \
         same measure.\n"
    );

    let mut mix = table(&["SPSE label", "Tenders", "Method today", "Regime"]);
    for (label, (count, method)) in &methods {
        mix.add_row(vec![
            Cell::new(label),
            right(count),
            Cell::new(method.metode.label()),
            Cell::new(method.regime.label()),
        ]);
    }
    println!("Selection methods, TA {YEAR}:\n{mix}\n");

    println!("{} rows of the file (all years) could not be read:", issues.len());
    for issue in &issues {
        println!(
            "  {} / {} / {}: {}",
            issue.dataset, issue.record, issue.field, issue.reason
        );
    }
    Ok(())
}
