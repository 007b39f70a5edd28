//! H-07: a tender decided on a single priced bid (Open Contracting R018). Bids are the
//! participants with a price (`nilai_penawaran`), never the registrations: Kab. Bandung 2025
//! had a median of 39 registered participants per tender, yet 28 of 69 tenders with priced bids
//! had exactly one. Doc page: `docs/rules/H-07.md`.

use rantai_core::{Evidence, Verdict};

use crate::tender::Bid;

/// H-07 as [`check`], with the number of registered participants beside the one priced bid in the
/// evidence (`registered`, when any were recorded): one bid out of forty registrations is the
/// pattern auditors look for.
///
/// ```
/// # use rantai_procurement::{Bid, rules::single_bid};
/// # use rantai_core::{ActorId, BidId, Money, Verdict};
/// # use chrono::NaiveDate;
/// let bid = Bid { id: BidId::from_u128(1), provider: ActorId::from_u128(1), offer: Money::from_rupiah(900).unwrap(),
///     corrected: None, disqualified: None, submitted_on: NaiveDate::from_ymd_opt(2025, 3, 12).unwrap() };
/// let Verdict::Violated(ev) = single_bid::check_registered(&[bid], true, 39) else { panic!() };
/// assert_eq!(ev.get("registered").unwrap().to_string(), "39");
/// ```
pub fn check_registered(bids: &[Bid], closed: bool, registered: usize) -> Verdict {
    match check(bids, closed) {
        Verdict::Violated(ev) if registered > 0 => {
            Verdict::Violated(ev.with("registered", i64::try_from(registered).unwrap_or(i64::MAX)))
        }
        other => other,
    }
}

/// H-07 over the priced bids of a competitive procurement
/// ([`rantai_core::MetodePemilihan::is_competitive`]) whose bidding has closed (`closed`;
/// the engine passes whether it is awarded). While bidding is open nothing is judged.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{Bid, rules::single_bid};
/// # use rantai_core::{ActorId, BidId, Money, Verdict};
/// # use chrono::NaiveDate;
/// let bid = |n| Bid {
///     id: BidId::from_u128(n), provider: ActorId::from_u128(n), offer: Money::from_rupiah(900).unwrap(),
///     corrected: None, disqualified: None, submitted_on: NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
/// };
/// assert!(matches!(single_bid::check(&[bid(1)], true), Verdict::Violated(_)));
/// assert_eq!(single_bid::check(&[bid(1), bid(2)], true), Verdict::Pass);
/// assert!(matches!(single_bid::check(&[bid(1)], false), Verdict::Insufficient { .. }));
/// ```
pub fn check(bids: &[Bid], closed: bool) -> Verdict {
    if !closed {
        return Verdict::missing("the close of bidding (award)");
    }
    match bids.len() {
        0 => Verdict::missing("priced bids"),
        1 => Verdict::Violated(Evidence::new().with("priced_bids", 1i64)),
        _ => Verdict::Pass,
    }
}
