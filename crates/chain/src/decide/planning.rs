//! Planning commands: budget structures, programs, kegiatan and sub-kegiatan within their parents' pagu, and the RUP package lifecycle.

use rantai_planning::rules::mak_fit;

use super::*;

/// Decides a planning command (the dispatcher in `decide` routes only those here).
pub(super) fn decide(cx: &Ctx<'_>, command: &Command) -> Result<Decision, ChainError> {
    let Ctx {
        state, mode, policy, ..
    } = *cx;
    match command {
        Command::RegisterBudgetStructure { budget } => {
            require_org(state, budget.organisation)?;
            cx.auth(&[Role::Bappeda, Role::Bud], Some(budget.organisation))?;
            let event = budget.clone().register()?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Organisation, budget.organisation.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::RegisterProgram { program } => {
            require_org(state, program.organisation)?;
            cx.auth(&[Role::Bappeda], Some(program.organisation))?;
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
            cx.auth(&[Role::Bappeda], Some(kegiatan.organisation))?;
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
            cx.auth(&[Role::Bappeda], Some(spec.organisation))?;
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
            cx.auth(&[Role::Ppk], Some(spec.organisation))?;
            require_org(state, spec.organisation)?;
            if state.packages().contains_key(&spec.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "RUP package",
                    id: spec.id.to_string(),
                });
            }
            // A draft is indexed by its sub-kegiatan: they must exist, recorded or not.
            check_funding(state, spec, mode, true)?;
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
            cx.auth(&[Role::Pa, Role::Kpa], Some(package_org(state, *package)?))?;
            let draft = match state.packages().get(package) {
                Some(Package::Draft(draft)) => draft.clone(),
                // A cancelled package says so; only a draft can be announced.
                other => {
                    return Err(ChainError::Planning(rantai_planning::PlanningError::WrongState {
                        package: *package,
                        state: other.map_or("unknown", Package::status),
                        action: "announce",
                    }));
                }
            };
            let (_, event) = draft.announce(*on, policy).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, package.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::RevisePackage { spec, reason, on } => {
            cx.auth(&[Role::Pa, Role::Kpa], Some(package_org(state, spec.id)?))?;
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
            check_funding(state, spec, mode, false)?;
            let (_, event) = announced
                .revise(spec.clone(), reason.clone(), *on, policy)
                .map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Package, spec.id.as_uuid()),
                event: Event::Planning(event),
            })
        }
        Command::ConsolidatePackages { into, from, on } => {
            cx.auth(&[Role::Ppk], Some(into.organisation))?;
            require_org(state, into.organisation)?;
            if state.packages().contains_key(&into.id) {
                return Err(ChainError::AlreadyExists {
                    kind: "RUP package",
                    id: into.id.to_string(),
                });
            }
            check_funding(state, into, mode, false)?;
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
            cx.auth(&[Role::Pa, Role::Kpa], Some(package_org(state, *package)?))?;
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
        other => Err(cx.misrouted(other)),
    }
}

/// K-07's guard on the funding lines of a package a command drafts, revises or consolidates into:
/// each line's sub-kegiatan exists, its MAK names that sub-kegiatan, and it is one of the
/// package's satker's. A recorded fact is kept for the engine to report — except that a draft's
/// sub-kegiatan must exist whatever the mode (`known_required`: the package is indexed by it).
fn check_funding(
    state: &RegionState,
    spec: &rantai_planning::PackageSpec,
    mode: Mode,
    known_required: bool,
) -> Result<(), ChainError> {
    for line in &spec.funding {
        let Some(sk) = state.sub_kegiatan().get(&line.sub_kegiatan) else {
            if known_required || mode == Mode::Command {
                return Err(ChainError::UnknownSubKegiatan(line.sub_kegiatan));
            }
            continue;
        };
        if mode == Mode::Command && !mak_fit::names_its_sub_kegiatan(&line.mak, sk.code()) {
            return Err(ChainError::MakMismatch {
                package: spec.id,
                mak: line.mak.to_string(),
                sub_kegiatan: sk.id(),
                code: sk.code().to_string(),
            });
        }
        if mode == Mode::Command && sk.organisation() != spec.organisation {
            return Err(ChainError::ForeignSubKegiatan {
                package: spec.id,
                sub_kegiatan: sk.id(),
                organisation: sk.organisation(),
            });
        }
    }
    Ok(())
}
