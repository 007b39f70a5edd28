//! Indicator realisation: what a program, kegiatan or sub-kegiatan achieved, cumulatively, by the
//! end of each quarter (the RKPD evaluation form of Permendagri 86/2017 records realisation per
//! triwulan I–IV against the annual target).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{FiscalYear, Quarter, Subject};
use rantai_planning::Indicator;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::MonevError;
use crate::events::MonevEvent;

/// One quarter's cumulative realisation of one indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRealisation {
    /// The program, kegiatan or sub-kegiatan the indicator belongs to.
    pub subject: Subject,
    /// The indicator's position in that subject's list (0 for the first).
    pub indicator: u16,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The quarter.
    pub quarter: Quarter,
    /// Cumulative realisation from the start of the year to the end of the quarter, in the
    /// indicator's unit (realisasi s.d. triwulan).
    pub value: Decimal,
    /// When it was reported.
    pub reported_on: NaiveDate,
}

/// The realisations reported for one subject, by indicator, year and quarter. A later report for
/// the same quarter replaces the earlier one here (a correction); the event log still holds both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLog {
    values: BTreeMap<(u16, FiscalYear, Quarter), (Decimal, NaiveDate)>,
}

impl IndicatorLog {
    /// Checks a realisation against the subject's indicators and returns the event. The indicator
    /// must exist and have a target for the year; the value may not be negative; the report may
    /// not precede the quarter's start.
    ///
    /// # Errors
    ///
    /// [`MonevError::InvalidRealisation`] saying which of these does not hold.
    ///
    /// # Example
    ///
    /// ```
    /// # use rantai_monev::*;
    /// # use rantai_core::{FiscalYear, Quarter, Subject, SubKegiatanId};
    /// # use rantai_planning::{Indicator, IndicatorLevel};
    /// # use chrono::NaiveDate;
    /// let year = FiscalYear::new(2025)?;
    /// let roads = [Indicator::new(IndicatorLevel::Output, "Jalan yang direhabilitasi", "km").with_target(year, 12.into())];
    /// let realisation = IndicatorRealisation {
    ///     subject: Subject::SubKegiatan(SubKegiatanId::from_u128(1)), indicator: 0, fiscal_year: year,
    ///     quarter: Quarter::Q2, value: 4.into(), reported_on: NaiveDate::from_ymd_opt(2025, 7, 7).unwrap(),
    /// };
    /// assert!(IndicatorLog::realise(&roads, realisation.clone()).is_ok());
    /// assert!(IndicatorLog::realise(&roads, IndicatorRealisation { indicator: 1, ..realisation }).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn realise(indicators: &[Indicator], realisation: IndicatorRealisation) -> Result<MonevEvent, MonevError> {
        let refuse = |reason: String| MonevError::InvalidRealisation { reason };
        let Some(indicator) = indicators.get(usize::from(realisation.indicator)) else {
            return Err(refuse(format!(
                "{:?} has {} indicator(s), not #{}",
                realisation.subject,
                indicators.len(),
                realisation.indicator
            )));
        };
        if !indicator.targets.contains_key(&realisation.fiscal_year) {
            return Err(refuse(format!(
                "indicator '{}' has no target for {}",
                indicator.text, realisation.fiscal_year
            )));
        }
        if realisation.value.is_sign_negative() {
            return Err(refuse(format!("realisation {} is negative", realisation.value)));
        }
        let quarter_start = realisation.fiscal_year.quarter_start(realisation.quarter);
        if realisation.reported_on < quarter_start {
            return Err(refuse(format!(
                "reported on {}, before {} began on {quarter_start}",
                realisation.reported_on, realisation.quarter
            )));
        }
        Ok(MonevEvent::IndicatorRealised { realisation })
    }

    /// Folds a realisation in.
    pub fn record(&mut self, realisation: &IndicatorRealisation) {
        self.values.insert(
            (realisation.indicator, realisation.fiscal_year, realisation.quarter),
            (realisation.value, realisation.reported_on),
        );
    }

    /// The cumulative realisation of an indicator at the end of a quarter, if reported.
    pub fn cumulative(&self, indicator: u16, year: FiscalYear, quarter: Quarter) -> Option<Decimal> {
        self.values.get(&(indicator, year, quarter)).map(|(v, _)| *v)
    }
}
