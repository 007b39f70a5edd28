//! The accuracy oracle: for generated regions, the engine's `Found` findings equal the labels
//! exactly, rule by rule — every miss and every extra is a failure.

use std::collections::BTreeMap;

use rantai_core::Subject;
use rantai_sim::{Label, RegionSpec, as_of, build, generate, labels};

/// Per rule: labels the engine missed and findings nobody labelled.
fn differences(spec: &RegionSpec) -> BTreeMap<String, (Vec<Subject>, Vec<Subject>)> {
    let region = generate(spec).unwrap();
    let chain = build(&region).unwrap();
    let mut found: Vec<Label> = chain
        .findings_as_of(as_of())
        .iter()
        .filter(|f| f.is_found())
        .map(|f| Label {
            rule: f.code,
            subject: f.subject,
        })
        .collect();
    found.sort();
    let expected = labels(&region);
    let mut out: BTreeMap<String, (Vec<Subject>, Vec<Subject>)> = BTreeMap::new();
    let (mut e, mut f) = (expected.iter().peekable(), found.iter().peekable());
    loop {
        match (e.peek(), f.peek()) {
            (Some(a), Some(b)) if a == b => {
                e.next();
                f.next();
            }
            (Some(a), Some(b)) if a < b => {
                out.entry(a.rule.to_string()).or_default().0.push(a.subject);
                e.next();
            }
            (Some(_), Some(b)) | (None, Some(b)) => {
                out.entry(b.rule.to_string()).or_default().1.push(b.subject);
                f.next();
            }
            (Some(a), None) => {
                out.entry(a.rule.to_string()).or_default().0.push(a.subject);
                e.next();
            }
            (None, None) => break,
        }
    }
    out
}

/// The package a subject belongs to, with its anomaly, method and jenis, for the failure report.
fn describe(region: &rantai_sim::Region, subject: Option<&Subject>) -> String {
    use rantai_sim::build::ids;
    let Some(subject) = subject else {
        return "-".into();
    };
    let found = region.packages.iter().enumerate().find(|(i, s)| {
        *subject == Subject::Package(ids::package(*i))
            || *subject == Subject::Procurement(ids::procurement(*i))
            || *subject == Subject::Contract(ids::contract(*i))
            || *subject == Subject::DpaLine(ids::dpa_line(s, *i))
    });
    match found {
        Some((i, s)) => format!(
            "package {i} ({:?}, {:?} {:?}, path {:?})",
            s.anomaly,
            s.procured.as_ref().map(|p| p.metode),
            s.jenis,
            s.path
        ),
        None => format!("{subject:?}"),
    }
}

fn assert_exact(spec: &RegionSpec) {
    let diff = differences(spec);
    let region = generate(spec).unwrap();
    let report: Vec<String> = diff
        .iter()
        .map(|(rule, (missed, extra))| {
            format!(
                "{rule}: {} missed (first {}), {} extra (first {})",
                missed.len(),
                describe(&region, missed.first()),
                extra.len(),
                describe(&region, extra.first())
            )
        })
        .collect();
    assert!(report.is_empty(), "seed {}:\n{}", spec.seed, report.join("\n"));
}

#[test]
fn a_kabupaten_finds_exactly_its_labels() {
    assert_exact(&RegionSpec::kabupaten(1, 1_500));
}

#[test]
fn other_seeds_and_a_province_find_exactly_their_labels() {
    for seed in [2, 3, 4] {
        assert_exact(&RegionSpec::kabupaten(seed, 800));
    }
    let province = RegionSpec {
        level: rantai_core::GovLevel::Provinsi,
        anomaly_ppm: 200_000,
        ..RegionSpec::kabupaten(5, 2_000)
    };
    assert_exact(&province);
}

#[test]
fn a_region_where_half_the_packages_are_anomalous_finds_exactly_its_labels() {
    let dense = RegionSpec {
        anomaly_ppm: 500_000,
        ..RegionSpec::kabupaten(9, 2_500)
    };
    assert_exact(&dense);
}
