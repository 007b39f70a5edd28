//! Commands: what a live system asks the chain to do, in the imperative. The same payloads serve
//! as recorded facts from importers (DESIGN.md idea 1); `RecordTender` exists only as a fact.

use chrono::NaiveDate;
use rantai_budgeting::{CashSource, DpaLineSpec, ReleaseReason, Revision, Sp2d, Spd, Spp};
use rantai_core::{
    Actor, ContractId, DpaLineId, ExternalKey, KodeRup, Money, Organisation, OrganisationId, PackageId, PaymentId,
    ProcurementId, SppId,
};
use rantai_monev::{IndicatorRealisation, ProgressReport, QuarterlyReport, ShowCauseMeeting};
use rantai_planning::{BudgetStructure, Kegiatan, PackageSpec, Program, SubKegiatanSpec};
use rantai_procurement::{Addendum, Award, Bid, ContractSpec, Failure, Objection, Schedule, TenderSpec};
use serde::{Deserialize, Serialize};

/// Whether the plan data behind a recorded procurement was available to the importer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanData {
    /// The RUP package table was imported: an unknown or unannounced `kd_rup` is a K-04 finding.
    Loaded,
    /// The RUP package table was not provided: K-04 is insufficient.
    Missing,
}

/// Something a live system asks the chain to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Registers an organisation (SKPD/OPD or sub-unit).
    RegisterOrganisation {
        /// The organisation.
        organisation: Organisation,
    },
    /// Registers an actor with their role grants (an SK of appointment).
    RegisterActor {
        /// The actor.
        actor: Actor,
    },
    /// Registers an organisation's budget structure for a year (RUP-StrukturAnggaranPD).
    RegisterBudgetStructure {
        /// The structure.
        budget: BudgetStructure,
    },
    /// Registers a program with its pagu and outcome indicators.
    RegisterProgram {
        /// The program.
        program: Program,
    },
    /// Registers a kegiatan under a registered program.
    RegisterKegiatan {
        /// The kegiatan.
        kegiatan: Kegiatan,
    },
    /// Registers a sub-kegiatan with its pagu (from the APBD), under a kegiatan when given.
    RegisterSubKegiatan {
        /// The sub-kegiatan.
        spec: SubKegiatanSpec,
    },
    /// Drafts a RUP package.
    DraftPackage {
        /// The plan data.
        spec: PackageSpec,
    },
    /// Announces a RUP package in SIRUP.
    AnnouncePackage {
        /// The package.
        package: PackageId,
        /// The announcement date.
        on: NaiveDate,
    },
    /// Revises an announced RUP package; the previous version is kept.
    RevisePackage {
        /// The new version (same id and organisation).
        spec: PackageSpec,
        /// Why the plan changed.
        reason: String,
        /// When.
        on: NaiveDate,
    },
    /// Consolidates RUP packages into one new draft package (konsolidasi).
    ConsolidatePackages {
        /// The new package (with the konsolidasi flag).
        into: PackageSpec,
        /// The packages it replaces.
        from: Vec<PackageId>,
        /// When.
        on: NaiveDate,
    },
    /// Withdraws a RUP package from the plan.
    CancelPackage {
        /// The package.
        package: PackageId,
        /// Why.
        reason: String,
        /// When.
        on: NaiveDate,
    },
    /// Announces a procurement of announced RUP packages.
    AnnounceTender {
        /// The announcement.
        spec: TenderSpec,
        /// The announced packages it procures.
        packages: Vec<PackageId>,
    },
    /// Records a procurement that happened elsewhere, linked to the plan by `kd_rup` (a fact only).
    RecordTender {
        /// The announcement.
        spec: TenderSpec,
        /// The SIRUP codes it cites.
        kd_rup: Vec<KodeRup>,
        /// Whether the importer had the RUP package table.
        plan_data: PlanData,
    },
    /// Submits a priced bid.
    SubmitBid {
        /// The procurement.
        procurement: ProcurementId,
        /// The bid.
        bid: Bid,
    },
    /// Registers a provider as a participant of a procurement (by the provider itself).
    RegisterParticipant {
        /// The procurement.
        procurement: ProcurementId,
        /// The provider.
        provider: rantai_core::ActorId,
        /// When.
        on: NaiveDate,
    },
    /// Knocks a priced bid out in evaluation (gugur), with its stage and reason; by the Pokja or
    /// the Pejabat Pengadaan running the selection.
    DisqualifyBid {
        /// The procurement.
        procurement: ProcurementId,
        /// The bid.
        bid: rantai_core::BidId,
        /// Stage, reason and date.
        disqualification: rantai_procurement::Disqualification,
    },
    /// Sets the winner.
    AwardTender {
        /// The procurement.
        procurement: ProcurementId,
        /// The award.
        award: Award,
    },
    /// A bidder files a sanggah (to the Pokja) or a sanggah banding (to the PA/KPA).
    FileObjection {
        /// The procurement.
        procurement: ProcurementId,
        /// The objection.
        objection: Objection,
    },
    /// The Pokja answers a sanggah, the PA/KPA a sanggah banding.
    AnswerObjection {
        /// The procurement.
        procurement: ProcurementId,
        /// The objection's number.
        number: u32,
        /// When.
        answered_on: NaiveDate,
    },
    /// Issues the SPPBJ (award letter) to the winner (PPK).
    IssueSppbj {
        /// The procurement.
        procurement: ProcurementId,
        /// The letter's date.
        on: NaiveDate,
    },
    /// Signs the contract with the winner.
    SignContract {
        /// The procurement.
        procurement: ProcurementId,
        /// What is signed.
        contract: ContractSpec,
    },
    /// Sets (or changes by adendum jadwal) the SPSE schedule of a procurement.
    SetSchedule {
        /// The procurement.
        procurement: ProcurementId,
        /// The stages with their dates.
        schedule: Schedule,
    },
    /// Declares a procurement failed on a Pasal 51 ground (Pokja or Pejabat Pengadaan; PA/KPA or
    /// the Kepala Daerah for their grounds). Its RUP packages are free for a re-tender.
    DeclareFailed {
        /// The procurement.
        procurement: ProcurementId,
        /// The declaration.
        failure: Failure,
    },
    /// Amends a contract.
    AmendContract {
        /// The contract.
        contract: ContractId,
        /// The addendum.
        addendum: Addendum,
    },
    /// Ends a contract before handover (pemutusan or penghentian kontrak), by its PPK.
    TerminateContract {
        /// The contract.
        contract: ContractId,
        /// When and on which ground (Perpres 16/2018 Pasal 93, or kahar).
        termination: rantai_procurement::Termination,
    },
    /// Records the handover (BAST).
    HandOverContract {
        /// The contract.
        contract: ContractId,
        /// BAST date.
        bast_on: NaiveDate,
    },
    /// Opens a DPA line.
    OpenDpaLine {
        /// The line.
        spec: DpaLineSpec,
    },
    /// Commits part of a DPA line to a signed contract.
    CommitContract {
        /// The line.
        line: DpaLineId,
        /// The contract.
        contract: ContractId,
        /// The amount.
        amount: Money,
        /// When.
        on: NaiveDate,
    },
    /// The BUD issues an SPD on a line.
    IssueSpd {
        /// The line.
        line: DpaLineId,
        /// The SPD.
        spd: Spd,
    },
    /// The PPK gives the unpaid rest of a commitment back to the line (completion or
    /// termination).
    ReleaseCommitment {
        /// The line.
        line: DpaLineId,
        /// The contract.
        contract: ContractId,
        /// Why.
        reason: ReleaseReason,
        /// When.
        on: NaiveDate,
    },
    /// Submits an SPP (UP, GU and TU by the bendahara; LS by the PPTK or the bendahara).
    SubmitSpp {
        /// The SPP.
        spp: Spp,
    },
    /// The PPK-SKPD verifies an SPP.
    VerifySpp {
        /// The SPP.
        spp: SppId,
        /// When.
        on: NaiveDate,
    },
    /// The PA/KPA signs the SPM of a verified SPP.
    IssueSpm {
        /// The SPP.
        spp: SppId,
        /// The SPM number.
        nomor: Option<ExternalKey>,
        /// When.
        on: NaiveDate,
    },
    /// Refuses an SPP at its step (PPK-SKPD, PA/KPA or BUD, by stage), with the reason.
    RefuseSpp {
        /// The SPP.
        spp: SppId,
        /// Why.
        reason: String,
        /// When.
        on: NaiveDate,
    },
    /// The BUD pays an SPP whose SPM is signed, by SP2D.
    IssueSp2d {
        /// The SPP.
        spp: SppId,
        /// The payment's id.
        payment: PaymentId,
        /// The SP2D number.
        nomor: Option<ExternalKey>,
        /// When.
        on: NaiveDate,
    },
    /// The bendahara accounts for spending on a line (SPJ) from UP or a TU.
    AccountSpj {
        /// The organisation.
        organisation: OrganisationId,
        /// The line charged.
        line: DpaLineId,
        /// UP or a TU.
        source: CashSource,
        /// Amount.
        amount: Money,
        /// When.
        on: NaiveDate,
    },
    /// The bendahara returns the unused rest of a TU.
    ReturnTu {
        /// The organisation.
        organisation: OrganisationId,
        /// The TU's SPP.
        tu: SppId,
        /// Amount.
        amount: Money,
        /// When.
        on: NaiveDate,
    },
    /// Revises the DPA: a pergeseran (by the BUD/PPKD) or an APBD-P (by the Kepala Daerah).
    ReviseBudget {
        /// The revision.
        revision: Revision,
    },
    /// Records an SP2D paying a contract from a DPA line, without its SPP.
    PaySp2d {
        /// The line.
        line: DpaLineId,
        /// The payment.
        payment: Sp2d,
    },
    /// Reports physical progress on a contract.
    ReportProgress {
        /// The report.
        report: ProgressReport,
    },
    /// Records a show-cause meeting (SCM I–III) on a critical contract, with its test target.
    HoldShowCauseMeeting {
        /// The meeting.
        meeting: ShowCauseMeeting,
    },
    /// Reports an indicator's cumulative realisation at the end of a quarter.
    ReportIndicator {
        /// The realisation.
        realisation: IndicatorRealisation,
    },
    /// Submits a PP 39/2006 quarterly report (Form A, B or C).
    SubmitQuarterlyReport {
        /// The submission.
        report: QuarterlyReport,
    },
    /// Declares the region's holidays (hari libur nasional and cuti bersama) for working-day
    /// deadlines; declarations add to the calendar.
    DeclareHolidays {
        /// The days.
        holidays: Vec<NaiveDate>,
    },
    /// Declares who owns and who runs a provider (its shareholders with their share, directors,
    /// commissioners, beneficial owners), for the conflict-of-interest rules H-10 and H-11. Sent
    /// by the provider itself, or by the APIP or Kepala Daerah recording what they established.
    DeclareOwnership {
        /// The declaration; it replaces the provider's earlier one.
        ownership: rantai_procurement::Ownership,
    },
}

