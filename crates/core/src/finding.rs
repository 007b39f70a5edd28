//! The finding model: a rule's answer about one subject — `Found` with evidence, `NotFound`, or
//! `Insufficient` when the data needed is missing (never reported as "no problem").

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{
    ContractId, DpaLineId, KegiatanId, OrganisationId, PackageId, ProcurementId, ProgramId, SubKegiatanId,
};
use crate::money::Money;
use crate::ratio::Ratio;
use crate::rule_id::RuleId;
use crate::rulebook::Severity;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case", deny_unknown_fields)]
pub enum Subject {
    /// A program.
    Program(ProgramId),
    /// A kegiatan.
    Kegiatan(KegiatanId),
    /// A sub-kegiatan.
    SubKegiatan(SubKegiatanId),
    /// A RUP package.
    Package(PackageId),
    /// A procurement (tender / non-tender).
    Procurement(ProcurementId),
    /// A contract.
    Contract(ContractId),
    /// A DPA budget line.
    DpaLine(DpaLineId),
    /// An organisation.
    Organisation(OrganisationId),
}

impl Subject {
    /// What kind of subject it is.
    pub const fn kind(self) -> SubjectKind {
        match self {
            Subject::Program(_) => SubjectKind::Program,
            Subject::Kegiatan(_) => SubjectKind::Kegiatan,
            Subject::SubKegiatan(_) => SubjectKind::SubKegiatan,
            Subject::Package(_) => SubjectKind::Package,
            Subject::Procurement(_) => SubjectKind::Procurement,
            Subject::Contract(_) => SubjectKind::Contract,
            Subject::DpaLine(_) => SubjectKind::DpaLine,
            Subject::Organisation(_) => SubjectKind::Organisation,
        }
    }
}

/// The kind of a [`Subject`], as the finding's `subject.kind` names it.
///
/// ```
/// use rantai_core::{Subject, SubjectKind, SubKegiatanId};
/// let s = Subject::SubKegiatan(SubKegiatanId::from_u128(7));
/// assert_eq!(s.kind(), SubjectKind::SubKegiatan);
/// assert_eq!(s.kind().as_str(), "sub_kegiatan");
/// assert_eq!(serde_json::to_value(s)?["kind"], "sub_kegiatan");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubjectKind {
    /// A program.
    Program,
    /// A kegiatan.
    Kegiatan,
    /// A sub-kegiatan.
    SubKegiatan,
    /// A RUP package.
    Package,
    /// A procurement.
    Procurement,
    /// A contract.
    Contract,
    /// A DPA line.
    DpaLine,
    /// An organisation.
    Organisation,
}

impl SubjectKind {
    /// The name a finding's `subject.kind` carries.
    pub const fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Program => "program",
            SubjectKind::Kegiatan => "kegiatan",
            SubjectKind::SubKegiatan => "sub_kegiatan",
            SubjectKind::Package => "package",
            SubjectKind::Procurement => "procurement",
            SubjectKind::Contract => "contract",
            SubjectKind::DpaLine => "dpa_line",
            SubjectKind::Organisation => "organisation",
        }
    }

    /// The name in prose ("sub-kegiatan", "DPA line").
    pub const fn label(self) -> &'static str {
        match self {
            SubjectKind::SubKegiatan => "sub-kegiatan",
            SubjectKind::DpaLine => "DPA line",
            other => other.as_str(),
        }
    }
}

/// One value of evidence, typed so a dashboard knows how to show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum EvidenceValue {
    /// An amount of rupiah.
    Money(Money),
    /// A ratio (`"0.1"` = 10 %).
    Ratio(Ratio),
    /// A calendar date.
    Date(NaiveDate),
    /// A count or a number of days.
    Count(i64),
    /// A measured quantity in its own unit (an indicator's target or realisation).
    Number(rust_decimal::Decimal),
    /// A code, name or label.
    Text(String),
}

impl fmt::Display for EvidenceValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvidenceValue::Money(m) => f.write_str(&m.to_rupiah_string()),
            EvidenceValue::Ratio(r) => f.write_str(&r.to_percent_string()),
            EvidenceValue::Date(d) => write!(f, "{d}"),
            EvidenceValue::Count(n) => write!(f, "{n}"),
            EvidenceValue::Number(n) => write!(f, "{}", n.normalize()),
            EvidenceValue::Text(t) => f.write_str(t),
        }
    }
}

