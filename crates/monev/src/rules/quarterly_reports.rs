//! K-13 PP 39/2006 quarterly reports: each OPD's Form A, B and C for every quarter whose deadline
//! has passed — late (with the working days late) or missing. Only judged for a year in which the
//! region records submissions at all; otherwise rantai cannot tell missing from unrecorded.
//! Doc page: `docs/rules/K-13.md`.

use chrono::NaiveDate;
use rantai_core::{Evidence, FiscalYear, Quarter, Rulebook, Verdict, WorkingCalendar};

use crate::reporting::{ReportForm, ReportLog, deadline};

/// What K-13 needs about one organisation and year.
#[derive(Clone, Copy, Debug)]
pub struct ReportingInput<'a> {
    /// The organisation's submissions.
    pub log: Option<&'a ReportLog>,
    /// The fiscal year.
    pub year: FiscalYear,
    /// Whether the region records PP 39/2006 submissions for that year.
    pub recorded_in_region: bool,
    /// The region's working-day calendar.
    pub calendar: &'a WorkingCalendar,
    /// The evaluation date.
    pub as_of: Option<NaiveDate>,
}

/// K-13 for one organisation and year.
///
/// # Example
///
/// ```
/// # use rantai_monev::{rules::quarterly_reports::{check, ReportingInput}, *};
/// # use rantai_core::{FiscalYear, OrganisationId, Quarter, Rulebook, Verdict, WorkingCalendar};
/// # use chrono::NaiveDate;
/// let year = FiscalYear::new(2025)?;
/// let mut log = ReportLog::default();
/// for form in [ReportForm::A, ReportForm::B] {
///     log.record(&QuarterlyReport { organisation: OrganisationId::from_u128(1), form, fiscal_year: year,
///         quarter: Quarter::Q1, submitted_on: NaiveDate::from_ymd_opt(2025, 4, 4).unwrap() });
/// }
/// let calendar = WorkingCalendar::default();
/// let input = ReportingInput { log: Some(&log), year, recorded_in_region: true, calendar: &calendar,
///     as_of: NaiveDate::from_ymd_opt(2025, 4, 30) };
/// // Form C for Q1 (due 7 April) is missing.
/// let Verdict::Violated(ev) = check(&input, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("missing").unwrap().to_string(), "1");
/// assert_eq!(ev.get("first_form").unwrap().to_string(), "Form C");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(input: &ReportingInput<'_>, rulebook: &Rulebook) -> Verdict {
    let Some(as_of) = input.as_of else {
        return Verdict::missing("the evaluation date");
    };
    if !input.recorded_in_region {
        return Verdict::missing(format!("PP 39/2006 submissions recorded for {}", input.year));
    }
    let (mut late, mut missing) = (0_i64, 0_i64);
    let mut first: Option<(NaiveDate, Quarter, ReportForm, Option<NaiveDate>)> = None;
    for quarter in Quarter::ALL {
        for form in ReportForm::OPD {
            let due = match deadline(form, input.year, quarter, input.calendar, rulebook) {
                Ok(due) => due,
                Err(what) => return Verdict::missing(what),
            };
            let submitted = input.log.and_then(|l| l.submitted(input.year, quarter, form));
            let fault = match submitted {
                Some(on) if on > due => {
                    late += 1;
                    true
                }
                None if as_of > due => {
                    missing += 1;
                    true
                }
                _ => false,
            };
            if fault && first.is_none_or(|f| (due, form) < (f.0, f.2)) {
                first = Some((due, quarter, form, submitted));
            }
        }
    }
    let Some((due, quarter, form, submitted)) = first else {
        return Verdict::Pass;
    };
    let mut evidence = Evidence::new()
        .with("late", late)
        .with("missing", missing)
        .with("first_quarter", format!("{quarter:?}"))
        .with("first_form", form.label())
        .with("first_due", due);
    if let Some(on) = submitted {
        let days = working_days_between(input.calendar, due, on);
        evidence = evidence.with("first_submitted_on", on).with("working_days_late", days);
    }
    Verdict::Violated(evidence)
}

fn working_days_between(calendar: &WorkingCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| calendar.is_working_day(*d))
        .count()
        .try_into()
        .unwrap_or(i64::MAX)
}
