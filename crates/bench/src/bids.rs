//! `rantai bench`, bid and timing rules: 100 000 tenders with 10 priced bids and a 12-stage
//! SPSE schedule each, judged by the bid, award and schedule rules built so far — H-02, H-07,
//! H-08, H-04, D8, D9, T-01, T-02, T-04, T-05 — on all cores (#4: under 500 ms).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rantai_core::{
    ActorId, BidId, FiscalYear, JenisPengadaan, MetodePemilihan, Money, OrganisationId, ProcurementId, Rulebook,
    Verdict, WorkingCalendar,
};
use rantai_procurement::rules::{
    award_vs_estimate, award_vs_hps, lowest_price, performance_bond, schedule_rules, single_bid,
};
use rantai_procurement::{Award, Bid, EvaluationMethod, Schedule, ScheduledStage, TenderSpec};

use crate::table::Figure;

const TENDERS: u32 = 100_000;
const BIDS: u32 = 10;

struct Tender {
    spec: TenderSpec,
    bids: Vec<Bid>,
    award: Award,
    schedule: Schedule,
}

/// The 12 pascakualifikasi stages, one a day from 3 March, each open for a day (the sanggah
/// five).
fn schedule(t: u32) -> Result<Schedule, String> {
    let mut stages = Vec::with_capacity(12);
    for (i, kd_akt) in (291u16..=302).enumerate() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 3 + i as u32 + t % 3).ok_or("bad date")?;
        let days = if kd_akt == 300 { 5 } else { 1 };
        let end = day.checked_add_days(chrono::Days::new(days)).ok_or("bad date")?;
        stages.push(ScheduledStage {
            kd_akt,
            start: day.and_hms_opt(9, 0, 0).ok_or("bad time")?,
            end: end.and_hms_opt(15, 0, 0).ok_or("bad time")?,
        });
    }
    Schedule::new(stages)
}

fn tenders() -> Result<Vec<Tender>, String> {
    let day = NaiveDate::from_ymd_opt(2025, 3, 3).ok_or("bad date")?;
    let year = FiscalYear::new(2025).map_err(|e| e.to_string())?;
    let rp = |n: i64| Money::from_rupiah(n).map_err(|e| e.to_string());
    let mut out = Vec::with_capacity(TENDERS as usize);
    for t in 0..TENDERS {
        let hps = 1_000_000_000 + i64::from(t % 97) * 1_000_000;
        let spec = TenderSpec {
            id: ProcurementId::from_u128(u128::from(t) + 1),
            kd_tender: None,
            organisation: OrganisationId::from_u128(u128::from(t % 40) + 1),
            name: String::new(),
            fiscal_year: year,
            jenis: JenisPengadaan::PekerjaanKonstruksi,
            metode: MetodePemilihan::Tender,
            pagu: rp(hps + 10_000_000)?,
            hps: Some(rp(hps)?),
            announced_on: day,
            evaluation: Some(EvaluationMethod::HargaTerendah),
            direct_basis: None,
            officials: rantai_procurement::Officials::default(),
        };
        let mut bids = Vec::with_capacity(BIDS as usize);
        for b in 0..BIDS {
            bids.push(Bid {
                id: BidId::from_u128(u128::from(t * BIDS + b) + 1),
                provider: ActorId::from_u128(u128::from(b) + 1),
                offer: rp(hps - 5_000_000 * i64::from((b * 7 + t) % BIDS))?,
                corrected: None,
                disqualified: None,
                submitted_on: day,
            });
        }
        let winner = &bids[(t % BIDS) as usize];
        let award = Award {
            bid: winner.id,
            provider: winner.provider,
            price: winner.offer,
            awarded_on: day,
        };
        out.push(Tender {
            spec,
            bids,
            award,
            schedule: schedule(t)?,
        });
    }
    Ok(out)
}

/// The winner's offer against the HPS, as H-04 reads it.
fn bond_terms(t: &Tender) -> performance_bond::BondTerms {
    performance_bond::BondTerms {
        jenis: t.spec.jenis,
        metode: t.spec.metode,
        value: t.award.price,
        hps: t.spec.hps,
        offer: t.bids.iter().find(|b| b.id == t.award.bid).map(|b| b.evaluated_price()),
        signed_on: t.award.awarded_on,
    }
}

fn judge(t: &Tender, rulebook: &Rulebook, calendar: &WorkingCalendar) -> usize {
    [
        schedule_rules::order(&t.schedule),
        schedule_rules::sanggah(&t.schedule, rulebook),
        schedule_rules::aanwijzing(&t.schedule, calendar, rulebook),
        schedule_rules::working_day_ends(&t.schedule, calendar),
        performance_bond::low_offer(&bond_terms(t), rulebook),
        award_vs_hps::check(&t.spec, t.award.price),
        single_bid::check(&t.bids, true),
        lowest_price::check(&t.bids, Some(&t.award), t.spec.evaluation),
        award_vs_estimate::far_below(&t.spec, &t.award, rulebook),
        award_vs_estimate::at_estimate(&t.spec, &t.award, rulebook),
    ]
    .iter()
    .filter(|v| matches!(v, Verdict::Violated(_)))
    .count()
}

/// Judges every tender on both cores, three times; the median goes to the table.
pub(crate) fn figures(figures: &mut Vec<Figure>) -> Result<(), String> {
    let tenders = tenders()?;
    let rulebook = Rulebook::standard();
    let calendar = WorkingCalendar::default();
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let half = tenders.len() / 2;
        found = std::thread::scope(|s| {
            let first = s.spawn(|| {
                tenders[..half]
                    .iter()
                    .map(|t| judge(t, rulebook, &calendar))
                    .sum::<usize>()
            });
            let second: usize = tenders[half..].iter().map(|t| judge(t, rulebook, &calendar)).sum();
            first.join().unwrap_or(0) + second
        });
        times.push(started.elapsed());
    }
    say!("bid and timing rules (H-02, H-04, H-07, H-08, D8, D9, T-01, T-02, T-04, T-05): {found} findings");
    figures.push(Figure::time(
        format!("bid and timing rules: {TENDERS} tenders × {BIDS} bids and 12 stages"),
        Some(Duration::from_millis(500)),
        crate::median(times),
    ));
    Ok(())
}
