//! A new region from an ISB dump: founded for the region the datasets name, with an importer who
//! records every dataset as facts.

use chrono::DateTime;
use rantai_chain::{Chain, ChainError, Command, FixedClock};
use rantai_core::{Actor, ActorId, Grant, Role, Rulebook, Scope};

use super::{Dataset, IsbReport, IsbSource, import_with_progress};

/// The region head who founds an imported region.
pub const FOUNDER: ActorId = ActorId::from_u128(1);
/// The importer who records its facts.
pub const IMPORTER: ActorId = ActorId::from_u128(2);

/// Why an ISB dump could not become a region.
#[derive(Debug, thiserror::Error)]
pub enum RegionError {
    /// No dataset carries `kd_klpd`, `nama_klpd` and `jenis_klpd`.
    #[error("no dataset names its region (kd_klpd, nama_klpd, jenis_klpd); is this an ISB dump?")]
    NoRegion,
    /// The chain refused to found the region or register its importer.
    #[error(transparent)]
    Chain(#[from] ChainError),
}

/// Founds a new chain for the region `source` names (founder [`FOUNDER`], importer
/// [`IMPORTER`], the clock fixed at the epoch) and imports every dataset into it, calling
/// `progress` as each is done.
///
/// ```
/// use rantai_lkpp::isb::{IsbSource, import_region};
/// let mut source = IsbSource::default();
/// source.add("17_1008_RUP-MasterSatker.json", br#"[{"kd_satker": 1, "kd_satker_str": "1.03.0.00.0.00.01.0000",
///     "nama_satker": "DINAS PU", "kd_klpd": "D107", "nama_klpd": "Kab. Bandung", "jenis_klpd": "KABUPATEN"}]"#);
/// let (chain, report) = import_region(&source, rantai_core::Rulebook::standard().clone(), |_| ())?;
/// assert_eq!(chain.state().profile().unwrap().kd_klpd, "D107");
/// assert!(report.files.is_empty());
/// assert!(import_region(&IsbSource::default(), rantai_core::Rulebook::standard().clone(), |_| ()).is_err());
/// # Ok::<(), rantai_lkpp::isb::RegionError>(())
/// ```
///
/// # Errors
///
/// [`RegionError::NoRegion`] when no dataset names the region; [`RegionError::Chain`] when the
/// chain refuses to found it.
pub fn import_region(
    source: &IsbSource,
    rulebook: Rulebook,
    progress: impl FnMut(Dataset),
) -> Result<(Chain, IsbReport), RegionError> {
    let profile = source.profile().ok_or(RegionError::NoRegion)?;
    let at = DateTime::UNIX_EPOCH;
    let founder = Actor::new(FOUNDER, "Kepala Daerah").with_grant(Grant {
        role: Role::KepalaDaerah,
        scope: Scope::Region,
    });
    let mut chain = Chain::found(profile, rulebook, Box::new(FixedClock(at)), founder, at)?;
    chain.execute(
        FOUNDER,
        at,
        Command::RegisterActor {
            actor: Actor::new(IMPORTER, "Importir LKPP ISB"),
        },
    )?;
    let report = import_with_progress(&mut chain, IMPORTER, source, progress);
    Ok((chain, report))
}
