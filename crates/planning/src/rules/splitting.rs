//! P-08: package splitting (pemecahan paket) to stay under the Pengadaan Langsung ceiling —
//! within one organisation × jenis × fiscal year, at least N packages with similar names whose
//! pagu each lies in the band just under the ceiling and whose sum is above it (Perpres 16/2018
//! Pasal 20(2)(d); Open Contracting R011). The ceiling is the one in force when the plan was
//! announced, since that is when the package was cut. Doc page: `docs/rules/P-08.md`.

use rantai_core::param;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{Evidence, FiscalYear, JenisPengadaan, MetodePemilihan, Money, OrganisationId, Rulebook, Verdict};

use crate::package::PackageSpec;
use crate::rules::pl_ceiling;

/// A package as P-08 sees it: its plan and when it was announced.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    /// The plan.
    pub spec: &'a PackageSpec,
    /// Announcement date (selects the ceiling).
    pub announced_on: NaiveDate,
}

/// Where packages are grouped: organisation, jenis, fiscal year and the leading words of the name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    /// The organisation.
    pub organisation: OrganisationId,
    /// The procurement object.
    pub jenis: JenisPengadaan,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The normalised leading words of the names.
    pub stem: String,
}

/// One group's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupVerdict {
    /// The group.
    pub key: GroupKey,
    /// How many of its packages lie in the band.
    pub in_band: usize,
    /// The verdict (Violated when bunched and summing above the ceiling).
    pub verdict: Verdict,
}

/// The first `words` words of a name, lowercase, letters and digits only.
///
/// # Example
///
/// ```
/// use rantai_planning::rules::splitting::stem;
/// assert_eq!(stem("*REHABILITASI JARINGAN IRIGASI RAWA DIR. KAMBOJA", 2), "rehabilitasi jaringan");
/// assert_eq!(stem(" \"Normalisasi/ Restorasi Sungai / Saluran", 2), "normalisasi restorasi");
/// ```
pub fn stem(name: &str, words: usize) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().take(words).collect::<Vec<_>>().join(" ")
}

/// P-08 over a population of packages: one verdict per group that has at least one package in
/// the band. Only Pengadaan Langsung packages are candidates.
pub fn check<'a>(packages: impl IntoIterator<Item = Candidate<'a>>, rulebook: &Rulebook) -> Vec<GroupVerdict> {
    struct Member {
        pagu: Money,
        label: String,
        ceiling: Money,
        floor: Money,
    }
    let mut groups: BTreeMap<GroupKey, Vec<Member>> = BTreeMap::new();
    let mut insufficient: BTreeMap<GroupKey, String> = BTreeMap::new();
    for c in packages {
        let spec = c.spec;
        if spec.metode != MetodePemilihan::PengadaanLangsung {
            continue;
        }
        let on = c.announced_on;
        let words = rulebook.get(param::p08::NAME_WORDS, on).map(|w| w as usize);
        let band = rulebook.get(param::p08::BAND, on);
        let key = GroupKey {
            organisation: spec.organisation,
            jenis: spec.jenis,
            fiscal_year: spec.fiscal_year,
            stem: stem(&spec.name, *words.as_ref().unwrap_or(&2)),
        };
        let ceiling = pl_ceiling::ceiling(spec.jenis, on, rulebook);
        let (Ok(_), Ok(band), Some(ceiling)) = (words, band, ceiling) else {
            insufficient.insert(
                key,
                format!("P-08 parameters and Pengadaan Langsung ceiling in force on {on}"),
            );
            continue;
        };
        let Ok(floor) = ceiling.mul_ratio(band) else { continue };
        if spec.pagu < floor || spec.pagu > ceiling {
            continue;
        }
        let label = match spec.kd_rup {
            Some(k) => k.to_string(),
            None => spec.id.to_string(),
        };
        groups.entry(key).or_default().push(Member {
            pagu: spec.pagu,
            label,
            ceiling,
            floor,
        });
    }
    let mut out: Vec<GroupVerdict> = insufficient
        .into_iter()
        .filter(|(k, _)| !groups.contains_key(k))
        .map(|(key, why)| GroupVerdict {
            key,
            in_band: 0,
            verdict: Verdict::missing(why),
        })
        .collect();
    for (key, members) in groups {
        let on_any = members.first().map(|m| (m.ceiling, m.floor));
        let Some((ceiling, floor)) = on_any else { continue };
        let total = members.iter().map(|m| m.pagu).sum::<Money>();
        let min = rulebook
            .get(param::p08::MIN_PACKAGES, key.fiscal_year.first_day())
            .unwrap_or(u32::MAX) as usize;
        let verdict = if members.len() >= min && total > ceiling {
            let mut labels: Vec<&str> = members.iter().map(|m| m.label.as_str()).collect();
            labels.sort_unstable();
            let shown = labels.iter().take(20).copied().collect::<Vec<_>>().join(";");
            let more = labels.len().saturating_sub(20);
            let list = if more > 0 {
                format!("{shown} … and {more} more")
            } else {
                shown
            };
            Verdict::Violated(
                Evidence::new()
                    .with("group", key.stem.as_str())
                    .with("jenis", key.jenis.label())
                    .with("packages", members.len() as i64)
                    .with("total_pagu", total)
                    .with("ceiling", ceiling)
                    .with("band_from", floor)
                    .with("kd_rup", list),
            )
        } else {
            Verdict::Pass
        };
        out.push(GroupVerdict {
            in_band: members.len(),
            key,
            verdict,
        });
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}
