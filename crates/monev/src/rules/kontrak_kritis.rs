//! C-07 kontrak kritis (SSUK of Perlem LKPP 12/2021; Permen PU 07/PRT/M/2011): a contract is
//! critical when, with `plan` the planned and `actual` the actual cumulative physical progress
//! and `lag = plan − actual`,
//! (a) plan ≤ 70 % and lag > 10 pp; (b) plan > 70 % and lag > 5 pp; or (c) plan > 70 %,
//! 0 < lag ≤ 5 pp and the work, at its rate so far, will finish after 31 December of its fiscal
//! year. Doc page: `docs/rules/C-07.md`.

use chrono::{Duration, NaiveDate};
use rantai_core::param;
use rantai_core::{Evidence, Ratio, Rulebook, Verdict};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// What C-07 needs about one contract.
#[derive(Clone, Copy, Debug)]
pub struct KritisInput {
    /// Work start (SPMK).
    pub start: NaiveDate,
    /// Last day of the contract's fiscal year.
    pub fiscal_year_end: NaiveDate,
    /// Whether the work was handed over (a handed-over contract is not critical).
    pub handed_over: bool,
    /// The latest report: its date, planned and actual cumulative progress.
    pub latest: Option<(NaiveDate, Ratio, Ratio)>,
}

/// C-07 for one contract.
///
/// # Example
///
/// ```
/// # use rantai_monev::rules::kontrak_kritis::{check, KritisInput};
/// # use rantai_core::{Ratio, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let input = |plan, actual| KritisInput {
///     start: d(4, 7),
///     fiscal_year_end: d(12, 31),
///     handed_over: false,
///     latest: Some((d(7, 31), Ratio::percent(plan), Ratio::percent(actual))),
/// };
/// let book = Rulebook::standard();
/// assert!(matches!(check(&input(50, 38), book), Verdict::Violated(_))); // period I, 12 pp behind
/// assert_eq!(check(&input(50, 41), book), Verdict::Pass); // 9 pp behind: not yet critical
/// assert!(matches!(check(&input(80, 74), book), Verdict::Violated(_))); // period II, 6 pp behind
/// ```
pub fn check(input: &KritisInput, rulebook: &Rulebook) -> Verdict {
    if input.handed_over {
        return Verdict::Pass;
    }
    let Some((on, plan, actual)) = input.latest else {
        return Verdict::missing("a physical progress report");
    };
    let params = (
        rulebook.get(param::c07::PERIOD_ONE_MAX_PLAN, on),
        rulebook.get(param::c07::PERIOD_ONE_MAX_LAG, on),
        rulebook.get(param::c07::PERIOD_TWO_MAX_LAG, on),
    );
    let (Ok(period_one_max), Ok(lag_one), Ok(lag_two)) = params else {
        return Verdict::missing(format!("C-07 thresholds in force on {on}"));
    };
    let lag = plan.minus(actual);
    let evidence = |period: &str, threshold: Ratio| {
        Evidence::new()
            .with("report_date", on)
            .with("planned", plan)
            .with("actual", actual)
            .with("lag", lag)
            .with("period", period)
            .with("max_lag", threshold)
    };
    if plan <= period_one_max {
        return if lag > lag_one {
            Verdict::Violated(evidence("I", lag_one))
        } else {
            Verdict::Pass
        };
    }
    if lag > lag_two {
        return Verdict::Violated(evidence("II", lag_two));
    }
    if lag > Ratio::ZERO {
        let projected = projected_completion(input.start, on, actual);
        let crosses = projected.is_none_or(|p| p > input.fiscal_year_end);
        if crosses {
            let ev = evidence("II", lag_two).with("fiscal_year_end", input.fiscal_year_end);
            return Verdict::Violated(match projected {
                Some(p) => ev.with("projected_completion", p),
                None => ev.with("projected_completion", "never at the rate so far"),
            });
        }
    }
    Verdict::Pass
}

/// The day the work would be finished at its average rate so far; `None` when nothing is done.
pub fn projected_completion(start: NaiveDate, on: NaiveDate, actual: Ratio) -> Option<NaiveDate> {
    if actual <= Ratio::ZERO {
        return None;
    }
    let elapsed = Decimal::from((on - start).num_days().max(1));
    let remaining = (Decimal::ONE - actual.as_decimal()).max(Decimal::ZERO);
    let days = (remaining * elapsed / actual.as_decimal()).ceil().to_i64()?;
    on.checked_add_signed(Duration::days(days.min(36_500)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn verdict(on: NaiveDate, plan: i64, actual: i64) -> Verdict {
        check(
            &KritisInput {
                start: d(4, 1),
                fiscal_year_end: d(12, 31),
                handed_over: false,
                latest: Some((on, Ratio::percent(plan), Ratio::percent(actual))),
            },
            Rulebook::standard(),
        )
    }

    #[test]
    fn thresholds_are_strict_inequalities() {
        // Period I: exactly 10 pp behind is not critical, just over is.
        assert_eq!(verdict(d(7, 1), 60, 50), Verdict::Pass);
        assert!(matches!(verdict(d(7, 1), 60, 49), Verdict::Violated(_)));
        // Plan exactly 70 % is still period I.
        assert_eq!(verdict(d(7, 1), 70, 61), Verdict::Pass);
        // Period II: exactly 5 pp is not (b) (and 85 % done on 1 September finishes on 28
        // September at its rate, so not (c) either); just over 5 pp is (b).
        assert_eq!(verdict(d(9, 1), 90, 85), Verdict::Pass);
        assert!(matches!(verdict(d(9, 1), 90, 84), Verdict::Violated(_)));
    }

    #[test]
    fn period_two_small_lag_is_critical_only_when_crossing_the_year() {
        // 1 April → 1 December is 244 days for 78 %: 69 more days → 8 February: crosses.
        let Verdict::Violated(ev) = verdict(d(12, 1), 80, 78) else {
            panic!("expected critical")
        };
        assert_eq!(ev.get("projected_completion").unwrap().to_string(), "2026-02-08");
        // 1 April → 1 August is 122 days for 76 %: 39 more days → 9 September: within the year.
        assert_eq!(verdict(d(8, 1), 80, 76), Verdict::Pass);
    }
}
