//! Where each RUP package stands in the chain and, when it is stuck, why — the "click once and
//! see why this work has not started" view: announced but not tendered after its window, a
//! tender with no award, an award with no contract, a contract behind its plan or never reported.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::param::general;
use rantai_core::{ContractId, CoreError, KodeRup, PackageId, ProcurementId, Ratio, Rulebook};
use rantai_planning::Package;
use rantai_procurement::{Contract, PlanLink, Procurement};
use serde::Serialize;

use crate::evaluate::ChainView;

/// The furthest stage a package has reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Still a draft in SIRUP.
    Draft,
    /// Withdrawn from the plan.
    Cancelled,
    /// Announced, not yet procured.
    Announced,
    /// A procurement is open (taking bids).
    Tendering,
    /// The winner is set.
    Awarded,
    /// Under contract.
    Contracted,
    /// Handed over (BAST).
    Completed,
    /// The contract was ended before handover (pemutusan or penghentian kontrak).
    Terminated,
}

/// Why a package is stuck at its stage, with the dates behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Stuck {
    /// Announced, its planned selection window ended, and no procurement has started.
    SelectionWindowPassed {
        /// When it was announced.
        announced_on: NaiveDate,
        /// The planned selection window's last day.
        window_end: NaiveDate,
        /// Days since.
        days: i64,
    },
    /// A procurement is open but no winner is set after the allowed days.
    NotAwarded {
        /// When the procurement was announced.
        announced_on: NaiveDate,
        /// Days since.
        days: i64,
    },
    /// A winner is set but no contract is signed after the allowed days.
    NotContracted {
        /// When the winner was set.
        awarded_on: NaiveDate,
        /// Days since.
        days: i64,
    },
    /// The latest report shows physical progress behind the plan.
    BehindPlan {
        /// Report date.
        reported_on: NaiveDate,
        /// Planned cumulative progress.
        planned: Ratio,
        /// Actual cumulative progress.
        actual: Ratio,
    },
    /// Work started but no progress has been reported for the allowed days.
    NoProgressReport {
        /// Work start.
        started_on: NaiveDate,
        /// Days since.
        days: i64,
    },
}

impl Stuck {
    /// Every reason a package can be stuck, as its `reason` tag and the rulebook's `[[stuck]]`
    /// sections name it.
    pub const REASONS: [&'static str; 5] = [
        "selection_window_passed",
        "not_awarded",
        "not_contracted",
        "behind_plan",
        "no_progress_report",
    ];

    /// Its `reason` tag, the key of its action in the rulebook.
    pub fn reason(&self) -> &'static str {
        match self {
            Stuck::SelectionWindowPassed { .. } => Self::REASONS[0],
            Stuck::NotAwarded { .. } => Self::REASONS[1],
            Stuck::NotContracted { .. } => Self::REASONS[2],
            Stuck::BehindPlan { .. } => Self::REASONS[3],
            Stuck::NoProgressReport { .. } => Self::REASONS[4],
        }
    }

    /// Days it has been stuck, where the reason counts days.
    pub fn days(&self) -> Option<i64> {
        match self {
            Stuck::SelectionWindowPassed { days, .. }
            | Stuck::NotAwarded { days, .. }
            | Stuck::NotContracted { days, .. }
            | Stuck::NoProgressReport { days, .. } => Some(*days),
            Stuck::BehindPlan { .. } => None,
        }
    }
}

/// A package's position in the chain as of a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PackagePosition {
    /// The package.
    pub package: PackageId,
    /// Its SIRUP code.
    pub kd_rup: Option<KodeRup>,
    /// The furthest stage reached.
    pub stage: Stage,
    /// Its procurement, once started.
    pub procurement: Option<ProcurementId>,
    /// Its contract, once signed.
    pub contract: Option<ContractId>,
    /// Why it is stuck, if it is.
    pub stuck: Option<Stuck>,
}

/// How long a stage may last before the package counts as stuck. These are monitoring
/// conventions, not regulation: they come from the rulebook's general section
/// (`patience_*_days`), where a region tunes them for its dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Patience {
    /// Days from a procurement's announcement to its award (the ICW duration score 4 starts at
    /// 46 days).
    pub award_days: i64,
    /// Days from award to contract signature.
    pub contract_days: i64,
    /// Days from work start with no progress report.
    pub report_days: i64,
}

