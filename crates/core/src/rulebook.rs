//! The versioned rulebook: every rule's id, severity, enforcement and citation, and every
//! threshold keyed by the date it took effect. The standard rulebook is a data file
//! (`rulebook/standard.toml`); a region overlays its own edits from TOML or JSON.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::Role;
use crate::error::{CoreError, Result};
use crate::finding::{Evidence, Finding, Outcome, RuleText, Subject};
use crate::money::Money;
use crate::param::{self, Key, Kind, Owner, Param};
use crate::ratio::Ratio;
use crate::rule_id::RuleId;

const STANDARD_TOML: &str = include_str!("../rulebook/standard.toml");

/// How serious a finding of the rule is (`domain-rules.md` §8: ERROR = legal violation,
/// WARN = red flag, INFO = metric).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A legal violation.
    Error,
    /// A red flag or likely problem.
    Warn,
    /// A metric worth showing.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warn => "warn",
            Severity::Info => "info",
        })
    }
}

impl std::str::FromStr for Severity {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "error" => Ok(Severity::Error),
            "warn" => Ok(Severity::Warn),
            "info" => Ok(Severity::Info),
            other => Err(CoreError::UnknownVariant {
                kind: "severity",
                input: other.to_string(),
                expected: "error, warn, info".into(),
            }),
        }
    }
}

/// What happens when a rule is violated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Enforcement {
    /// A command that would violate it is refused; a recorded fact becomes a finding.
    Reject,
    /// Never refused; a violation becomes a finding.
    Flag,
    /// Not evaluated.
    Off,
}

/// How well the rule's source is established (the tags of `domain-rules.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// [V] read in a stored copy of the source.
    Verified,
    /// [R] regulation provision, substance well established.
    Regulation,
    /// [R?] a number or article not verified: such rules default to `Flag`.
    Unverified,
    /// [D] derived from real data.
    Derived,
}

/// Whether the input is a command from a live system or a fact recorded from elsewhere
/// (DESIGN.md idea 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A command: a `Reject` rule refuses it.
    Command,
    /// A recorded fact: it is kept, and violations become findings.
    Record,
}

/// The kind of a rule parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// Rupiah.
    Money,
    /// A ratio (`0.10`) or percentage (`10%`).
    Ratio,
    /// A number of days.
    Days,
    /// A count.
    Count,
}

/// A parameter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// Rupiah.
    Money(Money),
    /// A ratio.
    Ratio(Ratio),
    /// Days.
    Days(u32),
    /// A count.
    Count(u32),
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Money(m) => write!(f, "{m}"),
            ParamValue::Ratio(r) => write!(f, "{r}"),
            ParamValue::Days(d) | ParamValue::Count(d) => write!(f, "{d}"),
        }
    }
}

/// One value of a parameter and the date from which it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versioned {
    /// First day the value is in force.
    pub from: NaiveDate,
    /// The value.
    pub value: ParamValue,
    /// The instrument that set it.
    pub citation: String,
}

/// A named, versioned threshold of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// Name within the rule, e.g. `ceiling_barang`.
    pub name: String,
    /// Kind of value.
    pub kind: ParamKind,
    /// What it means.
    pub description: String,
    /// Values by effective date, oldest first.
    pub values: Vec<Versioned>,
}

impl Parameter {
    /// The value in force on `on`, if any.
    pub fn value_on(&self, on: NaiveDate) -> Option<&Versioned> {
        self.values.iter().rev().find(|v| v.from <= on)
    }
}

/// One rule: identity, seriousness, enforcement, source and parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDef {
    /// Stable id.
    pub id: RuleId,
    /// Titles (English and Indonesian), citation and Open Contracting codes.
    pub text: Arc<RuleText>,
    /// Severity of a finding.
    pub severity: Severity,
    /// What a violation does.
    pub enforcement: Enforcement,
    /// How well the source is established.
    pub basis: Basis,
    /// Parameters by name.
    pub parameters: BTreeMap<String, Parameter>,
    /// What must be done, by whom, when a finding is found (`None` when the rulebook says
    /// nothing: the standard rulebook names one for every rule).
    pub action: Option<Action>,
}

/// What must be done about a finding or a stuck package, by whom, in both languages.
///
/// `basis` names the regulation that gives the role this duty; where none does it starts with
/// `[R?]` and says whose duty it is by practice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// The role that must act.
    pub by: Role,
    /// What to do, in English.
    pub en: String,
    /// What to do, in Bahasa Indonesia.
    pub id: String,
    /// Where the duty comes from.
    pub basis: String,
}

