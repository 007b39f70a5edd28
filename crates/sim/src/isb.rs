//! A generated region as LKPP ISB files (the JSON arrays of the Satu Data API, named as LKPP
//! names them), so the importer can be measured and checked at scale: the plan masters, the RUP
//! packages, tenders with their schedules, participants, winners, SPPBJ, contracts and BAST, the
//! non-tenders likewise, and the e-catalogue orders. Payments are SIPD's, not LKPP's, and are not
//! written.

use chrono::NaiveDate;
use rantai_core::{GovLevel, JenisPengadaan, MetodePemilihan, Money};
use serde_json::{Map, Value, json};

use crate::build::{ids, plan, pokja_groups};
use crate::generate::YEAR;
use crate::scenario::{Procured, Region, Scenario};

/// The snapshot date every row carries (`_event_date`): the end of the generated year.
pub const SNAPSHOT: &str = "2025-12-31";

/// One ISB file: its name and its JSON bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsbFile {
    /// The file name, as LKPP names the dump's files (`NN_<dataset id>_<dataset>.json`).
    pub name: String,
    /// The JSON array.
    pub bytes: Vec<u8>,
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn datetime(d: NaiveDate, hour: u32) -> String {
    format!("{} {hour:02}:00:00", date(d))
}

/// An amount as ISB writes it: a JSON number of whole rupiah, or a numeric string with the sen.
fn money(m: Money) -> Value {
    let text = m.to_string();
    match text.strip_suffix(".00").and_then(|r| r.parse::<i64>().ok()) {
        Some(rupiah) => json!(rupiah),
        None => json!(text),
    }
}

fn jenis_label(j: JenisPengadaan) -> &'static str {
    match j {
        JenisPengadaan::Barang => "Pengadaan Barang",
        JenisPengadaan::PekerjaanKonstruksi => "Pekerjaan Konstruksi",
        JenisPengadaan::JasaKonsultansi => "Jasa Konsultansi Badan Usaha Non Konstruksi",
        JenisPengadaan::JasaLainnya => "Jasa Lainnya",
    }
}

/// The NIP the files give an official (synthetic, 18 digits).
fn nip(kind: u32, n: usize) -> String {
    format!("19800101{kind:02}{n:08}")
}

struct Writer<'r> {
    region: &'r Region,
    /// The rulebook the region's chain is built under: it sets the bonds and contract forms.
    rulebook: &'r rantai_core::Rulebook,
    files: Vec<(u32, &'static str, Vec<Value>)>,
    /// What the rows being written are about.
    context: Context<'r>,
}

/// The columns of each dataset as LKPP publishes them (`isb_columns.txt`, taken from the Kab.
/// Bandung 2025 dump): the importer reads only some, but a file in the ISB layout carries them
/// all, so its size per row — and an import's bytes per second — are those of real data.
fn columns(id: u32) -> &'static [&'static str] {
    static COLUMNS: std::sync::OnceLock<std::collections::BTreeMap<u32, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    let table = COLUMNS.get_or_init(|| {
        include_str!("isb_columns.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (id, names) = l.split_once(':')?;
                Some((id.trim().parse().ok()?, names.split_whitespace().collect()))
            })
            .collect()
    });
    table.get(&id).map_or(&[], Vec::as_slice)
}

/// What the filler of a column knows about its row.
#[derive(Clone, Copy, Default)]
struct Context<'a> {
    org: Option<usize>,
    /// The package number, for names and codes.
    package: Option<usize>,
    /// The provider number.
    provider: Option<usize>,
    scenario: Option<&'a Scenario>,
}

impl<'r> Writer<'r> {
    /// Sets what the next rows are about.
    fn about(&mut self, org: usize, package: Option<usize>, provider: Option<usize>, scenario: Option<&'r Scenario>) {
        self.context = Context {
            org: Some(org),
            package,
            provider,
            scenario,
        };
    }

