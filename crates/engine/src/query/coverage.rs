//! Coverage per rule: on how many subjects each rule was decided (found or not found) and on how
//! many it could not be, for lack of what — so a reader sees where the data runs out.

use std::collections::BTreeMap;

use rantai_core::{Outcome, RuleId, Severity};
use serde::Serialize;

use super::Snapshot;
use crate::catalogue::RULES;

/// One reason a rule could not be decided, with the number of subjects it stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MissingData {
    /// What was missing, as the rule states it.
    pub missing: String,
    /// Subjects the rule could not decide for it.
    pub subjects: u64,
}

/// One engine rule's coverage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleCoverage {
    /// The rule.
    pub rule: RuleId,
    /// Its title.
    pub title: String,
    /// Its Indonesian title.
    pub judul: String,
    /// Its severity.
    pub severity: Severity,
    /// Subjects where the discrepancy is there.
    pub found: u64,
    /// Subjects checked and clean.
    pub not_found: u64,
    /// Subjects the rule could not decide.
    pub insufficient: u64,
    /// Why, most frequent first (at most [`RuleCoverage::REASONS`] reasons).
    pub missing: Vec<MissingData>,
}

impl RuleCoverage {
    /// The most reasons one rule lists.
    pub const REASONS: usize = 10;
}

/// One rule's outcomes counted.
#[derive(Default)]
struct Tally<'f> {
    found: u64,
    not_found: u64,
    insufficient: u64,
    reasons: BTreeMap<&'f str, u64>,
}

impl<'a> Snapshot<'a> {
    /// Coverage of every rule the engine decides, in catalogue order (a rule with no subject in
    /// the region shows zeros).
    pub fn coverage(&self) -> Vec<RuleCoverage> {
        let mut counts: BTreeMap<RuleId, Tally<'_>> = BTreeMap::new();
        for f in self.findings {
            let c = counts.entry(f.code).or_default();
            match &f.outcome {
                Outcome::Found { .. } => c.found += 1,
                Outcome::NotFound => c.not_found += 1,
                Outcome::Insufficient { missing } => {
                    c.insufficient += 1;
                    for m in missing {
                        *c.reasons.entry(m.as_str()).or_default() += 1;
                    }
                }
            }
        }
        RULES
            .iter()
            .filter_map(|id| {
                let def = self.rulebook.rule(*id).ok()?;
                let Tally {
                    found,
                    not_found,
                    insufficient,
                    reasons,
                } = counts.remove(id).unwrap_or_default();
                let mut missing: Vec<MissingData> = reasons
                    .into_iter()
                    .map(|(m, subjects)| MissingData {
                        missing: m.to_string(),
                        subjects,
                    })
                    .collect();
                missing.sort_by(|a, b| b.subjects.cmp(&a.subjects).then_with(|| a.missing.cmp(&b.missing)));
                missing.truncate(RuleCoverage::REASONS);
                Some(RuleCoverage {
                    rule: *id,
                    title: def.text.title.clone(),
                    judul: def.text.judul.clone(),
                    severity: def.severity,
                    found,
                    not_found,
                    insufficient,
                    missing,
                })
            })
            .collect()
    }
}