impl RuleDef {
    /// A finding of this rule (`id`) about `subject`.
    fn finding(&self, id: RuleId, subject: Subject, outcome: Outcome) -> Finding {
        Finding {
            code: id,
            severity: self.severity,
            subject,
            outcome,
            text: Arc::clone(&self.text),
        }
    }
}

/// The full set of rules and parameters in force for a region.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Money, Rulebook, RuleId, param};
///
/// let book = Rulebook::standard();
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Pengadaan Langsung for works: Rp200 juta under Perpres 16/2018, Rp400 juta under 46/2025.
/// let works = |on| book.get(param::p01::CEILING_PEKERJAAN_KONSTRUKSI, on);
/// assert_eq!(works(day(2024, 6, 1))?, Money::from_rupiah(200_000_000)?);
/// assert_eq!(works(day(2025, 6, 1))?, Money::from_rupiah(400_000_000)?);
///
/// // A region makes K-05 refuse commands instead of flagging them.
/// let edited = book.overlay_toml("[[rule]]\nid = \"K-05\"\nenforcement = \"reject\"\n")?;
/// assert_eq!(edited.rule(RuleId::K05)?.enforcement, rantai_core::Enforcement::Reject);
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rulebook {
    version: String,
    rules: BTreeMap<RuleId, RuleDef>,
    /// Parameters of no single rule, by name.
    general: BTreeMap<String, Parameter>,
    /// What must be done about a stuck package, by the reason it is stuck (`not_awarded`, …).
    stuck: BTreeMap<String, Action>,
    /// Per [`RuleId::slot`], what a finding of an active rule carries (`None`: absent or off),
    /// derived from `rules` so the engine makes a finding with one index.
    active: Arc<[Option<ActiveRule>]>,
}

