//! The Kab. Bandung 2025 ISB dump (`../shared/id-data/isb-kab-bandung-2025/`) imported whole:
//! every row of every file accounted for, the chain's counts reconciled with the files, and the
//! findings checked against figures computed here, from the raw JSON, independently of the
//! importer and the rules. Names, NIP and NPWP never appear in the output or the event log.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::common;

use common::{dump, imported, raw, text};

use rantai_chain::Chain;
use rantai_core::*;
use rantai_lkpp::isb::{Dataset, IsbSource};
use rantai_procurement::Contract;
use serde_json::Value;

/// The row's procurement: its `kd_tender`, or its `kd_nontender`.
fn procurement_key(row: &Value) -> String {
    if row["kd_tender"].is_null() {
        text(&row["kd_nontender"])
    } else {
        text(&row["kd_tender"])
    }
}

/// An ISB date (the first ten characters of the text).
fn date(v: &Value) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(&text(v)[..10], "%Y-%m-%d").unwrap()
}

/// A JSON number, exactly.
fn dec(v: &Value) -> Option<Decimal> {
    v.as_number().and_then(|n| Decimal::from_str(&n.to_string()).ok())
}

#[test]
fn every_row_of_the_kab_bandung_dump_is_imported_set_aside_or_refused_and_counts_reconcile() {
    let Some(dir) = dump() else { return };
    let source = IsbSource::read_dir(&dir).unwrap();
    let (chain, report) = imported(&source);
    assert!(report.files.is_empty(), "{:?}", report.files);
    assert_eq!(report.snapshot.map(|d| d.to_string()).as_deref(), Some("2025-10-03"));
    // Every dataset of the dump is read, row for row, and every row is accounted for.
    let files: BTreeMap<&str, &str> = [
        ("RUP-MasterSatker", "17_1008_RUP-MasterSatker.json"),
        ("SPSE-TenderPengumuman", "47_1013_SPSE-TenderPengumuman.json"),
        ("SPSE-PesertaTender", "42_1070_SPSE-PesertaTender.json"),
        (
            "SPSE-NonTenderEkontrak-2Kontrak",
            "33_1080_SPSE-NonTenderEkontrak-2Kontrak.json",
        ),
        (
            "SPSE-NonTenderEkontrak-4BAPBAST",
            "32_1082_SPSE-NonTenderEkontrak-4BAPBAST.json",
        ),
        ("Ecat-PaketEPurchasingV6", "50_1213_Ecat-PaketEPurchasingV6.json"),
    ]
    .into();
    assert_eq!(report.datasets.len(), 24, "24 files in the dump");
    for d in &report.datasets {
        assert!(d.is_complete(), "{}: {d:?}", d.dataset);
        if let Some(file) = files.get(d.dataset.as_str()) {
            assert_eq!(d.rows, raw(&dir, file).len(), "{}", d.dataset);
        }
    }
    assert_eq!(report.missing, vec![Dataset::PaketPenyedia, Dataset::TenderBast]);

    // Tenders: every announcement with a well-formed organisation code is a procurement; the
    // one with kd_satker_str "01" is refused, naming the field.
    let tenders = raw(&dir, "47_1013_SPSE-TenderPengumuman.json");
    let well_formed: BTreeSet<String> = tenders
        .iter()
        .filter(|t| text(&t["kd_satker_str"]).split('.').count() == 8)
        .map(|t| text(&t["kd_tender"]))
        .collect();
    assert_eq!((tenders.len(), well_formed.len()), (92, 91));
    let in_chain = |kind: &str| -> BTreeSet<String> {
        chain
            .state()
            .procurements()
            .values()
            .filter(|p| (kind == "tender") == p.spec().metode.is_competitive())
            .filter_map(|p| p.spec().kd_tender.as_ref().map(|k| k.as_str().to_string()))
            .collect()
    };
    assert_eq!(in_chain("tender"), well_formed);
    let refused = &report.dataset(Dataset::TenderPengumuman).unwrap().refused;
    assert_eq!(refused.len(), 1);
    // The one tender of PDAM Tirta Raharja (kd_klpd B154, a BUMD served by the same LPSE), not
    // of the Kabupaten (D107): refused as another region's row, before its satker code "01" is read.
    assert_eq!(
        (refused[0].field, refused[0].record.as_str()),
        ("kd_klpd", "10070352000")
    );
    assert!(refused[0].reason.contains("B154"), "{}", refused[0].reason);

    // Failed tenders: every Gagal/Batal of the file is a failed procurement in the chain. SPSE
    // gives no Pasal 51 ground, so T-09 cannot decide the ground; and every failure is followed
    // by another procurement of its RUP package or is still within the follow-up period, so T-09
    // finds nothing.
    let failed: BTreeSet<String> = tenders
        .iter()
        .filter(|t| t["status_tender"] == "Gagal/Batal" && well_formed.contains(&text(&t["kd_tender"])))
        .map(|t| text(&t["kd_tender"]))
        .collect();
    assert_eq!(failed.len(), 15);
    let failed_in_chain: BTreeSet<String> = chain
        .state()
        .procurements()
        .values()
        .filter(|p| p.failure().is_some() && p.spec().metode.is_competitive())
        .filter_map(|p| p.spec().kd_tender.as_ref().map(|k| k.as_str().to_string()))
        .collect();
    assert_eq!(failed_in_chain, failed);
    let t09: Vec<_> = chain.findings().into_iter().filter(|f| f.code == RuleId::T09).collect();
    let undecided = t09
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Insufficient { .. }))
        .count();
    assert_eq!(
        (t09.iter().filter(|f| f.is_found()).count(), undecided),
        (0, failed.len())
    );

    // Participants vs priced bids: every participant of an imported tender is registered,
    // registrations are never bids, and only those with a price bid.
    let participants = raw(&dir, "42_1070_SPSE-PesertaTender.json");
    let priced = participants.iter().filter(|p| !p["nilai_penawaran"].is_null()).count();
    assert_eq!((participants.len(), priced), (4224, 175));
    let peserta = report.dataset(Dataset::PesertaTender).unwrap();
    let of_imported = |p: &&Value| well_formed.contains(&text(&p["kd_tender"]));
    assert_eq!(peserta.set_aside_rows(), 0);
    // Two rows name no provider (kd_penyedia null): refused, with the field.
    let unnamed = participants
        .iter()
        .filter(of_imported)
        .filter(|p| p["kd_penyedia"].is_null())
        .count();
    assert_eq!(unnamed, 2);
    assert_eq!(
        peserta.imported,
        participants.iter().filter(of_imported).count() - unnamed
    );
    assert_eq!(
        peserta
            .refused
            .iter()
            .filter(|r| r.field == "kd_penyedia" && r.reason == "missing")
            .count(),
        unnamed
    );
    let registered: usize = chain
        .state()
        .procurements()
        .values()
        .map(|p| p.registered().len())
        .sum();
    let bids: usize = chain
        .state()
        .procurements()
        .values()
        .filter(|p| p.spec().metode.is_competitive())
        .map(|p| p.bids().len())
        .sum();
    let priced_in_imported = participants
        .iter()
        .filter(of_imported)
        .filter(|p| !p["nilai_penawaran"].is_null())
        .count();
    assert_eq!(registered, peserta.imported);
    assert!(
        bids >= priced_in_imported,
        "a winner's bid may come from the winning values"
    );

    // Contracts: one per procurement whose original version was imported; handovers as many as
    // the procurements with a BAST at 100 % (or a BAST of a finished contract).
    let contract_rows: usize = [Dataset::TenderKontrak, Dataset::NonTenderKontrak]
        .iter()
        .map(|d| report.dataset(*d).unwrap().imported)
        .sum();
    let addenda: usize = chain.state().contracts().values().map(|c| c.addenda().len()).sum();
    assert_eq!(chain.state().contracts().len() + addenda, contract_rows);
    let bast = raw(&dir, "32_1082_SPSE-NonTenderEkontrak-4BAPBAST.json");
    let contracted: BTreeSet<String> = chain
        .state()
        .procurements()
        .values()
        .filter(|p| matches!(p, rantai_procurement::Procurement::Contracted(_)))
        .filter_map(|p| p.spec().kd_tender.as_ref().map(|k| k.as_str().to_string()))
        .collect();
    let handed_over: BTreeSet<String> = bast
        .iter()
        .filter(|b| contracted.contains(&text(&b["kd_nontender"])))
        .filter(|b| {
            !b["tgl_bast"].is_null()
                && (dec(&b["progres_pekerjaan"]) == Some(Decimal::ONE_HUNDRED)
                    || (b["progres_pekerjaan"].is_null() && b["status_kontrak"] == "Kontrak Selesai"))
        })
        .map(|b| text(&b["kd_nontender"]))
        .collect();
    let completed = chain
        .state()
        .contracts()
        .values()
        .filter(|c| matches!(c, Contract::Completed(_)))
        .count();
    assert_eq!(completed, handed_over.len());
    assert_eq!(completed, 245);

    // E-katalog orders: every one an awarded e-purchasing procurement at its total, several per
    // RUP package where the file has them, none counted as a package procured twice (D1).
    let orders = raw(&dir, "50_1213_Ecat-PaketEPurchasingV6.json");
    let ecat = report.dataset(Dataset::EPurchasing).unwrap();
    assert_eq!((ecat.rows, ecat.imported, ecat.refused.len()), (606, 606, 0));
    let total: Decimal = orders.iter().filter_map(|o| dec(&o["total_harga"])).sum();
    let in_chain: Vec<&rantai_procurement::Procurement> = chain
        .state()
        .procurements()
        .values()
        .filter(|p| p.spec().metode == MetodePemilihan::EPurchasing)
        .collect();
    let awarded: Decimal = in_chain
        .iter()
        .filter_map(|p| p.award())
        .map(|a| a.price.as_decimal())
        .sum();
    assert_eq!((in_chain.len(), awarded), (606, total));
    assert_eq!(total, Decimal::from(189_677_834_789_i64));
    let packages: BTreeSet<String> = orders.iter().map(|o| text(&o["kd_rup"])).collect();
    assert_eq!(packages.len(), 511, "95 packages are ordered more than once");
    let d1 = chain
        .findings()
        .into_iter()
        .filter(|f| f.code == RuleId::D1 && f.is_found())
        .count();
    assert_eq!(d1, 0);
}

