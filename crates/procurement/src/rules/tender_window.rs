//! T-08: a tender whose bidding window — from the invitation to the close of the offer upload — is
//! shorter than its peers' (Open Contracting red flag R003, "short submission period"). The floor
//! is the low percentile of a peer distribution, kept in the rulebook per method so that every
//! tender is judged on its own and the same input gives the same finding; [`peer_floor`] computes
//! a region's own floor from its schedules for an overlay. The standard floors are the 5th
//! percentile of the Kab. Bandung 2025 schedules: 6 days for its 56 tenders and for its 36 seleksi.
//! Doc page: `docs/rules/T-08.md`.

use rantai_core::param::{self, Days, Param};
use rantai_core::{Evidence, MetodePemilihan, Rulebook, Verdict};

use crate::schedule::Schedule;
use crate::tender::TenderSpec;

/// The bidding window of a schedule in calendar days: from the start of the invitation to the
/// end of the offer upload ([`crate::Track::bidding_stages`]); `None` without both stages.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_procurement::{Schedule, ScheduledStage, rules::tender_window};
/// let t = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
/// let s = Schedule::new(vec![stage(291, t(3), t(10)), stage(294, t(4), t(11))]).unwrap();
/// assert_eq!(tender_window::window_days(&s), Some(8));
/// ```
pub fn window_days(schedule: &Schedule) -> Option<i64> {
    let (invite, _, upload) = schedule.track().bidding_stages();
    let (invite, upload) = (schedule.stage(invite)?, schedule.stage(upload)?);
    Some((upload.end.date() - invite.start.date()).num_days())
}

