//! Stable rule identifiers: `P-01`…`K-13` from `domain-rules.md` §8 and `D1`…`D22` from
//! `red-flags.md` §9, stored compactly so findings stay cheap to copy.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CoreError, Result};

/// The family a rule belongs to (the letter of its id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleFamily {
    /// `P-` procurement method and thresholds.
    P,
    /// `H-` HPS, bids and award.
    H,
    /// `T-` tender process timing.
    T,
    /// `C-` contract execution.
    C,
    /// `R-` roles and separation of duties.
    R,
    /// `K-` plan / procurement / budget consistency (ketimpangan).
    K,
    /// `D` plan-vs-actual checks D1–D22 of the peer synthesis.
    D,
}

impl RuleFamily {
    fn letter(self) -> char {
        match self {
            RuleFamily::P => 'P',
            RuleFamily::H => 'H',
            RuleFamily::T => 'T',
            RuleFamily::C => 'C',
            RuleFamily::R => 'R',
            RuleFamily::K => 'K',
            RuleFamily::D => 'D',
        }
    }
}

/// A rule id such as `H-01` or `D13`.
///
/// # Example
///
/// ```
/// use rantai_core::RuleId;
/// assert_eq!("C-07".parse::<RuleId>()?, RuleId::C07);
/// assert_eq!(RuleId::D13.to_string(), "D13");
/// assert!("C7".parse::<RuleId>().is_err());
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId {
    family: RuleFamily,
    number: u8,
}

impl RuleId {
    /// How many [`RuleId::slot`]s there are.
    pub const SLOTS: usize = 7 * 256;

    /// A dense index of the id, increasing in the ids' order: an array of [`RuleId::SLOTS`]
    /// entries holds one per rule.
    ///
    /// ```
    /// use rantai_core::RuleId;
    /// assert!(RuleId::P01.slot() < RuleId::P02.slot());
    /// assert!(RuleId::P11.slot() < RuleId::H01.slot()); // P before H, as ids sort
    /// assert!(RuleId::D20.slot() < RuleId::SLOTS);
    /// ```
    pub const fn slot(self) -> usize {
        (self.family as usize) * 256 + self.number as usize
    }