/// A stable 64-bit FNV-1a fingerprint of a rulebook's content (its TOML without the version), to
/// tell two edited rulebooks apart in a version label.
fn fingerprint(book: &Rulebook) -> u64 {
    let text = file::Book::from_rulebook(book);
    let body = toml::to_string(&file::Book {
        version: String::new(),
        ..text
    })
    .unwrap_or_default();
    body.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What every finding of an active rule carries.
type ActiveRule = (Severity, Arc<RuleText>);

impl Rulebook {
    /// The standard rulebook shipped with rantai (defaults of `domain-rules.md` §8).
    pub fn standard() -> &'static Rulebook {
        static STANDARD: OnceLock<Rulebook> = OnceLock::new();
        STANDARD.get_or_init(|| {
            // The embedded file is checked by a unit test; a failure here is a build defect.
            #[allow(clippy::expect_used)]
            Rulebook::from_toml_str(STANDARD_TOML).expect("the embedded standard rulebook is valid")
        })
    }

    /// The text of the standard rulebook, for a region to copy and edit.
    pub fn standard_toml() -> &'static str {
        STANDARD_TOML
    }

    /// Parses a complete rulebook.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] naming the rule, parameter and value that is wrong.
    pub fn from_toml_str(text: &str) -> Result<Rulebook> {
        let file: file::Book = toml::from_str(text).map_err(|e| CoreError::Rulebook(e.to_string()))?;
        file.into_rulebook()
    }

    /// Applies a region's edits (TOML) on top of this rulebook: each `[[rule]]` names an existing
    /// rule and changes what it sets (enforcement, severity, citation, parameter values).
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] for an unknown rule or parameter, or a malformed value.
    pub fn overlay_toml(&self, text: &str) -> Result<Rulebook> {
        let edits: file::Overlay = toml::from_str(text).map_err(|e| CoreError::Rulebook(e.to_string()))?;
        self.overlay(edits)
    }

    /// As [`Rulebook::overlay_toml`], from JSON.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] for an unknown rule or parameter, or a malformed value.
    pub fn overlay_json(&self, text: &str) -> Result<Rulebook> {
        let edits: file::Overlay = serde_json::from_str(text).map_err(|e| CoreError::Rulebook(e.to_string()))?;
        self.overlay(edits)
    }

    /// A rulebook of these rules, with its index of active rules.
    fn new(
        version: String,
        rules: BTreeMap<RuleId, RuleDef>,
        general: BTreeMap<String, Parameter>,
        stuck: BTreeMap<String, Action>,
    ) -> Rulebook {
        let mut active = vec![None; RuleId::SLOTS];
        for (id, def) in rules.iter().filter(|(_, d)| d.enforcement != Enforcement::Off) {
            active[id.slot()] = Some((def.severity, Arc::clone(&def.text)));
        }
        Rulebook {
            version,
            rules,
            general,
            stuck,
            active: active.into(),
        }
    }

    fn overlay(&self, edits: file::Overlay) -> Result<Rulebook> {
        let mut book = self.clone();
        let version = edits.version.clone();
        for edit in edits.rule {
            let id: RuleId = edit.id.parse()?;
            let def = book
                .rules
                .get_mut(&id)
                .ok_or_else(|| CoreError::Rulebook(format!("rule {id} is not in the rulebook")))?;
            edit.apply(def)?;
        }
        for edit in edits.general {
            let param = book
                .general
                .get_mut(&edit.name)
                .ok_or_else(|| CoreError::Rulebook(format!("the general section has no parameter {:?}", edit.name)))?;
            edit.apply(Owner::General, param)?;
        }
        for edit in edits.stuck {
            let (reason, action) = edit.into_action()?;
            if !book.stuck.contains_key(&reason) {
                return Err(CoreError::Rulebook(format!(
                    "the rulebook has no stuck reason {reason:?}"
                )));
            }
            book.stuck.insert(reason, action);
        }
        let changed = book.rules != self.rules || book.general != self.general || book.stuck != self.stuck;
        // An overlay names its version; one that changes something and names none is labelled
        // as the base edited, so that no finding of an edited rulebook carries the base's label.
        book.version = match version {
            Some(v) => v,
            None if changed => format!("{}+edited-{:016x}", self.version, fingerprint(&book)),
            None => self.version.clone(),
        };
        Ok(Rulebook::new(book.version, book.rules, book.general, book.stuck))
    }

    /// The version label of this rulebook.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// What must be done about a package stuck for `reason` (the `reason` tag of the engine's
    /// `Stuck`: `selection_window_passed`, `not_awarded`, `not_contracted`, `behind_plan`,
    /// `no_progress_report`), or `None` when the rulebook names nothing.
    pub fn stuck_action(&self, reason: &str) -> Option<&Action> {
        self.stuck.get(reason)
    }

    /// Every stuck reason the rulebook names an action for, by reason.
    pub fn stuck_actions(&self) -> impl Iterator<Item = (&str, &Action)> {
        self.stuck.iter().map(|(r, a)| (r.as_str(), a))
    }

    /// All rules, by id.
    pub fn rules(&self) -> impl Iterator<Item = &RuleDef> {
        self.rules.values()
    }

    /// One rule.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rule is not in the rulebook.
    pub fn rule(&self, id: RuleId) -> Result<&RuleDef> {
        self.rules
            .get(&id)
            .ok_or_else(|| CoreError::Rulebook(format!("rule {id} is not in the rulebook")))
    }

    /// Whether a rule is evaluated at all (its enforcement is not `Off`).
    pub fn is_active(&self, id: RuleId) -> bool {
        self.rules.get(&id).is_some_and(|r| r.enforcement != Enforcement::Off)
    }

    /// Whether a violation of `id` refuses the input in `mode`.
    pub fn refuses(&self, id: RuleId, mode: Mode) -> bool {
        mode == Mode::Command
            && self
                .rules
                .get(&id)
                .is_some_and(|r| r.enforcement == Enforcement::Reject)
    }

    /// The value of a parameter in force on `on`: a rule's, or the general section's.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when no value is in force on `on` (a rule whose threshold has no
    /// value yet answers `Insufficient`). A parameter the code declares is always there: the load
    /// refuses a rulebook without it.
    pub fn get<K: Kind>(&self, param: Param<K>, on: NaiveDate) -> Result<K::Value> {
        let key = param.key();
        let value = self.param(key, on)?;
        K::read(value).ok_or_else(|| {
            CoreError::Rulebook(format!(
                "{} parameter {:?} is {value}, not a {:?} value",
                key.owner, key.name, key.kind
            ))
        })
    }

    /// The untyped value of a parameter in force on `on`.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] for an unknown rule or parameter, or when no value is in force yet.
    pub fn param(&self, key: Key, on: NaiveDate) -> Result<ParamValue> {
        let param = self.parameter(key.owner, key.name)?;
        param.value_on(on).map(|v| v.value).ok_or_else(|| {
            CoreError::Rulebook(format!(
                "{} parameter {:?} has no value in force on {on}",
                key.owner, key.name
            ))
        })
    }

    /// A parameter with all its dated values.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] for an unknown rule or parameter.
    pub fn parameter(&self, owner: Owner, name: &str) -> Result<&Parameter> {
        let params = match owner {
            Owner::Rule(id) => &self.rule(id)?.parameters,
            Owner::General => &self.general,
        };
        params
            .get(name)
            .ok_or_else(|| CoreError::Rulebook(format!("{owner} has no parameter {name:?}")))
    }

    /// The general section: parameters of no single rule, by name.
    pub fn general(&self) -> impl Iterator<Item = &Parameter> {
        self.general.values()
    }

    /// The finding of `id` for `subject`, or `None` when the rule is off or not in the rulebook:
    /// what the engine records for each outcome, with one lookup.
    pub fn active_finding(&self, id: RuleId, subject: Subject, outcome: Outcome) -> Option<Finding> {
        let (severity, text) = self.active.get(id.slot())?.as_ref()?;
        Some(Finding {
            code: id,
            severity: *severity,
            subject,
            outcome,
            text: Arc::clone(text),
        })
    }

    /// A finding of rule `id` about `subject`, with the rule's severity, title and citation.
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when the rule is not in the rulebook.
    pub fn finding(&self, id: RuleId, subject: Subject, outcome: Outcome) -> Result<Finding> {
        Ok(self.rule(id)?.finding(id, subject, outcome))
    }

    /// The rulebook written back as TOML (the same shape as the standard file).
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] if serialization fails.
    pub fn to_toml_string(&self) -> Result<String> {
        toml::to_string(&file::Book::from_rulebook(self)).map_err(|e| CoreError::Rulebook(e.to_string()))
    }
}

