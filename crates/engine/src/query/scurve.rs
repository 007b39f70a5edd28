//! S-curves: planned, physical and financial progress of a region, an OPD or one package, month
//! by month through the fiscal year up to the snapshot's day — the chart a head of region reads
//! beside the OPD ranking.
//!
//! Each point is a day `d` (every month end before the snapshot's day, then the day itself) and
//! covers the contracts of the fiscal year signed by `d`, value-weighted by their current value:
//!
//! - **planned** (rencana fisik): each contract's linear plan from its start to its current end
//!   (`rantai_monev::planned_progress`), on `d`;
//! - **physical** (realisasi fisik): each contract's latest progress report on or before `d`, over
//!   the contracts that have one — never a zero for a contract that has not reported; the point
//!   says how many reported — and its deviation from the plan on those report dates (the report's
//!   own rencana where it states one), as in the region report;
//! - **financial** (realisasi keuangan): Σ SP2D paid to those contracts by `d` ÷ their value.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{ContractId, CoreError, FiscalYear, KodeRup, Money, OrgCode, OrganisationId, PackageId, Ratio};
use rantai_procurement::Contract;
use rust_decimal::Decimal;
use serde::Serialize;

use super::Snapshot;
use crate::evaluate::reading;

/// Whose S-curve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum ScurveScope {
    /// Every contract of the region.
    Region,
    /// The contracts of one OPD.
    Opd {
        /// The organisation.
        organisation: OrganisationId,
        /// Its `kd_satker_str`.
        code: OrgCode,
    },
    /// The contracts of one package (through its procurement); without the RUP package in the
    /// data (SPSE's records alone), the contracts of the procurements that name `kd_rup`, of the
    /// satker of the latest of them.
    Package {
        /// The package, when the data holds it.
        package: Option<PackageId>,
        /// Its SIRUP code.
        kd_rup: Option<KodeRup>,
    },
}

/// One point of an S-curve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ScurvePoint {
    /// The day: a month end, or the snapshot's day for the last point.
    pub on: NaiveDate,
    /// Contracts of the year signed by then.
    pub contracts: u64,
    /// Σ their current values.
    pub contracted: Money,
    /// Their value-weighted linear plan on the day; `None` without a contract.
    pub planned: Option<Ratio>,
    /// Of them, the contracts with a progress report by then.
    pub reported: u64,
    /// Value-weighted latest reported physical progress of the reported contracts; `None` when
    /// none has reported.
    pub physical: Option<Ratio>,
    /// Physical minus planned on the same report dates, in percentage points (negative: behind),
    /// rounded to 0,01 pp; `None` when none has reported.
    pub physical_deviation_pp: Option<Decimal>,
    /// Σ SP2D paid to the contracts by then.
    pub paid: Money,
    /// Paid ÷ contracted; `None` without a contract.
    pub financial: Option<Ratio>,
}

/// An S-curve through a fiscal year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Scurve {
    /// Whose curve.
    #[serde(flatten)]
    pub scope: ScurveScope,
    /// The fiscal year whose contracts it covers.
    pub year: i32,
    /// The day the data describes.
    pub as_of: NaiveDate,
    /// One point per month end before `as_of`, then `as_of` (none when `as_of` is outside `year`
    /// and before it).
    pub points: Vec<ScurvePoint>,
}

/// Sums for one point.
#[derive(Default)]
struct Point {
    contracts: u64,
    contracted: Money,
    planned: Money,
    reported: u64,
    reported_value: Money,
    reported_planned: Money,
    reported_actual: Money,
    paid: Money,
}

