//! Ownership declarations on the real Kab. Bandung 2025 tenders: a CSV written here from the
//! files (two bidders of one tender given the same director; a bidder given one of its tender's
//! Pokja members, by NIP, as commissioner) is imported after the ISB dump, and H-10 and H-11 are
//! found on exactly the procurements where those bidders met, counted here from the raw JSON.
//! No NIP or name is printed: assertions compare procurement ids and counts.

use std::collections::{BTreeMap, BTreeSet};

use super::common;

use common::{dump, imported, raw, text};
use rantai_core::{Outcome, RuleId, Subject};
use rantai_lkpp::isb::IsbSource;
use rantai_lkpp::{Pseudonyms, SpseKind, ownership, procurement_id};

/// Priced bidders per tender: participants with an offer, plus the winner (as the importer and
/// the H-07 recount read them).
fn bidders_per_tender(dir: &std::path::Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in raw(dir, "42_1070_SPSE-PesertaTender.json") {
        if !p["nilai_penawaran"].is_null() {
            out.entry(text(&p["kd_tender"]))
                .or_default()
                .insert(text(&p["kd_penyedia"]));
        }
    }
    for w in raw(dir, "49_1015_SPSE-TenderSelesaiNilai.json") {
        if !w["kd_penyedia"].is_null() {
            out.entry(text(&w["kd_tender"]))
                .or_default()
                .insert(text(&w["kd_penyedia"]));
        }
    }
    out
}

