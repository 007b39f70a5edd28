//! The routes under `/api/v1`: the region list, the region report, the OPD ranking and one OPD,
//! a package's trail, findings and coverage, S-curves, what must be done, the feed of changes,
//! the log's head, commands, and the access log. Each
//! handler opens the region, decides who is reading ([`Viewer`]) and answers only what that
//! reader may see.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use rantai_chain::Command;
use rantai_core::{ActorId, Finding, KodeRup, OrgCode};
use rantai_engine::query::{ActionFilter, FindingFilter, RegionReport, ScurveScope, Snapshot, Status};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Server;
use crate::access::Viewer;
use crate::error::{ApiError, Lang};
use crate::openapi::{Accepted, LogHead, RegionEntry};
use crate::params::{Params, segment};
use crate::region::{Region, WriteError};

/// The largest request body the API reads.
pub const BODY_LIMIT: usize = 1 << 20;

/// How long a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The API: every route under `/api/v1`, for a host system to nest or `rantai serve` to run.
pub fn router(server: Server) -> Router {
    let api = Router::new()
        .route("/openapi.json", get(openapi))
        .route("/regions", get(regions))
        .route("/regions/{kd}", get(region_report))
        .route("/regions/{kd}/opd", get(opd_ranking))
        .route("/regions/{kd}/opd/{code}", get(opd))
        .route("/regions/{kd}/packages/{kd_rup}", get(package))
        .route("/regions/{kd}/findings", get(findings))
        .route("/regions/{kd}/coverage", get(coverage))
        .route("/regions/{kd}/scurve", get(scurve))
        .route("/regions/{kd}/actions", get(actions))
        .route("/regions/{kd}/feed", get(feed))
        .route("/regions/{kd}/head", get(head))
        .route("/regions/{kd}/commands", post(commands))
        .route("/regions/{kd}/access-log", get(access_log))
        .with_state(server);
    Router::new()
        .nest("/api/v1", api)
        .fallback(no_route)
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
}

/// What every region route reads from a request besides its path: the headers (key, language,
/// `If-Match`), the peer's address (for a trusted proxy header) and the query string.
struct Req {
    headers: HeaderMap,
    peer: Option<SocketAddr>,
    query: Option<String>,
    lang: Lang,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Req {
            lang: Lang::of(&parts.headers),
            headers: parts.headers.clone(),
            peer: parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0),
            query: parts.uri.query().map(str::to_string),
        })
    }
}

/// What every region route starts from: the region and who reads it.
struct Opened {
    region: Arc<Region>,
    viewer: Viewer,
}

impl Req {
    /// The region `kd` and who is reading it.
    fn open(&self, server: &Server, kd: &str) -> Result<Opened, ApiError> {
        let region = server
            .regions
            .get(kd)
            .cloned()
            .ok_or_else(|| ApiError::not_found(self.lang, &format!("region {kd}")))?;
        let today = server.clock.now().date_naive();
        let viewer = server.keys.viewer(&self.headers, self.peer, kd, today, self.lang)?;
        Ok(Opened { region, viewer })
    }

    /// The query string, refusing a parameter outside `known`.
    fn params(&self, known: &[&str]) -> Result<Params, ApiError> {
        Params::parse(self.query.as_deref(), known, self.lang)
    }
}

fn json_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::internal(e.to_string()))
}

fn json(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::internal(e.to_string())
}

/// The cache key part naming what a reader may see.
fn class(viewer: &Viewer) -> String {
    match (viewer.sees_findings(), viewer.limited_to()) {
        (false, _) => "public".into(),
        (true, None) => "region".into(),
        (true, Some(org)) => format!("opd:{org}"),
    }
}

fn as_of(params: &Params) -> Result<Option<NaiveDate>, ApiError> {
    params.get::<NaiveDate>("as_of")
}

async fn openapi() -> Response {
    json(Bytes::from(
        serde_json::to_vec(&crate::openapi::openapi()).unwrap_or_default(),
    ))
}

