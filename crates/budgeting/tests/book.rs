//! Budget execution against the regulation: money that always adds up under any command
//! sequence, K-08's ordering, TU settlement, K-09 revisions, and bad input refused unchanged.
#![allow(clippy::unwrap_used)] // tests unwrap: a failure is the report

use chrono::NaiveDate;
use proptest::prelude::*;
use rantai_budgeting::rules::budget_control;
use rantai_budgeting::*;
use rantai_core::param;
use rantai_core::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}
fn jt(n: i64) -> Money {
    Money::from_rupiah(n * 1_000_000).unwrap()
}
fn command() -> Policy<'static> {
    Policy::new(Rulebook::standard(), Mode::Command)
}

const ORG: OrganisationId = OrganisationId::from_u128(1);
const PPTK: ActorId = ActorId::from_u128(1);
const PPK_SKPD: ActorId = ActorId::from_u128(2);

/// The sample Rp1 miliar belanja modal line, and a Rp200 juta belanja barang line of the same
/// sub-kegiatan, both with their cash plan open from January.
fn lines() -> (DpaLineSpec, DpaLineSpec) {
    let modal = DpaLineSpec {
        anggaran_kas: AnggaranKas::all_from_january(jt(1_000)),
        ..fixtures::line_spec()
    };
    let barang = DpaLineSpec {
        id: DpaLineId::from_u128(2),
        mak: "1.03.10.2.01.0003.5.1.02.01.01.0024".parse().unwrap(),
        pagu: jt(200),
        anggaran_kas: AnggaranKas::all_from_january(jt(200)),
        ..modal.clone()
    };
    (modal, barang)
}

fn book() -> Book {
    let mut book = Book::default();
    let (a, b) = lines();
    for spec in [a, b] {
        apply(&mut book, |b| b.open_line(spec, command())).unwrap();
    }
    book
}

fn apply(
    book: &mut Book,
    decide: impl FnOnce(&Book) -> Result<BudgetingEvent, BudgetingError>,
) -> Result<(), BudgetingError> {
    let event = decide(book)?;
    book.apply(&event).map(|_| ())
}

#[test]
fn an_spd_above_the_cash_plan_through_its_period_is_refused_with_the_figures() {
    let mut book = Book::default();
    let line = fixtures::line_spec(); // Rp400 juta in Q2, Rp400 juta in Q3, Rp200 juta in Q4
    apply(&mut book, |b| b.open_line(line.clone(), command())).unwrap();
    let before = book.clone();
    // April–June: only Rp400 juta is planned through June.
    let err = book
        .issue_spd(line.id, fixtures::spd(1, 4, 6, 450_000_000, day(4, 1)), command())
        .unwrap_err();
    assert!(err.to_string().contains("K-08"), "{err}");
    assert!(err.to_string().contains("excess"), "{err}");
    assert_eq!(book, before);
    apply(&mut book, |b| {
        b.issue_spd(line.id, fixtures::spd(1, 4, 6, 400_000_000, day(4, 1)), command())
    })
    .unwrap();
    assert_eq!(book.line(line.id).unwrap().spd_total(), jt(400));
}

#[test]
fn a_cash_plan_above_the_pagu_is_refused_at_opening() {
    let (mut line, _) = lines();
    line.anggaran_kas = AnggaranKas::quarterly([jt(300), jt(300), jt(300), jt(300)]);
    let err = Book::default().open_line(line, command()).unwrap_err();
    assert!(err.to_string().contains("K-08"), "{err}");
}

#[test]
fn bad_input_is_refused_with_a_typed_error_and_changes_nothing() {
    let book = book();
    let contract = fixtures::signed_contract();
    let before = book.clone();
    // An unknown line.
    let unknown = DpaLineId::from_u128(99);
    assert_eq!(
        book.commit(unknown, &contract, jt(1), day(4, 3), command()),
        Err(BudgetingError::UnknownLine(unknown))
    );
    // A zero amount.
    assert!(matches!(
        book.commit(DpaLineId::from_u128(1), &contract, Money::ZERO, day(4, 3), command()),
        Err(BudgetingError::NotPositive { .. })
    ));
    // A payment before any commitment.
    let sp2d = Sp2d {
        id: PaymentId::from_u128(1),
        nomor: None,
        contract: contract.id(),
        amount: jt(10),
        paid_on: day(6, 1),
    };
    assert!(matches!(
        book.pay(DpaLineId::from_u128(1), sp2d, &contract, command()),
        Err(BudgetingError::NoCommitment { .. })
    ));
    // An SPD period out of order.
    assert!(matches!(
        book.issue_spd(DpaLineId::from_u128(1), fixtures::spd(1, 9, 3, 1, day(4, 1)), command()),
        Err(BudgetingError::InvalidValue { .. })
    ));
    assert_eq!(book, before);
    // Amounts with more precision than the sen, or negative, never become money.
    assert!(matches!(
        "100.005".parse::<Money>(),
        Err(CoreError::InvalidAmount { .. })
    ));
    assert!(matches!("-5".parse::<Money>(), Err(CoreError::InvalidAmount { .. })));
}

