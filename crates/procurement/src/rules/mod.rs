//! Procurement rules: one module per rule, each a pure function from values to a verdict, used
//! both to guard commands and by the discrepancy engine.

pub mod addendum_limit;
pub mod advance_cap;
pub mod amendments;
pub mod announced_plan;
pub mod award_authority;
pub mod award_duration;
pub mod award_vs_estimate;
pub mod award_vs_hps;
pub mod budget_year;
pub mod conflict_of_interest;
pub mod contract_form;
pub mod contract_type;
pub mod contract_vs_award;
pub mod contract_vs_hps;
pub mod date_order;
pub mod direct_basis;
pub mod failed_tender;
pub mod hps_vs_pagu;
pub mod late_addenda;
pub mod lowest_price;
pub mod objections;
pub mod performance_bond;
pub mod plan_consistency;
pub mod plan_consumed;
pub mod plan_organisation;
pub mod procurement_officials;
pub mod repeat_winner;
pub mod schedule_rules;
pub mod schedule_vs_plan;
pub mod selecting_official;
pub mod separation;
pub mod short_works;
pub mod single_bid;
pub mod sppbj;
pub mod supplier_splitting;
pub mod tender_cepat;
pub mod tender_window;

use rantai_core::{MetodePemilihan, Verdict};

use crate::tender::TenderSpec;

/// The verdict of an HPS rule when no HPS was given: no HPS is required for e-purchasing
/// (Perpres 16/2018 Pasal 26), so that passes; anywhere else the rule cannot be decided.
fn hps_not_given(spec: &TenderSpec) -> Verdict {
    if spec.metode == MetodePemilihan::EPurchasing {
        Verdict::Pass
    } else {
        Verdict::missing("HPS of the procurement")
    }
}
