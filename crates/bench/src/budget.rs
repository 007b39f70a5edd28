//! `rantai bench`, budget execution: a province's year of budgeting events — 20 000 DPA lines in
//! 40 OPD, each opened with its cash plan, given four quarterly SPD, committed to a contract and
//! paid by 44 SP2D, 1 000 000 events in all — folded into a [`Book`] and followed by the
//! absorption table per line, sub-kegiatan, OPD and region (#5: under 1 s).

use std::time::{Duration, Instant};

use crate::table::Figure;

use rantai_budgeting::{AbsorptionTable, AnggaranKas, Book, BudgetingEvent, DpaLineSpec, Sp2d, Spd};
use rantai_core::{
    ContractId, DpaLineId, FiscalYear, Mak, Money, OrganisationId, PaymentId, Quarter, SpdId, SubKegiatanId,
};

const LINES: u32 = 20_000;
const PAYMENTS: u32 = 44;

fn events() -> Result<Vec<BudgetingEvent>, String> {
    let year = FiscalYear::new(2025).map_err(|e| e.to_string())?;
    let mak: Mak = "1.03.10.2.01.0003.5.2.04.01.01.0001"
        .parse()
        .map_err(|e| format!("{e}"))?;
    let rp = |n: i64| Money::from_rupiah(n).map_err(|e| e.to_string());
    let quarter = rp(250_000_000)?;
    let mut out = Vec::with_capacity((LINES * (6 + PAYMENTS)) as usize);
    for i in 0..LINES {
        let line = DpaLineId::from_u128(u128::from(i) + 1);
        let contract = ContractId::from_u128(u128::from(i) + 1);
        out.push(BudgetingEvent::DpaLineOpened {
            spec: DpaLineSpec {
                id: line,
                organisation: OrganisationId::from_u128(u128::from(i % 40) + 1),
                sub_kegiatan: SubKegiatanId::from_u128(u128::from(i / 4) + 1),
                mak: mak.clone(),
                fiscal_year: year,
                pagu: rp(1_000_000_000)?,
                anggaran_kas: AnggaranKas::quarterly([quarter; 4]),
            },
        });
        for q in Quarter::ALL {
            out.push(BudgetingEvent::SpdIssued {
                line,
                spd: Spd {
                    id: SpdId::from_u128(u128::from(i) * 4 + q.index() as u128 + 1),
                    nomor: None,
                    from_month: q.index() as u32 * 3 + 1,
                    to_month: q.index() as u32 * 3 + 3,
                    amount: quarter,
                    issued_on: year.quarter_start(q),
                },
            });
        }
        out.push(BudgetingEvent::ContractCommitted {
            line,
            contract,
            amount: rp(900_000_000)?,
            on: year.first_day(),
        });
        for n in 0..PAYMENTS {
            let paid_on = year
                .first_day()
                .checked_add_days(chrono::Days::new(u64::from(n) * 8 + 1))
                .ok_or("date out of range")?;
            out.push(BudgetingEvent::Sp2dPaid {
                line,
                payment: Sp2d {
                    id: PaymentId::from_u128(u128::from(i) * u128::from(PAYMENTS) + u128::from(n) + 1),
                    nomor: None,
                    contract,
                    amount: rp(20_000_000)?,
                    paid_on,
                },
            });
        }
    }
    Ok(out)
}

/// Applies the events and recomputes absorption, three times; the median goes to the table.
pub(crate) fn figures(figures: &mut Vec<Figure>) -> Result<(), String> {
    let events = events()?;
    let mut times = Vec::new();
    let mut table = AbsorptionTable::default();
    for _ in 0..3 {
        let started = Instant::now();
        let mut book = Book::default();
        for e in &events {
            book.apply(e).map_err(|e| e.to_string())?;
        }
        table = book.absorption();
        times.push(started.elapsed());
    }
    let region = table.region.values().next().copied().unwrap_or_default();
    say!(
        "budget execution: {} events over {LINES} DPA lines; region absorbed {} of {}",
        events.len(),
        region.cumulative(Quarter::Q4),
        region.pagu,
    );
    figures.push(Figure::time(
        format!("budget execution: {} events applied + absorption table", events.len()),
        Some(Duration::from_secs(1)),
        crate::median(times),
    ));
    Ok(())
}
