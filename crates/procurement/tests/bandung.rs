//! The bid rules on real tenders: Kab. Bandung 2025 from LKPP's ISB (`../shared/id-data/
//! isb-kab-bandung-2025/`). Each figure is computed twice — by the rule on bids and awards built
//! from the raw records, and by a plain count over the same records — and both must equal what
//! the data shows (`domain-rules.md` §6.3). Names and NPWP are never read.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests unwrap: a failure is the report

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rantai_core::{ActorId, BidId, Money, Rulebook, Verdict};
use rantai_procurement::rules::{lowest_price, repeat_winner, single_bid};
use rantai_procurement::{Award, Bid, EvaluationMethod};
use serde_json::Value;

fn dataset(name: &str) -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/id-data/isb-kab-bandung-2025");
    let text = std::fs::read_to_string(dir.join(name)).expect("the Kab. Bandung ISB dump beside the repository");
    serde_json::from_str(&text).unwrap()
}

/// A rupiah amount from a JSON number, rounded to the sen.
fn money(v: &Value) -> Option<Money> {
    let n = v.as_number()?;
    let d = rust_decimal::Decimal::from_str(&n.to_string()).ok()?;
    Money::from_decimal(d.round_dp(2)).ok()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

/// Priced bids per tender, with the winner's bid id when one is marked (`pemenang = 1`).
fn tenders() -> BTreeMap<u64, (Vec<Bid>, Option<BidId>)> {
    let mut out: BTreeMap<u64, (Vec<Bid>, Option<BidId>)> = BTreeMap::new();
    for p in dataset("42_1070_SPSE-PesertaTender.json") {
        let tender = p["kd_tender"].as_u64().unwrap();
        let entry = out.entry(tender).or_default();
        let Some(offer) = money(&p["nilai_penawaran"]) else {
            continue; // registered, no price: not a bid
        };
        let id = BidId::from_u128(u128::from(p["kd_peserta"].as_u64().unwrap()));
        entry.0.push(Bid {
            id,
            provider: ActorId::from_u128(u128::from(p["kd_penyedia"].as_u64().unwrap_or(0))),
            offer,
            corrected: money(&p["nilai_terkoreksi"]),
            disqualified: None,
            submitted_on: day(),
        });
        if p["pemenang"].as_i64() == Some(1) {
            entry.1 = Some(id);
        }
    }
    out
}

#[test]
fn single_priced_bids_are_28_of_the_69_tenders_with_prices() {
    let tenders = tenders();
    assert_eq!(tenders.len(), 92, "tenders with participants");
    let priced: Vec<&Vec<Bid>> = tenders.values().map(|(b, _)| b).filter(|b| !b.is_empty()).collect();
    // By the rule: every tender here is a competitive one (SPSE tender list), bidding closed.
    let flagged = priced
        .iter()
        .filter(|b| matches!(single_bid::check(b, true), Verdict::Violated(_)))
        .count();
    // By a plain count of participants with a price, straight from the raw records.
    let mut prices: BTreeMap<u64, usize> = BTreeMap::new();
    for p in dataset("42_1070_SPSE-PesertaTender.json") {
        if !p["nilai_penawaran"].is_null() {
            *prices.entry(p["kd_tender"].as_u64().unwrap()).or_default() += 1;
        }
    }
    assert_eq!(priced.len(), prices.len());
    assert_eq!(flagged, prices.values().filter(|n| **n == 1).count());
    assert_eq!((flagged, priced.len()), (28, 69));
}

#[test]
fn one_harga_terendah_winner_is_not_the_lowest_evaluated_price() {
    let methods: BTreeMap<u64, Option<EvaluationMethod>> = dataset("47_1013_SPSE-TenderPengumuman.json")
        .iter()
        .map(|t| {
            let method = t["mtd_evaluasi"].as_str().and_then(EvaluationMethod::from_spse);
            (t["kd_tender"].as_u64().unwrap(), method)
        })
        .collect();
    assert_eq!(
        methods.values().filter(|m| m.is_none()).count(),
        0,
        "every label is known"
    );
    let (mut judged, mut flagged) = (0, 0);
    for (tender, (bids, winner)) in tenders() {
        let Some(winner) = winner else { continue };
        let method = methods.get(&tender).copied().flatten();
        if method != Some(EvaluationMethod::HargaTerendah) {
            continue;
        }
        let bid = bids.iter().find(|b| b.id == winner).unwrap();
        let award = Award {
            bid: winner,
            provider: bid.provider,
            price: bid.evaluated_price(),
            awarded_on: day(),
        };
        judged += 1;
        let verdict = lowest_price::check(&bids, Some(&award), method);
        // Independently: is any priced bid below the winner's corrected (else offered) price?
        let lower = bids
            .iter()
            .any(|b| b.corrected.unwrap_or(b.offer) < bid.corrected.unwrap_or(bid.offer));
        assert_eq!(matches!(verdict, Verdict::Violated(_)), lower, "tender {tender}");
        flagged += usize::from(lower);
    }
    assert_eq!((flagged, judged), (1, 43));
}

#[test]
fn three_providers_won_three_tenders_each_at_one_satker() {
    let done = dataset("49_1015_SPSE-TenderSelesaiNilai.json");
    assert_eq!(done.len(), 77);
    let mut by_satker: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for t in &done {
        // A winner without a provider code cannot be attributed.
        if let Some(p) = t["kd_penyedia"].as_u64() {
            by_satker
                .entry(t["kd_satker"].as_str().unwrap().to_string())
                .or_default()
                .push(p);
        }
    }
    let mut flagged = Vec::new();
    for (satker, winners) in &by_satker {
        for (provider, verdict) in repeat_winner::check(winners.iter().copied(), day(), Rulebook::standard()) {
            if let Verdict::Violated(ev) = verdict {
                assert_eq!(ev.get("wins").unwrap().to_string(), "3");
                flagged.push((satker.clone(), provider));
            }
        }
    }
    // Independently: (satker, provider) pairs with three or more wins.
    let mut pairs: BTreeMap<(String, u64), usize> = BTreeMap::new();
    for t in &done {
        if let Some(p) = t["kd_penyedia"].as_u64() {
            *pairs
                .entry((t["kd_satker"].as_str().unwrap().to_string(), p))
                .or_default() += 1;
        }
    }
    let expected: Vec<(String, u64)> = pairs.into_iter().filter(|(_, n)| *n >= 3).map(|(k, _)| k).collect();
    assert_eq!(flagged, expected);
    assert_eq!(flagged.len(), 3, "{flagged:?}");
    assert!(flagged.iter().all(|(s, _)| s == "1.03.2.15.1.04.03.0000"));
}

fn datetime(v: &Value) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d %H:%M:%S").unwrap()
}

