//! Contract subjects: H-03, H-05, T-06, C-01, C-02, C-04, P-11, K-06, C-07, C-08, K-11, D13, the contract arithmetic of
//! C-05, C-06 and C-09, and the plan-vs-actual checks
//! D6, D10, D12, D14, D16 and D20.

use chrono::NaiveDate;
use rantai_budgeting::ContractFacts;
use rantai_budgeting::rules::net_payment::{self, NetBalance};
use rantai_budgeting::rules::{payment_vs_contract, retention};
use rantai_core::{ContractId, Money, Ratio, RuleId, Rulebook, Verdict};
use rantai_procurement::rules::performance_bond::{self, bond_terms};
use rantai_procurement::rules::{
    addendum_limit, amendments, budget_year, contract_form, contract_type, contract_vs_award, contract_vs_hps,
    date_order, schedule_vs_plan, short_works,
};
use rantai_procurement::rules::{advance_cap, late_addenda, sppbj};
use rantai_procurement::{Contract, PlanLink};

use super::{ChainView, Sink, reading};
use rantai_monev::rules::completion::{self, CompletionInput};
use rantai_monev::rules::kontrak_kritis::{self, KritisInput};
use rantai_monev::rules::payment_vs_progress::{self, PaymentProgressInput};
use rantai_monev::rules::show_cause::{self, ShowCauseInput};

pub(super) fn contract(view: &ChainView<'_>, rulebook: &Rulebook, id: ContractId, sink: &mut Sink<'_, '_>) {
    let Some(contract) = view.contracts.get(&id) else {
        return;
    };
    let terms = contract.terms();
    let procurement = view.procurements.get(&terms.procurement);
    let h03 = match procurement {
        Some(p) => contract_vs_hps::check(p.spec(), terms.spec.value),
        None => Verdict::missing("the procurement of the contract"),
    };
    sink.push(RuleId::H03, h03);
    let h05 = match procurement {
        Some(p) => performance_bond::check(
            &bond_terms(p, terms.spec.value, terms.spec.signed_on),
            terms.spec.performance_bond,
            rulebook,
        ),
        None => Verdict::missing("the procurement of the contract"),
    };
    sink.push(RuleId::H05, h05);
    let t06 = match procurement {
        Some(p) => sppbj::check(
            p.spec().metode,
            p.sppbj_on(),
            terms.spec.signed_on,
            view.calendar,
            rulebook,
        ),
        None => Verdict::missing("the procurement of the contract"),
    };
    sink.push(RuleId::T06, t06);
    sink.push(RuleId::C01, addenda_verdict(contract, rulebook));
    sink.push(RuleId::C02, late_addenda::contract_penalty_period(contract));
    sink.push(RuleId::C04, late_addenda::contract_extension(contract, rulebook));
    sink.push(RuleId::C10, contract_type::check(terms.jenis, terms.spec.contract_type));
    sink.push(
        RuleId::P11,
        contract_form::check(
            terms.spec.value,
            terms.jenis,
            terms.spec.form,
            terms.spec.signed_on,
            rulebook,
        ),
    );
    let multi_year = procurement.and_then(|p| match p.plan() {
        PlanLink::Announced { packages } => Some(packages.iter().any(|p| p.spec().flags.multi_year)),
        _ => None,
    });
    let year_end = match multi_year {
        Some(multi_year) => schedule_vs_plan::past_year_end(contract.current_end(), terms.fiscal_year, multi_year),
        None => Verdict::missing("the plan's multi-year status"),
    };
    sink.push(RuleId::K06, year_end);
    let kritis = |latest| KritisInput {
        start: terms.spec.start,
        fiscal_year_end: terms.fiscal_year.last_day(),
        // A terminated contract is closed like a handed-over one: no progress is expected.
        handed_over: contract.closed_on().is_some(),
        latest,
    };
    let latest = view.latest_progress(contract);
    sink.push(RuleId::C07, kontrak_kritis::check(&kritis(latest), rulebook));
    let progress = view.progress.get(&id);
    let reports = progress.map_or(&[][..], |p| p.reports());
    let scm = ShowCauseInput {
        reports,
        meetings: progress.map_or(&[][..], |p| p.meetings()),
        critical_since: critical_since(contract, reports, |l| kontrak_kritis::check(&kritis(Some(l)), rulebook)),
        as_of: view.as_of,
    };
    sink.push(RuleId::C08, show_cause::check(&scm, rulebook));
    let paid = view.payments(id);
    let k11 = PaymentProgressInput {
        value: contract.current_value(),
        paid: paid.paid,
        last_paid_on: paid.last_paid_on,
        advance_share: contract.advance_share(),
        physical: latest.map(|(on, _, actual)| (on, actual)),
    };
    sink.push(RuleId::K11, payment_vs_progress::check(&k11, rulebook));
    sink.push(
        RuleId::D13,
        payment_vs_contract::paid_within(contract.current_value(), paid.paid),
    );
    money_rules(view, rulebook, contract, sink);
    sink.push(RuleId::D6, budget_year::contract(terms));
    let award = procurement.and_then(|p| p.award());
    sink.push(
        RuleId::D10,
        match award {
            Some(a) => contract_vs_award::check(terms.spec.value, a),
            None => Verdict::missing("the award of the contract's procurement"),
        },
    );
    sink.push(RuleId::D12, amendments::check(contract));
    let completion = CompletionInput {
        value: contract.current_value(),
        end: contract.current_end(),
        // Lateness stops at the BAST, or at a termination.
        bast_on: contract.bast_on(),
        terminated_on: contract.termination().map(|t| t.on),
        as_of: view.as_of,
    };
    sink.push(RuleId::D14, completion::check(&completion, rulebook));
    sink.push(RuleId::D16, short_works::check(terms, rulebook));
    sink.push(RuleId::D20, date_order::contract(contract, award.map(|a| a.awarded_on)));
}

