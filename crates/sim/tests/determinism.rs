//! Same seed, same output, byte for byte: the region, its chain's log and its findings; another
//! seed gives another region.
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

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