impl From<Money> for EvidenceValue {
    fn from(v: Money) -> Self {
        EvidenceValue::Money(v)
    }
}
impl From<Ratio> for EvidenceValue {
    fn from(v: Ratio) -> Self {
        EvidenceValue::Ratio(v)
    }
}
impl From<NaiveDate> for EvidenceValue {
    fn from(v: NaiveDate) -> Self {
        EvidenceValue::Date(v)
    }
}
impl From<i64> for EvidenceValue {
    fn from(v: i64) -> Self {
        EvidenceValue::Count(v)
    }
}
impl From<rust_decimal::Decimal> for EvidenceValue {
    fn from(v: rust_decimal::Decimal) -> Self {
        EvidenceValue::Number(v)
    }
}
impl From<&str> for EvidenceValue {
    fn from(v: &str) -> Self {
        EvidenceValue::Text(v.to_string())
    }
}
impl From<String> for EvidenceValue {
    fn from(v: String) -> Self {
        EvidenceValue::Text(v)
    }
}

/// Named evidence values in the order the rule gives them (planned value before actual value).
/// In JSON an object whose keys keep that order.
///
/// # Example
///
/// ```
/// use rantai_core::{Evidence, Money};
/// let ev = Evidence::new()
///     .with("pagu", Money::from_rupiah(1_000)?)
///     .with("hps", Money::from_rupiah(1_100)?);
/// assert_eq!(ev.get("hps").unwrap().to_string(), "Rp1.100");
/// assert_eq!(
///     serde_json::to_string(&ev).unwrap(),
///     r#"{"pagu":{"type":"money","value":"1000.00"},"hps":{"type":"money","value":"1100.00"}}"#
/// );
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence(Vec<(String, EvidenceValue)>);

impl Evidence {
    /// No evidence yet.
    pub fn new() -> Self {
        Self(Vec::new())
    }
    /// The same evidence with one more named value.
    pub fn with(mut self, name: &str, value: impl Into<EvidenceValue>) -> Self {
        self.0.push((name.to_string(), value.into()));
        self
    }
    /// The value named `name`.
    pub fn get(&self, name: &str) -> Option<&EvidenceValue> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
    /// All values in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &EvidenceValue)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v))
    }
    /// Whether there is no evidence.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Evidence;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of named evidence values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Evidence, A::Error> {
                let mut items = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, EvidenceValue>()? {
                    items.push((k, v));
                }
                Ok(Evidence(items))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A rule's answer for one subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// The discrepancy is there; the evidence shows it.
    Found {
        /// Planned vs actual values, dates and ids behind the finding.
        evidence: Evidence,
    },
    /// The data is there and the discrepancy is not.
    NotFound,
    /// The rule could not be decided: the named data is missing.
    Insufficient {
        /// What is missing, e.g. `"RUP package table for kd_rup 123"`.
        missing: Vec<String>,
    },
}

/// A rule's verdict on one subject, with what a reader needs to act on it.
///
/// Serialized with the outcome flattened: `{"code","severity","subject","status","evidence",
/// "citation","title"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// The rule's stable id.
    pub code: RuleId,
    /// How serious a `Found` is.
    pub severity: Severity,
    /// What the finding is about.
    pub subject: Subject,
    /// The outcome.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The rule's titles, citation and Open Contracting codes, shared with the rulebook so a
    /// finding costs one reference count to make.
    #[serde(flatten)]
    pub text: Arc<RuleText>,
}

/// What a reader needs to know of a rule beside its id: titles, source and matching red flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleText {
    /// The rule's title.
    pub title: String,
    /// The rule's title in Indonesian (judul).
    pub judul: String,
    /// The regulation or source behind the rule.
    pub citation: String,
    /// Matching Open Contracting red-flag codes (R001–R073), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ocp: Vec<String>,
}

impl Finding {
    /// Whether the outcome is `Found`.
    pub fn is_found(&self) -> bool {
        matches!(self.outcome, Outcome::Found { .. })
    }
    /// The evidence, when found.
    pub fn evidence(&self) -> Option<&Evidence> {
        match &self.outcome {
            Outcome::Found { evidence } => Some(evidence),
            _ => None,
        }
    }
}