async fn regions(State(server): State<Server>) -> Response {
    let list: Vec<Value> = server
        .regions
        .iter()
        .map(|r| {
            let (events, head_hash) = r.head();
            serde_json::to_value(RegionEntry {
                kd_klpd: r.kd_klpd().to_string(),
                name: r.name().to_string(),
                events,
                head_hash,
            })
            .unwrap_or(Value::Null)
        })
        .collect();
    json(Bytes::from(serde_json::to_vec(&list).unwrap_or_default()))
}

/// The region report as `viewer` may see it.
fn report_for(snapshot: &Snapshot<'_>, viewer: &Viewer) -> Result<RegionReport, ApiError> {
    let mut report = snapshot.region_report().map_err(internal)?;
    if let Some(org) = viewer.limited_to() {
        report.opd.retain(|r| r.organisation == org);
    }
    Ok(if viewer.sees_findings() {
        report
    } else {
        report.without_findings()
    })
}

async fn region_report(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let o = req.open(&server, &kd)?;
    let params = req.params(crate::openapi::AS_OF)?;
    let day = as_of(&params)?;
    let key = format!("region/{}", class(&o.viewer));
    let bytes = o
        .region
        .rendered(key, day, |_, s| json_bytes(&report_for(s, &o.viewer)?))?;
    Ok(json(bytes))
}

async fn opd_ranking(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let o = req.open(&server, &kd)?;
    let params = req.params(crate::openapi::AS_OF)?;
    let day = as_of(&params)?;
    let key = format!("opd/{}", class(&o.viewer));
    let bytes = o
        .region
        .rendered(key, day, |_, s| json_bytes(&report_for(s, &o.viewer)?.opd))?;
    Ok(json(bytes))
}

async fn opd(
    State(server): State<Server>,
    Path((kd, code)): Path<(String, String)>,
    req: Req,
) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    let code: OrgCode = segment(&code, "kd_satker_str", lang)?;
    let params = req.params(crate::openapi::AS_OF)?;
    let day = as_of(&params)?;
    let not_found = || ApiError::not_found(lang, &format!("OPD {code}"));
    let key = format!("opd/{code}/{}", class(&o.viewer));
    let bytes = o.region.rendered(key, day, |_, s| {
        let org = s
            .organisation_by_code(code)
            .filter(|org| o.viewer.may_see(*org))
            .ok_or_else(not_found)?;
        let detail = s.opd(org).map_err(internal)?.ok_or_else(not_found)?;
        json_bytes(&if o.viewer.sees_findings() {
            detail
        } else {
            detail.without_findings()
        })
    })?;
    Ok(json(bytes))
}

async fn package(
    State(server): State<Server>,
    Path((kd, kd_rup)): Path<(String, String)>,
    req: Req,
) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    let code: KodeRup = segment(&kd_rup, "kd_rup", lang)?;
    let params = req.params(crate::openapi::AS_OF)?;
    let day = as_of(&params)?;
    let not_found = || ApiError::not_found(lang, &format!("RUP {code}"));
    let key = format!("{code}/{}", class(&o.viewer));
    let (body, version) = o
        .region
        .trail(key, day, code, |org| {
            // A reader limited to one OPD sees only trails of that OPD.
            o.viewer.limited_to().is_none() || org.is_some_and(|org| o.viewer.may_see(org))
        })
        .map_err(ApiError::internal)?
        .ok_or_else(not_found)?;
    server
        .access
        .record(server.clock.now(), &o.viewer, &kd, &format!("packages/{code}"));
    let etag = HeaderValue::from_str(&format!("\"{version}\"")).map_err(internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::ETAG, etag),
        ],
        body,
    )
        .into_response())
}

/// The `limit` of a paged route: 1 to [`FindingFilter::MAX_LIMIT`].
fn page_limit(params: &Params, lang: Lang) -> Result<Option<usize>, ApiError> {
    let limit = params.get::<usize>("limit")?;
    if limit.is_some_and(|l| l == 0 || l > FindingFilter::MAX_LIMIT) {
        return Err(ApiError::bad_request(
            lang,
            "limit",
            &format!("1 to {}", FindingFilter::MAX_LIMIT),
        ));
    }
    Ok(limit)
}

