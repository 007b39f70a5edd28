//! H-09: the same provider wins at least `min_wins` (3) contracts from one satker in one year
//! (opentender.net indicator "jumlah kontrak pemenang"; Open Contracting R040, R050). Kab. Bandung
//! 2025: three providers won 3 tenders each at one satker. Doc page: `docs/rules/H-09.md`.

use rantai_core::param;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rantai_core::{Evidence, Rulebook, Verdict};

/// H-09 over the winners of one satker's contracts in one year (one entry per contract, in any
/// order), judged with the threshold in force on `on`: one verdict per provider, in provider
/// order.
///
/// # Example
///
/// ```
/// # use rantai_procurement::rules::repeat_winner;
/// # use rantai_core::{Rulebook, Verdict};
/// # use chrono::NaiveDate;
/// let on = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
/// let verdicts = repeat_winner::check(["CV A", "CV A", "PT B", "CV A"], on, Rulebook::standard());
/// assert!(matches!(verdicts[0], ("CV A", Verdict::Violated(_))));
/// assert_eq!(verdicts[1], ("PT B", Verdict::Pass));
/// ```
pub fn check<K: Ord + Clone>(
    winners: impl IntoIterator<Item = K>,
    on: NaiveDate,
    rulebook: &Rulebook,
) -> Vec<(K, Verdict)> {
    let mut wins: BTreeMap<K, i64> = BTreeMap::new();
    for w in winners {
        *wins.entry(w).or_default() += 1;
    }
    let Ok(min) = rulebook.get(param::h09::MIN_WINS, on) else {
        let missing = Verdict::missing(format!("H-09 min_wins in force on {on}"));
        return wins.into_keys().map(|k| (k, missing.clone())).collect();
    };
    wins.into_iter()
        .map(|(k, n)| {
            let verdict = if n >= i64::from(min) {
                Verdict::Violated(Evidence::new().with("wins", n).with("min_wins", i64::from(min)))
            } else {
                Verdict::Pass
            };
            (k, verdict)
        })
        .collect()
}