    /// A value for a column the importer does not read, in the form LKPP gives it: the region's
    /// and satker's names and codes, synthetic names, addresses and NPWP of officials and
    /// providers (never real ones), fixed texts, or null.
    fn filler(&self, column: &str, c: Context<'_>) -> Value {
        let region = &self.region.spec;
        let satker = c.org.map(|o| self.satker(o));
        let provider = c.provider.map_or(0, |p| p + 1);
        match column {
            "tahun_anggaran" => json!(YEAR),
            "list_tahun_anggaran" => json!(format!("[{YEAR}]")),
            "kd_klpd" => json!(region.kd_klpd),
            "nama_klpd" | "nama_instansi" => json!(region.name),
            "jenis_klpd" | "jenis_instansi" => json!(match region.level {
                GovLevel::Provinsi => "PROVINSI",
                GovLevel::KabupatenKota => "KABUPATEN",
            }),
            "kd_satker" => json!(100_000 + c.org.unwrap_or(0) as i64),
            "kd_satker_str" => json!(satker.map(|s| s.0)),
            "nama_satker" => json!(satker.map(|s| s.1)),
            "kd_lpse" | "lpse_id" => json!(900),
            "nama_lpse" => json!(format!("LPSE {}", region.name)),
            "url_lpse" => json!(format!("https://lpse.{}.go.id/eproc4", region.kd_klpd.to_lowercase())),
            "alamat" | "alamat_satker" => json!(format!("Jl. Pemuda No. {}, {}", c.org.unwrap_or(0) + 1, region.name)),
            "alamat_penyedia" => json!(format!("Jl. Usaha Bersama No. {provider}, {}", region.name)),
            "telepon" | "fax" => json!(format!("022-{:07}", c.org.unwrap_or(0) + 5_000_000)),
            "kodepos" => json!("40000"),
            "jenis_satker" => json!("SKPD"),
            "ket_satker" => json!("Non BLU/BLUD"),
            "sumber_dana" => json!("APBD"),
            "mtd_kualifikasi" => json!("Pascakualifikasi"),
            "kontrak_pembayaran" | "cara_pembayaran_kontrak" => json!("Lumsum"),
            "versi_tender" | "versi_nontender" => json!(1),
            "nama_ppk" => json!(format!("PPK {}", satker.map_or_else(String::new, |s| s.1))),
            "jabatan_ppk" => json!("Pejabat Pembuat Komitmen"),
            "nama_pokja" => json!("Anggota Pokja 1;Anggota Pokja 2;Anggota Pokja 3"),
            "nama_penyedia" | "wakil_sah_penyedia" | "nama_pemilik_rek_bank" => {
                json!(format!("CV Penyedia Sintetis {provider:05}"))
            }
            "npwp_penyedia" => json!(format!(
                "{:02}.{:03}.{:03}.0-{:03}.000",
                provider % 100,
                provider % 1000,
                provider / 1000 % 1000,
                provider % 997
            )),
            "npwp_penyedia_16" | "npwp16_penyedia" | "npwp_16_penyedia" => json!(format!("{:016}", provider)),
            "jabatan_wakil_penyedia" => json!("Direktur"),
            "bentuk_usaha_penyedia" => json!("CV"),
            "tipe_penyedia" => json!("Badan Usaha"),
            "nama_rek_bank" => json!("[REDACTED]"),
            "no_rek_bank" => json!("[REDACTED]"),
            "mtd_pengadaan" => json!(c.scenario.and_then(|s| s.procured.as_ref()).map(|p| p.metode.label())),
            "nama_paket" | "rup_nama_pkt" | "lingkup_pekerjaan" | "urarian_pekerjaan" => {
                json!(c.scenario.map(|s| s.name.clone()))
            }
            "kd_pkt_dce" | "lls_id" | "kd_paket" | "kd_peserta" => json!(c.package.map(|i| 30_000_000 + i as i64)),
            "mak" => json!(c.scenario.map(|s| format!(
                "{}.{}",
                self.region.organisations[s.org].subs[s.sub].0,
                crate::build::rekening_code(s.jenis)
            ))),
            "kota_kontrak" | "kota_sppbj" | "kota_spmk_spp" => json!(region.name),
            "status_pkt" => json!("COMPLETED"),
            "jml_jenis_produk" => json!(1),
            "jml_produk" => json!(10),
            "ongkir" => json!(0),
            "product_ids" => json!(format!("[{}]", 70_000_000 + c.package.unwrap_or(0))),
            "kd_penyedia_v6" => json!(c.provider.map(|p| 200_000 + p as i64)),
            "apakah_addendum" => json!(false),
            "pemenang_terverifikasi" => json!(0),
            "repeat_order" => json!(false),
            "tipe_paket" => json!("Penyedia"),
            "jabatan_penandatangan_sk" => json!("Kepala Dinas"),
            "_inserted_date" => json!(SNAPSHOT),
            "volume_pekerjaan" => json!("1 Paket"),
            "spesifikasi_pekerjaan" => json!(c.scenario.map(|s| format!(
                "{} sesuai spesifikasi teknis dalam dokumen pemilihan dan kerangka acuan kerja",
                s.name
            ))),
            "lokasi_pekerjaan" => json!(c.scenario.map(|s| format!(
                "{} - {} (Kab.)",
                s.name.split(" Paket").next().unwrap_or(&s.name),
                region.name
            ))),
            "username_ppk" => json!(format!("ppk{:03}", c.org.unwrap_or(0) + 1)),
            "no_sk_ppk" => json!(format!("027/SK.{:03}-PPK/{YEAR}", c.org.unwrap_or(0) + 1)),
            "lampiran_sppbj" => json!("1 (satu) berkas"),
            "alasan_ubah_nilai_kontrak" | "alasan_nilai_kontrak_10_persen" => json!(""),
            "informasi_lainnya" => json!("-"),
            _ => self.procurement_filler(column, c),
        }
    }

