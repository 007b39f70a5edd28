//! Monitoring events: what was reported, in the past tense.

use serde::{Deserialize, Serialize};

use crate::progress::ProgressReport;

/// Something that happened in monitoring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum MonevEvent {
    /// Physical progress was reported on a contract.
    ProgressReported {
        /// The report.
        report: ProgressReport,
    },
}

impl MonevEvent {
    /// The event's name.
    pub fn name(&self) -> &'static str {
        match self {
            MonevEvent::ProgressReported { .. } => "ProgressReported",
        }
    }
}