impl Command {
    /// The command's name, e.g. `AnnounceTender`.
    pub fn name(&self) -> &'static str {
        match self {
            Command::RegisterOrganisation { .. } => "RegisterOrganisation",
            Command::RegisterActor { .. } => "RegisterActor",
            Command::RegisterBudgetStructure { .. } => "RegisterBudgetStructure",
            Command::RegisterProgram { .. } => "RegisterProgram",
            Command::RegisterKegiatan { .. } => "RegisterKegiatan",
            Command::RegisterSubKegiatan { .. } => "RegisterSubKegiatan",
            Command::DraftPackage { .. } => "DraftPackage",
            Command::AnnouncePackage { .. } => "AnnouncePackage",
            Command::RevisePackage { .. } => "RevisePackage",
            Command::CancelPackage { .. } => "CancelPackage",
            Command::ConsolidatePackages { .. } => "ConsolidatePackages",
            Command::AnnounceTender { .. } => "AnnounceTender",
            Command::RecordTender { .. } => "RecordTender",
            Command::SubmitBid { .. } => "SubmitBid",
            Command::AwardTender { .. } => "AwardTender",
            Command::DisqualifyBid { .. } => "DisqualifyBid",
            Command::RegisterParticipant { .. } => "RegisterParticipant",
            Command::SignContract { .. } => "SignContract",
            Command::SetSchedule { .. } => "SetSchedule",
            Command::DeclareFailed { .. } => "DeclareFailed",
            Command::IssueSppbj { .. } => "IssueSppbj",
            Command::FileObjection { .. } => "FileObjection",
            Command::AnswerObjection { .. } => "AnswerObjection",
            Command::AmendContract { .. } => "AmendContract",
            Command::HandOverContract { .. } => "HandOverContract",
            Command::TerminateContract { .. } => "TerminateContract",
            Command::OpenDpaLine { .. } => "OpenDpaLine",
            Command::CommitContract { .. } => "CommitContract",
            Command::PaySp2d { .. } => "PaySp2d",
            Command::IssueSpd { .. } => "IssueSpd",
            Command::ReleaseCommitment { .. } => "ReleaseCommitment",
            Command::SubmitSpp { .. } => "SubmitSpp",
            Command::VerifySpp { .. } => "VerifySpp",
            Command::IssueSpm { .. } => "IssueSpm",
            Command::RefuseSpp { .. } => "RefuseSpp",
            Command::IssueSp2d { .. } => "IssueSp2d",
            Command::AccountSpj { .. } => "AccountSpj",
            Command::ReturnTu { .. } => "ReturnTu",
            Command::ReviseBudget { .. } => "ReviseBudget",
            Command::ReportProgress { .. } => "ReportProgress",
            Command::HoldShowCauseMeeting { .. } => "HoldShowCauseMeeting",
            Command::ReportIndicator { .. } => "ReportIndicator",
            Command::SubmitQuarterlyReport { .. } => "SubmitQuarterlyReport",
            Command::DeclareHolidays { .. } => "DeclareHolidays",
            Command::DeclareOwnership { .. } => "DeclareOwnership",
        }
    }
}
