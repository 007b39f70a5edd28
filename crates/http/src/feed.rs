//! The feed of changes: findings that appear or clear and packages that get stuck or move on,
//! as each write (or the day moving on) changes them — served as server-sent events
//! (`GET …/feed`) and posted to a region's webhooks, each body signed with HMAC-SHA256.

use rantai_core::{Action, KodeRup, OrgCode, OrganisationId, RuleId, Severity};
use serde::Serialize;

/// What changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A rule now finds a discrepancy it did not find before.
    FindingAppeared {
        /// The rule.
        rule: RuleId,
        /// Its severity.
        severity: Severity,
        /// Its title (English).
        title: String,
        /// Its title (Bahasa Indonesia).
        judul: String,
        /// The regulation behind it.
        citation: String,
    },
    /// A discrepancy a rule found is gone.
    FindingCleared {
        /// The rule.
        rule: RuleId,
        /// Its severity.
        severity: Severity,
        /// Its title (English).
        title: String,
        /// Its title (Bahasa Indonesia).
        judul: String,
        /// The regulation behind it.
        citation: String,
    },
    /// A package is now stuck at its stage.
    PackageStuck {
        /// Why (`not_awarded`, `behind_plan` …).
        reason: String,
        /// Its SIRUP code.
        kd_rup: Option<KodeRup>,
    },
    /// A package that was stuck is no longer (or is stuck for another reason, which comes as
    /// its own `package_stuck`).
    PackageMovedOn {
        /// Why it was stuck.
        reason: String,
        /// Its SIRUP code.
        kd_rup: Option<KodeRup>,
    },
}

/// One change of the feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// The region.
    pub region: String,
    /// The sequence of the event after which the change was seen: the one that caused it, or,
    /// when that event moved the day of the data on, the one that moved it.
    pub sequence: u64,
    /// The day the region reports on.
    pub as_of: chrono::NaiveDate,
    /// What changed.
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// A short label of the subject (RUP code and name, tender code, contract number …).
    pub subject_label: String,
    /// The subject's OPD (`kd_satker_str`), when it has one.
    pub opd: Option<OrgCode>,
    /// What must be done, by whom, when it appeared (from the rulebook).
    pub action: Option<Action>,
    /// The subject's organisation, for scoping readers.
    #[serde(skip)]
    pub(crate) organisation: Option<OrganisationId>,
}

impl Change {
    /// Its event name on the SSE stream and in a webhook's `X-Rantai-Event` header.
    pub fn event_name(&self) -> &'static str {
        match self.kind {
            ChangeKind::FindingAppeared { .. } => "finding_appeared",
            ChangeKind::FindingCleared { .. } => "finding_cleared",
            ChangeKind::PackageStuck { .. } => "package_stuck",
            ChangeKind::PackageMovedOn { .. } => "package_moved_on",
        }
    }

    /// Whether it is about a finding (withheld from the public).
    pub fn is_finding(&self) -> bool {
        matches!(
            self.kind,
            ChangeKind::FindingAppeared { .. } | ChangeKind::FindingCleared { .. }
        )
    }

    fn rule(&self) -> Option<(RuleId, Severity)> {
        match &self.kind {
            ChangeKind::FindingAppeared { rule, severity, .. } | ChangeKind::FindingCleared { rule, severity, .. } => {
                Some((*rule, *severity))
            }
            _ => None,
        }
    }
}

/// Which changes a subscriber wants. Every field left `None` takes everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedFilter {
    /// Only findings of this rule (stuck packages are left out).
    pub rule: Option<RuleId>,
    /// Only findings of this severity (stuck packages are left out).
    pub severity: Option<Severity>,
    /// Only changes about this OPD.
    pub opd: Option<OrgCode>,
}

impl FeedFilter {
    /// Whether `change` passes.
    pub fn passes(&self, change: &Change) -> bool {
        let by_rule = self.rule.is_some() || self.severity.is_some();
        let rule_ok = match change.rule() {
            Some((rule, severity)) => {
                self.rule.is_none_or(|r| r == rule) && self.severity.is_none_or(|s| s == severity)
            }
            None => !by_rule,
        };
        rule_ok && self.opd.is_none_or(|o| change.opd == Some(o))
    }
}

/// The signature a webhook's receiver checks: `sha256=` and the hex HMAC-SHA256 of the body under
/// the webhook's secret (the `X-Rantai-Signature` header).
///
/// ```
/// // RFC 4231 test case 2.
/// let signature = rantai_http::sign(b"Jefe", b"what do ya want for nothing?");
/// assert_eq!(signature, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
/// ```
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = match hmac::Hmac::<sha2::Sha256>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(body);
    let bytes: [u8; 32] = mac.finalize().into_bytes().into();
    format!("sha256={}", rantai_chain::Digest256(bytes))
}
