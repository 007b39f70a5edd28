//! Plan-level subjects: programs, kegiatan and sub-kegiatan (K-02, K-03 against their children,
//! K-12 and D21 on their indicators) and RUP packages (P-01/P-02, P-03, K-07, P-06).

use rantai_core::FiscalYear;
use rantai_core::{KegiatanId, Money, PackageId, ProgramId, RuleId, Rulebook, SubKegiatanId, Subject, Verdict};
use rantai_planning::rules::{mak_fit, method_fit, pl_ceiling, region_level, sub_kegiatan_budget, umk_reservation};
use rantai_planning::{Indicator, Package};

use super::{ChainView, Scope, Sink};
use rantai_monev::rules::indicator_target;

/// K-12 and D21 over a subject's indicators.
fn indicator_rules(
    view: &ChainView<'_>,
    rulebook: &Rulebook,
    subject: Subject,
    indicators: &[Indicator],
    year: FiscalYear,
    sink: &mut Sink<'_, '_>,
) {
    let log = view.indicators.get(&subject);
    sink.push(
        RuleId::K12,
        indicator_target::quarterly(indicators, log, year, view.as_of, rulebook),
    );
    sink.push(
        RuleId::D21,
        indicator_target::year_end(indicators, log, year, view.as_of),
    );
}

/// K-03 and indicators of a program.
pub(super) fn program(view: &ChainView<'_>, rulebook: &Rulebook, id: ProgramId, scope: Scope, sink: &mut Sink<'_, '_>) {
    let Some(p) = view.programs.get(&id) else {
        return;
    };
    let children = view
        .index
        .kegiatan_by_program
        .get(&id)
        .into_iter()
        .flatten()
        .filter_map(|k| view.kegiatan.get(k))
        .map(|k| k.pagu);
    sink.push(RuleId::K03, sub_kegiatan_budget::children(p.pagu, children));
    if scope == Scope::All {
        indicator_rules(view, rulebook, Subject::Program(id), &p.indicators, p.fiscal_year, sink);
    }
}

/// K-02, K-03 and indicators of a kegiatan.
pub(super) fn kegiatan(
    view: &ChainView<'_>,
    rulebook: &Rulebook,
    id: KegiatanId,
    scope: Scope,
    sink: &mut Sink<'_, '_>,
) {
    let Some(k) = view.kegiatan.get(&id) else {
        return;
    };
    let level = match view.region {
        Some(region) => region_level::check_level(k.code.level(), &k.code.to_string(), region.level),
        None => Verdict::missing("the region's level of government"),
    };
    sink.push(RuleId::K02, level);
    let children = view
        .index
        .sub_kegiatan_by_kegiatan
        .get(&id)
        .into_iter()
        .flatten()
        .filter_map(|sk| view.sub_kegiatan.get(sk))
        .map(|sk| sk.pagu());
    sink.push(RuleId::K03, sub_kegiatan_budget::children(k.pagu, children));
    if scope == Scope::All {
        indicator_rules(
            view,
            rulebook,
            Subject::Kegiatan(id),
            &k.indicators,
            k.fiscal_year,
            sink,
        );
    }
}

/// K-02, K-03 (the packages drawing on it) and indicators of a sub-kegiatan.
pub(super) fn sub_kegiatan(
    view: &ChainView<'_>,
    rulebook: &Rulebook,
    id: SubKegiatanId,
    scope: Scope,
    sink: &mut Sink<'_, '_>,
) {
    let Some(sk) = view.sub_kegiatan.get(&id) else {
        return;
    };
    let level = match view.region {
        Some(region) => region_level::check(sk.code(), region.level),
        None => Verdict::missing("the region's level of government"),
    };
    sink.push(RuleId::K02, level);
    let drawn: Vec<Money> = view
        .index
        .packages_by_sub_kegiatan
        .get(&id)
        .into_iter()
        .flatten()
        .filter_map(|p| view.packages.get(p))
        .filter(|p| !matches!(p, Package::Cancelled(_)))
        .flat_map(|p| {
            p.spec()
                .funding
                .iter()
                .filter(|l| l.sub_kegiatan == id)
                .map(|l| l.amount)
        })
        .collect();
    sink.push(RuleId::K03, sub_kegiatan_budget::check(sk.pagu(), drawn));
    if scope == Scope::All {
        indicator_rules(
            view,
            rulebook,
            Subject::SubKegiatan(id),
            sk.indicators(),
            sk.fiscal_year(),
            sink,
        );
    }
}

/// P-01/P-02, P-03, K-07 and (once announced) P-06 of a package.
pub(super) fn package(view: &ChainView<'_>, rulebook: &Rulebook, id: PackageId, sink: &mut Sink<'_, '_>) {
    let Some(package) = view.packages.get(&id) else {
        return;
    };
    let spec = package.spec();
    let (rule, verdict) = pl_ceiling::check(spec.jenis, spec.metode, spec.pagu, spec.selection.start, rulebook);
    sink.push(rule, verdict);
    sink.push(RuleId::P03, method_fit::check(spec.jenis, spec.metode));
    let lines: Vec<mak_fit::Line<'_>> = spec
        .funding
        .iter()
        .map(|l| mak_fit::Line {
            mak: &l.mak,
            amount: l.amount,
            sub_kegiatan: view
                .sub_kegiatan
                .get(&l.sub_kegiatan)
                .map(|sk| (sk.code(), sk.organisation())),
        })
        .collect();
    sink.push(RuleId::K07, mak_fit::check(spec.organisation, &lines));
    if let Some(announced) = package.as_announced() {
        sink.push(
            RuleId::P06,
            umk_reservation::check(spec, announced.announced_on(), rulebook),
        );
    }
}
