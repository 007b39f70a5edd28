//! One field of an ISB JSON row, read as the type rantai needs, or the field's name and why it
//! could not be read. ISB mixes types across datasets (`kd_satker` is a number in one and a
//! string in another; amounts carry sen as JSON decimals), so every reader accepts both forms.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use rantai_core::{FiscalYear, Money};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A field that could not be read: its name and what was wrong, with the value.
pub(crate) type Failure = (&'static str, String);

/// One JSON object of a dataset.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a>(pub(crate) &'a Map<String, Value>);

impl<'a> Row<'a> {
    /// The value, or `None` when absent or null.
    fn value(&self, field: &'static str) -> Option<&'a Value> {
        self.0.get(field).filter(|v| !v.is_null())
    }

    /// A text field that must be present and not blank, trimmed.
    pub(crate) fn text(&self, field: &'static str) -> Result<&'a str, Failure> {
        self.opt_text(field)?.ok_or((field, "missing".into()))
    }

    /// A text field, `None` when absent, null or blank.
    pub(crate) fn opt_text(&self, field: &'static str) -> Result<Option<&'a str>, Failure> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
            Some(other) => Err((field, format!("{other}: expected text"))),
        }
    }

    /// A key: a JSON integer or a string of digits, as text.
    pub(crate) fn key(&self, field: &'static str) -> Result<String, Failure> {
        match self.value(field) {
            None => Err((field, "missing".into())),
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Some(other) => Err((field, format!("{other}: expected a key (integer or text)"))),
        }
    }

    /// An integer (a JSON integer or a string of digits).
    pub(crate) fn int(&self, field: &'static str) -> Result<i64, Failure> {
        let text = self.key(field)?;
        text.parse().map_err(|e| (field, format!("{text:?}: {e}")))
    }

    /// An optional integer.
    pub(crate) fn opt_int(&self, field: &'static str) -> Result<Option<i64>, Failure> {
        if self.value(field).is_none() {
            return Ok(None);
        }
        self.int(field).map(Some)
    }

    /// A rupiah amount (a JSON number, rounded to the sen; negative amounts are refused).
    pub(crate) fn money(&self, field: &'static str) -> Result<Money, Failure> {
        self.opt_money(field)?.ok_or((field, "missing".into()))
    }

    /// An optional rupiah amount.
    pub(crate) fn opt_money(&self, field: &'static str) -> Result<Option<Money>, Failure> {
        let Some(value) = self.value(field) else {
            return Ok(None);
        };
        let text = match value {
            Value::Number(n) => n.to_string(),
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => s.trim().to_string(),
            other => return Err((field, format!("{other}: expected an amount"))),
        };
        let decimal = Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map_err(|e| (field, format!("{text:?}: {e}")))?;
        Money::from_decimal(decimal.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
            .map(Some)
            .map_err(|e| (field, format!("{text:?}: {e}")))
    }

    /// An optional plain number (a JSON number or numeric text), exactly.
    pub(crate) fn opt_decimal(&self, field: &'static str) -> Result<Option<Decimal>, Failure> {
        let text = match self.value(field) {
            None => return Ok(None),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
            Some(Value::String(s)) => s.trim().to_string(),
            Some(other) => return Err((field, format!("{other}: expected a number"))),
        };
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map(Some)
            .map_err(|e| (field, format!("{text:?}: {e}")))
    }

    /// A date, from any of the forms ISB uses: `2025-03-11`, `2025-01-31 14:00:00`,
    /// `2025-03-11T00:00:00.000000Z`, `Jul 3, 2025, 12:00:00AM`.
    pub(crate) fn date(&self, field: &'static str) -> Result<NaiveDate, Failure> {
        self.opt_date(field)?.ok_or((field, "missing".into()))
    }

    /// An optional date.
    pub(crate) fn opt_date(&self, field: &'static str) -> Result<Option<NaiveDate>, Failure> {
        Ok(self.opt_datetime(field)?.map(|t| t.date()))
    }

    /// A date and time, in the forms of [`Row::date`] (midnight when only a date is given).
    pub(crate) fn datetime(&self, field: &'static str) -> Result<NaiveDateTime, Failure> {
        self.opt_datetime(field)?.ok_or((field, "missing".into()))
    }

    /// An optional date and time.
    pub(crate) fn opt_datetime(&self, field: &'static str) -> Result<Option<NaiveDateTime>, Failure> {
        let Some(text) = self.opt_text(field)? else {
            return Ok(None);
        };
        parse_datetime(text)
            .map(Some)
            .ok_or_else(|| (field, format!("{text:?}: not a date")))
    }

    /// A fiscal year (`tahun_anggaran`).
    pub(crate) fn fiscal_year(&self, field: &'static str) -> Result<FiscalYear, Failure> {
        fiscal_year_of(field, self.int(field)?)
    }

    /// A field parsed with [`FromStr`] from its text.
    pub(crate) fn parsed<T: FromStr>(&self, field: &'static str) -> Result<T, Failure>
    where
        T::Err: std::fmt::Display,
    {
        let text = self.key(field)?;
        text.parse().map_err(|e| (field, format!("{text:?}: {e}")))
    }
}

/// The fiscal year `year`, or why it is not one.
pub(crate) fn fiscal_year_of(field: &'static str, year: i64) -> Result<FiscalYear, Failure> {
    i32::try_from(year)
        .ok()
        .and_then(|y| FiscalYear::new(y).ok())
        .ok_or((field, format!("{year}: not a fiscal year")))
}

/// Parses the date-time forms of ISB.
///
/// ```text
/// 2025-03-11 · 2025-01-31 14:00:00 · 2025-01-31 14:00:00.000000Z · 2025-03-11T00:00:00.000000Z
/// Jul 3, 2025, 12:00:00AM
/// ```
pub(crate) fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        let day = parse_ymd(text.get(..10).unwrap_or(text))?;
        let time = text.get(10..).unwrap_or("");
        let time = time.trim_start_matches(['T', ' ']).trim_end_matches('Z');
        let time = time.split('.').next().unwrap_or("");
        if time.is_empty() {
            return day.and_hms_opt(0, 0, 0);
        }
        return parse_hms(time).map(|t| day.and_time(t));
    }
    NaiveDateTime::parse_from_str(text, "%b %e, %Y, %I:%M:%S%p").ok()
}

/// The digits of `bytes` as a number, if they are all digits.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes
        .iter()
        .try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// `YYYY-MM-DD`, exactly (the ISB's date form, read on every row: kept off chrono's format
/// parser, which is several times slower).
pub(crate) fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `HH:MM:SS`, exactly.
fn parse_hms(text: &str) -> Option<chrono::NaiveTime> {
    let b = text.as_bytes();
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    chrono::NaiveTime::from_hms_opt(digits(&b[..2])?, digits(&b[3..5])?, digits(&b[6..8])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_form_of_isb_parses() {
        let d = |y, m, day, h| {
            NaiveDate::from_ymd_opt(y, m, day)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        assert_eq!(parse_datetime("2025-03-11"), Some(d(2025, 3, 11, 0)));
        assert_eq!(parse_datetime("2025-01-31 14:00:00"), Some(d(2025, 1, 31, 14)));
        assert_eq!(parse_datetime("2025-01-31 14:00:00.000000Z"), Some(d(2025, 1, 31, 14)));
        assert_eq!(parse_datetime("2025-03-11T09:00:00.000000Z"), Some(d(2025, 3, 11, 9)));
        assert_eq!(parse_datetime("Jul 3, 2025, 12:00:00AM"), Some(d(2025, 7, 3, 0)));
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "2025/01/31",
            "2025-01-31 25:00:00",
            "2025-01-31 9:00",
            "20x5-01-01",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
        assert_eq!(parse_datetime("Nov 10, 2025, 12:00:00PM"), Some(d(2025, 11, 10, 12)));
        assert_eq!(parse_datetime("2025-13-01"), None);
        assert_eq!(parse_datetime("kemarin"), None);
        assert_eq!(parse_datetime("2025–03–11"), None); // en dashes: not a date, no panic
    }

    #[test]
    fn amounts_round_to_the_sen_and_refuse_text_and_negatives() {
        let row: Map<String, Value> = serde_json::from_str(
            r#"{"a": 999995334.78, "b": "12", "c": -5, "d": "x", "e": null, "f": 1269963504.157}"#,
        )
        .unwrap();
        let row = Row(&row);
        assert_eq!(row.money("a").unwrap().to_string(), "999995334.78");
        assert_eq!(row.money("b").unwrap(), Money::from_rupiah(12).unwrap());
        assert_eq!(row.money("c").unwrap_err().0, "c");
        assert!(row.money("d").unwrap_err().1.contains("\"x\""));
        assert_eq!(row.opt_money("e").unwrap(), None);
        assert_eq!(row.money("e").unwrap_err().1, "missing");
        assert_eq!(row.money("f").unwrap().to_string(), "1269963504.16");
    }
}