#[test]
fn bid_and_value_findings_equal_counts_taken_straight_from_the_files() {
    let Some(dir) = dump() else { return };
    let source = IsbSource::read_dir(&dir).unwrap();
    let (chain, _) = imported(&source);
    let findings = chain.findings();
    let found = |rule: RuleId| findings.iter().filter(|f| f.code == rule && f.is_found()).count();

    // H-07: awarded tenders decided on one priced bid. Awarded = a winner in
    // TenderSelesaiNilai; priced bids = participants with nilai_penawaran, plus the winner's
    // offer when the participants' file lacks it.
    let tenders = raw(&dir, "47_1013_SPSE-TenderPengumuman.json");
    let imported: BTreeSet<String> = tenders
        .iter()
        .filter(|t| text(&t["kd_satker_str"]).split('.').count() == 8)
        .map(|t| text(&t["kd_tender"]))
        .collect();
    let mut priced: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in raw(&dir, "42_1070_SPSE-PesertaTender.json") {
        if !p["nilai_penawaran"].is_null() {
            priced
                .entry(text(&p["kd_tender"]))
                .or_default()
                .insert(text(&p["kd_penyedia"]));
        }
    }
    let mut single = 0;
    for w in raw(&dir, "49_1015_SPSE-TenderSelesaiNilai.json") {
        let tender = text(&w["kd_tender"]);
        if !imported.contains(&tender) || w["kd_penyedia"].is_null() {
            continue;
        }
        let mut bidders = priced.get(&tender).cloned().unwrap_or_default();
        bidders.insert(text(&w["kd_penyedia"]));
        if bidders.len() == 1 {
            single += 1;
        }
    }
    assert_eq!(single, 26);
    assert_eq!(found(RuleId::H07), single);
    // Each one says how many registered beside its one bid: the participants of that tender.
    let mut registered: BTreeMap<String, usize> = BTreeMap::new();
    for p in raw(&dir, "42_1070_SPSE-PesertaTender.json") {
        if !p["kd_penyedia"].is_null() {
            *registered.entry(text(&p["kd_tender"])).or_default() += 1;
        }
    }
    for f in findings.iter().filter(|f| f.code == RuleId::H07 && f.is_found()) {
        let tender = registered
            .keys()
            .find(|k| f.subject == Subject::Procurement(rantai_lkpp::procurement_id(rantai_lkpp::SpseKind::Tender, k)))
            .unwrap();
        let shown = f.evidence().unwrap().get("registered").unwrap().to_string();
        assert_eq!(shown, registered[tender].to_string(), "tender {tender}");
    }

    // H-01: HPS above pagu — none in the files, none found.
    let above = tenders
        .iter()
        .chain(raw(&dir, "36_1016_SPSE-NonTenderPengumuman.json").iter())
        .filter(|t| dec(&t["hps"]).zip(dec(&t["pagu"])).is_some_and(|(h, p)| h > p))
        .count();
    assert_eq!((above, found(RuleId::H01)), (0, 0));

    // H-03: a signed contract above its HPS (goods, works, other services). From the files:
    // the contract value against the HPS of the same procurement.
    let hps: BTreeMap<String, (Decimal, String)> = tenders
        .iter()
        .chain(raw(&dir, "36_1016_SPSE-NonTenderPengumuman.json").iter())
        .filter_map(|t| {
            let key = procurement_key(t);
            Some((key, (dec(&t["hps"])?, text(&t["jenis_pengadaan"]))))
        })
        .collect();
    let signed: BTreeSet<String> = chain
        .state()
        .contracts()
        .values()
        .filter_map(|c| {
            let p = chain.state().procurements().get(&c.terms().procurement)?;
            Some(p.spec().kd_tender.as_ref()?.as_str().to_string())
        })
        .collect();
    // The original (version 0) rows of the contracts in the chain.
    let originals: Vec<Value> = [
        "44_1073_SPSE-TenderEkontrak-2Kontrak.json",
        "33_1080_SPSE-NonTenderEkontrak-2Kontrak.json",
    ]
    .into_iter()
    .flat_map(|file| raw(&dir, file))
    .filter(|c| c["versi_addendum"].as_i64() == Some(0) && signed.contains(&procurement_key(c)))
    .collect();
    let mut over = BTreeSet::new();
    for c in &originals {
        let key = procurement_key(c);
        if let (Some(value), Some((h, jenis))) = (dec(&c["nilai_kontrak"]), hps.get(&key))
            && value > *h
            && !jenis.starts_with("Jasa Konsultansi")
        {
            over.insert(key);
        }
    }
    assert_eq!(found(RuleId::H03), over.len());
    assert_eq!(over.len(), 1);

    // H-05: a contract for goods, works or other services above Rp200 juta backed by less than
    // 5 % of its value (of the HPS when the winner offered under 80 % of it), the bond being the
    // SPPBJ's nilai_jaminan_pelaksanaan.
    let five = Decimal::new(5, 2);
    let mut bond: BTreeMap<String, Decimal> = BTreeMap::new();
    for file in [
        "46_1075_SPSE-TenderEkontrak-1SPPBJ.json",
        "35_1081_SPSE-NonTenderEkontrak-1SPPBJ.json",
    ] {
        for r in raw(&dir, file) {
            let key = procurement_key(&r);
            bond.entry(key)
                .or_insert(dec(&r["nilai_jaminan_pelaksanaan"]).unwrap_or_default());
        }
    }
    let mut offer: BTreeMap<String, Decimal> = BTreeMap::new();
    for file in [
        "49_1015_SPSE-TenderSelesaiNilai.json",
        "37_1017_SPSE-NonTenderSelesai.json",
    ] {
        for r in raw(&dir, file) {
            let key = procurement_key(&r);
            if let Some(o) = dec(&r["nilai_terkoreksi"]).or_else(|| dec(&r["nilai_penawaran"])) {
                offer.insert(key, o);
            }
        }
    }
    let mut short = BTreeSet::new();
    for file in [
        "44_1073_SPSE-TenderEkontrak-2Kontrak.json",
        "33_1080_SPSE-NonTenderEkontrak-2Kontrak.json",
    ] {
        for c in raw(&dir, file) {
            let key = procurement_key(&c);
            let (Some(value), Some((h, jenis)), Some(b)) = (dec(&c["nilai_kontrak"]), hps.get(&key), bond.get(&key))
            else {
                continue;
            };
            if c["versi_addendum"].as_i64() != Some(0)
                || !signed.contains(&key)
                || jenis.starts_with("Jasa Konsultansi")
            {
                continue;
            }
            let base = match offer.get(&key) {
                Some(o) if *o < Decimal::new(80, 2) * *h => *h,
                _ => value,
            };
            if value > Decimal::from(200_000_000) && *b < (base * five).round_dp(2) {
                short.insert(key);
            }
        }
    }
    assert_eq!(found(RuleId::H05), short.len());
    assert_eq!(short.len(), 6);
    // H-04: no winning offer of a Kab. Bandung tender is under 80 % of its HPS.
    assert_eq!(found(RuleId::H04), 0);

    // R-03 and the package's half of R-01: every Pokja of the file has an odd number of
    // members, at least three, and none holds the PPK's NIP; no Pengadaan Langsung has its PPK
    // as its Pejabat Pengadaan.
    let nips = |v: &Value| -> Vec<String> {
        text(v)
            .split(';')
            .map(|n| n.split(" - ").next().unwrap_or("").trim().to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let bad_pokja = tenders
        .iter()
        .filter(|t| imported.contains(&text(&t["kd_tender"])))
        .filter(|t| {
            let pokja = nips(&t["nip_pokja"]);
            pokja.len() < 3 || pokja.len() % 2 == 0
        })
        .count();
    let ppk_selects = tenders
        .iter()
        .filter(|t| nips(&t["nip_pokja"]).contains(&text(&t["nip_ppk"])))
        .count()
        + raw(&dir, "36_1016_SPSE-NonTenderPengumuman.json")
            .iter()
            .filter(|t| nips(&t["nip_nama_ppk"]) == nips(&t["nip_nama_pp"]) && !nips(&t["nip_nama_pp"]).is_empty())
            .count();
    assert_eq!((found(RuleId::R03), found(RuleId::R01)), (bad_pokja, ppk_selects));
    assert_eq!((bad_pokja, ppk_selects), (0, 0));

    // P-09: SPSE publishes no keadaan tertentu, so each Penunjukan Langsung of the file is
    // undecided, never found.
    let direct = raw(&dir, "36_1016_SPSE-NonTenderPengumuman.json")
        .iter()
        .filter(|t| t["mtd_pemilihan"] == "Penunjukan Langsung" && !t["tgl_pengumuman_nontender"].is_null())
        .count();
    let p09_undecided = findings
        .iter()
        .filter(|f| f.code == RuleId::P09 && matches!(f.outcome, Outcome::Insufficient { .. }))
        .count();
    assert_eq!((found(RuleId::P09), p09_undecided, direct), (0, 1, 1));

    // T-06: a contract signed more than 14 working days (weekdays) after its SPPBJ.
    let mut letter: BTreeMap<String, chrono::NaiveDate> = BTreeMap::new();
    for file in [
        "46_1075_SPSE-TenderEkontrak-1SPPBJ.json",
        "35_1081_SPSE-NonTenderEkontrak-1SPPBJ.json",
    ] {
        for r in raw(&dir, file) {
            let on = date(&r["tgl_sppbj"]);
            letter.entry(procurement_key(&r)).or_insert(on);
        }
    }
    let mut late = 0;
    for c in &originals {
        let Some(from) = letter.get(&procurement_key(c)) else {
            continue;
        };
        let to = date(&c["tgl_kontrak"]);
        let weekdays = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
            .count();
        late += usize::from(weekdays > 14);
    }
    assert_eq!(found(RuleId::T06), late);

    // T-07: ICW's duration score 4 or 5 — more than 45 days from the announcement to the award.
    let announced: BTreeMap<String, chrono::NaiveDate> = tenders
        .iter()
        .map(|t| (text(&t["kd_tender"]), date(&t["tgl_pengumuman_tender"])))
        .collect();
    let slow = raw(&dir, "49_1015_SPSE-TenderSelesaiNilai.json")
        .iter()
        .filter(|w| !w["kd_penyedia"].is_null() && imported.contains(&text(&w["kd_tender"])))
        .filter(|w| (date(&w["tgl_penetapan_pemenang"]) - announced[&text(&w["kd_tender"])]).num_days() > 45)
        .count();
    assert_eq!((found(RuleId::T07), slow), (10, 10));

    // T-08: a bidding window (invitation 291/181 to the close of the upload 294/183, calendar days)
    // under the 5th percentile of its method's peers. The rulebook's floors are that percentile
    // of these very schedules; recomputed here from the file, one seleksi of 5 days falls below.
    let mut stages: BTreeMap<String, BTreeMap<i64, (chrono::NaiveDate, chrono::NaiveDate)>> = BTreeMap::new();
    for r in raw(&dir, "31_1068_SPSE-JadwalTahapanTender.json") {
        let kd_akt = r["kd_akt"]
            .as_i64()
            .or_else(|| text(&r["kd_akt"]).parse().ok())
            .unwrap();
        let span = (date(&r["tgl_awal"]), date(&r["tgl_akhir"]));
        stages.entry(text(&r["kd_tender"])).or_default().insert(kd_akt, span);
    }
    let method: BTreeMap<String, String> = tenders
        .iter()
        .map(|t| (text(&t["kd_tender"]), text(&t["mtd_pemilihan"])))
        .collect();
    let mut windows: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for (tender, st) in &stages {
        for (invite, upload) in [(291, 294), (181, 183)] {
            if let (Some(a), Some(b)) = (st.get(&invite), st.get(&upload)) {
                let m = method[tender].clone();
                windows
                    .entry(m)
                    .or_default()
                    .push((tender.clone(), (b.1 - a.0).num_days()));
            }
        }
    }
    let mut short = 0;
    use rantai_core::param::t08;
    for (m, param) in [("Tender", t08::FLOOR_DAYS_TENDER), ("Seleksi", t08::FLOOR_DAYS_SELEKSI)] {
        let days: Vec<i64> = windows[m].iter().map(|(_, d)| *d).collect();
        let floor = rantai_procurement::rules::tender_window::peer_floor(&days, 5).unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        assert_eq!(i64::from(Rulebook::standard().get(param, on).unwrap()), floor, "{m}");
        short += windows[m]
            .iter()
            .filter(|(t, d)| *d < floor && imported.contains(t))
            .count();
    }
    assert_eq!((found(RuleId::T08), short), (1, 1));

    // P-04: every selection is run by the official Pasal 11–13 name for its method and pagu —
    // Pengadaan Langsung by a Pejabat Pengadaan, the one Penunjukan Langsung (consultancy above
    // Rp100 juta) and every tender and seleksi by a Pokja. Pengadaan Langsung that name no
    // Pejabat Pengadaan are undecided, and so are the e-katalog orders, which name no official.
    let non_tenders = raw(&dir, "36_1016_SPSE-NonTenderPengumuman.json");
    let unnamed = non_tenders
        .iter()
        .filter(|t| !t["tgl_pengumuman_nontender"].is_null())
        .filter(|t| t["nip_nama_pp"].is_null() && t["nip_nama_pokja"].is_null())
        .count();
    let p04_undecided = findings
        .iter()
        .filter(|f| f.code == RuleId::P04 && matches!(f.outcome, Outcome::Insufficient { .. }))
        .count();
    // C-10: a contract type Pasal 27 does not list for the procurement object — recounted over
    // the imported contracts (version 0) against the jenis of their announcement.
    let jenis: BTreeMap<String, String> = tenders
        .iter()
        .chain(non_tenders.iter())
        .map(|t| (procurement_key(t), text(&t["jenis_pengadaan"])))
        .collect();
    let mut wrong_type = 0;
    for c in &originals {
        let key = procurement_key(c);
        let consultancy = jenis.get(&key).is_some_and(|j| j.starts_with("Jasa Konsultansi"));
        let kind = text(&c["jenis_kontrak"]);
        let ok = if consultancy {
            matches!(kind.as_str(), "Lumsum" | "Waktu Penugasan" | "Kontrak Payung")
        } else {
            kind != "Waktu Penugasan"
        };
        wrong_type += usize::from(!ok);
    }
    assert_eq!((found(RuleId::C10), wrong_type), (1, 1));

    let orders = raw(&dir, "50_1213_Ecat-PaketEPurchasingV6.json").len();
    assert_eq!((found(RuleId::P04), p04_undecided), (0, unnamed + orders));
    assert_eq!((unnamed, orders), (5, 606));
    let decided = findings
        .iter()
        .filter(|f| f.code == RuleId::R03 && !matches!(f.outcome, Outcome::Insufficient { .. }))
        .count();
    assert_eq!(
        decided,
        chain.state().procurements().len(),
        "every Pokja is known from the data"
    );
}

#[test]
fn no_name_nip_or_npwp_reaches_the_report_or_the_event_log() {
    let Some(dir) = dump() else { return };
    let source = IsbSource::read_dir(&dir).unwrap();
    let (chain, report) = imported(&source);
    let personal = [
        "nama_ppk",
        "nip_ppk",
        "nama_pokja",
        "nip_pokja",
        "nama_penyedia",
        "npwp_penyedia",
        "nip_nama_ppk",
        "nip_nama_pp",
    ];
    let mut values: BTreeMap<String, &str> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let rows: Vec<Value> = serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for row in rows {
            for field in personal {
                let v = text(&row[field]);
                if !v.is_empty() {
                    values.insert(v, field);
                }
            }
        }
    }
    assert!(values.len() > 500, "personal values collected: {}", values.len());
    // Every text the import wrote: each string in the event log and each reason it reported.
    let mut written = BTreeSet::new();
    fn strings(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::String(s) => {
                out.insert(s.trim().to_string());
            }
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    for e in chain.log().entries() {
        strings(&serde_json::to_value(e).unwrap(), &mut written);
    }
    for d in &report.datasets {
        for r in &d.refused {
            written.insert(r.record.clone());
            written.extend(r.reason.split('"').map(str::to_string));
        }
    }
    written.extend(report.notes.iter().cloned());
    let leaked: Vec<&str> = values
        .iter()
        .filter(|(v, _)| written.contains(v.as_str()))
        .map(|(_, field)| *field)
        .collect();
    assert!(
        leaked.is_empty(),
        "values of these personal fields were written: {leaked:?}"
    );
}

#[test]
fn officials_ids_are_keyed_so_another_key_gives_other_ids() {
    let Some(dir) = dump() else { return };
    let mut source = IsbSource::read_dir(&dir).unwrap();
    let (standard, _) = imported(&source);
    source.set_pseudonyms(rantai_lkpp::Pseudonyms::new(b"Kab. Bandung's own key"));
    let (keyed, _) = imported(&source);
    let ppk = |chain: &Chain| -> BTreeSet<ActorId> {
        chain
            .state()
            .procurements()
            .values()
            .filter_map(|p| p.spec().officials.ppk)
            .collect()
    };
    let (a, b) = (ppk(&standard), ppk(&keyed));
    // The same officials (as many distinct PPKs), none with the same id.
    assert_eq!(a.len(), b.len());
    assert!(a.len() > 50, "{} PPKs", a.len());
    assert!(a.is_disjoint(&b));
}

/// A small dump with one bad value per kind of fault.
fn faulty_source() -> IsbSource {
    let satker = r#"[{"kd_satker": 7, "kd_satker_str": "1.03.0.00.0.00.01.0000", "nama_satker": "DINAS PU",
        "kd_klpd": "D107", "nama_klpd": "Kab. Bandung", "jenis_klpd": "KABUPATEN"}]"#;
    let tender = |kd: &str, satker: &str, pagu: &str| {
        format!(
            r#"{{"tahun_anggaran": 2025, "kd_satker_str": "{satker}", "kd_tender": {kd}, "kd_rup": "55965678",
            "nama_paket": "Rehab Jalan", "pagu": {pagu}, "hps": 900000000, "jenis_pengadaan": "Pekerjaan Konstruksi",
            "mtd_pemilihan": "Tender", "mtd_evaluasi": "Harga Terendah Sistem Gugur", "status_tender": "Selesai",
            "tgl_pengumuman_tender": "2025-02-11 10:00:00", "_event_date": "2025-10-03"}}"#
        )
    };
    let tenders = format!(
        "[{}, {}, {}]",
        tender("1001", "1.03.0.00.0.00.01.0000", "1000000000"),
        tender("1002", "1.03.0.00.0.00.01.0000", "\"satu miliar\""),
        tender("1003", "01", "1000000000")
    );
    let mut source = IsbSource::default();
    source.add("17_1008_RUP-MasterSatker.json", satker.as_bytes());
    source.add("47_1013_SPSE-TenderPengumuman.json", tenders.as_bytes());
    source.add(
        "42_1070_SPSE-PesertaTender.json",
        br#"[{"kd_tender": 1001, "kd_penyedia": 5, "nilai_penawaran": 8"#,
    );
    source.add("99_1999_SPSE-Unknown.json", b"[]");
    source
}