#[test]
fn the_92_schedules_follow_spse_order_one_cuts_the_sanggah_short_25_rush_the_aanwijzing_and_15_end_on_a_weekend() {
    use rantai_core::WorkingCalendar;
    use rantai_procurement::rules::schedule_rules;
    use rantai_procurement::{SANGGAH, Schedule, ScheduledStage};
    let rows = dataset("31_1068_SPSE-JadwalTahapanTender.json");
    assert_eq!(rows.len(), 1_428);
    let mut by_tender: BTreeMap<u64, Vec<&Value>> = BTreeMap::new();
    for r in &rows {
        by_tender.entry(r["kd_tender"].as_u64().unwrap()).or_default().push(r);
    }
    let calendar = WorkingCalendar::default(); // weekends only: no holidays declared
    let (mut t01, mut t02, mut t04, mut t05) = (0, 0, 0, 0);
    let (mut short, mut weekend, mut rushed) = (0, 0, 0);
    for stages in by_tender.values() {
        let schedule = Schedule::new(
            stages
                .iter()
                .map(|r| ScheduledStage {
                    kd_akt: u16::try_from(r["kd_akt"].as_u64().unwrap()).unwrap(),
                    start: datetime(&r["tgl_awal"]),
                    end: datetime(&r["tgl_akhir"]),
                })
                .collect(),
        )
        .unwrap();
        t01 += usize::from(matches!(schedule_rules::order(&schedule), Verdict::Violated(_)));
        t02 += usize::from(matches!(
            schedule_rules::sanggah(&schedule, Rulebook::standard()),
            Verdict::Violated(_)
        ));
        t04 += usize::from(matches!(
            schedule_rules::aanwijzing(&schedule, &calendar, Rulebook::standard()),
            Verdict::Violated(_)
        ));
        t05 += usize::from(matches!(
            schedule_rules::working_day_ends(&schedule, &calendar),
            Verdict::Violated(_)
        ));
        // Independently: invitation (291, or 181 in prakualifikasi) to aanwijzing (293 / 182)
        // under 3 days, or fewer than 2 weekdays from the aanwijzing's end to the upload's (294 / 183).
        let at = |kd: u64| stages.iter().find(|r| r["kd_akt"].as_u64() == Some(kd));
        let (invite, explain, upload) = match at(291) {
            Some(i) => (i, at(293).unwrap(), at(294).unwrap()),
            None => (at(181).unwrap(), at(182).unwrap(), at(183).unwrap()),
        };
        let early = (datetime(&explain["tgl_awal"]).date() - datetime(&invite["tgl_awal"]).date()).num_days() < 3;
        let weekdays = datetime(&explain["tgl_akhir"])
            .date()
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= datetime(&upload["tgl_akhir"]).date())
            .filter(|d| {
                use chrono::Datelike;
                d.weekday().number_from_monday() <= 5
            })
            .count();
        rushed += usize::from(early || weekdays < 2);
        // Independently, from the raw rows: a sanggah under 5 days by date, a stage end on a weekend.
        short += usize::from(stages.iter().any(|r| {
            SANGGAH.contains(&u16::try_from(r["kd_akt"].as_u64().unwrap()).unwrap())
                && (datetime(&r["tgl_akhir"]).date() - datetime(&r["tgl_awal"]).date()).num_days() < 5
        }));
        weekend += usize::from(stages.iter().any(|r| {
            use chrono::Datelike;
            datetime(&r["tgl_akhir"]).weekday().number_from_monday() > 5
        }));
    }
    assert_eq!(by_tender.len(), 92);
    assert_eq!((t02, t04, t05), (short, rushed, weekend));
    assert_eq!((t01, t02, t04, t05), (0, 1, 25, 15));
}
