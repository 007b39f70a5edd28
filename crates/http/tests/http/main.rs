//! The API in process (`tower::ServiceExt::oneshot`), over the sample region Kabupaten Sukamaju
//! as of 30 September 2025: the OPD ranking and a package's trail against figures worked out by
//! hand from the sample's contracts and reports, the scope of every kind of reader, bad input,
//! refusals, and two writers racing on one contract. Every JSON answer is checked against the
//! schema the OpenAPI document gives its route.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use rantai_chain::{Chain, Command};
use rantai_core::{ActorId, Grant, OrganisationId, Ratio, ReportId, Role, Scope};
use rantai_http::{ApiKey, Keys, Region, Regions, Server, hash_secret, router};
use rantai_monev::ProgressReport;
use serde_json::{Value, json};
use tower::ServiceExt;

mod bandung;

const REGION: &str = "D999";
const KOMINFO: &str = "2.16.0.00.0.00.04.0000";
const PUPR: &str = "1.03.0.00.0.00.01.0000";
const HEAD: &str = "kepala-daerah-secret";
const KOMINFO_PA: &str = "kominfo-pa-secret";

fn sample() -> Chain {
    rantai_sample::sample_region().expect("the sample region builds")
}

fn as_of() -> NaiveDate {
    let (y, m, d) = rantai_sample::AS_OF;
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn org_id(chain: &Chain, code: &str) -> OrganisationId {
    let code = code.parse().expect("a code");
    chain
        .state()
        .view()
        .organisation_by_code(code)
        .expect("the OPD is in the sample")
}

fn key(keys: &mut Keys, secret: &str, grant: Grant, label: &str) {
    keys.add(
        hash_secret(secret),
        ApiKey {
            region: REGION.into(),
            grant,
            label: label.into(),
            expires: None,
        },
    );
}

/// The sample served from memory with a Kepala Daerah key and a Kominfo PA key, plus `extra`.
fn app_with(extra: impl FnOnce(&Chain, &mut Keys)) -> Router {
    router(server_with(extra))
}

/// The server behind [`app_with`], for tests that start more than the router.
fn server_with(extra: impl FnOnce(&Chain, &mut Keys)) -> Server {
    let chain = sample();
    let mut keys = Keys::default();
    key(
        &mut keys,
        HEAD,
        Grant {
            role: Role::KepalaDaerah,
            scope: Scope::Region,
        },
        "Bupati",
    );
    let kominfo = org_id(&chain, KOMINFO);
    key(
        &mut keys,
        KOMINFO_PA,
        Grant {
            role: Role::Pa,
            scope: Scope::Organisation(kominfo),
        },
        "Kepala Diskominfo",
    );
    extra(&chain, &mut keys);
    let region = Region::in_memory(chain).expect("served").on(as_of());
    Server::new(Regions::new(vec![region]), keys)
}

fn app() -> Router {
    app_with(|_, _| {})
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("JSON")
    };
    Answer { status, headers, body }
}

async fn get(app: &Router, uri: &str, secret: Option<&str>) -> Answer {
    let mut request = Request::builder().uri(uri).header(header::ACCEPT_LANGUAGE, "en");
    if let Some(s) = secret {
        request = request.header(header::AUTHORIZATION, format!("Bearer {s}"));
    }
    let answer = send(app, request.body(Body::empty()).expect("a request")).await;
    conforms(uri, "get", &answer);
    answer
}

async fn post(app: &Router, uri: &str, secret: &str, body: Vec<u8>, if_match: Option<u64>) -> Answer {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {secret}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(v) = if_match {
        request = request.header(header::IF_MATCH, format!("\"{v}\""));
    }
    let answer = send(app, request.body(Body::from(body)).expect("a request")).await;
    conforms(uri, "post", &answer);
    answer
}

/// The OpenAPI path template `uri` matches.
fn template<'a>(doc: &'a Value, uri: &str) -> Option<&'a str> {
    let path = uri.split('?').next().unwrap_or(uri);
    let want: Vec<&str> = path.split('/').collect();
    doc["paths"].as_object()?.keys().map(String::as_str).find(|t| {
        let have: Vec<&str> = t.split('/').collect();
        have.len() == want.len() && have.iter().zip(&want).all(|(h, w)| h.starts_with('{') || h == w)
    })
}

/// Checks an answer against the schema the OpenAPI document gives its route and status.
fn conforms(uri: &str, method: &str, answer: &Answer) {
    let doc = rantai_http::openapi();
    let Some(path) = template(&doc, uri) else {
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri} is not in the document");
        return;
    };
    let status = answer.status.as_str().to_string();
    let schema = &doc["paths"][path][method]["responses"][&status]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {path} documents no {status} answer");
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    let validator = jsonschema::validator_for(&root).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&answer.body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {uri} ({status}) breaks its schema: {errors:?}"
    );
}

fn rows(v: &Value) -> &Vec<Value> {
    v.as_array().expect("an array")
}

