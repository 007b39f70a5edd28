//! K-03 (coverage half) and P-07: two shares of an organisation's procurement spending
//! (belanja pengadaan). RUP coverage — the pagu of the RUP packages announced by 31 March ÷
//! belanja pengadaan — should reach 100 % (Perpres 16/2018 Pasal 22; the Kalbar dashboard's
//! "Persentase Capaian RUP" at 31 March). The pagu reserved for micro and small business ÷
//! belanja pengadaan must be at least 40 % (Perpres 12/2021 Pasal 65(3)). Doc pages:
//! `docs/rules/K-03.md`, `docs/rules/P-07.md`.

use rantai_core::param;
use rantai_core::{Evidence, FiscalYear, Money, Quarter, Rulebook, Verdict};

/// K-03 coverage for an organisation: `announced_by_march` is the pagu announced by 31 March.
///
/// # Example
///
/// ```
/// use rantai_core::{FiscalYear, Money, Rulebook, Verdict};
/// use rantai_planning::rules::rup_coverage;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let year = FiscalYear::new(2025).unwrap();
/// let book = Rulebook::standard();
/// assert_eq!(rup_coverage::coverage(Some(rp(1_000)), rp(1_000), year, book), Verdict::Pass);
/// assert!(matches!(rup_coverage::coverage(Some(rp(1_000)), rp(850), year, book), Verdict::Violated(_)));
/// assert!(matches!(rup_coverage::coverage(None, rp(850), year, book), Verdict::Insufficient(_)));
/// ```
pub fn coverage(
    belanja_pengadaan: Option<Money>,
    announced_by_march: Money,
    year: FiscalYear,
    rulebook: &Rulebook,
) -> Verdict {
    let march = year.quarter_end(Quarter::Q1);
    let Some(budget) = belanja_pengadaan else {
        return Verdict::missing("the organisation's belanja pengadaan (RUP-StrukturAnggaranPD)");
    };
    let Ok(min) = rulebook.get(param::k03::MIN_COVERAGE, march) else {
        return Verdict::missing(format!("K-03 coverage threshold in force on {march}"));
    };
    let Some(share) = announced_by_march.ratio_of(budget) else {
        return Verdict::Pass;
    };
    if share >= min {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("as_of", march)
            .with("belanja_pengadaan", budget)
            .with("rup_announced", announced_by_march)
            .with("coverage", share)
            .with("min_coverage", min),
    )
}

/// P-07 for an organisation: `umk_pagu` is the pagu of its announced packages reserved for micro
/// and small business.
pub fn umk_share(belanja_pengadaan: Option<Money>, umk_pagu: Money, year: FiscalYear, rulebook: &Rulebook) -> Verdict {
    let on = year.first_day();
    let Some(budget) = belanja_pengadaan else {
        return Verdict::missing("the organisation's belanja pengadaan (RUP-StrukturAnggaranPD)");
    };
    let Ok(min) = rulebook.get(param::p07::MIN_SHARE, on) else {
        return Verdict::missing(format!("P-07 share in force on {on}"));
    };
    let Some(share) = umk_pagu.ratio_of(budget) else {
        return Verdict::Pass;
    };
    if share >= min {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("belanja_pengadaan", budget)
            .with("umk_pagu", umk_pagu)
            .with("umk_share", share)
            .with("min_share", min),
    )
}
