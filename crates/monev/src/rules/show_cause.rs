//! C-08 show-cause meetings: once a contract is critical (C-07), the PPK holds SCM I, which sets
//! a test target; a failed test leads to SCM II, then SCM III; after the third failure the PPK may
//! terminate (SSUK kontrak kritis clause 31.3; `domain-rules.md` §1.8). Reported: a critical
//! contract with no meeting since it became critical, a failed test with no next meeting, and a
//! failed last test (termination open). Doc page: `docs/rules/C-08.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, Ratio, Rulebook, Verdict};

use crate::progress::ProgressReport;
use crate::show_cause::{ShowCauseMeeting, TestOutcome};

/// What C-08 needs about one contract.
#[derive(Clone, Copy, Debug)]
pub struct ShowCauseInput<'a> {
    /// The contract's reports, in date order.
    pub reports: &'a [ProgressReport],
    /// Its meetings, in the order held.
    pub meetings: &'a [ShowCauseMeeting],
    /// The first report of the current run of critical reports (C-07), if the latest is critical.
    pub critical_since: Option<(NaiveDate, Ratio)>,
    /// The evaluation date.
    pub as_of: Option<NaiveDate>,
}

/// C-08 for one contract.
///
/// # Example
///
/// ```
/// # use rantai_monev::{rules::show_cause::{check, ShowCauseInput}, *};
/// # use rantai_core::{ContractId, Ratio, ReportId, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let reports = [ProgressReport {
///     id: ReportId::from_u128(1), contract: ContractId::from_u128(1), reported_on: d(7, 31),
///     actual: Ratio::percent(30), planned: Some(Ratio::percent(55)), evidence_ref: None,
/// }];
/// let input = ShowCauseInput { reports: &reports, meetings: &[], critical_since: Some((d(7, 31), Ratio::percent(25))), as_of: Some(d(8, 10)) };
/// let Verdict::Violated(ev) = check(&input, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("meetings_held").unwrap().to_string(), "0");
/// ```
pub fn check(input: &ShowCauseInput<'_>, rulebook: &Rulebook) -> Verdict {
    let Some((since, lag)) = input.critical_since else {
        return Verdict::Pass;
    };
    let Ok(max) = rulebook.get(param::c08::MAX_MEETINGS, since) else {
        return Verdict::missing(format!("C-08 max_meetings in force on {since}"));
    };
    let episode: Vec<&ShowCauseMeeting> = input.meetings.iter().filter(|m| m.held_on >= since).collect();
    let base = Evidence::new()
        .with("critical_since", since)
        .with("lag_then", lag)
        .with("meetings_held", i64::try_from(episode.len()).unwrap_or(i64::MAX));
    let Some(last) = episode.last() else {
        return Verdict::Violated(base.with("required", "SCM 1"));
    };
    let outcome = last.outcome(input.reports, input.as_of);
    if outcome != TestOutcome::Failed {
        return Verdict::Pass;
    }
    let achieved = last.achieved(input.reports).unwrap_or(Ratio::ZERO);
    let evidence = base
        .with("last_meeting", i64::from(last.number))
        .with("test_target", last.target)
        .with("test_until", last.test_until)
        .with("achieved", achieved);
    if u32::from(last.number) >= max {
        Verdict::Violated(evidence.with("required", "termination decision (all tests failed)"))
    } else {
        Verdict::Violated(evidence.with("required", format!("SCM {}", last.number + 1)))
    }
}