fn spp(n: u128, kind: SppKind, amount: Money, on: NaiveDate) -> Spp {
    Spp {
        id: SppId::from_u128(n),
        nomor: None,
        organisation: ORG,
        kind,
        amount,
        submitted_on: on,
    }
}

/// Runs an SPP through verification, SPM and SP2D on the same day.
fn pay_spp(
    book: &mut Book,
    spp: Spp,
    contract: Option<&rantai_procurement::SignedContract>,
) -> Result<(), BudgetingError> {
    let (id, on) = (spp.id, spp.submitted_on);
    apply(book, |b| b.submit_spp(spp, contract, PPTK, command()))?;
    apply(book, |b| b.verify_spp(id, on, PPK_SKPD))?;
    apply(book, |b| b.issue_spm(id, None, on))?;
    let payment = PaymentId::from_u128(id.as_uuid().as_u128());
    apply(book, |b| b.issue_sp2d(id, payment, None, on, contract, command()))
}

#[test]
fn a_tu_not_settled_within_a_month_is_flagged_and_a_settled_one_is_not() {
    let mut book = book();
    let (modal, barang) = lines();
    apply(&mut book, |b| {
        b.issue_spd(barang.id, fixtures::spd(1, 1, 12, 200_000_000, day(1, 6)), command())
    })
    .unwrap();
    // TU of Rp50 juta paid on 3 March; Rp30 juta spent on the barang line, Rp20 juta returned.
    pay_spp(&mut book, spp(1, SppKind::Tu, jt(50), day(3, 3)), None).unwrap();
    let tu = CashSource::Tu(SppId::from_u128(1));
    apply(&mut book, |b| {
        b.account_spj(ORG, barang.id, tu, jt(30), day(3, 20), command())
    })
    .unwrap();
    let settled = |book: &Book| book.treasuries()[&(ORG, barang.fiscal_year)].tu[&SppId::from_u128(1)].settled();
    let days = Rulebook::standard().get(param::k08::TU_DAYS, day(3, 3)).unwrap();
    // On 3 April, 31 days on, Rp20 juta is still out: K-08.
    let Verdict::Violated(ev) = budget_control::tu_settlement(jt(50), settled(&book), day(3, 3), days, day(4, 3))
    else {
        panic!()
    };
    assert_eq!(ev.get("unsettled").unwrap().to_string(), "Rp20.000.000");
    // Spending more than the TU holds is refused; returning the rest settles it.
    assert!(matches!(
        book.account_spj(ORG, barang.id, tu, jt(21), day(3, 21), command()),
        Err(BudgetingError::InsufficientCash { .. })
    ));
    apply(&mut book, |b| b.return_tu(ORG, SppId::from_u128(1), jt(20), day(3, 25))).unwrap();
    assert_eq!(
        budget_control::tu_settlement(jt(50), settled(&book), day(3, 3), days, day(4, 3)),
        Verdict::Pass
    );
    // The SPJ is realised on the line (K-08 ordering holds), the return is not.
    assert_eq!(book.line(barang.id).unwrap().realised(), jt(30));
    assert_eq!(budget_control::ordering(book.line(barang.id).unwrap()), Verdict::Pass);
    // A second UP in the year is refused; GU replenishes only what was accounted for.
    pay_spp(&mut book, spp(2, SppKind::Up, jt(40), day(4, 1)), None).unwrap();
    assert!(matches!(
        book.submit_spp(spp(3, SppKind::Up, jt(10), day(4, 2)), None, PPTK, command()),
        Err(BudgetingError::InvalidValue { .. })
    ));
    apply(&mut book, |b| {
        b.account_spj(ORG, barang.id, CashSource::Up, jt(15), day(4, 10), command())
    })
    .unwrap();
    assert!(
        book.submit_spp(spp(4, SppKind::Gu, jt(16), day(4, 11)), None, PPTK, command())
            .is_err()
    );
    pay_spp(&mut book, spp(4, SppKind::Gu, jt(15), day(4, 11)), None).unwrap();
    assert_eq!(book.treasuries()[&(ORG, barang.fiscal_year)].up_balance(), jt(40));
    let _ = modal;
}

