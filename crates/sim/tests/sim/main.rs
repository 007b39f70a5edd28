//! The generator's integration tests, one binary: accuracy against its labels (`accuracy`), the
//! same bytes from the same seed and the golden province (`determinism`), and its ISB files read
//! back (`isb`).
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

mod accuracy;
mod determinism;
mod isb;
