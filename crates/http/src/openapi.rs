//! The OpenAPI 3.1 document of the API, assembled from the same Rust types the routes answer
//! with (their JSON Schemas, as in `docs/schema/`), so the description cannot drift from the
//! answers.

use rantai_engine::query::{ActionsPage, FindingsPage, OpdDetail, OpdRow, RegionReport, RuleCoverage, Scurve, Trail};
use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value, json};

/// One region the server answers for (`GET /regions`).
#[derive(serde::Serialize, JsonSchema)]
pub struct RegionEntry {
    /// Its LKPP code.
    pub kd_klpd: String,
    /// Its name.
    pub name: String,
    /// Events in its log.
    pub events: u64,
    /// The hash of the log's last event (hex).
    pub head_hash: String,
}

/// The log's head, for anchoring it elsewhere (`GET …/head`).
#[derive(serde::Serialize, JsonSchema)]
pub struct LogHead {
    /// Events in the log.
    pub length: u64,
    /// The hash of the last one (hex).
    pub head_hash: String,
}

/// A command accepted (`POST …/commands`).
#[derive(serde::Serialize, JsonSchema)]
pub struct Accepted {
    /// The new event's sequence: the aggregate's new version.
    pub sequence: u64,
    /// Its hash (hex).
    pub hash: String,
    /// Its name.
    pub event: String,
}

/// Every error the API answers.
#[derive(serde::Serialize, JsonSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// An error's detail.
#[derive(serde::Serialize, JsonSchema)]
pub struct ErrorDetail {
    /// A stable code: `bad_request`, `unauthorized`, `forbidden`, `not_found`, `version_conflict`,
    /// `too_large`, `refused`, `internal`.
    pub code: String,
    /// What went wrong, in the request's language.
    pub message: String,
    /// The parameter, path segment or body field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule that refused a command.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The values behind the refusal (the rule's evidence, or the current version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Value>,
    /// The regulation behind the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// A route of the API: method, path, summary, query parameters, and the schema of its answer.
pub(crate) struct Route {
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) query: &'static [&'static str],
    pub(crate) needs_key: bool,
    pub(crate) answer: fn(&mut SchemaGenerator) -> schemars::Schema,
    /// Whether the answer is a stream of server-sent events, each carrying one `answer` as JSON.
    pub(crate) stream: bool,
}

fn of<T: JsonSchema>(g: &mut SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<T>()
}

/// The query parameters of the routes that take only a day.
pub(crate) const AS_OF: &[&str] = &["as_of"];
/// The query parameters of the findings route.
pub(crate) const FINDINGS: &[&str] = &[
    "rule",
    "severity",
    "status",
    "opd",
    "metode",
    "jenis",
    "min_value",
    "max_value",
    "offset",
    "limit",
    "as_of",
];

/// The query parameters of the S-curve route.
pub(crate) const SCURVE: &[&str] = &["opd", "kd_rup", "year", "as_of"];
/// The query parameters of the actions route.
pub(crate) const ACTIONS: &[&str] = &["by", "opd", "offset", "limit", "as_of"];

/// The query parameters of the feed.
pub(crate) const FEED: &[&str] = &["rule", "severity", "opd"];

