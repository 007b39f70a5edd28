//! The one error type of `rantai-core`: what was wrong with a value, and where.

use thiserror::Error;

/// Everything that can go wrong when building a core value from outside input.
///
/// Each variant carries the offending input so a caller can say exactly what was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A Permendagri 90/2019 code (or an SIRUP/SPSE code) did not match its pattern.
    #[error("invalid {kind} code {input:?}: {reason}")]
    InvalidCode {
        /// Which kind of code was being parsed (`"sub-kegiatan"`, `"kode rekening"`, …).
        kind: &'static str,
        /// The text that was refused.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rupiah amount could not be parsed or is out of range.
    #[error("invalid amount {input:?}: {reason}")]
    InvalidAmount {
        /// The text or value that was refused.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Money arithmetic would overflow, go negative, or lose precision.
    #[error("money arithmetic {operation} on {left} and {right} failed: {reason}")]
    Arithmetic {
        /// The operation attempted (`"add"`, `"sub"`, `"mul_ratio"`).
        operation: &'static str,
        /// Left operand, as text.
        left: String,
        /// Right operand, as text.
        right: String,
        /// Why it failed.
        reason: &'static str,
    },
    /// A ratio or percentage could not be parsed or is out of range.
    #[error("invalid ratio {input:?}: {reason}")]
    InvalidRatio {
        /// The text that was refused.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A fiscal year outside the supported range.
    #[error("invalid fiscal year {year}: must be between {min} and {max}")]
    InvalidFiscalYear {
        /// The year given.
        year: i32,
        /// Lowest supported year.
        min: i32,
        /// Highest supported year.
        max: i32,
    },
    /// A value of an enumerated vocabulary (method, jenis, role…) that is not known.
    #[error("unknown {kind} {input:?}; expected one of: {expected}")]
    UnknownVariant {
        /// The vocabulary (`"metode pemilihan"`, `"role"`, …).
        kind: &'static str,
        /// The text that was refused.
        input: String,
        /// The accepted values, comma separated.
        expected: String,
    },
    /// A rulebook file or a rulebook lookup failed.
    #[error("rulebook: {0}")]
    Rulebook(String),
    /// A date that is not a real calendar date or falls outside an allowed range.
    #[error("invalid date {input:?}: {reason}")]
    InvalidDate {
        /// The text or value refused.
        input: String,
        /// Why it was refused.
        reason: String,
    },
}

/// Shorthand for results whose error is [`CoreError`].
pub type Result<T, E = CoreError> = std::result::Result<T, E>;
