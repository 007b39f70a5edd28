//! `ChainIndex`: what the engine looks up by organisation, parent or contract, kept up to date
//! event by event so that re-evaluating one subject never scans the whole region.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rantai_budgeting::DpaLineSpec;
use rantai_core::{
    ContractId, DpaLineId, FiscalYear, KegiatanId, Money, OrganisationId, PackageId, ProcurementId, ProgramId,
    SubKegiatanId,
};
use rantai_planning::{Kegiatan, Package, SubKegiatan};
use rantai_procurement::{Contract, PlanLink, Procurement};

/// Payments of one contract across all DPA lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContractPayments {
    /// Σ SP2D.
    pub paid: Money,
    /// Date of the latest SP2D.
    pub last_paid_on: Option<NaiveDate>,
}

impl ContractPayments {
    /// Adds one SP2D.
    pub fn add(&mut self, amount: Money, paid_on: NaiveDate) {
        self.paid += amount;
        self.last_paid_on = self.last_paid_on.max(Some(paid_on));
    }
}

/// What a package is indexed under: its organisation and the sub-kegiatan it draws on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageKeys {
    /// The package.
    pub id: PackageId,
    /// Its organisation.
    pub organisation: OrganisationId,
    /// The sub-kegiatan of its funding lines.
    pub sub_kegiatan: Vec<SubKegiatanId>,
}

impl PackageKeys {
    /// The keys of a package.
    pub fn of(package: &Package) -> PackageKeys {
        let spec = package.spec();
        PackageKeys {
            id: spec.id,
            organisation: spec.organisation,
            sub_kegiatan: spec.funding.iter().map(|l| l.sub_kegiatan).collect(),
        }
    }
}

/// Lookups the engine needs, maintained as events arrive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainIndex {
    /// Σ SP2D per contract.
    pub payments: BTreeMap<ContractId, ContractPayments>,
    /// Packages of each organisation.
    pub packages_by_org: BTreeMap<OrganisationId, BTreeSet<PackageId>>,
    /// Packages drawing on each sub-kegiatan.
    pub packages_by_sub_kegiatan: BTreeMap<SubKegiatanId, BTreeSet<PackageId>>,
    /// Sub-kegiatan under each kegiatan.
    pub sub_kegiatan_by_kegiatan: BTreeMap<KegiatanId, BTreeSet<SubKegiatanId>>,
    /// Kegiatan under each program.
    pub kegiatan_by_program: BTreeMap<ProgramId, BTreeSet<KegiatanId>>,
    /// Contracts of each organisation.
    pub contracts_by_org: BTreeMap<OrganisationId, BTreeSet<ContractId>>,
    /// DPA lines of each sub-kegiatan.
    pub lines_by_sub_kegiatan: BTreeMap<SubKegiatanId, BTreeSet<DpaLineId>>,
    /// The procurement that first took each announced package (a failed one gives it back).
    pub procured: BTreeMap<PackageId, ProcurementId>,
    /// The procurements citing each SIRUP code, failed ones included (T-09's follow-up).
    pub procurements_by_kd_rup: BTreeMap<rantai_core::KodeRup, BTreeSet<ProcurementId>>,
    /// Actors holding an organisation-scoped role in each organisation.
    pub actors_by_org: BTreeMap<OrganisationId, BTreeSet<rantai_core::ActorId>>,
    /// Years for which the region records PP 39/2006 submissions.
    pub reporting_years: BTreeSet<FiscalYear>,
}

impl ChainIndex {
    /// A package was created or changed (`before` holds the keys of its previous state).
    pub fn package(&mut self, before: Option<PackageKeys>, after: &Package) {
        if let Some(b) = before {
            remove(&mut self.packages_by_org, b.organisation, &b.id);
            for sk in &b.sub_kegiatan {
                remove(&mut self.packages_by_sub_kegiatan, *sk, &b.id);
            }
        }
        let spec = after.spec();
        self.packages_by_org
            .entry(spec.organisation)
            .or_default()
            .insert(spec.id);
        for line in &spec.funding {
            self.packages_by_sub_kegiatan
                .entry(line.sub_kegiatan)
                .or_default()
                .insert(spec.id);
        }
    }

    /// An actor was registered (or registered again with other grants: `before`).
    pub fn actor(&mut self, before: Option<&rantai_core::Actor>, after: &rantai_core::Actor) {
        if let Some(b) = before {
            for o in rantai_procurement::rules::separation::organisations(b) {
                remove(&mut self.actors_by_org, o, &b.id());
            }
        }
        for o in rantai_procurement::rules::separation::organisations(after) {
            self.actors_by_org.entry(o).or_default().insert(after.id());
        }
    }