    /// The procurement's own values, for the datasets that repeat them.
    fn procurement_filler(&self, column: &str, c: Context<'_>) -> Value {
        let (Some(s), Some(i)) = (c.scenario, c.package) else {
            return Value::Null;
        };
        let Some(p) = s.procured.as_ref() else {
            return Value::Null;
        };
        match column {
            "pagu" => money(p.pagu),
            "hps" => p.hps.map_or(Value::Null, money),
            "kd_rup" | "kd_rup_paket" => json!(ids::kd_rup(i).to_string()),
            "tgl_pengumuman_tender" | "tgl_pengumuman_nontender" | "tgl_buat_paket" => {
                json!(datetime(p.announced_on, 9))
            }
            "tgl_penetapan_pemenang" => json!(datetime(p.award_on, 10)),
            "nilai_kontrak" | "harga_final" => money(p.value),
            "nilai_penawaran" => p.winning().map_or(Value::Null, |b| money(b.offer)),
            "nilai_pdn_kontrak" | "nilai_umk_kontrak" => money(p.value),
            "kualifikasi_paket" => json!("Kecil"),
            "jenis_pengadaan" => json!(jenis_label(s.jenis)),
            "mtd_pemilihan" => json!(p.metode.label()),
            "status_tender" | "status_nontender" => json!("Selesai"),
            "tgl_kontrak" => json!(datetime(p.signed_on, 10)),
            "no_kontrak" => json!(format!("{:03}/{}/KONTRAK/{YEAR}", i + 1, s.org + 1)),
            "no_sppbj" => json!(format!("{:03}/{}/SPPBJ/{YEAR}", i + 1, s.org + 1)),
            "nip_ppk" => json!(nip(1, s.org)),
            "status_kontrak" => json!(if p.bast.is_some() {
                "Kontrak Selesai"
            } else {
                "Kontrak Berjalan"
            }),
            _ => Value::Null,
        }
    }

    fn push(&mut self, id: u32, name: &'static str, row: Value) {
        let context = self.context;
        let mut row = row;
        if let Some(object) = row.as_object_mut() {
            object.insert("_event_date".into(), json!(SNAPSHOT));
            for column in columns(id) {
                if !object.contains_key(*column) {
                    object.insert((*column).into(), self.filler(column, context));
                }
            }
        }
        match self.files.iter_mut().find(|(i, _, _)| *i == id) {
            Some((_, _, rows)) => rows.push(row),
            None => self.files.push((id, name, vec![row])),
        }
    }