#[test]
fn a_shift_across_jenis_belanja_outside_apbd_p_is_flagged_and_a_second_apbd_p_too() {
    let mut book = book();
    let (modal, barang) = lines();
    let change = |line: &DpaLineSpec, pagu: i64| LineChange {
        line: line.id,
        pagu: jt(pagu),
        anggaran_kas: AnggaranKas::all_from_january(jt(pagu)),
    };
    let revision = |n: u128, kind, changes| Revision {
        id: RevisionId::from_u128(n),
        kind,
        basis: format!("Perbup 12/2025 perubahan ke-{n}"),
        dated: day(6, n as u32),
        fiscal_year: modal.fiscal_year,
        changes,
    };
    // Rp50 juta from belanja modal (5.2.04) to belanja barang (5.1.02) by Perkada: K-09.
    let shift = revision(
        1,
        RevisionKind::Pergeseran,
        vec![change(&modal, 950), change(&barang, 250)],
    );
    let verdict = rantai_budgeting::rules::revision::check(&shift, |id| book.lines().get(&id), &[]);
    let Verdict::Violated(ev) = verdict else {
        panic!("{verdict:?}")
    };
    assert_eq!(ev.get("jenis_belanja").unwrap().to_string(), "5.1.02");
    assert_eq!(ev.get("moved_in").unwrap().to_string(), "Rp50.000.000");
    // It is only flagged (K-09 is unverified): the command goes through and keeps the version.
    apply(&mut book, |b| b.revise(shift, command())).unwrap();
    let line = book.line(modal.id).unwrap();
    assert_eq!(line.pagu(), jt(950));
    assert_eq!(line.versions()[0].basis, "Perbup 12/2025 perubahan ke-1");
    assert_eq!(
        book.organisation_absorption()[&(ORG, modal.fiscal_year)].pagu,
        jt(1_200)
    );
    // A second APBD-P in the year without extraordinary circumstances is flagged too.
    let p1 = revision(
        2,
        RevisionKind::ApbdPerubahan { extraordinary: false },
        vec![change(&modal, 1_000)],
    );
    apply(&mut book, |b| b.revise(p1.clone(), command())).unwrap();
    let p2 = revision(
        3,
        RevisionKind::ApbdPerubahan { extraordinary: false },
        vec![change(&modal, 1_100)],
    );
    let earlier: Vec<&Revision> = book.revisions().values().collect();
    assert!(matches!(
        rantai_budgeting::rules::revision::check(&p2, |id| book.lines().get(&id), &earlier),
        Verdict::Violated(_)
    ));
    // A revision that cuts a line below what is committed is refused (K-08).
    let contract = fixtures::signed_contract();
    apply(&mut book, |b| {
        b.commit(modal.id, &contract, jt(918), day(4, 3), command())
    })
    .unwrap();
    let cut = revision(
        4,
        RevisionKind::ApbdPerubahan { extraordinary: true },
        vec![change(&modal, 900)],
    );
    let err = book.revise(cut, command()).unwrap_err();
    assert!(err.to_string().contains("K-08"), "{err}");
}

/// The modal line with its year's SPD, and the whole contract committed on it on 3 April.
fn given_the_year_spd_and_a_commitment(
    mut book: Book,
    line: &DpaLineSpec,
    contract: &rantai_procurement::SignedContract,
) -> Book {
    let spd = fixtures::spd(1, 1, 12, 1_000_000_000, day(1, 6));
    apply(&mut book, |b| b.issue_spd(line.id, spd, command())).unwrap();
    apply(&mut book, |b| {
        b.commit(line.id, contract, contract.value(), day(4, 3), command())
    })
    .unwrap();
    book
}

