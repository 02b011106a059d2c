//! A row printed with more numbers than cells, settled by its total where that is possible.
//!
//! Seed 004's table 四 prints 16 numbers for 15 cells. Every way of leaving out the surplus
//! numbers is tried; the readings in which each group of `width` cells ends with its total (R3
//! on a table-三 row, R4 on each row of table 四) are kept. A cell is placed where all kept
//! readings agree on its value ([`Confidence::Inferred`]); the row is still flagged.
//!
//! A table-三 row left open this way is handed on with its [`readings`], which the column sums
//! (R1, R2) may decide between after the walk (`digit_row::resolve`).
//!
//! Main items: [`place`], [`readings`].

use rust_decimal::Decimal;

use super::align::Slot;
use crate::report::Confidence;

/// Surplus numbers beyond which the readings are not enumerated.
const MAX_EXTRA: usize = 2;

/// Slots for `n` cells from `readings` (see [`readings`]), or `None` when there is none: a
/// cell is placed where every reading gives it the same value. `value(i)` reads field `i`.
pub(crate) fn place(
    readings: &[Vec<usize>],
    n: usize,
    value: impl Fn(usize) -> Option<Decimal>,
) -> Option<Vec<Slot>> {
    let (first, rest) = readings.split_first()?;
    Some(
        (0..n)
            .map(|c| match first.get(c) {
                Some(&f)
                    if rest
                        .iter()
                        .all(|r| r.get(c).map(|&j| value(j)) == Some(value(f))) =>
                {
                    Slot::Field(f, Confidence::Inferred)
                }
                _ => Slot::Unknown,
            })
            .collect(),
    )
}

/// Every way of leaving out the surplus numbers of `kept` (field indexes, in order) for `n`
/// cells in which each group of `width` cells ends with its total: the fields each reading
/// keeps, one reading for each list of values (leaving out either of two equal numbers is one
/// reading). Empty when there are none, or too many surplus numbers to try.
pub(crate) fn readings(
    kept: &[usize],
    n: usize,
    width: usize,
    value: &impl Fn(usize) -> Option<Decimal>,
) -> Vec<Vec<usize>> {
    let mut readings: Vec<Vec<usize>> = Vec::new();
    let Some(extra) = kept.len().checked_sub(n) else {
        return readings;
    };
    if extra == 0 || extra > MAX_EXTRA || width < 2 || !n.is_multiple_of(width) {
        return readings;
    }
    let mut dropped = vec![false; kept.len()];
    let mut seen: Vec<Vec<Decimal>> = Vec::new();
    choose(&mut dropped, 0, extra, &mut |dropped| {
        let reading: Vec<usize> = kept
            .iter()
            .zip(dropped)
            .filter(|(_, d)| !**d)
            .map(|(i, _)| *i)
            .collect();
        let numbers: Option<Vec<Decimal>> = reading.iter().map(|&i| value(i)).collect();
        if let Some(numbers) = numbers
            && numbers.chunks(width).all(|g| match g.split_last() {
                Some((total, parts)) => parts.iter().sum::<Decimal>() == *total,
                None => false,
            })
            && !seen.contains(&numbers)
        {
            seen.push(numbers);
            readings.push(reading);
        }
    });
    readings
}

/// Calls `visit` with every way of marking `left` more of `dropped[from..]`.
fn choose(dropped: &mut [bool], from: usize, left: usize, visit: &mut dyn FnMut(&[bool])) {
    if left == 0 {
        visit(dropped);
        return;
    }
    for i in from..dropped.len() {
        if let Some(d) = dropped.get_mut(i) {
            *d = true;
        }
        choose(dropped, i + 1, left - 1, visit);
        if let Some(d) = dropped.get_mut(i) {
            *d = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_totals_tell_which_number_is_surplus() {
        let printed = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0];
        let kept: Vec<usize> = (0..printed.len()).collect();
        let value = |i: usize| printed.get(i).map(|&v| Decimal::from(v));
        let slots = place(&readings(&kept, 15, 5, &value), 15, value).unwrap();
        assert_eq!(slots.first(), Some(&Slot::Field(0, Confidence::Inferred)));
        assert_eq!(slots.get(14), Some(&Slot::Field(14, Confidence::Inferred)));
    }

    #[test]
    fn leaving_out_either_of_two_equal_numbers_is_one_reading() {
        // 1 0 0 0 0 0 1 | 1 (a page number after the row): drop the first 1, or either last 1.
        let printed = [1, 0, 0, 0, 0, 0, 1, 1];
        let kept: Vec<usize> = (0..printed.len()).collect();
        let value = |i: usize| printed.get(i).map(|&v| Decimal::from(v));
        assert_eq!(readings(&kept, 7, 7, &value).len(), 2);
    }

    #[test]
    fn no_reading_with_totals_gives_nothing() {
        let printed = [1, 2, 5];
        let value = |i: usize| printed.get(i).map(|&v| Decimal::from(v));
        assert_eq!(place(&readings(&[0, 1, 2], 2, 2, &value), 2, value), None);
    }
}
