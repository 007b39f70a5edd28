//! Commands of the region itself: organisations, actors and their appointments (with the separation of duties), holidays and declared ownership.

use super::*;

/// Decides a region command (the dispatcher in `decide` routes only those here).
pub(super) fn decide(cx: &Ctx<'_>, command: &Command) -> Result<Decision, ChainError> {
    let Ctx {
        state,
        mode,
        actor,
        policy,
        ..
    } = *cx;
    match command {
        Command::RegisterOrganisation { organisation } => {
            cx.auth(&[Role::KepalaDaerah], None)?;
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
            cx.auth(&[Role::KepalaDaerah], None)?;
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
        Command::DeclareHolidays { holidays } => {
            cx.auth(&[Role::KepalaDaerah, Role::Bappeda], None)?;
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
                cx.auth(&[Role::Provider], None)?;
            } else {
                cx.auth(&[Role::Apip, Role::KepalaDaerah], None)?;
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
        other => Err(cx.misrouted(other)),
    }
}
