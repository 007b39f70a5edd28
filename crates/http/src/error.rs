//! The API's one error shape, `{"error": {"code", "message", "field"?, "rule"?, "values"?,
//! "citation"?}}`, and the language it is written in.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The language of a response's messages, from `Accept-Language` (Indonesian unless the first
/// language named is English).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language `headers` ask for.
    pub fn of(headers: &HeaderMap) -> Lang {
        let first = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        if first.starts_with("en") { Lang::En } else { Lang::Id }
    }

    /// `en` or `id`.
    pub fn pick<'a>(self, en: &'a str, id: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Id => id,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::of(&parts.headers))
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a Detail,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
struct Detail {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<String>,
}

/// An error answered to a client: its status, a stable code, a message in the request's
/// language, and the field, rule, values and citation when they apply.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    status: StatusCode,
    detail: Detail,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: String) -> ApiError {
        ApiError {
            status,
            detail: Detail {
                code,
                message,
                field: None,
                rule: None,
                values: None,
                citation: None,
            },
        }
    }

    /// 400: a query parameter, path segment or body field is malformed.
    pub fn bad_request(lang: Lang, field: &str, problem: &str) -> ApiError {
        let message = match lang {
            Lang::En => format!("{field}: {problem}"),
            Lang::Id => format!("{field} tidak sah: {problem}"),
        };
        let mut e = ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message);
        e.detail.field = Some(field.to_string());
        e
    }

    /// 401: the route needs a key and none (or an unknown, revoked or expired one) was given.
    pub fn unauthorized(lang: Lang) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            lang.pick(
                "this route needs an API key (Authorization: Bearer …)",
                "rute ini memerlukan kunci API (Authorization: Bearer …)",
            )
            .to_string(),
        )
    }

    /// 403: the key is valid but its role may not do this.
    pub fn forbidden(lang: Lang, what: &str) -> ApiError {
        let message = match lang {
            Lang::En => format!("this key's role may not {what}"),
            Lang::Id => format!("peran kunci ini tidak boleh {what}"),
        };
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404: no such thing, or not one the reader may know of.
    pub fn not_found(lang: Lang, what: &str) -> ApiError {
        let message = match lang {
            Lang::En => format!("{what} not found"),
            Lang::Id => format!("{what} tidak ditemukan"),
        };
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 409: the aggregate moved on since the version the client read.
    pub fn conflict(lang: Lang, expected: &str, actual: u64) -> ApiError {
        let message = match lang {
            Lang::En => format!("version {expected} is stale: the current version is {actual}"),
            Lang::Id => format!("versi {expected} sudah usang: versi sekarang {actual}"),
        };
        let mut e = ApiError::new(StatusCode::CONFLICT, "version_conflict", message);
        e.detail.values = Some(serde_json::json!({ "current_version": actual }));
        e
    }

    /// 413: the body is over the limit.
    pub fn too_large(lang: Lang, limit: usize) -> ApiError {
        let message = match lang {
            Lang::En => format!("the body is over {limit} bytes"),
            Lang::Id => format!("isi permintaan melebihi {limit} bita"),
        };
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    /// 422: the chain refused the command; `rule`, `values` and `citation` say why.
    pub fn refused(
        message: String,
        rule: Option<String>,
        values: Option<serde_json::Value>,
        citation: Option<String>,
    ) -> ApiError {
        let mut e = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "refused", message);
        e.detail.rule = rule;
        e.detail.values = values;
        e.detail.citation = citation;
        e
    }

    /// 500: the server failed (a store or rulebook problem), never a client's mistake.
    pub fn internal(message: String) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable code, e.g. `bad_request`.
    pub fn code(&self) -> &'static str {
        self.detail.code
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&Body { error: &self.detail }).unwrap_or_default();
        (self.status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}
