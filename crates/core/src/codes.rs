//! Permendagri 90/2019 classification codes with strict parsers: program, kegiatan,
//! sub-kegiatan, organisation (`kd_satker_str`), kode rekening, and the SIRUP/SPSE MAK.
//!
//! Every code type parses only its exact dotted pattern (K-01 in `domain-rules.md` §8.6) and
//! prints back the same text (`Display` round-trips `FromStr`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CoreError, Result};

/// The level of government whose authority a kegiatan belongs to: the 4th segment of a kegiatan
/// or sub-kegiatan code (`1` provinsi, `2` kabupaten/kota).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GovLevel {
    /// Provincial authority (`1`).
    Provinsi,
    /// Regency or city authority (`2`).
    KabupatenKota,
}

impl GovLevel {
    fn digit(self) -> u8 {
        match self {
            GovLevel::Provinsi => 1,
            GovLevel::KabupatenKota => 2,
        }
    }
}

/// Splits `input` on dots and checks each segment is all digits with the given width.
fn segments<'a>(input: &'a str, kind: &'static str, widths: &[usize]) -> Result<Vec<&'a str>> {
    let parts: Vec<&str> = input.split('.').collect();
    if parts.len() != widths.len() {
        return Err(invalid(
            kind,
            input,
            format!(
                "expected {} dot-separated segments, found {}",
                widths.len(),
                parts.len()
            ),
        ));
    }
    for (i, (part, width)) in parts.iter().zip(widths).enumerate() {
        if part.len() != *width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                kind,
                input,
                format!("segment {} ({part:?}) must be {width} digit(s)", i + 1),
            ));
        }
    }
    Ok(parts)
}

fn invalid(kind: &'static str, input: &str, reason: String) -> CoreError {
    CoreError::InvalidCode {
        kind,
        input: input.to_string(),
        reason,
    }
}

fn num<T: FromStr + Default>(s: &str) -> T {
    // Segments are checked to be ASCII digits of a width that fits `T` before this is called.
    s.parse().unwrap_or_default()
}

fn level(kind: &'static str, input: &str, seg: &str) -> Result<GovLevel> {
    match seg {
        "1" => Ok(GovLevel::Provinsi),
        "2" => Ok(GovLevel::KabupatenKota),
        other => Err(invalid(
            kind,
            input,
            format!("level digit (segment 4) is {other:?}; must be 1 (provinsi) or 2 (kabupaten/kota)"),
        )),
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($t), self)
            }
        }
    };
}

/// A program code `U.BB.PP`, e.g. `2.07.02` (PROGRAM PERENCANAAN TENAGA KERJA).
///
/// # Example
///
/// ```
/// use rantai_core::ProgramCode;
/// let p: ProgramCode = "2.07.02".parse()?;
/// assert_eq!(p.to_string(), "2.07.02");
/// assert!("2.7.02".parse::<ProgramCode>().is_err());
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProgramCode {
    urusan: u8,
    bidang: u8,
    program: u8,
}

impl ProgramCode {
    /// The urusan group (first digit, 1–8).
    pub fn urusan(&self) -> u8 {
        self.urusan
    }
    /// The bidang urusan (`U.BB`), e.g. `2.07` Tenaga Kerja.
    pub fn bidang_urusan(&self) -> String {
        format!("{}.{:02}", self.urusan, self.bidang)
    }
}

impl FromStr for ProgramCode {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let p = segments(s, "program", &[1, 2, 2])?;
        Ok(ProgramCode {
            urusan: num(p[0]),
            bidang: num(p[1]),
            program: num(p[2]),
        })
    }
}

impl fmt::Display for ProgramCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}.{:02}", self.urusan, self.bidang, self.program)
    }
}
string_serde!(ProgramCode);

/// A kegiatan code `U.BB.PP.L.KK`, e.g. `2.07.02.2.01`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KegiatanCode {
    program: ProgramCode,
    level: GovLevel,
    kegiatan: u8,
}

impl KegiatanCode {
    /// The program this kegiatan belongs to.
    pub fn program(&self) -> ProgramCode {
        self.program
    }
    /// The level of government (4th segment).
    pub fn level(&self) -> GovLevel {
        self.level
    }
}

impl FromStr for KegiatanCode {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let p = segments(s, "kegiatan", &[1, 2, 2, 1, 2])?;
        Ok(KegiatanCode {
            program: ProgramCode {
                urusan: num(p[0]),
                bidang: num(p[1]),
                program: num(p[2]),
            },
            level: level("kegiatan", s, p[3])?,
            kegiatan: num(p[4]),
        })
    }
}

impl fmt::Display for KegiatanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{:02}", self.program, self.level.digit(), self.kegiatan)
    }
}
string_serde!(KegiatanCode);