    fn satker(&self, org: usize) -> (String, String) {
        let o = &self.region.organisations[org];
        (o.code.clone(), o.name.clone())
    }
}

/// The ISB files of a region, in a fixed order (the same region gives the same bytes). The
/// performance bonds and contract forms are those the standard rulebook requires; a region built
/// under another rulebook takes [`isb_files_under`].
///
/// # Errors
///
/// A [`rantai_chain::ChainError`] when the region's plan cannot be computed (a defect of the
/// generator).
///
/// ```
/// use rantai_sim::{RegionSpec, generate, isb::isb_files};
///
/// let files = isb_files(&generate(&RegionSpec::kabupaten(3, 100)).unwrap()).unwrap();
/// assert!(files.iter().any(|f| f.name.ends_with("_1013_SPSE-TenderPengumuman.json")));
/// ```
pub fn isb_files(region: &Region) -> Result<Vec<IsbFile>, rantai_chain::ChainError> {
    isb_files_under(region, rantai_core::Rulebook::standard())
}

/// The ISB files of a region whose chain is built under `rulebook` ([`crate::build::build_under`]):
/// the bonds and contract forms in the files are the ones its chain holds.
///
/// # Errors
///
/// As [`isb_files`].
pub fn isb_files_under(
    region: &Region,
    rulebook: &rantai_core::Rulebook,
) -> Result<Vec<IsbFile>, rantai_chain::ChainError> {
    let mut w = Writer {
        region,
        rulebook,
        files: Vec::new(),
        context: Context::default(),
    };
    masters(&mut w)?;
    for (i, s) in region.packages.iter().enumerate() {
        let winner = s.procured.as_ref().and_then(|p| p.winning()).map(|b| b.provider);
        w.about(s.org, Some(i), winner, Some(s));
        package(&mut w, i, s);
        if let Some(p) = &s.procured {
            match p.metode {
                MetodePemilihan::EPurchasing => order(&mut w, i, s, p),
                m if m.is_competitive() => tender(&mut w, i, s, p),
                _ => non_tender(&mut w, i, s, p),
            }
        }
    }
    let mut files = w.files;
    files.sort_by_key(|(id, _, _)| *id);
    Ok(files
        .into_iter()
        .enumerate()
        .map(|(n, (id, name, rows))| IsbFile {
            name: format!("{:02}_{id}_{name}.json", n + 1),
            bytes: serde_json::to_vec(&rows).unwrap_or_default(),
        })
        .collect())
}

