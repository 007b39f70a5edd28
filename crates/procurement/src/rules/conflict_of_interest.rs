//! Conflicts of interest in one procurement, from the owners and controllers supplied as input
//! ([`Ownership`]): H-10, two bidders controlled by the same party — one holding more than 50 % of
//! both, or sitting as director, commissioner or beneficial owner of both, or one bidder
//! controlling the other (Perpres 16/2018 Pasal 7(2)(f)); H-11, an official of the procurement —
//! its PPK, a Pokja member or the Pejabat Pengadaan — controlling a bidder directly or indirectly
//! (more than half its shares, or on its board, or its beneficial owner), or bidding itself
//! (Pasal 7(2)(e)); a minority shareholding is not control. LKPP's
//! data carries no ownership: without a declaration for every bidder, a procurement with no
//! conflict among the declared ones is undecided. Doc pages: `docs/rules/H-10.md`,
//! `docs/rules/H-11.md`.

use rantai_core::param;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{ActorId, Evidence, Rulebook, Verdict};

use crate::ownership::Ownership;
use crate::tender::{Bid, Officials};

/// The distinct bidders of a procurement, in bid order.
fn bidders(bids: &[Bid]) -> Vec<ActorId> {
    let mut out: Vec<ActorId> = Vec::with_capacity(bids.len());
    for b in bids {
        if !out.contains(&b.provider) {
            out.push(b.provider);
        }
    }
    out
}

/// The verdict when no conflict was found: pass if every bidder's ownership is known.
fn none_found(bidders: &[ActorId], owners: &BTreeMap<ActorId, Ownership>) -> Verdict {
    let unknown: Vec<String> = bidders
        .iter()
        .filter(|b| !owners.contains_key(b))
        .map(|b| format!("the ownership of bidder {b}"))
        .collect();
    if unknown.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Insufficient(unknown)
    }
}

/// H-10 for a procurement's bids: two bidders under common control. With `winner`, only pairs
/// that include the winner are judged (the check at the award).
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use rantai_core::{ActorId, BidId, Ratio, Rulebook, Verdict};
/// use rantai_procurement::{Bid, Ownership, Stake, Tie, rules::conflict_of_interest};
/// let on = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
/// let bid = |n| Bid { id: BidId::from_u128(n), provider: ActorId::from_u128(n), offer: "900000000".parse().unwrap(), corrected: None, disqualified: None, submitted_on: on };
/// let owned = |provider, holder, pct| Ownership {
///     provider: ActorId::from_u128(provider),
///     declared_on: on,
///     stakes: vec![Stake { holder: ActorId::from_u128(holder), tie: Tie::Shareholder, share: Some(Ratio::percent(pct)) }],
/// };
/// // One person holds 60 % of the first bidder and 51 % of the second.
/// let owners: BTreeMap<_, _> = [(ActorId::from_u128(1), owned(1, 9, 60)), (ActorId::from_u128(2), owned(2, 9, 51))].into();
/// let bids = [bid(1), bid(2)];
/// assert!(matches!(conflict_of_interest::common_control(&bids, &owners, None, on, Rulebook::standard()), Verdict::Violated(_)));
/// // 50 % exactly is not control.
/// let owners: BTreeMap<_, _> = [(ActorId::from_u128(1), owned(1, 9, 60)), (ActorId::from_u128(2), owned(2, 9, 50))].into();
/// assert_eq!(conflict_of_interest::common_control(&bids, &owners, None, on, Rulebook::standard()), Verdict::Pass);
/// ```
pub fn common_control(
    bids: &[Bid],
    owners: &BTreeMap<ActorId, Ownership>,
    winner: Option<ActorId>,
    on: NaiveDate,
    rulebook: &Rulebook,
) -> Verdict {
    let bidders = bidders(bids);
    if bidders.len() < 2 {
        return Verdict::Pass;
    }
    let Ok(control) = rulebook.get(param::h10::CONTROL_SHARE, on) else {
        return Verdict::missing(format!("H-10 control_share in force on {on}"));
    };
    for (i, a) in bidders.iter().enumerate() {
        for b in &bidders[i + 1..] {
            if winner.is_some_and(|w| w != *a && w != *b) {
                continue;
            }
            let (Some(oa), Some(ob)) = (owners.get(a), owners.get(b)) else {
                continue;
            };
            let pair = |holder: ActorId| {
                Evidence::new()
                    .with("bidder", a.to_string())
                    .with("other_bidder", b.to_string())
                    .with("controller", holder.to_string())
                    .with("share_in_bidder", oa.share_of(holder))
                    .with("share_in_other", ob.share_of(holder))
                    .with("control_share", control)
            };
            // One bidder controls the other.
            if ob.is_controlled_by(*a, control) {
                return Verdict::Violated(pair(*a));
            }
            if oa.is_controlled_by(*b, control) {
                return Verdict::Violated(pair(*b));
            }
            if let Some(h) = oa
                .holders()
                .find(|h| oa.is_controlled_by(*h, control) && ob.is_controlled_by(*h, control))
            {
                return Verdict::Violated(pair(h));
            }
        }
    }
    // Every pair (or every pair with the winner) needs both declarations.
    none_found(&bidders, owners)
}

