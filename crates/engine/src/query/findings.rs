//! Findings with filters and paging: by rule, severity, outcome, OPD, method, kind of procurement
//! and the subject's value — what an auditor's worklist and a dashboard's drill-down read.

use rantai_core::{Finding, JenisPengadaan, MetodePemilihan, Money, OrgCode, Outcome, RuleId, Severity, Subject};
use serde::Serialize;

use super::Snapshot;
use crate::read_model::{organisation_of, subject_label};

/// Which outcomes a findings query returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The discrepancy is there.
    #[default]
    Found,
    /// The rule could not be decided for lack of data.
    Insufficient,
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "found" => Ok(Status::Found),
            "insufficient" => Ok(Status::Insufficient),
            other => Err(format!("status {other:?}: expected found or insufficient")),
        }
    }
}

/// What to select. Every field left `None` selects everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingFilter {
    /// One rule.
    pub rule: Option<RuleId>,
    /// One severity.
    pub severity: Option<Severity>,
    /// Found (the default) or insufficient.
    pub status: Status,
    /// Subjects of one OPD.
    pub opd: Option<OrgCode>,
    /// Subjects procured by one method (packages, procurements, contracts).
    pub metode: Option<MetodePemilihan>,
    /// Subjects of one kind of procurement.
    pub jenis: Option<JenisPengadaan>,
    /// Subjects worth at least this much (package pagu, HPS or pagu of a procurement, current
    /// contract value, DPA line pagu).
    pub min_value: Option<Money>,
    /// Subjects worth at most this much.
    pub max_value: Option<Money>,
    /// Rows to skip.
    pub offset: usize,
    /// Rows to return; `None` is [`FindingFilter::DEFAULT_LIMIT`], and at most
    /// [`FindingFilter::MAX_LIMIT`] are returned.
    pub limit: Option<usize>,
}

impl FindingFilter {
    /// Rows per page when no limit is given.
    pub const DEFAULT_LIMIT: usize = 50;
    /// The most rows one page holds.
    pub const MAX_LIMIT: usize = 1000;
}

/// One finding as a worklist shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FindingRow {
    /// The finding: rule, severity, subject, outcome with its evidence or missing data, titles
    /// and citation.
    #[serde(flatten)]
    pub finding: Finding,
    /// A short label of the subject (RUP code and name, tender code, contract number …).
    pub subject_label: String,
    /// The subject's OPD (`kd_satker_str`), when it has one.
    pub opd: Option<OrgCode>,
    /// The subject's value, when it has one.
    pub value: Option<Money>,
}

/// One page of findings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FindingsPage {
    /// Rows matching the filter, over all pages.
    pub total: u64,
    /// Rows skipped.
    pub offset: u64,
    /// Rows per page.
    pub limit: u64,
    /// This page.
    pub rows: Vec<FindingRow>,
}

/// What a filter reads about a finding's subject.
struct Facts {
    opd: Option<OrgCode>,
    metode: Option<MetodePemilihan>,
    jenis: Option<JenisPengadaan>,
    value: Option<Money>,
}

impl<'a> Snapshot<'a> {
    fn facts(&self, subject: Subject) -> Facts {
        let view = &self.view;
        let opd = organisation_of(view, subject).and_then(|o| view.organisations.get(&o).map(|o| o.code()));
        let (metode, jenis, value) = match subject {
            Subject::Package(id) => view.packages.get(&id).map_or((None, None, None), |p| {
                (Some(p.spec().metode), Some(p.spec().jenis), Some(p.spec().pagu))
            }),
            Subject::Procurement(id) => view.procurements.get(&id).map_or((None, None, None), |p| {
                let s = p.spec();
                (Some(s.metode), Some(s.jenis), Some(s.hps.unwrap_or(s.pagu)))
            }),
            Subject::Contract(id) => view.contracts.get(&id).map_or((None, None, None), |c| {
                let procurement = view.procurements.get(&c.terms().procurement).map(|p| p.spec());
                (
                    procurement.map(|s| s.metode),
                    procurement.map(|s| s.jenis),
                    Some(c.current_value()),
                )
            }),
            Subject::DpaLine(id) => (None, None, view.dpa_lines.get(&id).map(|l| l.spec().pagu)),
            _ => (None, None, None),
        };
        Facts {
            opd,
            metode,
            jenis,
            value,
        }
    }

    /// Whether `filter` selects `finding`; the subject's facts when the filter had to read them.
    fn selects(&self, filter: &FindingFilter, finding: &Finding) -> Option<Option<Facts>> {
        let status = match finding.outcome {
            Outcome::Found { .. } => Status::Found,
            Outcome::Insufficient { .. } => Status::Insufficient,
            Outcome::NotFound => return None,
        };
        if status != filter.status
            || filter.rule.is_some_and(|r| r != finding.code)
            || filter.severity.is_some_and(|s| s != finding.severity)
        {
            return None;
        }
        let by_subject = filter.opd.is_some()
            || filter.metode.is_some()
            || filter.jenis.is_some()
            || filter.min_value.is_some()
            || filter.max_value.is_some();
        if !by_subject {
            return Some(None);
        }
        let facts = self.facts(finding.subject);
        let keep = filter.opd.is_none_or(|o| facts.opd == Some(o))
            && filter.metode.is_none_or(|m| facts.metode == Some(m))
            && filter.jenis.is_none_or(|j| facts.jenis == Some(j))
            && filter.min_value.is_none_or(|min| facts.value.is_some_and(|v| v >= min))
            && filter.max_value.is_none_or(|max| facts.value.is_some_and(|v| v <= max));
        keep.then_some(Some(facts))
    }

    /// The outcomes of `rule` (all outcomes when `None`): a slice of the outcomes when they are
    /// in rule order, as `evaluate` and the monitor give them.
    fn of_rule(&self, rule: Option<RuleId>) -> &'a [Finding] {
        let all = self.findings;
        match rule {
            Some(r) if all.is_sorted_by_key(|f| f.code) => {
                let start = all.partition_point(|f| f.code < r);
                let end = start + all[start..].partition_point(|f| f.code == r);
                &all[start..end]
            }
            _ => all,
        }
    }

    /// One page of the findings `filter` selects, in rule and subject order.
    pub fn findings(&self, filter: &FindingFilter) -> FindingsPage {
        let limit = filter
            .limit
            .unwrap_or(FindingFilter::DEFAULT_LIMIT)
            .min(FindingFilter::MAX_LIMIT);
        let mut total = 0u64;
        let mut rows = Vec::new();
        for finding in self.of_rule(filter.rule) {
            let Some(facts) = self.selects(filter, finding) else {
                continue;
            };
            let index = usize::try_from(total).unwrap_or(usize::MAX);
            total += 1;
            if index >= filter.offset && rows.len() < limit {
                let facts = facts.unwrap_or_else(|| self.facts(finding.subject));
                rows.push(FindingRow {
                    finding: finding.clone(),
                    subject_label: subject_label(&self.view, finding.subject),
                    opd: facts.opd,
                    value: facts.value,
                });
            }
        }
        FindingsPage {
            total,
            offset: filter.offset as u64,
            limit: limit as u64,
            rows,
        }
    }
}
