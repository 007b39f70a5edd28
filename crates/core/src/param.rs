//! Typed rulebook parameters: every threshold the code reads is a constant here, so a misspelt
//! name fails to compile, and a rulebook that lacks one (or holds one no code reads) fails to load.
//!
//! ```
//! use chrono::NaiveDate;
//! use rantai_core::{Money, Rulebook, param};
//!
//! let on = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
//! let ceiling = Rulebook::standard().get(param::p01::CEILING_BARANG, on)?;
//! assert_eq!(ceiling, Money::from_rupiah(200_000_000)?);
//! // The general section holds parameters of no single rule, e.g. when a package counts as stuck.
//! assert_eq!(Rulebook::standard().get(param::general::PATIENCE_AWARD_DAYS, on)?, 45);
//! # Ok::<(), rantai_core::CoreError>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use crate::money::Money;
use crate::ratio::Ratio;
use crate::rule_id::RuleId;
use crate::rulebook::{ParamKind, ParamValue};

/// The kind of value a [`Param`] holds, as a type.
pub trait Kind {
    /// The Rust value read.
    type Value;
    /// The kind the rulebook file declares.
    const KIND: ParamKind;
    /// The value, when `value` is of this kind.
    fn read(value: ParamValue) -> Option<Self::Value>;
}

/// Rupiah.
#[derive(Clone, Copy, Debug)]
pub enum Rupiah {}
/// A ratio (`0.10`).
#[derive(Clone, Copy, Debug)]
pub enum Share {}
/// A number of days.
#[derive(Clone, Copy, Debug)]
pub enum Days {}
/// A count.
#[derive(Clone, Copy, Debug)]
pub enum Count {}

impl Kind for Rupiah {
    type Value = Money;
    const KIND: ParamKind = ParamKind::Money;
    fn read(value: ParamValue) -> Option<Money> {
        match value {
            ParamValue::Money(m) => Some(m),
            _ => None,
        }
    }
}

impl Kind for Share {
    type Value = Ratio;
    const KIND: ParamKind = ParamKind::Ratio;
    fn read(value: ParamValue) -> Option<Ratio> {
        match value {
            ParamValue::Ratio(r) => Some(r),
            _ => None,
        }
    }
}

impl Kind for Days {
    type Value = u32;
    const KIND: ParamKind = ParamKind::Days;
    fn read(value: ParamValue) -> Option<u32> {
        match value {
            ParamValue::Days(d) => Some(d),
            _ => None,
        }
    }
}

impl Kind for Count {
    type Value = u32;
    const KIND: ParamKind = ParamKind::Count;
    fn read(value: ParamValue) -> Option<u32> {
        match value {
            ParamValue::Count(c) => Some(c),
            _ => None,
        }
    }
}

/// Whose parameter it is: one rule's, or the rulebook's general section (parameters of no single
/// rule, such as the dashboard's patience before a package counts as stuck).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// A rule's `[[rule.param]]`.
    Rule(RuleId),
    /// The `[[general]]` section.
    General,
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Rule(id) => write!(f, "rule {id}"),
            Owner::General => f.write_str("the general section"),
        }
    }
}

/// A parameter the code reads, without its type: what the rulebook's load checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// Its rule, or the general section.
    pub owner: Owner,
    /// Its name in the rulebook file.
    pub name: &'static str,
    /// Its kind.
    pub kind: ParamKind,
}

/// A typed parameter: read it with [`crate::Rulebook::get`].
#[derive(Debug)]
pub struct Param<K> {
    key: Key,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Param<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for Param<K> {}

impl<K: Kind> Param<K> {
    const fn new(owner: Owner, name: &'static str) -> Self {
        Param {
            key: Key {
                owner,
                name,
                kind: K::KIND,
            },
            kind: PhantomData,
        }
    }

    /// Its key.
    pub const fn key(self) -> Key {
        self.key
    }

    /// Its name in the rulebook file.
    pub const fn name(self) -> &'static str {
        self.key.name
    }
}