fn masters(w: &mut Writer<'_>) -> Result<(), rantai_chain::ChainError> {
    let region = w.region;
    let jenis_klpd = match region.spec.level {
        GovLevel::Provinsi => "PROVINSI",
        GovLevel::KabupatenKota => "KABUPATEN",
    };
    let kd_satker = |o: usize| 100_000 + o as i64;
    for o in 0..region.organisations.len() {
        w.about(o, None, None, None);
        let (code, name) = w.satker(o);
        w.push(
            1008,
            "RUP-MasterSatker",
            json!({
                "kd_satker": kd_satker(o), "kd_satker_str": code, "nama_satker": name,
                "kd_klpd": region.spec.kd_klpd, "nama_klpd": region.spec.name, "jenis_klpd": jenis_klpd,
                "tahun_anggaran": YEAR, "status_satker": "Aktif",
            }),
        );
    }
    let plan = plan(region)?;
    for (o, b) in plan.budgets.iter().enumerate() {
        w.about(o, None, None, None);
        let (code, name) = w.satker(o);
        w.push(
            1084,
            "RUP-StrukturAnggaranPD",
            json!({
                "kd_satker_str": code, "nama_satker": name, "tahun_anggaran": YEAR,
                "belanja_operasi": money(b.belanja_operasi), "belanja_modal": money(b.belanja_modal),
                "belanja_pengadaan": money(b.belanja_pengadaan), "total_belanja": money(b.total_belanja),
            }),
        );
    }
    for (o, p) in plan.programs.iter().enumerate() {
        w.about(o, None, None, None);
        w.push(
            1041,
            "RUP-ProgramMaster",
            json!({
                "kd_program": 200_000 + o as i64, "kd_program_str": p.code.to_string(), "nama_program": p.name,
                "pagu_program": money(p.pagu), "kd_satker": kd_satker(o), "tahun_anggaran": YEAR, "is_deleted": false,
            }),
        );
    }
    let program_key = |o: usize| 200_000 + o as i64;
    let kegiatan_key = |id: rantai_core::KegiatanId| id.to_string();
    let org_of =
        |org: rantai_core::OrganisationId| (0..region.organisations.len()).find(|o| ids::organisation(*o) == org);
    for k in &plan.kegiatan {
        let Some(o) = org_of(k.organisation) else { continue };
        w.about(o, None, None, None);
        w.push(
            1040,
            "RUP-KegiatanMaster",
            json!({
                "kd_kegiatan": kegiatan_key(k.id), "kd_kegiatan_str": k.code.to_string(), "nama_kegiatan": k.name,
                "pagu_kegiatan": money(k.pagu), "kd_program": program_key(o), "kd_satker": kd_satker(o),
                "tahun_anggaran": YEAR, "is_deleted": false,
            }),
        );
    }
    for (o, s, spec) in &plan.sub_kegiatan {
        let Some(kegiatan) = spec.kegiatan else { continue };
        w.about(*o, None, None, None);
        w.push(
            1039,
            "RUP-SubKegiatanMaster",
            json!({
                "kd_subkegiatan": 400_000 + (o * 100 + s) as i64, "kd_subkegiatan_str": spec.code.to_string(),
                "nama_subkegiatan": spec.name, "pagu_subkegiatan": money(spec.pagu), "kd_kegiatan": kegiatan_key(kegiatan),
                "kd_program": program_key(*o), "kd_satker": kd_satker(*o), "tahun_anggaran": YEAR, "is_deleted": false,
            }),
        );
    }
    Ok(())
}

fn package(w: &mut Writer<'_>, i: usize, s: &Scenario) {
    let (code, name) = w.satker(s.org);
    let (selection, execution) = crate::build::windows(s);
    let metode = s.metode.sirup_code();
    let jenis = s.jenis.sirup_code();
    w.push(
        1018,
        "RUP-PaketPenyedia-Terumumkan",
        json!({
            "tahun_anggaran": YEAR, "kd_satker_str": code, "nama_satker": name, "kd_rup": ids::kd_rup(i).to_string(),
            "nama_paket": s.name, "pagu": money(s.pagu), "kd_metode_pengadaan": metode, "kd_jenis_pengadaan": jenis,
            "status_pradipa": "Non-PraDIPA", "status_pdn": "PDN", "status_ukm": if s.umk { "UKM" } else { "Non UKM" },
            "alasan_non_ukm": s.non_umk_reason.clone().unwrap_or_default(), "status_konsolidasi": "Non-Konsolidasi",
            "tgl_awal_pemilihan": date(selection.start), "tgl_akhir_pemilihan": date(selection.end),
            "tgl_awal_kontrak": date(execution.start), "tgl_akhir_kontrak": date(execution.end),
            "tgl_awal_pemanfaatan": "", "tgl_akhir_pemanfaatan": "",
            "tgl_pengumuman_paket": datetime(crate::generate::day(1, 20), 9), "nip_ppk": nip(1, s.org),
            "status_aktif_rup": true, "status_delete_rup": false, "status_umumkan_rup": "Terumumkan",
        }),
    );
}

