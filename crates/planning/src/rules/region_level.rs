//! K-02: the level digit of a kegiatan or sub-kegiatan code (4th segment: `1` provinsi, `2`
//! kabupaten/kota) must match the region that uses it (Permendagri 90/2019; all 3 949 Kab.
//! Bandung codes carry `2`). Doc page: `docs/rules/K-02.md`.

use rantai_core::{Evidence, GovLevel, SubKegiatanCode, Verdict};

/// K-02 for a sub-kegiatan code used by a region of `level`.
///
/// # Example
///
/// ```
/// use rantai_core::{GovLevel, Verdict};
/// use rantai_planning::rules::region_level;
/// let code = "1.03.10.2.01.0003".parse()?;
/// assert_eq!(region_level::check(code, GovLevel::KabupatenKota), Verdict::Pass);
/// assert!(matches!(region_level::check(code, GovLevel::Provinsi), Verdict::Violated(_)));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(code: SubKegiatanCode, level: GovLevel) -> Verdict {
    check_level(code.level(), &code.to_string(), level)
}

/// K-02 for any code carrying a level digit (kegiatan or sub-kegiatan), given as its level and text.
pub fn check_level(code_level: GovLevel, code: &str, level: GovLevel) -> Verdict {
    if code_level == level {
        return Verdict::Pass;
    }
    let name = |l: GovLevel| match l {
        GovLevel::Provinsi => "1 (provinsi)",
        GovLevel::KabupatenKota => "2 (kabupaten/kota)",
    };
    Verdict::Violated(
        Evidence::new()
            .with("code", code)
            .with("code_level", name(code_level))
            .with("region_level", name(level)),
    )
}
