//! K-04: every procurement must reference an announced, active, undeleted RUP package (Perpres
//! 16/2018 Pasal 22; SIRUP `status_umumkan_rup`, `status_aktif_rup`, `status_delete_rup`).
//! When the plan data was not provided the answer is `Insufficient`, never "unplanned".
//! Doc page: `docs/rules/K-04.md`.

use rantai_core::{Evidence, Verdict};

use crate::tender::PlanLink;

/// K-04 for a procurement's plan link.
pub fn check(plan: &PlanLink) -> Verdict {
    match plan {
        PlanLink::Announced { .. } => Verdict::Pass,
        PlanLink::NotAnnounced { kd_rup, detail } => Verdict::Violated(
            Evidence::new()
                .with("kd_rup", join(kd_rup))
                .with("plan_status", detail.as_str()),
        ),
        PlanLink::Unavailable { kd_rup } => Verdict::missing(format!("RUP package data for kd_rup {}", join(kd_rup))),
    }
}

fn join(codes: &[rantai_core::KodeRup]) -> String {
    if codes.is_empty() {
        return "(none)".into();
    }
    codes.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}
