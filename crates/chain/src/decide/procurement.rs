//! Procurement commands: announcing or recording a selection, its schedule, bids, registrations, knock-outs, award, objections, failure and SPPBJ.

use super::*;
use rantai_procurement::rules::plan_consumed;

/// Decides a procurement command (the dispatcher in `decide` routes only those here).
pub(super) fn decide(cx: &Ctx<'_>, command: &Command) -> Result<Decision, ChainError> {
    let Ctx {
        state,
        rulebook,
        mode,
        actor,
        policy,
        name,
        ..
    } = *cx;
    match command {
        Command::AnnounceTender { spec, packages } => {
            cx.auth(selecting_roles(spec.metode), Some(spec.organisation))?;
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
            let cited = |id| rantai_engine::cited_retender(state.procurements(), state.index(), &codes, id);
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
                let package = state.packages().get(id).ok_or(ChainError::UnknownPackage(*id))?;
                let first = state
                    .procurement_of(*id)
                    .and_then(|first| state.procurements().get(&first));
                let verdict = plan_consumed::check(*id, package.spec().kd_rup, spec.metode, first.map(|f| f.spec()));
                policy
                    .enforce(RuleId::D1, verdict)
                    .map_err(|violation| ChainError::RuleViolated {
                        subject: format!("procurement {}", spec.id),
                        violation,
                    })?;
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
            cx.auth(&[], None)?;
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
            cx.auth(
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
            cx.auth(roles, Some(p.spec().organisation))?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(p.fail(failure.clone(), policy)?),
            })
        }
        Command::SubmitBid { procurement: id, bid } => {
            cx.auth(&[Role::Provider], None)?;
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
            cx.auth(&[Role::Provider], None)?;
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
            cx.auth(selecting_roles(p.spec().metode), Some(p.spec().organisation))?;
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
            cx.auth(&roles, org)?;
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
            cx.auth(&[Role::Provider], None)?;
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
            cx.auth(roles, Some(p.spec().organisation))?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(awarded.answer_objection(*number, *answered_on, mode)?),
            })
        }
        Command::IssueSppbj { procurement: id, on } => {
            let p = procurement(state, *id)?;
            cx.auth(&[Role::Ppk], Some(p.spec().organisation))?;
            let Procurement::Awarded(awarded) = p else {
                return Err(wrong_state(p, "issue the SPPBJ"));
            };
            Ok(Decision {
                aggregate: agg(AggregateKind::Procurement, id.as_uuid()),
                event: Event::Procurement(awarded.issue_sppbj(*on, mode)?),
            })
        }
        other => Err(cx.misrouted(other)),
    }
}
