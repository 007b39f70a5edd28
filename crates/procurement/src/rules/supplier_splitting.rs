//! D17 of the peer synthesis, per supplier: one organisation gives one provider several
//! non-competitive contracts (Pengadaan Langsung, Penunjukan Langsung) of one jenis in one year,
//! each under the Pengadaan Langsung ceiling, that together exceed it — the pattern of OCP R011,
//! R049 and R055 (repeated direct awards to one supplier just under the threshold). P-08 catches
//! splitting in the plan; D17 catches it in the contracts actually signed. Doc page:
//! `docs/rules/D17.md`.

use rantai_core::param;
use std::collections::BTreeMap;

use rantai_core::{
    ActorId, ContractId, Evidence, FiscalYear, JenisPengadaan, MetodePemilihan, Money, OrganisationId, Rulebook,
    Verdict,
};
use rantai_planning::rules::pl_ceiling;

use crate::contract::ContractTerms;

/// One signed contract as D17 sees it.
#[derive(Clone, Copy, Debug)]
pub struct Awarded<'a> {
    /// The contract's terms.
    pub terms: &'a ContractTerms,
    /// The method of the procurement that led to it.
    pub metode: MetodePemilihan,
}

/// The group a D17 verdict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SupplierKey {
    /// The organisation.
    pub organisation: OrganisationId,
    /// The provider.
    pub provider: ActorId,
    /// The jenis.
    pub jenis: JenisPengadaan,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
}

/// D17 over one organisation's contracts: a verdict per group of at least `min_contracts`
/// non-competitive contracts to one provider, in key order.
///
/// # Example
///
/// ```
/// # use rantai_procurement::{rules::supplier_splitting::{check, Awarded}, fixtures};
/// # use rantai_core::{ContractId, MetodePemilihan, Money, Rulebook, Verdict, JenisPengadaan};
/// let mut a = fixtures::signed_contract().terms().clone();
/// a.jenis = JenisPengadaan::Barang;
/// a.spec.value = Money::from_rupiah(190_000_000)?; // under the Rp200 juta goods ceiling
/// let mut b = a.clone();
/// b.spec.id = ContractId::from_u128(2);
/// b.spec.value = Money::from_rupiah(150_000_000)?;
/// let pl = |t| Awarded { terms: t, metode: MetodePemilihan::PengadaanLangsung };
/// let groups = check([pl(&a), pl(&b)], Rulebook::standard());
/// let Verdict::Violated(ev) = &groups[0].1 else { panic!() };
/// assert_eq!(ev.get("total").unwrap().to_string(), "Rp340.000.000");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check<'a>(contracts: impl IntoIterator<Item = Awarded<'a>>, rulebook: &Rulebook) -> Vec<(SupplierKey, Verdict)> {
    let mut groups: BTreeMap<SupplierKey, Vec<&ContractTerms>> = BTreeMap::new();
    for c in contracts {
        if !matches!(
            c.metode,
            MetodePemilihan::PengadaanLangsung | MetodePemilihan::PenunjukanLangsung
        ) {
            continue;
        }
        let key = SupplierKey {
            organisation: c.terms.organisation,
            provider: c.terms.provider,
            jenis: c.terms.jenis,
            fiscal_year: c.terms.fiscal_year,
        };
        groups.entry(key).or_default().push(c.terms);
    }
    let mut out = Vec::new();
    for (key, mut terms) in groups {
        let Some(first) = terms.iter().map(|t| t.spec.signed_on).min() else {
            continue;
        };
        let Ok(min) = rulebook.get(param::d17::MIN_CONTRACTS, first) else {
            out.push((key, Verdict::missing(format!("D17 min_contracts in force on {first}"))));
            continue;
        };
        if terms.len() < usize::try_from(min).unwrap_or(usize::MAX) {
            continue;
        }
        let Some(ceiling) = pl_ceiling::ceiling(key.jenis, first, rulebook) else {
            out.push((
                key,
                Verdict::missing(format!("the Pengadaan Langsung ceiling in force on {first}")),
            ));
            continue;
        };
        terms.sort_by_key(|t| (t.spec.signed_on, t.spec.id));
        let each_under = terms.iter().all(|t| t.spec.value <= ceiling);
        let total = terms
            .iter()
            .try_fold(Money::ZERO, |acc, t| acc.checked_add(t.spec.value));
        let verdict = match total {
            Ok(total) if each_under && total > ceiling => {
                let ids: Vec<ContractId> = terms.iter().map(|t| t.spec.id).collect();
                Verdict::Violated(
                    Evidence::new()
                        .with("provider", key.provider.to_string())
                        .with("jenis", key.jenis.label())
                        .with("contracts", i64::try_from(ids.len()).unwrap_or(i64::MAX))
                        .with("total", total)
                        .with("ceiling", ceiling)
                        .with(
                            "nomor",
                            terms
                                .iter()
                                .map(|t| t.spec.nomor.to_string())
                                .collect::<Vec<_>>()
                                .join("; "),
                        )
                        .with("first_signed_on", first),
                )
            }
            Ok(_) => Verdict::Pass,
            Err(e) => Verdict::missing(format!("a summable contract total ({e})")),
        };
        out.push((key, verdict));
    }
    out
}
