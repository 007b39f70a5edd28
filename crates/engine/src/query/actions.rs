//! What must be done, by whom: one item per stuck package and per finding, each with the action
//! the rulebook names for its reason (the role that acts, the text in both languages, the basis
//! of the duty) — the worklist a head of region hands out and each official reads for their role.

use std::collections::BTreeMap;

use rantai_core::{Action, CoreError, KodeRup, Money, OrgCode, PackageId, Role, RuleId, Severity};
use serde::Serialize;

use super::Snapshot;
use crate::position::{self, Stage};
use crate::read_model::{organisation_of, subject_label};

/// Why something must be done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum ActionCause {
    /// A package is stuck at its stage.
    Stuck {
        /// The `reason` of its `Stuck` (`not_awarded`, `behind_plan` …).
        reason: String,
        /// Where it stopped.
        stage: Stage,
        /// Days since the stage began (or since its window ended); `None` for `behind_plan`.
        days: Option<i64>,
    },
    /// A rule found a discrepancy.
    Finding {
        /// The rule.
        rule: RuleId,
        /// Its severity.
        severity: Severity,
    },
}

/// One thing that must be done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ActionItem {
    /// Why.
    #[serde(flatten)]
    pub cause: ActionCause,
    /// A short label of the subject (RUP code and name, tender code, contract number …).
    pub subject_label: String,
    /// The subject's OPD (`kd_satker_str`), when it has one.
    pub opd: Option<OrgCode>,
    /// The package, for a stuck package.
    pub package: Option<PackageId>,
    /// Its SIRUP code.
    pub kd_rup: Option<KodeRup>,
    /// Its pagu, for a stuck package.
    pub pagu: Option<Money>,
    /// What the rulebook says must be done and by whom; `None` when it names nothing for this
    /// reason.
    pub action: Option<Action>,
}

/// How many items fall to one role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RoleCount {
    /// The role that must act; `None` for items the rulebook names no action for.
    pub by: Option<Role>,
    /// Items.
    pub items: u64,
}

/// One page of the worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ActionsPage {
    /// Items matching the filter, over all pages.
    pub total: u64,
    /// Items per role, over all pages, in role order.
    pub by_role: Vec<RoleCount>,
    /// Items skipped.
    pub offset: u64,
    /// Items per page.
    pub limit: u64,
    /// This page: stuck packages first (largest pagu first), then findings by severity (errors
    /// first), each in rule and subject order.
    pub items: Vec<ActionItem>,
}

/// What to select.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// Items of one role.
    pub by: Option<Role>,
    /// Items of one OPD.
    pub opd: Option<OrgCode>,
    /// Whether findings are in the list (the public view holds stuck packages only).
    pub findings: bool,
    /// Items to skip.
    pub offset: usize,
    /// Items to return; `None` is [`FindingFilter::DEFAULT_LIMIT`](super::FindingFilter::DEFAULT_LIMIT),
    /// at most [`FindingFilter::MAX_LIMIT`](super::FindingFilter::MAX_LIMIT).
    pub limit: Option<usize>,
}

