//! Physical progress of a contract: reports of cumulative realisasi fisik against the planned
//! S-curve, as the PPK/PPTK and the supervising consultant submit them.

use chrono::NaiveDate;
use rantai_core::{ContractId, Mode, Ratio, ReportId};
use rantai_procurement::SignedContract;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::MonevError;
use crate::events::MonevEvent;
use crate::show_cause::ShowCauseMeeting;

/// One progress report: cumulative physical progress on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressReport {
    /// The report's id.
    pub id: ReportId,
    /// The contract.
    pub contract: ContractId,
    /// Date of the measurement.
    pub reported_on: NaiveDate,
    /// Actual cumulative physical progress (realisasi fisik), 0–1.
    pub actual: Ratio,
    /// Planned cumulative progress on that date from the contract's S-curve (rencana fisik), when
    /// the report states it; otherwise rantai uses the linear plan of [`planned_progress`].
    pub planned: Option<Ratio>,
    /// Where the evidence is (weekly report number, photo archive, MC-0 …).
    pub evidence_ref: Option<String>,
}

/// The progress reports of one contract, in date order.
///
/// # Example
///
/// ```
/// # use rantai_core::*;
/// # use rantai_monev::*;
/// # use chrono::NaiveDate;
/// let contract = rantai_budgeting::fixtures::signed_contract(); // 7 April – 31 October 2025
/// let report = ProgressReport {
///     id: ReportId::from_u128(1),
///     contract: contract.id(),
///     reported_on: NaiveDate::from_ymd_opt(2025, 7, 31).unwrap(),
///     actual: Ratio::percent(35),
///     planned: None,
///     evidence_ref: Some("Laporan mingguan 16".into()),
/// };
/// let (progress, _) = ContractProgress::report(None, &contract, report, Mode::Command)?;
/// assert_eq!(progress.latest().unwrap().actual, Ratio::percent(35));
/// # Ok::<(), MonevError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractProgress {
    contract: ContractId,
    reports: Vec<ProgressReport>,
    /// Show-cause meetings, in the order held.
    #[serde(default)]
    meetings: Vec<ShowCauseMeeting>,
}

impl ContractProgress {
    /// Adds a report on a signed contract (`state` is the contract's progress so far, if any).
    /// Reports must be 0–100 %, dated on or after signature and after the previous report; a
    /// command may not lower cumulative progress (a recorded fact may, and the decrease is kept).
    ///
    /// # Errors
    ///
    /// [`MonevError::OutOfRange`], [`MonevError::DateOrder`], [`MonevError::ProgressDecreased`],
    /// [`MonevError::DuplicateReport`].
    pub fn report(
        state: Option<&ContractProgress>,
        contract: &SignedContract,
        report: ProgressReport,
        mode: Mode,
    ) -> Result<(ContractProgress, MonevEvent), MonevError> {
        for (what, value) in [
            ("actual progress", Some(report.actual)),
            ("planned progress", report.planned),
        ] {
            if let Some(v) = value
                && (v < Ratio::ZERO || v > Ratio::ONE)
            {
                return Err(MonevError::OutOfRange {
                    report: report.id,
                    what,
                    value: v,
                });
            }
        }
        if report.contract != contract.id() {
            return Err(MonevError::WrongState {
                contract: contract.id(),
                event: "a report for another contract",
            });
        }
        let signed = contract.terms().spec.signed_on;
        if report.reported_on < signed {
            return Err(MonevError::DateOrder {
                report: report.id,
                contract: contract.id(),
                date: report.reported_on,
                earlier_what: "contract signature",
                earlier: signed,
            });
        }
        if let Some(previous) = state.and_then(ContractProgress::latest) {
            if state.is_some_and(|s| s.reports.iter().any(|r| r.id == report.id)) {
                return Err(MonevError::DuplicateReport { report: report.id });
            }
            if report.reported_on < previous.reported_on {
                return Err(MonevError::DateOrder {
                    report: report.id,
                    contract: contract.id(),
                    date: report.reported_on,
                    earlier_what: "the previous report",
                    earlier: previous.reported_on,
                });
            }
            if mode == Mode::Command && report.actual < previous.actual {
                return Err(MonevError::ProgressDecreased {
                    report: report.id,
                    contract: contract.id(),
                    actual: report.actual,
                    previous: previous.actual,
                });
            }
        }
        let event = MonevEvent::ProgressReported { report };
        let next = ContractProgress::evolve(state.cloned(), &event)?;
        Ok((next, event))
    }

    /// The contract.
    pub fn contract(&self) -> ContractId {
        self.contract
    }

    /// All reports, in date order.
    pub fn reports(&self) -> &[ProgressReport] {
        &self.reports
    }

    /// The latest report.
    pub fn latest(&self) -> Option<&ProgressReport> {
        self.reports.last()
    }

    /// Show-cause meetings, in the order held.
    pub fn meetings(&self) -> &[ShowCauseMeeting] {
        &self.meetings
    }

    /// Folds one event into the state (replay).
    ///
    /// # Errors
    ///
    /// [`MonevError::WrongState`] for a report on another contract.
    pub fn evolve(state: Option<ContractProgress>, event: &MonevEvent) -> Result<ContractProgress, MonevError> {
        let Some(contract) = event.contract() else {
            return Err(MonevError::NotAContractEvent { event: event.name() });
        };
        let mut progress = state.unwrap_or(ContractProgress {
            contract,
            reports: Vec::new(),
            meetings: Vec::new(),
        });
        if progress.contract != contract {
            return Err(MonevError::WrongState {
                contract: progress.contract,
                event: event.name(),
            });
        }
        match event {
            MonevEvent::ProgressReported { report } => progress.reports.push(report.clone()),
            MonevEvent::ShowCauseMeetingHeld { meeting } => progress.meetings.push(meeting.clone()),
            MonevEvent::IndicatorRealised { .. } | MonevEvent::QuarterlyReportSubmitted { .. } => {}
        }
        Ok(progress)
    }
}

/// Planned cumulative progress on `on` for work from `start` to `end`, by the linear S-curve
/// (uniform progress per calendar day) — the default when a report gives no planned value.
///
/// # Example
///
/// ```
/// # use rantai_monev::planned_progress;
/// # use rantai_core::Ratio;
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// assert_eq!(planned_progress(d(4, 1), d(4, 11), d(4, 6)), "0.5".parse::<Ratio>()?);
/// assert_eq!(planned_progress(d(4, 1), d(4, 11), d(3, 1)), Ratio::ZERO);
/// assert_eq!(planned_progress(d(4, 1), d(4, 11), d(5, 1)), Ratio::ONE);
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn planned_progress(start: NaiveDate, end: NaiveDate, on: NaiveDate) -> Ratio {
    if on <= start {
        return Ratio::ZERO;
    }
    if on >= end {
        return Ratio::ONE;
    }
    let done = Decimal::from((on - start).num_days());
    let total = Decimal::from((end - start).num_days());
    Ratio::from_quotient(done / total)
}