/// The OPD a list is limited to: the one asked, or for a reader limited to one OPD, theirs —
/// asking for another answers 404, so its existence does not leak.
fn scoped_opd(
    viewer: &Viewer,
    snapshot: &Snapshot<'_>,
    asked: Option<OrgCode>,
    lang: Lang,
) -> Result<Option<OrgCode>, ApiError> {
    let Some(org) = viewer.limited_to() else {
        return Ok(asked);
    };
    // The reader's own OPD must be in the data: without it there is nothing of theirs to list
    // (never the whole region).
    let Some(own) = snapshot.view.organisations.get(&org).map(|o| o.code()) else {
        return Err(ApiError::not_found(lang, lang.pick("your OPD", "OPD Anda")));
    };
    match asked {
        Some(code) if code != own => Err(ApiError::not_found(lang, &format!("OPD {code}"))),
        _ => Ok(Some(own)),
    }
}

fn filter(params: &Params, lang: Lang) -> Result<FindingFilter, ApiError> {
    let limit = page_limit(params, lang)?;
    Ok(FindingFilter {
        rule: params.get("rule")?,
        severity: params.get("severity")?,
        status: params.get::<Status>("status")?.unwrap_or_default(),
        opd: params.get("opd")?,
        metode: params.get("metode")?,
        jenis: params.get("jenis")?,
        min_value: params.get("min_value")?,
        max_value: params.get("max_value")?,
        offset: params.get("offset")?.unwrap_or(0),
        limit: limit.or(Some(FindingFilter::DEFAULT_LIMIT)),
    })
}

async fn findings(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    if !o.viewer.sees_findings() {
        return Err(ApiError::unauthorized(lang));
    }
    let params = req.params(crate::openapi::FINDINGS)?;
    let day = as_of(&params)?;
    let mut wanted = filter(&params, lang)?;
    let key = format!("findings/{}/{}", class(&o.viewer), req.query.as_deref().unwrap_or(""));
    let page = o.region.rendered(key, day, |_, s| {
        wanted.opd = scoped_opd(&o.viewer, s, wanted.opd, lang)?;
        json_bytes(&s.findings(&wanted))
    })?;
    server.access.record(server.clock.now(), &o.viewer, &kd, "findings");
    Ok(json(page))
}

async fn coverage(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    if !o.viewer.sees_findings() {
        return Err(ApiError::unauthorized(lang));
    }
    let params = req.params(crate::openapi::AS_OF)?;
    let day = as_of(&params)?;
    let key = format!("coverage/{}", class(&o.viewer));
    let bytes = o.region.rendered(key, day, |_, s| match o.viewer.limited_to() {
        None => json_bytes(&s.coverage()),
        Some(org) => {
            let own: Vec<Finding> = s
                .findings
                .iter()
                .filter(|f| rantai_engine::organisation_of(&s.view, f.subject) == Some(org))
                .cloned()
                .collect();
            json_bytes(&Snapshot { findings: &own, ..*s }.coverage())
        }
    })?;
    Ok(json(bytes))
}

async fn scurve(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    let params = req.params(crate::openapi::SCURVE)?;
    let day = as_of(&params)?;
    let opd: Option<OrgCode> = params.get("opd")?;
    let kd_rup: Option<KodeRup> = params.get("kd_rup")?;
    let year: Option<i32> = params.get("year")?;
    if opd.is_some() && kd_rup.is_some() {
        return Err(ApiError::bad_request(
            lang,
            "kd_rup",
            lang.pick(
                "give opd or kd_rup, not both",
                "berikan opd atau kd_rup, tidak keduanya",
            ),
        ));
    }
    let key = format!("scurve/{}/{}", class(&o.viewer), req.query.as_deref().unwrap_or(""));
    if let Some(y) = year {
        rantai_core::FiscalYear::new(y).map_err(|e| ApiError::bad_request(lang, "year", &e.to_string()))?;
    }
    let bytes = o.region.rendered(key, day, |chain, s| {
        let scope = match (opd, kd_rup) {
            (Some(code), _) => {
                let org = s
                    .organisation_by_code(code)
                    .filter(|org| o.viewer.may_see(*org))
                    .ok_or_else(|| ApiError::not_found(lang, &format!("OPD {code}")))?;
                ScurveScope::Opd {
                    organisation: org,
                    code,
                }
            }
            (None, Some(code)) => {
                let state = chain.state();
                // The RUP package's organisation, or without it (SPSE's records alone) the latest
                // procurement's that names the code.
                let (package, organisation) = match state.package_by_kd_rup(code) {
                    Some(p) => (Some(p.spec().id), Some(p.spec().organisation)),
                    None => (
                        None,
                        state
                            .procurements()
                            .values()
                            .filter(|p| p.plan().kd_rup().contains(&code))
                            .max_by_key(|p| (p.spec().announced_on, p.spec().id))
                            .map(|p| p.spec().organisation),
                    ),
                };
                if !organisation.is_some_and(|org| o.viewer.may_see(org)) {
                    return Err(ApiError::not_found(lang, &format!("RUP {code}")));
                }
                ScurveScope::Package {
                    package,
                    kd_rup: Some(code),
                }
            }
            (None, None) => ScurveScope::Region,
        };
        let curve = s.scurve(&scope, year).map_err(internal)?;
        json_bytes(&curve)
    })?;
    Ok(json(bytes))
}

