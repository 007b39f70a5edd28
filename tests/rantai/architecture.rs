//! Architecture invariants checked on the manifests and docs: the dependency direction of
//! DESIGN.md (nothing points upward), pure domain crates (no I/O or CLI crates below `chain`),
//! one catalogue entry per rulebook rule, one page per rule that has an outcome, and the rules
//! table written from the catalogue.

use std::collections::BTreeSet;
use std::path::Path;

/// The layers, lowest first: a crate may depend only on crates before it.
const LAYERS: [&str; 14] = [
    "core",
    "planning",
    "procurement",
    "budgeting",
    "monev",
    "engine",
    "chain",
    "sample",
    "store",
    "lkpp",
    "sim",
    "http",
    "bench",
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

/// The catalogue holds every rule of the standard rulebook and no other; every rule but the
/// reference-only ones has a page, and every page is a catalogued rule's.
#[test]
fn the_catalogue_is_the_rulebook_and_the_pages() {
    use rantai::engine::catalogue::{self, CATALOGUE};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("rules");
    let book = rantai::core::Rulebook::standard();
    let in_book: BTreeSet<_> = book.rules().map(|r| r.id).collect();
    let catalogued: BTreeSet<_> = CATALOGUE.iter().map(|e| e.id).collect();
    assert_eq!(
        in_book, catalogued,
        "the rulebook and the catalogue list different rules"
    );
    for entry in CATALOGUE.iter().filter(|e| e.has_page()) {
        let rule = entry.id;
        let page = dir.join(format!("{rule}.md"));
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("rule {rule} has no page {}", page.display()));
        assert!(
            text.starts_with(&format!("# {rule}")),
            "{} must open with '# {rule}'",
            page.display()
        );
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
            catalogue::entry(id).is_some_and(|e| e.has_page()),
            "{} is the page of no catalogued rule",
            path.display()
        );
    }
}

/// Every outcome of the sample region is about a kind of subject its rule's catalogue entry lists.
#[test]
fn every_outcome_is_about_a_subject_its_catalogue_entry_lists() {
    use rantai::engine::catalogue;
    let region = rantai::sample::sample_region().unwrap();
    let mut seen = BTreeSet::new();
    for f in region.findings() {
        let kind = f.subject.kind();
        let entry = catalogue::entry(f.code).unwrap_or_else(|| panic!("{} is not catalogued", f.code));
        assert!(
            entry.source(kind).is_some(),
            "{} answered for a {}, which its catalogue entry does not list",
            f.code,
            kind.as_str()
        );
        seen.insert(f.code);
    }
    // The engine answers for every rule its catalogue places there, but two organisation rules
    // the sample region holds no subject for (K-09 needs a budget revision, D17 a provider's
    // contracts across the year).
    let missing: Vec<String> = rantai::engine::RULES
        .iter()
        .filter(|r| !seen.contains(*r))
        .map(ToString::to_string)
        .collect();
    assert_eq!(missing, ["K-09", "D17"]);
}

/// The rules table of `docs/rules/README.md` is written from the catalogue and the standard
/// rulebook. Run with `RANTAI_BLESS=1` to rewrite it after changing either.
#[test]
fn the_rules_table_is_the_catalogue() {
    use rantai::engine::catalogue::{CATALOGUE, Home};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules/README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- catalogue: begin -->\n", "<!-- catalogue: end -->");
    let (head, rest) = text.split_once(start).expect("README.md marks the table's start");
    let (_, tail) = rest.split_once(end).expect("README.md marks the table's end");
    let book = rantai::core::Rulebook::standard();
    let mut table = String::from(
        "| id | title | severity | default enforcement | subjects | command guarded |\n|---|---|---|---|---|---|\n",
    );
    for e in CATALOGUE.iter().filter(|e| e.has_page()) {
        let rule = book.rule(e.id).unwrap();
        let kinds: Vec<&str> = e.home.subjects().iter().map(|(k, _)| k.label()).collect();
        let subjects = match (kinds.is_empty(), e.note.is_empty()) {
            (true, _) => format!("— ({})", e.note),
            (false, true) => kinds.join(", "),
            (false, false) => format!("{} ({})", kinds.join(", "), e.note),
        };
        table += &format!(
            "| [{id}]({id}.md) | {} | {} | {} | {subjects} | {} |\n",
            rule.text.title,
            rule.severity,
            format!("{:?}", rule.enforcement).to_lowercase(),
            e.guards,
            id = e.id,
        );
    }
    table += "\nIn the rulebook, with no outcome of their own:\n\n| id | title | why |\n|---|---|---|\n";
    for e in CATALOGUE.iter().filter(|e| matches!(e.home, Home::Reference)) {
        let rule = book.rule(e.id).unwrap();
        table += &format!("| {} | {} | {} |\n", e.id, rule.text.title, e.note);
    }
    let written = format!("{head}{start}{table}{end}{tail}");
    if std::env::var_os("RANTAI_BLESS").is_some() {
        std::fs::write(&path, &written).unwrap();
    }
    assert!(
        written == text,
        "docs/rules/README.md's table is not the catalogue's: run with RANTAI_BLESS=1 and review the diff"
    );
}

/// The JSON Schemas in `docs/schema/` are the ones the Rust types generate: the read models and
/// the finding (the engine's) and the write side, commands and events (the chain's). Run with
/// `RANTAI_UPDATE_SCHEMA=1` to rewrite them after changing a read model, a command or an event.
#[test]
fn docs_schema_matches_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("schema");
    let update = std::env::var("RANTAI_UPDATE_SCHEMA").is_ok();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let schemas = rantai::engine::schema::schemas()
        .into_iter()
        .chain(rantai::chain::schema::schemas());
    for (name, json) in schemas {
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
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
