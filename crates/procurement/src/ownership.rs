//! Who owns and who runs a provider — its shareholders with their share, its directors,
//! commissioners and beneficial owners — as declared (SIKaP, the akta, the beneficial-ownership
//! register) and supplied to rantai. The conflicts of interest H-10 and H-11 read it.

use chrono::NaiveDate;
use rantai_core::{ActorId, Ratio};
use serde::{Deserialize, Serialize};

use crate::error::ProcurementError;

/// How a person or company is tied to a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tie {
    /// Holds shares (pemegang saham); the share says how much.
    Shareholder,
    /// Sits on the board of directors (direksi) or runs the firm.
    Director,
    /// Sits on the board of commissioners (dewan komisaris).
    Commissioner,
    /// Ultimately owns or controls it (pemilik manfaat, Perpres 13/2018).
    BeneficialOwner,
}

impl Tie {
    /// The tie as a label.
    pub fn label(self) -> &'static str {
        match self {
            Tie::Shareholder => "pemegang saham",
            Tie::Director => "direksi",
            Tie::Commissioner => "dewan komisaris",
            Tie::BeneficialOwner => "pemilik manfaat",
        }
    }
}

/// One tie of a holder to a provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stake {
    /// The person or company (an official's id when the holder is an official).
    pub holder: ActorId,
    /// The tie.
    pub tie: Tie,
    /// The share of the capital, for a shareholder.
    pub share: Option<Ratio>,
}

/// A provider's owners and controllers as declared on a date. A later declaration replaces an
/// earlier one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ownership {
    /// The provider.
    pub provider: ActorId,
    /// The date of the declaration (or of the deed it copies).
    pub declared_on: NaiveDate,
    /// The ties.
    pub stakes: Vec<Stake>,
}

impl Ownership {
    /// Checks a declaration: it names someone, every shareholder has a share above 0 and at most
    /// 100 %, no other tie carries one, the shares add up to at most 100 %, and the provider does
    /// not hold itself.
    ///
    /// # Errors
    ///
    /// [`ProcurementError::InvalidValue`] naming the holder and what is wrong.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rantai_core::{ActorId, Ratio};
    /// use rantai_procurement::{Ownership, Stake, Tie};
    /// let holder = |n, share| Stake { holder: ActorId::from_u128(n), tie: Tie::Shareholder, share: Some(Ratio::percent(share)) };
    /// let mut o = Ownership {
    ///     provider: ActorId::from_u128(50),
    ///     declared_on: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
    ///     stakes: vec![holder(7, 60), holder(8, 40)],
    /// };
    /// assert!(o.validate().is_ok());
    /// o.stakes.push(holder(9, 10)); // 110 %
    /// assert!(o.validate().unwrap_err().to_string().contains("110"));
    /// ```
    pub fn validate(&self) -> Result<(), ProcurementError> {
        let invalid = |reason: String| ProcurementError::InvalidValue {
            subject: format!("ownership of provider {}", self.provider),
            reason,
        };
        if self.stakes.is_empty() {
            return Err(invalid("a declaration names at least one owner or controller".into()));
        }
        let mut total = Ratio::ZERO;
        for s in &self.stakes {
            if s.holder == self.provider {
                return Err(invalid("a provider cannot hold itself".into()));
            }
            match (s.tie, s.share) {
                (Tie::Shareholder, Some(share)) if share > Ratio::ZERO && share <= Ratio::ONE => {
                    total = total.plus(share);
                }
                (Tie::Shareholder, Some(share)) => {
                    return Err(invalid(format!(
                        "shareholder {} holds {}: a share is above 0 and at most 100 %",
                        s.holder,
                        share.to_percent_string()
                    )));
                }
                (Tie::Shareholder, None) => {
                    return Err(invalid(format!("shareholder {} without a share", s.holder)));
                }
                (tie, Some(_)) => {
                    return Err(invalid(format!("{} {} carries a share", tie.label(), s.holder)));
                }
                (_, None) => {}
            }
        }
        if total > Ratio::ONE {
            return Err(invalid(format!(
                "the shares add up to {}, above 100 %",
                total.to_percent_string()
            )));
        }
        Ok(())
    }

    /// The holder's share of the capital (zero when not a shareholder).
    pub fn share_of(&self, holder: ActorId) -> Ratio {
        self.stakes
            .iter()
            .filter(|s| s.holder == holder)
            .filter_map(|s| s.share)
            .fold(Ratio::ZERO, Ratio::plus)
    }

    /// Whether `holder` controls the provider: holds more than `control_share` of the capital, or
    /// is its director, commissioner or beneficial owner.
    pub fn is_controlled_by(&self, holder: ActorId, control_share: Ratio) -> bool {
        self.share_of(holder) > control_share
            || self
                .stakes
                .iter()
                .any(|s| s.holder == holder && s.tie != Tie::Shareholder)
    }

    /// Everyone tied to the provider, in declaration order, without repeats.
    pub fn holders(&self) -> impl Iterator<Item = ActorId> + '_ {
        self.stakes
            .iter()
            .enumerate()
            .filter(|(i, s)| !self.stakes[..*i].iter().any(|t| t.holder == s.holder))
            .map(|(_, s)| s.holder)
    }
}
