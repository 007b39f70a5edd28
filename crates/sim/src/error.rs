//! What can go wrong generating a region.

/// An error of the generator.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The rulebook lacks a threshold the generator keeps clean packages clear of.
    #[error("the rulebook has no {rule} parameter {name}")]
    MissingParameter {
        /// The rule.
        rule: String,
        /// The parameter.
        name: &'static str,
    },
}