impl<'a> Snapshot<'a> {
    /// The S-curve of `scope` through `year` (the snapshot's fiscal year when `None`).
    ///
    /// # Errors
    ///
    /// [`CoreError`] for a year outside [`FiscalYear`]'s range, or a sum beyond the range of
    /// [`Money`].
    ///
    /// # Example
    ///
    /// ```
    /// use rantai_engine::query::{ScurveScope, Snapshot};
    /// # fn show(snapshot: &Snapshot<'_>) -> Result<(), rantai_core::CoreError> {
    /// let curve = snapshot.scurve(&ScurveScope::Region, None)?;
    /// for p in &curve.points {
    ///     println!("{} planned {:?} physical {:?} paid {:?}", p.on, p.planned, p.physical, p.financial);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn scurve(&self, scope: &ScurveScope, year: Option<i32>) -> Result<Scurve, CoreError> {
        let year = match year {
            Some(y) => FiscalYear::new(y)?,
            None => FiscalYear::of(self.as_of)?,
        };
        let contracts = self.scoped_contracts(scope, year);
        let ids: std::collections::BTreeSet<ContractId> = contracts.iter().map(|c| c.terms().spec.id).collect();
        let mut paid: BTreeMap<ContractId, Vec<(NaiveDate, Money)>> = BTreeMap::new();
        for line in self.view.dpa_lines.values() {
            for p in line.payments() {
                if ids.contains(&p.contract) {
                    paid.entry(p.contract).or_default().push((p.paid_on, p.amount));
                }
            }
        }
        let mut points = Vec::new();
        for on in days(year, self.as_of) {
            let mut sum = Point::default();
            for c in contracts.iter().filter(|c| c.terms().spec.signed_on <= on) {
                let value = c.current_value();
                sum.contracts += 1;
                sum.contracted = sum.contracted.checked_add(value)?;
                let plan = rantai_monev::planned_progress(c.terms().spec.start, c.current_end(), on);
                sum.planned = sum.planned.checked_add(value.mul_ratio(plan)?)?;
                for (_, amount) in paid
                    .get(&c.terms().spec.id)
                    .into_iter()
                    .flatten()
                    .filter(|(d, _)| *d <= on)
                {
                    sum.paid = sum.paid.checked_add(*amount)?;
                }
                let reports = self
                    .view
                    .progress
                    .get(&c.terms().spec.id)
                    .map(|p| p.reports())
                    .unwrap_or_default();
                let Some(report) = reports[..reports.partition_point(|r| r.reported_on <= on)].last() else {
                    continue;
                };
                let (_, planned, actual) = reading(c, report);
                sum.reported += 1;
                sum.reported_value = sum.reported_value.checked_add(value)?;
                sum.reported_planned = sum.reported_planned.checked_add(value.mul_ratio(planned)?)?;
                sum.reported_actual = sum.reported_actual.checked_add(value.mul_ratio(actual)?)?;
            }
            points.push(sum.point(on));
        }
        Ok(Scurve {
            scope: scope.clone(),
            year: year.year(),
            as_of: self.as_of,
            points,
        })
    }

    /// The contracts of the year in `scope`, in id order.
    fn scoped_contracts(&self, scope: &ScurveScope, year: FiscalYear) -> Vec<&'a Contract> {
        let view = self.view;
        let procurements: std::collections::BTreeSet<rantai_core::ProcurementId> = match scope {
            ScurveScope::Package {
                package: Some(package), ..
            } => view.index.procured.get(package).copied().into_iter().collect(),
            ScurveScope::Package {
                package: None,
                kd_rup: Some(code),
            } => {
                let naming: Vec<_> = view
                    .procurements
                    .values()
                    .filter(|p| p.plan().kd_rup().contains(code))
                    .collect();
                let satker = naming
                    .iter()
                    .max_by_key(|p| (p.spec().announced_on, p.spec().id))
                    .map(|p| p.spec().organisation);
                naming
                    .iter()
                    .filter(|p| Some(p.spec().organisation) == satker)
                    .map(|p| p.spec().id)
                    .collect()
            }
            _ => std::collections::BTreeSet::new(),
        };
        view.contracts
            .values()
            .filter(|c| c.terms().fiscal_year == year)
            .filter(|c| match scope {
                ScurveScope::Region => true,
                ScurveScope::Opd { organisation, .. } => c.terms().organisation == *organisation,
                ScurveScope::Package { .. } => procurements.contains(&c.terms().procurement),
            })
            .collect()
    }
}

impl Point {
    fn point(&self, on: NaiveDate) -> ScurvePoint {
        let physical = self.reported_actual.ratio_of(self.reported_value);
        let deviation = super::region::deviation_pp(physical, self.reported_planned.ratio_of(self.reported_value));
        ScurvePoint {
            on,
            contracts: self.contracts,
            contracted: self.contracted,
            planned: self.planned.ratio_of(self.contracted),
            reported: self.reported,
            physical,
            physical_deviation_pp: deviation,
            paid: self.paid,
            financial: self.paid.ratio_of(self.contracted),
        }
    }
}

/// The month ends of `year` before `as_of`, then `as_of` itself when it falls in the year (or the
/// year's last day when `as_of` is later).
fn days(year: FiscalYear, as_of: NaiveDate) -> Vec<NaiveDate> {
    let last = as_of.min(year.last_day());
    let mut out = Vec::new();
    if last < year.first_day() {
        return out;
    }
    for month in 1..=12u32 {
        let end = month_end(year.year(), month);
        if end >= last {
            break;
        }
        out.push(end);
    }
    out.push(last);
    out
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    // Years are within FiscalYear's range, months within 1–12: the first of a month exists.
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_month_ends_then_the_day() {
        let year = FiscalYear::new(2025).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert_eq!(days(year, d(3, 15)), [d(1, 31), d(2, 28), d(3, 15)]);
        assert_eq!(days(year, d(3, 31)), [d(1, 31), d(2, 28), d(3, 31)]);
        assert_eq!(days(year, d(1, 1)), [d(1, 1)]);
        let later = days(year, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
        assert_eq!(later.len(), 12);
        assert_eq!(later.last(), Some(&d(12, 31)));
        assert!(days(year, NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()).is_empty());
    }
}
