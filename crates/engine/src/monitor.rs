//! `Monitor`: the engine's outcomes kept per subject, so that after an event only the subjects the
//! event touched are evaluated again — and the result always equals a full [`crate::evaluate`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{Finding, Rulebook, Subject};

use crate::evaluate::{ChainView, Part, evaluate_part, in_parallel, sort, subjects};

/// A discrepancy that appeared or cleared when the monitor was refreshed: what a feed of changes
/// carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingChange {
    /// `true`: now found, not before; `false`: found before, no longer.
    pub appeared: bool,
    /// The finding (the new one when it appeared, the old one when it cleared).
    pub finding: Finding,
}

/// The changes between two outcome lists of one (subject, part): found codes that are new, and
/// found codes that are gone.
fn changes_between(before: &[Finding], after: &[Finding], out: &mut Vec<FindingChange>) {
    let found = |list: &[Finding], f: &Finding| list.iter().any(|g| g.is_found() && g.code == f.code);
    for f in after.iter().filter(|f| f.is_found() && !found(before, f)) {
        out.push(FindingChange {
            appeared: true,
            finding: f.clone(),
        });
    }
    for f in before.iter().filter(|f| f.is_found() && !found(after, f)) {
        out.push(FindingChange {
            appeared: false,
            finding: f.clone(),
        });
    }
}

/// Every outcome of the engine, by subject, as of one evaluation date.
///
/// # Example
///
/// ```
/// # use rantai_engine::*;
/// # use rantai_core::Rulebook;
/// # fn demo(view: ChainView<'_>, touched: Vec<(rantai_core::Subject, Part)>) {
/// let mut monitor = Monitor::new(&view, Rulebook::standard());
/// // … an event changes the chain; the caller knows which subjects it touched …
/// monitor.refresh(&view, Rulebook::standard(), touched);
/// assert_eq!(monitor.findings(), evaluate(&view, Rulebook::standard()));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Monitor {
    as_of: Option<NaiveDate>,
    by_subject: BTreeMap<(Subject, Part), Vec<Finding>>,
}

impl Monitor {
    /// Evaluates every subject of the view.
    pub fn new(view: &ChainView<'_>, rulebook: &Rulebook) -> Monitor {
        let all: Vec<Subject> = subjects(view).collect();
        let chunks = in_parallel(&all, |chunk| {
            let mut done = Vec::with_capacity(chunk.len());
            for subject in chunk {
                for part in Part::of(*subject) {
                    let mut out = Vec::new();
                    evaluate_part(view, rulebook, *subject, *part, &mut out);
                    done.push(((*subject, *part), out));
                }
            }
            done
        });
        let by_subject: BTreeMap<(Subject, Part), Vec<Finding>> = chunks.into_iter().flatten().collect();
        Monitor {
            as_of: view.as_of,
            by_subject,
        }
    }

    /// The evaluation date the outcomes hold for.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// Evaluates these parts of subjects again (a subject no longer in the chain is dropped).
    /// When the view's evaluation date differs from the monitor's, everything is evaluated again.
    /// Returns the findings that appeared or cleared, in subject order.
    pub fn refresh(
        &mut self,
        view: &ChainView<'_>,
        rulebook: &Rulebook,
        touched: impl IntoIterator<Item = (Subject, Part)>,
    ) -> Vec<FindingChange> {
        let mut changes = Vec::new();
        if view.as_of != self.as_of {
            let new = Monitor::new(view, rulebook);
            changes = self.changes_to(&new);
            *self = new;
            return changes;
        }
        for (subject, part) in touched {
            let out = if exists(view, subject) {
                let mut out = Vec::new();
                evaluate_part(view, rulebook, subject, part, &mut out);
                out
            } else {
                Vec::new()
            };
            let before = self
                .by_subject
                .get(&(subject, part))
                .map(Vec::as_slice)
                .unwrap_or_default();
            changes_between(before, &out, &mut changes);
            if exists(view, subject) {
                self.by_subject.insert((subject, part), out);
            } else {
                self.by_subject.remove(&(subject, part));
            }
        }
        changes
    }

    /// The findings that appear or clear from this monitor to `new`.
    pub fn changes_to(&self, new: &Monitor) -> Vec<FindingChange> {
        let mut changes = Vec::new();
        let keys: std::collections::BTreeSet<&(Subject, Part)> =
            self.by_subject.keys().chain(new.by_subject.keys()).collect();
        for key in keys {
            let before = self.by_subject.get(key).map(Vec::as_slice).unwrap_or_default();
            let after = new.by_subject.get(key).map(Vec::as_slice).unwrap_or_default();
            changes_between(before, after, &mut changes);
        }
        changes
    }

    /// The outcomes of one subject, in the engine's order for it.
    pub fn of(&self, subject: Subject) -> Vec<&Finding> {
        Part::of(subject)
            .iter()
            .filter_map(|p| self.by_subject.get(&(subject, *p)))
            .flatten()
            .collect()
    }

    /// Every outcome, sorted like [`crate::evaluate`].
    pub fn findings(&self) -> Vec<Finding> {
        sort(self.by_subject.values().flatten().cloned().collect())
    }

    /// How many outcomes are `Found`.
    pub fn found_count(&self) -> usize {
        self.by_subject.values().flatten().filter(|f| f.is_found()).count()
    }
}

fn exists(view: &ChainView<'_>, subject: Subject) -> bool {
    match subject {
        Subject::Program(id) => view.programs.contains_key(&id),
        Subject::Kegiatan(id) => view.kegiatan.contains_key(&id),
        Subject::SubKegiatan(id) => view.sub_kegiatan.contains_key(&id),
        Subject::Package(id) => view.packages.contains_key(&id),
        Subject::Procurement(id) => view.procurements.contains_key(&id),
        Subject::Contract(id) => view.contracts.contains_key(&id),
        Subject::DpaLine(id) => view.dpa_lines.contains_key(&id),
        Subject::Organisation(id) => view.organisation_ids().contains(&id),
    }
}
