//! K-10 back-loaded absorption: an organisation's cumulative SP2D against its DPA below 25 % at
//! the end of Q2 or below 70 % at the end of Q3, or more than 40 % of the year's spending in Q4
//! (Kemendagri absorption figures; "ideal 70 % at Q3", Kompas 2025; `domain-rules.md` §8.6).
//! Each check applies from its quarter's last day on. Doc page: `docs/rules/K-10.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, FiscalYear, Quarter, Ratio, Rulebook, Verdict};

pub use rantai_budgeting::Absorption;

/// K-10 for one organisation and year, as of a date.
///
/// # Example
///
/// ```
/// # use rantai_monev::rules::absorption::{check, Absorption};
/// # use rantai_core::{FiscalYear, Money, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let year = FiscalYear::new(2025)?;
/// let a = Absorption { pagu: rp(10_000_000_000), paid: [rp(500_000_000), rp(1_500_000_000), rp(3_000_000_000), Money::ZERO] };
/// // End of Q3: 50 % absorbed, below the 70 % line.
/// let Verdict::Violated(ev) = check(&a, year, NaiveDate::from_ymd_opt(2025, 10, 1), Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("absorbed_q3").unwrap().to_string(), "50%");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(a: &Absorption, year: FiscalYear, as_of: Option<NaiveDate>, rulebook: &Rulebook) -> Verdict {
    let Some(as_of) = as_of else {
        return Verdict::missing("the evaluation date");
    };
    if a.pagu.is_zero() {
        return Verdict::missing("the DPA pagu of the organisation");
    }
    let mut evidence = Evidence::new().with("pagu", a.pagu);
    let mut flagged = false;
    for (quarter, floor) in [(Quarter::Q2, param::k10::MIN_Q2), (Quarter::Q3, param::k10::MIN_Q3)] {
        let end = year.quarter_end(quarter);
        if as_of < end {
            continue;
        }
        let Ok(min) = rulebook.get(floor, end) else {
            return Verdict::missing(format!("K-10 {} in force on {end}", floor.name()));
        };
        let absorbed = a.cumulative(quarter).ratio_of(a.pagu).unwrap_or(Ratio::ZERO);
        if absorbed < min {
            flagged = true;
            let name = if quarter == Quarter::Q2 { "q2" } else { "q3" };
            evidence = evidence
                .with(&format!("absorbed_{name}"), absorbed)
                .with(&format!("min_{name}"), min);
        }
    }
    let end = year.last_day();
    if as_of >= end {
        let Ok(max) = rulebook.get(param::k10::MAX_Q4_SHARE, end) else {
            return Verdict::missing(format!("K-10 max_q4_share in force on {end}"));
        };
        let total = a.cumulative(Quarter::Q4);
        if let Some(share) = a.paid[3].ratio_of(total)
            && share > max
        {
            flagged = true;
            evidence = evidence.with("q4_share", share).with("max_q4_share", max);
        }
    }
    if flagged {
        Verdict::Violated(evidence)
    } else {
        Verdict::Pass
    }
}
