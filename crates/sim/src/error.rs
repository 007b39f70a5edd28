//! What can go wrong generating a region.

/// An error of the generator.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The rulebook lacks a threshold the generator keeps clean packages clear of.
    #[error("the rulebook has no value of {} parameter {} in force", .0.owner, .0.name)]
    MissingParameter(rantai_core::param::Key),
}
