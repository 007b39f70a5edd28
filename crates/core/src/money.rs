//! Exact rupiah amounts: `Money` wraps a `Decimal` with a fixed scale of two (sen), never `f64`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CoreError, Result};
use crate::ratio::Ratio;

/// How a product of money and a ratio is rounded to whole sen: half away from zero, the
/// schoolbook rule used on Indonesian payment documents.
pub const MONEY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// A non-negative amount of rupiah, exact to the sen (scale 2).
///
/// Arithmetic is checked: adding past the decimal range, subtracting below zero or parsing an
/// amount with more than two decimals is an error, never a silent rounding. In JSON a `Money` is a
/// string such as `"1200000000.00"`, so no consumer ever reads it as a float.
///
/// # Example
///
/// ```
/// use rantai_core::{Money, Ratio};
///
/// let contract: Money = "1200000000".parse()?;
/// let per_day = contract.mul_ratio(Ratio::per_mille(1))?;
/// assert_eq!(per_day.to_string(), "1200000.00");
/// assert_eq!(per_day.checked_mul_int(17)?, "20400000".parse()?);
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Default for Money {
    /// Zero rupiah, at the fixed scale.
    fn default() -> Self {
        Money::ZERO
    }
}

impl Money {
    /// Number of decimal places every amount carries (sen).
    pub const SCALE: u32 = 2;
    /// Zero rupiah.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, Self::SCALE));

    /// An amount of whole rupiah.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidAmount`] when `rupiah` is negative.
    pub fn from_rupiah(rupiah: i64) -> Result<Self> {
        Self::from_decimal(Decimal::from(rupiah))
    }

    /// The largest single amount accepted: Rp10^20, far above any budget, and small enough that
    /// a sum of a hundred million amounts stays inside the decimal range.
    pub const MAX: Money = Money(Decimal::from_parts(0xB240_0000, 0x19E0_C9BA, 0x21E, false, 2));

    /// An amount from a decimal that has at most two decimal places and is not negative.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidAmount`] for a negative value, one with more than two decimals, or one
    /// above [`Money::MAX`].
    pub fn from_decimal(value: Decimal) -> Result<Self> {
        if value > Self::MAX.0 {
            return Err(CoreError::InvalidAmount {
                input: value.to_string(),
                reason: "above Rp10^20".into(),
            });
        }
        if value.is_sign_negative() && !value.is_zero() {
            return Err(CoreError::InvalidAmount {
                input: value.to_string(),
                reason: "amount is negative".into(),
            });
        }
        let normalized = value.normalize();
        if normalized.scale() > Self::SCALE {
            return Err(CoreError::InvalidAmount {
                input: value.to_string(),
                reason: format!("more than {} decimal places", Self::SCALE),
            });
        }
        let mut fixed = normalized;
        fixed.rescale(Self::SCALE);
        fixed.set_sign_positive(true);
        Ok(Money(fixed))
    }

    /// The amount as a decimal with scale 2.
    pub fn as_decimal(&self) -> Decimal {
        self.0
    }

