//! H-08: under Harga Terendah the winner must be the lowest evaluated (corrected) price among
//! the priced bids; a higher-priced winner is flagged for the disqualification reasons of the
//! lower bidders to be checked (Open Contracting R036; the KPK cases of lowest bidders knocked
//! out). The evidence says how many lower bids were knocked out with a recorded reason (and
//! which), and how many stand without one — a winner above a standing lower bid. Doc page:
//! `docs/rules/H-08.md`.

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
///     corrected: None, disqualified: None, submitted_on: day,
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
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let knocked_out: Vec<String> = lower
        .iter()
        .filter_map(|b| b.disqualified.as_ref())
        .map(|d| format!("{}: {}", d.stage.label(), d.reason))
        .collect();
    let mut evidence = Evidence::new()
        .with("winner_price", price)
        .with("lowest_price", lowest)
        .with("lower_bids", count(lower.len()))
        .with("priced_bids", count(bids.len()))
        .with("lower_without_reason", count(lower.len() - knocked_out.len()));
    if !knocked_out.is_empty() {
        evidence = evidence.with("knocked_out", knocked_out.join("; "));
    }
    Verdict::Violated(evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tender::{Disqualification, EvaluationStage};
    use chrono::NaiveDate;
    use rantai_core::{ActorId, BidId, Money};

    #[test]
    fn the_evidence_gives_the_reasons_of_the_knocked_out_lower_bids() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
        let bid = |n, price, disqualified| Bid {
            id: BidId::from_u128(n),
            provider: ActorId::from_u128(n),
            offer: Money::from_rupiah(price).unwrap(),
            corrected: None,
            submitted_on: day,
            disqualified,
        };
        let gugur = Disqualification {
            stage: EvaluationStage::Teknis,
            reason: "metode pelaksanaan tidak memenuhi".into(),
            on: day,
        };
        let bids = [bid(1, 800, Some(gugur)), bid(2, 850, None), bid(3, 900, None)];
        let award = Award {
            bid: BidId::from_u128(3),
            provider: ActorId::from_u128(3),
            price: Money::from_rupiah(900).unwrap(),
            awarded_on: day,
        };
        let Verdict::Violated(ev) = check(&bids, Some(&award), Some(EvaluationMethod::HargaTerendah)) else {
            panic!("the winner is not the lowest");
        };
        assert_eq!(ev.get("lower_bids").unwrap().to_string(), "2");
        assert_eq!(ev.get("lower_without_reason").unwrap().to_string(), "1");
        assert_eq!(
            ev.get("knocked_out").unwrap().to_string(),
            "teknis: metode pelaksanaan tidak memenuhi"
        );
    }
}
