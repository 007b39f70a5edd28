//! Separation of duties among the officials of one organisation (Perlem LKPP 15/2018 "Pelaku
//! Pengadaan"; PP 12/2019): R-01 the PPK is not also the PPSPM or a Bendahara (Pasal 6(3));
//! R-02 a Pejabat Pengadaan or Pokja member is not also the PPSPM or a Bendahara (Pasal 8(4),
//! 9(4)); R-05 the PPK-SKPD is not also a Bendahara or a PPTK (PP 12/2019 [R?]); and R-04, the
//! KPA acting as PPK, allowed for APBD but recorded. R-06 — the procurement PPK and the finance
//! PPK-SKPD are different roles — holds by construction: they are distinct [`Role`] variants.
//! The "same package" half of R-01 (PPK ≠ the Pokja that selected) is not checked yet.
//! Doc pages: `docs/rules/R-01.md`, `R-02.md`, `R-04.md`, `R-05.md`.

use rantai_core::{Actor, Evidence, OrganisationId, Role, RuleId, Verdict};

/// The pairs of roles one person may not hold together in one organisation, by rule.
pub const PAIRS: [(RuleId, Role, Role); 9] = [
    (RuleId::R01, Role::Ppk, Role::Ppspm),
    (RuleId::R01, Role::Ppk, Role::Bendahara),
    (RuleId::R02, Role::PejabatPengadaan, Role::Ppspm),
    (RuleId::R02, Role::PejabatPengadaan, Role::Bendahara),
    (RuleId::R02, Role::PokjaMember, Role::Ppspm),
    (RuleId::R02, Role::PokjaMember, Role::Bendahara),
    (RuleId::R04, Role::Kpa, Role::Ppk),
    (RuleId::R05, Role::PpkSkpd, Role::Bendahara),
    (RuleId::R05, Role::PpkSkpd, Role::Pptk),
];

/// The rules this module judges.
pub const RULES: [RuleId; 4] = [RuleId::R01, RuleId::R02, RuleId::R04, RuleId::R05];

/// `rule` for one actor in one organisation: the first pair of roles of the rule the actor
/// holds together there (a region-wide grant counts in every organisation).
///
/// # Example
///
/// ```
/// use rantai_core::{Actor, ActorId, Grant, OrganisationId, Role, RuleId, Scope, Verdict};
/// use rantai_procurement::rules::separation;
/// let dinas = OrganisationId::from_u128(1);
/// let grant = |role| Grant { role, scope: Scope::Organisation(dinas) };
/// let ppk = Actor::new(ActorId::from_u128(7), "PPK").with_grant(grant(Role::Ppk));
/// assert_eq!(separation::check(&ppk, dinas, RuleId::R01), Verdict::Pass);
/// let both = ppk.with_grant(grant(Role::Bendahara));
/// let Verdict::Violated(ev) = separation::check(&both, dinas, RuleId::R01) else { panic!() };
/// assert_eq!(ev.get("roles").unwrap().to_string(), "PPK + Bendahara Pengeluaran");
/// ```
pub fn check(actor: &Actor, organisation: OrganisationId, rule: RuleId) -> Verdict {
    let held = |role| actor.holds(role, Some(organisation));
    PAIRS
        .iter()
        .filter(|(r, a, b)| *r == rule && held(*a) && held(*b))
        .map(|(_, a, b)| {
            Verdict::Violated(
                Evidence::new()
                    .with("actor", actor.id().to_string())
                    .with("roles", format!("{} + {}", a.label(), b.label())),
            )
        })
        .next()
        .unwrap_or(Verdict::Pass)
}

/// The organisations in which an actor holds a role of its own (organisation-scoped grants).
pub fn organisations(actor: &Actor) -> impl Iterator<Item = OrganisationId> + '_ {
    actor.grants().filter_map(|g| match g.scope {
        rantai_core::Scope::Organisation(o) => Some(o),
        rantai_core::Scope::Region => None,
    })
}
