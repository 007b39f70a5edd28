//! The SPSE schedule rules: T-01 stages in SPSE order (Open Contracting R014), T-02 masa
//! sanggah of at least 5 calendar days (Perlem LKPP 12/2021 Lampiran II), T-04 the aanwijzing
//! not rushed after the invitation nor the upload after the aanwijzing (R003), T-05 every stage
//! ends on a working day. Doc pages: `docs/rules/T-01.md`, `T-02.md`, `T-04.md`, `T-05.md`.

use rantai_core::param;
use rantai_core::{Evidence, Rulebook, Verdict, WorkingCalendar};

use crate::schedule::{SANGGAH, Schedule};

/// T-01: no stage starts before the stage SPSE runs before it.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::Verdict;
/// use rantai_procurement::{Schedule, ScheduledStage, rules::schedule_rules};
/// let t = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
/// let ok = Schedule::new(vec![stage(291, t(3), t(10)), stage(293, t(6), t(6))]).unwrap();
/// assert_eq!(schedule_rules::order(&ok), Verdict::Pass);
/// let early = Schedule::new(vec![stage(291, t(3), t(10)), stage(293, t(2), t(2))]).unwrap();
/// assert!(matches!(schedule_rules::order(&early), Verdict::Violated(_)));
/// ```
pub fn order(schedule: &Schedule) -> Verdict {
    let track = schedule.track();
    for w in schedule.stages().windows(2) {
        if w[1].start < w[0].start {
            return Verdict::Violated(
                Evidence::new()
                    .with("stage", track.name(w[1].kd_akt).unwrap_or("?"))
                    .with("kd_akt", i64::from(w[1].kd_akt))
                    .with("starts_on", w[1].start.date())
                    .with("before_stage", track.name(w[0].kd_akt).unwrap_or("?"))
                    .with("which_starts_on", w[0].start.date()),
            );
        }
    }
    Verdict::Pass
}

/// T-02: every masa sanggah in the schedule lasts at least `min_days` calendar days (counted
/// from the day it opens to the day it closes).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Rulebook, Verdict};
/// use rantai_procurement::{Schedule, ScheduledStage, rules::schedule_rules};
/// let t = |d| NaiveDate::from_ymd_opt(2025, 4, d).unwrap().and_hms_opt(16, 0, 0).unwrap();
/// let sanggah = |end| Schedule::new(vec![ScheduledStage { kd_akt: 300, start: t(10), end: t(end) }]).unwrap();
/// assert_eq!(schedule_rules::sanggah(&sanggah(15), Rulebook::standard()), Verdict::Pass);
/// let Verdict::Violated(ev) = schedule_rules::sanggah(&sanggah(13), Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("days").unwrap().to_string(), "3");
/// ```
pub fn sanggah(schedule: &Schedule, rulebook: &Rulebook) -> Verdict {
    for s in schedule.stages().iter().filter(|s| SANGGAH.contains(&s.kd_akt)) {
        let Ok(min) = rulebook.get(param::t02::MIN_DAYS, s.start.date()) else {
            return Verdict::missing(format!("T-02 min_days in force on {}", s.start.date()));
        };
        let days = (s.end.date() - s.start.date()).num_days();
        if days < i64::from(min) {
            return Verdict::Violated(
                Evidence::new()
                    .with("stage", schedule.track().name(s.kd_akt).unwrap_or("?"))
                    .with("opens_on", s.start.date())
                    .with("closes_on", s.end.date())
                    .with("days", days)
                    .with("min_days", i64::from(min)),
            );
        }
    }
    Verdict::Pass
}

/// T-05: every stage ends on a working day of the region's calendar (weekends and the declared
/// holidays are not).
pub fn working_day_ends(schedule: &Schedule, calendar: &WorkingCalendar) -> Verdict {
    let off: Vec<_> = schedule
        .stages()
        .iter()
        .filter(|s| !calendar.is_working_day(s.end.date()))
        .collect();
    let Some(first) = off.first() else {
        return Verdict::Pass;
    };
    Verdict::Violated(
        Evidence::new()
            .with("stages_ending_off_day", i64::try_from(off.len()).unwrap_or(i64::MAX))
            .with("first_stage", schedule.track().name(first.kd_akt).unwrap_or("?"))
            .with("ends_on", first.end.date()),
    )
}

/// T-04: the aanwijzing starts at least `min_days_to_aanwijzing` calendar days after the
/// invitation, and the offer upload closes at least `min_working_days_upload` working days after
/// the aanwijzing ends. The first half that fails is reported.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Rulebook, Verdict, WorkingCalendar};
/// use rantai_procurement::{Schedule, ScheduledStage, rules::schedule_rules};
/// let t = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
/// let (book, cal) = (Rulebook::standard(), WorkingCalendar::default());
/// // Announced Monday 3 March, aanwijzing Thursday 6, upload until Tuesday 11: 3 days, 3 working days.
/// let ok = Schedule::new(vec![stage(291, t(3), t(10)), stage(293, t(6), t(6)), stage(294, t(6), t(11))]).unwrap();
/// assert_eq!(schedule_rules::aanwijzing(&ok, &cal, book), Verdict::Pass);
/// // Aanwijzing the next day: found.
/// let rushed = Schedule::new(vec![stage(291, t(3), t(10)), stage(293, t(4), t(4)), stage(294, t(4), t(11))]).unwrap();
/// let Verdict::Violated(ev) = schedule_rules::aanwijzing(&rushed, &cal, book) else { panic!() };
/// assert_eq!(ev.get("days").unwrap().to_string(), "1");
/// ```
pub fn aanwijzing(schedule: &Schedule, calendar: &WorkingCalendar, rulebook: &Rulebook) -> Verdict {
    let track = schedule.track();
    let (invite, explain, upload) = track.bidding_stages();
    let (Some(invite), Some(explain), Some(upload)) =
        (schedule.stage(invite), schedule.stage(explain), schedule.stage(upload))
    else {
        return Verdict::missing("the invitation, aanwijzing and upload stages of the schedule");
    };
    let on = invite.start.date();
    let (Ok(min_days), Ok(min_upload)) = (
        rulebook.get(param::t04::MIN_DAYS_TO_AANWIJZING, on),
        rulebook.get(param::t04::MIN_WORKING_DAYS_UPLOAD, on),
    ) else {
        return Verdict::missing(format!("T-04 parameters in force on {on}"));
    };
    let days = (explain.start.date() - on).num_days();
    if days < i64::from(min_days) {
        return Verdict::Violated(
            Evidence::new()
                .with("invitation", track.name(invite.kd_akt).unwrap_or("?"))
                .with("invited_on", on)
                .with("aanwijzing_on", explain.start.date())
                .with("days", days)
                .with("min_days", i64::from(min_days)),
        );
    }
    let working = calendar.working_days_between(explain.end.date(), upload.end.date());
    if working < min_upload {
        return Verdict::Violated(
            Evidence::new()
                .with("aanwijzing_ends_on", explain.end.date())
                .with("upload_closes_on", upload.end.date())
                .with("working_days", i64::from(working))
                .with("min_working_days", i64::from(min_upload)),
        );
    }
    Verdict::Pass
}