impl<'a> Snapshot<'a> {
    /// One page of what must be done, by whom.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rulebook has no patience in force on the day.
    ///
    /// # Example
    ///
    /// ```
    /// use rantai_engine::query::{ActionFilter, Snapshot};
    /// # fn show(snapshot: &Snapshot<'_>) -> Result<(), rantai_core::CoreError> {
    /// let ppk = snapshot.actions(&ActionFilter { by: Some(rantai_core::Role::Ppk), findings: true, ..Default::default() })?;
    /// for item in &ppk.items {
    ///     println!("{}: {}", item.subject_label, item.action.as_ref().map_or("", |a| a.id.as_str()));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn actions(&self, filter: &ActionFilter) -> Result<ActionsPage, CoreError> {
        let view = &self.view;
        let limit = filter
            .limit
            .unwrap_or(super::FindingFilter::DEFAULT_LIMIT)
            .min(super::FindingFilter::MAX_LIMIT);
        let mut items = Vec::new();
        let mut stuck = Vec::new();
        for p in position::positions(view, self.as_of, self.patience()?) {
            let (Some(why), Some(package)) = (p.stuck, view.packages.get(&p.package)) else {
                continue;
            };
            let spec = package.spec();
            let opd = view.organisations.get(&spec.organisation).map(|o| o.code());
            let action = self.rulebook.stuck_action(why.reason()).cloned();
            if filter.opd.is_some_and(|o| opd != Some(o))
                || filter.by.is_some_and(|r| action.as_ref().map(|a| a.by) != Some(r))
            {
                continue;
            }
            stuck.push(ActionItem {
                cause: ActionCause::Stuck {
                    reason: why.reason().to_string(),
                    stage: p.stage,
                    days: why.days(),
                },
                subject_label: subject_label(view, rantai_core::Subject::Package(spec.id)),
                opd,
                package: Some(spec.id),
                kd_rup: spec.kd_rup,
                pagu: Some(spec.pagu),
                action,
            });
        }
        stuck.sort_by(|a, b| b.pagu.cmp(&a.pagu).then(a.package.cmp(&b.package)));
        items.extend(stuck);
        if filter.findings {
            let mut found: Vec<_> = self
                .findings
                .iter()
                .filter(|f| f.is_found())
                .filter(|f| {
                    filter.by.is_none_or(|r| {
                        self.rulebook
                            .rule(f.code)
                            .ok()
                            .and_then(|d| d.action.as_ref())
                            .map(|a| a.by)
                            == Some(r)
                    })
                })
                .collect();
            // Stable: within a severity, the outcomes keep their rule and subject order.
            found.sort_by_key(|f| f.severity);
            for f in found {
                let opd = organisation_of(view, f.subject).and_then(|o| view.organisations.get(&o).map(|o| o.code()));
                if filter.opd.is_some_and(|o| opd != Some(o)) {
                    continue;
                }
                items.push(ActionItem {
                    cause: ActionCause::Finding {
                        rule: f.code,
                        severity: f.severity,
                    },
                    subject_label: subject_label(view, f.subject),
                    opd,
                    package: None,
                    kd_rup: None,
                    pagu: None,
                    action: self.rulebook.rule(f.code).ok().and_then(|d| d.action.clone()),
                });
            }
        }
        let mut by_role: BTreeMap<Option<Role>, u64> = BTreeMap::new();
        for item in &items {
            *by_role.entry(item.action.as_ref().map(|a| a.by)).or_default() += 1;
        }
        let total = items.len() as u64;
        Ok(ActionsPage {
            total,
            by_role: by_role.into_iter().map(|(by, items)| RoleCount { by, items }).collect(),
            offset: filter.offset as u64,
            limit: limit as u64,
            items: items.into_iter().skip(filter.offset).take(limit).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use rantai_core::Rulebook;

    use crate::position::Stuck;

    #[test]
    fn the_standard_rulebook_names_an_action_for_every_stuck_reason_and_no_other() {
        let book = Rulebook::standard();
        let mut named: Vec<&str> = book.stuck_actions().map(|(r, _)| r).collect();
        let mut reasons = Stuck::REASONS.to_vec();
        named.sort_unstable();
        reasons.sort_unstable();
        assert_eq!(named, reasons);
    }

    #[test]
    fn each_stuck_reason_is_its_serialised_tag() {
        use chrono::NaiveDate;
        let d = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
        let ratio = rantai_core::Ratio::percent(50);
        let all = [
            Stuck::SelectionWindowPassed {
                announced_on: d,
                window_end: d,
                days: 1,
            },
            Stuck::NotAwarded {
                announced_on: d,
                days: 1,
            },
            Stuck::NotContracted { awarded_on: d, days: 1 },
            Stuck::BehindPlan {
                reported_on: d,
                planned: ratio,
                actual: ratio,
            },
            Stuck::NoProgressReport { started_on: d, days: 1 },
        ];
        for s in &all {
            let json = serde_json::to_value(s).unwrap();
            assert_eq!(json["reason"], s.reason());
        }
        let reasons: Vec<&str> = all.iter().map(Stuck::reason).collect();
        assert_eq!(reasons, Stuck::REASONS);
    }
}
