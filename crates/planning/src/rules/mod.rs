//! Planning rules: one module per rule, each a pure function from values to a verdict.

pub mod mak_fit;
pub mod method_fit;
pub mod pl_ceiling;
pub mod region_level;
pub mod rup_coverage;
pub mod splitting;
pub mod sub_kegiatan_budget;
pub mod umk_reservation;
