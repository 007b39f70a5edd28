//! The budget structure of an organisation for a year (SIRUP `RUP-StrukturAnggaranPD`, ISB
//! 1084): how much of its spending is procurement — the denominator of RUP coverage (K-03) and
//! of the share reserved for micro and small business (P-07).

use rantai_core::{FiscalYear, Money, OrganisationId};
use serde::{Deserialize, Serialize};

use crate::error::PlanningError;
use crate::events::PlanningEvent;

/// One organisation's spending by kind for one fiscal year.
///
/// # Example
///
/// ```
/// use rantai_core::{FiscalYear, Money, OrganisationId};
/// use rantai_planning::BudgetStructure;
/// // Dinas Pendidikan, Kab. Bandung 2025 (RUP-StrukturAnggaranPD).
/// let budget = BudgetStructure {
///     organisation: OrganisationId::from_u128(1),
///     fiscal_year: FiscalYear::new(2025)?,
///     belanja_operasi: "294671552517".parse()?,
///     belanja_modal: "127880109405".parse()?,
///     belanja_pengadaan: "422551661922".parse()?,
///     total_belanja: "422551661922".parse()?,
/// };
/// assert!(budget.register().is_ok());
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetStructure {
    /// The organisation.
    pub organisation: OrganisationId,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// Belanja operasi.
    pub belanja_operasi: Money,
    /// Belanja modal.
    pub belanja_modal: Money,
    /// Spending through procurement (belanja pengadaan).
    pub belanja_pengadaan: Money,
    /// All spending.
    pub total_belanja: Money,
}

impl BudgetStructure {
    /// Registers the structure.
    ///
    /// # Errors
    ///
    /// [`PlanningError::InvalidHierarchy`] when procurement spending exceeds total spending.
    pub fn register(self) -> Result<PlanningEvent, PlanningError> {
        if self.belanja_pengadaan > self.total_belanja {
            return Err(PlanningError::InvalidHierarchy {
                reason: format!(
                    "belanja pengadaan {} is above total belanja {}",
                    self.belanja_pengadaan, self.total_belanja
                ),
            });
        }
        Ok(PlanningEvent::BudgetStructureRegistered { budget: self })
    }
}
