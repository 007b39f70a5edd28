//! D20 of the peer synthesis: dates out of order across stages (ocportal `validateDates`,
//! Prozorro's date-order rule). A recorded history can carry them — an import of SPSE data with an
//! award before its announcement, a contract starting before it was signed — and each is reported
//! with both dates. Doc page: `docs/rules/D20.md`.

use chrono::NaiveDate;
use rantai_core::{Evidence, Verdict};

use crate::contract::Contract;
use crate::tender::{PlanLink, Procurement};

/// The first pair of stages out of order, or `Pass`.
fn first_inversion(pairs: &[(&str, Option<NaiveDate>, &str, Option<NaiveDate>)]) -> Verdict {
    for (earlier_what, earlier, later_what, later) in pairs {
        if let (Some(earlier), Some(later)) = (earlier, later)
            && later < earlier
        {
            return Verdict::Violated(
                Evidence::new()
                    .with("earlier_stage", *earlier_what)
                    .with("earlier_date", *earlier)
                    .with("later_stage", *later_what)
                    .with("later_date", *later)
                    .with("days_inverted", (*earlier - *later).num_days()),
            );
        }
    }
    Verdict::Pass
}

/// D20 over a procurement: RUP announcement ≤ tender announcement ≤ every bid ≤ award, and the
/// winning bid ≤ award.
pub fn procurement(p: &Procurement) -> Verdict {
    let announced = p.spec().announced_on;
    let rup = match p.plan() {
        PlanLink::Announced { packages } => packages.iter().map(|p| p.announced_on()).max(),
        _ => None,
    };
    let first_bid = p.bids().iter().map(|b| b.submitted_on).min();
    let award = p.award();
    let winning_bid = award
        .and_then(|a| p.bids().iter().find(|b| b.id == a.bid))
        .map(|b| b.submitted_on);
    let awarded_on = award.map(|a| a.awarded_on);
    first_inversion(&[
        ("RUP announcement", rup, "tender announcement", Some(announced)),
        ("tender announcement", Some(announced), "first bid", first_bid),
        ("tender announcement", Some(announced), "award", awarded_on),
        ("winning bid", winning_bid, "award", awarded_on),
    ])
}

/// D20 over a contract: award ≤ signature ≤ start ≤ end, signature ≤ each addendum, start ≤ BAST,
/// signature ≤ termination, each addendum ≤ termination.
pub fn contract(c: &Contract, awarded_on: Option<NaiveDate>) -> Verdict {
    let spec = &c.terms().spec;
    let mut pairs = vec![
        ("award", awarded_on, "contract signature", Some(spec.signed_on)),
        (
            "contract signature",
            Some(spec.signed_on),
            "work start (SPMK)",
            Some(spec.start),
        ),
        ("work start (SPMK)", Some(spec.start), "planned end", Some(spec.end)),
        ("work start (SPMK)", Some(spec.start), "handover (BAST)", c.bast_on()),
        (
            "contract signature",
            Some(spec.signed_on),
            "termination",
            c.termination().map(|t| t.on),
        ),
    ];
    let terminated_on = c.termination().map(|t| t.on);
    for a in c.addenda() {
        pairs.push(("contract signature", Some(spec.signed_on), "addendum", Some(a.dated)));
        pairs.push(("addendum", Some(a.dated), "termination", terminated_on));
    }
    first_inversion(&pairs)
}

#[cfg(test)]
mod tests {
    use rantai_core::{ActorId, BidId, Evidence, Mode, Policy, Rulebook, Verdict};

    use super::*;
    use crate::{Bid, Open, fixtures};

    fn inversion(v: &Verdict) -> Option<(String, String)> {
        let Verdict::Violated(e) = v else { return None };
        let text = |e: &Evidence, k: &str| e.get(k).map(ToString::to_string).unwrap_or_default();
        Some((text(e, "earlier_stage"), text(e, "later_stage")))
    }

    #[test]
    fn a_recorded_bid_before_the_announcement_is_kept_and_reported() {
        let (spec, plan) = fixtures::tender_with_plan();
        let announced = spec.announced_on;
        let rulebook = Rulebook::standard();
        let (open, _) = Open::record(spec, plan, Policy::new(rulebook, Mode::Record)).unwrap();
        let early = Bid {
            id: BidId::from_u128(1),
            provider: ActorId::from_u128(50),
            offer: rantai_core::Money::from_rupiah(900_000_000).unwrap(),
            corrected: None,
            disqualified: None,
            submitted_on: announced.pred_opt().unwrap(),
        };
        // A live system may not take it …
        assert!(open.clone().submit_bid(early.clone(), Mode::Command).is_err());
        // … a record of it is kept, and D20 names both dates.
        let (open, _) = open.submit_bid(early, Mode::Record).unwrap();
        let verdict = procurement(&Procurement::Open(open));
        assert_eq!(
            inversion(&verdict),
            Some(("tender announcement".into(), "first bid".into()))
        );
    }
}
