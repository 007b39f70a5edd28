//! The SPSE schedule of a generated tender: the sample region's pascakualifikasi stages (every
//! stage in order, ending on a working day, a five-day masa sanggah), or the same with the fault
//! its anomaly plants.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use rantai_chain::ChainError;
use rantai_core::WorkingCalendar;
use rantai_procurement::{Schedule, ScheduledStage};
use rantai_sample as demo;

use crate::anomaly::Anomaly;

/// The first working day on or after `d`.
fn working_from(calendar: &WorkingCalendar, mut d: NaiveDate) -> NaiveDate {
    while !calendar.is_working_day(d) {
        d = d.succ_opt().unwrap_or(d);
    }
    d
}

fn at(d: NaiveDate, hour: u32) -> NaiveDateTime {
    d.and_hms_opt(hour, 0, 0).unwrap_or_default()
}

/// The schedule of a tender announced on `announced_on` carrying `anomaly`.
///
/// # Errors
///
/// [`ChainError::InvalidCommand`] when the stages do not make a schedule: a defect of the
/// generator.
pub fn of(announced_on: NaiveDate, anomaly: Option<Anomaly>) -> Result<Schedule, ChainError> {
    let base = demo::tender_schedule(announced_on)?;
    let calendar = WorkingCalendar::default();
    let mut stages: Vec<ScheduledStage> = base.stages().to_vec();
    let stage = |stages: &mut Vec<ScheduledStage>, kd_akt: u16| stages.iter().position(|s| s.kd_akt == kd_akt);
    match anomaly {
        // The masa sanggah closes two days after it opens (the next working day from there).
        Some(Anomaly::ShortSanggah) => {
            if let Some(i) = stage(&mut stages, 300) {
                let start = stages[i].start.date();
                let end = working_from(&calendar, start + chrono::Days::new(2));
                stages[i].end = at(end, 16);
            }
        }
        // The contract signing stage ends on the Saturday after it opens.
        Some(Anomaly::WeekendEnd) => {
            if let Some(i) = stage(&mut stages, 302) {
                let mut end = stages[i].start.date();
                while end.weekday() != Weekday::Sat {
                    end = end.succ_opt().unwrap_or(end);
                }
                stages[i].end = at(end, 15);
            }
        }
        // The winner is announced the day before it is set.
        Some(Anomaly::OutOfOrder) => {
            if let (Some(set), Some(shown)) = (stage(&mut stages, 298), stage(&mut stages, 299)) {
                let start = stages[set].start.date().pred_opt().unwrap_or(announced_on);
                stages[shown].start = at(start, 10);
            }
        }
        // The aanwijzing on the first working day and the upload closing two days later: a
        // window of a few days.
        Some(Anomaly::ShortWindow) => {
            let explain = working_from(&calendar, announced_on);
            let close = working_from(&calendar, explain + chrono::Days::new(2));
            for s in &mut stages {
                match s.kd_akt {
                    291 => s.end = at(close, 16),
                    293 => (s.start, s.end) = (at(explain, 13), at(explain, 15)),
                    294 => (s.start, s.end) = (at(explain, 15), at(close, 16)),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    Schedule::new(stages).map_err(ChainError::InvalidCommand)
}

/// The day a tender's bids are dated: nine days after the announcement, or the close of the
/// upload when the window is shorter.
pub fn bid_day(announced_on: NaiveDate, anomaly: Option<Anomaly>) -> NaiveDate {
    let usual = announced_on + chrono::Days::new(9);
    if anomaly != Some(Anomaly::ShortWindow) {
        return usual;
    }
    of(announced_on, anomaly)
        .ok()
        .and_then(|s| s.stage(294).map(|u| u.end.date()))
        .map_or(usual, |close| close.min(usual))
}
