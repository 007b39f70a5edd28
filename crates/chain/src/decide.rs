//! Deciding a command or fact: who may send it, which aggregate it touches, and the event the
//! aggregate's typed transition produces. Nothing here changes state; a refusal changes nothing.

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
    let Ok(planned) = rantai_core::Money::try_sum(packages.iter().map(|p| &p.spec().pagu)) else {
        return rantai_core::Verdict::missing("a summable planned pagu");
    };
    let codes: Vec<KodeRup> = packages.iter().filter_map(|p| p.spec().kd_rup).collect();
    let mut values = rantai_monev::standing_orders(state.procurements(), state.index(), &codes, None);
    values.push(value);
    rantai_procurement::rules::plan_consistency::orders_within_pagu(planned, &values)
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

/// Checks the role (commands only), then runs the aggregate's transition.
pub(crate) fn decide(
    state: &RegionState,
    rulebook: &Rulebook,
    mode: Mode,
    actor: ActorId,
    command: &Command,
) -> Result<Decision, ChainError> {
    let policy = Policy::new(rulebook, mode);
    let book = state.book();
    let name = command.name();
    let auth = |roles: &[Role], org: Option<OrganisationId>| {
        if mode == Mode::Command {
            authorize(state, actor, name, roles, org)
        } else if state.actors().contains_key(&actor) {
            Ok(())
        } else {
            Err(ChainError::UnknownActor(actor))
        }
    };
    match command {
        Command::RegisterOrganisation { organisation } => {
            auth(&[Role::KepalaDaerah], None)?;
            if state.organisations().contains_key(&organisation.id()) {
                return Err(ChainError::AlreadyExists {
                    kind: "organisation",
                    id: organisation.id().to_string(),
                });
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::Organisation, organisation.id().as_uuid()),
                event: Event::Region(RegionEvent::OrganisationRegistered {
                    organisation: organisation.clone(),
                }),
            })
        }
        Command::RegisterActor { actor: who } => {
            auth(&[Role::KepalaDaerah], None)?;
            for g in who.grants() {
                if let rantai_core::Scope::Organisation(o) = g.scope {
                    require_org(state, o)?;
                }
            }
            for o in separation::organisations(who) {
                for rule in separation::RULES {
                    policy
                        .enforce(rule, separation::check(who, o, rule))
                        .map_err(|violation| ChainError::RuleViolated {
                            subject: format!("actor {} in organisation {o}", who.id()),
                            violation,
                        })?;
                }
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::Actor, who.id().as_uuid()),
                event: Event::Region(RegionEvent::ActorRegistered { actor: who.clone() }),
            })
        }
        Command::RegisterBudgetStructure { budget } => {
            require_org(state, budget.organisation)?;
            auth(&[Role::Bappeda, Role::Bud], Some(budget.organisation))?;
            let event = budget.clone().register()?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Organisation, budget.organisation.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::RegisterProgram { program } => {
            require_org(state, program.organisation)?;
            auth(&[Role::Bappeda], Some(program.organisation))?;
            if state.programs().contains_key(&program.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "program",
                    id: program.id.to_string(),
                });
            }
            let event = program.clone().register()?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Program, program.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::RegisterKegiatan { kegiatan } => {
            require_org(state, kegiatan.organisation)?;
            auth(&[Role::Bappeda], Some(kegiatan.organisation))?;
            if state.kegiatan().contains_key(&kegiatan.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "kegiatan",
                    id: kegiatan.id.to_string(),
                });
            }
            let program = state
                .programs()
                .get(&kegiatan.program)
                .ok_or_else(|| ChainError::UnknownParent(format!("program {}", kegiatan.program)))?;
            let event = kegiatan.clone().register(program)?;
            if mode == Mode::Command {
                let siblings = state
                    .kegiatan()
                    .values()
                    .filter(|k| k.program == program.id)
                    .map(|k| k.pagu);
                within_parent(
                    siblings.chain([kegiatan.pagu]),
                    program.pagu,
                    format!("kegiatan {}", kegiatan.code),
                    format!("program {}", program.code),
                )?;
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::Kegiatan, kegiatan.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::RegisterSubKegiatan { spec } => {
            require_org(state, spec.organisation)?;
            auth(&[Role::Bappeda], Some(spec.organisation))?;
            if state.sub_kegiatan().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "sub-kegiatan",
                    id: spec.id.to_string(),
                });
            }
            let parent = match spec.kegiatan {
                Some(k) => Some(
                    state
                        .kegiatan()
                        .get(&k)
                        .ok_or_else(|| ChainError::UnknownParent(format!("kegiatan {k}")))?,
                ),
                None => None,
            };
            let (_, event) = SubKegiatan::register(spec.clone(), parent)?;
            if let (Mode::Command, Some(k)) = (mode, parent) {
                let siblings = state
                    .sub_kegiatan()
                    .values()
                    .filter(|s| s.kegiatan() == Some(k.id))
                    .map(|s| s.pagu());
                within_parent(
                    siblings.chain([spec.pagu]),
                    k.pagu,
                    format!("sub-kegiatan {}", spec.code),
                    format!("kegiatan {}", k.code),
                )?;
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::SubKegiatan, spec.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::DraftPackage { spec } => {
            auth(&[Role::Ppk], Some(spec.organisation))?;
            require_org(state, spec.organisation)?;
            if state.packages().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "RUP package",
                    id: spec.id.to_string(),
                });
            }
            for line in &spec.funding {
                let sk = state
                    .sub_kegiatan()
                    .get(&line.sub_kegiatan)
                    .ok_or(ChainError::UnknownSubKegiatan(line.sub_kegiatan))?;
                if sk.code() != line.mak.sub_kegiatan() && mode == Mode::Command {
                    return Err(ChainError::MakMismatch {
                        package: spec.id,
                        mak: line.mak.to_string(),
                        sub_kegiatan: sk.id(),
                        code: sk.code().to_string(),
                    });
                }
            }
            let (_, event) = match mode {
                Mode::Command => Draft::create(spec.clone())?,
                Mode::Record => Draft::record(spec.clone())?,
            };
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, spec.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::AnnouncePackage { package, on } => {
            auth(&[Role::Pa, Role::Kpa], Some(package_org(state, *package)?))?;
            let Some(Package::Draft(draft)) = state.packages().get(package).cloned() else {
                return Err(ChainError::Planning(rantai_planning::PlanningError::WrongState {
                    package: *package,
                    state: "announced",
                    action: "announce",
                }));
            };
            let (_, event) = draft.announce(*on, policy).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, package.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::RevisePackage { spec, reason, on } => {
            auth(&[Role::Pa, Role::Kpa], Some(package_org(state, spec.id)?))?;
            let current = state
                .packages()
                .get(&spec.id)
                .ok_or(ChainError::UnknownPackage(spec.id))?;
            let Package::Announced(announced) = current.clone() else {
                return Err(ChainError::Planning(rantai_planning::PlanningError::WrongState {
                    package: spec.id,
                    state: current.status(),
                    action: "revise",
                }));
            };
            let (_, event) = announced
                .revise(spec.clone(), reason.clone(), *on, policy)
                .map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, spec.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::ConsolidatePackages { into, from, on } => {
            auth(&[Role::Ppk], Some(into.organisation))?;
            require_org(state, into.organisation)?;
            if state.packages().contains_key(&into.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "RUP package",
                    id: into.id.to_string(),
                });
            }
            let mut sources = Vec::with_capacity(from.len());
            for (i, id) in from.iter().enumerate() {
                if from[..i].contains(id) {
                    return Err(ChainError::Planning(rantai_planning::PlanningError::InvalidPackage {
                        package: into.id,
                        reason: format!("package {id} is listed twice"),
                    }));
                }
                if let (Mode::Command, Some(procurement)) = (mode, state.procurement_of(*id)) {
                    return Err(ChainError::Planning(rantai_planning::PlanningError::InvalidPackage {
                        package: *id,
                        reason: format!("already procured by {procurement}; it cannot be consolidated"),
                    }));
                }
                sources.push(state.packages().get(id).ok_or(ChainError::UnknownPackage(*id))?);
            }
            let event = rantai_planning::consolidate(into.clone(), &sources, *on)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, into.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::CancelPackage { package, reason, on } => {
            auth(&[Role::Pa, Role::Kpa], Some(package_org(state, *package)?))?;
            if let (Mode::Command, Some(procurement)) = (mode, state.procurement_of(*package)) {
                return Err(ChainError::Planning(rantai_planning::PlanningError::InvalidPackage {
                    package: *package,
                    reason: format!("already procured by {procurement}; it cannot be withdrawn"),
                }));
            }
            let event = match state.packages().get(package).cloned() {
                Some(Package::Draft(d)) => d.cancel(reason.clone(), *on).map_err(|r| r.error)?.1,
                Some(Package::Announced(a)) => a.cancel(reason.clone(), *on).map_err(|r| r.error)?.1,
                Some(other) => {
                    return Err(ChainError::Planning(rantai_planning::PlanningError::WrongState {
                        package: *package,
                        state: other.status(),
                        action: "cancel",
                    }));
                }
                None => return Err(ChainError::UnknownPackage(*package)),
            };
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, package.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::AnnounceTender { spec, packages } => {
            auth(selecting_roles(spec.metode), Some(spec.organisation))?;
            require_org(state, spec.organisation)?;
            if state.procurements().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "procurement",
                    id: spec.id.to_string(),
                });
            }
            // A Penunjukan Langsung names its keadaan tertentu or the failed re-tender (P-09).
            let codes: Vec<KodeRup> = packages
                .iter()
                .filter_map(|id| state.packages().get(id).and_then(|p| p.spec().kd_rup))
                .collect();
            let cited = |id| rantai_monev::cited_retender(state.procurements(), state.index(), &codes, id);
            let basis = match direct_basis::stated(spec) {
                rantai_core::Verdict::Pass => direct_basis::check(spec, cited),
                unstated => unstated,
            };
            policy
                .enforce(RuleId::P09, basis)
                .map_err(|violation| ChainError::RuleViolated {
                    subject: format!("procurement {}", spec.id),
                    violation,
                })?;
            let mut handoffs: Vec<AnnouncedPackage> = Vec::with_capacity(packages.len());
            for (i, id) in packages.iter().enumerate() {
                if packages[..i].contains(id) {
                    return Err(ChainError::Procurement(
                        rantai_procurement::ProcurementError::InvalidValue {
                            subject: format!("procurement {}", spec.id),
                            reason: format!("RUP package {id} is listed twice"),
                        },
                    ));
                }
                let earlier = state.procurement_of(*id).filter(|earlier| {
                    // Catalogue orders of one e-purchasing package may follow each other.
                    !state.procurements().get(earlier).is_some_and(|e| {
                        rantai_procurement::rules::plan_consistency::may_share_package(e.spec().metode, spec.metode)
                    })
                });
                if let Some(earlier) = earlier {
                    let verdict = rantai_core::Verdict::Violated(
                        rantai_core::Evidence::new()
                            .with("package", id.to_string())
                            .with("procured_by", earlier.to_string()),
                    );
                    policy
                        .enforce(RuleId::D1, verdict)
                        .map_err(|violation| ChainError::RuleViolated {
                            subject: format!("procurement {}", spec.id),
                            violation,
                        })?;
                }
                let package = state.packages().get(id).ok_or(ChainError::UnknownPackage(*id))?;
                let announced = package.as_announced().ok_or(ChainError::PackageNotAnnounced {
                    package: *id,
                    status: package.status(),
                })?;
                handoffs.push(announced.handoff());
            }
            if spec.metode == rantai_core::MetodePemilihan::EPurchasing {
                // K-05 for a catalogue order: with the package's standing orders, within its pagu.
                let verdict = catalogue_orders_verdict(state, &handoffs, spec.pagu);
                policy
                    .enforce(RuleId::K05, verdict)
                    .map_err(|violation| ChainError::RuleViolated {
                        subject: format!("procurement {}", spec.id),
                        violation,
                    })?;
            }
            let (_, event) = Open::announce(spec.clone(), handoffs, policy)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, spec.id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::RecordTender {
            spec,
            kd_rup,
            plan_data,
        } => {
            if mode == Mode::Command {
                return Err(ChainError::NotACommand("RecordTender"));
            }
            auth(&[], None)?;
            require_org(state, spec.organisation)?;
            if state.procurements().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "procurement",
                    id: spec.id.to_string(),
                });
            }
            let plan = plan_link(state, kd_rup, *plan_data);
            let (_, event) = Open::record(spec.clone(), plan, policy)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, spec.id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::SetSchedule {
            procurement: id,
            schedule,
        } => {
            let p = procurement(state, *id)?;
            auth(
                &[Role::PokjaMember, Role::PejabatPengadaan],
                Some(p.spec().organisation),
            )?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(p.set_schedule(schedule.clone(), policy)?),
            })
        }
        Command::DeclareFailed {
            procurement: id,
            failure,
        } => {
            let p = procurement(state, *id)?;
            // Without a Pasal 51 ground (a direct method's cancellation), whoever runs the
            // selection — for e-purchasing also the PPK.
            let roles = failure
                .ground
                .map_or(selecting_roles(p.spec().metode), FailureGround::declared_by);
            auth(roles, Some(p.spec().organisation))?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(p.fail(failure.clone(), policy)?),
            })
        }
        Command::SubmitBid { procurement: id, bid } => {
            auth(&[Role::Provider], None)?;
            acts_for_itself(mode, actor, bid.provider, name)?;
            let p = procurement(state, *id)?;
            let Procurement::Open(open) = p.clone() else {
                return Err(wrong_state(p, "take a bid"));
            };
            let (_, event) = open.submit_bid(bid.clone(), mode).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::RegisterParticipant {
            procurement: id,
            provider,
            on,
        } => {
            auth(&[Role::Provider], None)?;
            acts_for_itself(mode, actor, *provider, name)?;
            let p = procurement(state, *id)?;
            let Procurement::Open(open) = p.clone() else {
                return Err(wrong_state(p, "register a participant"));
            };
            let (_, event) = open.register(*provider, *on, mode).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::DisqualifyBid {
            procurement: id,
            bid,
            disqualification,
        } => {
            let p = procurement(state, *id)?;
            auth(selecting_roles(p.spec().metode), Some(p.spec().organisation))?;
            let Procurement::Open(open) = p.clone() else {
                return Err(wrong_state(p, "knock out a bid"));
            };
            let (_, event) = open
                .disqualify(*bid, disqualification.clone(), mode)
                .map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::AwardTender { procurement: id, award } => {
            let p = procurement(state, *id)?;
            let org = Some(p.spec().organisation);
            let roles: Vec<Role> = selecting_roles(p.spec().metode)
                .iter()
                .copied()
                .chain([Role::Pa, Role::Kpa])
                .collect();
            auth(&roles, org)?;
            if mode == Mode::Command {
                // Above the Pokja's authority the PA (or KPA) sets the winner (P-05).
                let by_pa = state
                    .actors()
                    .get(&actor)
                    .is_some_and(|a| a.holds(Role::Pa, org) || a.holds(Role::Kpa, org));
                let violated = |violation| ChainError::RuleViolated {
                    subject: format!("procurement {id}"),
                    violation,
                };
                policy
                    .enforce(RuleId::P05, award_authority::check(p.spec(), by_pa, rulebook))
                    .map_err(violated)?;
                // The winner may not share a controller with another bidder (H-10) nor be tied
                // to an official of the procurement (H-11); undeclared owners do not refuse.
                let winner = Some(award.provider);
                let owners = state.ownership();
                let h10 = conflict_of_interest::common_control(p.bids(), owners, winner, award.awarded_on, rulebook);
                let h11 = conflict_of_interest::official_tie(
                    p.bids(),
                    &p.spec().officials,
                    owners,
                    winner,
                    award.awarded_on,
                    rulebook,
                );
                for (rule, verdict) in [(RuleId::H10, h10), (RuleId::H11, h11)] {
                    policy.enforce(rule, verdict).map_err(violated)?;
                }
            }
            let Procurement::Open(open) = p.clone() else {
                return Err(wrong_state(p, "award"));
            };
            let (_, event) = open.award(award.clone(), policy).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::FileObjection {
            procurement: id,
            objection,
        } => {
            auth(&[Role::Provider], None)?;
            acts_for_itself(mode, actor, objection.provider, name)?;
            let p = procurement(state, *id)?;
            let Procurement::Awarded(awarded) = p else {
                return Err(wrong_state(p, "take an objection"));
            };
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(awarded.file_objection(objection.clone(), mode)?),
            })
        }
        Command::AnswerObjection {
            procurement: id,
            number,
            answered_on,
        } => {
            let p = procurement(state, *id)?;
            let Procurement::Awarded(awarded) = p else {
                return Err(wrong_state(p, "answer an objection"));
            };
            let banding = awarded
                .objections()
                .iter()
                .any(|o| o.number == *number && o.kind == ObjectionKind::SanggahBanding);
            let roles: &[Role] = if banding {
                &[Role::Pa, Role::Kpa]
            } else {
                &[Role::PokjaMember, Role::PejabatPengadaan]
            };
            auth(roles, Some(p.spec().organisation))?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(awarded.answer_objection(*number, *answered_on, mode)?),
            })
        }
        Command::IssueSppbj { procurement: id, on } => {
            let p = procurement(state, *id)?;
            auth(&[Role::Ppk], Some(p.spec().organisation))?;
            let Procurement::Awarded(awarded) = p else {
                return Err(wrong_state(p, "issue the SPPBJ"));
            };
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(awarded.issue_sppbj(*on, mode)?),
            })
        }
        Command::SignContract {
            procurement: id,
            contract: spec,
        } => {
            let p = procurement(state, *id)?;
            auth(&[Role::Ppk], Some(p.spec().organisation))?;
            if state.contracts().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "contract",
                    id: spec.id.to_string(),
                });
            }
            let Procurement::Awarded(awarded) = p.clone() else {
                return Err(wrong_state(p, "sign a contract"));
            };
            let (_, _, event) = awarded.sign_contract(spec.clone(), policy).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Contract, spec.id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::AmendContract { contract: id, addendum } => {
            let c = contract(state, *id)?;
            auth(&[Role::Ppk], Some(c.terms().organisation))?;
            let Contract::Active(active) = c.clone() else {
                return Err(contract_wrong_state(c, "amend"));
            };
            let (_, event) = active.amend(addendum.clone(), policy).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Contract, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::TerminateContract {
            contract: id,
            termination,
        } => {
            // The PPK who controls the contract ends it (pemutusan kontrak, Pasal 93(1)).
            let c = contract(state, *id)?;
            auth(&[Role::Ppk], Some(c.terms().organisation))?;
            let Contract::Active(active) = c.clone() else {
                return Err(contract_wrong_state(c, "terminate"));
            };
            if mode == Mode::Command {
                // Nothing already recorded of the contract may come after its end.
                let progress = state.progress().get(id);
                let later = c
                    .addenda()
                    .iter()
                    .map(|a| ("addendum", a.dated))
                    .chain(
                        progress
                            .and_then(|p| p.latest())
                            .map(|r| ("progress report", r.reported_on)),
                    )
                    .chain(
                        progress
                            .and_then(|p| p.meetings().last())
                            .map(|m| ("show-cause meeting", m.held_on)),
                    )
                    .filter(|(_, on)| *on > termination.on)
                    .max_by_key(|(_, on)| *on);
                if let Some((what, on)) = later {
                    return Err(ChainError::Procurement(
                        rantai_procurement::ProcurementError::DateOrder {
                            what: "termination",
                            date: termination.on,
                            earlier_what: what,
                            earlier: on,
                        },
                    ));
                }
            }
            let (_, event) = active.terminate(termination.clone(), mode).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Contract, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::HandOverContract { contract: id, bast_on } => {
            let c = contract(state, *id)?;
            auth(&[Role::Ppk], Some(c.terms().organisation))?;
            let Contract::Active(active) = c.clone() else {
                return Err(contract_wrong_state(c, "hand over"));
            };
            let (_, event) = active.hand_over(*bast_on, mode).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Contract, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        Command::OpenDpaLine { spec } => {
            require_org(state, spec.organisation)?;
            auth(&[Role::Bud], Some(spec.organisation))?;
            if !state.sub_kegiatan().contains_key(&spec.sub_kegiatan) {
                return Err(ChainError::UnknownSubKegiatan(spec.sub_kegiatan));
            }
            if state.dpa_lines().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "DPA line",
                    id: spec.id.to_string(),
                });
            }
            budget(
                AggregateKind::DpaLine,
                spec.id.as_uuid(),
                book.open_line(spec.clone(), policy),
            )
        }
        Command::IssueSpd { line: id, spd } => {
            auth(&[Role::Bud], Some(line(state, *id)?.spec().organisation))?;
            budget(
                AggregateKind::DpaLine,
                id.as_uuid(),
                book.issue_spd(*id, spd.clone(), policy),
            )
        }
        Command::CommitContract {
            line: line_id,
            contract: contract_id,
            amount,
            on,
        } => {
            let l = line(state, *line_id)?;
            auth(&[Role::Ppk], Some(l.spec().organisation))?;
            let signed = contract(state, *contract_id)?.handoff();
            budget(
                AggregateKind::DpaLine,
                line_id.as_uuid(),
                book.commit(*line_id, &signed, *amount, *on, policy),
            )
        }
        Command::ReleaseCommitment {
            line: line_id,
            contract: contract_id,
            reason,
            on,
        } => {
            auth(&[Role::Ppk], Some(line(state, *line_id)?.spec().organisation))?;
            let signed = contract(state, *contract_id)?.handoff();
            budget(
                AggregateKind::DpaLine,
                line_id.as_uuid(),
                book.release(*line_id, &signed, reason.clone(), *on),
            )
        }
        Command::PaySp2d { line: line_id, payment } => {
            let l = line(state, *line_id)?;
            auth(&[Role::Bud], Some(l.spec().organisation))?;
            let c = contract(state, payment.contract)?;
            let paid = state.view().payments(payment.contract).paid;
            let verdict = payment_vs_contract::check(c.current_value(), paid, payment.amount);
            policy
                .enforce(RuleId::D13, verdict)
                .map_err(|violation| ChainError::RuleViolated {
                    subject: format!("SP2D {} on contract {}", payment.id, payment.contract),
                    violation,
                })?;
            budget(
                AggregateKind::DpaLine,
                line_id.as_uuid(),
                book.pay(*line_id, payment.clone(), &c.handoff(), policy),
            )
        }
        Command::SubmitSpp { spp } => {
            require_org(state, spp.organisation)?;
            let signed = match &spp.kind {
                SppKind::Ls { contract: id, .. } => {
                    auth(&[Role::Pptk, Role::Bendahara], Some(spp.organisation))?;
                    Some(contract(state, *id)?.handoff())
                }
                _ => {
                    auth(&[Role::Bendahara], Some(spp.organisation))?;
                    None
                }
            };
            budget(
                AggregateKind::Payment,
                spp.id.as_uuid(),
                book.submit_spp(spp.clone(), signed.as_ref(), actor, policy),
            )
        }
        Command::VerifySpp { spp, on } => {
            auth(&[Role::PpkSkpd], Some(spp_org(state, *spp)?))?;
            budget(AggregateKind::Payment, spp.as_uuid(), book.verify_spp(*spp, *on, actor))
        }
        Command::IssueSpm { spp, nomor, on } => {
            auth(&[Role::Pa, Role::Kpa, Role::Ppspm], Some(spp_org(state, *spp)?))?;
            budget(
                AggregateKind::Payment,
                spp.as_uuid(),
                book.issue_spm(*spp, nomor.clone(), *on),
            )
        }
        Command::RefuseSpp { spp, reason, on } => {
            let org = spp_org(state, *spp)?;
            let roles: &[Role] = match book.requests().get(spp).map(|r| r.stage) {
                Some(SppStage::Verified) => &[Role::Pa, Role::Kpa, Role::Ppspm],
                Some(SppStage::SpmIssued) => &[Role::Bud],
                _ => &[Role::PpkSkpd],
            };
            auth(roles, Some(org))?;
            budget(
                AggregateKind::Payment,
                spp.as_uuid(),
                book.refuse_spp(*spp, reason.clone(), *on),
            )
        }
        Command::IssueSp2d {
            spp,
            payment,
            nomor,
            on,
        } => {
            auth(&[Role::Bud], Some(spp_org(state, *spp)?))?;
            let signed = match book.requests().get(spp).map(|r| &r.spp.kind) {
                Some(SppKind::Ls { contract: id, .. }) => Some(contract(state, *id)?.handoff()),
                _ => None,
            };
            budget(
                AggregateKind::Payment,
                spp.as_uuid(),
                book.issue_sp2d(*spp, *payment, nomor.clone(), *on, signed.as_ref(), policy),
            )
        }
        Command::AccountSpj {
            organisation,
            line: line_id,
            source,
            amount,
            on,
        } => {
            auth(&[Role::Bendahara], Some(*organisation))?;
            budget(
                AggregateKind::DpaLine,
                line_id.as_uuid(),
                book.account_spj(*organisation, *line_id, *source, *amount, *on, policy),
            )
        }
        Command::ReturnTu {
            organisation,
            tu,
            amount,
            on,
        } => {
            auth(&[Role::Bendahara], Some(*organisation))?;
            budget(
                AggregateKind::Payment,
                tu.as_uuid(),
                book.return_tu(*organisation, *tu, *amount, *on),
            )
        }
        Command::ReviseBudget { revision } => {
            auth(&[Role::Bud, Role::KepalaDaerah], None)?;
            budget(
                AggregateKind::Region,
                revision.id.as_uuid(),
                book.revise(revision.clone(), policy),
            )
        }
        Command::ReportProgress { report } => {
            let c = contract(state, report.contract)?;
            auth(&[Role::Ppk, Role::Pptk], Some(c.terms().organisation))?;
            if mode == Mode::Command && c.termination().is_some_and(|t| report.reported_on > t.on) {
                return Err(contract_wrong_state(c, "report progress after its termination"));
            }
            let (_, event) = ContractProgress::report(
                state.progress().get(&report.contract),
                &c.handoff(),
                report.clone(),
                mode,
            )?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Progress, report.contract.as_uuid()),
                event: Event::Monev(event),
            })
        }
        Command::HoldShowCauseMeeting { meeting } => {
            let c = contract(state, meeting.contract)?;
            auth(&[Role::Ppk], Some(c.terms().organisation))?;
            if mode == Mode::Command && c.termination().is_some_and(|t| meeting.held_on > t.on) {
                return Err(contract_wrong_state(
                    c,
                    "hold a show-cause meeting after its termination",
                ));
            }
            let max = rulebook.count(RuleId::C08, "max_meetings", meeting.held_on)?;
            let (_, event) = ContractProgress::hold_meeting(
                state.progress().get(&meeting.contract),
                &c.handoff(),
                meeting.clone(),
                max,
            )?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Progress, meeting.contract.as_uuid()),
                event: Event::Monev(event),
            })
        }
        Command::ReportIndicator { realisation } => {
            let (organisation, indicators, kind, id) = match realisation.subject {
                Subject::Program(id) => {
                    let p = state
                        .programs()
                        .get(&id)
                        .ok_or(ChainError::UnknownSubject(realisation.subject))?;
                    (p.organisation, &p.indicators[..], AggregateKind::Program, id.as_uuid())
                }
                Subject::Kegiatan(id) => {
                    let k = state
                        .kegiatan()
                        .get(&id)
                        .ok_or(ChainError::UnknownSubject(realisation.subject))?;
                    (k.organisation, &k.indicators[..], AggregateKind::Kegiatan, id.as_uuid())
                }
                Subject::SubKegiatan(id) => {
                    let sk = state
                        .sub_kegiatan()
                        .get(&id)
                        .ok_or(ChainError::UnknownSubject(realisation.subject))?;
                    (
                        sk.organisation(),
                        sk.indicators(),
                        AggregateKind::SubKegiatan,
                        id.as_uuid(),
                    )
                }
                other => return Err(ChainError::UnknownSubject(other)),
            };
            auth(&[Role::Pa, Role::Kpa, Role::Pptk, Role::Bappeda], Some(organisation))?;
            let event = IndicatorLog::realise(indicators, realisation.clone())?;
            Ok(Decision {
                aggregate: agg(kind, id),
                event: Event::Monev(event),
            })
        }
        Command::SubmitQuarterlyReport { report } => {
            require_org(state, report.organisation)?;
            auth(&[Role::Pa, Role::Kpa, Role::Bappeda], Some(report.organisation))?;
            if report.submitted_on <= report.fiscal_year.quarter_end(report.quarter) {
                return Err(ChainError::InvalidCommand(format!(
                    "{} for {:?} {} submitted on {}, before the quarter ended",
                    report.form.label(),
                    report.quarter,
                    report.fiscal_year,
                    report.submitted_on
                )));
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::Organisation, report.organisation.as_uuid()),
                event: Event::Monev(rantai_monev::MonevEvent::QuarterlyReportSubmitted { report: report.clone() }),
            })
        }
        Command::DeclareHolidays { holidays } => {
            auth(&[Role::KepalaDaerah, Role::Bappeda], None)?;
            if holidays.is_empty() {
                return Err(ChainError::InvalidCommand("DeclareHolidays with no day".into()));
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::Region, Uuid::nil()),
                event: Event::Region(RegionEvent::HolidaysDeclared {
                    holidays: holidays.clone(),
                }),
            })
        }
        Command::DeclareOwnership { ownership } => {
            // The provider declares its own; the APIP or the Kepala Daerah records what it found,
            // and a provider cannot replace what they recorded, nor go back to an older date.
            let by_provider = actor == ownership.provider;
            if by_provider {
                auth(&[Role::Provider], None)?;
            } else {
                auth(&[Role::Apip, Role::KepalaDaerah], None)?;
            }
            ownership.validate()?;
            if let (Mode::Command, Some(stored)) = (mode, state.ownership().get(&ownership.provider)) {
                let refused = |reason: String| {
                    ChainError::Procurement(rantai_procurement::ProcurementError::InvalidValue {
                        subject: format!("ownership of provider {}", ownership.provider),
                        reason,
                    })
                };
                if ownership.declared_on < stored.declared_on {
                    return Err(refused(format!(
                        "declared on {}, older than the declaration of {} it would replace",
                        ownership.declared_on, stored.declared_on
                    )));
                }
                if by_provider && state.ownership_recorded_by_authority(ownership.provider) {
                    return Err(refused(
                        "the APIP or Kepala Daerah recorded this provider's ownership: only they replace it".into(),
                    ));
                }
            }
            Ok(Decision {
                aggregate: agg(AggregateKind::Region, Uuid::nil()),
                event: Event::Region(RegionEvent::OwnershipDeclared {
                    ownership: ownership.clone(),
                    by_authority: !by_provider,
                }),
            })
        }
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