/// A sub-kegiatan code `U.BB.PP.L.KK.SSSS`, e.g. `2.07.02.2.01.0001` (4-digit sub segment, as in
/// all 2025 data).
///
/// # Example
///
/// ```
/// use rantai_core::{GovLevel, SubKegiatanCode};
/// let s: SubKegiatanCode = "1.03.08.2.01.0021".parse()?;
/// assert_eq!(s.level(), GovLevel::KabupatenKota);
/// assert_eq!(s.kegiatan().to_string(), "1.03.08.2.01");
/// assert!("1.03.08.3.01.0021".parse::<SubKegiatanCode>().is_err());
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubKegiatanCode {
    kegiatan: KegiatanCode,
    sub: u16,
}

impl SubKegiatanCode {
    /// The kegiatan this sub-kegiatan belongs to.
    pub fn kegiatan(&self) -> KegiatanCode {
        self.kegiatan
    }
    /// The program this sub-kegiatan belongs to.
    pub fn program(&self) -> ProgramCode {
        self.kegiatan.program
    }
    /// The level of government (4th segment).
    pub fn level(&self) -> GovLevel {
        self.kegiatan.level
    }
}

impl FromStr for SubKegiatanCode {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let p = segments(s, "sub-kegiatan", &[1, 2, 2, 1, 2, 4])?;
        Ok(SubKegiatanCode {
            kegiatan: KegiatanCode {
                program: ProgramCode {
                    urusan: num(p[0]),
                    bidang: num(p[1]),
                    program: num(p[2]),
                },
                level: level("sub-kegiatan", s, p[3])?,
                kegiatan: num(p[4]),
            },
            sub: num(p[5]),
        })
    }
}

impl fmt::Display for SubKegiatanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:04}", self.kegiatan, self.sub)
    }
}
string_serde!(SubKegiatanCode);

/// An organisation (SKPD/OPD) code `U.BB.U.BB.U.BB.OO.SSSS` (`kd_satker_str`): up to three
/// bidang urusan (`0.00` = none), organisation number and sub-unit.
///
/// # Example
///
/// ```
/// use rantai_core::OrgCode;
/// let puskesmas: OrgCode = "1.02.0.00.0.00.02.0022".parse()?;
/// assert_eq!(puskesmas.sub_unit(), 22);
/// assert_eq!(puskesmas.parent().to_string(), "1.02.0.00.0.00.02.0000");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrgCode {
    bidang: [(u8, u8); 3],
    org: u8,
    sub_unit: u16,
}

impl OrgCode {
    /// The organisation number (7th segment).
    pub fn org_number(&self) -> u8 {
        self.org
    }
    /// The sub-unit (8th segment); `0` for the organisation itself.
    pub fn sub_unit(&self) -> u16 {
        self.sub_unit
    }
    /// The organisation this sub-unit belongs to (sub-unit `0000`).
    pub fn parent(&self) -> OrgCode {
        OrgCode { sub_unit: 0, ..*self }
    }
}

impl FromStr for OrgCode {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let p = segments(s, "organisation", &[1, 2, 1, 2, 1, 2, 2, 4])?;
        Ok(OrgCode {
            bidang: [(num(p[0]), num(p[1])), (num(p[2]), num(p[3])), (num(p[4]), num(p[5]))],
            org: num(p[6]),
            sub_unit: num(p[7]),
        })
    }
}

impl fmt::Display for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c] = self.bidang;
        write!(
            f,
            "{}.{:02}.{}.{:02}.{}.{:02}.{:02}.{:04}",
            a.0, a.1, b.0, b.1, c.0, c.1, self.org, self.sub_unit
        )
    }
}
string_serde!(OrgCode);

/// A budget account (kode rekening) `A.K.JJ.OO.RR.SSSS`: akun, kelompok, jenis, objek, rincian
/// objek, sub rincian objek — e.g. `5.2.03.01.01.0001` (belanja modal gedung dan bangunan).
///
/// # Example
///
/// ```
/// use rantai_core::KodeRekening;
/// let r: KodeRekening = "5.1.02.01.01.0024".parse()?;
/// assert!(r.is_belanja());
/// assert_eq!(r.jenis(), "5.1.02");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KodeRekening {
    akun: u8,
    kelompok: u8,
    jenis: u8,
    objek: u8,
    rincian: u8,
    sub_rincian: u16,
}

impl KodeRekening {
    /// Whether the account is spending (akun `5`, belanja).
    pub fn is_belanja(&self) -> bool {
        self.akun == 5
    }
    /// Whether the account is capital spending (`5.2`, belanja modal).
    pub fn is_belanja_modal(&self) -> bool {
        self.akun == 5 && self.kelompok == 2
    }
    /// The jenis level `A.K.JJ`, e.g. `5.2.03`.
    pub fn jenis(&self) -> String {
        format!("{}.{}.{:02}", self.akun, self.kelompok, self.jenis)
    }
}

