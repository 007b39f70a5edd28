//! The Permendagri 90/2019 hierarchy above the sub-kegiatan: programs (with outcome indicators)
//! and kegiatan, each with its pagu for one organisation and fiscal year, and the performance
//! indicators (target per year) that monitoring compares realisation with.

use std::collections::BTreeMap;

use rantai_core::{FiscalYear, KegiatanCode, KegiatanId, Money, OrganisationId, ProgramCode, ProgramId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::PlanningError;
use crate::events::PlanningEvent;

/// Whether an indicator measures an outcome (programs) or an output (kegiatan, sub-kegiatan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorLevel {
    /// Outcome (hasil), for programs.
    Outcome,
    /// Output (keluaran), for kegiatan and sub-kegiatan.
    Output,
}

/// A performance indicator (indikator kinerja) with its unit, baseline and yearly targets.
///
/// # Example
///
/// ```
/// use rantai_core::FiscalYear;
/// use rantai_planning::{Indicator, IndicatorLevel};
/// let ind = Indicator::new(IndicatorLevel::Output, "Jumlah Dokumen Rencana Tenaga Kerja Makro", "Dokumen")
///     .with_target(FiscalYear::new(2025)?, 1.into());
/// assert_eq!(ind.target(FiscalYear::new(2025)?), Some(1.into()));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Outcome or output.
    pub level: IndicatorLevel,
    /// What is measured.
    pub text: String,
    /// The unit (satuan).
    pub unit: String,
    /// The starting value, when known.
    pub baseline: Option<Decimal>,
    /// Target per fiscal year.
    pub targets: BTreeMap<FiscalYear, Decimal>,
}

impl Indicator {
    /// An indicator with no baseline or targets yet.
    pub fn new(level: IndicatorLevel, text: impl Into<String>, unit: impl Into<String>) -> Indicator {
        Indicator {
            level,
            text: text.into(),
            unit: unit.into(),
            baseline: None,
            targets: BTreeMap::new(),
        }
    }

    /// The same indicator with a target for a year.
    pub fn with_target(mut self, year: FiscalYear, target: Decimal) -> Indicator {
        self.targets.insert(year, target);
        self
    }

    /// The target for a year.
    pub fn target(&self, year: FiscalYear) -> Option<Decimal> {
        self.targets.get(&year).copied()
    }
}

/// A program of one organisation with its pagu and outcome indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Its id.
    pub id: ProgramId,
    /// The organisation.
    pub organisation: OrganisationId,
    /// The code `U.BB.PP`.
    pub code: ProgramCode,
    /// The name.
    pub name: String,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The pagu.
    pub pagu: Money,
    /// Outcome indicators.
    pub indicators: Vec<Indicator>,
}

/// A kegiatan of one organisation, under a program, with its pagu.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kegiatan {
    /// Its id.
    pub id: KegiatanId,
    /// The organisation.
    pub organisation: OrganisationId,
    /// The program it belongs to.
    pub program: ProgramId,
    /// The code `U.BB.PP.L.KK`.
    pub code: KegiatanCode,
    /// The name.
    pub name: String,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The pagu.
    pub pagu: Money,
    /// Output indicators.
    pub indicators: Vec<Indicator>,
}

fn invalid(what: String) -> PlanningError {
    PlanningError::InvalidHierarchy { reason: what }
}

impl Program {
    /// Registers a program.
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidHierarchy`] for a zero pagu, an empty name, or an indicator that
    /// is not an outcome.
    pub fn register(self) -> Result<PlanningEvent, PlanningError> {
        if self.pagu.is_zero() || self.name.trim().is_empty() {
            return Err(invalid(format!(
                "program {}: needs a name and a positive pagu",
                self.code
            )));
        }
        if self.indicators.iter().any(|i| i.level != IndicatorLevel::Outcome) {
            return Err(invalid(format!(
                "program {}: program indicators are outcome indicators",
                self.code
            )));
        }
        Ok(PlanningEvent::ProgramRegistered { program: self })
    }
}

impl Kegiatan {
    /// Registers a kegiatan under `program`: its code must extend the program's code and it must
    /// belong to the same organisation and year.
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidHierarchy`] naming the mismatch.
    pub fn register(self, program: &Program) -> Result<PlanningEvent, PlanningError> {
        if self.pagu.is_zero() || self.name.trim().is_empty() {
            return Err(invalid(format!(
                "kegiatan {}: needs a name and a positive pagu",
                self.code
            )));
        }
        if self.code.program() != program.code {
            return Err(invalid(format!(
                "kegiatan {} does not belong to program {}",
                self.code, program.code
            )));
        }
        if self.organisation != program.organisation || self.fiscal_year != program.fiscal_year {
            return Err(invalid(format!(
                "kegiatan {} must be in the organisation and year of program {}",
                self.code, program.code
            )));
        }
        if self.indicators.iter().any(|i| i.level != IndicatorLevel::Output) {
            return Err(invalid(format!(
                "kegiatan {}: kegiatan indicators are output indicators",
                self.code
            )));
        }
        Ok(PlanningEvent::KegiatanRegistered { kegiatan: self })
    }
}
