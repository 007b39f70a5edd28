//! The ground truth: every finding a generated region must produce, read off what the generator
//! decided (never off the chain or the engine), so the engine can be checked against it.

use chrono::Datelike;
use rantai_core::{Money, RuleId, Rulebook, Subject};

use crate::anomaly::On;
use crate::build::{dpa_lines, ids};
use crate::scenario::Region;

/// One finding the engine must report as `Found`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label {
    /// The rule.
    pub rule: RuleId,
    /// What it is about.
    pub subject: Subject,
}

/// Every label of a region, sorted (a rule may be expected twice on one subject).
pub fn labels(region: &Region) -> Vec<Label> {
    let mut out = Vec::new();
    for (i, s) in region.packages.iter().enumerate() {
        let subject = |on: On| match on {
            On::Package => Subject::Package(ids::package(i)),
            On::Procurement => Subject::Procurement(ids::procurement(i)),
            On::Contract => Subject::Contract(ids::contract(i)),
            On::DpaLine => Subject::DpaLine(ids::dpa_line(s, i)),
        };
        if let Some(a) = s.anomaly {
            out.extend(a.labels().iter().map(|(rule, on)| Label {
                rule: *rule,
                subject: subject(*on),
            }));
        }
        if s.single_bid && s.anomaly != Some(crate::Anomaly::WinningBidAboveHps) {
            out.extend(crate::Anomaly::SingleBid.labels().iter().map(|(rule, on)| Label {
                rule: *rule,
                subject: subject(*on),
            }));
        }
    }
    for (org, anomaly) in &region.org_anomalies {
        out.extend(
            anomaly
                .labels(*org)
                .into_iter()
                .map(|(rule, subject)| Label { rule, subject }),
        );
    }
    out.sort();
    out
}

/// The organisations whose absorption misses K-10's marks by the end of the year: less than
/// `min_q2` of their DPA pagu paid by 30 June, less than `min_q3` by 30 September, or more than
/// `max_q4_share` of the year's payments in the fourth quarter.
pub fn back_loaded(region: &Region, rulebook: &Rulebook) -> Vec<usize> {
    let orgs = region.organisations.len();
    let mut pagu = vec![Money::ZERO; orgs];
    for (o, _, _, p) in dpa_lines(region).values() {
        pagu[*o] += *p;
    }
    let mut paid = vec![[Money::ZERO; 4]; orgs];
    for s in &region.packages {
        for (on, amount) in s.procured.iter().flat_map(|p| p.payments.iter()) {
            let q = (on.month0() / 3) as usize;
            paid[s.org][q] += *amount;
        }
    }
    let end = crate::generate::day(12, 31);
    let ratio = |p| rulebook.get(p, end).ok();
    use rantai_core::param::k10;
    let (Some(min_q2), Some(min_q3), Some(max_q4)) = (ratio(k10::MIN_Q2), ratio(k10::MIN_Q3), ratio(k10::MAX_Q4_SHARE))
    else {
        return Vec::new();
    };
    (0..orgs)
        .filter(|o| {
            let q = paid[*o];
            if pagu[*o].is_zero() {
                return false;
            }
            let sum = |n: usize| q[..n].iter().sum::<Money>();
            let share_of = |m: Money, whole: Money| m.ratio_of(whole);
            let q2 = share_of(sum(2), pagu[*o]).is_some_and(|r| r < min_q2);
            let q3 = share_of(sum(3), pagu[*o]).is_some_and(|r| r < min_q3);
            let q4 = share_of(q[3], sum(4)).is_some_and(|r| r > max_q4);
            q2 || q3 || q4
        })
        .collect()
}
