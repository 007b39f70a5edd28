//! K-05: the procurement's pagu, jenis and metode must match its announced plan (Σ pagu of the
//! linked RUP packages; `domain-rules.md` §8.6). Also D4 of the peer synthesis (method differs
//! from plan) and Open Contracting R012/R010. A catalogue order is one of possibly several orders
//! of its e-purchasing package: its own value is not compared with the package's pagu; the
//! engine compares the orders' total ([`orders_within_pagu`]). Doc page: `docs/rules/K-05.md`.

use std::collections::BTreeSet;

use rantai_core::{Evidence, MetodePemilihan, Money, Verdict};

use crate::tender::{PlanLink, TenderSpec};

/// K-05 for a procurement and its plan link.
///
/// # Example
///
/// ```
/// # use rantai_procurement::rules::plan_consistency;
/// # use rantai_core::{MetodePemilihan, Verdict};
/// let (mut spec, plan) = rantai_procurement::fixtures::tender_with_plan();
/// assert_eq!(plan_consistency::check(&spec, &plan), Verdict::Pass);
/// spec.metode = MetodePemilihan::PenunjukanLangsung; // planned as Tender
/// let Verdict::Violated(ev) = plan_consistency::check(&spec, &plan) else { panic!() };
/// assert_eq!(ev.get("actual_metode").unwrap().to_string(), "Penunjukan Langsung");
/// ```
pub fn check(spec: &TenderSpec, plan: &PlanLink) -> Verdict {
    let PlanLink::Announced { packages } = plan else {
        return Verdict::missing("announced RUP package to compare with");
    };
    let planned_pagu = match Money::try_sum(packages.iter().map(|p| &p.spec().pagu)) {
        Ok(sum) => sum,
        Err(e) => return Verdict::missing(format!("a summable planned pagu ({e})")),
    };
    let jenis: BTreeSet<_> = packages.iter().map(|p| p.spec().jenis).collect();
    let metode: BTreeSet<_> = packages.iter().map(|p| p.spec().metode).collect();
    let mut evidence = Evidence::new();
    if planned_pagu != spec.pagu && spec.metode != MetodePemilihan::EPurchasing {
        evidence = evidence
            .with("planned_pagu", planned_pagu)
            .with("actual_pagu", spec.pagu);
    }
    if !(jenis.len() == 1 && jenis.contains(&spec.jenis)) {
        let planned = jenis.iter().map(|j| j.label()).collect::<Vec<_>>().join(";");
        evidence = evidence
            .with("planned_jenis", planned)
            .with("actual_jenis", spec.jenis.label());
    }
    if !(metode.len() == 1 && metode.contains(&spec.metode)) {
        let planned = metode.iter().map(|m| m.label()).collect::<Vec<_>>().join(";");
        evidence = evidence
            .with("planned_metode", planned)
            .with("actual_metode", spec.metode.label());
    }
    if evidence.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Violated(evidence)
    }
}

/// Whether two procurements may take the same RUP package: catalogue orders of an e-purchasing
/// package, which is often ordered in several deliveries. Any other second procurement of a
/// package consumes its plan line twice (D1).
pub fn may_share_package(a: MetodePemilihan, b: MetodePemilihan) -> bool {
    a == MetodePemilihan::EPurchasing && b == MetodePemilihan::EPurchasing
}

/// K-05 for a catalogue order: the standing orders of its packages (`orders`, this one
/// included) within the packages' planned pagu (`planned`, one per package). The chain calls it
/// before an order is announced, the engine after it is recorded.
///
/// ```
/// use rantai_core::{Money, Verdict};
/// use rantai_procurement::rules::plan_consistency::catalogue_orders;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let planned = [rp(300_000_000), rp(200_000_000)];
/// assert_eq!(catalogue_orders(&planned, &[rp(450_000_000)]), Verdict::Pass);
/// assert!(matches!(catalogue_orders(&planned, &[rp(450_000_000), rp(60_000_000)]), Verdict::Violated(_)));
/// ```
pub fn catalogue_orders<'a>(planned: impl IntoIterator<Item = &'a Money>, orders: &[Money]) -> Verdict {
    match Money::try_sum(planned) {
        Ok(planned) => orders_within_pagu(planned, orders),
        Err(e) => Verdict::missing(format!("a summable planned pagu ({e})")),
    }
}

/// K-05 for the catalogue orders of e-purchasing packages: together, the `orders` (their values)
/// stay within the packages' planned pagu.
///
/// ```
/// use rantai_core::{Money, Verdict};
/// use rantai_procurement::rules::plan_consistency::orders_within_pagu;
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(orders_within_pagu(rp(500_000_000), &[rp(300_000_000), rp(200_000_000)]), Verdict::Pass);
/// assert!(matches!(orders_within_pagu(rp(500_000_000), &[rp(300_000_000), rp(250_000_000)]), Verdict::Violated(_)));
/// ```
pub fn orders_within_pagu(planned_pagu: Money, orders: &[Money]) -> Verdict {
    let total = match Money::try_sum(orders.iter()) {
        Ok(total) => total,
        Err(e) => return Verdict::missing(format!("a summable total of the orders ({e})")),
    };
    if total <= planned_pagu {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("planned_pagu", planned_pagu)
            .with("ordered_total", total)
            .with("orders", i64::try_from(orders.len()).unwrap_or(i64::MAX)),
    )
}
