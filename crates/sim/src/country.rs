//! A synthetic country: Indonesia's 38 provinces and 514 kabupaten and kota, each a region with
//! its own seed and size, about 3 000 000 RUP packages in all.
//!
//! Sizes: a province plans 8 000–16 000 penyedia packages a year (SIRUP Kalimantan Barat 2025 has
//! 16 430), a kabupaten or kota 2 000–8 000 (Kab. Bandung's 2025 SPSE and e-catalogue hold about
//! 3 500 procurements; its RUP more): uniform draws, means 12 000 and 5 000.

use rantai_core::GovLevel;

use crate::draw::Draw;
use crate::scenario::RegionSpec;

/// Provinces of Indonesia (2024).
pub const PROVINCES: usize = 38;
/// Kabupaten and kota of Indonesia (2024).
pub const KABUPATEN_KOTA: usize = 514;

/// The regions of the country generated from `seed`: provinces first, then kabupaten and kota,
/// each with its own seed, one package in ten anomalous.
///
/// ```
/// let regions = rantai_sim::country::regions(1);
/// assert_eq!(regions.len(), 552);
/// let packages: usize = regions.iter().map(|r| r.packages).sum();
/// assert!((2_700_000..3_300_000).contains(&packages));
/// ```
pub fn regions(seed: u64) -> Vec<RegionSpec> {
    let mut draw = Draw::new(seed);
    (0..PROVINCES + KABUPATEN_KOTA)
        .map(|n| {
            let province = n < PROVINCES;
            let packages = if province {
                draw.between(8_000, 16_000)
            } else {
                draw.between(2_000, 8_000)
            };
            let region_seed = seed.wrapping_mul(1_000_003).wrapping_add(n as u64);
            RegionSpec {
                name: if province {
                    format!("Provinsi Sintetis {:02}", n + 1)
                } else {
                    format!("Kabupaten Sintetis {:03}", n + 1 - PROVINCES)
                },
                kd_klpd: format!("D{:03}", n + 1),
                level: if province {
                    GovLevel::Provinsi
                } else {
                    GovLevel::KabupatenKota
                },
                packages: packages.unsigned_abs() as usize,
                ..RegionSpec::kabupaten(region_seed, 0)
            }
        })
        .collect()
}
