//! The importers' integration tests, one binary: the real Kab. Bandung ISB dump (`isb`), the
//! SIRUP packages of Prov. Kalimantan Barat (`sirup`), and providers' ownership (`ownership`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests unwrap: a failure is the report

mod common;
mod isb;
mod ownership;
mod sirup;