/// The fields an announcement (1013 or 1016) shares.
fn announcement(w: &Writer<'_>, i: usize, s: &Scenario, p: &Procured) -> Map<String, Value> {
    let (code, name) = w.satker(p.procuring_org.unwrap_or(s.org));
    let kd_rup = if p.unknown_rup {
        ids::unknown_kd_rup(i).to_string()
    } else {
        ids::kd_rup(i).to_string()
    };
    let evaluation = match crate::build::evaluation(s) {
        rantai_procurement::EvaluationMethod::KualitasDanBiaya => "Kualitas dan Biaya",
        _ => "Harga Terendah Sistem Gugur",
    };
    let mut row = Map::new();
    for (k, v) in [
        ("kd_satker_str", json!(code)),
        ("nama_satker", json!(name)),
        ("tahun_anggaran", json!(YEAR)),
        ("jenis_pengadaan", json!(jenis_label(s.jenis))),
        ("mtd_pemilihan", json!(p.metode.label())),
        ("mtd_evaluasi", json!(evaluation)),
        ("pagu", money(p.pagu)),
        ("nama_paket", json!(s.name)),
        ("kd_rup", json!(kd_rup)),
        ("kualifikasi_paket", json!("Kecil")),
    ] {
        row.insert(k.into(), v);
    }
    if let Some(hps) = p.hps {
        row.insert("hps".into(), money(hps));
    }
    row
}

/// SPSE's name of a pascakualifikasi stage.
fn stage_name(kd_akt: u16) -> &'static str {
    match kd_akt {
        291 => "Pengumuman Pascakualifikasi",
        292 => "Download Dokumen Pemilihan",
        293 => "Pemberian Penjelasan",
        294 => "Upload Dokumen Penawaran",
        295 => "Pembukaan Dokumen Penawaran",
        296 => "Evaluasi Administrasi, Kualifikasi, Teknis, dan Harga",
        297 => "Pembuktian Kualifikasi",
        298 => "Penetapan Pemenang",
        299 => "Pengumuman Pemenang",
        300 => "Masa Sanggah",
        301 => "Surat Penunjukan Penyedia Barang/Jasa",
        _ => "Penandatanganan Kontrak",
    }
}

fn winner_key(p: &Procured) -> i64 {
    p.winning().map_or(0, |b| 100_000 + b.provider as i64)
}

fn tender(w: &mut Writer<'_>, i: usize, s: &Scenario, p: &Procured) {
    let key = ids::kd_tender(i);
    let mut row = announcement(w, i, s, p);
    row.insert("kd_tender".into(), json!(key));
    match p.failed_on {
        // SPSE marks a failed tender Gagal/Batal, dated, and names no ground.
        Some(on) => {
            row.insert("status_tender".into(), json!("Gagal/Batal"));
            row.insert("tanggal_status".into(), json!(datetime(on, 10)));
            row.insert("ket_ditutup".into(), json!("Tender gagal"));
        }
        None => {
            row.insert("status_tender".into(), json!("Selesai"));
        }
    }
    row.insert("tgl_pengumuman_tender".into(), json!(datetime(p.announced_on, 9)));
    let org = p.procuring_org.unwrap_or(s.org);
    row.insert("nip_ppk".into(), json!(nip(1, org)));
    let group = i % pokja_groups(w.region);
    let pokja: Vec<String> = (0..p.pokja_size).map(|k| nip(3, group * 3 + k)).collect();
    row.insert("nip_pokja".into(), json!(pokja.join(";")));
    w.push(1013, "SPSE-TenderPengumuman", Value::Object(row));
    if let Ok(schedule) = crate::schedule::of(p.announced_on, s.anomaly) {
        for stage in schedule.stages() {
            w.push(
                1068,
                "SPSE-JadwalTahapanTender",
                json!({
                    "kd_tender": key, "kd_akt": stage.kd_akt, "kd_tahapan": stage.kd_akt,
                    "nama_tahapan": stage_name(stage.kd_akt), "nama_akt": stage_name(stage.kd_akt),
                    "tgl_awal": stage.start.format("%Y-%m-%d %H:%M:%S").to_string(),
                    "tgl_akhir": stage.end.format("%Y-%m-%d %H:%M:%S").to_string(),
                }),
            );
        }
    }
    let winner = w.context.provider;
    for (k, b) in p.bids.iter().enumerate() {
        w.context.provider = Some(b.provider);
        w.push(
            1070,
            "SPSE-PesertaTender",
            json!({
                "kd_tender": key, "kd_penyedia": 100_000 + b.provider as i64, "nilai_penawaran": money(b.offer),
                "nilai_terkoreksi": null, "pemenang": i64::from(k == 0),
            }),
        );
    }
    if p.failed_on.is_some() {
        return;
    }
    w.context.provider = winner;
    // The award is the negotiated price; the contract's value may differ from it (D10).
    let award = p.winning().map_or(p.value, |b| b.offer);
    w.push(
        1015,
        "SPSE-TenderSelesaiNilai",
        json!({
            "kd_tender": key, "kd_penyedia": winner_key(p), "nilai_negosiasi": money(award),
            "nilai_kontrak": money(p.value), "tgl_penetapan_pemenang": datetime(p.award_on, 10),
        }),
    );
    w.push(
        1014,
        "SPSE-TenderSelesai",
        json!({ "kd_tender": key, "kd_rup": ids::kd_rup(i).to_string() }),
    );
    contract(w, i, s, p, "kd_tender", (1075, 1073, 1076));
}

