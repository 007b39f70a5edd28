//! A synthetic country: seeded regions whose packages follow the distributions of real LKPP data
//! (`calibration`), with anomalies of the rules injected at a chosen rate and labelled
//! (`anomaly`, `oracle`), built into chains by commands and recorded facts (`build`).
//!
//! The same seed gives the same region, the same chain and the same findings, byte for byte.
//!
//! ```
//! use rantai_sim::{RegionSpec, build, generate, labels};
//!
//! let region = generate(&RegionSpec::kabupaten(1, 150)).unwrap();
//! let chain = build(&region).unwrap();
//! let expected = labels(&region);
//! assert!(!expected.is_empty());
//! assert!(chain.log().len() > 1_000);
//! ```

mod anomaly;
pub mod build;
pub mod calibration;
pub mod country;
mod draw;
mod error;
mod generate;
pub mod isb;
mod oracle;
mod scenario;
pub mod schedule;

pub use anomaly::{Anomaly, On, OrgAnomaly};
pub use build::{as_of, build, build_under};
pub use draw::{Draw, Spread};
pub use error::SimError;
pub use generate::{YEAR, generate, generate_under};
pub use oracle::{Label, back_loaded, labels};
pub use scenario::{BidPlan, OrgPlan, Path, Procured, Region, RegionSpec, Scenario};