/// The first report of the latest run of critical reports, with its lag, when the latest report
/// is critical (and the work not handed over).
fn critical_since(
    contract: &Contract,
    reports: &[rantai_monev::ProgressReport],
    is_critical: impl Fn((NaiveDate, Ratio, Ratio)) -> Verdict,
) -> Option<(NaiveDate, Ratio)> {
    if contract.closed_on().is_some() {
        return None;
    }
    let mut since = None;
    for r in reports {
        let (on, planned, actual) = reading(contract, r);
        if matches!(is_critical((on, planned, actual)), Verdict::Violated(_)) {
            since = since.or(Some((on, planned.minus(actual))));
        } else {
            since = None;
        }
    }
    since
}

/// C-01 over the contract's whole addendum history: the first addendum that breaks the limit.
fn addenda_verdict(contract: &Contract, rulebook: &Rulebook) -> Verdict {
    let original = contract.terms().spec.value;
    let addenda = contract.addenda();
    for (i, addendum) in addenda.iter().enumerate() {
        let earlier: Vec<Money> = addenda[..i].iter().map(|a| a.new_value).collect();
        let verdict = addendum_limit::check(original, &earlier, addendum.new_value, rulebook, addendum.dated);
        if verdict != Verdict::Pass {
            return verdict;
        }
    }
    Verdict::Pass
}

/// C-05 (the advance agreed or paid within its cap), C-06 (retention withheld when paid) and
/// C-09 (paid within the value less the penalties owed), each judged on the day of the last
/// payment: what mattered is what was known when the money left.
fn money_rules(view: &ChainView<'_>, rulebook: &Rulebook, contract: &Contract, sink: &mut Sink<'_, '_>) {
    let id = contract.terms().spec.id;
    let account = view.book.accounts().get(&id);
    let advance = account
        .map_or(Money::ZERO, |a| a.advance_paid)
        .max(contract.terms().spec.advance);
    sink.push(
        RuleId::C05,
        advance_cap::check(&contract.advance_terms(), advance, rulebook),
    );
    let paid = view.payments(id);
    let Some(on) = paid.last_paid_on else {
        sink.push(RuleId::C06, Verdict::Pass);
        sink.push(RuleId::C09, Verdict::Pass);
        return;
    };
    let facts = ContractFacts::from(contract);
    let base = account.and_then(|a| a.penalty_base);
    sink.push(RuleId::C06, retention::check(&facts, paid.paid, on, rulebook));
    sink.push(
        RuleId::C09,
        match NetBalance::of(&facts, paid.paid, base, on, rulebook) {
            Ok(figures) => net_payment::paid_within(&figures),
            Err(e) => Verdict::missing(format!("the contract's net balance ({e})")),
        },
    );
}
