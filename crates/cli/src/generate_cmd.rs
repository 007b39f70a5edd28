//! `rantai generate`: a synthetic region (#9) written as LKPP ISB files beside `labels.csv`,
//! the findings its planted anomalies must produce, keyed by `kd_rup`, `kd_tender` and
//! `kd_satker_str` so that an import of the files can be checked against them.

use std::collections::BTreeMap;
use std::path::Path;

use rantai_core::{GovLevel, Subject};
use rantai_engine::catalogue;
use rantai_sim::build::ids;
use rantai_sim::{RegionSpec, generate, isb::isb_files, labels};

/// Writes the files and the labels into `dir`.
pub(crate) fn run(dir: &Path, seed: u64, packages: usize, province: bool, anomalies: u32) -> Result<(), String> {
    // Generated files beside others would be imported together with them as one region.
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(format!(
            "{} is not empty: generate into a new or empty directory (an import reads every file in it)",
            dir.display()
        ));
    }
    let spec = RegionSpec {
        level: if province {
            GovLevel::Provinsi
        } else {
            GovLevel::KabupatenKota
        },
        name: format!("{} Sintetis {seed}", if province { "Provinsi" } else { "Kabupaten" }),
        anomaly_ppm: anomalies * 10_000,
        ..RegionSpec::kabupaten(seed, packages)
    };
    let region = generate(&spec).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let files = isb_files(&region).map_err(|e| e.to_string())?;
    let mut bytes = 0;
    for f in &files {
        let path = dir.join(&f.name);
        std::fs::write(&path, &f.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += f.bytes.len();
    }
    // Which package or organisation each subject belongs to.
    let mut owner: BTreeMap<Subject, (usize, Option<usize>)> = BTreeMap::new();
    for (i, s) in region.packages.iter().enumerate() {
        for subject in [
            Subject::Package(ids::package(i)),
            Subject::Procurement(ids::procurement(i)),
            Subject::Contract(ids::contract(i)),
            Subject::DpaLine(ids::dpa_line(s, i)),
        ] {
            owner.entry(subject).or_insert((s.org, Some(i)));
        }
    }
    for (o, org) in region.organisations.iter().enumerate() {
        owner.insert(Subject::Organisation(ids::organisation(o)), (o, None));
        for s in 0..org.subs.len() {
            owner.insert(Subject::SubKegiatan(ids::sub_kegiatan(o, s)), (o, None));
            owner.insert(Subject::Kegiatan(ids::kegiatan(o, s)), (o, None));
        }
    }
    let path = dir.join("labels.csv");
    let mut out = csv::Writer::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let header = ["rule", "subject", "kd_satker_str", "kd_rup", "kd_tender", "source"];
    out.write_record(header).map_err(|e| e.to_string())?;
    let expected = labels(&region);
    for label in &expected {
        let (org, package) = owner
            .get(&label.subject)
            .copied()
            .ok_or_else(|| format!("label {} on a subject of no package or organisation", label.rule))?;
        let kind = label.subject.kind();
        // Where the facts the label needs come from: when the ISB files do not carry them, an
        // import of the files alone cannot find it.
        let source = catalogue::entry(label.rule)
            .and_then(|e| e.source(kind))
            .ok_or_else(|| {
                format!(
                    "label {} on a {}, which the catalogue does not list for it",
                    label.rule,
                    kind.as_str()
                )
            })?
            .label();
        out.write_record([
            label.rule.to_string(),
            kind.as_str().to_string(),
            region.organisations[org].code.clone(),
            package.map(|i| ids::kd_rup(i).to_string()).unwrap_or_default(),
            package
                .filter(|i| region.packages[*i].procured.is_some())
                .map(ids::kd_tender)
                .unwrap_or_default(),
            source.to_string(),
        ])
        .map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    say!(
        "{}: {} organisations, {} RUP packages ({} procured), {} ISB files ({} MB) and labels.csv ({} findings to find) in {}",
        region.spec.name,
        region.organisations.len(),
        region.packages.len(),
        region.packages.iter().filter(|s| s.procured.is_some()).count(),
        files.len(),
        bytes / 1_000_000,
        expected.len(),
        dir.display()
    );
    say!(
        "import them with: rantai import lkpp {} --db synthetic.db",
        dir.display()
    );
    Ok(())
}
