//! The SPSE schedule of a tender (jadwal tahapan): each stage by its SPSE code (`kd_akt`) with
//! its start and end, in the order SPSE runs them — pascakualifikasi 291→302, prakualifikasi
//! 172→194 (codes and names from the Kab. Bandung 2025 schedules, `domain-rules.md` §1.6).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Which of SPSE's two stage sequences a schedule follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Pascakualifikasi: qualification evaluated with the offers (kd_akt 291–302).
    Pascakualifikasi,
    /// Prakualifikasi: qualification first, then the offers (kd_akt 172–194).
    Prakualifikasi,
}

/// The SPSE stages in order, per track, with their names.
const PASCA: [(u16, &str); 12] = [
    (291, "Pengumuman pascakualifikasi"),
    (292, "Download dokumen pemilihan dan kualifikasi"),
    (293, "Penjelasan dokumen lelang"),
    (294, "Upload dokumen penawaran"),
    (295, "Pembukaan file dokumen penawaran dan kualifikasi"),
    (296, "Evaluasi administrasi, kualifikasi, teknis dan harga"),
    (297, "Pembuktian kualifikasi"),
    (298, "Penetapan pemenang"),
    (299, "Pengumuman pemenang"),
    (300, "Masa sanggah hasil lelang"),
    (301, "Surat penunjukan penyedia barang/jasa (SPPBJ)"),
    (302, "Penandatanganan kontrak"),
];
const PRA: [(u16, &str); 21] = [
    (172, "Pengumuman prakualifikasi"),
    (173, "Download dokumen prakualifikasi"),
    (174, "Penjelasan dokumen prakualifikasi"),
    (175, "Upload dokumen prakualifikasi"),
    (176, "Evaluasi dokumen kualifikasi dan pembuktian kualifikasi"),
    (177, "Pembuktian kualifikasi"),
    (178, "Penetapan hasil kualifikasi"),
    (179, "Penjelasan"),
    (180, "Masa sanggah prakualifikasi"),
    (181, "Download dokumen pemilihan"),
    (182, "Penjelasan dokumen lelang"),
    (183, "Upload dokumen penawaran"),
    (184, "Pembukaan dan evaluasi penawaran file I"),
    (186, "Pemberitahuan/pengumuman peringkat teknis"),
    (187, "Pembukaan dan evaluasi penawaran file II"),
    (188, "Penetapan pemenang"),
    (189, "Pengumuman pemenang"),
    (190, "Masa sanggah hasil lelang"),
    (191, "Klarifikasi dan negosiasi teknis dan biaya"),
    (193, "Surat penunjukan penyedia barang/jasa (SPPBJ)"),
    (194, "Penandatanganan kontrak"),
];

/// The objection periods (masa sanggah) of T-02: hasil lelang in both tracks, and the
/// prakualifikasi result.
pub const SANGGAH: [u16; 3] = [300, 190, 180];

impl Track {
    /// The stages of the bidding itself: the invitation to bid, the aanwijzing (penjelasan
    /// dokumen) and the offer upload — 291, 293, 294 in pascakualifikasi; 181, 182, 183 in
    /// prakualifikasi, where the invitation is the download of the dokumen pemilihan that follows
    /// the qualification.
    pub fn bidding_stages(self) -> (u16, u16, u16) {
        match self {
            Track::Pascakualifikasi => (291, 293, 294),
            Track::Prakualifikasi => (181, 182, 183),
        }
    }

    fn stages(self) -> &'static [(u16, &'static str)] {
        match self {
            Track::Pascakualifikasi => &PASCA,
            Track::Prakualifikasi => &PRA,
        }
    }

    /// The track a stage code belongs to.
    pub fn of(kd_akt: u16) -> Option<Track> {
        [Track::Pascakualifikasi, Track::Prakualifikasi]
            .into_iter()
            .find(|t| t.stages().iter().any(|(c, _)| *c == kd_akt))
    }

    /// Position of a stage in the track's order.
    pub fn position(self, kd_akt: u16) -> Option<usize> {
        self.stages().iter().position(|(c, _)| *c == kd_akt)
    }

    /// The SPSE name of a stage.
    pub fn name(self, kd_akt: u16) -> Option<&'static str> {
        self.stages().iter().find(|(c, _)| *c == kd_akt).map(|(_, n)| *n)
    }
}

