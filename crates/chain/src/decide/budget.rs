//! Budgeting commands: DPA lines, SPD, commitments, SPP → SPM → SP2D, SPJ, TU returns and budget revisions.

use super::*;

/// Decides a budget command (the dispatcher in `decide` routes only those here).
pub(super) fn decide(cx: &Ctx<'_>, command: &Command) -> Result<Decision, ChainError> {
    let Ctx {
        state,
        actor,
        policy,
        book,
        ..
    } = *cx;
    match command {
        Command::OpenDpaLine { spec } => {
            require_org(state, spec.organisation)?;
            cx.auth(&[Role::Bud], Some(spec.organisation))?;
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
            cx.auth(&[Role::Bud], Some(line(state, *id)?.spec().organisation))?;
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
            cx.auth(&[Role::Ppk], Some(l.spec().organisation))?;
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
            cx.auth(&[Role::Ppk], Some(line(state, *line_id)?.spec().organisation))?;
            let signed = contract(state, *contract_id)?.handoff();
            budget(
                AggregateKind::DpaLine,
                line_id.as_uuid(),
                book.release(*line_id, &signed, reason.clone(), *on),
            )
        }
        Command::PaySp2d { line: line_id, payment } => {
            let l = line(state, *line_id)?;
            cx.auth(&[Role::Bud], Some(l.spec().organisation))?;
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
                    cx.auth(&[Role::Pptk, Role::Bendahara], Some(spp.organisation))?;
                    Some(contract(state, *id)?.handoff())
                }
                _ => {
                    cx.auth(&[Role::Bendahara], Some(spp.organisation))?;
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
            cx.auth(&[Role::PpkSkpd], Some(spp_org(state, *spp)?))?;
            budget(AggregateKind::Payment, spp.as_uuid(), book.verify_spp(*spp, *on, actor))
        }
        Command::IssueSpm { spp, nomor, on } => {
            cx.auth(&[Role::Pa, Role::Kpa, Role::Ppspm], Some(spp_org(state, *spp)?))?;
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
            cx.auth(roles, Some(org))?;
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
            cx.auth(&[Role::Bud], Some(spp_org(state, *spp)?))?;
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
            cx.auth(&[Role::Bendahara], Some(*organisation))?;
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
            cx.auth(&[Role::Bendahara], Some(*organisation))?;
            budget(
                AggregateKind::Payment,
                tu.as_uuid(),
                book.return_tu(*organisation, *tu, *amount, *on),
            )
        }
        Command::ReviseBudget { revision } => {
            cx.auth(&[Role::Bud, Role::KepalaDaerah], None)?;
            budget(
                AggregateKind::Region,
                revision.id.as_uuid(),
                book.revise(revision.clone(), policy),
            )
        }
        other => Err(cx.misrouted(other)),
    }
}