async fn actions(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    let params = req.params(crate::openapi::ACTIONS)?;
    let day = as_of(&params)?;
    let limit = page_limit(&params, lang)?;
    let mut wanted = ActionFilter {
        by: params.get("by")?,
        opd: params.get("opd")?,
        findings: o.viewer.sees_findings(),
        offset: params.get("offset")?.unwrap_or(0),
        limit,
    };
    let key = format!("actions/{}/{}", class(&o.viewer), req.query.as_deref().unwrap_or(""));
    let bytes = o.region.rendered(key, day, |_, s| {
        wanted.opd = scoped_opd(&o.viewer, s, wanted.opd, lang)?;
        json_bytes(&s.actions(&wanted).map_err(internal)?)
    })?;
    server.access.record(server.clock.now(), &o.viewer, &kd, "actions");
    Ok(json(bytes))
}

async fn feed(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use tokio::sync::broadcast::error::RecvError;
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    let params = req.params(crate::openapi::FEED)?;
    let filter = crate::feed::FeedFilter {
        rule: params.get("rule")?,
        severity: params.get("severity")?,
        opd: params.get("opd")?,
    };
    if let (Some(org), Some(code)) = (o.viewer.limited_to(), filter.opd) {
        let own = o
            .region
            .with_chain(|c| c.state().organisations().get(&org).map(|o| o.code()));
        if own != Some(code) {
            return Err(ApiError::not_found(lang, &format!("OPD {code}")));
        }
    }
    server.access.record(server.clock.now(), &o.viewer, &kd, "feed");
    // A reader that reconnects names the last event it saw; what it missed comes first.
    let after = match req.headers.get("last-event-id") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .and_then(|t| t.trim().parse::<u64>().ok())
                .ok_or_else(|| {
                    ApiError::bad_request(
                        lang,
                        "Last-Event-ID",
                        lang.pick("expected an event sequence", "diharapkan nomor urut event"),
                    )
                })?,
        ),
    };
    let viewer = o.viewer;
    let (missed, changes) = o.region.resume(after);
    let shown = move |change: &crate::feed::Change| -> Option<Result<Event, axum::Error>> {
        let visible = (viewer.sees_findings() || !change.is_finding())
            && change.organisation.is_none_or(|org| viewer.may_see(org))
            && (viewer.limited_to().is_none() || change.organisation.is_some());
        (visible && filter.passes(change)).then(|| {
            Event::default()
                .event(change.event_name())
                .id(change.sequence.to_string())
                .json_data(change)
        })
    };
    let backlog: Vec<_> = missed.iter().filter_map(|c| shown(c)).collect();
    let live = futures_util::stream::unfold((changes, shown), |(mut changes, shown)| async move {
        loop {
            let event = match changes.recv().await {
                Ok(change) => match shown(&change) {
                    Some(event) => event,
                    None => continue,
                },
                // A reader too slow for the backlog is told how many changes it missed.
                Err(RecvError::Lagged(n)) => Ok(Event::default().event("lagged").data(n.to_string())),
                Err(RecvError::Closed) => return None,
            };
            return Some((event, (changes, shown)));
        }
    });
    let stream = futures_util::StreamExt::chain(futures_util::stream::iter(backlog), live);
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()).into_response())
}

