//! K-11: payments ahead of physical progress — realisasi keuangan (paid ÷ contract value) may
//! exceed realisasi fisik by at most the advance share plus a margin (5 pp by default), since
//! payment follows performance (Perpres 16/2018 Pasal 53; C-09). Doc page: `docs/rules/K-11.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, Money, Ratio, Rulebook, Verdict};

/// What K-11 needs about one contract.
#[derive(Clone, Copy, Debug)]
pub struct PaymentProgressInput {
    /// Current contract value.
    pub value: Money,
    /// Σ SP2D paid to the contract.
    pub paid: Money,
    /// Date of the latest payment.
    pub last_paid_on: Option<NaiveDate>,
    /// Advance agreed, as a share of the contract.
    pub advance_share: Ratio,
    /// Latest physical progress: date and actual cumulative progress.
    pub physical: Option<(NaiveDate, Ratio)>,
}

/// K-11 for one contract.
///
/// # Example
///
/// ```
/// # use rantai_monev::rules::payment_vs_progress::{check, PaymentProgressInput};
/// # use rantai_core::{Money, Ratio, Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
/// let input = PaymentProgressInput {
///     value: Money::from_rupiah(1_000_000_000)?,
///     paid: Money::from_rupiah(600_000_000)?, // 60 % paid
///     last_paid_on: Some(d),
///     advance_share: Ratio::ZERO,
///     physical: Some((d, Ratio::percent(40))), // 40 % built
/// };
/// let Verdict::Violated(ev) = check(&input, Rulebook::standard()) else { panic!() };
/// assert_eq!(ev.get("gap").unwrap().to_string(), "20%");
/// # Ok::<(), rantai_core::CoreError>(())
/// ```
pub fn check(input: &PaymentProgressInput, rulebook: &Rulebook) -> Verdict {
    let Some(last_paid) = input.last_paid_on else {
        return Verdict::Pass;
    };
    let Some(financial) = input.paid.ratio_of(input.value) else {
        return Verdict::missing("a contract value");
    };
    let Some((reported_on, physical)) = input.physical else {
        return if financial > input.advance_share {
            Verdict::missing("a physical progress report to set against the payments")
        } else {
            Verdict::Pass
        };
    };
    let on = reported_on.max(last_paid);
    let Ok(margin) = rulebook.get(param::k11::MARGIN, on) else {
        return Verdict::missing(format!("K-11 margin in force on {on}"));
    };
    let gap = financial.minus(physical);
    let allowed = input.advance_share.plus(margin);
    if gap <= allowed {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("contract_value", input.value)
            .with("paid", input.paid)
            .with("financial_progress", financial)
            .with("physical_progress", physical)
            .with("physical_reported_on", reported_on)
            .with("gap", gap)
            .with("advance_share", input.advance_share)
            .with("margin", margin),
    )
}
