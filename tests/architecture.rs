//! Architecture invariants checked on the manifests and docs: the dependency direction of
//! DESIGN.md (nothing points upward), pure domain crates (no I/O or CLI crates below `chain`),
//! and one rule page per rule the engine evaluates.
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

use std::collections::BTreeSet;
use std::path::Path;

/// The layers, lowest first: a crate may depend only on crates before it.
const LAYERS: [&str; 11] = [
    "core",
    "planning",
    "procurement",
    "budgeting",
    "monev",
    "chain",
    "sample",
    "store",
    "lkpp",
    "sim",
    "cli",
];

/// External crates a domain crate (below `chain`) may use: no clock, I/O, network or terminal.
const DOMAIN_EXTERNALS: [&str; 8] = [
    "serde",
    "serde_json",
    "thiserror",
    "uuid",
    "chrono",
    "rust_decimal",
    "toml",
    "schemars",
];

fn manifest(name: &str) -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates")
        .join(name)
        .join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse().unwrap()
}

fn deps(table: &toml::Table, section: &str) -> BTreeSet<String> {
    table
        .get(section)
        .and_then(|d| d.as_table())
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default()
}

/// The one upward edge, for tests only: chain's tests run against the sample region, which is
/// built on chain (cargo links the same `rantai-chain` into both).
const TEST_ONLY_UPWARD: [(&str, &str); 1] = [("chain", "sample")];

#[test]
fn dependencies_point_only_downward() {
    for (level, name) in LAYERS.iter().enumerate() {
        let table = manifest(name);
        for section in ["dependencies", "dev-dependencies"] {
            for dep in deps(&table, section) {
                let Some(inner) = dep.strip_prefix("rantai-") else {
                    continue;
                };
                let dep_level = LAYERS
                    .iter()
                    .position(|l| *l == inner)
                    .unwrap_or_else(|| panic!("unknown crate {dep}"));
                if section == "dev-dependencies" && TEST_ONLY_UPWARD.contains(&(*name, inner)) {
                    continue;
                }
                assert!(
                    dep_level < level,
                    "rantai-{name} [{section}] depends on {dep}, which is not below it"
                );
            }
        }
    }
}

#[test]
fn domain_crates_use_no_io_crates() {
    for name in &LAYERS[..5] {
        for dep in deps(&manifest(name), "dependencies") {
            assert!(
                dep.starts_with("rantai-") || DOMAIN_EXTERNALS.contains(&dep.as_str()),
                "domain crate rantai-{name} depends on {dep}"
            );
        }
    }
}

#[test]
fn every_evaluated_rule_has_a_doc_page_and_every_page_names_a_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("rules");
    let book = rantai::core::Rulebook::standard();
    for rule in rantai::monev::RULES {
        let page = dir.join(format!("{rule}.md"));
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("rule {rule} has no page {}", page.display()));
        assert!(
            text.starts_with(&format!("# {rule}")),
            "{} must open with '# {rule}'",
            page.display()
        );
        assert!(book.rule(rule).is_ok(), "rule {rule} is not in the standard rulebook");
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "README" {
            continue;
        }
        let id: rantai::core::RuleId = stem
            .parse()
            .unwrap_or_else(|_| panic!("{} names no rule", path.display()));
        assert!(
            book.rule(id).is_ok(),
            "{} names a rule not in the rulebook",
            path.display()
        );
    }
}

/// The JSON Schemas in `docs/schema/` are the ones the Rust types generate. Run with
/// `RANTAI_UPDATE_SCHEMA=1` to rewrite them after changing a read model.
#[test]
fn docs_schema_matches_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("schema");
    let update = std::env::var("RANTAI_UPDATE_SCHEMA").is_ok();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (name, json) in rantai::monev::schema::schemas() {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &json).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: run with RANTAI_UPDATE_SCHEMA=1", path.display()));
        assert!(
            committed == json,
            "{} drifted from the types: run with RANTAI_UPDATE_SCHEMA=1",
            path.display()
        );
    }
}