#[test]
fn declared_ownership_finds_conflicts_on_the_real_tenders() {
    let Some(dir) = dump() else { return };
    let source = IsbSource::read_dir(&dir).unwrap();
    let (mut chain, _) = imported(&source);

    let tenders: Vec<serde_json::Value> = raw(&dir, "47_1013_SPSE-TenderPengumuman.json")
        .into_iter()
        .filter(|t| text(&t["kd_satker_str"]).split('.').count() == 8)
        .collect();
    let pokja: BTreeMap<String, Vec<String>> = tenders
        .iter()
        .map(|t| {
            let nips = text(&t["nip_pokja"]).split(';').map(|n| n.trim().to_string()).collect();
            (text(&t["kd_tender"]), nips)
        })
        .collect();
    let bidders = bidders_per_tender(&dir);
    // Providers that appear anywhere in the non-tender files are left out of the choice, so the
    // recount below needs only the tender files.
    let non_tender: BTreeSet<String> = [
        "36_1016_SPSE-NonTenderPengumuman.json",
        "37_1017_SPSE-NonTenderSelesai.json",
        "33_1080_SPSE-NonTenderEkontrak-2Kontrak.json",
    ]
    .into_iter()
    .flat_map(|file| raw(&dir, file))
    .map(|r| text(&r["kd_penyedia"]))
    .filter(|k| !k.is_empty())
    .collect();
    let tender_only = |kd: &String| !non_tender.contains(kd);
    // H-10: the first imported tender (by kd_tender) with two priced bidders; its first two.
    let (h10_tender, pair) = bidders
        .iter()
        .filter(|(t, _)| pokja.contains_key(*t))
        .find(|(_, b)| b.iter().filter(|k| tender_only(k)).count() >= 2)
        .map(|(t, b)| {
            let two: Vec<String> = b.iter().filter(|k| tender_only(k)).take(2).cloned().collect();
            (t.clone(), two)
        })
        .unwrap();
    // H-11: the first imported tender with another tender-only bidder; its first Pokja member.
    let (h11_tender, linked, nip) = bidders
        .iter()
        .filter(|(t, _)| pokja.contains_key(*t))
        .find_map(|(t, b)| {
            let k = b.iter().find(|k| tender_only(k) && !pair.contains(k))?;
            Some((t.clone(), k.clone(), pokja[t][0].clone()))
        })
        .unwrap();
    // The other bidders of the H-10 tender declare a sole owner each, so that tender is decided.
    let others: Vec<&String> = bidders[&h10_tender]
        .iter()
        .filter(|k| !pair.contains(k) && **k != linked)
        .collect();
    let mut csv = format!(
        "kd_penyedia,holder_kind,holder,tie,share_percent,declared_on\n\
         {a},nik,3204000000000001,pemegang_saham,100,2025-01-06\n\
         {a},nik,3204000000000009,direksi,,2025-01-06\n\
         {b},npwp,0000000000000002,pemegang_saham,\"75,5\",2025-01-06\n\
         {b},npwp,0000000000000003,pemegang_saham,\"24,5\",2025-01-06\n\
         {b},nik,3204000000000009,direksi,,2025-02-03\n\
         {c},nik,3204000000000004,pemegang_saham,100,2025-01-06\n\
         {c},nip,{nip},komisaris,,2025-01-06\n\
         999999,nik,3204000000000005,pemegang_saham,60,2025-01-06\n\
         999999,nik,3204000000000006,pemegang_saham,60,2025-01-06\n\
         999998,nik,3204000000000007,ketua,,2025-01-06\n",
        a = pair[0],
        b = pair[1],
        c = linked,
    );
    for (n, k) in others.iter().enumerate() {
        csv.push_str(&format!("{k},nik,32049900000{n:05},pemegang_saham,100,2025-01-06\n"));
    }
    let (declared, mut report) = ownership::read_csv(csv.as_bytes(), &Pseudonyms::default());
    ownership::import(declared, &mut report, |provenance, at, fact| {
        chain.record(provenance, common::IMPORTER, at, fact).map(|_| ())
    });
    // 10 rows: 7 imported (three providers); provider 999999's shares add up to 120 % and
    // 999998's tie is unknown — every row of theirs refused with its line and reason.
    assert_eq!(
        (report.rows, report.imported, report.refused.len()),
        (10 + others.len(), 7 + others.len(), 3)
    );
    assert!(report.is_complete());
    assert!(report.refused.iter().any(|r| r.field == "tie" && r.record == "line 11"));
    assert_eq!(
        report.refused.iter().filter(|r| r.reason.contains("120%")).count(),
        2,
        "{:?}",
        report.refused.iter().map(|r| &r.reason).collect::<Vec<_>>()
    );
    assert!(report.refused.iter().all(|r| !r.reason.contains(&nip)));

    // Recount from the files: H-10 where both of the pair bid, H-11 where the linked bidder bid
    // before a Pokja (or PPK) with that NIP.
    let id = |t: &str| Subject::Procurement(procurement_id(SpseKind::Tender, t));
    let expect_h10: BTreeSet<Subject> = bidders
        .iter()
        .filter(|(t, b)| pokja.contains_key(*t) && b.contains(&pair[0]) && b.contains(&pair[1]))
        .map(|(t, _)| id(t))
        .collect();
    let ppk: BTreeMap<String, String> = tenders
        .iter()
        .map(|t| (text(&t["kd_tender"]), text(&t["nip_ppk"])))
        .collect();
    let expect_h11: BTreeSet<Subject> = bidders
        .iter()
        .filter(|(t, b)| b.contains(&linked) && pokja.get(*t).is_some_and(|p| p.contains(&nip) || ppk[*t] == nip))
        .map(|(t, _)| id(t))
        .collect();
    assert!(expect_h10.contains(&id(&h10_tender)) && expect_h11.contains(&id(&h11_tender)));
    let findings = chain.findings();
    let found = |rule: RuleId| -> BTreeSet<Subject> {
        findings
            .iter()
            .filter(|f| f.code == rule && f.is_found())
            .map(|f| f.subject)
            .collect()
    };
    assert_eq!(found(RuleId::H10), expect_h10);
    assert_eq!(found(RuleId::H11), expect_h11);
    // Where there are bids, H-11 passes only if every bidder is declared: undeclared bidders
    // leave it undecided, never passed.
    let state = chain.state();
    let with_bids = |s: &Subject| match s {
        Subject::Procurement(id) => state.procurements().get(id).is_some_and(|p| !p.bids().is_empty()),
        _ => false,
    };
    let passed: BTreeSet<Subject> = findings
        .iter()
        .filter(|f| f.code == RuleId::H11 && f.outcome == Outcome::NotFound)
        .map(|f| f.subject)
        .filter(with_bids)
        .collect();
    let all_declared: BTreeSet<Subject> = state
        .procurements()
        .iter()
        .filter(|(_, p)| !p.bids().is_empty())
        .filter(|(_, p)| p.bids().iter().all(|b| state.ownership().contains_key(&b.provider)))
        .map(|(id, _)| Subject::Procurement(*id))
        .filter(|s| !expect_h11.contains(s))
        .collect();
    assert!(all_declared.contains(&id(&h10_tender)) || expect_h11.contains(&id(&h10_tender)));
    assert_eq!((passed.len(), passed == all_declared), (all_declared.len(), true));
}
