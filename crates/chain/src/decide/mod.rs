//! Deciding a command or fact: who may send it, which aggregate it touches, and the event the
//! aggregate's typed transition produces. Nothing here changes state; a refusal changes nothing.
//! One module per stage decides its commands; this one routes them and holds the lookups they share.

use rantai_budgeting::rules::payment_vs_contract;
use rantai_budgeting::{BudgetingError, BudgetingEvent, DpaLine, SppKind, SppStage};
use rantai_core::{ActorId, KodeRup, Mode, OrganisationId, Policy, Role, RuleId, Rulebook, Subject};
use rantai_monev::{ContractProgress, IndicatorLog};
use rantai_planning::{AnnouncedPackage, Draft, Package, SubKegiatan};
use rantai_procurement::rules::{award_authority, conflict_of_interest, direct_basis, separation};
use rantai_procurement::{Contract, FailureGround, ObjectionKind, Open, PlanLink, Procurement};
use uuid::Uuid;

use crate::command::{Command, PlanData};
use crate::error::ChainError;
use crate::event::{Event, RegionEvent};
use crate::log::{AggregateKind, AggregateRef};
use crate::state::RegionState;

/// The event a command produces and the aggregate it belongs to.
pub(crate) struct Decision {
    pub(crate) aggregate: AggregateRef,
    pub(crate) event: Event,
}

fn agg(kind: AggregateKind, id: Uuid) -> AggregateRef {
    AggregateRef { kind, id }
}

/// K-05 for a new catalogue order of `packages` worth `value`: with the packages' standing orders,
/// within their pagu.
fn catalogue_orders_verdict(
    state: &RegionState,
    packages: &[rantai_planning::AnnouncedPackage],
    value: rantai_core::Money,
) -> rantai_core::Verdict {
    let codes: Vec<KodeRup> = packages.iter().filter_map(|p| p.spec().kd_rup).collect();
    let mut values = rantai_engine::standing_orders(state.procurements(), state.index(), &codes, None);
    values.push(value);
    rantai_procurement::rules::plan_consistency::catalogue_orders(packages.iter().map(|p| &p.spec().pagu), &values)
}

/// Who may run a selection: a Pokja member or a Pejabat Pengadaan, and for e-purchasing also the
/// PPK, who runs it above the Pejabat Pengadaan's value (Perpres 16/2018 Pasal 11(1) as amended;
/// which one should is P-04's question, judged by the engine).
fn selecting_roles(metode: rantai_core::MetodePemilihan) -> &'static [Role] {
    if metode == rantai_core::MetodePemilihan::EPurchasing {
        &[Role::PokjaMember, Role::PejabatPengadaan, Role::Ppk]
    } else {
        &[Role::PokjaMember, Role::PejabatPengadaan]
    }
}

/// Who may send a command: any one of `roles`, in `organisation` (or region-wide).
fn authorize(
    state: &RegionState,
    actor: ActorId,
    command: &'static str,
    roles: &[Role],
    organisation: Option<OrganisationId>,
) -> Result<(), ChainError> {
    let who = state.actors().get(&actor).ok_or(ChainError::UnknownActor(actor))?;
    if roles.iter().any(|r| who.holds(*r, organisation)) {
        return Ok(());
    }
    Err(ChainError::Unauthorized {
        actor,
        command,
        required: roles.to_vec(),
        organisation,
    })
}

fn package_org(state: &RegionState, id: rantai_core::PackageId) -> Result<OrganisationId, ChainError> {
    Ok(state
        .packages()
        .get(&id)
        .ok_or(ChainError::UnknownPackage(id))?
        .spec()
        .organisation)
}

fn procurement(state: &RegionState, id: rantai_core::ProcurementId) -> Result<&Procurement, ChainError> {
    state.procurements().get(&id).ok_or(ChainError::UnknownProcurement(id))
}

fn contract(state: &RegionState, id: rantai_core::ContractId) -> Result<&Contract, ChainError> {
    state.contracts().get(&id).ok_or(ChainError::UnknownContract(id))
}

fn line(state: &RegionState, id: rantai_core::DpaLineId) -> Result<&DpaLine, ChainError> {
    state.dpa_lines().get(&id).ok_or(ChainError::UnknownDpaLine(id))
}

fn spp_org(state: &RegionState, id: rantai_core::SppId) -> Result<OrganisationId, ChainError> {
    state
        .book()
        .requests()
        .get(&id)
        .map(|r| r.spp.organisation)
        .ok_or(ChainError::Budgeting(BudgetingError::UnknownSpp(id)))
}

/// The decision for a budgeting event, or the refusal.
fn budget(
    kind: AggregateKind,
    id: Uuid,
    event: Result<BudgetingEvent, BudgetingError>,
) -> Result<Decision, ChainError> {
    Ok(Decision {
        aggregate: agg(kind, id),
        event: Event::Budgeting(event?),
    })
}

fn require_org(state: &RegionState, id: OrganisationId) -> Result<(), ChainError> {
    if state.organisations().contains_key(&id) {
        Ok(())
    } else {
        Err(ChainError::UnknownOrganisation(id))
    }
}

fn wrong_state(procurement: &Procurement, action: &'static str) -> ChainError {
    ChainError::Procurement(rantai_procurement::ProcurementError::WrongState {
        procurement: procurement.spec().id,
        state: procurement.status(),
        action,
    })
}

/// A provider's command is sent by that provider (commands only).
fn acts_for_itself(mode: Mode, actor: ActorId, provider: ActorId, command: &'static str) -> Result<(), ChainError> {
    if mode == Mode::Command && provider != actor {
        return Err(ChainError::Unauthorized {
            actor,
            command,
            required: vec![Role::Provider],
            organisation: None,
        });
    }
    Ok(())
}

