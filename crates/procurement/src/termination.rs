//! Ending a contract before its work is handed over: *pemutusan kontrak* by the PPK on one of
//! the grounds of Perpres 16/2018 Pasal 93, or *penghentian kontrak* in a keadaan kahar
//! (Pasal 55). After a termination no addendum, progress or handover follows; the late penalty
//! stops running on the termination date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a contract was ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TerminationGround {
    /// The PPK found the provider unable to finish even with up to 50 days more (Pasal 93(1)(a.1)).
    CannotFinish,
    /// Given up to 50 days after the end, the provider did not finish (Pasal 93(1)(a.2)).
    NotFinishedAfterExtension,
    /// The provider defaulted and did not remedy it in the time set (Pasal 93(1)(b)).
    ProviderDefault,
    /// The provider was found to have committed KKN, fraud or forgery (Pasal 93(1)(c)).
    Fraud,
    /// A complaint of procedural deviation, KKN or unfair competition was upheld (Pasal 93(1)(d)).
    ComplaintUpheld,
    /// Keadaan kahar (force majeure): the contract is stopped, not terminated for fault (Pasal 55).
    Kahar,
}

impl TerminationGround {
    /// The ground's name, with its article.
    pub fn label(self) -> &'static str {
        match self {
            TerminationGround::CannotFinish => "penyedia tidak akan mampu menyelesaikan (Pasal 93(1)(a.1))",
            TerminationGround::NotFinishedAfterExtension => {
                "tidak selesai setelah kesempatan 50 hari (Pasal 93(1)(a.2))"
            }
            TerminationGround::ProviderDefault => "penyedia lalai/cidera janji (Pasal 93(1)(b))",
            TerminationGround::Fraud => "KKN, kecurangan atau pemalsuan (Pasal 93(1)(c))",
            TerminationGround::ComplaintUpheld => "pengaduan terbukti benar (Pasal 93(1)(d))",
            TerminationGround::Kahar => "keadaan kahar (Pasal 55)",
        }
    }

    /// Whether the ground is the provider's fault: its performance bond is cashed and it is
    /// blacklisted (Pasal 93(2)); a keadaan kahar is no one's fault.
    pub fn is_providers_fault(self) -> bool {
        self != TerminationGround::Kahar
    }
}

/// A contract's end before handover: when, and on which ground.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// The date of the termination letter.
    pub on: NaiveDate,
    /// The ground.
    pub ground: TerminationGround,
}
