//! K-08: Σ SP2D ≤ Σ SPD ≤ anggaran kas ≤ DPA pagu per line, commitments within the pagu, payments
//! within what is committed, and a TU advance accounted for within a month (Permendagri 77/2020;
//! PP 12/2019). Doc page: `docs/rules/K-08.md`.
//!
//! Two forms of each check: the guard form judges a new commitment or payment before it is
//! made; the state form judges a line as it stands (the engine's view).

use chrono::NaiveDate;
use rantai_core::{Evidence, Money, Verdict};

use crate::dpa_line::DpaLine;

/// K-08 for a new commitment of `amount` on a line with `pagu` of which `committed` is taken.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::budget_control;
/// # use rantai_core::{Money, Verdict};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(budget_control::commitment(rp(1_000), rp(600), rp(400)), Verdict::Pass);
/// assert!(matches!(budget_control::commitment(rp(1_000), rp(600), rp(401)), Verdict::Violated(_)));
/// ```
pub fn commitment(pagu: Money, committed: Money, amount: Money) -> Verdict {
    within(
        pagu,
        committed,
        amount,
        ["dpa_pagu", "committed_before", "commitment"],
        "commitment",
    )
}

/// K-08 for a line as it stands: Σ commitments within the pagu.
pub fn line(pagu: Money, committed: Money) -> Verdict {
    at_most(pagu, committed, ["dpa_pagu", "committed"])
}

/// K-08 for a new payment of `amount` against a commitment of `committed` of which `paid` is paid.
pub fn payment(committed: Money, paid: Money, amount: Money) -> Verdict {
    within(
        committed,
        paid,
        amount,
        ["committed", "paid_before", "payment"],
        "payment",
    )
}

/// K-08 for a commitment as it stands: Σ paid within the amount committed.
pub fn paid_within(committed: Money, paid: Money) -> Verdict {
    at_most(committed, paid, ["committed", "paid"])
}

/// K-08 for a cash plan: Σ anggaran kas within the pagu.
pub fn kas(pagu: Money, kas: Money) -> Verdict {
    at_most(pagu, kas, ["dpa_pagu", "anggaran_kas"])
}

/// K-08 for a new SPD of `amount` when `issued` is already issued: Σ SPD within the anggaran kas
/// through the SPD's last month (`kas_through`).
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::budget_control;
/// # use rantai_core::{Money, Verdict};
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(budget_control::spd(rp(500), rp(300), rp(200)), Verdict::Pass);
/// let Verdict::Violated(ev) = budget_control::spd(rp(500), rp(300), rp(250)) else { panic!() };
/// assert_eq!(ev.get("excess").unwrap().to_string(), "Rp50");
/// ```
pub fn spd(kas_through: Money, issued: Money, amount: Money) -> Verdict {
    let names = ["anggaran_kas_through_period", "spd_before", "spd"];
    within(kas_through, issued, amount, names, "SPD")
}

/// K-08 for new spending of `amount` on a line that has `realised` realised and `spd` SPD issued
/// by the spending date.
pub fn spending(spd: Money, realised: Money, amount: Money) -> Verdict {
    within(
        spd,
        realised,
        amount,
        ["spd_issued", "realised_before", "payment"],
        "realisation",
    )
}

/// K-08 for a line as it stands: Σ realised ≤ Σ SPD ≤ anggaran kas ≤ pagu, commitments within the
/// pagu, and each SPD within the cash plan through its period. The first break is reported.
pub fn ordering(line: &DpaLine) -> Verdict {
    let kas_total = line.anggaran_kas().total();
    let checks = [
        kas(line.pagu(), kas_total),
        self::line(line.pagu(), line.committed()),
        spd_state(line),
        at_most(line.spd_total(), line.realised(), ["spd_issued", "realised"]),
    ];
    checks
        .into_iter()
        .find(|v| *v != Verdict::Pass)
        .unwrap_or(Verdict::Pass)
}

fn spd_state(line: &DpaLine) -> Verdict {
    let mut issued = Money::ZERO;
    for s in line.spds() {
        issued += s.amount;
        let through = line.anggaran_kas().through(s.to_month);
        if issued > through {
            return Verdict::Violated(
                Evidence::new()
                    .with("spd_through_period", issued)
                    .with("anggaran_kas_through_period", through)
                    .with("period_end_month", i64::from(s.to_month))
                    .with("excess", issued.saturating_sub(through)),
            );
        }
    }
    Verdict::Pass
}

/// K-08 for a TU advance paid on `paid_on` of which `settled` (SPJ and returns) is settled: it is
/// due `tu_days` after payment; on `as_of` past the due date an unsettled rest is a finding.
///
/// # Example
///
/// ```
/// # use rantai_budgeting::rules::budget_control::tu_settlement;
/// # use rantai_core::{Money, Verdict};
/// # use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let rp = |n| Money::from_rupiah(n).unwrap();
/// assert_eq!(tu_settlement(rp(50), rp(20), d(3, 3), 30, d(4, 2)), Verdict::Pass); // due 2 April
/// let Verdict::Violated(ev) = tu_settlement(rp(50), rp(20), d(3, 3), 30, d(4, 3)) else { panic!() };
/// assert_eq!(ev.get("unsettled").unwrap().to_string(), "Rp30");
/// ```
pub fn tu_settlement(amount: Money, settled: Money, paid_on: NaiveDate, tu_days: u32, as_of: NaiveDate) -> Verdict {
    let due = paid_on
        .checked_add_days(chrono::Days::new(u64::from(tu_days)))
        .unwrap_or(paid_on);
    if as_of <= due || settled >= amount {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("tu_amount", amount)
            .with("tu_paid_on", paid_on)
            .with("due", due)
            .with("settled", settled)
            .with("unsettled", amount.saturating_sub(settled)),
    )
}

/// The shape every guard of a running total shares: `before + amount ≤ limit`, else the figures
/// under the given evidence names (`[limit, before, amount]`) and the excess.
pub(crate) fn within(limit: Money, before: Money, amount: Money, names: [&str; 3], total: &str) -> Verdict {
    match before.checked_add(amount) {
        Ok(after) if after <= limit => Verdict::Pass,
        Ok(after) => Verdict::Violated(
            Evidence::new()
                .with(names[0], limit)
                .with(names[1], before)
                .with(names[2], amount)
                .with("excess", after.saturating_sub(limit)),
        ),
        Err(e) => Verdict::missing(format!("a summable {total} total ({e})")),
    }
}

/// The shape every state check of a total shares: `value ≤ limit`, else both figures under the
/// given evidence names (`[limit, value]`) and the excess.
pub(crate) fn at_most(limit: Money, value: Money, names: [&str; 2]) -> Verdict {
    if value <= limit {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with(names[0], limit)
            .with(names[1], value)
            .with("excess", value.saturating_sub(limit)),
    )
}
