//! `Verdict` (what one rule says about one set of values) and `Policy` (how a verdict is enforced
//! for a command or a recorded fact).

use crate::finding::{Evidence, Outcome};
use crate::rule_id::RuleId;
use crate::rulebook::{Mode, Rulebook, Violation};

/// The answer of one rule check before it is attached to a subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The values satisfy the rule.
    Pass,
    /// The values violate the rule; the evidence shows how.
    Violated(Evidence),
    /// The rule cannot be decided; these data are missing.
    Insufficient(Vec<String>),
}

impl Verdict {
    /// The finding outcome for this verdict.
    pub fn into_outcome(self) -> Outcome {
        match self {
            Verdict::Pass => Outcome::NotFound,
            Verdict::Violated(evidence) => Outcome::Found { evidence },
            Verdict::Insufficient(missing) => Outcome::Insufficient { missing },
        }
    }

    /// `Insufficient` with one missing item.
    pub fn missing(what: impl Into<String>) -> Verdict {
        Verdict::Insufficient(vec![what.into()])
    }
}

/// The rulebook and mode a transition runs under.
///
/// # Example
///
/// ```
/// use rantai_core::{Evidence, Mode, Policy, RuleId, Rulebook, Verdict};
/// let violated = || Verdict::Violated(Evidence::new().with("hps", "above pagu"));
/// let command = Policy::new(Rulebook::standard(), Mode::Command);
/// assert!(command.enforce(RuleId::H01, violated()).is_err()); // H-01 rejects commands
/// let record = Policy::new(Rulebook::standard(), Mode::Record);
/// assert!(record.enforce(RuleId::H01, violated()).is_ok()); // …and is only flagged on records
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Policy<'a> {
    rulebook: &'a Rulebook,
    mode: Mode,
}

impl<'a> Policy<'a> {
    /// A policy.
    pub fn new(rulebook: &'a Rulebook, mode: Mode) -> Self {
        Self { rulebook, mode }
    }

    /// The rulebook.
    pub fn rulebook(&self) -> &'a Rulebook {
        self.rulebook
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Refuses when the verdict is a violation of a rule that rejects in this mode; otherwise lets
    /// the input through (the discrepancy engine reports it as a finding later).
    ///
    /// # Errors
    ///
    /// The [`Violation`] with its evidence.
    pub fn enforce(&self, rule: RuleId, verdict: Verdict) -> Result<(), Violation> {
        match verdict {
            Verdict::Violated(evidence) if self.rulebook.refuses(rule, self.mode) => Err(Violation { rule, evidence }),
            _ => Ok(()),
        }
    }
}
