//! The facade's integration tests, one binary: the architecture invariants (`architecture`) and
//! the whole chain told as domain stories (`whole_chain`).
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

mod architecture;
mod whole_chain;