fn non_tender(w: &mut Writer<'_>, i: usize, s: &Scenario, p: &Procured) {
    let key = ids::kd_tender(i);
    let mut row = announcement(w, i, s, p);
    let org = p.procuring_org.unwrap_or(s.org);
    row.insert("kd_nontender".into(), json!(key));
    row.insert("status_nontender".into(), json!("Selesai"));
    row.insert("tgl_pengumuman_nontender".into(), json!(datetime(p.announced_on, 9)));
    row.insert(
        "nip_nama_ppk".into(),
        json!(format!("{} - PPK {}", nip(1, org), org + 1)),
    );
    // The Pejabat Pengadaan, or the PPK itself when it runs the selection.
    let (kind, role) = if p.ppk_selects {
        (1, "PPK")
    } else {
        (2, "Pejabat Pengadaan")
    };
    row.insert(
        "nip_nama_pp".into(),
        json!(format!("{} - {role} {}", nip(kind, org), org + 1)),
    );
    w.push(1016, "SPSE-NonTenderPengumuman", Value::Object(row));
    let offer = p.winning().map_or(p.value, |b| b.offer);
    w.push(
        1017,
        "SPSE-NonTenderSelesai",
        json!({
            "kd_nontender": key, "status_nontender": "Selesai", "tgl_selesai_nontender": datetime(p.award_on, 10),
            "kd_penyedia": winner_key(p), "nilai_penawaran": money(offer), "nilai_negosiasi": money(p.value),
        }),
    );
    contract(w, i, s, p, "kd_nontender", (1081, 1080, 1082));
}

