//! The rule catalogue: every rule of the rulebook, once — where it is decided (the engine, a
//! command guard, a calculation, the parsers, or nowhere yet), which subjects it answers for and
//! the data each answer rests on, and the commands it guards. The engine's [`RULES`], the
//! generator's data-source labels and the rules table of `docs/rules/README.md` are read from it.
//!
//! ```
//! use rantai_core::{RuleId, SubjectKind};
//! use rantai_engine::catalogue::{self, Home, Source};
//!
//! let k11 = catalogue::entry(RuleId::K11).unwrap();
//! assert_eq!(k11.home.subjects(), &[(SubjectKind::Contract, Source::Sipd)]);
//! // D4 is in the rulebook for reference: K-05 compares the planned and actual method.
//! assert!(matches!(catalogue::entry(RuleId::D4).unwrap().home, Home::Reference));
//! assert_eq!(catalogue::RULES.len(), 68);
//! ```

use rantai_core::{RuleId, SubjectKind};

use Source::{
    Advance, Appointments, CatalogueOfficial, ContractForm, EMonev, FundingLines, Isb, Ownership, PlBasis, Sipd,
};
use SubjectKind::{Contract, DpaLine, Kegiatan, Organisation, Package, Procurement, Program, SubKegiatan};

/// Where a rule is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// The discrepancy engine: each kind of subject it answers for, with the data the answer
    /// rests on.
    Engine(&'static [(SubjectKind, Source)]),
    /// Only when a command is decided (a recorded fact does not carry what it needs).
    Command,
    /// A calculation other rules use; no outcome of its own.
    Calculation,
    /// The parsers and the import reports.
    Parser,
    /// In the rulebook for reference; no outcome yet (the note says why).
    Reference,
}

impl Home {
    /// The subjects the engine answers for (none outside the engine).
    pub const fn subjects(self) -> &'static [(SubjectKind, Source)] {
        match self {
            Home::Engine(subjects) => subjects,
            _ => &[],
        }
    }
}

/// The data an outcome rests on: what a region must provide for the rule to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// LKPP's ISB datasets (SIRUP, SPSE tender and non-tender, e-Kontrak).
    Isb,
    /// SIPD: DPA lines and SP2D.
    Sipd,
    /// Providers' declared owners and controllers (`rantai import ownership`).
    Ownership,
    /// The contract's advance payment (not in SPSE e-Kontrak).
    Advance,
    /// The contract's form (ISB's number tells SPK or not).
    ContractForm,
    /// The basis of a Penunjukan Langsung.
    PlBasis,
    /// The official of a catalogue order.
    CatalogueOfficial,
    /// Officials' appointments (SK).
    Appointments,
    /// Packages' funding lines.
    FundingLines,
    /// e-Monev's PP 39/2006 submissions.
    EMonev,
}

impl Source {
    /// The source as the generator's `labels.csv` names it.
    pub const fn label(self) -> &'static str {
        match self {
            Isb => "LKPP ISB",
            Sipd => "SIPD (DPA lines and SP2D)",
            Ownership => "providers' declared owners (not in ISB: rantai import ownership)",
            Advance => "the contract's advance (not in SPSE e-Kontrak)",
            ContractForm => "the contract's form (ISB's number tells SPK or not)",
            PlBasis => "the basis of a Penunjukan Langsung (not in ISB)",
            CatalogueOfficial => "the official of a catalogue order (not in ISB)",
            Appointments => "officials' appointments (not in ISB)",
            FundingLines => "packages' funding lines (not in ISB)",
            EMonev => "e-Monev's PP 39/2006 submissions (not in ISB)",
        }
    }
}

/// One rule of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The rule.
    pub id: RuleId,
    /// Where it is decided.
    pub home: Home,
    /// Which of its subjects, or why it has none (free text for the rules table).
    pub note: &'static str,
    /// The commands it guards, as the rules table says (`—` when it only flags).
    pub guards: &'static str,
}

impl Entry {
    /// The data the outcome of this rule about a subject of `kind` rests on.
    pub fn source(&self, kind: SubjectKind) -> Option<Source> {
        self.home.subjects().iter().find(|(k, _)| *k == kind).map(|(_, s)| *s)
    }

    /// Whether it has a page `docs/rules/<id>.md` (every rule but the reference-only ones).
    pub const fn has_page(&self) -> bool {
        !matches!(self.home, Home::Reference)
    }
}

