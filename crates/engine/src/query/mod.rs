//! The query boundary: what a frontend, the HTTP API and the CLI's report read, as owned,
//! serialisable answers with JSON Schemas (`docs/schema/`), never the chain's raw state maps.
//!
//! A [`Snapshot`] is the chain as of one day with its findings; each query is a method of it.
//! `rantai_chain::Chain::trail` fills a [`Trail`] from the log; the HTTP API (`rantai-http`)
//! serves all of them, and its tests run them over the sample region.
//!
//! ```
//! use rantai_engine::query::{FindingFilter, Snapshot};
//! # fn show(snapshot: &Snapshot<'_>) -> Result<(), rantai_core::CoreError> {
//! let report = snapshot.region_report()?;
//! // The OPD furthest behind its plan comes first; OPDs with no progress report come last.
//! for row in &report.opd {
//!     println!("{} {} {:?}", row.rank, row.name, row.physical_deviation_pp);
//! }
//! let page = snapshot.findings(&FindingFilter { rule: Some(rantai_core::RuleId::K11), ..FindingFilter::default() });
//! println!("{} K-11 findings", page.total);
//! # Ok(()) }
//! ```

mod actions;
mod coverage;
mod findings;
mod opd;
mod region;
mod scurve;
mod trail;

use chrono::NaiveDate;
use rantai_core::{Finding, OrganisationId, Rulebook};

use crate::evaluate::ChainView;

pub use actions::{ActionCause, ActionFilter, ActionItem, ActionsPage, RoleCount};
pub use coverage::{MissingData, RuleCoverage};
pub use findings::{FindingFilter, FindingRow, FindingsPage, Status};
pub use opd::{OpdDetail, StageCount, StuckPackage};
pub use region::{DeviationData, OpdRow, RegionReport};
pub use scurve::{Scurve, ScurvePoint, ScurveScope};
pub use trail::{Trail, TrailStep};

/// The chain as of one day, with every outcome of the rules on that day: what every query reads.
#[derive(Clone, Copy)]
pub struct Snapshot<'a> {
    /// The chain's state, read as of [`Snapshot::as_of`].
    pub view: ChainView<'a>,
    /// The rulebook in force.
    pub rulebook: &'a Rulebook,
    /// Every outcome (found, not found, insufficient), as `evaluate` returns them.
    pub findings: &'a [Finding],
    /// The day the data describes.
    pub as_of: NaiveDate,
}

impl<'a> Snapshot<'a> {
    /// A snapshot of `view` as of `as_of` with its outcomes.
    pub fn new(view: ChainView<'a>, rulebook: &'a Rulebook, findings: &'a [Finding], as_of: NaiveDate) -> Self {
        Snapshot {
            view: view.as_of(as_of),
            rulebook,
            findings,
            as_of,
        }
    }

    /// The organisation whose `kd_satker_str` is `code`.
    pub fn organisation_by_code(&self, code: rantai_core::OrgCode) -> Option<OrganisationId> {
        self.view.organisation_by_code(code)
    }
}
