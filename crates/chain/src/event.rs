//! The chain's event: every stage's events under one type, plus the region's own (founding,
//! organisations, actors).

use rantai_budgeting::BudgetingEvent;
use rantai_core::{Actor, Organisation, RegionProfile};
use rantai_monev::MonevEvent;
use rantai_planning::PlanningEvent;
use rantai_procurement::ProcurementEvent;
use serde::{Deserialize, Serialize};

/// Something that happened to the region itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum RegionEvent {
    /// The chain was started for a region by its first actor.
    RegionFounded {
        /// The region.
        profile: RegionProfile,
        /// The founding actor (holds Kepala Daerah authority to appoint others).
        founder: Actor,
    },
    /// An organisation was registered.
    OrganisationRegistered {
        /// The organisation.
        organisation: Organisation,
    },
    /// An actor was registered with their roles (or re-registered with new ones).
    ActorRegistered {
        /// The actor.
        actor: Actor,
    },
    /// Holidays were added to the region's working-day calendar.
    HolidaysDeclared {
        /// The days.
        holidays: Vec<chrono::NaiveDate>,
    },
    /// A provider's owners and controllers were declared (replacing an earlier declaration).
    OwnershipDeclared {
        /// The declaration.
        ownership: rantai_procurement::Ownership,
        /// Recorded by the APIP or the Kepala Daerah rather than declared by the provider.
        #[serde(default)]
        by_authority: bool,
    },
}

/// One event of the chain, from any stage. Events are versioned by this shape; the envelope's
/// `schema` field says which version wrote them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "stage", content = "event", rename_all = "snake_case")]
pub enum Event {
    /// Region set-up.
    Region(RegionEvent),
    /// e-planning.
    Planning(PlanningEvent),
    /// e-procurement.
    Procurement(ProcurementEvent),
    /// e-budgeting.
    Budgeting(BudgetingEvent),
    /// e-monev.
    Monev(MonevEvent),
}

impl Event {
    /// The event's name, e.g. `TenderAnnounced`.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Region(RegionEvent::RegionFounded { .. }) => "RegionFounded",
            Event::Region(RegionEvent::OrganisationRegistered { .. }) => "OrganisationRegistered",
            Event::Region(RegionEvent::ActorRegistered { .. }) => "ActorRegistered",
            Event::Region(RegionEvent::HolidaysDeclared { .. }) => "HolidaysDeclared",
            Event::Region(RegionEvent::OwnershipDeclared { .. }) => "OwnershipDeclared",
            Event::Planning(e) => e.name(),
            Event::Procurement(e) => e.name(),
            Event::Budgeting(e) => e.name(),
            Event::Monev(e) => e.name(),
        }
    }
}
