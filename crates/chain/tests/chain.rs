//! Integration tests of the chain: the sample region's findings against its labels, replay,
//! tamper detection, and refusals that change nothing.

use std::collections::BTreeMap;

use rantai_chain::{Chain, ChainError, Command, FixedClock, demo};
use rantai_core::{Outcome, RuleId, Subject};

fn case_of(subject: Subject) -> Option<usize> {
    (0..28).find(|i| {
        subject == Subject::Package(demo::package_id(*i))
            || subject == Subject::Procurement(demo::procurement_id(*i))
            || subject == Subject::Contract(demo::contract_id(*i))
            || subject == Subject::DpaLine(demo::dpa_line_id(*i))
    })
}

#[test]
fn the_sample_region_finds_exactly_its_labelled_anomalies() {
    let chain = demo::sample_region().unwrap();
    let findings = chain.findings();
    let mut found: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut insufficient: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for f in &findings {
        let case = case_of(f.subject).unwrap_or_else(|| panic!("finding on unknown subject {:?}", f.subject));
        match &f.outcome {
            Outcome::Found { .. } => *found.entry((case, f.code.to_string())).or_default() += 1,
            Outcome::Insufficient { .. } => *insufficient.entry((case, f.code.to_string())).or_default() += 1,
            Outcome::NotFound => {}
        }
    }
    let mut expected_found: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for (case, rule) in demo::expected_findings() {
        if let Some(rule) = rule.strip_suffix('?') {
            assert!(
                insufficient.contains_key(&(case, rule.to_string())),
                "case {case}: {rule} should be insufficient"
            );
        } else {
            *expected_found.entry((case, rule.to_string())).or_default() += 1;
        }
    }
    assert_eq!(found, expected_found);
}
