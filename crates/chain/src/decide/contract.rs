//! Contract commands: signing, addenda, termination and handover.

use super::*;

/// Decides a contract command (the dispatcher in `decide` routes only those here).
pub(super) fn decide(cx: &Ctx<'_>, command: &Command) -> Result<Decision, ChainError> {
    let Ctx {
        state, mode, policy, ..
    } = *cx;
    match command {
        Command::SignContract {
            procurement: id,
            contract: spec,
        } => {
            let p = procurement(state, *id)?;
            cx.auth(&[Role::Ppk], Some(p.spec().organisation))?;
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
            cx.auth(&[Role::Ppk], Some(c.terms().organisation))?;
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
            cx.auth(&[Role::Ppk], Some(c.terms().organisation))?;
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
            cx.auth(&[Role::Ppk], Some(c.terms().organisation))?;
            let Contract::Active(active) = c.clone() else {
                return Err(contract_wrong_state(c, "hand over"));
            };
            let (_, event) = active.hand_over(*bast_on, mode).map_err(|r| r.error)?;
            Ok(Decision {
                aggregate: agg(AggregateKind::Contract, id.as_uuid()),
                event: Event::Procurement(event),
            })
        }
        other => Err(cx.misrouted(other)),
    }
}
