//! The PP 39/2006 quarterly reporting calendar: which report is due when, in working days after
//! the quarter ends (Form A by the activity owner, Form B by the program owner, Form C by the
//! SKPD head to Bappeda, and Bappeda kab/kota to Bappeda provinsi), and the submissions made.

use rantai_core::param::{self, Days, Param};
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{FiscalYear, OrganisationId, Quarter, Rulebook, WorkingCalendar};
use serde::{Deserialize, Serialize};

/// A PP 39/2006 report form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportForm {
    /// Form A: the activity (kegiatan) owner's report.
    A,
    /// Form B: the program owner's report.
    B,
    /// Form C: the SKPD head's report to Bappeda.
    C,
    /// The Bappeda kab/kota's report to the Bappeda provinsi.
    Province,
}

impl ReportForm {
    /// The forms every OPD submits each quarter.
    pub const OPD: [ReportForm; 3] = [ReportForm::A, ReportForm::B, ReportForm::C];

    /// The rulebook parameter (of K-13) holding the form's working days.
    pub fn param(self) -> Param<Days> {
        match self {
            ReportForm::A => param::k13::FORM_A_WORKING_DAYS,
            ReportForm::B => param::k13::FORM_B_WORKING_DAYS,
            ReportForm::C => param::k13::FORM_C_WORKING_DAYS,
            ReportForm::Province => param::k13::PROVINCE_WORKING_DAYS,
        }
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            ReportForm::A => "Form A",
            ReportForm::B => "Form B",
            ReportForm::C => "Form C",
            ReportForm::Province => "Bappeda provinsi",
        }
    }
}

/// One submission of a quarterly report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterlyReport {
    /// The submitting organisation.
    pub organisation: OrganisationId,
    /// The form.
    pub form: ReportForm,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The quarter reported on.
    pub quarter: Quarter,
    /// When it was submitted.
    pub submitted_on: NaiveDate,
}

/// The deadline of a form for a quarter: the quarter's last day plus the form's working days.
///
/// # Errors
///
/// The missing parameter's name when the rulebook has no value in force.
///
/// # Example
///
/// ```
/// # use rantai_monev::*;
/// # use rantai_core::{FiscalYear, Quarter, Rulebook, WorkingCalendar};
/// # use chrono::NaiveDate;
/// let year = FiscalYear::new(2025)?;
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// // 2025: Idul Fitri 31 March–1 April, cuti bersama 2–4 and 7 April, Good Friday 18 April.
/// let calendar = WorkingCalendar::new([day(3, 31), day(4, 1), day(4, 2), day(4, 3), day(4, 4), day(4, 7), day(4, 18)]);
/// // Form C (5 working days) for Q1 is due on 14 April, Form B (10 working days) on 22 April.
/// assert_eq!(deadline(ReportForm::C, year, Quarter::Q1, &calendar, Rulebook::standard())?, day(4, 14));
/// assert_eq!(deadline(ReportForm::B, year, Quarter::Q1, &calendar, Rulebook::standard())?, day(4, 22));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn deadline(
    form: ReportForm,
    year: FiscalYear,
    quarter: Quarter,
    calendar: &WorkingCalendar,
    rulebook: &Rulebook,
) -> Result<NaiveDate, String> {
    let end = year.quarter_end(quarter);
    let days = rulebook
        .get(form.param(), end)
        .map_err(|e| format!("K-13 {} in force on {end} ({e})", form.param().name()))?;
    Ok(calendar.add_working_days(end, days))
}

/// One deadline of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReportingDeadline {
    /// The quarter.
    pub quarter: Quarter,
    /// The form.
    pub form: ReportForm,
    /// The last day to submit.
    pub due: NaiveDate,
}

/// The year's reporting calendar: every form of every quarter with its deadline, in date order.
/// Forms whose parameter the rulebook lacks are left out.
pub fn reporting_calendar(year: FiscalYear, calendar: &WorkingCalendar, rulebook: &Rulebook) -> Vec<ReportingDeadline> {
    let mut out: Vec<ReportingDeadline> = Quarter::ALL
        .iter()
        .flat_map(|q| {
            [ReportForm::A, ReportForm::B, ReportForm::C, ReportForm::Province]
                .into_iter()
                .filter_map(move |form| {
                    deadline(form, year, *q, calendar, rulebook)
                        .ok()
                        .map(|due| ReportingDeadline { quarter: *q, form, due })
                })
        })
        .collect();
    out.sort_by_key(|d| (d.due, d.form));
    out
}

/// The reports an organisation submitted: the first submission of each form per quarter counts
/// for the deadline (later ones are corrections).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLog {
    first: BTreeMap<(FiscalYear, Quarter, ReportForm), NaiveDate>,
}

impl ReportLog {
    /// Folds a submission in.
    pub fn record(&mut self, report: &QuarterlyReport) {
        let key = (report.fiscal_year, report.quarter, report.form);
        let entry = self.first.entry(key).or_insert(report.submitted_on);
        *entry = (*entry).min(report.submitted_on);
    }

    /// When a form was first submitted.
    pub fn submitted(&self, year: FiscalYear, quarter: Quarter, form: ReportForm) -> Option<NaiveDate> {
        self.first.get(&(year, quarter, form)).copied()
    }
}
