//! Exact ratios and percentages (`Ratio`), for thresholds, progress and shares.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CoreError, Result};

/// Decimal places kept when a ratio comes from a division (1e-6 = 0.0001 percentage points).
pub const RATIO_DECIMALS: u32 = 6;

/// An exact ratio such as `0.10` (10 %) or `1.02` (102 % of HPS); may be negative when it is a
/// difference (actual − plan).
///
/// In JSON a ratio is a string (`"0.1"`), in files it may be written as a string too.
///
/// # Example
///
/// ```
/// use rantai_core::Ratio;
/// let ten = Ratio::percent(10);
/// assert_eq!(ten, "0.10".parse()?);
/// assert_eq!(ten.to_percent_string(), "10%");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ratio(Decimal);

impl Ratio {
    /// Zero.
    pub const ZERO: Ratio = Ratio(Decimal::ZERO);
    /// One (100 %).
    pub const ONE: Ratio = Ratio(Decimal::ONE);

    /// A ratio from an exact decimal.
    pub fn new(value: Decimal) -> Ratio {
        Ratio(value.normalize())
    }

    /// `n` percent.
    pub fn percent(n: i64) -> Ratio {
        Ratio::new(Decimal::new(n, 2))
    }

    /// `n` per mille (‰).
    pub fn per_mille(n: i64) -> Ratio {
        Ratio::new(Decimal::new(n, 3))
    }

    /// A percentage given as a decimal number of percent (`12.5` → `0.125`).
    pub fn from_percent(value: Decimal) -> Ratio {
        Ratio::new(value / Decimal::ONE_HUNDRED)
    }

    /// The quotient of a division, rounded to [`RATIO_DECIMALS`] places (banker's rounding).
    pub fn from_quotient(value: Decimal) -> Ratio {
        Ratio::new(value.round_dp_with_strategy(RATIO_DECIMALS, RoundingStrategy::MidpointNearestEven))
    }

    /// The ratio as a decimal (`0.1` for 10 %).
    pub fn as_decimal(&self) -> Decimal {
        self.0
    }

    /// The ratio as a number of percent (`0.1` → `10`).
    pub fn as_percent(&self) -> Decimal {
        (self.0 * Decimal::ONE_HUNDRED).normalize()
    }

    /// `self − other` (a difference in percentage points when both are percentages).
    pub fn minus(self, other: Ratio) -> Ratio {
        Ratio::new(self.0 - other.0)
    }

    /// `self + other`.
    pub fn plus(self, other: Ratio) -> Ratio {
        Ratio::new(self.0 + other.0)
    }

    /// Rendered as percent, e.g. `"12.5%"`.
    pub fn to_percent_string(&self) -> String {
        format!("{}%", self.as_percent())
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ratio({})", self.0)
    }
}

impl FromStr for Ratio {
    type Err = CoreError;

    /// Parses `0.1`, `-0.05` or a percentage `10%`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = |reason: &str| CoreError::InvalidRatio {
            input: s.to_string(),
            reason: reason.to_string(),
        };
        let (number, is_percent) = match s.strip_suffix('%') {
            Some(n) => (n, true),
            None => (s, false),
        };
        let digits = number.strip_prefix('-').unwrap_or(number);
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            || digits.starts_with('.')
            || digits.ends_with('.')
            || digits.bytes().filter(|b| *b == b'.').count() > 1
        {
            return Err(bad("not a plain decimal number or percentage"));
        }
        let value = Decimal::from_str(number).map_err(|e| bad(&e.to_string()))?;
        if value.abs() > Decimal::from(1_000_000_000u32) {
            return Err(bad("magnitude above 10^9"));
        }
        Ok(if is_percent {
            Ratio::from_percent(value)
        } else {
            Ratio::new(value)
        })
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fractions_and_percentages() {
        assert_eq!("0.05".parse::<Ratio>().unwrap(), Ratio::percent(5));
        assert_eq!("5%".parse::<Ratio>().unwrap(), Ratio::percent(5));
        assert_eq!("-0.5".parse::<Ratio>().unwrap().to_string(), "-0.5");
        for bad in ["", "abc", "1.2.3", ".5", "5.", "1e3", "5 %"] {
            assert!(bad.parse::<Ratio>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn quotients_round_to_six_places() {
        let r = Ratio::from_quotient(Decimal::ONE / Decimal::from(3));
        assert_eq!(r.to_string(), "0.333333");
    }
}