impl FromStr for KodeRekening {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let p = segments(s, "kode rekening", &[1, 1, 2, 2, 2, 4])?;
        let akun: u8 = num(p[0]);
        if !(1..=7).contains(&akun) {
            return Err(invalid(
                "kode rekening",
                s,
                format!("akun {akun} does not exist (1–7; belanja is 5)"),
            ));
        }
        Ok(KodeRekening {
            akun,
            kelompok: num(p[1]),
            jenis: num(p[2]),
            objek: num(p[3]),
            rincian: num(p[4]),
            sub_rincian: num(p[5]),
        })
    }
}

impl fmt::Display for KodeRekening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{:02}.{:02}.{:02}.{:04}",
            self.akun, self.kelompok, self.jenis, self.objek, self.rincian, self.sub_rincian
        )
    }
}
string_serde!(KodeRekening);

/// One MAK (mata anggaran kegiatan) as used by SIRUP/SPSE for regional packages: sub-kegiatan +
/// kode rekening, optionally followed by an 8-segment budget-line suffix whose meaning is not
/// verified (kept verbatim). A trailing `.` in the source is tolerated and not printed back.
///
/// # Example
///
/// ```
/// use rantai_core::Mak;
/// let mak: Mak = "1.03.08.2.01.0021.5.2.03.01.01.0001.".parse()?;
/// assert_eq!(mak.sub_kegiatan().to_string(), "1.03.08.2.01.0021");
/// assert_eq!(mak.rekening().to_string(), "5.2.03.01.01.0001");
/// assert_eq!(mak.to_string(), "1.03.08.2.01.0021.5.2.03.01.01.0001");
///
/// let with_suffix: Mak = "1.03.03.2.01.0028.5.1.05.05.01.0002.1.3.0.40.30.10.003.00003".parse()?;
/// assert_eq!(with_suffix.suffix(), Some("1.3.0.40.30.10.003.00003"));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mak {
    sub_kegiatan: SubKegiatanCode,
    rekening: KodeRekening,
    suffix: Option<String>,
}

impl Mak {
    /// A MAK from its parts, without suffix.
    pub fn new(sub_kegiatan: SubKegiatanCode, rekening: KodeRekening) -> Mak {
        Mak {
            sub_kegiatan,
            rekening,
            suffix: None,
        }
    }
    /// The sub-kegiatan part (first six segments).
    pub fn sub_kegiatan(&self) -> SubKegiatanCode {
        self.sub_kegiatan
    }
    /// The kode rekening part (segments 7–12).
    pub fn rekening(&self) -> KodeRekening {
        self.rekening
    }
    /// The 8-segment suffix, if any.
    pub fn suffix(&self) -> Option<&str> {
        self.suffix.as_deref()
    }
}

impl FromStr for Mak {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let trimmed = s.strip_suffix('.').unwrap_or(s);
        let parts: Vec<&str> = trimmed.split('.').collect();
        if parts.len() != 12 && parts.len() != 20 {
            return Err(invalid(
                "MAK",
                s,
                format!(
                    "expected 12 segments (sub-kegiatan + kode rekening) or 20 (with the 8-segment suffix), found {}",
                    parts.len()
                ),
            ));
        }
        let sub_kegiatan: SubKegiatanCode = parts[..6].join(".").parse().map_err(|e| match e {
            CoreError::InvalidCode { reason, .. } => invalid("MAK", s, format!("sub-kegiatan part: {reason}")),
            other => other,
        })?;
        let rekening: KodeRekening = parts[6..12].join(".").parse().map_err(|e| match e {
            CoreError::InvalidCode { reason, .. } => invalid("MAK", s, format!("kode rekening part: {reason}")),
            other => other,
        })?;
        let suffix = if parts.len() == 20 {
            let tail = &parts[12..];
            if let Some(bad) = tail
                .iter()
                .find(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(invalid("MAK", s, format!("suffix segment {bad:?} is not all digits")));
            }
            Some(tail.join("."))
        } else {
            None
        };
        Ok(Mak {
            sub_kegiatan,
            rekening,
            suffix,
        })
    }
}

impl fmt::Display for Mak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.sub_kegiatan, self.rekening)?;
        if let Some(suffix) = &self.suffix {
            write!(f, ".{suffix}")?;
        }
        Ok(())
    }
}
string_serde!(Mak);

