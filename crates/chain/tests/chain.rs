//! Integration tests of the chain: the sample region's findings against its labels, replay,
//! tamper detection, and refusals that change nothing.

use std::collections::BTreeMap;

use rantai_chain::{Chain, ChainError, Command, FixedClock, demo};
use rantai_core::{Outcome, Subject};

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

fn fixed() -> Box<FixedClock> {
    Box::new(FixedClock(chrono::DateTime::UNIX_EPOCH))
}

#[test]
fn replay_rebuilds_the_same_state_and_findings() {
    let chain = demo::sample_region().unwrap();
    let again = Chain::replay(chain.log().entries().to_vec(), chain.rulebook().clone(), fixed()).unwrap();
    assert_eq!(again.state(), chain.state());
    assert_eq!(again.findings(), chain.findings());
    // The log survives a JSON round trip byte for byte.
    let json = serde_json::to_string(chain.log().entries()).unwrap();
    let back: Vec<rantai_chain::EventEnvelope> = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

#[test]
fn editing_one_stored_event_is_detected_at_its_sequence() {
    let chain = demo::sample_region().unwrap();
    let mut entries = chain.log().entries().to_vec();
    let target = entries.len() / 2;
    let mut json = serde_json::to_value(&entries[target]).unwrap();
    json["occurred_at"] = serde_json::Value::String("2025-01-01T00:00:00Z".into());
    entries[target] = serde_json::from_value(json).unwrap();
    let err = Chain::replay(entries, chain.rulebook().clone(), fixed()).unwrap_err();
    assert!(
        matches!(err, ChainError::Tampered { sequence, .. } if sequence == target as u64),
        "{err}"
    );
}

#[test]
fn a_refused_command_changes_nothing() {
    let mut chain = demo::sample_region().unwrap();
    let before_state = chain.state().clone();
    let before_len = chain.log().len();
    let at = chrono::DateTime::UNIX_EPOCH;
    // A provider may not register actors.
    let provider = rantai_core::ActorId::from_u128(200);
    let err = chain
        .execute(provider, at, Command::RegisterActor { actor: rantai_core::Actor::new(provider, "x") })
        .unwrap_err();
    assert!(matches!(err, ChainError::Unauthorized { .. }), "{err}");
    // Out of order: the medical equipment contract (case 10) was already handed over.
    let err = chain
        .execute(
            demo::ppk(1),
            at,
            Command::HandOverContract { contract: demo::contract_id(10), bast_on: chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap() },
        )
        .unwrap_err();
    assert!(err.to_string().contains("completed"), "{err}");
    assert_eq!(chain.state(), &before_state);
    assert_eq!(chain.log().len(), before_len);
}
