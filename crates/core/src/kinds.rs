//! Shared procurement vocabulary: the procurement object (jenis pengadaan) and the selection
//! method (metode pemilihan), with their SIRUP codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// The procurement object (jenis pengadaan), Perpres 16/2018 Pasal 3(1); SIRUP `kd_jenis_pengadaan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JenisPengadaan {
    /// Barang — goods (SIRUP `1`).
    Barang,
    /// Pekerjaan Konstruksi — works (SIRUP `2`).
    PekerjaanKonstruksi,
    /// Jasa Konsultansi — consultancy (SIRUP `3`).
    JasaKonsultansi,
    /// Jasa Lainnya — other services (SIRUP `4`).
    JasaLainnya,
}

impl JenisPengadaan {
    /// All four jenis.
    pub const ALL: [JenisPengadaan; 4] = [
        JenisPengadaan::Barang,
        JenisPengadaan::PekerjaanKonstruksi,
        JenisPengadaan::JasaKonsultansi,
        JenisPengadaan::JasaLainnya,
    ];

    /// The SIRUP code (`1`–`4`).
    pub fn sirup_code(self) -> u8 {
        match self {
            JenisPengadaan::Barang => 1,
            JenisPengadaan::PekerjaanKonstruksi => 2,
            JenisPengadaan::JasaKonsultansi => 3,
            JenisPengadaan::JasaLainnya => 4,
        }
    }

    /// The jenis with this SIRUP code.
    ///
    /// # Errors
    ///
    /// [`CoreError::UnknownVariant`] for any code other than 1–4.
    pub fn from_sirup_code(code: u8) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|j| j.sirup_code() == code)
            .ok_or_else(|| CoreError::UnknownVariant {
                kind: "kd_jenis_pengadaan",
                input: code.to_string(),
                expected: "1, 2, 3, 4".into(),
            })
    }

    /// The official Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            JenisPengadaan::Barang => "Barang",
            JenisPengadaan::PekerjaanKonstruksi => "Pekerjaan Konstruksi",
            JenisPengadaan::JasaKonsultansi => "Jasa Konsultansi",
            JenisPengadaan::JasaLainnya => "Jasa Lainnya",
        }
    }

    /// The stable snake-case key used in JSON and rulebook parameter names.
    pub fn key(self) -> &'static str {
        match self {
            JenisPengadaan::Barang => "barang",
            JenisPengadaan::PekerjaanKonstruksi => "pekerjaan_konstruksi",
            JenisPengadaan::JasaKonsultansi => "jasa_konsultansi",
            JenisPengadaan::JasaLainnya => "jasa_lainnya",
        }
    }
}

impl fmt::Display for JenisPengadaan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for JenisPengadaan {
    type Err = CoreError;
    /// Accepts the key (`pekerjaan_konstruksi`), the label (`Pekerjaan Konstruksi`) or the SIRUP code.
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|j| j.key() == s || j.label().eq_ignore_ascii_case(s) || j.sirup_code().to_string() == s)
            .ok_or_else(|| CoreError::UnknownVariant {
                kind: "jenis pengadaan",
                input: s.to_string(),
                expected: Self::ALL.map(|j| j.key()).join(", "),
            })
    }
}

/// The provider-selection method (metode pemilihan), Perpres 16/2018 Pasal 38 and 41, plus the
/// SIRUP plan values Kontes and Dikecualikan; SIRUP `kd_metode_pengadaan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetodePemilihan {
    /// Penunjukan Langsung (SIRUP `7`).
    PenunjukanLangsung,
    /// Pengadaan Langsung (SIRUP `8`).
    PengadaanLangsung,
    /// E-purchasing from the electronic catalogue (SIRUP `9`).
    EPurchasing,
    /// Sayembara/Kontes (SIRUP `11`).
    Kontes,
    /// Tender (SIRUP `13`).
    Tender,
    /// Tender Cepat (SIRUP `14`).
    TenderCepat,
    /// Seleksi, for consultancy (SIRUP `15`).
    Seleksi,
    /// Dikecualikan — excluded from the Perpres (SIRUP `16`).
    Dikecualikan,
}

