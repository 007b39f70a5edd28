//! D2 of the peer synthesis: the procurement is run for another organisation than the one whose
//! RUP package it procures (Prozorro plan→tender validation). Every package of another
//! organisation is reported — including a UKPBJ procuring for several OPDs, which an auditor then
//! confirms against the consolidation decision. Doc page: `docs/rules/D2.md`.

use rantai_core::{Evidence, Verdict};

use crate::tender::{PlanLink, TenderSpec};

/// D2 for a procurement and its plan link.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::plan_organisation, fixtures};
/// # use rantai_core::{OrganisationId, Verdict};
/// let (mut spec, plan) = fixtures::tender_with_plan();
/// assert_eq!(plan_organisation::check(&spec, &plan), Verdict::Pass);
/// spec.organisation = OrganisationId::from_u128(9);
/// assert!(matches!(plan_organisation::check(&spec, &plan), Verdict::Violated(_)));
/// ```
pub fn check(spec: &TenderSpec, plan: &PlanLink) -> Verdict {
    let PlanLink::Announced { packages } = plan else {
        return Verdict::missing("announced RUP package to compare with");
    };
    let other: Vec<_> = packages
        .iter()
        .filter(|p| p.spec().organisation != spec.organisation)
        .collect();
    let Some(first) = other.first() else {
        return Verdict::Pass;
    };
    let mut evidence = Evidence::new()
        .with("procuring_organisation", spec.organisation.to_string())
        .with("plan_organisation", first.spec().organisation.to_string())
        .with(
            "packages_of_other_organisations",
            i64::try_from(other.len()).unwrap_or(i64::MAX),
        );
    if let Some(code) = first.spec().kd_rup {
        evidence = evidence.with("kd_rup", code.to_string());
    }
    Verdict::Violated(evidence)
}