#[test]
fn malformed_input_names_the_file_record_and_field_and_the_other_rows_go_on() {
    let source = faulty_source();
    let issues = source.file_issues();
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[0].file, "42_1070_SPSE-PesertaTender.json");
    assert!(issues[0].reason.starts_with("truncated JSON"), "{}", issues[0].reason);
    assert!(issues[0].reason.contains("line 1 column"), "{}", issues[0].reason);
    assert_eq!(issues[1].file, "99_1999_SPSE-Unknown.json");
    assert!(issues[1].reason.starts_with("unknown dataset name"));

    let (chain, report) = imported(&source);
    let tenders = report.dataset(Dataset::TenderPengumuman).unwrap();
    assert_eq!((tenders.rows, tenders.imported), (3, 1));
    let faults: Vec<(&str, &str)> = tenders.refused.iter().map(|r| (r.record.as_str(), r.field)).collect();
    assert_eq!(faults, vec![("1002", "pagu"), ("1003", "kd_satker_str")]);
    assert!(tenders.refused[0].reason.contains("satu miliar"));
    // The truncated file is not a dataset: nothing of it is imported, and it is named.
    assert!(report.dataset(Dataset::PesertaTender).is_none());
    assert_eq!(report.files.len(), 2);
    assert_eq!(chain.state().procurements().len(), 1);
    // Without the RUP package table, the plan link cannot be judged: K-04 is insufficient.
    let k04: Vec<_> = chain.findings().into_iter().filter(|f| f.code == RuleId::K04).collect();
    assert_eq!(k04.len(), 1);
    assert!(matches!(k04[0].outcome, Outcome::Insufficient { .. }));
}

