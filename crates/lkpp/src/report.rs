//! The import report: every row taken, and every row refused with its dataset, record, field and
//! reason — nothing is dropped silently.

use std::fmt;

/// A row that could not be imported (or was imported with a caveat), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// The dataset, e.g. `RUP-PaketPenyedia-Terumumkan`.
    pub dataset: String,
    /// The record: its key (`kd_rup`) when readable, else `line N`.
    pub record: String,
    /// The field at fault.
    pub field: &'static str,
    /// What is wrong, with the value.
    pub reason: String,
}

impl fmt::Display for RowIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} field {}: {}",
            self.dataset, self.record, self.field, self.reason
        )
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Rows read.
    pub rows: usize,
    /// Rows imported.
    pub imported: usize,
    /// Rows refused, with the reason.
    pub refused: Vec<RowIssue>,
}

impl ImportReport {
    /// Whether every row is accounted for (imported or refused).
    pub fn is_complete(&self) -> bool {
        self.imported + self.refused.len() == self.rows
    }
}
