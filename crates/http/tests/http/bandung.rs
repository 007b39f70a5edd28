//! The API over the real Kab. Bandung 2025 ISB dump (`../shared/id-data/isb-kab-bandung-2025/`),
//! imported whole and served from memory: the OPD ranking, one package's trail with its real
//! SPSE keys and a findings filter by rule, each against figures taken straight from the files
//! (skipped, with a note, when `../shared` is not beside the repository).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use axum::http::StatusCode;
use rantai_core::{Grant, Role, Scope};
use rantai_http::{Keys, Region, Regions, Server, router};
use rantai_lkpp::isb::{IsbSource, import_region};
use serde_json::Value;

use super::{get, rows};

const BUPATI: &str = "bupati-bandung-secret";

fn dump() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/id-data/isb-kab-bandung-2025");
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} not present", dir.display());
        None
    }
}

fn raw(dir: &std::path::Path, file: &str) -> Vec<Value> {
    serde_json::from_slice(&std::fs::read(dir.join(file)).expect("the file")).expect("JSON")
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The dump imported and served, with a Kepala Daerah key for D107.
fn bandung(dir: &std::path::Path) -> axum::Router {
    let source = IsbSource::read_dir(dir).expect("the dump reads");
    let (chain, _) = import_region(&source, rantai_core::Rulebook::standard().clone(), |_| ()).expect("imported");
    let mut keys = Keys::default();
    keys.add(
        rantai_http::hash_secret(BUPATI),
        rantai_http::ApiKey {
            region: "D107".into(),
            grant: Grant {
                role: Role::KepalaDaerah,
                scope: Scope::Region,
            },
            label: "Bupati Bandung".into(),
            expires: None,
        },
    );
    let region = Region::in_memory(chain).expect("served");
    router(Server::new(Regions::new(vec![region]), keys))
}

#[tokio::test]
async fn kab_bandung_served_from_its_real_records() {
    let Some(dir) = dump() else { return };
    let app = bandung(&dir);

    // The ranking. The dump's progress figures are the BAP rows of non-tender contracts with a
    // progres_pekerjaan: the OPDs those rows name are measured; the other OPDs with a signed
    // contract have no progress report — their deviation is absent, never a zero — and come after.
    let report = get(&app, "/api/v1/regions/D107", Some(BUPATI)).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let contract_files = [
        "44_1073_SPSE-TenderEkontrak-2Kontrak.json",
        "33_1080_SPSE-NonTenderEkontrak-2Kontrak.json",
    ];
    let eight = |code: &String| code.split('.').count() == 8;
    let with_contracts: BTreeSet<String> = contract_files
        .iter()
        .flat_map(|f| raw(&dir, f))
        .map(|c| text(&c["kd_satker_str"]))
        .filter(eight)
        .collect();
    let reported: BTreeSet<String> = raw(&dir, "32_1082_SPSE-NonTenderEkontrak-4BAPBAST.json")
        .iter()
        .filter(|r| !r["progres_pekerjaan"].is_null())
        .map(|r| text(&r["kd_satker_str"]))
        .filter(eight)
        .collect();
    let opd = rows(&report.body["opd"]);
    let of = |data: &str| -> BTreeSet<String> {
        opd.iter()
            .filter(|r| r["deviation_data"] == data)
            .map(|r| text(&r["code"]))
            .collect()
    };
    assert_eq!(of("measured"), reported);
    // The rest of the satkers the contract files name have no report. (Some name only contract
    // rows the import refuses — no work period and no SPMK, or no award — each reported with its
    // field; those OPDs hold no contract and say `no_contract`.)
    let unreported = &with_contracts - &reported;
    assert!(of("no_progress_report").is_subset(&unreported));
    assert!(
        of("no_progress_report").len() * 10 >= unreported.len() * 8,
        "most of them"
    );
    for r in opd {
        let contracts = r["contracts"].as_u64().unwrap_or(0);
        assert_eq!(r["deviation_data"] == "no_contract", contracts == 0, "{r}");
    }
    let deviations: Vec<Option<rust_decimal::Decimal>> = opd
        .iter()
        .map(|r| r["physical_deviation_pp"].as_str().and_then(|d| d.parse().ok()))
        .collect();
    let measured = deviations.iter().take_while(|d| d.is_some()).count();
    assert_eq!(measured, reported.len(), "measured rows come first");
    assert!(
        deviations[..measured].is_sorted(),
        "furthest behind first: {deviations:?}"
    );
    assert!(deviations[measured..].iter().all(Option::is_none));

    // A package's trail with its real SPSE keys: the first tender of the announcement file that
    // has a contract; its trail carries the tender's kd_tender and the contract's no_kontrak as
    // the record keys of the SPSE datasets they came from.
    let contracts = raw(&dir, contract_files[0]);
    let (kd_rup, kd_tender) = raw(&dir, "47_1013_SPSE-TenderPengumuman.json")
        .iter()
        .filter(|t| text(&t["kd_satker_str"]).split('.').count() == 8)
        .find_map(|t| {
            let tender = text(&t["kd_tender"]);
            contracts
                .iter()
                .any(|c| text(&c["kd_tender"]) == tender)
                .then(|| (text(&t["kd_rup"]), tender))
        })
        .expect("a tender with a contract");
    let trail = get(&app, &format!("/api/v1/regions/D107/packages/{kd_rup}"), Some(BUPATI)).await;
    assert_eq!(trail.status, StatusCode::OK, "{}", trail.body);
    let keys: Vec<(String, String)> = rows(&trail.body["steps"])
        .iter()
        .map(|s| {
            let p = &s["provenance"]["source"];
            (text(&p["dataset"]), text(&p["record_key"]))
        })
        .collect();
    assert!(
        keys.iter()
            .any(|(d, k)| d.contains("TenderPengumuman") && k.contains(&kd_tender)),
        "{keys:?}"
    );
    assert!(keys.iter().any(|(d, _)| d.contains("Ekontrak")), "{keys:?}");
    assert!(trail.headers.contains_key("etag"));
    // The dump holds no SIRUP package file: the trail is SPSE's, with no package and no stage.
    assert!(trail.body["package"].is_null() && trail.body["stage"].is_null());
    assert_eq!(trail.body["kd_rup"].to_string().trim_matches('"'), kd_rup);

    // The same code's S-curve, from SPSE's records alone: its contract at the value of its latest
    // version (the highest versi_addendum row of the contract file).
    let latest = contracts
        .iter()
        .filter(|c| text(&c["kd_tender"]) == kd_tender)
        .max_by_key(|c| c["versi_addendum"].as_i64().unwrap_or(0))
        .expect("the tender's contract row");
    let value: rust_decimal::Decimal = text(&latest["nilai_kontrak"]).parse().expect("a value");
    let curve = get(&app, &format!("/api/v1/regions/D107/scurve?kd_rup={kd_rup}"), None).await;
    assert_eq!(curve.status, StatusCode::OK, "{}", curve.body);
    let last = rows(&curve.body["points"]).last().cloned().expect("a point");
    assert_eq!(last["contracts"], 1);
    let contracted: rust_decimal::Decimal = text(&last["contracted"]).parse().expect("money");
    assert_eq!(contracted, value);

    // Findings by rule: H-07, awarded tenders decided on one priced bid. From the files: the
    // winners of TenderSelesaiNilai whose tender had no other participant with a price.
    let mut priced: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in raw(&dir, "42_1070_SPSE-PesertaTender.json") {
        if !p["nilai_penawaran"].is_null() {
            priced
                .entry(text(&p["kd_tender"]))
                .or_default()
                .insert(text(&p["kd_penyedia"]));
        }
    }
    let imported: BTreeSet<String> = raw(&dir, "47_1013_SPSE-TenderPengumuman.json")
        .iter()
        .filter(|t| text(&t["kd_satker_str"]).split('.').count() == 8)
        .map(|t| text(&t["kd_tender"]))
        .collect();
    let single = raw(&dir, "49_1015_SPSE-TenderSelesaiNilai.json")
        .iter()
        .filter(|w| imported.contains(&text(&w["kd_tender"])) && !w["kd_penyedia"].is_null())
        .filter(|w| {
            let mut bidders = priced.get(&text(&w["kd_tender"])).cloned().unwrap_or_default();
            bidders.insert(text(&w["kd_penyedia"]));
            bidders.len() == 1
        })
        .count();
    let page = get(&app, "/api/v1/regions/D107/findings?rule=H-07&limit=1000", Some(BUPATI)).await;
    assert_eq!(page.body["total"].as_u64(), Some(single as u64));
    assert!(rows(&page.body["rows"]).iter().all(|r| r["code"] == "H-07"));
    // The public sees the ranking and the trail, and no finding.
    let public = get(&app, "/api/v1/regions/D107/findings?rule=H-07", None).await;
    assert_eq!(public.status, StatusCode::UNAUTHORIZED);
}
