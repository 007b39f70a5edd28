//! The `rantai` binary end to end: the demo persists to SQLite and reopens to the same bytes,
//! `verify` reports a clean store and names the sequence of an edited one.
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

use std::path::PathBuf;
use std::process::Command;

/// Runs the binary with the built-in pseudonym key, whatever the caller's environment sets, so
/// that the ids in the output (and the golden digests) are the same on every machine.
fn rantai(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rantai"))
        .args(args)
        .env_remove("RANTAI_PSEUDONYM_KEY")
        .output()
        .unwrap()
}

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rantai-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

#[test]
fn the_demo_reopened_from_its_store_prints_the_same_bytes() {
    let db = temp_db("demo.db");
    let db = db.to_str().unwrap();
    let first = rantai(&["demo", "--db", db, "--format", "json"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let second = rantai(&["demo", "--db", db, "--format", "json"]);
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(first.stdout, second.stdout, "built and reopened demo differ");
    let fresh = rantai(&["demo", "--db", ":memory:", "--format", "json"]);
    assert_eq!(first.stdout, fresh.stdout, "stored and in-memory demo differ");
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(json["report"]["packages"], 32);
    assert_eq!(
        json["report"]["opd"][0]["physical_deviation_pp"], "-4.35",
        "PUPR, furthest behind, first"
    );
    for finding in json["findings"].as_array().unwrap() {
        for key in ["code", "severity", "subject", "evidence", "citation"] {
            assert!(finding.get(key).is_some(), "finding without {key}: {finding}");
        }
    }
}

#[test]
fn verify_reports_a_clean_store_and_names_the_edited_sequence() {
    let db = temp_db("verify.db");
    let path = db.to_str().unwrap();
    assert!(rantai(&["demo", "--db", path]).status.success());
    let ok = rantai(&["verify", "--db", path]);
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success() && text.contains("region D999: ") && text.contains(" events verified, head hash "),
        "{text}"
    );
    // The head hash kept elsewhere: the same one passes, another fails with status 2.
    let head = text.trim().rsplit(' ').next().unwrap().to_string();
    assert_eq!(head.len(), 64, "{text}");
    assert!(
        rantai(&["verify", "--db", path, "--expect-head", &head])
            .status
            .success()
    );
    let last = if head.ends_with('0') { '1' } else { '0' };
    let other = format!("{}{last}", &head[..63]);
    let moved = rantai(&["verify", "--db", path, "--expect-head", &other]);
    assert_eq!(moved.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&moved.stdout).contains("NOT THE EXPECTED HEAD"));

    // Raise the pagu of the sample's Rp2,4 miliar road package by one rupiah in the stored event.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let sequence: i64 = conn
        .query_row(
            "SELECT sequence FROM events WHERE body LIKE '%\"pagu\":\"2400000000.00\"%' ORDER BY sequence LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let changed = conn
        .execute(
            "UPDATE events SET body = replace(body, '\"pagu\":\"2400000000.00\"', '\"pagu\":\"2400000001.00\"') WHERE sequence = ?1",
            [sequence],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let bad = rantai(&["verify", "--db", path]);
    let text = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(2), "{text}");
    let expected = format!("tampered at sequence {sequence}");
    assert!(text.contains(&expected), "{text}");
    let demo = rantai(&["demo", "--db", path]);
    assert!(!demo.status.success());
    assert!(String::from_utf8_lossy(&demo.stderr).contains(&expected));
}

#[test]
fn tables_are_in_indonesian_by_default_and_in_english_on_request() {
    let id = rantai(&["demo", "--db", ":memory:"]);
    let id = String::from_utf8_lossy(&id.stdout);
    assert!(
        id.contains("Temuan:") && id.contains("Kontrak kritis: realisasi fisik tertinggal dari rencana"),
        "{id}"
    );
    let en = rantai(&["demo", "--db", ":memory:", "--lang", "en"]);
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(
        en.contains("Findings:") && en.contains("Kontrak kritis: physical progress behind plan"),
        "{en}"
    );
}

#[test]
fn the_kab_bandung_dump_imports_once_and_reports_as_table_json_and_csv() {
    let dump = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/id-data/isb-kab-bandung-2025");
    if !dump.exists() {
        eprintln!("SKIPPED: {} not present", dump.display());
        return;
    }
    let db = temp_db("bandung.db");
    let db = db.to_str().unwrap();
    let dump = dump.to_str().unwrap();
    let imported = rantai(&["import", "lkpp", dump, "--db", db]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let out = String::from_utf8(imported.stdout).unwrap();
    assert!(
        out.starts_with("22417 rows in 24 datasets (23117883 bytes, pulled 2025-10-03)"),
        "{out}"
    );
    assert!(out.contains("note SPSE-PesertaTender: 4187 × registration dated by the announcement"));
    // PDAM Tirta Raharja's tender (a BUMD, kd_klpd B154) is not the Kabupaten's.
    assert!(
        out.contains("refused SPSE-TenderPengumuman 10070352000 field kd_klpd"),
        "{out}"
    );
    // The store's history is append-only: the same region is not imported twice into it.
    let again = rantai(&["import", "lkpp", dump, "--db", db]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds region D107"));

    let table = rantai(&["report", "--db", db, "--lang", "en"]);
    assert!(table.status.success(), "{}", String::from_utf8_lossy(&table.stderr));
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with("Kab. Bandung\n0 RUP packages, pagu Rp0; 3081 procurements, 965 contracts"),
        "{table}"
    );
    assert!(table.contains("DINAS PEKERJAAN UMUM DAN TATA RUANG"));

    let json = rantai(&["report", "--db", db, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["as_of"], "2025-10-03");
    assert_eq!(json["report"]["contracts"], 965);
    let h07 = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "H-07")
        .count();
    assert_eq!(h07, 26);

    let csv = rantai(&["report", "--db", db, "--format", "csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("rule,severity,kd_satker_str,organisation,subject,title,judul,evidence,regulation,open_contracting")
    );
    assert_eq!(lines.filter(|l| l.starts_with("H-07,")).count(), 26);
    let opd = rantai(&["report", "--db", db, "--format", "csv", "--table", "opd"]);
    let opd = String::from_utf8(opd.stdout).unwrap();
    assert_eq!(
        opd.lines().count(),
        1 + 165,
        "a header and the 165 satker of the master"
    );

    // Ownership declared afterwards: two priced bidders of one tender share a director (H-10).
    let peserta: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(PathBuf::from(dump).join("42_1070_SPSE-PesertaTender.json")).unwrap())
            .unwrap();
    let mut priced: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for p in peserta.iter().filter(|p| !p["nilai_penawaran"].is_null()) {
        priced
            .entry(p["kd_tender"].to_string())
            .or_default()
            .push(p["kd_penyedia"].to_string());
    }
    let pair = priced.values().find(|b| b.len() >= 2).unwrap();
    let csv = temp_db("ownership.csv");
    std::fs::write(
        &csv,
        format!(
            "kd_penyedia,holder_kind,holder,tie,share_percent,declared_on\n\
             {a},nik,3204000000000001,direksi,,2025-01-06\n\
             {b},nik,3204000000000001,direksi,,2025-01-06\n\
             777,nik,3204000000000002,pemegang_saham,seratus,2025-01-06\n",
            a = pair[0],
            b = pair[1]
        ),
    )
    .unwrap();
    let declared = rantai(&["import", "ownership", csv.to_str().unwrap(), "--db", db]);
    assert!(
        declared.status.success(),
        "{}",
        String::from_utf8_lossy(&declared.stderr)
    );
    let out = String::from_utf8(declared.stdout).unwrap();
    assert!(out.contains(": 3 rows, 2 imported, 1 refused"), "{out}");
    assert!(
        out.contains("refused Kepemilikan-Penyedia line 4 field share_percent"),
        "{out}"
    );
    let h10: usize = out
        .lines()
        .find_map(|l| l.strip_prefix("H-10: ")?.strip_suffix(" found")?.parse().ok())
        .unwrap();
    assert!(h10 >= 1, "{out}");
    let json = rantai(&["report", "--db", db, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let found = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "H-10")
        .count();
    assert_eq!(found, h10, "the report reads the declarations from the store");
}

/// A generated region's ISB files, imported like real data, produce exactly the findings its
/// labels promise for every rule the files carry the facts of — and none of the others.
#[test]
fn generated_isb_files_import_to_exactly_their_labels() {
    let dir = temp_db("generated");
    let _ = std::fs::remove_dir_all(&dir);
    let dir_text = dir.to_str().unwrap();
    let generated = rantai(&[
        "generate",
        dir_text,
        "--seed",
        "3",
        "--packages",
        "500",
        "--anomalies",
        "40",
    ]);
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    // A second run into the same (now full) directory is refused: its files would mix.
    let again = rantai(&["generate", dir_text, "--seed", "4"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
    let db = temp_db("generated.db");
    let db = db.to_str().unwrap();
    let imported = rantai(&["import", "lkpp", dir_text, "--db", db]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let out = String::from_utf8(imported.stdout).unwrap();
    assert!(!out.lines().any(|l| l.starts_with("refused")), "{out}");

    let mut expected: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut labels = csv::Reader::from_path(dir.join("labels.csv")).unwrap();
    for row in labels.records() {
        let row = row.unwrap();
        if &row[5] == "LKPP ISB" {
            *expected.entry(row[0].to_string()).or_default() += 1;
        }
    }
    // Every rule the ISB files can show is planted at least once.
    assert!(expected.len() >= 40, "{expected:?}");
    let report = rantai(&["report", "--db", db, "--format", "json", "--as-of", "2025-12-31"]);
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let mut found: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        assert_eq!(f["status"], "found");
        *found.entry(f["code"].as_str().unwrap().to_string()).or_default() += 1;
    }
    assert_eq!(found, expected);
}

/// The golden files under `tests/golden/`: what today's code prints and logs, kept so that a
/// restructuring proves it changed nothing. `RANTAI_BLESS=1` rewrites them after an intended
/// change, which the commit then names.
mod golden {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use rantai_chain::{Chain, Digest256, EventEnvelope, FixedClock};
    use rantai_core::Rulebook;

    use super::{rantai, temp_db};

    fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
    }

    /// Compares `actual` with the golden file `name`, or rewrites it under `RANTAI_BLESS`.
    fn check(name: &str, actual: &[u8]) {
        let path = dir().join(name);
        if std::env::var_os("RANTAI_BLESS").is_some() {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, actual).unwrap();
            return;
        }
        let expected = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with RANTAI_BLESS=1 to write it)", path.display()));
        if expected != actual {
            let actual = String::from_utf8_lossy(actual);
            let expected = String::from_utf8_lossy(&expected);
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
            panic!(
                "{} differs from the output, first at line {}:\n  golden: {:?}\n  now:    {:?}",
                path.display(),
                line + 1,
                expected.lines().nth(line),
                actual.lines().nth(line)
            );
        }
    }

    fn stdout(args: &[&str]) -> Vec<u8> {
        let out = rantai(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    #[test]
    fn the_demo_prints_its_golden_table_json_and_csv() {
        check("demo.id.txt", &stdout(&["demo", "--db", ":memory:"]));
        check("demo.en.txt", &stdout(&["demo", "--db", ":memory:", "--lang", "en"]));
        check("demo.json", &stdout(&["demo", "--db", ":memory:", "--format", "json"]));
        check("demo.csv", &stdout(&["demo", "--db", ":memory:", "--format", "csv"]));
    }

    /// The sample region's event log, one envelope's hashed JSON a line, as the code writes it.
    fn log_lines(chain: &Chain) -> String {
        let mut text = String::new();
        for envelope in chain.log().entries() {
            text.push_str(&envelope.hashed_json());
            text.push('\n');
        }
        text
    }

    #[test]
    fn the_sample_region_logs_its_golden_events() {
        let chain = rantai_sample::sample_region().unwrap();
        check("demo.events.jsonl", log_lines(&chain).as_bytes());
        check(
            "demo.findings.json",
            serde_json::to_string(&chain.findings()).unwrap().as_bytes(),
        );
    }

    /// A log written by an earlier build replays: every line decodes, the chain verifies, and the
    /// replayed region gives the golden findings.
    #[test]
    fn an_event_log_written_by_an_earlier_build_replays_to_the_same_findings() {
        let text = std::fs::read_to_string(dir().join("demo.events.jsonl")).unwrap();
        let entries: Vec<EventEnvelope> = text
            .lines()
            .enumerate()
            .map(|(i, body)| {
                EventEnvelope::from_hashed_json(body, Digest256::of(body.as_bytes()))
                    .unwrap_or_else(|e| panic!("line {}: {e}", i + 1))
            })
            .collect();
        let clock = FixedClock(entries.last().unwrap().recorded_at);
        let chain = Chain::replay(entries, Rulebook::standard().clone(), Box::new(clock)).unwrap();
        chain.verify().unwrap();
        let expected = std::fs::read_to_string(dir().join("demo.findings.json")).unwrap();
        assert!(
            serde_json::to_string(&chain.findings()).unwrap() == expected,
            "the replayed findings differ from demo.findings.json"
        );
    }

    /// Per-rule counts of a report's findings: `rule found insufficient`, one rule a line.
    fn counts(report: &serde_json::Value) -> String {
        let mut rules: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for f in report["findings"].as_array().unwrap() {
            rules.entry(f["code"].as_str().unwrap().into()).or_default().0 += 1;
        }
        for f in report["insufficient"].as_array().unwrap() {
            rules.entry(f["code"].as_str().unwrap().into()).or_default().1 += 1;
        }
        rules
            .iter()
            .map(|(rule, (found, insufficient))| format!("{rule} found {found} insufficient {insufficient}\n"))
            .collect()
    }

    /// The Kab. Bandung report: only a SHA-256 of each output and the per-rule counts are kept, so
    /// nothing derived from the real records is in the repository.
    #[test]
    fn the_kab_bandung_report_keeps_its_golden_digest_and_counts() {
        let dump = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/id-data/isb-kab-bandung-2025");
        if !dump.exists() {
            eprintln!("SKIPPED: {} not present", dump.display());
            return;
        }
        let db = temp_db("golden-bandung.db");
        let db = db.to_str().unwrap();
        // The store's path is the test's own; the digest covers the rest of what the import prints.
        let import = String::from_utf8(stdout(&["import", "lkpp", dump.to_str().unwrap(), "--db", db]))
            .unwrap()
            .replace(db, "DB");
        let json = stdout(&["report", "--db", db, "--format", "json"]);
        let table = stdout(&["report", "--db", db, "--lang", "en"]);
        let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let text = format!(
            "import {}\nreport.json {}\nreport.en.txt {}\n{}",
            Digest256::of(import.as_bytes()),
            Digest256::of(&json),
            Digest256::of(&table),
            counts(&report)
        );
        check("bandung.digest", text.as_bytes());
    }
}

/// Reads one HTTP/1.1 answer from `addr` (status line and JSON body), with `header` if given.
fn http_get(addr: &str, path: &str, header: Option<&str>) -> (u16, serde_json::Value) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let extra = header.map(|h| format!("{h}\r\n")).unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or(serde_json::Value::Null))
}

#[test]
fn a_key_made_with_rantai_keys_opens_the_findings_rantai_serve_serves_until_it_is_revoked() {
    let db = temp_db("serve.db");
    let db = db.to_str().unwrap();
    assert!(rantai(&["demo", "--db", db]).status.success());
    let refused = rantai(&[
        "keys", "add", "--db", db, "--region", "D999", "--role", "bupati", "--label", "x",
    ]);
    assert!(!refused.status.success(), "an unknown role is refused");
    let added = add_apip_key(db, "Inspektorat");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let text = String::from_utf8_lossy(&added.stdout).to_string();
    let secret = text.split_whitespace().last().unwrap().to_string();
    assert_eq!(secret.len(), 64, "a 256-bit secret as hex: {text}");
    let listed = String::from_utf8_lossy(&rantai(&["keys", "list", "--db", db]).stdout).to_string();
    assert!(listed.contains("Inspektorat") && listed.contains("apip"), "{listed}");
    assert!(!listed.contains(&secret), "the list never shows a secret");

    // `keys add` printed "key <id> for Inspektorat …".
    let id = text.split_whitespace().nth(1).unwrap().to_string();
    assert!(listed.contains(&id), "{listed}");
    let bearer = format!("Authorization: Bearer {secret}");
    let (addr, mut server) = serve(db);
    let result = std::panic::catch_unwind(|| {
        let (status, regions) = http_get(&addr, "/api/v1/regions", None);
        assert_eq!((status, &regions[0]["kd_klpd"]), (200, &serde_json::json!("D999")));
        assert_eq!(http_get(&addr, "/api/v1/regions/D999/findings", None).0, 401);
        let (status, page) = http_get(&addr, "/api/v1/regions/D999/findings?rule=K-11", Some(&bearer));
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["total"], 1);
        // Revoked in the store while the server runs: refused within a few seconds, no restart
        // (asked of the coverage, which the access log does not count).
        assert!(rantai(&["keys", "revoke", "--db", db, &id]).status.success());
        let refused = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            http_get(&addr, "/api/v1/regions/D999/coverage", Some(&bearer)).0 == 401
        });
        assert!(refused, "the revoked key still opens the findings after 10 s");
    });
    server.kill().unwrap();
    server.wait().unwrap();
    result.unwrap();

    let after = String::from_utf8_lossy(&rantai(&["keys", "list", "--db", db]).stdout).to_string();
    assert_eq!(
        after.matches("Z").count(),
        listed.matches("Z").count() + 1,
        "revoked_at is set: {after}"
    );
    assert!(
        !rantai(&["keys", "revoke", "--db", db, &id]).status.success(),
        "a key is revoked once"
    );

    // The read before the revocation outlives the server: a new Inspektorat key lists it.
    let added = add_apip_key(db, "Inspektur");
    let second = String::from_utf8_lossy(&added.stdout)
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    let (addr, mut server) = serve(db);
    let result = std::panic::catch_unwind(|| {
        let (status, log) = http_get(
            &addr,
            "/api/v1/regions/D999/access-log",
            Some(&format!("Authorization: Bearer {second}")),
        );
        assert_eq!(status, 200, "{log}");
        let earlier = log
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["label"] == "Inspektorat" && e["read"] == "findings")
            .cloned()
            .unwrap_or_else(|| panic!("the first run's read is lost: {log}"));
        assert_eq!(earlier["count"], 1, "{earlier}");
    });
    server.kill().unwrap();
    server.wait().unwrap();
    result.unwrap();
}