async fn head(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let o = req.open(&server, &kd)?;
    let (length, head_hash) = o.region.head();
    Ok(json(Bytes::from(json_bytes(&LogHead { length, head_hash })?)))
}

/// The body of `POST …/commands`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommandRequest {
    /// Who sends it: an actor the region registered.
    actor: ActorId,
    /// When it happened in the world.
    occurred_at: DateTime<Utc>,
    /// The command.
    command: Command,
}

async fn commands(
    State(server): State<Server>,
    Path(kd): Path<String>,
    req: Req,
    body: Body,
) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    let Some(grant) = o.viewer.grant() else {
        return Err(ApiError::unauthorized(lang));
    };
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| ApiError::too_large(lang, BODY_LIMIT))?;
    let request: CommandRequest = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&bytes))
        .map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path == "?" {
            "body".to_string()
        } else {
            path
        };
        ApiError::bad_request(lang, &field, &e.into_inner().to_string())
    })?;
    let if_match = req
        .headers
        .get(header::IF_MATCH)
        .map(|v| {
            v.to_str()
                .ok()
                .map(|s| s.trim().trim_matches('"'))
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(|| {
                    ApiError::bad_request(
                        lang,
                        "If-Match",
                        lang.pick("expected a version such as \"42\"", "diharapkan versi seperti \"42\""),
                    )
                })
        })
        .transpose()?;
    // The key must carry one of the actor's own grants (role and scope): a key acts for its
    // holder, never with a grant the actor does not hold.
    let holds = o.region.with_chain(|chain| {
        chain
            .state()
            .actors()
            .get(&request.actor)
            .is_some_and(|a| a.grants().any(|g| *g == grant))
    });
    if !holds {
        return Err(ApiError::forbidden(lang, &format!("act for actor {}", request.actor)));
    }
    let region = o.region.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        region.execute(request.actor, request.occurred_at, request.command, if_match)
    })
    .await
    .map_err(internal)?;
    match outcome {
        Ok(a) => {
            let etag = HeaderValue::from_str(&format!("\"{}\"", a.sequence)).map_err(internal)?;
            let body = json_bytes(&Accepted {
                sequence: a.sequence,
                hash: a.hash,
                event: a.event.to_string(),
            })?;
            Ok((
                StatusCode::CREATED,
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
                    (header::ETAG, etag),
                ],
                body,
            )
                .into_response())
        }
        Err(WriteError::Stale { current }) => Err(ApiError::conflict(
            lang,
            &if_match.map(|v| v.to_string()).unwrap_or_default(),
            current,
        )),
        Err(WriteError::Chain(e)) => Err(refusal(&o.region, &e)),
    }
}

/// A refused command as a 422 (or a 500 when the store failed).
fn refusal(region: &Region, e: &rantai_chain::ChainError) -> ApiError {
    if matches!(e, rantai_chain::ChainError::Store(_)) {
        return ApiError::internal(e.to_string());
    }
    let Some(v) = e.violation() else {
        return ApiError::refused(e.to_string(), None, None, None);
    };
    let values = serde_json::to_value(&v.evidence).ok();
    let citation = region.with_chain(|chain| chain.rulebook().rule(v.rule).ok().map(|d| d.text.citation.clone()));
    ApiError::refused(e.to_string(), Some(v.rule.to_string()), values, citation)
}

async fn access_log(State(server): State<Server>, Path(kd): Path<String>, req: Req) -> Result<Response, ApiError> {
    let (o, lang) = (req.open(&server, &kd)?, req.lang);
    match o.viewer.grant().map(|g| g.role) {
        None => Err(ApiError::unauthorized(lang)),
        Some(rantai_core::Role::Apip) => Ok(json(Bytes::from(json_bytes(&server.access.of_region(&kd))?))),
        Some(_) => Err(ApiError::forbidden(
            lang,
            lang.pick("read the access log", "membaca log akses"),
        )),
    }
}

async fn no_route(lang: Lang) -> ApiError {
    ApiError::not_found(lang, lang.pick("route", "rute"))
}
