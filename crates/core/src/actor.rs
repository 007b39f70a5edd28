//! Actors and the roles they hold (pelaku pengadaan and pengelola keuangan daerah), scoped to an
//! organisation or to the whole region.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::ids::{ActorId, OrganisationId};

/// A role in planning, procurement, budget execution or oversight.
///
/// "PPK" in procurement (Pejabat Pembuat Komitmen) and "PPK-SKPD" in finance (Pejabat
/// Penatausahaan Keuangan) are different roles (R-06) and different variants here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Pengguna Anggaran — head of the SKPD, holds the budget.
    Pa,
    /// Kuasa Pengguna Anggaran — delegated budget holder.
    Kpa,
    /// Pejabat Pembuat Komitmen — commits spending, sets HPS, signs and controls contracts.
    Ppk,
    /// Member of a Pokja Pemilihan in the UKPBJ — runs tenders and seleksi.
    PokjaMember,
    /// Pejabat Pengadaan — runs Pengadaan Langsung, small Penunjukan Langsung and e-purchasing.
    PejabatPengadaan,
    /// Pejabat Pelaksana Teknis Kegiatan — runs a sub-kegiatan technically, prepares SPP.
    Pptk,
    /// Pejabat Penatausahaan Keuangan SKPD — verifies SPP, prepares SPM (not the PPK).
    PpkSkpd,
    /// Bendahara Pengeluaran — manages UP/GU/TU cash and pays.
    Bendahara,
    /// Pejabat Penandatangan SPM.
    Ppspm,
    /// Bendahara Umum Daerah (or Kuasa BUD) — issues SPD and SP2D.
    Bud,
    /// Aparat Pengawasan Intern Pemerintah — the Inspektorat.
    Apip,
    /// Bappeda — the regional planning agency (plans, evaluates).
    Bappeda,
    /// Kepala Daerah — the regional head.
    KepalaDaerah,
    /// Penyedia — a provider (company or person) that bids and executes contracts.
    Provider,
    /// Sekretaris Daerah — the regional secretary: coordinates the OPDs and chairs the TAPD; reads
    /// the whole region beside the Kepala Daerah (last in the list so that older grants keep their
    /// order).
    Sekda,
}

impl Role {
    /// All roles.
    pub const ALL: [Role; 15] = [
        Role::Pa,
        Role::Kpa,
        Role::Ppk,
        Role::PokjaMember,
        Role::PejabatPengadaan,
        Role::Pptk,
        Role::PpkSkpd,
        Role::Bendahara,
        Role::Ppspm,
        Role::Bud,
        Role::Apip,
        Role::Bappeda,
        Role::KepalaDaerah,
        Role::Provider,
        Role::Sekda,
    ];

    /// The official abbreviation or name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Pa => "PA",
            Role::Kpa => "KPA",
            Role::Ppk => "PPK",
            Role::PokjaMember => "Pokja Pemilihan",
            Role::PejabatPengadaan => "Pejabat Pengadaan",
            Role::Pptk => "PPTK",
            Role::PpkSkpd => "PPK-SKPD",
            Role::Bendahara => "Bendahara Pengeluaran",
            Role::Ppspm => "PPSPM",
            Role::Bud => "BUD",
            Role::Apip => "APIP",
            Role::Bappeda => "Bappeda",
            Role::KepalaDaerah => "Kepala Daerah",
            Role::Provider => "Penyedia",
            Role::Sekda => "Sekda",
        }
    }

    /// The stable snake-case key.
    pub fn key(self) -> &'static str {
        match self {
            Role::Pa => "pa",
            Role::Kpa => "kpa",
            Role::Ppk => "ppk",
            Role::PokjaMember => "pokja_member",
            Role::PejabatPengadaan => "pejabat_pengadaan",
            Role::Pptk => "pptk",
            Role::PpkSkpd => "ppk_skpd",
            Role::Bendahara => "bendahara",
            Role::Ppspm => "ppspm",
            Role::Bud => "bud",
            Role::Apip => "apip",
            Role::Bappeda => "bappeda",
            Role::KepalaDaerah => "kepala_daerah",
            Role::Provider => "provider",
            Role::Sekda => "sekda",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Role {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        Role::ALL
            .into_iter()
            .find(|r| r.key() == s || r.label().eq_ignore_ascii_case(s))
            .ok_or_else(|| CoreError::UnknownVariant {
                kind: "role",
                input: s.to_string(),
                expected: Role::ALL.map(|r| r.key()).join(", "),
            })
    }
}

/// Where a role is held: in one organisation, or across the region (BUD, Bappeda, APIP,
/// Kepala Daerah, Sekda, and providers, who may serve any organisation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(
    tag = "scope",
    content = "organisation",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Scope {
    /// The whole region.
    Region,
    /// One organisation.
    Organisation(OrganisationId),
}

/// One role held by an actor within a scope (a decree — SK — appoints it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// Where it is held.
    pub scope: Scope,
}

/// A person or provider who acts in the chain. The label is what reports show; it should not be
/// a personal name or NIP when reports are public.
///
/// # Example
///
/// ```
/// use rantai_core::{Actor, ActorId, Grant, OrganisationId, Role, Scope};
/// let dinas = OrganisationId::from_u128(1);
/// let ppk = Actor::new(ActorId::from_u128(7), "PPK Dinas PUTR")
///     .with_grant(Grant { role: Role::Ppk, scope: Scope::Organisation(dinas) });
/// assert!(ppk.holds(Role::Ppk, Some(dinas)));
/// assert!(!ppk.holds(Role::Ppk, Some(OrganisationId::from_u128(2))));
/// assert!(!ppk.holds(Role::Bud, None));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    id: ActorId,
    label: String,
    grants: BTreeSet<Grant>,
}

impl Actor {
    /// An actor with no roles yet.
    pub fn new(id: ActorId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
            grants: BTreeSet::new(),
        }
    }

    /// The same actor with one more grant.
    pub fn with_grant(mut self, grant: Grant) -> Self {
        self.grants.insert(grant);
        self
    }

    /// Adds a grant.
    pub fn grant(&mut self, grant: Grant) {
        self.grants.insert(grant);
    }

    /// The actor's id.
    pub fn id(&self) -> ActorId {
        self.id
    }

    /// The display label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The grants held.
    pub fn grants(&self) -> impl Iterator<Item = &Grant> {
        self.grants.iter()
    }

    /// Whether the actor holds `role` for `organisation`: a region-wide grant counts everywhere,
    /// an organisation's grant only there; `None` asks for a region-wide grant.
    pub fn holds(&self, role: Role, organisation: Option<OrganisationId>) -> bool {
        self.grants.iter().any(|g| {
            g.role == role
                && match (g.scope, organisation) {
                    (Scope::Region, _) => true,
                    (Scope::Organisation(_), None) => false,
                    (Scope::Organisation(o), Some(wanted)) => o == wanted,
                }
        })
    }
}
