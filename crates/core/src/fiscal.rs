//! Fiscal years and quarters: the regional fiscal year is the calendar year (PP 12/2019).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CoreError, Result};

/// A fiscal year (tahun anggaran), equal to the calendar year, between 2000 and 2100.
///
/// # Example
///
/// ```
/// use rantai_core::{FiscalYear, Quarter};
/// let ta: FiscalYear = "2025".parse()?;
/// assert_eq!(ta.last_day().to_string(), "2025-12-31");
/// assert_eq!(ta.quarter_end(Quarter::Q1).to_string(), "2025-03-31");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(u16);

impl FiscalYear {
    /// Earliest supported year (SPSE data starts in 2008).
    pub const MIN: i32 = 2000;
    /// Latest supported year.
    pub const MAX: i32 = 2100;

    /// The fiscal year `year`.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidFiscalYear`] outside 2000–2100.
    pub fn new(year: i32) -> Result<Self> {
        if !(Self::MIN..=Self::MAX).contains(&year) {
            return Err(CoreError::InvalidFiscalYear {
                year,
                min: Self::MIN,
                max: Self::MAX,
            });
        }
        Ok(FiscalYear(year as u16))
    }

    /// The fiscal year a date falls in.
    pub fn of(date: NaiveDate) -> Result<Self> {
        Self::new(date.year())
    }

    /// The year as a number.
    pub fn year(&self) -> i32 {
        i32::from(self.0)
    }

    /// 1 January.
    pub fn first_day(&self) -> NaiveDate {
        date(self.year(), 1, 1)
    }

    /// 31 December.
    pub fn last_day(&self) -> NaiveDate {
        date(self.year(), 12, 31)
    }

    /// First day of a quarter (1 Jan, 1 Apr, 1 Jul, 1 Oct).
    pub fn quarter_start(&self, q: Quarter) -> NaiveDate {
        match q {
            Quarter::Q1 => date(self.year(), 1, 1),
            Quarter::Q2 => date(self.year(), 4, 1),
            Quarter::Q3 => date(self.year(), 7, 1),
            Quarter::Q4 => date(self.year(), 10, 1),
        }
    }

    /// Last day of a quarter (31 Mar, 30 Jun, 30 Sep, 31 Dec).
    pub fn quarter_end(&self, q: Quarter) -> NaiveDate {
        match q {
            Quarter::Q1 => date(self.year(), 3, 31),
            Quarter::Q2 => date(self.year(), 6, 30),
            Quarter::Q3 => date(self.year(), 9, 30),
            Quarter::Q4 => date(self.year(), 12, 31),
        }
    }

    /// Whether `day` lies in this fiscal year.
    pub fn contains(&self, day: NaiveDate) -> bool {
        day.year() == self.year()
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // The year is range-checked by `FiscalYear::new`, months and days here are literals.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TA{}", self.0)
    }
}

impl FromStr for FiscalYear {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CoreError::InvalidFiscalYear {
                year: s.parse().unwrap_or(-1),
                min: Self::MIN,
                max: Self::MAX,
            });
        }
        Self::new(s.parse().unwrap_or(-1))
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let year = i32::deserialize(deserializer)?;
        FiscalYear::new(year).map_err(serde::de::Error::custom)
    }
}

/// A quarter (triwulan) of the fiscal year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Quarter {
    /// Triwulan I (January–March).
    Q1,
    /// Triwulan II (April–June).
    Q2,
    /// Triwulan III (July–September).
    Q3,
    /// Triwulan IV (October–December).
    Q4,
}

impl Quarter {
    /// All four quarters in order.
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];

    /// Its position in the year, 0 for Q1 to 3 for Q4.
    pub fn index(self) -> usize {
        match self {
            Quarter::Q1 => 0,
            Quarter::Q2 => 1,
            Quarter::Q3 => 2,
            Quarter::Q4 => 3,
        }
    }

    /// The quarter a date falls in.
    pub fn of(day: NaiveDate) -> Quarter {
        match day.month() {
            1..=3 => Quarter::Q1,
            4..=6 => Quarter::Q2,
            7..=9 => Quarter::Q3,
            _ => Quarter::Q4,
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let roman = match self {
            Quarter::Q1 => "I",
            Quarter::Q2 => "II",
            Quarter::Q3 => "III",
            Quarter::Q4 => "IV",
        };
        write!(f, "TW {roman}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_years_outside_the_range() {
        assert!(FiscalYear::new(1999).is_err());
        assert!("20x5".parse::<FiscalYear>().is_err());
        assert!(serde_json::from_str::<FiscalYear>("1850").is_err());
        assert_eq!(serde_json::from_str::<FiscalYear>("2025").unwrap().year(), 2025);
    }
}
