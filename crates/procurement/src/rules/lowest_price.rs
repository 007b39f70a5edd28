//! H-08: under Harga Terendah the winner must be the lowest evaluated (corrected) price among
//! the priced bids; a higher-priced winner is flagged for the disqualification reasons of the
//! lower bidders to be checked (Open Contracting R036; the KPK cases of lowest bidders knocked
//! out). Doc page: `docs/rules/H-08.md`.

use rantai_core::{Evidence, Verdict};

use crate::tender::{Award, Bid, EvaluationMethod};

/// H-08 for a procurement evaluated by `evaluation`, with its priced bids and award.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{Award, Bid, EvaluationMethod, rules::lowest_price};
/// # use rantai_core::{ActorId, BidId, Money, Verdict};
/// # use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
/// let bid = |n, price| Bid {
///     id: BidId::from_u128(n), provider: ActorId::from_u128(n), offer: Money::from_rupiah(price).unwrap(),
///     corrected: None, submitted_on: day,
/// };
/// let bids = [bid(1, 900), bid(2, 950)];
/// let award = |n, price| Award { bid: BidId::from_u128(n), provider: ActorId::from_u128(n), price: Money::from_rupiah(price).unwrap(), awarded_on: day };
/// let harga = Some(EvaluationMethod::HargaTerendah);
/// assert_eq!(lowest_price::check(&bids, Some(&award(1, 900)), harga), Verdict::Pass);
/// let Verdict::Violated(ev) = lowest_price::check(&bids, Some(&award(2, 950)), harga) else { panic!() };
/// assert_eq!(ev.get("lower_bids").unwrap().to_string(), "1");
/// // Quality-and-cost evaluation may pick a dearer bid.
/// assert_eq!(lowest_price::check(&bids, Some(&award(2, 950)), Some(EvaluationMethod::KualitasDanBiaya)), Verdict::Pass);
/// ```
pub fn check(bids: &[Bid], award: Option<&Award>, evaluation: Option<EvaluationMethod>) -> Verdict {
    let Some(evaluation) = evaluation else {
        return Verdict::missing("the evaluation method (mtd_evaluasi)");
    };
    if evaluation != EvaluationMethod::HargaTerendah {
        return Verdict::Pass;
    }
    let Some(award) = award else {
        return Verdict::missing("the award");
    };
    let Some(winner) = bids.iter().find(|b| b.id == award.bid) else {
        return Verdict::missing("the winning bid among the priced bids");
    };
    let price = winner.evaluated_price();
    let lower: Vec<&Bid> = bids.iter().filter(|b| b.evaluated_price() < price).collect();
    let Some(lowest) = lower.iter().map(|b| b.evaluated_price()).min() else {
        return Verdict::Pass;
    };
    Verdict::Violated(
        Evidence::new()
            .with("winner_price", price)
            .with("lowest_price", lowest)
            .with("lower_bids", i64::try_from(lower.len()).unwrap_or(i64::MAX))
            .with("priced_bids", i64::try_from(bids.len()).unwrap_or(i64::MAX)),
    )
}
