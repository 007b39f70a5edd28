//! Same seed, same output, byte for byte: the region, its chain's log and its findings; another
//! seed gives another region.

use rantai_sim::{RegionSpec, as_of, build, generate};

fn fingerprint(seed: u64) -> (String, String, usize) {
    let region = generate(&RegionSpec::kabupaten(seed, 400)).unwrap();
    let chain = build(&region).unwrap();
    let log: String = chain.log().entries().iter().map(|e| e.hashed_json()).collect();
    let findings = serde_json::to_string(&chain.findings_as_of(as_of())).unwrap();
    (log, findings, region.packages.len())
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (log_a, findings_a, n) = fingerprint(11);
    let (log_b, findings_b, _) = fingerprint(11);
    assert!(n >= 400);
    assert!(log_a == log_b, "the logs differ");
    assert!(findings_a == findings_b, "the findings differ");
    let (log_c, _, _) = fingerprint(12);
    assert!(log_a != log_c, "another seed gave the same log");
}

/// The bench's generated province-year (20 000 packages, one in ten anomalous): the SHA-256 of its
/// log and of its findings, and the per-rule counts, as `tests/golden/province.digest` keeps them.
/// `RANTAI_BLESS=1` rewrites the file after an intended change.
#[test]
fn the_generated_province_keeps_its_golden_digest_and_counts() {
    let spec = RegionSpec {
        name: "Provinsi Sintetis".into(),
        kd_klpd: "D900".into(),
        level: rantai_core::GovLevel::Provinsi,
        ..RegionSpec::kabupaten(2025, 20_000)
    };
    let region = generate(&spec).unwrap();
    let chain = build(&region).unwrap();
    let findings = chain.findings_as_of(as_of());
    let json = serde_json::to_string(&findings).unwrap();
    let mut rules: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for f in &findings {
        let entry = rules.entry(f.code.to_string()).or_default();
        if f.is_found() {
            entry.0 += 1;
        } else if matches!(f.outcome, rantai_core::Outcome::Insufficient { .. }) {
            entry.1 += 1;
        }
    }
    let mut text = format!(
        "packages {}\nevents {}\nhead {}\nfindings.json {}\n",
        region.packages.len(),
        chain.log().len(),
        chain.log().head_hash(),
        rantai_chain::Digest256::of(json.as_bytes())
    );
    for (rule, (found, insufficient)) in &rules {
        text.push_str(&format!("{rule} found {found} insufficient {insufficient}\n"));
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/province.digest");
    if std::env::var_os("RANTAI_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(
        expected == text,
        "the province differs from {}:\n{text}",
        path.display()
    );
}