    /// Whether this is zero rupiah.
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`CoreError::Arithmetic`] on overflow.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        match self.0.checked_add(other.0) {
            // The decimal keeps the sen unless the sum outgrows its mantissa, when it would
            // round them away: that is an overflow too.
            Some(sum) if sum.scale() == Self::SCALE => Ok(Money(sum)),
            _ => Err(arithmetic("add", self, other, "overflow")),
        }
    }

    /// `self − other`.
    ///
    /// # Errors
    ///
    /// [`CoreError::Arithmetic`] when the result would be negative.
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        if other.0 > self.0 {
            return Err(arithmetic("sub", self, other, "result would be negative"));
        }
        Ok(Money(self.0 - other.0))
    }

    /// `self − other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Money) -> Money {
        if other.0 > self.0 {
            Money::ZERO
        } else {
            Money(self.0 - other.0)
        }
    }

    /// `self × ratio`, rounded to whole sen with [`MONEY_ROUNDING`].
    ///
    /// # Errors
    ///
    /// [`CoreError::Arithmetic`] on overflow or when the ratio is negative.
    pub fn mul_ratio(self, ratio: Ratio) -> Result<Money> {
        if ratio.as_decimal().is_sign_negative() && !ratio.as_decimal().is_zero() {
            return Err(arithmetic_ratio(self, ratio, "negative ratio"));
        }
        let product = self
            .0
            .checked_mul(ratio.as_decimal())
            .ok_or_else(|| arithmetic_ratio(self, ratio, "overflow"))?;
        let mut rounded = product.round_dp_with_strategy(Self::SCALE, MONEY_ROUNDING);
        rounded.rescale(Self::SCALE);
        Ok(Money(rounded))
    }

    /// `self × n`.
    ///
    /// # Errors
    ///
    /// [`CoreError::Arithmetic`] on overflow.
    pub fn checked_mul_int(self, n: u64) -> Result<Money> {
        self.0
            .checked_mul(Decimal::from(n))
            .map(|mut d| {
                d.rescale(Self::SCALE);
                Money(d)
            })
            .ok_or_else(|| CoreError::Arithmetic {
                operation: "mul_int",
                left: self.to_string(),
                right: n.to_string(),
                reason: "overflow",
            })
    }

    /// `self ÷ whole`, as a [`Ratio`]; `None` when `whole` is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use rantai_core::Money;
    /// let paid = Money::from_rupiah(600)?;
    /// let value = Money::from_rupiah(1000)?;
    /// assert_eq!(paid.ratio_of(value).unwrap().to_string(), "0.6");
    /// # Ok::<(), rantai_core::CoreError>(())
    /// ```
    pub fn ratio_of(self, whole: Money) -> Option<Ratio> {
        if whole.is_zero() {
            return None;
        }
        self.0.checked_div(whole.0).map(Ratio::from_quotient)
    }

    /// Sum of amounts.
    ///
    /// # Errors
    ///
    /// [`CoreError::Arithmetic`] on overflow.
    pub fn try_sum<'a>(items: impl IntoIterator<Item = &'a Money>) -> Result<Money> {
        items.into_iter().try_fold(Money::ZERO, |acc, m| acc.checked_add(*m))
    }

    /// The largest total that keeps every sen: the decimal's 96-bit mantissa at scale 2, about
    /// Rp7,9 × 10^26. A sum of up to [`Money::SUM_BOUND`] amounts, each at most [`Money::MAX`],
    /// stays below it; every sum rantai takes (a national year of every region's pagu is below
    /// Rp10^16) is far inside it.
    pub const SUM_LIMIT: Money = Money(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 2));

    /// How many amounts of at most [`Money::MAX`] can always be added with `+` or
    /// [`Iterator::sum`]: 7 900 000 (Rp10^20 × 7,9 × 10^6 < [`Money::SUM_LIMIT`]).
    pub const SUM_BOUND: u64 = 7_900_000;

    /// The amount written the Indonesian way, e.g. `Rp1.200.000.000` (sen shown only when not zero).
    ///
    /// # Example
    ///
    /// ```
    /// use rantai_core::Money;
    /// assert_eq!("1200000000".parse::<Money>()?.to_rupiah_string(), "Rp1.200.000.000");
    /// assert_eq!("1500.5".parse::<Money>()?.to_rupiah_string(), "Rp1.500,50");
    /// # Ok::<(), rantai_core::CoreError>(())
    /// ```
    pub fn to_rupiah_string(&self) -> String {
        let whole = self.0.trunc().to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 3);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        let sen = (self.0.fract() * Decimal::ONE_HUNDRED).trunc();
        if sen.is_zero() {
            format!("Rp{grouped}")
        } else {
            format!("Rp{grouped},{sen:0>2}")
        }
    }
}

fn arithmetic(operation: &'static str, l: Money, r: Money, reason: &'static str) -> CoreError {
    CoreError::Arithmetic {
        operation,
        left: l.to_string(),
        right: r.to_string(),
        reason,
    }
}

fn arithmetic_ratio(l: Money, r: Ratio, reason: &'static str) -> CoreError {
    CoreError::Arithmetic {
        operation: "mul_ratio",
        left: l.to_string(),
        right: r.to_string(),
        reason,
    }
}

/// Exact addition within the documented bound: a sum of at most [`Money::SUM_BOUND`] amounts,
/// each at most [`Money::MAX`], never loses a sen, so rantai's sums add with `+` and
/// [`Iterator::sum`] and no term is ever dropped.
///
/// # Panics
///
/// When a total would pass [`Money::SUM_LIMIT`] (about Rp7,9 × 10^26): the bound above cannot
/// reach it, and a wrong total is never returned in its place. [`Money::checked_add`] answers an
/// error instead.
///
/// # Example
///
/// ```
/// use rantai_core::Money;
///
/// let terms: Vec<Money> = ["150000000", "49999999.99", "0.01"].iter().map(|t| t.parse()).collect::<Result<_, _>>()?;
/// assert_eq!(terms.iter().sum::<Money>().to_string(), "200000000.00");
/// assert_eq!(terms[0] + terms[2], "150000000.01".parse()?);
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
impl std::ops::Add for Money {
    type Output = Money;

    fn add(self, other: Money) -> Money {
        match self.checked_add(other) {
            Ok(sum) => sum,
            Err(e) => panic!("a total past Money::SUM_LIMIT: {e}"),
        }
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        *self = *self + other;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |total, m| total + m)
    }
}

impl<'a> std::iter::Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |total, m| total + *m)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({})", self.0)
    }
}

