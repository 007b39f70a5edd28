//! `Rejected<S, E>`: a refused transition hands back the unchanged state with the reason.

use std::fmt;

/// A transition that was refused: the state it was called on, unchanged, and why.
///
/// Lifecycle methods consume `self` and return `Result<(Next, Event), Rejected<Self, E>>`, so a
/// refusal never loses the state (DESIGN.md idea 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected<S, E> {
    /// The state, unchanged.
    pub state: S,
    /// Why the transition was refused.
    pub error: E,
}

impl<S, E> Rejected<S, E> {
    /// Wraps a state and a reason.
    pub fn new(state: S, error: E) -> Self {
        Self { state, error }
    }
    /// The reason, dropping the state.
    pub fn into_error(self) -> E {
        self.error
    }
}

impl<S, E: fmt::Display> fmt::Display for Rejected<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<S: fmt::Debug, E: std::error::Error + 'static> std::error::Error for Rejected<S, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
