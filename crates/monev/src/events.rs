//! Monitoring events: what was reported, in the past tense.

use rantai_core::ContractId;
use serde::{Deserialize, Serialize};

use crate::indicator::IndicatorRealisation;
use crate::progress::ProgressReport;
use crate::reporting::QuarterlyReport;
use crate::show_cause::ShowCauseMeeting;

/// Something that happened in monitoring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum MonevEvent {
    /// Physical progress was reported on a contract.
    ProgressReported {
        /// The report.
        report: ProgressReport,
    },
    /// A show-cause meeting was held on a critical contract.
    ShowCauseMeetingHeld {
        /// The meeting and its test.
        meeting: ShowCauseMeeting,
    },
    /// The realisation of a program, kegiatan or sub-kegiatan indicator was reported for a quarter.
    IndicatorRealised {
        /// The realisation.
        realisation: IndicatorRealisation,
    },
    /// An organisation submitted a PP 39/2006 quarterly report.
    QuarterlyReportSubmitted {
        /// The submission.
        report: QuarterlyReport,
    },
}

impl MonevEvent {
    /// The event's name.
    pub fn name(&self) -> &'static str {
        match self {
            MonevEvent::ProgressReported { .. } => "ProgressReported",
            MonevEvent::ShowCauseMeetingHeld { .. } => "ShowCauseMeetingHeld",
            MonevEvent::IndicatorRealised { .. } => "IndicatorRealised",
            MonevEvent::QuarterlyReportSubmitted { .. } => "QuarterlyReportSubmitted",
        }
    }

    /// The contract the event is about, for contract-level events.
    pub fn contract(&self) -> Option<ContractId> {
        match self {
            MonevEvent::ProgressReported { report } => Some(report.contract),
            MonevEvent::ShowCauseMeetingHeld { meeting } => Some(meeting.contract),
            MonevEvent::IndicatorRealised { .. } | MonevEvent::QuarterlyReportSubmitted { .. } => None,
        }
    }
}
