//! The one error type of `rantai-chain`: refused commands, broken history, impossible replays.

use rantai_budgeting::BudgetingError;
use rantai_core::{
    ActorId, ContractId, DpaLineId, OrganisationId, PackageId, ProcurementId, Role, SubKegiatanId, Violation,
};
use rantai_monev::MonevError;
use rantai_planning::PlanningError;
use rantai_procurement::ProcurementError;
use thiserror::Error;

/// Why the chain refused a command or fact, or could not load its history.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ChainError {
    /// A value was malformed.
    #[error(transparent)]
    Invalid(#[from] rantai_core::CoreError),
    /// The acting actor is not registered.
    #[error("unknown actor {0}")]
    UnknownActor(ActorId),
    /// The actor lacks the role the command needs.
    #[error("actor {actor} may not {command}: needs one of [{}]{}", roles(.required), scope(.organisation))]
    Unauthorized {
        /// Who tried.
        actor: ActorId,
        /// The command.
        command: &'static str,
        /// Roles any one of which would do.
        required: Vec<Role>,
        /// In which organisation.
        organisation: Option<OrganisationId>,
    },
    /// A referenced organisation does not exist.
    #[error("unknown organisation {0}")]
    UnknownOrganisation(OrganisationId),
    /// A referenced program or kegiatan does not exist.
    #[error("unknown {0}")]
    UnknownParent(String),
    /// A referenced sub-kegiatan does not exist.
    #[error("unknown sub-kegiatan {0}")]
    UnknownSubKegiatan(SubKegiatanId),
    /// A referenced package does not exist.
    #[error("unknown RUP package {0}")]
    UnknownPackage(PackageId),
    /// A referenced procurement does not exist.
    #[error("unknown procurement {0}")]
    UnknownProcurement(ProcurementId),
    /// A referenced contract does not exist.
    #[error("unknown contract {0}")]
    UnknownContract(ContractId),
    /// A referenced DPA line does not exist.
    #[error("unknown DPA line {0}")]
    UnknownDpaLine(DpaLineId),
    /// A subject that does not exist, or cannot carry what was sent (an indicator realisation for
    /// a package, say).
    #[error("no such {0:?} for this command")]
    UnknownSubject(rantai_core::Subject),
    /// A command whose content is empty or contradicts itself.
    #[error("invalid command: {0}")]
    InvalidCommand(String),
    /// An id already used.
    #[error("{kind} {id} already exists")]
    AlreadyExists {
        /// What kind of thing.
        kind: &'static str,
        /// Its id.
        id: String,
    },
    /// A procurement command named a package that is not announced (rule K-04).
    #[error("rule K-04: RUP package {package} is {status}, not announced; a procurement needs an announced package")]
    PackageNotAnnounced {
        /// The package.
        package: PackageId,
        /// Its state.
        status: &'static str,
    },
    /// A funding line names a MAK whose sub-kegiatan part differs from the sub-kegiatan it cites.
    #[error("funding line of package {package}: MAK {mak} does not belong to sub-kegiatan {sub_kegiatan} ({code})")]
    MakMismatch {
        /// The package.
        package: PackageId,
        /// The MAK given.
        mak: String,
        /// The sub-kegiatan cited.
        sub_kegiatan: SubKegiatanId,
        /// Its code.
        code: String,
    },
    /// A funding line draws on another satker's sub-kegiatan (K-07).
    #[error(
        "funding line of package {package}: sub-kegiatan {sub_kegiatan} belongs to organisation {organisation}, not the package's"
    )]
    ForeignSubKegiatan {
        /// The package.
        package: PackageId,
        /// The sub-kegiatan drawn on.
        sub_kegiatan: SubKegiatanId,
        /// Its organisation.
        organisation: OrganisationId,
    },
    /// A fact-only input was sent as a command.
    #[error("{0} records a fact from another system; send it with record(), not as a command")]
    NotACommand(&'static str),
    /// A cross-aggregate rule refuses the command.
    #[error("{subject}: {violation}")]
    RuleViolated {
        /// What was refused, as text.
        subject: String,
        /// The rule and its evidence.
        violation: Violation,
    },
    /// Refused by planning.
    #[error(transparent)]
    Planning(#[from] PlanningError),
    /// Refused by procurement.
    #[error(transparent)]
    Procurement(#[from] ProcurementError),
    /// Refused by budgeting.
    #[error(transparent)]
    Budgeting(#[from] BudgetingError),
    /// Refused by monitoring.
    #[error(transparent)]
    Monev(#[from] MonevError),
    /// The hash chain is broken: history was edited.
    #[error("event log tampered at sequence {sequence}: {reason}")]
    Tampered {
        /// The first bad sequence number.
        sequence: u64,
        /// What does not match.
        reason: String,
    },
    /// The event store refused or failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A stored event cannot be applied to the state rebuilt so far.
    #[error("replay failed at sequence {sequence}: {reason}")]
    Replay {
        /// The sequence number.
        sequence: u64,
        /// Why.
        reason: String,
    },
}

fn roles(required: &[Role]) -> String {
    required.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
}

fn scope(organisation: &Option<OrganisationId>) -> String {
    organisation
        .map(|o| format!(" in organisation {o}"))
        .unwrap_or_default()
}

impl ChainError {
    /// The rule and evidence that refused a command, whichever stage refused it.
    pub fn violation(&self) -> Option<&Violation> {
        match self {
            ChainError::RuleViolated { violation, .. }
            | ChainError::Planning(PlanningError::RuleViolated { violation, .. })
            | ChainError::Procurement(ProcurementError::RuleViolated { violation, .. })
            | ChainError::Budgeting(BudgetingError::RuleViolated { violation, .. }) => Some(violation),
            _ => None,
        }
    }
}
