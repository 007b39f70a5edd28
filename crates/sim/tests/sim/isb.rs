//! The generated ISB files go through the LKPP importer with no row refused and no file
//! rejected, and every generated package, tender, order and contract arrives.

use chrono::DateTime;
use rantai_chain::{Chain, Command, FixedClock};
use rantai_core::{Actor, ActorId, Grant, MetodePemilihan, Role, Rulebook, Scope};
use rantai_lkpp::isb::{IsbSource, import};
use rantai_sim::{RegionSpec, generate, isb::isb_files};

#[test]
fn generated_isb_files_import_whole() {
    let region = generate(&RegionSpec::kabupaten(21, 1_200)).unwrap();
    let mut source = IsbSource::default();
    for file in isb_files(&region).unwrap() {
        source.add(&file.name, &file.bytes);
    }
    let profile = source.profile().unwrap();
    assert_eq!(profile.kd_klpd, region.spec.kd_klpd);
    let founder = Actor::new(ActorId::from_u128(1), "Kepala Daerah").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let epoch = DateTime::UNIX_EPOCH;
    let mut chain = Chain::found(
        profile,
        Rulebook::standard().clone(),
        Box::new(FixedClock(epoch)),
        founder,
        epoch,
    )
    .unwrap();
    let importer = Actor::new(ActorId::from_u128(2), "Importir");
    chain
        .execute(ActorId::from_u128(1), epoch, Command::RegisterActor { actor: importer })
        .unwrap();
    let report = import(&mut chain, ActorId::from_u128(2), &source);
    assert!(report.files.is_empty(), "{:?}", report.files);
    for d in &report.datasets {
        assert!(d.refused.is_empty(), "{}: {:?}", d.dataset, d.refused.first());
        assert!(d.set_aside.is_empty(), "{}: {:?}", d.dataset, d.set_aside);
        assert_eq!(d.imported, d.rows, "{}", d.dataset);
    }
    let state = chain.state();
    let procured: Vec<_> = region.packages.iter().filter_map(|s| s.procured.as_ref()).collect();
    assert_eq!(state.packages().len(), region.packages.len());
    assert_eq!(state.procurements().len(), procured.len());
    let contracts = procured
        .iter()
        .filter(|p| p.metode != MetodePemilihan::EPurchasing && p.failed_on.is_none())
        .count();
    assert_eq!(state.contracts().len(), contracts);
    let failed = procured.iter().filter(|p| p.failed_on.is_some()).count();
    assert!(failed > 0);
    assert_eq!(
        state.procurements().values().filter(|p| p.failure().is_some()).count(),
        failed
    );
    assert_eq!(state.organisations().len(), region.organisations.len());
    let handed_over = procured
        .iter()
        .filter(|p| p.metode != MetodePemilihan::EPurchasing && p.bast.is_some())
        .count();
    let completed = state.contracts().values().filter(|c| c.closed_on().is_some()).count();
    assert_eq!(completed, handed_over);
}

/// A region built under a regional rulebook gets ISB files that follow it: with Pasal 33's 5 %
/// bond raised to 10 % by an overlay, every SPPBJ's bond doubles.
#[test]
fn the_isb_files_follow_the_rulebook_the_region_is_built_under() {
    let region = generate(&RegionSpec::kabupaten(4, 600)).unwrap();
    let overlay = Rulebook::standard()
        .overlay_toml(
            "[[rule]]\nid = \"H-05\"\n[[rule.param]]\nname = \"bond_ratio\"\n\
             values = [{ from = \"2018-07-01\", value = \"0.10\", citation = \"Peraturan Bupati (contoh)\" }]\n",
        )
        .unwrap();
    let bonds = |files: Vec<rantai_sim::isb::IsbFile>| -> Vec<rust_decimal::Decimal> {
        let sppbj = files
            .iter()
            .find(|f| f.name.ends_with("SPSE-TenderEkontrak-1SPPBJ.json"))
            .unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&sppbj.bytes).unwrap();
        rows.iter()
            .filter_map(|r| match &r["nilai_jaminan_pelaksanaan"] {
                serde_json::Value::Number(n) => Some(n.to_string().parse().unwrap()),
                serde_json::Value::String(s) => Some(s.parse().unwrap()),
                _ => None,
            })
            .collect()
    };
    let standard = bonds(isb_files(&region).unwrap());
    let regional = bonds(rantai_sim::isb::isb_files_under(&region, &overlay).unwrap());
    assert!(!standard.is_empty());
    assert_eq!(standard.len(), regional.len());
    for (s, r) in standard.iter().zip(&regional) {
        assert_eq!(*r, *s * rust_decimal::Decimal::TWO, "5 % → 10 %");
    }
}