impl FromStr for Money {
    type Err = CoreError;

    /// Parses plain decimal notation: digits, optionally a `.` and one or two decimals.
    /// Signs, exponents, thousands separators and spaces are refused.
    fn from_str(s: &str) -> Result<Self> {
        let bad = |reason: &str| CoreError::InvalidAmount {
            input: s.to_string(),
            reason: reason.to_string(),
        };
        if s.is_empty() {
            return Err(bad("empty"));
        }
        if s.starts_with('-') {
            return Err(bad("amount is negative"));
        }
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("not a plain decimal number (digits, optional '.' and decimals)"));
        }
        if let Some(f) = frac {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("not a plain decimal number (digits, optional '.' and decimals)"));
            }
            if f.trim_end_matches('0').len() > Self::SCALE as usize {
                return Err(bad("more than 2 decimal places"));
            }
        }
        if int.len() > 21 {
            return Err(bad("too large"));
        }
        let value = Decimal::from_str(s).map_err(|e| bad(&e.to_string()))?;
        Money::from_decimal(value)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sums_within_the_bound_keep_every_sen_and_past_the_limit_are_refused() {
        let sen: Money = "0.01".parse().unwrap();
        let at_bound = Money::MAX.checked_mul_int(Money::SUM_BOUND - 1).unwrap() + Money::MAX;
        assert_eq!(at_bound.to_string(), "790000000000000000000000000.00");
        assert_eq!((at_bound + sen).to_string(), "790000000000000000000000000.01");
        assert!(at_bound < Money::SUM_LIMIT);
        assert!(Money::SUM_LIMIT.checked_add(sen).is_err());
        assert_eq!([sen, sen, sen].iter().sum::<Money>().to_string(), "0.03");
    }

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn parses_plain_decimals_and_keeps_two_places() {
        assert_eq!(m("0").to_string(), "0.00");
        assert_eq!(m("12414700").to_string(), "12414700.00");
        assert_eq!(m("578532000.0").to_string(), "578532000.00");
        assert_eq!(m("1.5").to_string(), "1.50");
        assert_eq!(m("1.230").to_string(), "1.23");
    }

    #[test]
    fn refuses_malformed_amounts_with_the_reason() {
        for (input, reason) in [
            ("", "empty"),
            ("-5", "negative"),
            ("1e5", "plain decimal"),
            ("1.000.000", "plain decimal"),
            ("1,5", "plain decimal"),
            (" 5", "plain decimal"),
            ("12.345", "more than 2 decimal places"),
            ("abc", "plain decimal"),
            ("5.", "plain decimal"),
        ] {
            let err = input.parse::<Money>().unwrap_err();
            assert!(err.to_string().contains(reason), "{input:?}: {err}");
        }
    }

    #[test]
    fn the_largest_amount_is_ten_to_the_twentieth_rupiah() {
        assert_eq!(Money::MAX.to_string(), "100000000000000000000.00");
        assert!("100000000000000000000".parse::<Money>().is_ok());
        assert!("100000000000000000001".parse::<Money>().is_err());
        assert_eq!(Money::default().to_string(), "0.00");
    }

    #[test]
    fn subtraction_below_zero_is_an_error() {
        let err = m("10").checked_sub(m("11")).unwrap_err();
        assert!(matches!(err, CoreError::Arithmetic { operation: "sub", .. }));
    }

    #[test]
    fn serializes_as_a_json_string() {
        assert_eq!(serde_json::to_string(&m("20400000")).unwrap(), "\"20400000.00\"");
        let back: Money = serde_json::from_str("\"20400000.00\"").unwrap();
        assert_eq!(back, m("20400000"));
        assert!(serde_json::from_str::<Money>("20400000").is_err());
    }

    #[test]
    fn ratio_product_rounds_half_away_from_zero() {
        // 0.005 × 1 = 0.005 sen-rounds to 0.01.
        assert_eq!(m("1").mul_ratio(Ratio::per_mille(5)).unwrap(), m("0.01"));
    }

    proptest! {
        #[test]
        fn display_round_trips(whole in 0u64..10_000_000_000_000, sen in 0u32..100) {
            let text = format!("{whole}.{sen:02}");
            let money: Money = text.parse().unwrap();
            prop_assert_eq!(money.to_string(), text.clone());
            prop_assert_eq!(money.to_string().parse::<Money>().unwrap(), money);
        }

        #[test]
        fn add_then_sub_is_identity(a in 0i64..1_000_000_000_000, b in 0i64..1_000_000_000_000) {
            let (a, b) = (Money::from_rupiah(a).unwrap(), Money::from_rupiah(b).unwrap());
            prop_assert_eq!(a.checked_add(b).unwrap().checked_sub(b).unwrap(), a);
        }
    }
}
