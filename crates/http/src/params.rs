//! Query strings read strictly: every parameter a route does not know, and every value that does
//! not parse, is a 400 naming the parameter.

use std::fmt::Display;
use std::str::FromStr;

use crate::error::{ApiError, Lang};

/// The parameters of one request's query string.
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
    lang: Lang,
}

impl Params {
    /// Reads `raw`, refusing a parameter outside `known` or given twice.
    pub(crate) fn parse(raw: Option<&str>, known: &[&str], lang: Lang) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| ApiError::bad_request(lang, "query", &e.to_string()))?;
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                let problem = lang.pick("unknown parameter; known: ", "parameter tidak dikenal; yang dikenal: ");
                return Err(ApiError::bad_request(
                    lang,
                    name,
                    &format!("{problem}{}", known.join(", ")),
                ));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad_request(
                    lang,
                    name,
                    lang.pick("given twice", "diberikan dua kali"),
                ));
            }
        }
        Ok(Params { pairs, lang })
    }

    /// The parameter `name`, parsed, if given.
    pub(crate) fn get<T>(&self, name: &str) -> Result<Option<T>, ApiError>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| {
                v.parse::<T>()
                    .map_err(|e| ApiError::bad_request(self.lang, name, &format!("{v:?}: {e}")))
            })
            .transpose()
    }
}

/// A path segment parsed, or a 400 naming it.
pub(crate) fn segment<T>(value: &str, name: &str, lang: Lang) -> Result<T, ApiError>
where
    T: FromStr,
    T::Err: Display,
{
    value
        .parse::<T>()
        .map_err(|e| ApiError::bad_request(lang, name, &format!("{value:?}: {e}")))
}