/// Every route, in the order the document lists them.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        method: "get",
        path: "/regions",
        summary: "The regions this server answers for",
        query: &[],
        needs_key: false,
        stream: false,
        answer: of::<Vec<RegionEntry>>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}",
        summary: "The region report: totals and the OPD ranking by physical deviation",
        query: AS_OF,
        needs_key: false,
        stream: false,
        answer: of::<RegionReport>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/opd",
        summary: "The OPD ranking alone",
        query: AS_OF,
        needs_key: false,
        stream: false,
        answer: of::<Vec<OpdRow>>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/opd/{kd_satker_str}",
        summary: "One OPD: packages by stage, the stuck ones and why, kontrak kritis, findings",
        query: AS_OF,
        needs_key: false,
        stream: false,
        answer: of::<OpdDetail>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/packages/{kd_rup}",
        summary: "One package's trail, every event with its provenance, sequence and hash; ETag is the package's version",
        query: AS_OF,
        needs_key: false,
        stream: false,
        answer: of::<Trail>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/findings",
        summary: "Findings, filtered and paged",
        query: FINDINGS,
        needs_key: true,
        stream: false,
        answer: of::<FindingsPage>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/coverage",
        summary: "Per rule: subjects decided and not decided, for lack of what",
        query: AS_OF,
        needs_key: true,
        stream: false,
        answer: of::<Vec<RuleCoverage>>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/scurve",
        summary: "Planned, physical and financial progress per month of the region, one OPD (opd) or one package (kd_rup)",
        query: SCURVE,
        needs_key: false,
        stream: false,
        answer: of::<Scurve>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/actions",
        summary: "What must be done, by whom: stuck packages (and, with a key, findings) with the rulebook's action, role and basis",
        query: ACTIONS,
        needs_key: false,
        stream: false,
        answer: of::<ActionsPage>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/feed",
        summary: "Server-sent events of changes: finding_appeared, finding_cleared (with a key), package_stuck, package_moved_on; each event's data is one Change and its id the causing event's sequence; a reader that reconnects with Last-Event-ID first gets the changes it missed (of the last 1 024)",
        query: FEED,
        needs_key: false,
        stream: true,
        answer: of::<crate::feed::Change>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/head",
        summary: "The log's length and head hash",
        query: &[],
        needs_key: false,
        stream: false,
        answer: of::<LogHead>,
    },
    Route {
        method: "post",
        path: "/regions/{kd_klpd}/commands",
        summary: "Send a command ({actor, occurred_at, command}); If-Match takes the version of the aggregate it changes",
        query: &[],
        needs_key: true,
        stream: false,
        answer: of::<Accepted>,
    },
    Route {
        method: "get",
        path: "/regions/{kd_klpd}/access-log",
        summary: "Reads of findings and trails by key holders (APIP keys only)",
        query: &[],
        needs_key: true,
        stream: false,
        answer: of::<Vec<crate::access::AccessEntry>>,
    },
];

fn generator() -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    settings.contract = Contract::Serialize;
    settings.meta_schema = None;
    settings.into_generator()
}

fn parameter(name: &str, location: &str) -> Value {
    let (schema, description) = match name {
        "as_of" => (
            json!({"type": "string", "format": "date"}),
            "The day to report on (default: the latest day of the data)",
        ),
        "rule" => (
            json!({"type": "string", "pattern": "^[A-Z][0-9A-Z]*-?[0-9]+$"}),
            "A rule id, e.g. K-11",
        ),
        "severity" => (json!({"enum": ["error", "warn", "info"]}), "A severity"),
        "status" => (
            json!({"enum": ["found", "insufficient"]}),
            "Found (default) or insufficient",
        ),
        "opd" | "kd_satker_str" => (json!({"type": "string"}), "An OPD's kd_satker_str"),
        "metode" => (
            json!({"type": "string"}),
            "A selection method (key, label or SIRUP code)",
        ),
        "jenis" => (
            json!({"type": "string"}),
            "A kind of procurement (barang, pekerjaan_konstruksi, …)",
        ),
        "min_value" | "max_value" => (json!({"type": "string"}), "Rupiah, e.g. 200000000"),
        "offset" => (json!({"type": "integer", "minimum": 0}), "Rows to skip"),
        "limit" => (
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
            "Rows per page (default 50)",
        ),
        "kd_klpd" => (json!({"type": "string"}), "The region's LKPP code"),
        "year" => (
            json!({"type": "integer", "minimum": rantai_core::FiscalYear::MIN, "maximum": rantai_core::FiscalYear::MAX}),
            "The fiscal year (default: the year of as_of)",
        ),
        "by" => (
            json!({"enum": rantai_core::Role::ALL.map(|r| r.key())}),
            "The role that must act",
        ),
        "kd_rup" => (json!({"type": "string"}), "The package's SIRUP code"),
        _ => (json!({"type": "string"}), ""),
    };
    json!({"name": name, "in": location, "required": location == "path", "description": description, "schema": schema})
}