/// The `percentile`-th percentile (nearest rank) of peer windows: the smallest window such that at
/// least `percentile` % of the peers are at or below it. `None` without peers or for a percentile
/// outside 1–100.
///
/// ```
/// use rantai_procurement::rules::tender_window::peer_floor;
/// let windows = [9, 6, 7, 7, 8, 7, 6, 5, 7, 7, 7, 8, 7, 7, 6, 7, 7, 8, 7, 7];
/// assert_eq!(peer_floor(&windows, 5), Some(5)); // 1 of 20 is the 5th percentile
/// assert_eq!(peer_floor(&windows, 50), Some(7));
/// assert_eq!(peer_floor(&[], 5), None);
/// ```
pub fn peer_floor(windows: &[i64], percentile: u32) -> Option<i64> {
    if windows.is_empty() || !(1..=100).contains(&percentile) {
        return None;
    }
    let mut sorted = windows.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let rank = (n * percentile as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The rulebook parameter holding the floor for a method; `None` for methods without a
/// bidding window of their own.
/// The floor of a method with a bidding window: its parameter, or `Err` with the name a floor
/// for Tender Cepat would have (the standard rulebook sets none: its window is short by design).
fn floor_param(metode: MetodePemilihan) -> Option<Result<Param<Days>, &'static str>> {
    match metode {
        MetodePemilihan::Tender => Some(Ok(param::t08::FLOOR_DAYS_TENDER)),
        MetodePemilihan::Seleksi => Some(Ok(param::t08::FLOOR_DAYS_SELEKSI)),
        MetodePemilihan::TenderCepat => Some(Err("floor_days_tender_cepat")),
        _ => None,
    }
}

/// T-08 for a procurement: a tender, Tender Cepat or seleksi whose bidding window is shorter than
/// its method's floor is found; without a schedule, or without a floor for the method in the
/// rulebook (the standard one has none for Tender Cepat, whose window is short by design), it is
/// undecided. Direct methods have no bidding window and pass.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Rulebook, Verdict};
/// use rantai_procurement::{Schedule, ScheduledStage, fixtures, rules::tender_window};
/// let t = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
/// let spec = fixtures::tender_spec(); // a Tender
/// let book = Rulebook::standard();
/// let week = Schedule::new(vec![stage(291, t(3), t(10)), stage(294, t(4), t(10))]).unwrap();
/// assert_eq!(tender_window::check(&spec, Some(&week), book), Verdict::Pass);
/// let rushed = Schedule::new(vec![stage(291, t(3), t(6)), stage(294, t(4), t(6))]).unwrap();
/// let Verdict::Violated(ev) = tender_window::check(&spec, Some(&rushed), book) else { panic!() };
/// assert_eq!(ev.get("window_days").unwrap().to_string(), "3");
/// ```
pub fn check(spec: &TenderSpec, schedule: Option<&Schedule>, rulebook: &Rulebook) -> Verdict {
    let Some(floor) = floor_param(spec.metode) else {
        return Verdict::Pass;
    };
    let Some(schedule) = schedule else {
        return Verdict::missing("the SPSE schedule (jadwal tahapan)");
    };
    let Some(window) = window_days(schedule) else {
        return Verdict::missing("the invitation and offer upload stages of the schedule");
    };
    let Some(floor) = floor.ok().and_then(|p| rulebook.get(p, spec.announced_on).ok()) else {
        let name = floor_param(spec.metode).map_or("", |p| p.map_or_else(|name| name, Param::name));
        return Verdict::missing(format!(
            "T-08 {name}: a peer floor for {} in force on {}",
            spec.metode.label(),
            spec.announced_on
        ));
    };
    if window >= i64::from(floor) {
        return Verdict::Pass;
    }
    let (invite, _, upload) = schedule.track().bidding_stages();
    Verdict::Violated(
        Evidence::new()
            .with("metode", spec.metode.label())
            .with("window_days", window)
            .with("floor_days", i64::from(floor))
            .with("from", schedule.track().name(invite).unwrap_or("?"))
            .with("to", schedule.track().name(upload).unwrap_or("?")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ScheduledStage, fixtures};
    use chrono::NaiveDate;

    fn schedule(invite: u16, upload: u16, days: u32) -> Schedule {
        let t = |d: u32| {
            NaiveDate::from_ymd_opt(2025, 4, d)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap()
        };
        Schedule::new(vec![
            ScheduledStage {
                kd_akt: invite,
                start: t(1),
                end: t(2),
            },
            ScheduledStage {
                kd_akt: upload,
                start: t(2),
                end: t(1 + days),
            },
        ])
        .unwrap()
    }

    #[test]
    fn the_floor_is_the_methods_and_equal_is_not_short() {
        let book = Rulebook::standard();
        let mut spec = fixtures::tender_spec();
        assert_eq!(check(&spec, Some(&schedule(291, 294, 6)), book), Verdict::Pass);
        assert!(matches!(
            check(&spec, Some(&schedule(291, 294, 5)), book),
            Verdict::Violated(_)
        ));
        // Prakualifikasi: from the download of the dokumen pemilihan (181) to the upload (183).
        spec.metode = MetodePemilihan::Seleksi;
        spec.jenis = rantai_core::JenisPengadaan::JasaKonsultansi;
        let Verdict::Violated(ev) = check(&spec, Some(&schedule(181, 183, 5)), book) else {
            panic!("a five-day seleksi window is below the floor of six");
        };
        assert_eq!(ev.get("from").unwrap().to_string(), "Download dokumen pemilihan");
        assert_eq!(check(&spec, Some(&schedule(181, 183, 6)), book), Verdict::Pass);
    }

    #[test]
    fn undecided_without_schedule_or_floor_and_direct_methods_pass() {
        let book = Rulebook::standard();
        let mut spec = fixtures::tender_spec();
        assert!(matches!(check(&spec, None, book), Verdict::Insufficient(_)));
        spec.metode = MetodePemilihan::TenderCepat;
        assert!(matches!(
            check(&spec, Some(&schedule(291, 294, 2)), book),
            Verdict::Insufficient(_)
        ));
        spec.metode = MetodePemilihan::PengadaanLangsung;
        assert_eq!(check(&spec, None, book), Verdict::Pass);
    }

    #[test]
    fn nearest_rank_percentile() {
        assert_eq!(peer_floor(&[3], 5), Some(3));
        assert_eq!(peer_floor(&[4, 1, 3, 2], 25), Some(1));
        assert_eq!(peer_floor(&[4, 1, 3, 2], 26), Some(2));
        assert_eq!(peer_floor(&[4, 1, 3, 2], 100), Some(4));
        assert_eq!(peer_floor(&[4, 1], 0), None);
    }
}