#[test]
fn with_the_rup_table_as_json_an_unknown_kd_rup_is_unplanned() {
    let mut source = faulty_source();
    let package = r#"[{"tahun_anggaran": 2025, "kd_satker_str": "1.03.0.00.0.00.01.0000", "nama_satker": "DINAS PU",
        "kd_rup": 11111111, "nama_paket": "Rehab Jalan", "pagu": 1000000000, "kd_metode_pengadaan": 13,
        "kd_jenis_pengadaan": 2, "status_pradipa": "Non-PraDIPA", "status_pdn": "PDN", "status_ukm": "UKM",
        "alasan_non_ukm": null, "status_konsolidasi": "Non-Konsolidasi", "tgl_awal_pemilihan": "2025-01-01",
        "tgl_akhir_pemilihan": "2025-02-01", "tgl_awal_kontrak": "2025-03-01", "tgl_akhir_kontrak": "2025-10-01",
        "tgl_awal_pemanfaatan": null, "tgl_akhir_pemanfaatan": null, "tgl_pengumuman_paket": "2025-01-10 09:00:00",
        "nip_ppk": "199001012015011001", "status_aktif_rup": true, "status_delete_rup": false,
        "status_umumkan_rup": "Terumumkan"}]"#;
    source.add("RUP-PaketPenyedia-Terumumkan.json", package.as_bytes());
    let (chain, report) = imported(&source);
    assert_eq!(report.dataset(Dataset::PaketPenyedia).unwrap().imported, 1);
    assert_eq!(chain.state().packages().len(), 1);
    // The tender cites 55965678, which the plan does not hold: K-04 is found.
    let k04: Vec<_> = chain.findings().into_iter().filter(|f| f.code == RuleId::K04).collect();
    assert_eq!(k04.len(), 1);
    assert!(k04[0].is_found(), "{:?}", k04[0].outcome);
}

