//! T-07: ICW's duration score of a competition, announcement to award — 0–25 days 1, 26–35 2,
//! 36–45 3, 46–70 4, over 70 5 (opentender.net, indicator 1) — reported from score 4. Kab.
//! Bandung 2025 ran from 10 to 57 days (median 22); 10 tenders scored 4. Doc page:
//! `docs/rules/T-07.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, Rulebook, Verdict};

/// The ICW score of a duration of `days`, with the bands in force on `on`.
fn score(days: i64, on: NaiveDate, rulebook: &Rulebook) -> Option<u32> {
    let mut score = 1;
    use param::t07::{BAND_1_MAX, BAND_2_MAX, BAND_3_MAX, BAND_4_MAX};
    for band in [BAND_1_MAX, BAND_2_MAX, BAND_3_MAX, BAND_4_MAX] {
        if days <= i64::from(rulebook.get(band, on).ok()?) {
            return Some(score);
        }
        score += 1;
    }
    Some(score)
}

/// T-07 for a procurement announced on `announced_on` and awarded on `awarded_on`.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Rulebook, Verdict};
/// use rantai_procurement::rules::award_duration;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// // 22 days: score 1.
/// assert_eq!(award_duration::check(d(3, 3), d(3, 25), Rulebook::standard()), Verdict::Pass);
/// // 57 days: score 4, reported.
/// let Verdict::Violated(ev) = award_duration::check(d(3, 3), d(4, 29), Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("score").unwrap().to_string(), "4");
/// ```
pub fn check(announced_on: NaiveDate, awarded_on: NaiveDate, rulebook: &Rulebook) -> Verdict {
    let days = (awarded_on - announced_on).num_days();
    let (Some(score), Ok(from)) = (
        score(days, announced_on, rulebook),
        rulebook.get(param::t07::FLAG_FROM_SCORE, announced_on),
    ) else {
        return Verdict::missing(format!("T-07 parameters in force on {announced_on}"));
    };
    if score < from {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("announced_on", announced_on)
            .with("awarded_on", awarded_on)
            .with("days", days)
            .with("score", i64::from(score))
            .with("flag_from_score", i64::from(from)),
    )
}
