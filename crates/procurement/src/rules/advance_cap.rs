//! C-05: the advance payment (uang muka) may not exceed its cap — 30 % of the contract for a
//! small business, 20 % for a non-small business or a consultancy, 15 % for a multi-year
//! contract (Perpres 16/2018, uang muka) — and must be backed by a Jaminan Uang Muka of the same
//! amount. Checked when the contract is signed (the agreed advance) and when the advance is paid.
//! Doc page: `docs/rules/C-05.md`.

use chrono::NaiveDate;
use rantai_core::param::{self};
use rantai_core::{CoreError, Evidence, JenisPengadaan, Money, Ratio, Rulebook, Verdict};
use serde::{Deserialize, Serialize};

/// The provider's business size (kualifikasi usaha), which sets its advance cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProviderSize {
    /// Usaha kecil (including micro).
    UsahaKecil,
    /// Usaha menengah or besar.
    NonKecil,
}

/// What C-05 needs about a contract.
#[derive(Clone, Copy, Debug)]
pub struct AdvanceTerms {
    /// Current contract value.
    pub value: Money,
    /// The provider's size.
    pub provider_size: ProviderSize,
    /// Kontrak tahun jamak.
    pub multi_year: bool,
    /// Procurement object (consultancy has the non-small cap).
    pub jenis: JenisPengadaan,
    /// Signature date (the rules in force).
    pub signed_on: NaiveDate,
}

/// The cap that applies, with the name of the parameter it comes from. A multi-year contract
/// has the lowest cap whatever the provider; consultancy has the non-small cap.
///
/// # Errors
///
/// [`CoreError`] when the rulebook has no value in force on the signature date.
pub fn cap(terms: &AdvanceTerms, rulebook: &Rulebook) -> Result<(&'static str, Ratio), CoreError> {
    let cap = if terms.multi_year {
        param::c05::CAP_TAHUN_JAMAK
    } else if terms.jenis == JenisPengadaan::JasaKonsultansi || terms.provider_size == ProviderSize::NonKecil {
        param::c05::CAP_NON_KECIL
    } else {
        param::c05::CAP_USAHA_KECIL
    };
    Ok((cap.name(), rulebook.get(cap, terms.signed_on)?))
}

/// C-05 for an advance of `advance` on a contract.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{JenisPengadaan, Money, Rulebook, Verdict};
/// use rantai_procurement::rules::advance_cap::{check, AdvanceTerms, ProviderSize};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// let small = AdvanceTerms {
///     value: rp(1_000_000_000), provider_size: ProviderSize::UsahaKecil, multi_year: false,
///     jenis: JenisPengadaan::PekerjaanKonstruksi, signed_on: NaiveDate::from_ymd_opt(2025, 4, 2).unwrap(),
/// };
/// let book = Rulebook::standard();
/// assert_eq!(check(&small, rp(300_000_000), book), Verdict::Pass); // 30 % for a small business
/// let Verdict::Violated(ev) = check(&small, rp(300_000_001), book) else { panic!() };
/// assert_eq!(ev.get("cap").unwrap().to_string(), "30%");
/// let large = AdvanceTerms { provider_size: ProviderSize::NonKecil, ..small };
/// assert!(matches!(check(&large, rp(300_000_000), book), Verdict::Violated(_))); // 20 %
/// ```
pub fn check(terms: &AdvanceTerms, advance: Money, rulebook: &Rulebook) -> Verdict {
    if advance.is_zero() {
        return Verdict::Pass;
    }
    let (name, ratio) = match cap(terms, rulebook) {
        Ok(c) => c,
        Err(_) => return Verdict::missing(format!("C-05 advance caps in force on {}", terms.signed_on)),
    };
    let Ok(limit) = terms.value.mul_ratio(ratio) else {
        return Verdict::missing("a computable advance cap");
    };
    if advance <= limit {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("contract_value", terms.value)
            .with("advance", advance)
            .with("cap", ratio)
            .with("cap_param", name)
            .with("cap_amount", limit)
            .with("excess", advance.saturating_sub(limit)),
    )
}