/// H-11 for a procurement: an official (PPK, Pokja member, Pejabat Pengadaan) who is a bidder or
/// controls one (a share above `control_share`, or a board seat, or beneficial ownership). With
/// `winner`, only the winner is judged (the check at the award).
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use rantai_core::{ActorId, BidId, Ratio, Verdict};
/// use rantai_procurement::{Bid, Officials, Ownership, Stake, Tie, rules::conflict_of_interest};
/// let on = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
/// let bids = [Bid { id: BidId::from_u128(1), provider: ActorId::from_u128(50), offer: "90000000".parse().unwrap(), corrected: None, disqualified: None, submitted_on: on }];
/// let officials = Officials { ppk: Some(ActorId::from_u128(10)), pokja: vec![], pejabat_pengadaan: Some(ActorId::from_u128(11)) };
/// // The Pejabat Pengadaan's name is on the board of the only provider.
/// let owners: BTreeMap<_, _> = [(ActorId::from_u128(50), Ownership {
///     provider: ActorId::from_u128(50),
///     declared_on: on,
///     stakes: vec![Stake { holder: ActorId::from_u128(11), tie: Tie::Commissioner, share: None }],
/// })].into();
/// let book = rantai_core::Rulebook::standard();
/// let Verdict::Violated(ev) = conflict_of_interest::official_tie(&bids, &officials, &owners, None, on, book) else { panic!() };
/// assert_eq!(ev.get("role").unwrap().to_string(), "Pejabat Pengadaan");
/// ```
pub fn official_tie(
    bids: &[Bid],
    officials: &Officials,
    owners: &BTreeMap<ActorId, Ownership>,
    winner: Option<ActorId>,
    on: NaiveDate,
    rulebook: &Rulebook,
) -> Verdict {
    let named: Vec<(ActorId, &'static str)> = officials
        .ppk
        .map(|a| (a, "PPK"))
        .into_iter()
        .chain(officials.pokja.iter().map(|a| (*a, "Pokja member")))
        .chain(officials.pejabat_pengadaan.map(|a| (a, "Pejabat Pengadaan")))
        .collect();
    let bidders: Vec<ActorId> = bidders(bids)
        .into_iter()
        .filter(|b| winner.is_none_or(|w| w == *b))
        .collect();
    if bidders.is_empty() {
        return Verdict::Pass;
    }
    if named.is_empty() {
        return Verdict::missing("the PPK, Pokja or Pejabat Pengadaan of the procurement");
    }
    let Ok(control) = rulebook.get(param::h11::CONTROL_SHARE, on) else {
        return Verdict::missing(format!("H-11 control_share in force on {on}"));
    };
    for bidder in &bidders {
        for (official, role) in &named {
            let tie = if official == bidder {
                Some(("is the bidder", None))
            } else {
                owners
                    .get(bidder)
                    .filter(|o| o.is_controlled_by(*official, control))
                    .map(|o| {
                        // The tie that gives control: a board seat or beneficial ownership, else the shares.
                        let board = o
                            .stakes
                            .iter()
                            .find(|s| s.holder == *official && s.tie != crate::ownership::Tie::Shareholder);
                        match board {
                            Some(s) => (s.tie.label(), None),
                            None => (crate::ownership::Tie::Shareholder.label(), Some(o.share_of(*official))),
                        }
                    })
            };
            if let Some((tie, share)) = tie {
                let mut evidence = Evidence::new()
                    .with("official", official.to_string())
                    .with("role", *role)
                    .with("bidder", bidder.to_string())
                    .with("tie", tie);
                if let Some(share) = share {
                    evidence = evidence.with("share", share);
                }
                return Verdict::Violated(evidence);
            }
        }
    }
    none_found(&bidders, owners)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ownership::{Stake, Tie};
    use rantai_core::{BidId, Ratio};

    fn on() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 5, 2).unwrap()
    }

    fn bid(n: u128) -> Bid {
        Bid {
            id: BidId::from_u128(n),
            provider: ActorId::from_u128(n),
            offer: "1000000000".parse().unwrap(),
            corrected: None,
            disqualified: None,
            submitted_on: on(),
        }
    }

    fn declared(provider: u128, stakes: &[(u128, Tie, Option<i64>)]) -> (ActorId, Ownership) {
        let provider = ActorId::from_u128(provider);
        let stakes = stakes
            .iter()
            .map(|(h, tie, pct)| Stake {
                holder: ActorId::from_u128(*h),
                tie: *tie,
                share: pct.map(Ratio::percent),
            })
            .collect();
        (
            provider,
            Ownership {
                provider,
                declared_on: on(),
                stakes,
            },
        )
    }

    fn h10(bids: &[Bid], owners: &BTreeMap<ActorId, Ownership>, winner: Option<u128>) -> Verdict {
        common_control(bids, owners, winner.map(ActorId::from_u128), on(), Rulebook::standard())
    }

    #[test]
    fn the_same_director_of_two_bidders_is_common_control() {
        let owners: BTreeMap<_, _> = [
            declared(1, &[(90, Tie::Director, None), (91, Tie::Shareholder, Some(100))]),
            declared(2, &[(90, Tie::Director, None), (92, Tie::Shareholder, Some(100))]),
            declared(3, &[(93, Tie::Shareholder, Some(100))]),
        ]
        .into();
        let bids = [bid(1), bid(2), bid(3)];
        let Verdict::Violated(ev) = h10(&bids, &owners, None) else {
            panic!("one director for bidders 1 and 2");
        };
        assert_eq!(
            ev.get("controller").unwrap().to_string(),
            ActorId::from_u128(90).to_string()
        );
        // At the award to bidder 3 the pair (1, 2) does not bar it …
        assert_eq!(h10(&bids, &owners, Some(3)), Verdict::Pass);
        // … but it bars an award to bidder 2.
        assert!(matches!(h10(&bids, &owners, Some(2)), Verdict::Violated(_)));
    }

    #[test]
    fn a_bidder_holding_a_majority_of_another_controls_it() {
        let owners: BTreeMap<_, _> = [
            declared(1, &[(80, Tie::Shareholder, Some(100))]),
            declared(2, &[(1, Tie::Shareholder, Some(70)), (81, Tie::Shareholder, Some(30))]),
        ]
        .into();
        let Verdict::Violated(ev) = h10(&[bid(1), bid(2)], &owners, None) else {
            panic!("bidder 1 holds 70 % of bidder 2");
        };
        assert_eq!(ev.get("share_in_other").unwrap().to_string(), "70%");
    }

    #[test]
    fn minority_holders_in_common_and_unknown_owners() {
        let owners: BTreeMap<_, _> = [
            declared(1, &[(90, Tie::Shareholder, Some(40)), (91, Tie::Shareholder, Some(60))]),
            declared(2, &[(90, Tie::Shareholder, Some(40)), (92, Tie::Shareholder, Some(60))]),
        ]
        .into();
        assert_eq!(h10(&[bid(1), bid(2)], &owners, None), Verdict::Pass);
        // A third bidder without a declaration: undecided, naming it.
        let Verdict::Insufficient(missing) = h10(&[bid(1), bid(2), bid(3)], &owners, None) else {
            panic!("bidder 3 has no declaration");
        };
        assert_eq!(missing.len(), 1);
        // One bid: nothing to compare.
        assert_eq!(h10(&[bid(3)], &BTreeMap::new(), None), Verdict::Pass);
    }

    #[test]
    fn an_official_who_controls_a_bidder_or_is_the_bidder() {
        let officials = Officials {
            ppk: Some(ActorId::from_u128(10)),
            pokja: vec![ActorId::from_u128(20), ActorId::from_u128(21), ActorId::from_u128(22)],
            pejabat_pengadaan: None,
        };
        let book = Rulebook::standard();
        let tie = |bids: &[Bid], officials: &Officials, owners: &BTreeMap<ActorId, Ownership>, winner| {
            official_tie(bids, officials, owners, winner, on(), book)
        };
        let owners: BTreeMap<_, _> = [
            declared(1, &[(80, Tie::Shareholder, Some(100))]),
            declared(2, &[(21, Tie::Shareholder, Some(55)), (81, Tie::Shareholder, Some(45))]),
            declared(4, &[(22, Tie::Shareholder, Some(5)), (82, Tie::Shareholder, Some(95))]),
        ]
        .into();
        let Verdict::Violated(ev) = tie(&[bid(1), bid(2)], &officials, &owners, None) else {
            panic!("a Pokja member holds 55 % of bidder 2");
        };
        assert_eq!(ev.get("role").unwrap().to_string(), "Pokja member");
        assert_eq!(ev.get("share").unwrap().to_string(), "55%");
        // A 5 % stake is not control (Pasal 7(2)(e)).
        assert_eq!(tie(&[bid(1), bid(4)], &officials, &owners, None), Verdict::Pass);
        // The award to bidder 1 is not barred by bidder 2's tie.
        assert_eq!(
            tie(&[bid(1), bid(2)], &officials, &owners, Some(ActorId::from_u128(1))),
            Verdict::Pass
        );
        // The PPK bidding itself.
        let Verdict::Violated(ev) = tie(&[bid(10)], &officials, &owners, None) else {
            panic!("the PPK is the bidder");
        };
        assert_eq!(ev.get("tie").unwrap().to_string(), "is the bidder");
        // Without declarations: undecided; without officials: undecided.
        assert!(matches!(
            tie(&[bid(3)], &officials, &owners, None),
            Verdict::Insufficient(_)
        ));
        assert!(matches!(
            tie(&[bid(1)], &Officials::default(), &owners, None),
            Verdict::Insufficient(_)
        ));
    }
}