    const fn new(family: RuleFamily, number: u8) -> Self {
        Self { family, number }
    }
    /// P-01 Pengadaan Langsung above its ceiling.
    pub const P01: RuleId = RuleId::new(RuleFamily::P, 1);
    /// P-02 Pengadaan Langsung consultancy above Rp100 juta.
    pub const P02: RuleId = RuleId::new(RuleFamily::P, 2);
    /// P-03 method not allowed for the procurement object.
    pub const P03: RuleId = RuleId::new(RuleFamily::P, 3);
    /// P-04 the selection run by the wrong official for its method and value.
    pub const P04: RuleId = RuleId::new(RuleFamily::P, 4);
    /// P-05 the Pokja set a winner above its authority (the PA sets it).
    pub const P05: RuleId = RuleId::new(RuleFamily::P, 5);
    /// P-06 package not reserved for small business.
    pub const P06: RuleId = RuleId::new(RuleFamily::P, 6);
    /// P-09 a Penunjukan Langsung without a keadaan tertentu or a failed re-tender.
    pub const P09: RuleId = RuleId::new(RuleFamily::P, 9);
    /// P-10 a Tender Cepat not evaluated on price alone.
    pub const P10: RuleId = RuleId::new(RuleFamily::P, 10);
    /// P-07 less than 40 % of procurement spending reserved for micro and small business.
    pub const P07: RuleId = RuleId::new(RuleFamily::P, 7);
    /// P-08 package splitting under a threshold.
    pub const P08: RuleId = RuleId::new(RuleFamily::P, 8);
    /// P-11 contract form does not match its value.
    pub const P11: RuleId = RuleId::new(RuleFamily::P, 11);
    /// H-01 HPS above pagu.
    pub const H01: RuleId = RuleId::new(RuleFamily::H, 1);
    /// H-02 award above HPS.
    pub const H02: RuleId = RuleId::new(RuleFamily::H, 2);
    /// H-03 contract value above HPS.
    pub const H03: RuleId = RuleId::new(RuleFamily::H, 3);
    /// R-01 PPK also PPSPM or Bendahara.
    pub const R01: RuleId = RuleId::new(RuleFamily::R, 1);
    /// R-02 Pejabat Pengadaan or Pokja member also PPSPM or Bendahara.
    pub const R02: RuleId = RuleId::new(RuleFamily::R, 2);
    /// R-04 KPA acting as PPK (allowed for APBD, recorded).
    pub const R04: RuleId = RuleId::new(RuleFamily::R, 4);
    /// R-03 a Pokja of an even number of members, or fewer than three.
    pub const R03: RuleId = RuleId::new(RuleFamily::R, 3);
    /// R-05 PPK-SKPD also Bendahara or PPTK.
    pub const R05: RuleId = RuleId::new(RuleFamily::R, 5);
    /// R-06 PPK and PPK-SKPD confused (holds by construction: distinct roles).
    pub const R06: RuleId = RuleId::new(RuleFamily::R, 6);
    /// T-01 tender stages out of SPSE order.
    pub const T01: RuleId = RuleId::new(RuleFamily::T, 1);
    /// T-02 masa sanggah shorter than 5 calendar days.
    pub const T02: RuleId = RuleId::new(RuleFamily::T, 2);
    /// T-03 a sanggah banding outside works, without its bond, or late.
    pub const T03: RuleId = RuleId::new(RuleFamily::T, 3);
    /// T-04 aanwijzing too soon after the invitation, or upload too soon after the aanwijzing.
    pub const T04: RuleId = RuleId::new(RuleFamily::T, 4);
    /// T-05 a stage ends on a non-working day.
    pub const T05: RuleId = RuleId::new(RuleFamily::T, 5);
    /// T-06 a contract signed more than 14 working days after the SPPBJ.
    pub const T06: RuleId = RuleId::new(RuleFamily::T, 6);
    /// T-07 the ICW duration score from announcement to award, from score 4.
    pub const T07: RuleId = RuleId::new(RuleFamily::T, 7);
    /// T-08 a bidding window shorter than its peers' (the rulebook's floor per method).
    pub const T08: RuleId = RuleId::new(RuleFamily::T, 8);
    /// T-09 a failed tender without a Pasal 51 ground, or not followed by a re-tender.
    pub const T09: RuleId = RuleId::new(RuleFamily::T, 9);
    /// H-04 the winning offer under 80 % of HPS (price clarification, bond on HPS).
    pub const H04: RuleId = RuleId::new(RuleFamily::H, 4);
    /// H-05 the performance bond missing or too small.
    pub const H05: RuleId = RuleId::new(RuleFamily::H, 5);
    /// H-06 bids suspiciously close together or far apart (in the rulebook for reference; no
    /// outcome yet).
    pub const H06: RuleId = RuleId::new(RuleFamily::H, 6);
    /// H-07 a single priced bid.
    pub const H07: RuleId = RuleId::new(RuleFamily::H, 7);
    /// H-08 the winner is not the lowest evaluated price under Harga Terendah.
    pub const H08: RuleId = RuleId::new(RuleFamily::H, 8);
    /// H-09 the same provider wins repeatedly at one satker in a year.
    pub const H09: RuleId = RuleId::new(RuleFamily::H, 9);
    /// H-10 two bidders controlled by the same party (a common >50 % shareholder or controller).
    pub const H10: RuleId = RuleId::new(RuleFamily::H, 10);
    /// H-11 an official of the procurement tied to a bidder.
    pub const H11: RuleId = RuleId::new(RuleFamily::H, 11);
    /// C-02 an addendum in the penalty period changing more than the end.
    pub const C02: RuleId = RuleId::new(RuleFamily::C, 2);
    /// C-04 an extension in the penalty period longer than 50 days.
    pub const C04: RuleId = RuleId::new(RuleFamily::C, 4);
    /// C-01 addenda above 10 % of the original contract value.
    pub const C01: RuleId = RuleId::new(RuleFamily::C, 1);
    /// C-07 kontrak kritis.
    pub const C07: RuleId = RuleId::new(RuleFamily::C, 7);
    /// K-01 malformed classification code or MAK (refused by the parsers).
    pub const K01: RuleId = RuleId::new(RuleFamily::K, 1);
    /// K-02 level digit does not match the region.
    pub const K02: RuleId = RuleId::new(RuleFamily::K, 2);
    /// K-03 RUP above the sub-kegiatan's pagu.
    pub const K03: RuleId = RuleId::new(RuleFamily::K, 3);
    /// K-04 procurement without an announced RUP package.
    pub const K04: RuleId = RuleId::new(RuleFamily::K, 4);
    /// K-05 procurement differs from its plan (pagu, jenis, metode).
    pub const K05: RuleId = RuleId::new(RuleFamily::K, 5);
    /// K-06 selection later than planned, or a contract past 31 December without multi-year status.
    pub const K06: RuleId = RuleId::new(RuleFamily::K, 6);
    /// K-08 budget control: commitments and payments within the DPA line.
    pub const K08: RuleId = RuleId::new(RuleFamily::K, 8);
    /// K-11 payments ahead of physical progress.
    pub const K11: RuleId = RuleId::new(RuleFamily::K, 11);
    /// D1 procurement without a plan line, or of a plan already procured.
    pub const D1: RuleId = RuleId::new(RuleFamily::D, 1);
    /// D13 payments above the contract value.
    pub const D13: RuleId = RuleId::new(RuleFamily::D, 13);
    /// C-03 late penalty of 1 per mille per day (used for penalty exposure).
    pub const C03: RuleId = RuleId::new(RuleFamily::C, 3);
    /// C-05 advance payment above its cap.
    pub const C05: RuleId = RuleId::new(RuleFamily::C, 5);
    /// C-06 retention not withheld until the end of maintenance.
    pub const C06: RuleId = RuleId::new(RuleFamily::C, 6);
    /// C-09 payment above the net contract balance.
    pub const C09: RuleId = RuleId::new(RuleFamily::C, 9);
    /// C-10 a contract type Perpres 16/2018 Pasal 27 does not allow for the procurement object.
    pub const C10: RuleId = RuleId::new(RuleFamily::C, 10);
    /// K-09 budget shift outside APBD-Perubahan, or more than one APBD-P.
    pub const K09: RuleId = RuleId::new(RuleFamily::K, 9);
    /// C-08 critical contract without its show-cause meetings.
    pub const C08: RuleId = RuleId::new(RuleFamily::C, 8);
    /// K-10 back-loaded absorption.
    pub const K10: RuleId = RuleId::new(RuleFamily::K, 10);
    /// K-12 indicator realisation behind its target.
    pub const K12: RuleId = RuleId::new(RuleFamily::K, 12);
    /// K-13 PP 39/2006 quarterly report late or missing.
    pub const K13: RuleId = RuleId::new(RuleFamily::K, 13);
    /// K-07 MAK not in the satker's DPA, or a rekening that does not fit the object (reference).
    pub const K07: RuleId = RuleId::new(RuleFamily::K, 7);
    /// D4 method differs from the planned method (covered by K-05).
    pub const D4: RuleId = RuleId::new(RuleFamily::D, 4);
    /// D5 commitment above the budget line (covered by K-08).
    pub const D5: RuleId = RuleId::new(RuleFamily::D, 5);
    /// D18 contract not published or published late (reference).
    pub const D18: RuleId = RuleId::new(RuleFamily::D, 18);
    /// D22 notice and award disagree (reference).
    pub const D22: RuleId = RuleId::new(RuleFamily::D, 22);
    /// D2 procuring organisation differs from the plan's.
    pub const D2: RuleId = RuleId::new(RuleFamily::D, 2);
    /// D6 budget year does not cover the contract or payment date.
    pub const D6: RuleId = RuleId::new(RuleFamily::D, 6);
    /// D8 award far below the estimate.
    pub const D8: RuleId = RuleId::new(RuleFamily::D, 8);
    /// D9 award at or within 1 % of the estimate.
    pub const D9: RuleId = RuleId::new(RuleFamily::D, 9);
    /// D10 contract value above the award.
    pub const D10: RuleId = RuleId::new(RuleFamily::D, 10);
    /// D12 amendments increasing price or term.
    pub const D12: RuleId = RuleId::new(RuleFamily::D, 12);
    /// D14 contract not completed on time.
    pub const D14: RuleId = RuleId::new(RuleFamily::D, 14);
    /// D16 suspiciously short execution of works.
    pub const D16: RuleId = RuleId::new(RuleFamily::D, 16);
    /// D17 splitting across the year per supplier.
    pub const D17: RuleId = RuleId::new(RuleFamily::D, 17);
    /// D20 dates out of order across stages.
    pub const D20: RuleId = RuleId::new(RuleFamily::D, 20);
    /// D21 results shortfall against an indicator target.
    pub const D21: RuleId = RuleId::new(RuleFamily::D, 21);

