//! K-09: a pergeseran that moves money between organisations, kegiatan or jenis belanja needs an
//! APBD-Perubahan; and the APBD-P is done once a year unless in extraordinary circumstances
//! (PP 12/2019; Permendagri 13/2006 Pasal 154 [R?]). Doc page: `docs/rules/K-09.md`.

use std::collections::BTreeMap;

use rantai_core::{Evidence, Money, Verdict};

use crate::dpa_line::DpaLine;
use crate::revision::{Revision, RevisionKind};

/// K-09 for `revision`, given the lines before it (`line` finds each) and the revisions of the
/// year made before it. Only ordinary APBD-P use up the year's one; extraordinary ones
/// (keadaan luar biasa) do not count.
///
/// # Example
///
/// See `docs/rules/K-09.md` and the budgeting tests: a pergeseran that moves Rp50 juta from a
/// belanja barang line to a belanja modal line is flagged; one between two belanja modal lines of
/// the same sub-kegiatan is not.
pub fn check<'a>(
    revision: &Revision,
    line: impl Fn(rantai_core::DpaLineId) -> Option<&'a DpaLine>,
    earlier: &[&Revision],
) -> Verdict {
    match revision.kind {
        RevisionKind::Pergeseran => shift(revision, line),
        RevisionKind::ApbdPerubahan { extraordinary } => {
            let ordinary_before = earlier
                .iter()
                .filter(|r| r.id != revision.id && r.fiscal_year == revision.fiscal_year && r.dated <= revision.dated)
                .filter(|r| matches!(r.kind, RevisionKind::ApbdPerubahan { extraordinary: false }))
                .count();
            if ordinary_before == 0 || extraordinary {
                return Verdict::Pass;
            }
            Verdict::Violated(
                Evidence::new()
                    .with("apbd_p_in_year", i64::try_from(ordinary_before + 1).unwrap_or(i64::MAX))
                    .with("basis", revision.basis.as_str())
                    .with("extraordinary", "no"),
            )
        }
    }
}

/// A pergeseran must leave the total of every (organisation, sub-kegiatan, jenis belanja) group
/// unchanged: it moves money between rincian objek only.
fn shift<'a>(revision: &Revision, line: impl Fn(rantai_core::DpaLineId) -> Option<&'a DpaLine>) -> Verdict {
    let mut delta: BTreeMap<(String, String, String), (Money, Money)> = BTreeMap::new();
    for change in &revision.changes {
        let Some(l) = line(change.line) else {
            return Verdict::missing(format!("DPA line {}", change.line));
        };
        let key = (
            l.spec().organisation.to_string(),
            l.spec().mak.sub_kegiatan().to_string(),
            l.spec().mak.rekening().jenis(),
        );
        let entry = delta.entry(key).or_insert((Money::ZERO, Money::ZERO));
        entry.0 += l.pagu();
        entry.1 += change.pagu;
    }
    let Some(((org, sub_kegiatan, jenis), (before, after))) = delta.into_iter().find(|(_, (b, a))| b != a) else {
        return Verdict::Pass;
    };
    let (moved_in, moved_out) = if after > before {
        (after.saturating_sub(before), Money::ZERO)
    } else {
        (Money::ZERO, before.saturating_sub(after))
    };
    Verdict::Violated(
        Evidence::new()
            .with("basis", revision.basis.as_str())
            .with("organisation", org)
            .with("sub_kegiatan", sub_kegiatan)
            .with("jenis_belanja", jenis)
            .with("pagu_before", before)
            .with("pagu_after", after)
            .with("moved_in", moved_in)
            .with("moved_out", moved_out),
    )
}
