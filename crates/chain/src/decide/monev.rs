//! Monitoring commands: progress reports, show-cause meetings, indicator realisation and the PP 39/2006 quarterly reports.

use super::*;
use rantai_core::param;

/// Decides a monev command (the dispatcher in `decide` routes only those here).
pub(super) fn decide(cx: &Ctx<'_>, command: &Command) -> Result<Decision, ChainError> {
    let Ctx {
        state, rulebook, mode, ..
    } = *cx;
    match command {
        Command::ReportProgress { report } => {
            let c = contract(state, report.contract)?;
            cx.auth(&[Role::Ppk, Role::Pptk], Some(c.terms().organisation))?;
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
            cx.auth(&[Role::Ppk], Some(c.terms().organisation))?;
            if mode == Mode::Command && c.termination().is_some_and(|t| meeting.held_on > t.on) {
                return Err(contract_wrong_state(
                    c,
                    "hold a show-cause meeting after its termination",
                ));
            }
            let max = rulebook.get(param::c08::MAX_MEETINGS, meeting.held_on)?;
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
            cx.auth(&[Role::Pa, Role::Kpa, Role::Pptk, Role::Bappeda], Some(organisation))?;
            let event = IndicatorLog::realise(indicators, realisation.clone())?;
            Ok(Decision {
                aggregate: agg(kind, id),
                event: Event::Monev(event),
            })
        }
        Command::SubmitQuarterlyReport { report } => {
            require_org(state, report.organisation)?;
            cx.auth(&[Role::Pa, Role::Kpa, Role::Bappeda], Some(report.organisation))?;
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
        other => Err(cx.misrouted(other)),
    }
}