/// One stage of the schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduledStage {
    /// SPSE's stage code.
    pub kd_akt: u16,
    /// Start (`tgl_awal`).
    pub start: NaiveDateTime,
    /// End (`tgl_akhir`).
    pub end: NaiveDateTime,
}

/// A tender's schedule: stages of one track, each once, in SPSE order. Read from JSON it is
/// checked like [`Schedule::new`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "ScheduleData")]
#[schemars(deny_unknown_fields)]
pub struct Schedule {
    track: Track,
    stages: Vec<ScheduledStage>,
}

/// A schedule as stored, before its checks.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ScheduleData {
    track: Track,
    stages: Vec<ScheduledStage>,
}

impl TryFrom<ScheduleData> for Schedule {
    type Error = String;

    fn try_from(data: ScheduleData) -> Result<Self, String> {
        let schedule = Schedule::new(data.stages)?;
        if schedule.track != data.track {
            return Err(format!("stages of {:?} stored as {:?}", schedule.track, data.track));
        }
        Ok(schedule)
    }
}

impl Schedule {
    /// A schedule from stages in any order: they are put in SPSE order.
    ///
    /// # Errors
    ///
    /// A message naming the stage: an unknown code, a code of the other track, a stage twice, an
    /// end before its start, or no stage at all.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rantai_procurement::{Schedule, ScheduledStage};
    /// let t = |d, h| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
    /// let stage = |kd_akt, start, end| ScheduledStage { kd_akt, start, end };
    /// let s = Schedule::new(vec![stage(292, t(3, 9), t(10, 16)), stage(291, t(3, 9), t(10, 16))])?;
    /// assert_eq!(s.stages()[0].kd_akt, 291);
    /// assert!(Schedule::new(vec![stage(291, t(3, 9), t(3, 9)), stage(172, t(3, 9), t(4, 9))]).is_err());
    /// # Ok::<(), String>(())
    /// ```
    pub fn new(mut stages: Vec<ScheduledStage>) -> Result<Schedule, String> {
        let first = stages.first().ok_or("a schedule needs at least one stage")?.kd_akt;
        let track = Track::of(first).ok_or_else(|| format!("kd_akt {first} is not an SPSE tender stage"))?;
        for s in &stages {
            if track.position(s.kd_akt).is_none() {
                return Err(match Track::of(s.kd_akt) {
                    Some(other) => format!("kd_akt {} is a {other:?} stage in a {track:?} schedule", s.kd_akt),
                    None => format!("kd_akt {} is not an SPSE tender stage", s.kd_akt),
                });
            }
            if s.end < s.start {
                return Err(format!(
                    "kd_akt {} ends {} before it starts {}",
                    s.kd_akt, s.end, s.start
                ));
            }
        }
        stages.sort_by_key(|s| track.position(s.kd_akt));
        if let Some(w) = stages.windows(2).find(|w| w[0].kd_akt == w[1].kd_akt) {
            return Err(format!("kd_akt {} appears twice", w[0].kd_akt));
        }
        Ok(Schedule { track, stages })
    }

    /// The track.
    pub fn track(&self) -> Track {
        self.track
    }

    /// The stages in SPSE order.
    pub fn stages(&self) -> &[ScheduledStage] {
        &self.stages
    }

    /// One stage.
    pub fn stage(&self, kd_akt: u16) -> Option<&ScheduledStage> {
        self.stages.iter().find(|s| s.kd_akt == kd_akt)
    }
}
