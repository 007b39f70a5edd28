//! T-09: a failed tender or seleksi must rest on one Pasal 51 ground and be followed by a
//! re-tender (or, after a failed re-tender, a Penunjukan Langsung the PA/KPA approves) of the same
//! RUP package (Perpres 16/2018 Pasal 51). A live declaration must state its ground; SPSE records
//! only "Gagal/Batal" with free text, so an imported failure's ground is undecided: Kab. Bandung
//! 2025 has 15 failed tenders of 92, each followed by another procurement of its RUP package or
//! still within the follow-up period. Doc page: `docs/rules/T-09.md`.

use chrono::NaiveDate;
use rantai_core::param;
use rantai_core::{Evidence, Rulebook, Verdict};

use crate::failure::{Failure, FailureGround};

/// The first half: the failure names a Pasal 51 ground.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::Verdict;
/// use rantai_procurement::{Failure, FailureGround, rules::failed_tender};
/// let on = NaiveDate::from_ymd_opt(2025, 4, 2).unwrap();
/// let grounded = Failure { declared_on: on, ground: Some(FailureGround::AllOffersAboveHps), statement: None };
/// assert_eq!(failed_tender::ground(&grounded), Verdict::Pass);
/// let bare = Failure { declared_on: on, ground: None, statement: Some("Sesuai surat permohonan pembatalan".into()) };
/// assert!(matches!(failed_tender::ground(&bare), Verdict::Violated(_)));
/// ```
pub fn ground(failure: &Failure) -> Verdict {
    if failure.ground.is_some() {
        return Verdict::Pass;
    }
    let mut evidence = Evidence::new()
        .with("failed_on", failure.declared_on)
        .with("ground", "none of Pasal 51");
    if let Some(statement) = &failure.statement {
        evidence = evidence.with("statement", statement.clone());
    }
    Verdict::Violated(evidence)
}

/// What followed a failure: the next procurement of one of the same RUP packages, announced on
/// or after the failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    /// Its name, as announced.
    pub name: String,
    /// Its announcement date.
    pub announced_on: NaiveDate,
}

/// T-09 over a failure: whether a re-tender followed once `follow_up_days` have passed by
/// `as_of` (no observation date: undecided), and whether the failure states its ground — a
/// recorded one may not, and is then undecided unless the follow-up is found missing.
///
/// ```
/// use chrono::NaiveDate;
/// use rantai_core::{Rulebook, Verdict};
/// use rantai_procurement::{Failure, FailureGround, rules::failed_tender::{self, FollowUp}};
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let failure = Failure { declared_on: d(4, 2), ground: Some(FailureGround::NoBids), statement: None };
/// let book = Rulebook::standard();
/// // 20 days later, no re-tender yet: still within the 30 days.
/// assert_eq!(failed_tender::check(&failure, None, Some(d(4, 22)), book), Verdict::Pass);
/// // 2 June, still none: found.
/// assert!(matches!(failed_tender::check(&failure, None, Some(d(6, 2)), book), Verdict::Violated(_)));
/// // A re-tender announced on 15 April settles it.
/// let next = FollowUp { name: "Rehab Jalan (Tender Ulang)".into(), announced_on: d(4, 15) };
/// assert_eq!(failed_tender::check(&failure, Some(&next), Some(d(6, 2)), book), Verdict::Pass);
/// ```
pub fn check(failure: &Failure, next: Option<&FollowUp>, as_of: Option<NaiveDate>, rulebook: &Rulebook) -> Verdict {
    // A command cannot declare a failure without its ground ([`ground`] refuses it), so a
    // failure without one comes from a source that does not state it: that half is undecided.
    match (follow_up(failure, next, as_of, rulebook), failure.ground) {
        (v @ Verdict::Violated(_), _) => v,
        (_, None) => Verdict::missing("the Pasal 51 ground of the failure (the source does not state it)"),
        (v, Some(_)) => v,
    }
}

/// The second half: a re-tender followed within `follow_up_days`.
fn follow_up(failure: &Failure, next: Option<&FollowUp>, as_of: Option<NaiveDate>, rulebook: &Rulebook) -> Verdict {
    if next.is_some() {
        return Verdict::Pass;
    }
    let Some(as_of) = as_of else {
        return Verdict::missing("an observation date to judge the follow-up of the failure");
    };
    let Ok(days) = rulebook.get(param::t09::FOLLOW_UP_DAYS, failure.declared_on) else {
        return Verdict::missing("the T-09 parameter follow_up_days");
    };
    let waited = (as_of - failure.declared_on).num_days();
    if waited <= i64::from(days) {
        return Verdict::Pass;
    }
    Verdict::Violated(
        Evidence::new()
            .with("failed_on", failure.declared_on)
            .with("ground", failure.ground.map_or("not stated", FailureGround::label))
            .with("days_without_follow_up", waited)
            .with("follow_up_days", i64::from(days)),
    )
}
