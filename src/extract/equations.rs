//! Table 三's equations (R1–R3 laid out on a form's cells) and counting how many of them a
//! reading breaks and holds.
//!
//! Shared by the two stages that choose between readings by the rules: the in-order reading of
//! table 三 (`in_order`) and the digit-run filler deciding an ambiguous row (`digit_row`). Which
//! reading wins is theirs; this module only counts.
//!
//! Main items: [`requests_rules`], [`score_by`].

use crate::report::{CellKey, Report, whole_number};
use crate::rules;
use crate::template::{PerForm, TableId};
use rust_decimal::Decimal;

/// Table 三's equations on `report`'s form, laid out once per form.
pub(super) fn requests_rules(report: &Report) -> &'static [rules::Instance] {
    static LAID_OUT: PerForm<Vec<rules::Instance>> = PerForm::new(|form| {
        rules::instances(form)
            .iter()
            .filter(|inst| inst.rule.table == TableId::Requests)
            .cloned()
            .collect()
    });
    LAID_OUT.get(report.form)
}

/// How many of `equations` break and hold when each cell's number is `number(cell)` (`None`:
/// blank or not a number).
pub(super) fn score_by<'e>(
    equations: impl IntoIterator<Item = &'e rules::Instance>,
    number: impl Fn(&CellKey) -> Option<Decimal>,
) -> (usize, usize) {
    let mut broken = 0;
    let mut holds = 0;
    for inst in equations {
        match sums_equal(&inst.lhs, &inst.rhs, &number) {
            Some(true) => holds += 1,
            Some(false) => broken += 1,
            None => {}
        }
    }
    (broken, holds)
}

/// Whether the numbers of `lhs` and of `rhs` have the same sum; `None` when one is missing. On
/// integers while every number is whole, else on decimals.
fn sums_equal(
    lhs: &[CellKey],
    rhs: &[CellKey],
    number: &impl Fn(&CellKey) -> Option<Decimal>,
) -> Option<bool> {
    // `None`: a number is missing; `Some(None)`: one is a fraction.
    let whole = |keys: &[CellKey]| -> Option<Option<i128>> {
        let mut sum = Some(0_i128);
        for key in keys {
            let n = number(key)?;
            sum = sum.and_then(|s| s.checked_add(whole_number(&n)?));
        }
        Some(sum)
    };
    match (whole(lhs)?, whole(rhs)?) {
        (Some(l), Some(r)) => Some(l == r),
        _ => {
            let sum = |keys: &[CellKey]| keys.iter().map(number).sum::<Option<Decimal>>();
            Some(sum(lhs)? == sum(rhs)?)
        }
    }
}
