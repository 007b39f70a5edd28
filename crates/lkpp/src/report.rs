//! The import report: every row taken, set aside with its reason, or refused with its dataset,
//! record, field and reason — nothing is dropped silently.

use std::collections::BTreeMap;
use std::fmt;

/// A row that could not be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// The dataset, e.g. `RUP-PaketPenyedia-Terumumkan`.
    pub dataset: String,
    /// The record: its key (`kd_rup`, `kd_tender`…) when readable, else `line N` or `row N`.
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

/// What an import did with one dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The dataset.
    pub dataset: String,
    /// Rows read.
    pub rows: usize,
    /// Rows whose facts are in the chain.
    pub imported: usize,
    /// Rows read and deliberately not turned into facts, counted by reason (a participant's
    /// registration without a price is not a bid; a dataset rantai does not model yet).
    pub set_aside: BTreeMap<String, usize>,
    /// Rows refused, with the reason.
    pub refused: Vec<RowIssue>,
}

impl ImportReport {
    /// An empty report for a dataset.
    pub fn new(dataset: impl Into<String>) -> Self {
        Self {
            dataset: dataset.into(),
            ..Self::default()
        }
    }

    /// Rows set aside, over every reason.
    pub fn set_aside_rows(&self) -> usize {
        self.set_aside.values().sum()
    }

    /// Whether every row is accounted for (imported, set aside or refused).
    pub fn is_complete(&self) -> bool {
        self.imported + self.set_aside_rows() + self.refused.len() == self.rows
    }

    /// Counts a row set aside for `reason`.
    pub(crate) fn aside(&mut self, reason: &str) {
        *self.set_aside.entry(reason.to_string()).or_default() += 1;
    }

    /// Records a refused row.
    pub(crate) fn refuse(&mut self, record: impl Into<String>, field: &'static str, reason: impl Into<String>) {
        self.refused.push(RowIssue {
            dataset: self.dataset.clone(),
            record: record.into(),
            field,
            reason: reason.into(),
        });
    }
}