/// `rantai keys add` of a region-wide APIP key labelled `label` for the demo region.
fn add_apip_key(db: &str, label: &str) -> std::process::Output {
    rantai(&[
        "keys", "add", "--db", db, "--region", "D999", "--role", "apip", "--label", label,
    ])
}

/// `rantai serve --db DB` on a free loopback port, once it listens.
fn serve(db: &str) -> (String, std::process::Child) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let server = Command::new(env!("CARGO_BIN_EXE_rantai"))
        .args(["serve", "--db", db, "--listen", &addr])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let ready = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(&addr).is_ok()
    });
    assert!(ready, "rantai serve did not listen");
    (addr, server)
}

#[test]
fn reading_a_store_writes_nothing_and_a_missing_store_is_not_created() {
    let db = temp_db("readonly.db");
    let path = db.to_str().unwrap();
    assert!(rantai(&["demo", "--db", path]).status.success());
    let dir = db.parent().unwrap().to_path_buf();
    // The store's data — the database file and its write-ahead log — is the same bytes after
    // reading. (SQLite maps a -shm index and an empty -wal beside a WAL database for every
    // reader; they hold no data.)
    let data = |suffix: &str| {
        std::fs::read(format!("{path}{suffix}"))
            .map(|b| rantai_chain::Digest256::of(&b).to_string())
            .unwrap_or_default()
    };
    let empty = rantai_chain::Digest256::of(b"").to_string();
    let before = (data(""), data("-wal"));
    assert!(rantai(&["verify", "--db", path]).status.success());
    assert!(rantai(&["report", "--db", path]).status.success());
    assert_eq!(data(""), before.0, "verify and report wrote to the database");
    let wal = data("-wal");
    assert!(wal == before.1 || wal == empty, "verify and report wrote to the log");
    let missing = dir.join("no-such-store.db");
    let answer = rantai(&["report", "--db", missing.to_str().unwrap()]);
    assert!(!answer.status.success());
    assert!(!missing.exists(), "report created the store it was asked to read");
}

#[test]
fn a_postgres_password_never_reaches_the_output() {
    let url = "postgres://rantai:s3cr3t-pw@127.0.0.1:1/pemda";
    for args in [vec!["report", "--db", url], vec!["verify", "--db", url]] {
        let answer = rantai(&args);
        assert!(!answer.status.success());
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&answer.stdout),
            String::from_utf8_lossy(&answer.stderr)
        );
        assert!(!all.contains("s3cr3t-pw"), "{all}");
        assert!(all.contains("rantai:***@127.0.0.1"), "the store is still named: {all}");
    }
}