mod budget;
mod contract;
mod monev;
mod planning;
mod procurement;
mod region;

/// What every stage's decision reads: the state, the rulebook and its policy for the mode, and
/// who sends which command.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    state: &'a RegionState,
    rulebook: &'a Rulebook,
    mode: Mode,
    actor: ActorId,
    policy: Policy<'a>,
    book: &'a rantai_budgeting::Book,
    name: &'static str,
}

impl Ctx<'_> {
    /// The actor holds one of `roles` in `org` (commands), or is at least known (recorded facts).
    fn auth(&self, roles: &[Role], org: Option<OrganisationId>) -> Result<(), ChainError> {
        if self.mode == Mode::Command {
            authorize(self.state, self.actor, self.name, roles, org)
        } else if self.state.actors().contains_key(&self.actor) {
            Ok(())
        } else {
            Err(ChainError::UnknownActor(self.actor))
        }
    }

    /// A command routed to a stage that does not decide it: the dispatcher and the stage disagree.
    fn misrouted(&self, command: &Command) -> ChainError {
        ChainError::InvalidCommand(format!("{} was routed to the wrong stage", command.name()))
    }
}

/// Checks the role (commands only), then runs the aggregate's transition: the stage's module
/// decides, and this only routes.
pub(crate) fn decide(
    state: &RegionState,
    rulebook: &Rulebook,
    mode: Mode,
    actor: ActorId,
    command: &Command,
) -> Result<Decision, ChainError> {
    let cx = Ctx {
        state,
        rulebook,
        mode,
        actor,
        policy: Policy::new(rulebook, mode),
        book: state.book(),
        name: command.name(),
    };
    match command {
        Command::RegisterOrganisation { .. }
        | Command::RegisterActor { .. }
        | Command::DeclareHolidays { .. }
        | Command::DeclareOwnership { .. } => region::decide(&cx, command),
        Command::RegisterBudgetStructure { .. }
        | Command::RegisterProgram { .. }
        | Command::RegisterKegiatan { .. }
        | Command::RegisterSubKegiatan { .. }
        | Command::DraftPackage { .. }
        | Command::AnnouncePackage { .. }
        | Command::RevisePackage { .. }
        | Command::ConsolidatePackages { .. }
        | Command::CancelPackage { .. } => planning::decide(&cx, command),
        Command::AnnounceTender { .. }
        | Command::RecordTender { .. }
        | Command::SetSchedule { .. }
        | Command::DeclareFailed { .. }
        | Command::SubmitBid { .. }
        | Command::RegisterParticipant { .. }
        | Command::DisqualifyBid { .. }
        | Command::AwardTender { .. }
        | Command::FileObjection { .. }
        | Command::AnswerObjection { .. }
        | Command::IssueSppbj { .. } => procurement::decide(&cx, command),
        Command::SignContract { .. }
        | Command::AmendContract { .. }
        | Command::TerminateContract { .. }
        | Command::HandOverContract { .. } => contract::decide(&cx, command),
        Command::OpenDpaLine { .. }
        | Command::IssueSpd { .. }
        | Command::CommitContract { .. }
        | Command::ReleaseCommitment { .. }
        | Command::PaySp2d { .. }
        | Command::SubmitSpp { .. }
        | Command::VerifySpp { .. }
        | Command::IssueSpm { .. }
        | Command::RefuseSpp { .. }
        | Command::IssueSp2d { .. }
        | Command::AccountSpj { .. }
        | Command::ReturnTu { .. }
        | Command::ReviseBudget { .. } => budget::decide(&cx, command),
        Command::ReportProgress { .. }
        | Command::HoldShowCauseMeeting { .. }
        | Command::ReportIndicator { .. }
        | Command::SubmitQuarterlyReport { .. } => monev::decide(&cx, command),
    }
}

/// Refuses a command that would bring a parent's children above its pagu (the hierarchy of
/// Permendagri 90/2019; a recorded fact is kept and K-03 flags it instead).
fn within_parent(
    children: impl Iterator<Item = rantai_core::Money>,
    pagu: rantai_core::Money,
    child: String,
    parent: String,
) -> Result<(), ChainError> {
    let total: rantai_core::Money = children.sum();
    if total <= pagu {
        return Ok(());
    }
    Err(ChainError::Planning(
        rantai_planning::PlanningError::ChildrenExceedParent {
            child,
            parent,
            total,
            pagu,
        },
    ))
}

fn contract_wrong_state(c: &Contract, action: &'static str) -> ChainError {
    ChainError::Procurement(rantai_procurement::ProcurementError::ContractWrongState {
        contract: c.terms().spec.id,
        state: c.status(),
        action,
    })
}

/// Resolves cited `kd_rup` against the region's packages.
fn plan_link(state: &RegionState, kd_rup: &[KodeRup], plan_data: PlanData) -> PlanLink {
    if plan_data == PlanData::Missing {
        return PlanLink::Unavailable {
            kd_rup: kd_rup.to_vec(),
        };
    }
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for code in kd_rup {
        match state.package_by_kd_rup(*code) {
            Some(Package::Announced(a)) => found.push(a.handoff()),
            Some(p) => problems.push(format!("{code}: {}", p.status())),
            None => problems.push(format!("{code}: not in the RUP data")),
        }
    }
    if kd_rup.is_empty() {
        problems.push("no kd_rup cited".into());
    }
    if problems.is_empty() {
        PlanLink::Announced { packages: found }
    } else {
        PlanLink::NotAnnounced {
            kd_rup: kd_rup.to_vec(),
            detail: problems.join("; "),
        }
    }
}