/// Declares the parameters of each rule and of the general section, and [`ALL`].
macro_rules! params {
    (
        $( $(#[$mdoc:meta])* $module:ident = $owner:expr => {
            $( $(#[$doc:meta])* $constant:ident: $kind:ident = $name:literal; )+
        } )+
    ) => {
        $(
            $(#[$mdoc])*
            pub mod $module {
                use super::*;
                $(
                    $(#[$doc])*
                    pub const $constant: Param<$kind> = Param::new($owner, $name);
                )+
            }
        )+

        /// Every parameter the code reads, in declaration order.
        pub const ALL: &[Key] = &[ $( $( $module::$constant.key(), )+ )+ ];
    };
}

params! {
    /// P-01 Pengadaan Langsung ceilings.
    p01 = Owner::Rule(RuleId::P01) => {
        /// Goods.
        CEILING_BARANG: Rupiah = "ceiling_barang";
        /// Other services.
        CEILING_JASA_LAINNYA: Rupiah = "ceiling_jasa_lainnya";
        /// Works.
        CEILING_PEKERJAAN_KONSTRUKSI: Rupiah = "ceiling_pekerjaan_konstruksi";
    }
    /// P-02 the consultancy ceiling.
    p02 = Owner::Rule(RuleId::P02) => {
        /// Consultancy.
        CEILING_JASA_KONSULTANSI: Rupiah = "ceiling_jasa_konsultansi";
    }
    /// P-04 what a Pejabat Pengadaan may handle.
    p04 = Owner::Rule(RuleId::P04) => {
        /// Goods, works and other services.
        PEJABAT_PENGADAAN_MAX: Rupiah = "pejabat_pengadaan_max";
        /// Consultancy.
        PEJABAT_PENGADAAN_MAX_KONSULTANSI: Rupiah = "pejabat_pengadaan_max_konsultansi";
    }
    /// P-05 the Pokja's award authority.
    p05 = Owner::Rule(RuleId::P05) => {
        /// Goods, works and other services.
        POKJA_MAX: Rupiah = "pokja_max";
        /// Consultancy.
        POKJA_MAX_KONSULTANSI: Rupiah = "pokja_max_konsultansi";
    }
    /// P-06 reservation for small business.
    p06 = Owner::Rule(RuleId::P06) => {
        /// The highest value reserved.
        RESERVATION_MAX: Rupiah = "reservation_max";
    }
    /// P-07 the small-business share.
    p07 = Owner::Rule(RuleId::P07) => {
        /// The least share.
        MIN_SHARE: Share = "min_share";
    }
    /// P-08 package splitting.
    p08 = Owner::Rule(RuleId::P08) => {
        /// Packages a group needs.
        MIN_PACKAGES: Count = "min_packages";
        /// The band under a threshold.
        BAND: Share = "band";
        /// The words of a name that make a group.
        NAME_WORDS: Count = "name_words";
    }
    /// P-11 the contract forms.
    p11 = Owner::Rule(RuleId::P11) => {
        /// Bukti pembelian.
        BUKTI_PEMBELIAN_MAX: Rupiah = "bukti_pembelian_max";
        /// Kuitansi.
        KUITANSI_MAX: Rupiah = "kuitansi_max";
        /// SPK.
        SPK_MAX: Rupiah = "spk_max";
        /// SPK for consultancy.
        SPK_MAX_KONSULTANSI: Rupiah = "spk_max_konsultansi";
    }
    /// H-04 a low offer.
    h04 = Owner::Rule(RuleId::H04) => {
        /// Offer ÷ HPS below which the offer is low.
        LOW_BID_RATIO: Share = "low_bid_ratio";
    }
    /// H-05 the performance bond.
    h05 = Owner::Rule(RuleId::H05) => {
        /// The contract value above which a bond is required.
        REQUIRED_ABOVE: Rupiah = "required_above";
        /// The bond ÷ contract value.
        BOND_RATIO: Share = "bond_ratio";
    }
    /// H-06 bids close together or far apart (reference only).
    h06 = Owner::Rule(RuleId::H06) => {
        /// Close.
        CLOSE_RATIO: Share = "close_ratio";
        /// Far.
        FAR_RATIO: Share = "far_ratio";
    }
    /// H-09 a repeat winner.
    h09 = Owner::Rule(RuleId::H09) => {
        /// Wins in a year that flag.
        MIN_WINS: Count = "min_wins";
    }
    /// H-10 common control of bidders.
    h10 = Owner::Rule(RuleId::H10) => {
        /// The share that controls.
        CONTROL_SHARE: Share = "control_share";
    }
    /// H-11 an official tied to a bidder.
    h11 = Owner::Rule(RuleId::H11) => {
        /// The share that controls.
        CONTROL_SHARE: Share = "control_share";
    }
    /// T-02 masa sanggah.
    t02 = Owner::Rule(RuleId::T02) => {
        /// The least days.
        MIN_DAYS: Days = "min_days";
    }
    /// T-03 sanggah banding.
    t03 = Owner::Rule(RuleId::T03) => {
        /// Its bond ÷ HPS.
        BOND_RATIO: Share = "bond_ratio";
        /// Days after the answer to file it.
        MAX_DAYS_AFTER_ANSWER: Days = "max_days_after_answer";
    }
    /// T-04 aanwijzing and upload.
    t04 = Owner::Rule(RuleId::T04) => {
        /// Days from the invitation to the aanwijzing.
        MIN_DAYS_TO_AANWIJZING: Days = "min_days_to_aanwijzing";
        /// Working days from the aanwijzing to the upload's end.
        MIN_WORKING_DAYS_UPLOAD: Days = "min_working_days_upload";
    }
    /// T-06 SPPBJ to contract.
    t06 = Owner::Rule(RuleId::T06) => {
        /// The most working days.
        MAX_WORKING_DAYS: Days = "max_working_days";
    }
    /// T-07 the ICW duration score.
    t07 = Owner::Rule(RuleId::T07) => {
        /// Score 1 up to these days.
        BAND_1_MAX: Days = "band_1_max";
        /// Score 2.
        BAND_2_MAX: Days = "band_2_max";
        /// Score 3.
        BAND_3_MAX: Days = "band_3_max";
        /// Score 4.
        BAND_4_MAX: Days = "band_4_max";
        /// The score that flags.
        FLAG_FROM_SCORE: Count = "flag_from_score";
    }
    /// T-08 the bidding window's floor.
    t08 = Owner::Rule(RuleId::T08) => {
        /// Tender.
        FLOOR_DAYS_TENDER: Days = "floor_days_tender";
        /// Seleksi.
        FLOOR_DAYS_SELEKSI: Days = "floor_days_seleksi";
    }
    /// T-09 a failed tender's follow-up.
    t09 = Owner::Rule(RuleId::T09) => {
        /// Days to re-tender.
        FOLLOW_UP_DAYS: Days = "follow_up_days";
    }
    /// C-01 addenda.
    c01 = Owner::Rule(RuleId::C01) => {
        /// The largest increase.
        MAX_INCREASE: Share = "max_increase";
    }
    /// C-03 the late penalty.
    c03 = Owner::Rule(RuleId::C03) => {
        /// Per day of the contract value.
        DAILY_RATE: Share = "daily_rate";
    }
    /// C-04 late addenda.
    c04 = Owner::Rule(RuleId::C04) => {
        /// The most days.
        MAX_DAYS: Days = "max_days";
    }
    /// C-05 the advance.
    c05 = Owner::Rule(RuleId::C05) => {
        /// Small business.
        CAP_USAHA_KECIL: Share = "cap_usaha_kecil";
        /// Others.
        CAP_NON_KECIL: Share = "cap_non_kecil";
        /// Multi-year contracts.
        CAP_TAHUN_JAMAK: Share = "cap_tahun_jamak";
    }
    /// C-06 retention.
    c06 = Owner::Rule(RuleId::C06) => {
        /// Retention ÷ contract value.
        RETENTION_RATIO: Share = "retention_ratio";
    }
    /// C-07 kontrak kritis.
    c07 = Owner::Rule(RuleId::C07) => {
        /// The plan up to which period one runs.
        PERIOD_ONE_MAX_PLAN: Share = "period_one_max_plan";
        /// The lag that is critical in period one.
        PERIOD_ONE_MAX_LAG: Share = "period_one_max_lag";
        /// The lag that is critical in period two.
        PERIOD_TWO_MAX_LAG: Share = "period_two_max_lag";
    }
    /// C-08 show-cause meetings.
    c08 = Owner::Rule(RuleId::C08) => {
        /// The most meetings.
        MAX_MEETINGS: Count = "max_meetings";
    }
    /// R-03 the Pokja.
    r03 = Owner::Rule(RuleId::R03) => {
        /// The fewest members.
        MIN_MEMBERS: Count = "min_members";
    }
    /// K-03 RUP coverage.
    k03 = Owner::Rule(RuleId::K03) => {
        /// The least coverage.
        MIN_COVERAGE: Share = "min_coverage";
    }
    /// K-06 schedule slip.
    k06 = Owner::Rule(RuleId::K06) => {
        /// The most days.
        MAX_SLIP_DAYS: Days = "max_slip_days";
    }
    /// K-08 TU advances.
    k08 = Owner::Rule(RuleId::K08) => {
        /// Days to account for one.
        TU_DAYS: Days = "tu_days";
    }
    /// K-10 absorption.
    k10 = Owner::Rule(RuleId::K10) => {
        /// By the end of Q2.
        MIN_Q2: Share = "min_q2";
        /// By the end of Q3.
        MIN_Q3: Share = "min_q3";
        /// The largest Q4 share.
        MAX_Q4_SHARE: Share = "max_q4_share";
    }
    /// K-11 payment ahead of progress.
    k11 = Owner::Rule(RuleId::K11) => {
        /// The margin allowed.
        MARGIN: Share = "margin";
    }
    /// K-12 indicator realisation.
    k12 = Owner::Rule(RuleId::K12) => {
        /// By the end of Q1.
        MIN_Q1: Share = "min_q1";
        /// By the end of Q2.
        MIN_Q2: Share = "min_q2";
        /// By the end of Q3.
        MIN_Q3: Share = "min_q3";
    }
    /// K-13 PP 39/2006 reports.
    k13 = Owner::Rule(RuleId::K13) => {
        /// Form A.
        FORM_A_WORKING_DAYS: Days = "form_a_working_days";
        /// Form B.
        FORM_B_WORKING_DAYS: Days = "form_b_working_days";
        /// Form C.
        FORM_C_WORKING_DAYS: Days = "form_c_working_days";
        /// The province's consolidation.
        PROVINCE_WORKING_DAYS: Days = "province_working_days";
    }
    /// D8 an award far below HPS.
    d8 = Owner::Rule(RuleId::D8) => {
        /// Award ÷ HPS below which it flags.
        MIN_RATIO: Share = "min_ratio";
    }
    /// D9 an award at HPS.
    d9 = Owner::Rule(RuleId::D9) => {
        /// Award ÷ HPS from which it flags.
        MIN_RATIO: Share = "min_ratio";
    }
    /// D16 short works.
    d16 = Owner::Rule(RuleId::D16) => {
        /// The fewest days.
        MIN_DAYS: Days = "min_days";
    }
    /// D17 supplier splitting.
    d17 = Owner::Rule(RuleId::D17) => {
        /// Contracts that make a group.
        MIN_CONTRACTS: Count = "min_contracts";
    }
    /// Parameters of no single rule.
    general = Owner::General => {
        /// Days from a procurement's announcement to its award before the package counts as stuck.
        PATIENCE_AWARD_DAYS: Days = "patience_award_days";
        /// Days from award to contract signature.
        PATIENCE_CONTRACT_DAYS: Days = "patience_contract_days";
        /// Days from work start with no progress report.
        PATIENCE_REPORT_DAYS: Days = "patience_report_days";
    }
}
