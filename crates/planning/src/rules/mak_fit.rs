//! K-07: each funding line of a RUP package names its sub-kegiatan twice — by id and inside its
//! MAK (sub-kegiatan code + kode rekening) — and both must be the same sub-kegiatan, one of the
//! package's own satker's (`domain-rules.md` §8.6 [D]). A command that drafts, revises or
//! consolidates into a package whose MAK names another sub-kegiatan, or that draws on another
//! satker's, is refused (`ChainError::MakMismatch` through [`names_its_sub_kegiatan`], or
//! `ChainError::ForeignSubKegiatan`); a package recorded from SIRUP is kept and this rule reports
//! it.
//! Whether the kode rekening fits the procurement object (capital spending for an asset) is not
//! judged: the maintenance of an asset is rightly goods-and-services spending, and nothing in the
//! data tells the two apart. Doc page: `docs/rules/K-07.md`.

use rantai_core::{Evidence, Mak, Money, OrganisationId, SubKegiatanCode, Verdict};

/// One funding line of a package as K-07 reads it.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    /// The line's MAK.
    pub mak: &'a Mak,
    /// The amount it draws.
    pub amount: Money,
    /// The code and satker of the sub-kegiatan the line is funded from, when the data holds it.
    pub sub_kegiatan: Option<(SubKegiatanCode, OrganisationId)>,
}

/// Whether `mak` names the sub-kegiatan whose code is `code`.
pub fn names_its_sub_kegiatan(mak: &Mak, code: SubKegiatanCode) -> bool {
    mak.sub_kegiatan() == code
}

/// K-07 for the funding lines of a package of `organisation`.
///
/// # Example
///
/// ```
/// use rantai_core::{OrganisationId, Verdict};
/// use rantai_planning::rules::mak_fit::{Line, check};
/// let dinas = OrganisationId::from_u128(1);
/// let mak = "1.03.10.2.01.0003.5.1.02.01.01.0024".parse()?;
/// let amount = "180000000".parse()?;
/// let funded = |code: &str, org| Some((code.parse().unwrap(), org));
/// // The MAK names the sub-kegiatan the line is funded from, of the package's own satker.
/// let own = Line { mak: &mak, amount, sub_kegiatan: funded("1.03.10.2.01.0003", dinas) };
/// assert_eq!(check(dinas, &[own]), Verdict::Pass);
/// // SIRUP's MAK names sub-kegiatan 0003, the line draws on 0004.
/// let other = Line { mak: &mak, amount, sub_kegiatan: funded("1.03.10.2.01.0004", dinas) };
/// assert!(matches!(check(dinas, &[other]), Verdict::Violated(_)));
/// // The right code, but another satker's sub-kegiatan.
/// let foreign = Line { mak: &mak, amount, sub_kegiatan: funded("1.03.10.2.01.0003", OrganisationId::from_u128(2)) };
/// assert!(matches!(check(dinas, &[foreign]), Verdict::Violated(_)));
/// // The sub-kegiatan is not in the data: undecided, never clean.
/// let unknown = Line { mak: &mak, amount, sub_kegiatan: None };
/// assert!(matches!(check(dinas, &[unknown]), Verdict::Insufficient(_)));
/// assert!(matches!(check(dinas, &[]), Verdict::Insufficient(_)));
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(organisation: OrganisationId, lines: &[Line<'_>]) -> Verdict {
    if lines.is_empty() {
        return Verdict::missing("the package's funding lines (MAK)");
    }
    let mut missing = Vec::new();
    for line in lines {
        let Some((code, owner)) = line.sub_kegiatan else {
            missing.push(format!("the sub-kegiatan of the funding line with MAK {}", line.mak));
            continue;
        };
        let other_satker = owner != organisation;
        if !names_its_sub_kegiatan(line.mak, code) || other_satker {
            let mut evidence = Evidence::new()
                .with("mak", line.mak.to_string())
                .with("mak_sub_kegiatan", line.mak.sub_kegiatan().to_string())
                .with("funding_sub_kegiatan", code.to_string())
                .with("amount", line.amount);
            if other_satker {
                evidence = evidence.with("funding_sub_kegiatan_satker", "another satker");
            }
            return Verdict::Violated(evidence);
        }
    }
    if missing.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Insufficient(missing)
    }
}