impl MetodePemilihan {
    /// All methods.
    pub const ALL: [MetodePemilihan; 8] = [
        MetodePemilihan::PenunjukanLangsung,
        MetodePemilihan::PengadaanLangsung,
        MetodePemilihan::EPurchasing,
        MetodePemilihan::Kontes,
        MetodePemilihan::Tender,
        MetodePemilihan::TenderCepat,
        MetodePemilihan::Seleksi,
        MetodePemilihan::Dikecualikan,
    ];

    /// The SIRUP code.
    pub fn sirup_code(self) -> u8 {
        match self {
            MetodePemilihan::PenunjukanLangsung => 7,
            MetodePemilihan::PengadaanLangsung => 8,
            MetodePemilihan::EPurchasing => 9,
            MetodePemilihan::Kontes => 11,
            MetodePemilihan::Tender => 13,
            MetodePemilihan::TenderCepat => 14,
            MetodePemilihan::Seleksi => 15,
            MetodePemilihan::Dikecualikan => 16,
        }
    }

    /// The method with this SIRUP code.
    ///
    /// # Errors
    ///
    /// [`CoreError::UnknownVariant`] for an unknown code.
    pub fn from_sirup_code(code: u8) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.sirup_code() == code)
            .ok_or_else(|| CoreError::UnknownVariant {
                kind: "kd_metode_pengadaan",
                input: code.to_string(),
                expected: "7, 8, 9, 11, 13, 14, 15, 16".into(),
            })
    }

    /// The official Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            MetodePemilihan::PenunjukanLangsung => "Penunjukan Langsung",
            MetodePemilihan::PengadaanLangsung => "Pengadaan Langsung",
            MetodePemilihan::EPurchasing => "E-Purchasing",
            MetodePemilihan::Kontes => "Kontes",
            MetodePemilihan::Tender => "Tender",
            MetodePemilihan::TenderCepat => "Tender Cepat",
            MetodePemilihan::Seleksi => "Seleksi",
            MetodePemilihan::Dikecualikan => "Dikecualikan",
        }
    }

    /// The stable snake-case key.
    pub fn key(self) -> &'static str {
        match self {
            MetodePemilihan::PenunjukanLangsung => "penunjukan_langsung",
            MetodePemilihan::PengadaanLangsung => "pengadaan_langsung",
            MetodePemilihan::EPurchasing => "e_purchasing",
            MetodePemilihan::Kontes => "kontes",
            MetodePemilihan::Tender => "tender",
            MetodePemilihan::TenderCepat => "tender_cepat",
            MetodePemilihan::Seleksi => "seleksi",
            MetodePemilihan::Dikecualikan => "dikecualikan",
        }
    }

    /// Whether the method is competitive (priced bids from several providers are expected).
    pub fn is_competitive(self) -> bool {
        matches!(
            self,
            MetodePemilihan::Tender | MetodePemilihan::TenderCepat | MetodePemilihan::Seleksi | MetodePemilihan::Kontes
        )
    }
}

impl fmt::Display for MetodePemilihan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for MetodePemilihan {
    type Err = CoreError;
    /// Accepts the key, the label or the SIRUP code.
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.key() == s || m.label().eq_ignore_ascii_case(s) || m.sirup_code().to_string() == s)
            .ok_or_else(|| CoreError::UnknownVariant {
                kind: "metode pemilihan",
                input: s.to_string(),
                expected: Self::ALL.map(|m| m.key()).join(", "),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sirup_codes_round_trip() {
        for m in MetodePemilihan::ALL {
            assert_eq!(MetodePemilihan::from_sirup_code(m.sirup_code()).unwrap(), m);
            assert_eq!(m.label().parse::<MetodePemilihan>().unwrap(), m);
        }
        for j in JenisPengadaan::ALL {
            assert_eq!(JenisPengadaan::from_sirup_code(j.sirup_code()).unwrap(), j);
        }
        assert!(MetodePemilihan::from_sirup_code(10).is_err());
        assert!("lelang".parse::<MetodePemilihan>().is_err());
    }
}