/// A `;`-joined list of MAKs, as SIRUP/SPSE write a package financed from several budget lines.
///
/// # Example
///
/// ```
/// use rantai_core::MakList;
/// let list: MakList = "1.03.08.2.01.0021.5.2.03.01.01.0001.;1.03.08.2.01.0021.5.1.02.01.01.0024.".parse()?;
/// assert_eq!(list.len(), 2);
/// let err = "1.03.08.2.01.0021.5.2.03.01.01.0001;oops".parse::<MakList>().unwrap_err();
/// assert!(err.to_string().contains("item 2"));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MakList(Vec<Mak>);

impl MakList {
    /// The MAKs, in source order.
    pub fn iter(&self) -> impl Iterator<Item = &Mak> {
        self.0.iter()
    }
    /// How many MAKs.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether the list is empty (never true for a parsed list).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromStr for MakList {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let items = s
            .split(';')
            .enumerate()
            .map(|(i, part)| {
                part.trim().parse::<Mak>().map_err(|e| match e {
                    CoreError::InvalidCode { reason, .. } => {
                        invalid("MAK list", s, format!("item {}: {reason}", i + 1))
                    }
                    other => other,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(MakList(items))
    }
}

impl fmt::Display for MakList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, mak) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(";")?;
            }
            write!(f, "{mak}")?;
        }
        Ok(())
    }
}
string_serde!(MakList);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_codes_from_kab_bandung_2025_parse() {
        for code in [
            "1.01.0.00.0.00.01.0000",
            "1.03.2.15.1.04.03.0000",
            "4.02.0.00.0.00.25.0000",
        ] {
            assert_eq!(code.parse::<OrgCode>().unwrap().to_string(), code);
        }
        assert_eq!(
            "2.07.02.2.01.0001".parse::<SubKegiatanCode>().unwrap().to_string(),
            "2.07.02.2.01.0001"
        );
    }

    #[test]
    fn real_malformed_maks_are_refused_with_the_part_named() {
        // Level digit 0 in the sub-kegiatan part (seen in Kab. Bandung NonTender data).
        let e = "2.18.00.0.00.0180.0.0.02.18.05.2010".parse::<Mak>().unwrap_err();
        assert!(e.to_string().contains("sub-kegiatan part"), "{e}");
        // Akun 0 in the rekening part.
        let e = "1.03.10.2.01.0003.0.5.20.40.10.1000".parse::<Mak>().unwrap_err();
        assert!(e.to_string().contains("kode rekening part"), "{e}");
        // A truncated suffix.
        let e = "1.02.01.2.10.0001.5.1.10.20.20.3000.1.".parse::<Mak>().unwrap_err();
        assert!(e.to_string().contains("found 13"), "{e}");
    }

    #[test]
    fn sub_unit_parent_and_errors_name_the_segment() {
        let e = "1.02.0.00.0.00.2.0022".parse::<OrgCode>().unwrap_err();
        assert!(e.to_string().contains("segment 7"), "{e}");
    }

    fn d(n: u32) -> impl Strategy<Value = String> {
        (0..10u32.pow(n)).prop_map(move |v| format!("{v:0width$}", width = n as usize))
    }

    proptest! {
        #[test]
        fn sub_kegiatan_round_trips(u in 1u8..9, b in d(2), p in d(2), l in 1u8..3, k in d(2), s in d(4)) {
            let text = format!("{u}.{b}.{p}.{l}.{k}.{s}");
            let code: SubKegiatanCode = text.parse().unwrap();
            prop_assert_eq!(code.to_string(), text);
        }

        #[test]
        fn org_round_trips(a in 0u8..9, b in d(2), c in 0u8..9, e in d(2), g in 0u8..9, h in d(2), o in d(2), s in d(4)) {
            let text = format!("{a}.{b}.{c}.{e}.{g}.{h}.{o}.{s}");
            let code: OrgCode = text.parse().unwrap();
            prop_assert_eq!(code.to_string(), text);
        }

        #[test]
        fn mak_round_trips(sk in 1u8..9, r in 0u8..10, suffix in proptest::option::of("[0-9]{1,3}(\\.[0-9]{1,5}){7}")) {
            let mut text = format!("{sk}.03.08.2.01.0021.5.{r}.03.01.01.0001");
            if let Some(sfx) = &suffix {
                text = format!("{text}.{sfx}");
            }
            let mak: Mak = text.parse().unwrap();
            prop_assert_eq!(mak.to_string(), text.clone());
            let with_dot: Mak = format!("{text}.").parse().unwrap();
            prop_assert_eq!(with_dot, mak);
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
            let _ = s.parse::<Mak>();
            let _ = s.parse::<MakList>();
            let _ = s.parse::<OrgCode>();
            let _ = s.parse::<KodeRekening>();
        }
    }
}