const fn engine(
    id: RuleId,
    subjects: &'static [(SubjectKind, Source)],
    note: &'static str,
    guards: &'static str,
) -> Entry {
    Entry {
        id,
        home: Home::Engine(subjects),
        note,
        guards,
    }
}

const fn command(id: RuleId, note: &'static str, guards: &'static str) -> Entry {
    Entry {
        id,
        home: Home::Command,
        note,
        guards,
    }
}

const fn elsewhere(id: RuleId, home: Home, note: &'static str, guards: &'static str) -> Entry {
    Entry { id, home, note, guards }
}

const fn reference(id: RuleId, note: &'static str) -> Entry {
    Entry {
        id,
        home: Home::Reference,
        note,
        guards: "—",
    }
}

/// Every rule of the standard rulebook, in the engine's order.
pub const CATALOGUE: [Entry; 77] = [
    engine(
        RuleId::P01,
        &[(Package, Isb), (Procurement, Isb)],
        "",
        "`AnnouncePackage`, `AnnounceTender`",
    ),
    engine(
        RuleId::P02,
        &[(Package, Isb), (Procurement, Isb)],
        "",
        "`AnnouncePackage`, `AnnounceTender`",
    ),
    engine(
        RuleId::P03,
        &[(Package, Isb), (Procurement, Isb)],
        "",
        "`AnnouncePackage`, `AnnounceTender`",
    ),
    engine(RuleId::P04, &[(Procurement, CatalogueOfficial)], "", "— (engine only)"),
    command(
        RuleId::P05,
        "who set a recorded winner is not known: checked when the winner is set",
        "`AwardTender`",
    ),
    engine(RuleId::P06, &[(Package, Isb)], "announced", "— (engine only)"),
    engine(RuleId::P07, &[(Organisation, Isb)], "", "— (engine only)"),
    engine(
        RuleId::P08,
        &[(Organisation, Isb)],
        "one per group of packages",
        "— (engine only)",
    ),
    engine(RuleId::P09, &[(Procurement, PlBasis)], "", "`AnnounceTender`"),
    engine(RuleId::P10, &[(Procurement, Isb)], "", "— (engine only)"),
    engine(
        RuleId::P11,
        &[(Contract, ContractForm)],
        "",
        "`SignContract` (when set to reject)",
    ),
    engine(RuleId::H01, &[(Procurement, Isb)], "", "`AnnounceTender`"),
    engine(RuleId::H02, &[(Procurement, Isb)], "once awarded", "`AwardTender`"),
    engine(RuleId::H03, &[(Contract, Isb)], "", "`SignContract`"),
    engine(
        RuleId::H04,
        &[(Procurement, Isb)],
        "awarded, competitive",
        "— (engine only)",
    ),
    engine(RuleId::H05, &[(Contract, Isb)], "", "`SignContract`"),
    reference(
        RuleId::H06,
        "no outcome yet: D8 (award far below HPS) and D9 (award at HPS) judge the award against the HPS",
    ),
    engine(RuleId::H07, &[(Procurement, Isb)], "", "— (engine only)"),
    engine(RuleId::H08, &[(Procurement, Isb)], "", "— (engine only)"),
    engine(
        RuleId::H09,
        &[(Organisation, Isb)],
        "one per provider and fiscal year",
        "— (engine only)",
    ),
    engine(
        RuleId::H10,
        &[(Procurement, Ownership)],
        "declared ownership",
        "`AwardTender` (the winner)",
    ),
    engine(
        RuleId::H11,
        &[(Procurement, Ownership)],
        "declared ownership",
        "`AwardTender` (the winner)",
    ),
    engine(
        RuleId::T01,
        &[(Procurement, Isb)],
        "Insufficient without a schedule",
        "`SetSchedule`",
    ),
    engine(
        RuleId::T02,
        &[(Procurement, Isb)],
        "Insufficient without a schedule",
        "`SetSchedule`",
    ),
    engine(
        RuleId::T03,
        &[(Procurement, Isb)],
        "",
        "— (engine only; `FileObjection`, `AnswerObjection` record the acts; an unanswered sanggah banding holds `SignContract`)",
    ),
    engine(
        RuleId::T04,
        &[(Procurement, Isb)],
        "Insufficient without a schedule",
        "— (engine only)",
    ),
    engine(
        RuleId::T05,
        &[(Procurement, Isb)],
        "Insufficient without a schedule",
        "— (engine only; `DeclareHolidays` sets the calendar)",
    ),
    engine(
        RuleId::T06,
        &[(Contract, Isb)],
        "Insufficient without an SPPBJ",
        "— (engine only; `IssueSppbj` records the letter)",
    ),
    engine(
        RuleId::T07,
        &[(Procurement, Isb)],
        "awarded, competitive",
        "— (engine only)",
    ),
    engine(
        RuleId::T08,
        &[(Procurement, Isb)],
        "tender, Tender Cepat, seleksi",
        "— (engine only)",
    ),
    engine(
        RuleId::T09,
        &[(Procurement, Isb)],
        "failed, competitive",
        "`DeclareFailed` (the ground)",
    ),
    engine(
        RuleId::R01,
        &[(Procurement, Isb), (Organisation, Appointments)],
        "officials of the organisation; on a procurement, the same package's officials",
        "`RegisterActor`, `AnnounceTender`",
    ),
    engine(
        RuleId::R02,
        &[(Organisation, Appointments)],
        "officials",
        "`RegisterActor`",
    ),
    engine(RuleId::R03, &[(Procurement, Isb)], "", "`AnnounceTender`"),
    engine(
        RuleId::R04,
        &[(Organisation, Appointments)],
        "officials",
        "— (`RegisterActor` records it; allowed for APBD)",
    ),
    engine(
        RuleId::R05,
        &[(Organisation, Appointments)],
        "officials",
        "— (`RegisterActor`; unverified basis, flagged only)",
    ),
    reference(
        RuleId::R06,
        "PPK and PPK-SKPD confused: holds by construction, they are distinct roles (`Role::Ppk`, `Role::PpkSkpd`)",
    ),
    engine(RuleId::C01, &[(Contract, Isb)], "", "`AmendContract`"),
    engine(RuleId::C02, &[(Contract, Isb)], "", "`AmendContract`"),
    elsewhere(
        RuleId::C03,
        Home::Calculation,
        "a calculation: no finding of its own; its figures are in C-09 and D14",
        "`SubmitSpp` (an LS term's amount must be the net after the penalty)",
    ),
    engine(RuleId::C04, &[(Contract, Isb)], "", "— (engine only)"),
    engine(
        RuleId::C05,
        &[(Contract, Advance)],
        "",
        "`SignContract`, `SubmitSpp` (LS advance, with its guarantee)",
    ),
    engine(
        RuleId::C06,
        &[(Contract, Sipd)],
        "",
        "`SubmitSpp` (LS terms withhold it; a release before the maintenance end is refused)",
    ),
    engine(RuleId::C07, &[(Contract, Isb)], "", "— (engine only)"),
    engine(
        RuleId::C08,
        &[(Contract, Isb)],
        "",
        "— (engine only; `HoldShowCauseMeeting` stores meetings)",
    ),
    engine(
        RuleId::C09,
        &[(Contract, Sipd)],
        "",
        "`PaySp2d`, `SubmitSpp`, `IssueSp2d` (SPP-LS)",
    ),
    engine(
        RuleId::C10,
        &[(Contract, Isb)],
        "",
        "`SignContract` (when set to reject)",
    ),
    elsewhere(
        RuleId::K01,
        Home::Parser,
        "parsers and import reports, not the engine",
        "every command (typed codes)",
    ),
    engine(
        RuleId::K02,
        &[(Kegiatan, Isb), (SubKegiatan, Isb)],
        "",
        "— (engine only)",
    ),
    engine(
        RuleId::K03,
        &[
            (Program, FundingLines),
            (Kegiatan, FundingLines),
            (SubKegiatan, FundingLines),
            (Organisation, FundingLines),
        ],
        "RUP above the pagu up the hierarchy; coverage at 31 March per organisation",
        "— (engine only)",
    ),
    engine(
        RuleId::K04,
        &[(Procurement, Isb)],
        "",
        "`AnnounceTender` (typed hand-off, refuses whatever the enforcement)",
    ),
    engine(
        RuleId::K05,
        &[(Procurement, Isb)],
        "",
        "`AnnounceTender` (only if set to reject)",
    ),
    engine(
        RuleId::K06,
        &[(Procurement, Isb), (Contract, Isb)],
        "",
        "— (engine only)",
    ),
    engine(
        RuleId::K07,
        &[(Package, FundingLines)],
        "the MAK against the funding line's sub-kegiatan; the rekening's fit to the object is not judged",
        "`DraftPackage` (the MAK's sub-kegiatan code)",
    ),
    engine(
        RuleId::K08,
        &[(DpaLine, Sipd), (Organisation, Sipd)],
        "TU advances on the organisation",
        "`OpenDpaLine`, `IssueSpd`, `CommitContract`, `PaySp2d`, `SubmitSpp`, `IssueSp2d`, `AccountSpj`, `ReviseBudget`",
    ),
    engine(
        RuleId::K09,
        &[(Organisation, Isb)],
        "each revision touching its lines",
        "— (`ReviseBudget` stores revisions; unverified basis, flagged only)",
    ),
    engine(
        RuleId::K10,
        &[(Organisation, Sipd)],
        "one per fiscal year",
        "— (engine only)",
    ),
    engine(RuleId::K11, &[(Contract, Sipd)], "", "— (engine only)"),
    engine(
        RuleId::K12,
        &[(Program, Isb), (Kegiatan, Isb), (SubKegiatan, Isb)],
        "",
        "— (engine only)",
    ),
    engine(
        RuleId::K13,
        &[(Organisation, EMonev)],
        "one per fiscal year",
        "— (engine only)",
    ),
    engine(
        RuleId::D1,
        &[(Procurement, Isb)],
        "",
        "`AnnounceTender` (a package already procured)",
    ),
    engine(RuleId::D2, &[(Procurement, Isb)], "", "— (engine only)"),
    reference(RuleId::D4, "covered by K-05 (planned vs actual metode)"),
    reference(
        RuleId::D5,
        "covered by K-08 (commitments within the DPA line), H-01 (HPS within pagu) and K-03 (RUP within the sub-kegiatan pagu)",
    ),
    engine(RuleId::D6, &[(Contract, Isb), (DpaLine, Isb)], "", "— (engine only)"),
    engine(RuleId::D8, &[(Procurement, Isb)], "once awarded", "— (engine only)"),
    engine(RuleId::D9, &[(Procurement, Isb)], "once awarded", "— (engine only)"),
    engine(RuleId::D10, &[(Contract, Isb)], "", "— (engine only)"),
    engine(RuleId::D12, &[(Contract, Isb)], "", "— (engine only)"),
    engine(RuleId::D13, &[(Contract, Sipd)], "", "`PaySp2d`"),
    engine(RuleId::D14, &[(Contract, Isb)], "", "— (engine only)"),
    engine(RuleId::D16, &[(Contract, Isb)], "", "— (engine only)"),
    engine(
        RuleId::D17,
        &[(Organisation, Isb)],
        "one per provider group",
        "— (engine only)",
    ),
    reference(RuleId::D18, "publication dates are not imported"),
    engine(
        RuleId::D20,
        &[(Procurement, Isb), (Contract, Isb)],
        "",
        "— (engine only; the aggregates refuse most inversions themselves, see the page)",
    ),
    engine(
        RuleId::D21,
        &[(Program, Isb), (Kegiatan, Isb), (SubKegiatan, Isb)],
        "",
        "— (engine only)",
    ),
    reference(RuleId::D22, "SPSE notice and award texts are not imported"),
];

const fn engine_count() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < CATALOGUE.len() {
        if matches!(CATALOGUE[i].home, Home::Engine(_)) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The rules the engine evaluates, in catalogue order. Each has a page `docs/rules/<id>.md`.
pub const RULES: [RuleId; engine_count()] = {
    let mut out = [RuleId::P01; engine_count()];
    let (mut i, mut n) = (0, 0);
    while i < CATALOGUE.len() {
        if matches!(CATALOGUE[i].home, Home::Engine(_)) {
            out[n] = CATALOGUE[i].id;
            n += 1;
        }
        i += 1;
    }
    out
};

/// The catalogue entry of a rule.
pub fn entry(id: RuleId) -> Option<&'static Entry> {
    CATALOGUE.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_catalogued_once_and_every_engine_rule_answers_for_a_subject() {
        let mut ids: Vec<RuleId> = CATALOGUE.iter().map(|e| e.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CATALOGUE.len());
        for e in CATALOGUE {
            match e.home {
                Home::Engine(subjects) => assert!(!subjects.is_empty(), "{}", e.id),
                _ => assert!(!e.note.is_empty(), "{} says why the engine does not decide it", e.id),
            }
        }
    }
}