impl Patience {
    /// The patience in force on `on` (the standard rulebook: 45 days to award, 30 to sign, 30
    /// without a report).
    ///
    /// ```
    /// use rantai_core::Rulebook;
    /// use rantai_engine::position::Patience;
    /// let on = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// assert_eq!(Patience::from_rulebook(Rulebook::standard(), on)?.award_days, 45);
    /// # Ok::<(), rantai_core::CoreError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CoreError::Rulebook`] when a value is not in force on `on`.
    pub fn from_rulebook(rulebook: &Rulebook, on: NaiveDate) -> Result<Patience, CoreError> {
        let days = |p| rulebook.get(p, on).map(i64::from);
        Ok(Patience {
            award_days: days(general::PATIENCE_AWARD_DAYS)?,
            contract_days: days(general::PATIENCE_CONTRACT_DAYS)?,
            report_days: days(general::PATIENCE_REPORT_DAYS)?,
        })
    }
}

/// The position of every package, in package-id order.
pub fn positions(view: &ChainView<'_>, as_of: NaiveDate, patience: Patience) -> Vec<PackagePosition> {
    let mut procured: BTreeMap<PackageId, &Procurement> = BTreeMap::new();
    // A failed procurement gives its packages back: they count as not procured.
    for p in view.procurements.values().filter(|p| p.failure().is_none()) {
        if let PlanLink::Announced { packages } = p.plan() {
            for a in packages {
                procured.entry(a.id()).or_insert(p);
            }
        }
    }
    let contract_of: BTreeMap<ProcurementId, &Contract> =
        view.contracts.values().map(|c| (c.terms().procurement, c)).collect();
    view.packages
        .values()
        .map(|package| {
            position(
                view,
                package,
                procured.get(&package.spec().id).copied(),
                &contract_of,
                as_of,
                patience,
            )
        })
        .collect()
}

/// The position of one package, as [`positions`] gives it, or `None` when there is no such
/// package.
pub fn position_of(
    view: &ChainView<'_>,
    package: PackageId,
    as_of: NaiveDate,
    patience: Patience,
) -> Option<PackagePosition> {
    let found = view.packages.get(&package)?;
    let procurement = view.procurements.values().find(|p| {
        p.failure().is_none()
            && matches!(p.plan(), PlanLink::Announced { packages } if packages.iter().any(|a| a.id() == package))
    });
    let contract_of: BTreeMap<ProcurementId, &Contract> = procurement
        .into_iter()
        .flat_map(|p| {
            let id = p.spec().id;
            view.contracts
                .values()
                .filter(move |c| c.terms().procurement == id)
                .map(move |c| (id, c))
        })
        .collect();
    Some(position(view, found, procurement, &contract_of, as_of, patience))
}

fn position(
    view: &ChainView<'_>,
    package: &Package,
    procurement: Option<&Procurement>,
    contract_of: &BTreeMap<ProcurementId, &Contract>,
    as_of: NaiveDate,
    patience: Patience,
) -> PackagePosition {
    let spec = package.spec();
    let mut out = PackagePosition {
        package: spec.id,
        kd_rup: spec.kd_rup,
        stage: Stage::Draft,
        procurement: None,
        contract: None,
        stuck: None,
    };
    match package {
        Package::Draft(_) => return out,
        Package::Cancelled(_) => {
            out.stage = Stage::Cancelled;
            return out;
        }
        Package::Announced(a) => {
            out.stage = Stage::Announced;
            let Some(p) = procurement else {
                if spec.selection.end < as_of {
                    out.stuck = Some(Stuck::SelectionWindowPassed {
                        announced_on: a.announced_on(),
                        window_end: spec.selection.end,
                        days: (as_of - spec.selection.end).num_days(),
                    });
                }
                return out;
            };
            out.procurement = Some(p.spec().id);
            let Some(award) = p.award() else {
                out.stage = Stage::Tendering;
                let days = (as_of - p.spec().announced_on).num_days();
                if days > patience.award_days {
                    out.stuck = Some(Stuck::NotAwarded {
                        announced_on: p.spec().announced_on,
                        days,
                    });
                }
                return out;
            };
            let Some(contract) = contract_of.get(&p.spec().id) else {
                out.stage = Stage::Awarded;
                let days = (as_of - award.awarded_on).num_days();
                if days > patience.contract_days {
                    out.stuck = Some(Stuck::NotContracted {
                        awarded_on: award.awarded_on,
                        days,
                    });
                }
                return out;
            };
            out.contract = Some(contract.terms().spec.id);
            if contract.bast_on().is_some() {
                out.stage = Stage::Completed;
                return out;
            }
            if contract.termination().is_some() {
                out.stage = Stage::Terminated;
                return out;
            }
            out.stage = Stage::Contracted;
            out.stuck = match view.latest_progress(contract) {
                Some((reported_on, planned, actual)) if actual < planned => Some(Stuck::BehindPlan {
                    reported_on,
                    planned,
                    actual,
                }),
                Some(_) => None,
                None => {
                    let started_on = contract.terms().spec.start;
                    let days = (as_of - started_on).num_days();
                    (days > patience.report_days).then_some(Stuck::NoProgressReport { started_on, days })
                }
            };
        }
    }
    out
}
