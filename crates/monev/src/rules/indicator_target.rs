//! K-12 and D21: indicator realisation behind its target. K-12 (Permendagri 86/2017 RKPD
//! evaluation; thresholds [R?] in the rulebook) compares the cumulative realisation at the end of
//! the latest closed quarter Q1–Q3 with 25 / 50 / 75 % of the annual target; D21 (IATI
//! result/indicator) compares the year's final realisation with the whole target once the year
//! has ended. Indicators are read as "higher is better". Doc pages: `docs/rules/K-12.md`,
//! `docs/rules/D21.md`.

use chrono::NaiveDate;
use rantai_core::param::{self, Param, Share};
use rantai_core::{Evidence, FiscalYear, Quarter, Ratio, RuleId, Rulebook, Verdict};
use rantai_planning::Indicator;
use rust_decimal::Decimal;

use crate::indicator::IndicatorLog;

/// The latest of Q1–Q3 whose last day is on or before `as_of`.
fn latest_closed(year: FiscalYear, as_of: NaiveDate) -> Option<(Quarter, Param<Share>)> {
    [
        (Quarter::Q3, param::k12::MIN_Q3),
        (Quarter::Q2, param::k12::MIN_Q2),
        (Quarter::Q1, param::k12::MIN_Q1),
    ]
    .into_iter()
    .find(|(q, _)| as_of >= year.quarter_end(*q))
}

/// One indicator's standing: `(index, realised, target, ratio)`.
type Standing = (usize, Decimal, Decimal, Ratio);

fn judge(
    indicators: &[Indicator],
    log: Option<&IndicatorLog>,
    year: FiscalYear,
    quarter: Quarter,
    min: Ratio,
    rule: RuleId,
) -> Verdict {
    let mut behind: Vec<Standing> = Vec::new();
    let mut missing = Vec::new();
    let mut judged = 0;
    for (i, ind) in indicators.iter().enumerate() {
        let Some(target) = ind.target(year).filter(|t| t.is_sign_positive() && !t.is_zero()) else {
            continue;
        };
        judged += 1;
        let idx = u16::try_from(i).unwrap_or(u16::MAX);
        let Some(realised) = log.and_then(|l| l.cumulative(idx, year, quarter)) else {
            missing.push(format!("realisation of '{}' for {quarter:?} {year}", ind.text));
            continue;
        };
        let ratio = Ratio::from_quotient(realised / target);
        if ratio < min {
            behind.push((i, realised, target, ratio));
        }
    }
    if judged == 0 {
        return Verdict::missing(format!("an indicator target for {year}"));
    }
    let Some((i, realised, target, ratio)) = behind.iter().min_by_key(|s| (s.3, s.0)).copied() else {
        return if missing.is_empty() {
            Verdict::Pass
        } else {
            Verdict::Insufficient(missing)
        };
    };
    let ind = &indicators[i];
    Verdict::Violated(
        Evidence::new()
            .with("indicator", ind.text.clone())
            .with("unit", ind.unit.clone())
            .with("quarter", format!("{quarter:?}"))
            .with("target", target)
            .with("realised", realised)
            .with("achievement", ratio)
            .with("threshold", min)
            .with("indicators_behind", i64::try_from(behind.len()).unwrap_or(i64::MAX))
            .with("rule_basis", rule.to_string()),
    )
}

/// K-12 for one subject's indicators, as of a date. Before Q1 ends there is nothing to judge.
///
/// # Example
///
/// ```
/// # use rantai_monev::{rules::indicator_target::quarterly, IndicatorLog, IndicatorRealisation};
/// # use rantai_core::{FiscalYear, Quarter, Rulebook, Subject, SubKegiatanId, Verdict};
/// # use rantai_planning::{Indicator, IndicatorLevel};
/// # use chrono::NaiveDate;
/// let year = FiscalYear::new(2025)?;
/// let roads = [Indicator::new(IndicatorLevel::Output, "Jalan yang direhabilitasi", "km").with_target(year, 12.into())];
/// let mut log = IndicatorLog::default();
/// log.record(&IndicatorRealisation {
///     subject: Subject::SubKegiatan(SubKegiatanId::from_u128(1)), indicator: 0, fiscal_year: year,
///     quarter: Quarter::Q2, value: 4.into(), reported_on: NaiveDate::from_ymd_opt(2025, 7, 7).unwrap(),
/// });
/// // 4 of 12 km at the end of Q2 is 33 %, under the 50 % line.
/// let v = quarterly(&roads, Some(&log), year, NaiveDate::from_ymd_opt(2025, 8, 1), Rulebook::standard());
/// let Verdict::Violated(ev) = v else { panic!() };
/// assert_eq!(ev.get("achievement").unwrap().to_string(), "33.3333%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn quarterly(
    indicators: &[Indicator],
    log: Option<&IndicatorLog>,
    year: FiscalYear,
    as_of: Option<NaiveDate>,
    rulebook: &Rulebook,
) -> Verdict {
    let Some(as_of) = as_of else {
        return Verdict::missing("the evaluation date");
    };
    let Some((quarter, param)) = latest_closed(year, as_of) else {
        return Verdict::Pass;
    };
    let end = year.quarter_end(quarter);
    let Ok(min) = rulebook.get(param, end) else {
        return Verdict::missing(format!("K-12 {} in force on {end}", param.name()));
    };
    judge(indicators, log, year, quarter, min, RuleId::K12)
}

/// D21 for one subject's indicators once the year has ended: the Q4 realisation against the
/// whole target.
pub fn year_end(
    indicators: &[Indicator],
    log: Option<&IndicatorLog>,
    year: FiscalYear,
    as_of: Option<NaiveDate>,
) -> Verdict {
    let Some(as_of) = as_of else {
        return Verdict::missing("the evaluation date");
    };
    if as_of < year.last_day() {
        return Verdict::Pass;
    }
    judge(indicators, log, year, Quarter::Q4, Ratio::ONE, RuleId::D21)
}