    /// A kegiatan was registered.
    pub fn kegiatan(&mut self, k: &Kegiatan) {
        self.kegiatan_by_program.entry(k.program).or_default().insert(k.id);
    }

    /// A sub-kegiatan was registered.
    pub fn sub_kegiatan(&mut self, sk: &SubKegiatan) {
        if let Some(k) = sk.kegiatan() {
            self.sub_kegiatan_by_kegiatan.entry(k).or_default().insert(sk.id());
        }
    }

    /// A tender was announced on a plan.
    pub fn tender(&mut self, procurement: ProcurementId, plan: &PlanLink) {
        if let PlanLink::Announced { packages } = plan {
            for p in packages {
                self.procured.entry(p.id()).or_insert(procurement);
            }
        }
        for code in plan.kd_rup() {
            self.procurements_by_kd_rup.entry(code).or_default().insert(procurement);
        }
    }

    /// A procurement failed: its packages are free for the next procurement.
    pub fn failed(&mut self, procurement: ProcurementId) {
        self.procured.retain(|_, p| *p != procurement);
    }

    /// A contract was signed.
    pub fn contract(&mut self, contract: &Contract) {
        let terms = contract.terms();
        self.contracts_by_org
            .entry(terms.organisation)
            .or_default()
            .insert(terms.spec.id);
    }

    /// A DPA line was opened.
    pub fn line(&mut self, spec: &DpaLineSpec) {
        self.lines_by_sub_kegiatan
            .entry(spec.sub_kegiatan)
            .or_default()
            .insert(spec.id);
    }

    /// An SP2D paid a contract from a line (the year's absorption is kept by the budget book).
    pub fn payment(&mut self, contract: ContractId, amount: Money, paid_on: NaiveDate) {
        self.payments.entry(contract).or_default().add(amount, paid_on);
    }

    /// A PP 39/2006 report was submitted for a year; returns whether it is the year's first.
    pub fn reporting_year(&mut self, year: FiscalYear) -> bool {
        self.reporting_years.insert(year)
    }
}

fn remove<K: Ord, V: Ord>(map: &mut BTreeMap<K, BTreeSet<V>>, key: K, value: &V) {
    if let Some(set) = map.get_mut(&key) {
        set.remove(value);
        if set.is_empty() {
            map.remove(&key);
        }
    }
}

/// What P-09 needs of the procurement `cited` that a Penunjukan Langsung of the SIRUP codes
/// `codes` names as its failed re-tender: whether it failed, shares a package with it, and was
/// itself a re-tender (an earlier procurement of one of its packages failed). `None` when it is
/// not in `procurements`.
pub fn cited_retender(
    procurements: &BTreeMap<ProcurementId, Procurement>,
    index: &ChainIndex,
    codes: &[rantai_core::KodeRup],
    cited: ProcurementId,
) -> Option<rantai_procurement::rules::direct_basis::Cited> {
    let p = procurements.get(&cited)?;
    let theirs = p.plan().kd_rup();
    let retender = theirs
        .iter()
        .filter_map(|code| index.procurements_by_kd_rup.get(code))
        .flatten()
        .filter(|other| **other != cited)
        .filter_map(|other| procurements.get(other))
        .any(|other| other.failure().is_some() && other.spec().announced_on <= p.spec().announced_on);
    Some(rantai_procurement::rules::direct_basis::Cited {
        failed: p.failure().is_some(),
        same_package: theirs.iter().any(|code| codes.contains(code)),
        retender,
    })
}

/// The values of the standing catalogue orders of the SIRUP codes `codes` (K-05): every
/// e-purchasing procurement citing one of them that has not failed, plus `also` (an order whose
/// package has no code), each at its award price, or its own value until confirmed.
pub fn standing_orders(
    procurements: &BTreeMap<ProcurementId, Procurement>,
    index: &ChainIndex,
    codes: &[rantai_core::KodeRup],
    also: Option<ProcurementId>,
) -> Vec<rantai_core::Money> {
    let ids: std::collections::BTreeSet<ProcurementId> = codes
        .iter()
        .filter_map(|code| index.procurements_by_kd_rup.get(code))
        .flatten()
        .copied()
        .chain(also)
        .collect();
    ids.iter()
        .filter_map(|id| procurements.get(id))
        .filter(|p| p.spec().metode == rantai_core::MetodePemilihan::EPurchasing && p.failure().is_none())
        .map(|p| p.award().map_or(p.spec().pagu, |a| a.price))
        .collect()
}