    /// The family.
    pub fn family(&self) -> RuleFamily {
        self.family
    }
    /// The number within the family.
    pub fn number(&self) -> u8 {
        self.number
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.family {
            RuleFamily::D => write!(f, "D{}", self.number),
            other => write!(f, "{}-{:02}", other.letter(), self.number),
        }
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for RuleId {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || CoreError::InvalidCode {
            kind: "rule id",
            input: s.to_string(),
            reason: "expected P-01…P-99, H-, T-, C-, R-, K- with two digits, or D1…D99".into(),
        };
        let mut chars = s.chars();
        let family = match chars.next() {
            Some('P') => RuleFamily::P,
            Some('H') => RuleFamily::H,
            Some('T') => RuleFamily::T,
            Some('C') => RuleFamily::C,
            Some('R') => RuleFamily::R,
            Some('K') => RuleFamily::K,
            Some('D') => RuleFamily::D,
            _ => return Err(bad()),
        };
        let rest = chars.as_str();
        let digits = if family == RuleFamily::D {
            if rest.is_empty() || rest.len() > 2 || rest.starts_with('0') {
                return Err(bad());
            }
            rest
        } else {
            match rest.strip_prefix('-') {
                Some(d) if d.len() == 2 => d,
                _ => return Err(bad()),
            }
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number: u8 = digits.parse().map_err(|_| bad())?;
        if number == 0 {
            return Err(bad());
        }
        Ok(RuleId::new(family, number))
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips(f in 0usize..7, n in 1u8..100) {
            let family = [RuleFamily::P, RuleFamily::H, RuleFamily::T, RuleFamily::C, RuleFamily::R, RuleFamily::K, RuleFamily::D][f];
            let id = RuleId::new(family, n);
            prop_assert_eq!(id.to_string().parse::<RuleId>().unwrap(), id);
        }
    }
}
