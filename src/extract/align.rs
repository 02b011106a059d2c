//! Placing a row's printed cells onto the form's columns.
//!
//! Pipe and tab layouts keep empty cells, so positions are known; they pad differently (pipes at
//! the end, PDF tabs at the start); with padding on both sides and as many values as cells, the
//! values are taken in order (inferred). White-space layouts drop blanks: a full row is exact, a lone
//! number on a table-三 row is its total (inferred), anything else cannot be placed. When a row
//! has more values than columns, a cell is still certain where every reading agrees on it.

use super::token::{Kind, Sep, Token};
use crate::report::Confidence;

/// Where one column's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The field at this index of the row's fields.
    Field(usize, Confidence),
    /// The source leaves the cell empty.
    Blank,
    /// The source does not say which value belongs here.
    Unknown,
}

/// A row's placement, and what was wrong with its cell count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    pub slots: Vec<Slot>,
    /// `(values printed, cells in the row)` when they do not fit.
    pub miscount: Option<(usize, usize)>,
}

/// Places `fields` (value and empty tokens) on `n` columns. `lone_is_total`: a single number on
/// a white-space row belongs to the last column. `same(a, b)`: the two fields hold the same value.
pub(crate) fn place(
    fields: &[&Token],
    n: usize,
    lone_is_total: bool,
    same: impl Fn(usize, usize) -> bool,
) -> Placement {
    let is_value = |i: usize| fields.get(i).is_some_and(|t| t.kind == Kind::Value);
    let values = (0..fields.len()).filter(|&i| is_value(i)).count();
    let positional = fields.iter().any(|t| t.sep != Sep::Space);
    let exact = |offset: usize| -> Vec<Slot> {
        (0..n)
            .map(|c| {
                if is_value(c + offset) {
                    Slot::Field(c + offset, Confidence::Exact)
                } else {
                    Slot::Blank
                }
            })
            .collect()
    };
    let ok = |slots| Placement {
        slots,
        miscount: None,
    };
    if positional {
        if values == 0 {
            return ok(vec![Slot::Blank; n]);
        }
        if fields.len() == n {
            return ok(exact(0));
        }
        if fields.len() > n {
            let extra = fields.len() - n;
            let tail_empty = (n..fields.len()).all(|i| !is_value(i));
            let head_empty = (0..extra).all(|i| !is_value(i));
            let tab = fields.first().is_some_and(|t| t.sep == Sep::Tab);
            match (head_empty, tail_empty) {
                (true, false) => return ok(exact(extra)),
                (false, true) => return ok(exact(0)),
                (true, true) => return ok(exact(if tab { extra } else { 0 })),
                (false, false) if values == n => {
                    // Empty cells on both sides, as many values as cells (a header column
                    // split in two shifts them): each cell takes the next value.
                    let mut kept = (0..fields.len()).filter(|&i| is_value(i));
                    let slots = (0..n)
                        .map(|_| {
                            kept.next()
                                .map_or(Slot::Unknown, |i| Slot::Field(i, Confidence::Inferred))
                        })
                        .collect();
                    return ok(slots);
                }
                (false, false) => {}
            }
        }
    } else if values == n {
        return ok(exact(0));
    } else if values == 0 {
        return ok(vec![Slot::Blank; n]);
    } else if values == 1 && lone_is_total && n > 1 {
        let mut slots = vec![Slot::Blank; n];
        if let Some(last) = slots.last_mut() {
            *last = Slot::Field(0, Confidence::Inferred);
        }
        return ok(slots);
    }
    let miscount = Some((values, n));
    if values <= n {
        return Placement {
            slots: vec![Slot::Unknown; n],
            miscount,
        };
    }
    // More values than cells: cell c may take any value from c to c + extra; it is certain when
    // all of them agree.
    let kept: Vec<usize> = (0..fields.len()).filter(|&i| is_value(i)).collect();
    let extra = kept.len() - n;
    let slots = (0..n)
        .map(|c| {
            let window = kept.get(c..=c + extra).unwrap_or_default();
            match window.split_first() {
                Some((&first, rest)) if rest.iter().all(|&j| same(first, j)) => {
                    Slot::Field(first, Confidence::Inferred)
                }
                _ => Slot::Unknown,
            }
        })
        .collect();
    Placement { slots, miscount }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(kind: Kind, sep: Sep) -> Token {
        Token {
            kind,
            span: 0..0,
            line: 0,
            sep,
        }
    }

    fn fields(spec: &str, sep: Sep) -> Vec<Token> {
        spec.chars()
            .map(|c| tok(if c == '_' { Kind::Empty } else { Kind::Value }, sep))
            .collect()
    }

    fn run(spec: &str, sep: Sep, n: usize, lone: bool) -> Placement {
        let owned = fields(spec, sep);
        let refs: Vec<&Token> = owned.iter().collect();
        place(&refs, n, lone, |_, _| true)
    }

    #[test]
    fn pipes_pad_at_the_end_and_tabs_at_the_start() {
        let p = run("vvv__", Sep::Pipe, 3, false);
        assert_eq!(p.slots[2], Slot::Field(2, Confidence::Exact));
        let t = run("__vv", Sep::Tab, 3, false);
        assert_eq!(
            t.slots,
            vec![
                Slot::Blank,
                Slot::Field(2, Confidence::Exact),
                Slot::Field(3, Confidence::Exact)
            ]
        );
        assert!(p.miscount.is_none() && t.miscount.is_none());
    }

    #[test]
    fn a_lone_number_is_the_total() {
        let p = run("v", Sep::Space, 7, true);
        assert_eq!(p.slots[6], Slot::Field(0, Confidence::Inferred));
        assert_eq!(p.slots[0], Slot::Blank);
    }

    #[test]
    fn too_few_values_are_not_placed_and_are_flagged() {
        let p = run("vv", Sep::Space, 15, false);
        assert!(p.slots.iter().all(|s| *s == Slot::Unknown));
        assert_eq!(p.miscount, Some((2, 15)));
    }

    #[test]
    fn extra_values_keep_what_every_reading_agrees_on() {
        let owned = fields("vvvv", Sep::Tab);
        let refs: Vec<&Token> = owned.iter().collect();
        // fields 0,1,2 hold 0 and field 3 holds 9: readings of cell 2 disagree.
        let same = |a: usize, b: usize| (a == 3) == (b == 3);
        let p = place(&refs, 3, false, same);
        assert_eq!(p.miscount, Some((4, 3)));
        assert_eq!(p.slots[0], Slot::Field(0, Confidence::Inferred));
        assert_eq!(p.slots[2], Slot::Unknown);
    }
}