#[test]
fn the_advance_is_repaid_pro_rata_and_in_full_by_the_last_term() {
    let book = book();
    let (modal, _) = lines();
    // The Rp918 juta sample contract, with a Rp183,6 juta (20 %) advance agreed.
    let contract = rantai_procurement::fixtures::signed_contract_with_advance(Money::from_rupiah(183_600_000).unwrap());
    let mut book = given_the_year_spd_and_a_commitment(book, &modal, &contract);
    let ls = |payment| SppKind::Ls {
        line: modal.id,
        contract: contract.id(),
        payment,
    };
    let advance = contract.terms().spec.advance;
    pay_spp(
        &mut book,
        spp(1, ls(LsPayment::Advance { guarantee: advance }), advance, day(4, 10)),
        Some(&contract),
    )
    .unwrap();
    // Half the work: half the advance (Rp91,8 juta) is repaid, 5 % retained: Rp459 − 91,8 − 22,95.
    let term = |gross| LsPayment::Term {
        gross: jt(gross),
        late_part: None,
    };
    let half = book.accounts()[&contract.id()]
        .term(&contract, jt(459), None, day(7, 1), command())
        .unwrap();
    assert_eq!(half.advance_repayment, Money::from_rupiah(91_800_000).unwrap());
    assert_eq!(half.net, Money::from_rupiah(344_250_000).unwrap());
    pay_spp(&mut book, spp(2, ls(term(459)), half.net, day(7, 1)), Some(&contract)).unwrap();
    let rest = book.accounts()[&contract.id()]
        .term(&contract, jt(459), None, day(10, 1), command())
        .unwrap();
    pay_spp(&mut book, spp(3, ls(term(459)), rest.net, day(10, 1)), Some(&contract)).unwrap();
    let account = &book.accounts()[&contract.id()];
    assert_eq!(account.advance_outstanding(), Money::ZERO);
    // Everything paid = the value less the retention held: 918 − 45,9 juta.
    assert_eq!(account.cash_paid, Money::from_rupiah(872_100_000).unwrap());
    // Billing beyond the contract value is refused by C-09.
    let err = account.term(&contract, jt(1), None, day(10, 2), command()).unwrap_err();
    assert!(err.to_string().contains("C-09"), "{err}");
}