/// The OpenAPI 3.1 document.
///
/// ```
/// let doc = rantai_http::openapi();
/// assert_eq!(doc["openapi"], "3.1.0");
/// assert!(doc["paths"]["/api/v1/regions/{kd_klpd}"]["get"].is_object());
/// assert!(doc["components"]["schemas"]["RegionReport"].is_object());
/// ```
pub fn openapi() -> Value {
    let mut g = generator();
    let error = g.subschema_for::<ErrorBody>();
    let mut paths = Map::new();
    for r in ROUTES {
        let full = format!("/api/v1{}", r.path);
        let mut parameters: Vec<Value> = r
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|p| parameter(p, "path"))
            .collect();
        parameters.extend(r.query.iter().map(|q| parameter(q, "query")));
        let answer = (r.answer)(&mut g);
        let ok = if r.method == "post" { "201" } else { "200" };
        let mut responses = Map::new();
        let media = if r.stream {
            "text/event-stream"
        } else {
            "application/json"
        };
        responses.insert(
            ok.into(),
            json!({"description": "OK", "content": {media: {"schema": answer}}}),
        );
        for (status, why) in [
            ("400", "A malformed parameter or body"),
            ("401", "A key is needed, or the key is unknown or expired"),
            ("404", "No such thing, or none the reader may see"),
        ] {
            responses.insert(
                status.into(),
                json!({"description": why, "content": {"application/json": {"schema": error}}}),
            );
        }
        if r.needs_key {
            let why = "The key's role may not do this (the key's grant is not the actor's, or the route is the APIP's)";
            responses.insert(
                "403".into(),
                json!({"description": why, "content": {"application/json": {"schema": error}}}),
            );
        }
        if r.method == "post" {
            for (status, why) in [
                ("409", "If-Match names a stale version"),
                ("413", "The body is over 1 MiB"),
                ("422", "A rule refused the command"),
            ] {
                responses.insert(
                    status.into(),
                    json!({"description": why, "content": {"application/json": {"schema": error}}}),
                );
            }
        }
        let mut operation = json!({"summary": r.summary, "parameters": parameters, "responses": responses});
        if r.needs_key {
            operation["security"] = json!([{"apiKey": []}]);
        }
        if r.method == "post" {
            // What the server accepts (the schema of deserialisation: optional fields may be left
            // out), as its own resource so that its `$defs` do not meet the answers' schemas.
            let mut command = serde_json::to_value(schemars::schema_for!(rantai_chain::Command)).unwrap_or_default();
            command["$id"] = json!("urn:rantai:schema:command");
            if let Some(o) = command.as_object_mut() {
                o.remove("$schema");
            }
            operation["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["actor", "occurred_at", "command"], "properties": {"actor": {"type": "string", "format": "uuid"}, "occurred_at": {"type": "string", "format": "date-time"}, "command": command}, "additionalProperties": false}}}});
        }
        paths
            .entry(full)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .map(|m| m.insert(r.method.to_string(), operation));
    }
    paths.insert("/api/v1/openapi.json".into(), json!({"get": {"summary": "This document", "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "paths", "components"]}}}}}}}));
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "rantai — the server induk",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Plan → tender → contract → payment → progress of a regional government, with every discrepancy and its regulation. Without a key: what SIRUP and SPSE publish and per-OPD progress. With a key (Authorization: Bearer …): findings, scoped to the key's OPD or the whole region."
        },
        "paths": paths,
        "components": {
            "schemas": g.take_definitions(true),
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}}
        }
    })
}