#[test]
fn a_row_of_another_region_is_refused_naming_it_and_the_region_s_own_rows_go_on() {
    // Kab. Bandung's satker and one tender, and a tender of Kab. Garut (D108) from a file of
    // another region left in the directory.
    let satker = r#"[{"kd_satker": 7, "kd_satker_str": "1.03.0.00.0.00.01.0000", "nama_satker": "DINAS PU",
        "kd_klpd": "D107", "nama_klpd": "Kab. Bandung", "jenis_klpd": "KABUPATEN"}]"#;
    let tender = |kd: &str, klpd: &str| {
        format!(
            r#"{{"tahun_anggaran": 2025, "kd_klpd": "{klpd}", "kd_satker_str": "1.03.0.00.0.00.01.0000", "kd_tender": {kd},
            "kd_rup": "55965678", "nama_paket": "Rehab Jalan", "pagu": 1000000000, "hps": 900000000,
            "jenis_pengadaan": "Pekerjaan Konstruksi", "mtd_pemilihan": "Tender",
            "mtd_evaluasi": "Harga Terendah Sistem Gugur", "status_tender": "Selesai",
            "tgl_pengumuman_tender": "2025-02-11 10:00:00", "_event_date": "2025-10-03"}}"#
        )
    };
    let tenders = format!("[{}, {}]", tender("2001", "D107"), tender("2002", "D108"));
    let mut source = IsbSource::default();
    source.add("17_1008_RUP-MasterSatker.json", satker.as_bytes());
    source.add("47_1013_SPSE-TenderPengumuman.json", tenders.as_bytes());
    let (chain, report) = imported(&source);
    let tenders = report.dataset(Dataset::TenderPengumuman).unwrap();
    assert_eq!((tenders.rows, tenders.imported), (2, 1));
    assert_eq!(tenders.refused.len(), 1);
    assert_eq!(
        (tenders.refused[0].record.as_str(), tenders.refused[0].field),
        ("2002", "kd_klpd")
    );
    assert!(
        tenders.refused[0].reason.contains("D108"),
        "{}",
        tenders.refused[0].reason
    );
    assert_eq!(chain.state().procurements().len(), 1);
}