#[derive(Clone, Debug)]
enum Op {
    Spd { to: u32, amount: i64 },
    Commit { amount: i64 },
    Pay { amount: i64, month: u32 },
    Term { gross: i64, month: u32 },
    Release,
    Cash { tu: bool, amount: i64, month: u32 },
    Spj { tu: bool, amount: i64 },
    Revise { pagu: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u32..=12, 1i64..600).prop_map(|(to, amount)| Op::Spd { to, amount }),
        (1i64..1_200).prop_map(|amount| Op::Commit { amount }),
        (1i64..400, 4u32..=12).prop_map(|(amount, month)| Op::Pay { amount, month }),
        (1i64..500, 4u32..=12).prop_map(|(gross, month)| Op::Term { gross, month }),
        Just(Op::Release),
        (any::<bool>(), 1i64..100, 1u32..=12).prop_map(|(tu, amount, month)| Op::Cash { tu, amount, month }),
        (any::<bool>(), 1i64..100).prop_map(|(tu, amount)| Op::Spj { tu, amount }),
        (500i64..1_500).prop_map(|pagu| Op::Revise { pagu }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Over any sequence of budgeting commands — refused or not — no rupiah appears or
    /// disappears and K-08's ordering holds on every line.
    #[test]
    fn money_always_adds_up(ops in proptest::collection::vec(op(), 1..40)) {
        let mut book = book();
        let (modal, barang) = lines();
        let contract = fixtures::signed_contract();
        let mut n = 10u128;
        for op in ops {
            n += 1;
            let before = book.clone();
            let single_step = !matches!(op, Op::Term { .. } | Op::Cash { .. });
            let result = match op {
                Op::Spd { to, amount } => apply(&mut book, |b| b.issue_spd(modal.id, fixtures::spd(n, 1, to, amount * 1_000_000, day(1, 6)), command())),
                Op::Commit { amount } => apply(&mut book, |b| b.commit(modal.id, &contract, jt(amount), day(4, 3), command())),
                Op::Pay { amount, month } => {
                    let sp2d = Sp2d { id: PaymentId::from_u128(n), nomor: None, contract: contract.id(), amount: jt(amount), paid_on: day(month, 1) };
                    apply(&mut book, |b| b.pay(modal.id, sp2d, &contract, command()))
                }
                Op::Term { gross, month } => match book.accounts().get(&contract.id()).cloned().unwrap_or_default().term(&contract, jt(gross), None, day(month, 2), command()) {
                    Ok(b) => {
                        let kind = SppKind::Ls { line: modal.id, contract: contract.id(), payment: LsPayment::Term { gross: jt(gross), late_part: None } };
                        pay_spp(&mut book, spp(n, kind, b.net, day(month, 2)), Some(&contract))
                    }
                    Err(e) => Err(e),
                },
                Op::Release => apply(&mut book, |b| b.release(modal.id, &contract, ReleaseReason::Terminated { basis: "Surat PPK 1/2025".into() }, day(11, 1))),
                Op::Cash { tu, amount, month } => pay_spp(&mut book, spp(n, if tu { SppKind::Tu } else { SppKind::Up }, jt(amount), day(month, 3)), None),
                Op::Spj { tu, amount } => {
                    let source = match book.treasuries().get(&(ORG, barang.fiscal_year)).and_then(|t| t.tu.keys().next().copied()) {
                        Some(id) if tu => CashSource::Tu(id),
                        _ => CashSource::Up,
                    };
                    apply(&mut book, |b| b.account_spj(ORG, barang.id, source, jt(amount), day(12, 1), command()))
                }
                Op::Revise { pagu } => {
                    let change = LineChange { line: modal.id, pagu: jt(pagu), anggaran_kas: AnggaranKas::all_from_january(jt(pagu)) };
                    let r = Revision { id: RevisionId::from_u128(n), kind: RevisionKind::ApbdPerubahan { extraordinary: true }, basis: format!("Perda {n}"), dated: day(9, 1), fiscal_year: modal.fiscal_year, changes: vec![change] };
                    apply(&mut book, |b| b.revise(r, command()))
                }
            };
            if result.is_err() {
                if single_step {
                    // A refused command leaves the book exactly as it was.
                    prop_assert_eq!(&book, &before);
                } else {
                    // A payment refused at some step of SPP → SPM → SP2D moves no money: the
                    // steps before it stay on record, but nothing is realised or paid.
                    let realised = |b: &Book| b.lines().values().map(DpaLine::realised).collect::<Vec<_>>();
                    prop_assert_eq!(realised(&book), realised(&before));
                    prop_assert_eq!(book.accounts(), before.accounts());
                    prop_assert_eq!(book.treasuries(), before.treasuries());
                }
            }
            let mut paid_total = Money::ZERO;
            for line in book.lines().values() {
                // allocated = committed + uncommitted
                prop_assert_eq!(line.committed().checked_add(line.uncommitted()).unwrap(), line.pagu());
                for c in line.commitments() {
                    // committed = paid + unpaid
                    prop_assert_eq!(c.paid.checked_add(c.unpaid()).unwrap(), c.net());
                }
                // Σ SP2D ≤ Σ SPD ≤ anggaran kas ≤ DPA pagu
                prop_assert_eq!(budget_control::ordering(line), Verdict::Pass);
                let by_quarter = Money::try_sum(line.realised_by_quarter().iter()).unwrap();
                prop_assert_eq!(by_quarter, line.realised());
                paid_total = paid_total.checked_add(line.paid()).unwrap();
            }
            // Every LS rupiah paid is in the contract's account, and the absorption kept event
            // by event equals the one recomputed from the lines.
            let account = book.accounts().get(&contract.id()).map_or(Money::ZERO, |a| a.cash_paid);
            prop_assert_eq!(account, paid_total);
            prop_assert_eq!(&book.absorption().organisations, book.organisation_absorption());
            // The bendahara never holds negative cash, nor spends cash it did not receive.
            if let Some(t) = book.treasuries().get(&(ORG, barang.fiscal_year)) {
                prop_assert!(t.spent_from_up <= t.up.checked_add(t.gu).unwrap());
            }
        }
    }
}

#[test]
fn a_penalty_on_the_late_part_only_is_deducted_and_the_net_balance_agrees() {
    let book = book();
    let (modal, _) = lines();
    let contract = fixtures::signed_contract(); // Rp918 juta, due 31 October, no BAST yet
    let mut book = given_the_year_spd_and_a_commitment(book, &modal, &contract);
    // Billed in full on 10 November, 10 days late, the penalty charged on the Rp100 juta late
    // part only: 10 × 1‰ × Rp100 juta = Rp1 juta; retention Rp45,9 juta; net Rp871,1 juta.
    let payment = LsPayment::Term {
        gross: jt(918),
        late_part: Some(jt(100)),
    };
    let b = book
        .accounts()
        .get(&contract.id())
        .cloned()
        .unwrap_or_default()
        .term(&contract, jt(918), Some(jt(100)), day(11, 10), command())
        .unwrap();
    assert_eq!(b.penalty, jt(1));
    assert_eq!(b.net, Money::from_rupiah(871_100_000).unwrap());
    let kind = SppKind::Ls {
        line: modal.id,
        contract: contract.id(),
        payment,
    };
    // The C-09 balance charges the same late part, so the exact net goes through.
    pay_spp(&mut book, spp(1, kind, b.net, day(11, 10)), Some(&contract)).unwrap();
    assert_eq!(book.accounts()[&contract.id()].penalty_base, Some(jt(100)));
}