#[tokio::test]
async fn the_opd_ranking_puts_the_opd_furthest_behind_its_s_curve_first() {
    let app = app();
    let report = get(&app, "/api/v1/regions/D999", Some(HEAD)).await;
    assert_eq!(report.status, StatusCode::OK);
    assert_eq!(report.body["as_of"], "2025-09-30");
    // 4 OPDs, 32 RUP packages (the sample's design).
    assert_eq!(report.body["packages"], 32);
    let opd = rows(&report.body["opd"]);
    let ranked: Vec<(&str, &str)> = opd
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap_or(""),
                r["physical_deviation_pp"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // Worked by hand for Kominfo: its five contracts are worth 705 + 147 + 1 180 + 188 + 1 395 =
    // 3 615 juta; their latest reports (actual/planned %) are 52/50, 100/100, 100/100, 50/49 and
    // 70/68, so Σ value × planned = 2 720,22 juta (75,2481 %), Σ value × actual = 2 764,10 juta
    // (76,4620 %), and the deviation is +1,21 pp. PUPR is 4,35 pp behind: first.
    assert_eq!(
        ranked,
        vec![
            (PUPR, "-4.35"),
            ("1.02.0.00.0.00.02.0000", "0.39"),
            ("1.01.0.00.0.00.03.0000", "0.76"),
            (KOMINFO, "1.21")
        ]
    );
    let kominfo = &opd[3];
    assert_eq!(kominfo["planned_progress"], "0.752481");
    assert_eq!(kominfo["physical_progress"], "0.76462");
    assert_eq!(kominfo["contracts"], 5);
    assert_eq!(kominfo["deviation_data"], "measured");
    assert_eq!(opd.iter().map(|r| r["packages"].as_u64().unwrap_or(0)).sum::<u64>(), 32);
    assert!(kominfo["findings"].is_object(), "a key holder sees finding counts");
    let ranking = get(&app, "/api/v1/regions/D999/opd", Some(HEAD)).await;
    assert_eq!(&ranking.body, &report.body["opd"]);
}

#[tokio::test]
async fn one_opd_shows_its_stages_its_stuck_packages_and_its_findings() {
    let app = app();
    let opd = get(&app, &format!("/api/v1/regions/D999/opd/{KOMINFO}"), Some(HEAD)).await;
    assert_eq!(opd.status, StatusCode::OK);
    let stages: u64 = rows(&opd.body["stages"])
        .iter()
        .map(|s| s["packages"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(stages, opd.body["row"]["packages"].as_u64().unwrap_or(0));
    // The maintenance of the SPBE application was signed on a kuitansi for Rp188 juta: P-11.
    let codes: Vec<&str> = rows(&opd.body["findings"]["rows"])
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"P-11"), "{codes:?}");
    assert!(rows(&opd.body["findings"]["rows"]).iter().all(|f| f["opd"] == KOMINFO));
}

#[tokio::test]
async fn the_findings_filter_by_rule_finds_payments_ahead_of_progress() {
    let app = app();
    let page = get(&app, "/api/v1/regions/D999/findings?rule=K-11", Some(HEAD)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body["total"], 1);
    let f = &page.body["rows"][0];
    // Kontrak 027/003/PUPR/2025: Rp474 juta paid of Rp790 juta (60 %) against 35 % physical.
    assert_eq!(f["subject_label"], "Kontrak 027/003/PUPR/2025");
    assert_eq!(f["evidence"]["paid"]["value"], "474000000.00");
    assert_eq!(f["evidence"]["financial_progress"]["value"], "0.6");
    assert_eq!(f["evidence"]["physical_progress"]["value"], "0.35");
    let by_opd = get(
        &app,
        &format!("/api/v1/regions/D999/findings?opd={KOMINFO}&limit=1000"),
        Some(HEAD),
    )
    .await;
    assert!(rows(&by_opd.body["rows"]).iter().all(|r| r["opd"] == KOMINFO));
    let paged = get(
        &app,
        &format!("/api/v1/regions/D999/findings?opd={KOMINFO}&limit=1&offset=1"),
        Some(HEAD),
    )
    .await;
    assert_eq!(paged.body["total"], by_opd.body["total"]);
    assert_eq!(paged.body["rows"][0], by_opd.body["rows"][1]);
    let insufficient = get(
        &app,
        "/api/v1/regions/D999/findings?status=insufficient&limit=1000",
        Some(HEAD),
    )
    .await;
    assert!(
        rows(&insufficient.body["rows"])
            .iter()
            .all(|r| r["status"] == "insufficient" && r["missing"].is_array())
    );
    let coverage = get(&app, "/api/v1/regions/D999/coverage", Some(HEAD)).await;
    let k11 = rows(&coverage.body)
        .iter()
        .find(|r| r["rule"] == "K-11")
        .cloned()
        .unwrap_or_default();
    assert_eq!(k11["found"], 1);
}

#[tokio::test]
async fn a_package_trail_runs_from_the_plan_to_the_progress_report() {
    let chain = sample();
    let package = chain
        .state()
        .packages()
        .values()
        .find(|p| p.spec().name == "Jasa Konsultansi Penyusunan Rencana Induk SPBE")
        .map(|p| p.spec().clone())
        .expect("the package");
    let kd_rup = package.kd_rup.expect("a kd_rup");
    let app = app();
    let trail = get(&app, &format!("/api/v1/regions/D999/packages/{kd_rup}"), None).await;
    assert_eq!(trail.status, StatusCode::OK);
    assert_eq!(trail.body["stage"], "contracted");
    let steps = rows(&trail.body["steps"]);
    let aggregates: Vec<&str> = steps.iter().filter_map(|s| s["aggregate"].as_str()).collect();
    let first = |kind: &str| aggregates.iter().position(|a| *a == kind).unwrap_or(usize::MAX);
    // plan → procurement → contract → progress report, in that order; the payment is there.
    assert!(first("package") < first("procurement"));
    assert!(first("procurement") < first("contract"));
    assert!(first("contract") < first("progress") && first("progress") != usize::MAX);
    let events: Vec<&str> = steps.iter().filter_map(|s| s["event"].as_str()).collect();
    assert!(
        events.iter().any(|e| e.starts_with("Sp2d")),
        "the SP2D is on the trail: {events:?}"
    );
    let sequences: Vec<u64> = steps.iter().filter_map(|s| s["sequence"].as_u64()).collect();
    assert!(sequences.windows(2).all(|w| w[0] < w[1]));
    for s in steps {
        let seq = s["sequence"].as_u64().unwrap_or(u64::MAX) as usize;
        let entry = &chain.log().entries()[seq];
        assert_eq!(s["hash"], entry.hash.to_string().as_str());
        assert_eq!(s["event"], entry.payload.name());
    }
    // The ETag is the package's own version: the sequence of its last event.
    let version = trail.body["version"].as_u64().expect("a version");
    assert_eq!(trail.headers[header::ETAG], format!("\"{version}\"").as_str());
    assert!(
        steps
            .iter()
            .any(|s| s["aggregate"] == "package" && s["sequence"] == version)
    );
}

#[tokio::test]
async fn the_public_sees_what_sirup_and_spse_publish_and_no_finding() {
    let app = app();
    let report = get(&app, "/api/v1/regions/D999", None).await;
    assert_eq!(report.status, StatusCode::OK);
    let text = report.body.to_string();
    assert!(!text.contains("\"findings\""), "{text}");
    assert_eq!(
        rows(&report.body["opd"]).len(),
        4,
        "the public sees every OPD's progress"
    );
    let opd = get(&app, &format!("/api/v1/regions/D999/opd/{KOMINFO}"), None).await;
    assert_eq!(opd.status, StatusCode::OK);
    assert!(opd.body.get("findings").is_none() && opd.body.get("kontrak_kritis").is_none());
    for route in ["findings", "coverage", "access-log"] {
        let refused = get(&app, &format!("/api/v1/regions/D999/{route}"), None).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{route}");
        assert_eq!(refused.body["error"]["code"], "unauthorized");
    }
    let wrong = get(&app, "/api/v1/regions/D999/findings", Some("not-a-key")).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // No official appears: no actor id of the region is in any public answer.
    let chain = sample();
    let public = [report.body.to_string(), opd.body.to_string()];
    for actor in chain.state().actors().keys() {
        assert!(
            public.iter().all(|t| !t.contains(&actor.to_string())),
            "actor {actor} leaked"
        );
    }
}

#[tokio::test]
async fn a_kepala_opd_never_sees_another_opds_packages_or_findings() {
    let app = app();
    let chain = sample();
    let pupr_package = chain
        .state()
        .packages()
        .values()
        .find(|p| p.spec().organisation == org_id(&chain, PUPR))
        .and_then(|p| p.spec().kd_rup)
        .expect("a PUPR package with a kd_rup");
    let report = get(&app, "/api/v1/regions/D999", Some(KOMINFO_PA)).await;
    let codes: Vec<&str> = rows(&report.body["opd"])
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert_eq!(codes, vec![KOMINFO]);
    assert_eq!(report.body["packages"], 32, "the region's totals stay");
    for uri in [
        format!("/api/v1/regions/D999/opd/{PUPR}"),
        format!("/api/v1/regions/D999/packages/{pupr_package}"),
        format!("/api/v1/regions/D999/findings?opd={PUPR}"),
    ] {
        let hidden = get(&app, &uri, Some(KOMINFO_PA)).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let own = get(&app, "/api/v1/regions/D999/findings?limit=1000", Some(KOMINFO_PA)).await;
    assert!(own.body["total"].as_u64().unwrap_or(0) > 0);
    assert!(rows(&own.body["rows"]).iter().all(|r| r["opd"] == KOMINFO));
    let everyone = get(&app, "/api/v1/regions/D999/findings?limit=1000", Some(HEAD)).await;
    assert!(everyone.body["total"].as_u64() > own.body["total"].as_u64());
    let mine = get(&app, &format!("/api/v1/regions/D999/opd/{KOMINFO}"), Some(KOMINFO_PA)).await;
    assert_eq!(mine.status, StatusCode::OK);
    // The Sekda reads the whole region, like the Kepala Daerah.
    let app = app_with(|_, keys| {
        key(
            keys,
            "sekda-secret",
            Grant {
                role: Role::Sekda,
                scope: Scope::Region,
            },
            "Sekretariat Daerah",
        )
    });
    let sekda = get(&app, "/api/v1/regions/D999/findings?limit=1000", Some("sekda-secret")).await;
    assert_eq!(sekda.body["total"], everyone.body["total"]);
    assert_eq!(
        get(&app, &format!("/api/v1/regions/D999/opd/{PUPR}"), Some("sekda-secret"))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field_in_the_readers_language() {
    let app = app();
    for (uri, field) in [
        ("/api/v1/regions/D999/findings?rule=Z-99", "rule"),
        ("/api/v1/regions/D999/findings?severity=loud", "severity"),
        ("/api/v1/regions/D999/findings?limit=0", "limit"),
        ("/api/v1/regions/D999/findings?min_value=lots", "min_value"),
        ("/api/v1/regions/D999/findings?opd=PUPR", "opd"),
        ("/api/v1/regions/D999/findings?colour=red", "colour"),
        ("/api/v1/regions/D999?as_of=2025-02-30", "as_of"),
        ("/api/v1/regions/D999/packages/abc", "kd_rup"),
        ("/api/v1/regions/D999/opd/1.2.3", "kd_satker_str"),
    ] {
        let bad = get(&app, uri, Some(HEAD)).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}: {}", bad.body);
        assert_eq!(bad.body["error"]["field"], field, "{uri}");
    }
    let missing = get(&app, "/api/v1/regions/D000", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let nowhere = get(&app, "/api/v2/anything", None).await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    let request = Request::builder()
        .uri("/api/v1/regions/D999/findings?rule=Z-99")
        .header(header::AUTHORIZATION, format!("Bearer {HEAD}"))
        .header(header::ACCEPT_LANGUAGE, "id-ID,id;q=0.9")
        .body(Body::empty())
        .expect("a request");
    let indonesian = send(&app, request).await;
    assert!(
        indonesian.body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("tidak sah")
    );
}

/// The PPK of the SPBE consultancy's contract, its contract, and the version of its progress.
fn spbe_contract(chain: &Chain) -> (ActorId, rantai_core::ContractId, Grant) {
    let contract = chain
        .state()
        .contracts()
        .values()
        .find(|c| {
            c.terms().spec.nomor.to_string().contains("KOMINFO")
                && Ok(c.current_value()) == rantai_core::Money::from_rupiah(705_000_000)
        })
        .expect("the SPBE consultancy's contract");
    let org = contract.terms().organisation;
    let ppk = chain
        .state()
        .actors()
        .values()
        .find(|a| {
            a.grants()
                .any(|g| g.role == Role::Ppk && g.scope == Scope::Organisation(org))
        })
        .expect("a PPK of Kominfo");
    (
        ppk.id(),
        contract.terms().spec.id,
        Grant {
            role: Role::Ppk,
            scope: Scope::Organisation(org),
        },
    )
}

fn report_progress(contract: rantai_core::ContractId, id: u128, percent: i64) -> Vec<u8> {
    let command = Command::ReportProgress {
        report: ProgressReport {
            id: ReportId::from_u128(id),
            contract,
            reported_on: NaiveDate::from_ymd_opt(2025, 9, 30).expect("a date"),
            actual: Ratio::percent(percent),
            planned: None,
            evidence_ref: Some("Laporan mingguan".into()),
        },
    };
    serde_json::to_vec(&json!({"actor": "ACTOR", "occurred_at": "2025-09-30T09:00:00Z", "command": command}))
        .expect("JSON")
}

#[tokio::test]
async fn two_writers_on_one_contract_the_stale_one_gets_409_and_nothing_is_lost_or_doubled() {
    const PPK: &str = "kominfo-ppk-secret";
    let chain = sample();
    let (ppk, contract, grant) = spbe_contract(&chain);
    let app = app_with(|_, keys| key(keys, PPK, grant, "PPK Diskominfo"));
    let progress_version = chain
        .log()
        .entries()
        .iter()
        .rev()
        .find(|e| e.aggregate.kind == rantai_chain::AggregateKind::Progress && e.aggregate.id == contract.as_uuid())
        .map(|e| e.sequence)
        .expect("the contract has a progress report");
    let body = |id, pct| {
        String::from_utf8(report_progress(contract, id, pct))
            .expect("utf-8")
            .replace("ACTOR", &ppk.to_string())
            .into_bytes()
    };
    let before = get(&app, "/api/v1/regions/D999/head", None).await.body["length"]
        .as_u64()
        .expect("a length");
    let (a, b) = tokio::join!(
        post(
            &app,
            "/api/v1/regions/D999/commands",
            PPK,
            body(9_001, 60),
            Some(progress_version)
        ),
        post(
            &app,
            "/api/v1/regions/D999/commands",
            PPK,
            body(9_002, 61),
            Some(progress_version)
        ),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{} / {}",
        a.body,
        b.body
    );
    let conflict = if a.status == StatusCode::CONFLICT { &a } else { &b };
    assert_eq!(conflict.body["error"]["code"], "version_conflict");
    let after = get(&app, "/api/v1/regions/D999/head", None).await.body["length"]
        .as_u64()
        .expect("a length");
    assert_eq!(after, before + 1, "one event, not zero, not two");
    // The new report is visible at once: the OPD's physical progress moved.
    let accepted = if a.status == StatusCode::CREATED { &a } else { &b };
    let seq = accepted.body["sequence"].as_u64().expect("a sequence");
    let again = post(&app, "/api/v1/regions/D999/commands", PPK, body(9_003, 62), Some(seq)).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
}

#[tokio::test]
async fn a_refused_or_malformed_command_changes_nothing() {
    const PPK: &str = "kominfo-ppk-secret";
    let chain = sample();
    let (ppk, contract, grant) = spbe_contract(&chain);
    let app = app_with(|_, keys| key(keys, PPK, grant, "PPK Diskominfo"));
    let before = get(&app, "/api/v1/regions/D999/head", None).await.body;
    let uri = "/api/v1/regions/D999/commands";
    let cases: Vec<(Vec<u8>, StatusCode, &str)> = vec![
        (b"{not json".to_vec(), StatusCode::BAD_REQUEST, "body"),
        (
            br#"{"actor": 5, "occurred_at": "2025-09-30T09:00:00Z", "command": {}}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "actor",
        ),
        (
            {
                let mut v: Value = serde_json::from_slice(&report_progress(contract, 9_099, 60)).expect("JSON");
                v["actor"] = json!(ppk.to_string());
                v["extra"] = json!(1);
                serde_json::to_vec(&v).expect("JSON")
            },
            StatusCode::BAD_REQUEST,
            "extra",
        ),
        (
            vec![b' '; rantai_http::BODY_LIMIT + 1],
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
    ];
    for (body, status, field) in cases {
        let answer = post(&app, uri, PPK, body, None).await;
        assert_eq!(answer.status, status, "{}", answer.body);
        if !field.is_empty() {
            assert!(
                answer.body["error"]["field"].as_str().unwrap_or("").contains(field),
                "{}",
                answer.body
            );
        }
    }
    // An unknown field inside the command (here in its report) is refused too, not dropped:
    // 400 naming the field.
    let mut v: Value = serde_json::from_slice(&report_progress(contract, 9_099, 60)).expect("JSON");
    v["actor"] = json!(ppk.to_string());
    v["command"]["report"]["progress_pct"] = json!(60);
    let answer = post(&app, uri, PPK, serde_json::to_vec(&v).expect("JSON"), None).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_eq!(answer.body["error"]["field"], "command", "{}", answer.body);
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("unknown field `progress_pct`"),
        "{}",
        answer.body
    );
    // Progress above 100 % is refused by monitoring: 422.
    let over = String::from_utf8(report_progress(contract, 9_100, 150))
        .expect("utf-8")
        .replace("ACTOR", &ppk.to_string());
    let refused = post(&app, uri, PPK, over.into_bytes(), None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    // A key whose grant the actor does not hold: 403.
    let as_head = String::from_utf8(report_progress(contract, 9_101, 60))
        .expect("utf-8")
        .replace("ACTOR", &ppk.to_string());
    let forbidden = post(&app, uri, HEAD, as_head.into_bytes(), None).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/api/v1/regions/D999/head", None).await.body, before);
}

#[tokio::test]
async fn a_key_holders_reads_of_findings_and_trails_reach_the_access_log() {
    const APIP: &str = "inspektorat-secret";
    let app = app_with(|_, keys| {
        key(
            keys,
            APIP,
            Grant {
                role: Role::Apip,
                scope: Scope::Region,
            },
            "Inspektorat",
        )
    });
    get(&app, "/api/v1/regions/D999/findings?rule=K-11", Some(HEAD)).await;
    get(&app, "/api/v1/regions/D999/findings?rule=K-13", Some(HEAD)).await;
    get(&app, "/api/v1/regions/D999/findings", None).await;
    let log = get(&app, "/api/v1/regions/D999/access-log", Some(APIP)).await;
    assert_eq!(log.status, StatusCode::OK);
    let entries = rows(&log.body);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["label"], "Bupati");
    assert_eq!(entries[0]["read"], "findings");
    assert_eq!(entries[0]["count"], 2, "two reads by the Bupati, none by the public");
    let head_reads = get(&app, "/api/v1/regions/D999/access-log", Some(HEAD)).await;
    assert_eq!(head_reads.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = app();
    let doc = get(&app, "/api/v1/openapi.json", None).await.body;
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "regions",
        "regions/{kd_klpd}",
        "regions/{kd_klpd}/opd",
        "regions/{kd_klpd}/opd/{kd_satker_str}",
        "regions/{kd_klpd}/packages/{kd_rup}",
        "regions/{kd_klpd}/findings",
        "regions/{kd_klpd}/coverage",
        "regions/{kd_klpd}/head",
        "regions/{kd_klpd}/commands",
    ] {
        assert!(doc["paths"][format!("/api/v1/{path}")].is_object(), "{path}");
    }
    // The command body is documented by the generated Command schema (what the server accepts,
    // docs/schema/command.schema.json, as its own resource): a real command conforms, one with a
    // field the type does not have does not, and neither does one missing a required field.
    let mut request =
        doc["paths"]["/api/v1/regions/{kd_klpd}/commands"]["post"]["requestBody"]["content"]["application/json"]["schema"]
            .clone();
    assert!(request["properties"]["command"]["oneOf"].is_array());
    request["components"] = doc["components"].clone();
    let validator = jsonschema::validator_for(&request).expect("the schema compiles");
    let (ppk, contract, _) = spbe_contract(&sample());
    let mut body: Value = serde_json::from_slice(&report_progress(contract, 9_200, 60)).expect("JSON");
    body["actor"] = json!(ppk.to_string());
    let errors: Vec<String> = validator.iter_errors(&body).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut without_planned = body.clone();
    without_planned["command"]["report"]
        .as_object_mut()
        .map(|r| r.remove("planned"));
    assert!(
        validator.is_valid(&without_planned),
        "an optional field may be left out"
    );
    let mut without_actual = body.clone();
    without_actual["command"]["report"]
        .as_object_mut()
        .map(|r| r.remove("actual"));
    assert!(!validator.is_valid(&without_actual));
    body["command"]["report"]["progress_pct"] = json!(60);
    assert!(!validator.is_valid(&body));
    let regions = get(&app, "/api/v1/regions", None).await;
    assert_eq!(regions.body[0]["kd_klpd"], REGION);
}

/// The SIRUP code of the sample's package named `name`.
fn kd_rup_of(chain: &Chain, name: &str) -> String {
    chain
        .state()
        .packages()
        .values()
        .find(|p| p.spec().name == name)
        .and_then(|p| p.spec().kd_rup)
        .map(|k| k.to_string())
        .expect("the package is in the sample with a kd_rup")
}

#[tokio::test]
async fn an_s_curve_reads_plan_reports_and_payments_month_by_month() {
    let app = app();
    let chain = sample();
    // The SPBE maintenance: Rp188 juta, announced 10 March, bids 9 days later, award 8 days after
    // that, signed 10 days on (6 April), so its work runs 6 April – 31 December (269 days, the
    // planned 1 April start being before the signature); paid Rp47 juta on 30 June and on
    // 30 September, one report on 26 September (50 % done, 49 % planned).
    let kd_rup = kd_rup_of(&chain, "Jasa Pemeliharaan Aplikasi SPBE");
    let curve = get(&app, &format!("/api/v1/regions/D999/scurve?kd_rup={kd_rup}"), None).await;
    assert_eq!(curve.status, StatusCode::OK, "{}", curve.body);
    assert_eq!(curve.body["scope"], "package");
    let points = rows(&curve.body["points"]);
    let on: Vec<&str> = points.iter().filter_map(|p| p["on"].as_str()).collect();
    assert_eq!(
        on,
        [
            "2025-01-31",
            "2025-02-28",
            "2025-03-31",
            "2025-04-30",
            "2025-05-31",
            "2025-06-30",
            "2025-07-31",
            "2025-08-31",
            "2025-09-30"
        ]
    );
    assert_eq!(
        points[0]["contracts"], 0,
        "announced on 10 March: no contract in January"
    );
    assert_eq!(points[2]["contracts"], 0, "none by 31 March either");
    assert_eq!(points[3]["contracts"], 1);
    assert!(points[0]["planned"].is_null() && points[0]["financial"].is_null());
    // 30 June: 85 of 269 days, Rp47 of 188 juta paid, no report yet (not a zero).
    let june = &points[5];
    assert_eq!(june["planned"], "0.315985");
    assert!(june["physical"].is_null() && june["physical_deviation_pp"].is_null());
    assert_eq!(june["reported"], 0);
    assert_eq!(june["paid"], "47000000.00");
    assert_eq!(june["financial"], "0.25");
    // 30 September: 177 of 269 days; the report's 50 % against its own 49 %; Rp94 juta paid.
    let september = &points[8];
    assert_eq!(september["planned"], "0.657993");
    assert_eq!(september["physical"], "0.5");
    assert_eq!(september["physical_deviation_pp"], "1");
    assert_eq!(september["financial"], "0.5");

    // Kominfo's five contracts (3 615 juta). By 31 August two had reported, both done (147 and
    // 1 180 juta), and 211 + 147 + 47 = 405 juta were paid; by 30 September every one had
    // reported, as in the region report (76,462 %, +1,21 pp), and 1 573 juta were paid.
    let opd = get(&app, &format!("/api/v1/regions/D999/scurve?opd={KOMINFO}"), Some(HEAD)).await;
    let points = rows(&opd.body["points"]);
    let august = &points[7];
    assert_eq!(august["contracts"], 5);
    assert_eq!(august["reported"], 2);
    assert_eq!(august["physical"], "1");
    assert_eq!(august["physical_deviation_pp"], "0");
    assert_eq!(august["paid"], "405000000.00");
    assert_eq!(august["financial"], "0.112033");
    let last = &points[8];
    assert_eq!(last["contracted"], "3615000000.00");
    assert_eq!(last["physical"], "0.76462");
    assert_eq!(last["physical_deviation_pp"], "1.21");
    assert_eq!(last["financial"], "0.435131");
    let region = get(&app, "/api/v1/regions/D999/scurve", None).await;
    let report = get(&app, "/api/v1/regions/D999", None).await;
    let region_last = rows(&region.body["points"]).last().cloned().unwrap_or(Value::Null);
    assert_eq!(
        region_last["physical_deviation_pp"],
        report.body["physical_deviation_pp"]
    );
    assert_eq!(region_last["physical"], report.body["physical_progress"]);

    // A Kepala OPD reads the region's curve and their own, never another OPD's.
    let pupr = get(
        &app,
        &format!("/api/v1/regions/D999/scurve?opd={PUPR}"),
        Some(KOMINFO_PA),
    )
    .await;
    assert_eq!(pupr.status, StatusCode::NOT_FOUND);
    for (uri, field) in [
        (
            format!("/api/v1/regions/D999/scurve?opd={KOMINFO}&kd_rup={kd_rup}"),
            "kd_rup",
        ),
        ("/api/v1/regions/D999/scurve?year=1990".to_string(), "year"),
        ("/api/v1/regions/D999/scurve?kd_rup=abc".to_string(), "kd_rup"),
    ] {
        let bad = get(&app, &uri, None).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}: {}", bad.body);
        assert_eq!(bad.body["error"]["field"], field, "{uri}");
    }
}

#[tokio::test]
async fn what_must_be_done_names_the_role_the_text_and_its_basis() {
    let app = app();
    let all = get(&app, "/api/v1/regions/D999/actions?limit=1000", Some(HEAD)).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let items = rows(&all.body["items"]);
    assert_eq!(all.body["total"].as_u64(), Some(items.len() as u64));
    // Every item carries an action from the rulebook: who, in both languages, and why them.
    for item in items {
        let action = &item["action"];
        assert!(action["by"].is_string(), "{item}");
        for field in ["en", "id", "basis"] {
            assert!(!action[field].as_str().unwrap_or("").is_empty(), "{field} of {item}");
        }
    }
    // The PUPR road is 16 pp behind its plan (44 % against 60 % on 26 September): stuck behind
    // plan, and C-07 calls it kontrak kritis.
    let road = items
        .iter()
        .find(|i| i["cause"] == "stuck" && i["subject_label"].as_str().unwrap_or("").contains("Cileunyi"))
        .expect("the road is stuck");
    assert_eq!(road["reason"], "behind_plan");
    assert!(
        items.iter().any(|i| i["cause"] == "finding"
            && i["rule"] == "C-07"
            && i["subject_label"].as_str().unwrap_or("").contains("027/001/PUPR")),
        "C-07 on the road's contract"
    );
    // Stuck packages come first, then errors before warnings before information.
    let order: Vec<u8> = items
        .iter()
        .map(|i| match (i["cause"].as_str(), i["severity"].as_str()) {
            (Some("stuck"), _) => 0,
            (_, Some("error")) => 1,
            (_, Some("warn")) => 2,
            _ => 3,
        })
        .collect();
    assert!(order.is_sorted(), "{order:?}");
    let per_role: u64 = rows(&all.body["by_role"])
        .iter()
        .map(|r| r["items"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(per_role, items.len() as u64);

    // One role's list holds only that role's items.
    let ppk = get(&app, "/api/v1/regions/D999/actions?by=ppk&limit=1000", Some(HEAD)).await;
    assert!(ppk.body["total"].as_u64().unwrap_or(0) > 0);
    assert!(rows(&ppk.body["items"]).iter().all(|i| i["action"]["by"] == "ppk"));
    // The public sees the stuck packages and what must be done about them, never a finding.
    let public = get(&app, "/api/v1/regions/D999/actions?limit=1000", None).await;
    assert!(rows(&public.body["items"]).iter().all(|i| i["cause"] == "stuck"));
    assert_eq!(
        rows(&public.body["items"]).len(),
        items.iter().filter(|i| i["cause"] == "stuck").count()
    );
    // A Kepala OPD sees their own OPD's list only.
    let own = get(&app, "/api/v1/regions/D999/actions?limit=1000", Some(KOMINFO_PA)).await;
    assert!(rows(&own.body["items"]).iter().all(|i| i["opd"] == KOMINFO));
    let other = get(
        &app,
        &format!("/api/v1/regions/D999/actions?opd={PUPR}"),
        Some(KOMINFO_PA),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let bad = get(&app, "/api/v1/regions/D999/actions?by=lurah", None).await;
    assert_eq!(bad.body["error"]["field"], "by");
}

#[tokio::test]
async fn a_rule_refuses_a_command_with_its_id_values_and_citation() {
    const PPK: &str = "kominfo-ppk-secret";
    let chain = sample();
    let (ppk, _, grant) = spbe_contract(&chain);
    let kominfo = org_id(&chain, KOMINFO);
    let pa = chain
        .state()
        .actors()
        .values()
        .find(|a| {
            a.grants()
                .any(|g| g.role == Role::Pa && g.scope == Scope::Organisation(kominfo))
        })
        .map(|a| a.id())
        .expect("the PA of Kominfo");
    // A Rp350 juta Pengadaan Langsung of goods: drafted by the PPK, refused when the PA announces
    // it, since Perpres 16/2018 Pasal 38(3) caps Pengadaan Langsung of goods at Rp200 juta.
    let mut spec = chain
        .state()
        .packages()
        .values()
        .find(|p| p.spec().organisation == kominfo)
        .map(|p| p.spec().clone())
        .expect("a Kominfo package");
    spec.id = rantai_core::PackageId::from_u128(77_001);
    spec.kd_rup = None;
    spec.name = "Pengadaan Perangkat Ruang Rapat".into();
    spec.jenis = rantai_core::JenisPengadaan::Barang;
    spec.metode = rantai_core::MetodePemilihan::PengadaanLangsung;
    spec.pagu = rantai_core::Money::from_rupiah(350_000_000).expect("money");
    spec.funding.iter_mut().for_each(|f| f.amount = spec.pagu);
    spec.funding.truncate(1);
    spec.ppk = ppk;
    let app = app_with(|_, keys| key(keys, PPK, grant, "PPK Diskominfo"));
    let uri = "/api/v1/regions/D999/commands";
    let draft = json!({"actor": ppk.to_string(), "occurred_at": "2025-09-30T09:00:00Z", "command": Command::DraftPackage { spec }});
    let drafted = post(&app, uri, PPK, serde_json::to_vec(&draft).expect("JSON"), None).await;
    assert_eq!(drafted.status, StatusCode::CREATED, "{}", drafted.body);
    let before = get(&app, "/api/v1/regions/D999/head", None).await.body;
    let announce = json!({"actor": pa.to_string(), "occurred_at": "2025-09-30T10:00:00Z", "command": Command::AnnouncePackage {
        package: rantai_core::PackageId::from_u128(77_001),
        on: NaiveDate::from_ymd_opt(2025, 9, 30).expect("a date"),
    }});
    let refused = post(
        &app,
        uri,
        KOMINFO_PA,
        serde_json::to_vec(&announce).expect("JSON"),
        None,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let error = &refused.body["error"];
    assert_eq!(error["code"], "refused");
    assert_eq!(error["rule"], "P-01");
    assert!(
        error["citation"].as_str().unwrap_or("").contains("Pasal 38(3)"),
        "{error}"
    );
    let values = error["values"].to_string();
    assert!(values.contains("350000000") && values.contains("200000000"), "{values}");
    assert_eq!(
        get(&app, "/api/v1/regions/D999/head", None).await.body,
        before,
        "nothing changed"
    );
}

/// The sample's server with the Kominfo PPK's key too, the PPK and the SPBE consultancy.
fn server_with_ppk() -> (Server, ActorId, rantai_core::ContractId) {
    let (ppk, contract, grant) = spbe_contract(&sample());
    let server = server_with(|chain, keys| {
        key(keys, "kominfo-ppk-secret", grant, "PPK Diskominfo");
        let pupr = Grant {
            role: Role::Pa,
            scope: Scope::Organisation(org_id(chain, PUPR)),
        };
        key(keys, "pupr-pa-secret", pupr, "Kepala Dinas PUPR");
    });
    (server, ppk, contract)
}

/// The Kominfo PPK reports `percent` on the SPBE consultancy on 30 September: accepted.
async fn report_as_ppk(
    app: &Router,
    ppk: ActorId,
    contract: rantai_core::ContractId,
    id: u128,
    percent: i64,
) -> Answer {
    let body = String::from_utf8(report_progress(contract, id, percent))
        .expect("utf-8")
        .replace("ACTOR", &ppk.to_string());
    let sent = post(
        app,
        "/api/v1/regions/D999/commands",
        "kominfo-ppk-secret",
        body.into_bytes(),
        None,
    )
    .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    sent
}

/// The next server-sent event of `body` as (event, data), or `None` after two seconds of quiet.
async fn next_event(body: &mut Body, buffer: &mut String) -> Option<(String, Value)> {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
            };
            let (Some(event), Some(data)) = (field("event:"), field("data:")) else {
                continue; // a keep-alive comment
            };
            return Some((event, serde_json::from_str(&data).unwrap_or(Value::Null)));
        }
        let frame = tokio::time::timeout(std::time::Duration::from_secs(2), body.frame())
            .await
            .ok()??
            .ok()?;
        if let Ok(data) = frame.into_data() {
            buffer.push_str(&String::from_utf8_lossy(&data));
        }
    }
}

async fn events_of(body: &mut Body) -> Vec<(String, Value)> {
    let mut buffer = String::new();
    let mut out = Vec::new();
    while let Some(e) = next_event(body, &mut buffer).await {
        out.push(e);
    }
    out
}

#[tokio::test]
async fn the_feed_tells_who_subscribed_what_a_progress_report_changed() {
    let (server, ppk, contract) = server_with_ppk();
    let app = router(server);
    let subscribe = |secret: Option<&str>| {
        let mut request = Request::builder().uri("/api/v1/regions/D999/feed");
        if let Some(s) = secret {
            request = request.header(header::AUTHORIZATION, format!("Bearer {s}"));
        }
        app.clone().oneshot(request.body(Body::empty()).expect("a request"))
    };
    let head = subscribe(Some(HEAD)).await.expect("the feed answers");
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(head.headers()[header::CONTENT_TYPE], "text/event-stream");
    let public = subscribe(None).await.expect("the feed answers");
    let kominfo = subscribe(Some(KOMINFO_PA)).await.expect("the feed answers");
    let pupr = subscribe(Some("pupr-pa-secret")).await.expect("the feed answers");
    // The SPBE consultancy (Rp705 juta, 5 May – 12 December, 52 % on 26 September against its
    // own 50 %) reports 53 % on 30 September without a planned figure: its linear plan stands at
    // 148 of 221 days (66,97 %), so it is 13,97 pp behind — more than the 10 pp below 70 % that
    // makes a kontrak kritis.
    let sent = report_as_ppk(&app, ppk, contract, 9_200, 53).await;
    let mut head_body = head.into_body();
    let seen = events_of(&mut head_body).await;
    let names: Vec<&str> = seen.iter().map(|(e, _)| e.as_str()).collect();
    let stuck = seen
        .iter()
        .find(|(e, _)| e == "package_stuck")
        .map(|(_, d)| d)
        .unwrap_or_else(|| panic!("no package_stuck in {names:?}"));
    assert_eq!(stuck["reason"], "behind_plan");
    assert_eq!(stuck["opd"], KOMINFO);
    assert_eq!(stuck["action"]["by"], "ppk");
    assert_eq!(stuck["sequence"], sent.body["sequence"], "the event that caused it");
    let kritis = seen
        .iter()
        .find(|(e, d)| e == "finding_appeared" && d["rule"] == "C-07")
        .map(|(_, d)| d)
        .unwrap_or_else(|| panic!("no C-07 in {seen:?}"));
    assert!(
        kritis["subject_label"].as_str().unwrap_or("").contains("KOMINFO"),
        "{kritis}"
    );
    assert_eq!(kritis["action"]["by"], "ppk");
    let mut public_body = public.into_body();
    let public_seen = events_of(&mut public_body).await;
    assert!(!public_seen.is_empty());
    assert!(
        public_seen.iter().all(|(e, _)| e.starts_with("package_")),
        "the public sees no finding: {public_seen:?}"
    );
    // Each Kepala OPD follows their own OPD: Kominfo's head sees it all, PUPR's nothing.
    let mut kominfo_body = kominfo.into_body();
    assert_eq!(events_of(&mut kominfo_body).await.len(), seen.len());
    let mut pupr_body = pupr.into_body();
    let other = events_of(&mut pupr_body).await;
    assert!(other.is_empty(), "another OPD's changes reached PUPR: {other:?}");
    // A reader that reconnects with the last event it saw before the report gets what it missed,
    // in order; one that saw the report itself gets nothing again.
    let sequence = sent.body["sequence"].as_u64().unwrap_or(0);
    let resume = |last: u64| {
        let request = Request::builder()
            .uri("/api/v1/regions/D999/feed")
            .header(header::AUTHORIZATION, format!("Bearer {HEAD}"))
            .header("Last-Event-ID", last.to_string())
            .body(Body::empty())
            .expect("a request");
        app.clone().oneshot(request)
    };
    let mut missed = resume(sequence - 1).await.expect("the feed answers").into_body();
    let again = events_of(&mut missed).await;
    let names = |events: &[(String, Value)]| events.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>();
    assert_eq!(names(&again), names(&seen));
    let mut none = resume(sequence).await.expect("the feed answers").into_body();
    assert!(events_of(&mut none).await.is_empty());
}

#[tokio::test]
async fn a_webhook_receives_each_change_signed_with_its_secret() {
    use axum::extract::State as Received;
    const SECRET: &str = "the gateway's shared secret";
    let (sender, mut received) = tokio::sync::mpsc::unbounded_channel::<(HeaderMap, Vec<u8>)>();
    let gateway = Router::new()
        .route(
            "/wa",
            axum::routing::post(
                |Received(tx): Received<tokio::sync::mpsc::UnboundedSender<(HeaderMap, Vec<u8>)>>,
                 headers: HeaderMap,
                 body: axum::body::Bytes| async move {
                    let _ = tx.send((headers, body.to_vec()));
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .with_state(sender);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("an address").port();
    tokio::spawn(async move { axum::serve(listener, gateway).await });

    let (server, ppk, contract) = server_with_ppk();
    let hooks = rantai_http::Webhook::from_toml(&format!(
        "[[webhook]]\nregion = \"D999\"\nurl = \"http://127.0.0.1:{port}/wa\"\nsecret = \"{SECRET}\"\nrule = \"C-07\"\n"
    ))
    .expect("hooks");
    rantai_http::start_webhooks(&server, hooks).expect("started");
    let app = router(server);
    report_as_ppk(&app, ppk, contract, 9_300, 53).await;
    let (headers, delivered) = tokio::time::timeout(std::time::Duration::from_secs(10), received.recv())
        .await
        .expect("delivered within 10 s")
        .expect("a delivery");
    // The receiver's check: HMAC-SHA256 of the body under the shared secret.
    let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::KeyInit>::new_from_slice(SECRET.as_bytes()).expect("a key");
    hmac::Mac::update(&mut mac, &delivered);
    let expected: Vec<String> = hmac::Mac::finalize(mac)
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(headers["x-rantai-signature"], format!("sha256={}", expected.concat()));
    assert_eq!(headers["x-rantai-event"], "finding_appeared");
    let change: Value = serde_json::from_slice(&delivered).expect("JSON");
    assert_eq!(change["rule"], "C-07", "only C-07 passes the hook's filter");
    let bad = rantai_http::Webhook::from_toml(
        "[[webhook]]\nregion = \"D999\"\nurl = \"https://x\"\nsecret = \"0123456789abcdef\"\n",
    )
    .expect("parses");
    let (server, _, _) = server_with_ppk();
    let e = rantai_http::start_webhooks(&server, bad).expect_err("https is refused");
    assert!(e.to_string().contains("http://"), "{e}");
}