/// SPPBJ, contract with its addenda, and BAP/BAST rows of a tender or non-tender.
fn contract(w: &mut Writer<'_>, i: usize, s: &Scenario, p: &Procured, key_field: &str, files: (u32, u32, u32)) {
    let key = ids::kd_tender(i);
    let (sppbj, kontrak, bast) = match files.0 {
        1075 => (
            "SPSE-TenderEkontrak-1SPPBJ",
            "SPSE-TenderEkontrak-2Kontrak",
            "SPSE-TenderEkontrak-4BAPBAST",
        ),
        _ => (
            "SPSE-NonTenderEkontrak-1SPPBJ",
            "SPSE-NonTenderEkontrak-2Kontrak",
            "SPSE-NonTenderEkontrak-4BAPBAST",
        ),
    };
    let with_key = |mut v: Value| {
        if let Some(o) = v.as_object_mut() {
            o.insert(key_field.into(), json!(key));
        }
        v
    };
    if let Some(on) = p.sppbj_on {
        let bond = crate::build::performance_bond_of(s, p, w.rulebook);
        w.push(
            files.0,
            sppbj,
            with_key(json!({
                "tgl_sppbj": datetime(on, 10), "versi_addendum": 0,
                "nilai_jaminan_pelaksanaan": bond.map_or(Value::Null, money),
            })),
        );
    }
    let form = crate::build::contract_form_of(s, p, w.rulebook);
    let nomor = crate::build::contract_number(i, s.org, form);
    let jenis_kontrak = match crate::build::contract_type(s, p) {
        rantai_procurement::ContractType::HargaSatuan => "Harga Satuan",
        rantai_procurement::ContractType::Gabungan => "Gabungan Lumsum dan Harga Satuan",
        _ => "Lumsum",
    };
    w.push(
        files.1,
        kontrak,
        with_key(json!({
            "versi_addendum": 0, "no_kontrak": nomor, "nilai_kontrak": money(p.value), "tgl_kontrak": datetime(p.signed_on, 10),
            "jenis_kontrak": jenis_kontrak, "tgl_kontrak_awal": datetime(p.start, 0), "tgl_kontrak_akhir": datetime(p.end, 0),
        })),
    );
    for (n, (dated, value)) in p.addenda.iter().enumerate() {
        w.push(
            files.1,
            kontrak,
            with_key(json!({
                "versi_addendum": n + 1, "no_kontrak": format!("{nomor}/ADD-{}", n + 1), "nilai_kontrak": money(*value),
                "tgl_kontrak": datetime(*dated, 10), "jenis_kontrak": jenis_kontrak,
                "tgl_kontrak_awal": datetime(p.start, 0), "tgl_kontrak_akhir": datetime(p.end, 0),
                "alasan_addendum": "Pekerjaan tambah akibat kondisi lapangan",
            })),
        );
    }
    for (n, (on, actual, _)) in p.reports.iter().enumerate() {
        let done = *actual >= rantai_core::Ratio::ONE;
        let mut row = json!({
            "tgl_bap": datetime(*on, 10), "progres_pekerjaan": actual.as_percent().normalize().to_string(),
            "no_bap": format!("BAP/{}/{}", i + 1, n + 1),
            "status_kontrak": if done { "Kontrak Selesai" } else { "Kontrak Berjalan" },
        });
        if let (true, Some(handover), Some(o)) = (done, p.bast, row.as_object_mut()) {
            o.insert("tgl_bast".into(), json!(datetime(handover, 10)));
        }
        w.push(files.2, bast, with_key(row));
    }
}

fn order(w: &mut Writer<'_>, i: usize, s: &Scenario, p: &Procured) {
    let (code, name) = w.satker(s.org);
    w.push(
        1213,
        "Ecat-PaketEPurchasingV6",
        json!({
            "kd_paket": format!("EP{:024}", i), "tahun_anggaran": YEAR, "total_harga": money(p.value),
            "tgl_order": datetime(p.announced_on, 10), "kd_penyedia_sikap": winner_key(p),
            "kd_rup": ids::kd_rup(i).to_string(), "rup_nama_pkt": s.name, "kd_satker_str": code, "nama_satker": name,
            "status_pengiriman": "DITERIMA",
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_carries_every_column_of_its_dataset() {
        let region = crate::generate(&crate::RegionSpec::kabupaten(4, 300)).unwrap_or_else(|e| panic!("{e}"));
        let files = isb_files(&region).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(files.len(), 20);
        for f in files {
            let id: u32 = f.name.split('_').nth(1).and_then(|i| i.parse().ok()).unwrap_or(0);
            let wanted = columns(id);
            assert!(wanted.len() >= 12, "{}: {} columns", f.name, wanted.len());
            let rows: Vec<Value> = serde_json::from_slice(&f.bytes).unwrap_or_default();
            assert!(!rows.is_empty(), "{}", f.name);
            for row in rows {
                let missing: Vec<_> = wanted.iter().filter(|c| row.get(**c).is_none()).collect();
                assert!(missing.is_empty(), "{}: {missing:?}", f.name);
            }
        }
    }
}
