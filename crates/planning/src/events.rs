//! Planning events: what happened to the plan, in the past tense.

use chrono::NaiveDate;
use rantai_core::PackageId;
use serde::{Deserialize, Serialize};

use crate::budget_structure::BudgetStructure;
use crate::hierarchy::{Kegiatan, Program};
use crate::package::PackageSpec;
use crate::sub_kegiatan::SubKegiatan;

/// Something that happened in planning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum PlanningEvent {
    /// An organisation's budget structure for a year was registered.
    BudgetStructureRegistered {
        /// The structure.
        budget: BudgetStructure,
    },
    /// A program was registered.
    ProgramRegistered {
        /// The program.
        program: Program,
    },
    /// A kegiatan was registered.
    KegiatanRegistered {
        /// The kegiatan.
        kegiatan: Kegiatan,
    },
    /// A sub-kegiatan with its pagu was registered.
    SubKegiatanRegistered {
        /// The sub-kegiatan.
        sub_kegiatan: SubKegiatan,
    },
    /// A RUP package was drafted.
    PackageDrafted {
        /// Its plan data.
        spec: PackageSpec,
    },
    /// A RUP package was announced in SIRUP.
    PackageAnnounced {
        /// The package.
        package: PackageId,
        /// The announcement date.
        on: NaiveDate,
    },
    /// An announced package was revised; the previous version is kept.
    PackageRevised {
        /// The new version.
        spec: PackageSpec,
        /// Why.
        reason: String,
        /// When.
        on: NaiveDate,
    },
    /// Several packages were consolidated (konsolidasi) into a new draft package; each source is
    /// withdrawn with the new package named as the reason.
    PackagesConsolidated {
        /// The new package (its `flags.konsolidasi` is set).
        into: PackageSpec,
        /// The packages it replaces.
        from: Vec<PackageId>,
        /// When.
        on: NaiveDate,
    },
    /// A package was withdrawn from the plan.
    PackageCancelled {
        /// The package.
        package: PackageId,
        /// Why.
        reason: String,
        /// When.
        on: NaiveDate,
    },
}

impl PlanningEvent {
    /// The event's name.
    pub fn name(&self) -> &'static str {
        match self {
            PlanningEvent::BudgetStructureRegistered { .. } => "BudgetStructureRegistered",
            PlanningEvent::ProgramRegistered { .. } => "ProgramRegistered",
            PlanningEvent::KegiatanRegistered { .. } => "KegiatanRegistered",
            PlanningEvent::SubKegiatanRegistered { .. } => "SubKegiatanRegistered",
            PlanningEvent::PackageDrafted { .. } => "PackageDrafted",
            PlanningEvent::PackageAnnounced { .. } => "PackageAnnounced",
            PlanningEvent::PackageRevised { .. } => "PackageRevised",
            PlanningEvent::PackageCancelled { .. } => "PackageCancelled",
            PlanningEvent::PackagesConsolidated { .. } => "PackagesConsolidated",
        }
    }

    /// The package the event is about, if any.
    pub fn package(&self) -> Option<PackageId> {
        match self {
            PlanningEvent::SubKegiatanRegistered { .. }
            | PlanningEvent::ProgramRegistered { .. }
            | PlanningEvent::BudgetStructureRegistered { .. }
            | PlanningEvent::KegiatanRegistered { .. } => None,
            PlanningEvent::PackageDrafted { spec } => Some(spec.id),
            PlanningEvent::PackageAnnounced { package, .. } | PlanningEvent::PackageCancelled { package, .. } => {
                Some(*package)
            }
            PlanningEvent::PackageRevised { spec, .. } => Some(spec.id),
            PlanningEvent::PackagesConsolidated { into, .. } => Some(into.id),
        }
    }
}
