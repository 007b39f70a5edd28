//! Show-cause meetings (SCM I–III) on a critical contract: each sets a test target (uji coba) —
//! the cumulative physical progress the provider must reach by the end of the test period
//! (SSUK kontrak kritis clause 31.3; `domain-rules.md` §1.8).

use chrono::NaiveDate;
use rantai_core::{ContractId, Ratio};
use rantai_procurement::SignedContract;
use serde::{Deserialize, Serialize};

use crate::error::MonevError;
use crate::events::MonevEvent;
use crate::progress::{ContractProgress, ProgressReport};

/// One show-cause meeting and the test it sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShowCauseMeeting {
    /// The contract.
    pub contract: ContractId,
    /// SCM I, II or III (1, 2, 3).
    pub number: u8,
    /// Date of the meeting.
    pub held_on: NaiveDate,
    /// Cumulative physical progress the test (uji coba) requires.
    pub target: Ratio,
    /// Last day of the test period.
    pub test_until: NaiveDate,
    /// Where the minutes are (berita acara SCM).
    pub minutes_ref: Option<String>,
}

/// How a meeting's test ended, judged from the progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TestOutcome {
    /// The test period has not ended (and no report after it exists).
    Running,
    /// A report on or before the test's end reached the target.
    Passed,
    /// The test ended and no report on or before its end reached the target.
    Failed,
}

impl ShowCauseMeeting {
    /// The test's outcome as of `as_of` (or, without a date, as far as the reports show):
    /// passed as soon as a report in the test period reaches the target; failed once the
    /// period is over (by the date, or by a report dated after it) without one.
    ///
    /// # Example
    ///
    /// ```
    /// # use rantai_monev::*;
    /// # use rantai_core::{ContractId, Ratio, ReportId};
    /// # use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let scm = ShowCauseMeeting {
    ///     contract: ContractId::from_u128(1), number: 1, held_on: d(8, 4),
    ///     target: Ratio::percent(40), test_until: d(8, 18), minutes_ref: None,
    /// };
    /// let report = |day, pct| ProgressReport {
    ///     id: ReportId::from_u128(day), contract: ContractId::from_u128(1),
    ///     reported_on: d(8, day as u32), actual: Ratio::percent(pct), planned: None, evidence_ref: None,
    /// };
    /// assert_eq!(scm.outcome(&[report(11, 35)], Some(d(8, 15))), TestOutcome::Running);
    /// assert_eq!(scm.outcome(&[report(11, 35)], Some(d(8, 20))), TestOutcome::Failed);
    /// assert_eq!(scm.outcome(&[report(11, 35), report(18, 41)], None), TestOutcome::Passed);
    /// ```
    pub fn outcome(&self, reports: &[ProgressReport], as_of: Option<NaiveDate>) -> TestOutcome {
        let in_period = reports
            .iter()
            .filter(|r| r.reported_on >= self.held_on && r.reported_on <= self.test_until);
        if in_period.clone().any(|r| r.actual >= self.target) {
            return TestOutcome::Passed;
        }
        let over =
            as_of.is_some_and(|d| d > self.test_until) || reports.iter().any(|r| r.reported_on > self.test_until);
        if over {
            TestOutcome::Failed
        } else {
            TestOutcome::Running
        }
    }

    /// The best progress reported in the test period.
    pub fn achieved(&self, reports: &[ProgressReport]) -> Option<Ratio> {
        reports
            .iter()
            .filter(|r| r.reported_on >= self.held_on && r.reported_on <= self.test_until)
            .map(|r| r.actual)
            .max()
    }
}

impl ContractProgress {
    /// Records a show-cause meeting on a signed contract. Meetings are numbered 1 up to
    /// `max_meetings` (3 under the SSUK, from the rulebook's C-08): the first of a critical episode
    /// is SCM I, each next one follows the previous; the test target is a progress above 0 and at
    /// most 100 %, and the test ends after the meeting.
    ///
    /// # Errors
    ///
    /// [`MonevError::InvalidMeeting`] saying which of these does not hold.
    pub fn hold_meeting(
        state: Option<&ContractProgress>,
        contract: &SignedContract,
        meeting: ShowCauseMeeting,
        max_meetings: u32,
    ) -> Result<(ContractProgress, MonevEvent), MonevError> {
        let refuse = |reason: String| MonevError::InvalidMeeting {
            contract: contract.id(),
            number: meeting.number,
            reason,
        };
        if meeting.contract != contract.id() {
            return Err(refuse("the meeting names another contract".into()));
        }
        if meeting.number == 0 || u32::from(meeting.number) > max_meetings {
            return Err(refuse(format!("meetings are numbered 1 to {max_meetings}")));
        }
        if meeting.target <= Ratio::ZERO || meeting.target > Ratio::ONE {
            return Err(refuse(format!("test target {} is outside (0, 100 %]", meeting.target)));
        }
        if meeting.test_until <= meeting.held_on {
            return Err(refuse(format!(
                "the test ends on {}, not after the meeting on {}",
                meeting.test_until, meeting.held_on
            )));
        }
        let signed = contract.terms().spec.signed_on;
        if meeting.held_on < signed {
            return Err(refuse(format!(
                "held on {}, before signature on {signed}",
                meeting.held_on
            )));
        }
        if let Some(previous) = state.and_then(|s| s.meetings().last()) {
            if meeting.held_on < previous.held_on {
                return Err(refuse(format!(
                    "held on {}, before SCM {} on {}",
                    meeting.held_on, previous.number, previous.held_on
                )));
            }
            if meeting.number != 1 && meeting.number != previous.number + 1 {
                return Err(refuse(format!(
                    "SCM {} cannot follow SCM {}",
                    meeting.number, previous.number
                )));
            }
        } else if meeting.number != 1 {
            return Err(refuse(format!("SCM {} without an SCM 1 before it", meeting.number)));
        }
        let event = MonevEvent::ShowCauseMeetingHeld { meeting };
        let next = ContractProgress::evolve(state.cloned(), &event)?;
        Ok((next, event))
    }
}
