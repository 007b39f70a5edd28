//! Seeded draws: a small wrapper over `fastrand` so that every random choice of the generator
//! comes from one seed, and the same seed gives the same region byte for byte.

use rantai_core::Money;

/// A distribution given by its quantiles: `(probability in parts per million, value)` pairs in
/// increasing order, the first at 0 and the last at 1 000 000. A draw interpolates linearly
/// between the two quantiles around a uniform probability, in integer arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread(pub &'static [(u32, i64)]);

impl Spread {
    /// The value at probability `ppm` (parts per million).
    ///
    /// ```
    /// use rantai_sim::Spread;
    /// let s = Spread(&[(0, 10), (500_000, 20), (1_000_000, 100)]);
    /// assert_eq!(s.at(250_000), 15);
    /// assert_eq!(s.at(750_000), 60);
    /// ```
    pub fn at(&self, ppm: u32) -> i64 {
        let points = self.0;
        let mut previous = points.first().copied().unwrap_or((0, 0));
        for &(p, v) in points {
            if ppm <= p {
                let span = i128::from(p.saturating_sub(previous.0)).max(1);
                let into = i128::from(ppm.saturating_sub(previous.0));
                let value = i128::from(previous.1) + (i128::from(v) - i128::from(previous.1)) * into / span;
                return i64::try_from(value).unwrap_or(v);
            }
            previous = (p, v);
        }
        previous.1
    }
}

/// The generator's source of randomness, seeded.
#[derive(Clone, Debug)]
pub struct Draw(fastrand::Rng);

impl Draw {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Draw {
        Draw(fastrand::Rng::with_seed(seed))
    }

    /// A uniform integer in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        self.0.i64(lo..=hi)
    }

    /// A uniform index below `n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        self.0.usize(..n)
    }

    /// True with probability `ppm` parts per million.
    pub fn chance(&mut self, ppm: u32) -> bool {
        self.0.u32(..1_000_000) < ppm
    }

    /// A value of `spread`.
    pub fn from(&mut self, spread: Spread) -> i64 {
        spread.at(self.0.u32(..=1_000_000))
    }

    /// One of `choices`, each with its weight (parts per million or any scale).
    pub fn weighted<T: Copy>(&mut self, choices: &[(T, u32)]) -> Option<T> {
        let total: u64 = choices.iter().map(|(_, w)| u64::from(*w)).sum();
        if total == 0 {
            return None;
        }
        let mut at = self.0.u64(..total);
        for (choice, weight) in choices {
            if at < u64::from(*weight) {
                return Some(*choice);
            }
            at -= u64::from(*weight);
        }
        choices.last().map(|(c, _)| *c)
    }

    /// An amount of `spread` rupiah, rounded down to whole thousands and kept within `lo..=hi`.
    pub fn money(&mut self, spread: Spread, lo: i64, hi: i64) -> Money {
        let rupiah = self.from(spread).clamp(lo, hi.max(lo));
        Money::from_rupiah(rupiah / 1_000 * 1_000).unwrap_or(Money::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_stay_within_their_bounds() {
        let mut d = Draw::new(3);
        for _ in 0..1000 {
            let m = d.money(crate::calibration::PAGU_EPURCHASING, 50_000, 3_500_000_000);
            assert!(m >= Money::from_rupiah(50_000).unwrap_or(Money::ZERO), "{m:?}");
        }
    }
}