/// A rule violated by a value, with the evidence: what a refused command carries and what a
/// recorded fact turns into a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule.
    pub rule: RuleId,
    /// The values that violate it.
    pub evidence: Evidence,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule {} violated (", self.rule)?;
        for (i, (name, value)) in self.evidence.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name} {value}")?;
        }
        f.write_str(")")
    }
}

/// The on-disk shape of rulebooks and overlays.
mod file {
    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Book {
        pub version: String,
        pub rule: Vec<Rule>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub general: Vec<Param>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub stuck: Vec<StuckAction>,
    }

    /// What must be done about a package stuck for one reason.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct StuckAction {
        pub reason: String,
        pub by: Role,
        pub en: String,
        pub id: String,
        pub basis: String,
    }

    impl StuckAction {
        pub(super) fn into_action(self) -> Result<(String, Action)> {
            let action = Action {
                by: self.by,
                en: self.en,
                id: self.id,
                basis: self.basis,
            };
            checked(&format!("stuck reason {:?}", self.reason), &action)?;
            Ok((self.reason, action))
        }
    }

    /// An action says something in both languages and names its basis: a page in one language
    /// only would show the other blank, and a duty without a source cannot be checked.
    pub(super) fn checked(owner: &str, action: &Action) -> Result<()> {
        for (field, text) in [("en", &action.en), ("id", &action.id), ("basis", &action.basis)] {
            if text.trim().is_empty() {
                return Err(CoreError::Rulebook(format!("{owner}: its action has an empty {field}")));
            }
        }
        Ok(())
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Rule {
        pub id: String,
        pub title: String,
        pub judul: String,
        pub severity: Severity,
        pub enforcement: Enforcement,
        pub basis: Basis,
        pub citation: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub ocp: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub action: Option<Action>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub param: Vec<Param>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Param {
        pub name: String,
        pub kind: ParamKind,
        pub description: String,
        pub values: Vec<Value>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Value {
        pub from: String,
        pub value: String,
        pub citation: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Overlay {
        pub version: Option<String>,
        #[serde(default)]
        pub rule: Vec<RuleEdit>,
        #[serde(default)]
        pub general: Vec<ParamEdit>,
        #[serde(default)]
        pub stuck: Vec<StuckAction>,
    }

    /// An edit of one rule. Every field of the full file is accepted, so that a copy of a whole
    /// rulebook (`rantai rulebook`) loads as an overlay.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RuleEdit {
        pub id: String,
        pub title: Option<String>,
        pub judul: Option<String>,
        pub severity: Option<Severity>,
        pub enforcement: Option<Enforcement>,
        pub basis: Option<Basis>,
        pub citation: Option<String>,
        pub ocp: Option<Vec<String>>,
        pub action: Option<Action>,
        #[serde(default)]
        pub param: Vec<ParamEdit>,
    }

    /// An edit of one parameter's values; its kind, when given, must be the parameter's.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct ParamEdit {
        pub name: String,
        pub kind: Option<ParamKind>,
        pub description: Option<String>,
        pub values: Vec<Value>,
    }

    impl ParamEdit {
        pub(super) fn apply(self, owner: Owner, param: &mut Parameter) -> Result<()> {
            if let Some(kind) = self.kind
                && kind != param.kind
            {
                return Err(CoreError::Rulebook(format!(
                    "{owner} parameter {:?} is of kind {:?}, not {kind:?}",
                    self.name, param.kind
                )));
            }
            set(&mut param.description, self.description);
            param.values = parse_values(owner, &self.name, param.kind, self.values)?;
            Ok(())
        }
    }

    /// Puts `value` in `slot` when the edit gives one.
    fn set<T>(slot: &mut T, value: Option<T>) {
        if let Some(v) = value {
            *slot = v;
        }
    }

    impl RuleEdit {
        pub(super) fn apply(self, def: &mut RuleDef) -> Result<()> {
            set(&mut def.severity, self.severity);
            set(&mut def.enforcement, self.enforcement);
            set(&mut def.basis, self.basis);
            let text = Arc::make_mut(&mut def.text);
            set(&mut text.citation, self.citation);
            set(&mut text.title, self.title);
            set(&mut text.judul, self.judul);
            set(&mut text.ocp, self.ocp);
            if let Some(action) = self.action {
                checked(&format!("rule {}", def.id), &action)?;
                def.action = Some(action);
            }
            for edit in self.param {
                let param = def
                    .parameters
                    .get_mut(&edit.name)
                    .ok_or_else(|| CoreError::Rulebook(format!("rule {} has no parameter {:?}", def.id, edit.name)))?;
                edit.apply(Owner::Rule(def.id), param)?;
            }
            Ok(())
        }
    }

    pub(super) fn parse_values(owner: Owner, name: &str, kind: ParamKind, raw: Vec<Value>) -> Result<Vec<Versioned>> {
        let at = |what: &str, v: &Value, e: &dyn fmt::Display| {
            CoreError::Rulebook(format!(
                "{owner} parameter {name:?}: {what} {:?} (from {:?}): {e}",
                v.value, v.from
            ))
        };
        let mut values = Vec::with_capacity(raw.len());
        for v in raw {
            let from = NaiveDate::parse_from_str(&v.from, "%Y-%m-%d").map_err(|e| at("date", &v, &e))?;
            let value = match kind {
                ParamKind::Money => {
                    let m: Money = v.value.parse().map_err(|e| at("value", &v, &e))?;
                    if m < Money::ZERO {
                        return Err(at("value", &v, &"an amount may not be negative"));
                    }
                    ParamValue::Money(m)
                }
                ParamKind::Ratio => {
                    let r: Ratio = v.value.parse().map_err(|e| at("value", &v, &e))?;
                    if r < Ratio::ZERO || r > Ratio::ONE {
                        return Err(at("value", &v, &"a ratio is between 0 and 1 (0.1 = 10 %)"));
                    }
                    ParamValue::Ratio(r)
                }
                ParamKind::Days => ParamValue::Days(v.value.parse().map_err(|e| at("value", &v, &e))?),
                ParamKind::Count => ParamValue::Count(v.value.parse().map_err(|e| at("value", &v, &e))?),
            };
            values.push(Versioned {
                from,
                value,
                citation: v.citation,
            });
        }
        if values.is_empty() {
            return Err(CoreError::Rulebook(format!("{owner} parameter {name:?} has no values")));
        }
        if values.windows(2).any(|w| w[0].from >= w[1].from) {
            return Err(CoreError::Rulebook(format!(
                "{owner} parameter {name:?}: values must be in increasing date order"
            )));
        }
        Ok(values)
    }

    impl Book {
        pub(super) fn into_rulebook(self) -> Result<Rulebook> {
            let mut rules = BTreeMap::new();
            for r in self.rule {
                let id: RuleId = r.id.parse()?;
                let parameters = parameters(Owner::Rule(id), r.param)?;
                let def = RuleDef {
                    id,
                    text: Arc::new(RuleText {
                        title: r.title,
                        judul: r.judul,
                        citation: r.citation,
                        ocp: r.ocp,
                    }),
                    severity: r.severity,
                    enforcement: r.enforcement,
                    basis: r.basis,
                    parameters,
                    action: match r.action {
                        Some(a) => {
                            checked(&format!("rule {id}"), &a)?;
                            Some(a)
                        }
                        None => None,
                    },
                };
                if rules.insert(id, def).is_some() {
                    return Err(CoreError::Rulebook(format!("rule {id} is defined twice")));
                }
            }
            let general = parameters(Owner::General, self.general)?;
            let mut stuck = BTreeMap::new();
            for s in self.stuck {
                let (reason, action) = s.into_action()?;
                if stuck.insert(reason.clone(), action).is_some() {
                    return Err(CoreError::Rulebook(format!("stuck reason {reason:?} is defined twice")));
                }
            }
            let book = Rulebook::new(self.version, rules, general, stuck);
            declared(&book)?;
            Ok(book)
        }

        pub(super) fn from_rulebook(book: &Rulebook) -> Book {
            Book {
                version: book.version.clone(),
                rule: book
                    .rules
                    .values()
                    .map(|r| Rule {
                        id: r.id.to_string(),
                        title: r.text.title.clone(),
                        judul: r.text.judul.clone(),
                        severity: r.severity,
                        enforcement: r.enforcement,
                        basis: r.basis,
                        citation: r.text.citation.clone(),
                        ocp: r.text.ocp.clone(),
                        action: r.action.clone(),
                        param: r.parameters.values().map(Param::from_parameter).collect(),
                    })
                    .collect(),
                general: book.general.values().map(Param::from_parameter).collect(),
                stuck: book
                    .stuck
                    .iter()
                    .map(|(reason, a)| StuckAction {
                        reason: reason.clone(),
                        by: a.by,
                        en: a.en.clone(),
                        id: a.id.clone(),
                        basis: a.basis.clone(),
                    })
                    .collect(),
            }
        }
    }

    impl Param {
        fn from_parameter(p: &Parameter) -> Param {
            Param {
                name: p.name.clone(),
                kind: p.kind,
                description: p.description.clone(),
                values: p
                    .values
                    .iter()
                    .map(|v| Value {
                        from: v.from.to_string(),
                        value: v.value.to_string(),
                        citation: v.citation.clone(),
                    })
                    .collect(),
            }
        }
    }

    fn parameters(owner: Owner, raw: Vec<Param>) -> Result<BTreeMap<String, Parameter>> {
        let mut out = BTreeMap::new();
        for p in raw {
            let values = parse_values(owner, &p.name, p.kind, p.values)?;
            let name = p.name.clone();
            let param = Parameter {
                name: p.name,
                kind: p.kind,
                description: p.description,
                values,
            };
            if out.insert(name.clone(), param).is_some() {
                return Err(CoreError::Rulebook(format!("{owner} defines parameter {name:?} twice")));
            }
        }
        Ok(out)
    }

    /// The rulebook holds every parameter the code reads ([`param::ALL`]), of its kind, and no
    /// parameter the code does not read (a misspelt name in the file).
    fn declared(book: &Rulebook) -> Result<()> {
        for key in param::ALL {
            let found = book.parameter(key.owner, key.name)?;
            if found.kind != key.kind {
                return Err(CoreError::Rulebook(format!(
                    "{} parameter {:?} is {:?}; the code reads it as {:?}",
                    key.owner, key.name, found.kind, key.kind
                )));
            }
        }
        let owners = book
            .rules
            .values()
            .flat_map(|r| r.parameters.keys().map(|n| (Owner::Rule(r.id), n)))
            .chain(book.general.keys().map(|n| (Owner::General, n)));
        for (owner, name) in owners {
            if !param::ALL.iter().any(|k| k.owner == owner && k.name == name) {
                return Err(CoreError::Rulebook(format!(
                    "{owner} parameter {name:?} is read by no rule (misspelt?)"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_rulebook_parses_and_round_trips() {
        let book = Rulebook::from_toml_str(STANDARD_TOML).unwrap();
        let again = Rulebook::from_toml_str(&book.to_toml_string().unwrap()).unwrap();
        assert_eq!(book, again);
    }

    #[test]
    fn unverified_rules_never_reject_by_default() {
        for rule in Rulebook::standard().rules() {
            if rule.basis == Basis::Unverified || rule.severity != Severity::Error {
                assert_ne!(
                    rule.enforcement,
                    Enforcement::Reject,
                    "{} must default to flag",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn overlay_errors_name_the_rule_and_parameter() {
        let book = Rulebook::standard();
        let e = book.overlay_toml("[[rule]]\nid = \"Z-01\"\n").unwrap_err();
        assert!(e.to_string().contains("Z-01"), "{e}");
        let e = book.overlay_toml("[[rule]]\nid = \"P-99\"\n").unwrap_err();
        assert!(e.to_string().contains("P-99 is not in the rulebook"), "{e}");
        let e = book
            .overlay_toml("[[rule]]\nid = \"C-01\"\n[[rule.param]]\nname = \"max_increase\"\nvalues = [{from = \"2018-07-01\", value = \"ten\", citation = \"x\"}]\n")
            .unwrap_err();
        assert!(
            e.to_string().contains("C-01") && e.to_string().contains("\"ten\""),
            "{e}"
        );
        let e = book
            .overlay_toml("[[rule]]\nid = \"C-01\"\nenforcment = \"off\"\n")
            .unwrap_err();
        assert!(e.to_string().contains("enforcment"), "{e}");
    }

    #[test]
    fn json_overlay_changes_a_threshold_from_its_date() {
        let json = r#"{"rule":[{"id":"C-01","param":[{"name":"max_increase","values":[
            {"from":"2018-07-01","value":"0.10","citation":"Perpres 16/2018 Pasal 54(2)"},
            {"from":"2030-01-01","value":"0.05","citation":"hypothetical"}]}]}]}"#;
        let book = Rulebook::standard().overlay_json(json).unwrap();
        let on = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        let max = param::c01::MAX_INCREASE;
        assert_eq!(book.get(max, on(2029)).unwrap(), Ratio::percent(10));
        assert_eq!(book.get(max, on(2030)).unwrap(), Ratio::percent(5));
        assert!(book.get(max, on(2010)).is_err());
    }

    #[test]
    fn a_rulebook_without_a_parameter_the_code_reads_fails_to_load() {
        // Perpres 16/2018 Pasal 54(2): an addendum may add at most 10 %; the code reads C-01's
        // `max_increase`, so a file that spells it otherwise is refused, not read as Insufficient.
        let misspelt = STANDARD_TOML.replacen("name = \"max_increase\"", "name = \"max_increse\"", 1);
        let e = Rulebook::from_toml_str(&misspelt).unwrap_err().to_string();
        assert!(e.contains("C-01") && e.contains("max_increase"), "{e}");
        let wrong_kind = STANDARD_TOML.replacen(
            "name = \"tu_days\"\nkind = \"days\"",
            "name = \"tu_days\"\nkind = \"count\"",
            1,
        );
        assert_ne!(wrong_kind, STANDARD_TOML);
        let e = Rulebook::from_toml_str(&wrong_kind).unwrap_err().to_string();
        assert!(e.contains("K-08") && e.contains("tu_days"), "{e}");
        let e = Rulebook::standard()
            .overlay_toml("[[general]]\nname = \"patience_award_day\"\nvalues = [{from = \"2018-07-01\", value = \"60\", citation = \"x\"}]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("patience_award_day"), "{e}");
    }

    #[test]
    fn a_region_sets_its_patience_and_an_action_in_both_languages() {
        let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let edited = Rulebook::standard()
            .overlay_toml(concat!(
                "[[general]]\nname = \"patience_award_days\"\n",
                "values = [{from = \"2018-07-01\", value = \"60\", citation = \"SK Bupati (example)\"}]\n",
                "[[rule]]\nid = \"K-11\"\n[rule.action]\nby = \"ppk\"\nen = \"PPK holds the next payment\"\n",
                "id = \"PPK menahan pembayaran berikutnya\"\nbasis = \"SK Bupati (example)\"\n",
                "[[stuck]]\nreason = \"not_awarded\"\nby = \"kepala_daerah\"\nen = \"Call the UKPBJ\"\n",
                "id = \"Panggil UKPBJ\"\nbasis = \"SK Bupati (example)\"\n",
            ))
            .unwrap();
        assert_eq!(edited.get(param::general::PATIENCE_AWARD_DAYS, on).unwrap(), 60);
        assert_eq!(
            Rulebook::standard()
                .get(param::general::PATIENCE_AWARD_DAYS, on)
                .unwrap(),
            45
        );
        let action = edited.rule(RuleId::K11).unwrap().action.clone().unwrap();
        assert_eq!(action.id, "PPK menahan pembayaran berikutnya");
        let again = Rulebook::from_toml_str(&edited.to_toml_string().unwrap()).unwrap();
        assert_eq!(again, edited);
        assert_eq!(action.by, Role::Ppk);
        assert_eq!(edited.stuck_action("not_awarded").unwrap().id, "Panggil UKPBJ");
        let e = Rulebook::standard()
            .overlay_toml("[[rule]]\nid = \"K-11\"\n[rule.action]\nby = \"ppk\"\nen = \"only English\"\nid = \" \"\nbasis = \"x\"\n")
            .unwrap_err();
        assert!(e.to_string().contains("empty id"), "{e}");
        let e = Rulebook::standard()
            .overlay_toml("[[stuck]]\nreason = \"not_awarde\"\nby = \"ppk\"\nen = \"x\"\nid = \"x\"\nbasis = \"x\"\n")
            .unwrap_err();
        assert!(e.to_string().contains("not_awarde"), "{e}");
    }

    #[test]
    fn the_printed_rulebook_loads_back_as_an_overlay_unchanged() {
        let book = Rulebook::standard();
        assert_eq!(&book.overlay_toml(Rulebook::standard_toml()).unwrap(), book);
        let printed = book.to_toml_string().unwrap();
        assert_eq!(&book.overlay_toml(&printed).unwrap(), book);
    }

    #[test]
    fn an_edited_rulebook_never_carries_the_base_version() {
        let book = Rulebook::standard();
        let edit = "[[rule]]\nid = \"K-05\"\nenforcement = \"reject\"\n";
        let edited = book.overlay_toml(edit).unwrap();
        assert_ne!(edited.version(), book.version());
        assert!(
            edited.version().starts_with("id-standard-2025.1+edited-"),
            "{}",
            edited.version()
        );
        assert_eq!(book.overlay_toml(edit).unwrap().version(), edited.version(), "stable");
        let other = book
            .overlay_toml("[[rule]]\nid = \"K-05\"\nenforcement = \"off\"\n")
            .unwrap();
        assert_ne!(other.version(), edited.version());
        let named = book
            .overlay_toml(&format!("version = \"kab-bandung-2026.1\"\n{edit}"))
            .unwrap();
        assert_eq!(named.version(), "kab-bandung-2026.1");
    }

    #[test]
    fn a_parameter_out_of_its_range_is_refused_naming_it() {
        let book = Rulebook::standard();
        let ratio = "[[rule]]\nid = \"H-04\"\n[[rule.param]]\nname = \"min_ratio\"\nvalues = [{from = \"2018-07-01\", value = \"-0.8\", citation = \"x\"}]\n";
        let name = book
            .rule(RuleId::H04)
            .unwrap()
            .parameters
            .keys()
            .next()
            .unwrap()
            .clone();
        let ratio = ratio.replace("min_ratio", &name);
        let e = book.overlay_toml(&ratio).unwrap_err().to_string();
        assert!(e.contains(&name) && e.contains("between 0 and 1"), "{e}");
        let money = "[[rule]]\nid = \"P-01\"\n[[rule.param]]\nname = \"ceiling_barang\"\nvalues = [{from = \"2018-07-01\", value = \"-1\", citation = \"x\"}]\n";
        let e = book.overlay_toml(money).unwrap_err().to_string();
        assert!(e.contains("ceiling_barang") && e.contains("negative"), "{e}");
        let days = "[[general]]\nname = \"patience_award_days\"\nvalues = [{from = \"2018-07-01\", value = \"-5\", citation = \"x\"}]\n";
        assert!(book.overlay_toml(days).is_err());
        let kind = "[[general]]\nname = \"patience_award_days\"\nkind = \"money\"\nvalues = [{from = \"2018-07-01\", value = \"5\", citation = \"x\"}]\n";
        let e = book.overlay_toml(kind).unwrap_err().to_string();
        assert!(e.contains("kind"), "{e}");
    }

    #[test]
    fn the_standard_rulebook_says_what_must_be_done_for_every_rule() {
        let book = Rulebook::standard();
        let silent: Vec<_> = book.rules().filter(|r| r.action.is_none()).map(|r| r.id).collect();
        assert!(silent.is_empty(), "rules without an action: {silent:?}");
        // Which stuck reasons there are is the engine's to say (its test holds the two equal).
        assert!(book.stuck_actions().count() > 0);
    }
}
