//! The one error type of `rantai-planning`.

use rantai_core::{CoreError, Money, PackageId, SubKegiatanId, Violation};
use thiserror::Error;

/// Why a planning command was refused or a planning event could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PlanningError {
    /// A value was malformed.
    #[error(transparent)]
    Invalid(#[from] CoreError),
    /// A rule of the rulebook refuses the command.
    #[error("package {package}: {violation}")]
    RuleViolated {
        /// The package.
        package: PackageId,
        /// The rule and its evidence.
        violation: Violation,
    },
    /// The funding lines do not add up to the package pagu.
    #[error("package {package}: funding lines sum to {lines}, pagu is {pagu}")]
    FundingMismatch {
        /// The package.
        package: PackageId,
        /// Σ of the lines.
        lines: Money,
        /// The pagu.
        pagu: Money,
    },
    /// A package must have a positive pagu and at least one funding line.
    #[error("package {package}: {reason}")]
    InvalidPackage {
        /// The package.
        package: PackageId,
        /// What is wrong.
        reason: String,
    },
    /// A sub-kegiatan must have a positive pagu.
    #[error("sub-kegiatan {sub_kegiatan}: {reason}")]
    InvalidSubKegiatan {
        /// The sub-kegiatan.
        sub_kegiatan: SubKegiatanId,
        /// What is wrong.
        reason: String,
    },
    /// A program, kegiatan or sub-kegiatan that does not fit the hierarchy.
    #[error("{reason}")]
    InvalidHierarchy {
        /// What does not fit.
        reason: String,
    },
    /// Children's pagu would exceed their parent's (refused for commands; a recorded fact is
    /// kept and flagged by K-03).
    #[error("{child} would bring {parent}'s children to {total}, above its pagu {pagu}")]
    ChildrenExceedParent {
        /// The child being added.
        child: String,
        /// The parent.
        parent: String,
        /// Σ children's pagu with the new one.
        total: Money,
        /// The parent's pagu.
        pagu: Money,
    },
    /// The transition is not legal from the package's current state.
    #[error("package {package} is {state}; cannot {action}")]
    WrongState {
        /// The package.
        package: PackageId,
        /// Its state.
        state: &'static str,
        /// What was attempted.
        action: &'static str,
    },
}
