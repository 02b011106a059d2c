//! Reading table 三 as one sequence of rows when its labels are out of line with its numbers.
//!
//! Reading-order PDF text prints labels and numbers apart (sometimes numbers first); PDF-to-Markdown
//! splits the table at page breaks and leaves orphan rows `| 0 | 0 | … |` whose label sits
//! elsewhere. The form's row order is fixed, so when the numbers between the table's first row
//! label and table 四 make exactly one full row per data row, they can be dealt out in order.
//! This module only cuts the numbers into rows, every way that fits; which reading is kept is
//! decided by the reconciliation rules in `in_order`, never here: the reading that breaks the
//! fewest of R1–R3 and holds the most (none when different readings tie), and only when it
//! breaks no more and holds more than the label walk's reading.
//!
//! Main items: [`chunks`], [`Chunks`].

use std::iter::Sum;

use super::token::{Kind, Sep, Token};

/// A cell's number as readings are judged on it: only sums and equality count, so `Decimal`
/// serves, and so does a plain integer when every number is whole (`in_order`).
pub(crate) trait Number: Copy + PartialEq + Sum {}

impl<T: Copy + PartialEq + Sum> Number for T {}

/// Table 三's numbers cut into rows, as indices into the tokens cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunks {
    /// Row after row, one row per data row and `width` cells a row: each cell's token (a value
    /// or an empty cell).
    pub cells: Grid,
    /// Numbers outside any row (a lone number between Markdown rows), left out.
    pub strays: Vec<usize>,
}

/// Cells row after row, each a token's index.
type Grid = Vec<usize>;

/// The number of token `i`, from `values` (one per token).
fn value<N: Number>(values: &[Option<N>], i: usize) -> Option<N> {
    values.get(i).copied().flatten()
}

/// Cuts the value tokens of `tokens` into `rows` rows of `width` cells.
///
/// Lines that keep their cells (pipes, tabs) each make one row once their padding is trimmed;
/// otherwise every number is one cell, in reading order, and a block of numbers between labels
/// holding several rows may have been read down its columns: it is read across or down,
/// whichever makes every row's total the sum of its cells (`values` holds each token's
/// number). Every such reading is returned, for the rules to choose; none when the count does
/// not fit.
pub(crate) fn chunks<N: Number>(
    tokens: &[Token],
    rows: usize,
    width: usize,
    values: &[Option<N>],
) -> Vec<Chunks> {
    let at = |i: &usize| tokens.get(*i);
    let mut lined: Grid = Vec::new();
    let mut lines = 0;
    let mut loose: Vec<usize> = Vec::new();
    // How many of `loose` each block holds: the blocks cut `loose` in order.
    let mut blocks: Vec<usize> = Vec::new();
    let mut fields: Vec<usize> = Vec::new();
    let mut broken = true;
    let mut start = 0;
    while let Some(first) = tokens.get(start) {
        let end = tokens
            .get(start..)
            .and_then(|rest| rest.iter().position(|t| t.line != first.line))
            .map_or(tokens.len(), |p| p + start);
        let line = tokens.get(start..end).unwrap_or_default();
        let numbered = (start..).zip(line);
        start = end;
        if !line.iter().any(|t| t.kind == Kind::Value) {
            broken |= line.iter().any(|t| t.is_label());
            continue;
        }
        fields.clear();
        fields.extend(numbered.filter(|(_, t)| !t.is_label()).map(|(i, _)| i));
        if fields.iter().filter_map(at).all(|t| t.sep == Sep::Space) {
            for token in line {
                if token.is_label() {
                    broken = true;
                } else {
                    if broken || blocks.is_empty() {
                        blocks.push(0);
                        broken = false;
                    }
                    if let Some(block) = blocks.last_mut() {
                        *block += 1;
                    }
                }
            }
            loose.extend_from_slice(&fields);
            continue;
        }
        let Some(row) = trimmed(&fields, width, at) else {
            return Vec::new();
        };
        lined.extend_from_slice(row);
        lines += 1;
    }
    if lines > 0 {
        if lines != rows {
            return Vec::new();
        }
        return vec![Chunks {
            cells: lined,
            strays: loose,
        }];
    }
    if loose.len() != rows * width {
        return Vec::new();
    }
    oriented(&loose, &blocks, width, values)
        .into_iter()
        .map(|cells| Chunks {
            cells,
            strays: Vec::new(),
        })
        .collect()
}

/// A line's `fields` without the empty cells padding them to more than `width`; `None` when
/// they are not `width` cells then.
fn trimmed<'f, 't>(
    mut fields: &'f [usize],
    width: usize,
    at: impl Fn(&usize) -> Option<&'t Token>,
) -> Option<&'f [usize]> {
    let empty = |i: Option<&usize>| i.and_then(&at).is_some_and(|t| t.kind == Kind::Empty);
    while fields.len() > width {
        fields = if empty(fields.last()) {
            fields.split_last()?.1
        } else if empty(fields.first()) {
            fields.split_first()?.1
        } else {
            return None;
        };
    }
    (fields.len() == width).then_some(fields)
}

/// Readings of a whole table kept at most; more and the table is not read in order at all.
const MAX_READINGS: usize = 64;

/// The readings of `loose` (all of its `blocks`, given by length, in order): each block read as
/// [`segmented`] says.
fn oriented<N: Number>(
    loose: &[usize],
    blocks: &[usize],
    width: usize,
    values: &[Option<N>],
) -> Vec<Grid> {
    if blocks.iter().any(|len| len % width != 0) {
        return vec![loose.to_vec()];
    }
    let mut readings: Vec<Grid> = vec![Vec::with_capacity(loose.len())];
    let mut rest = loose;
    for &len in blocks {
        let Some((block, after)) = rest.split_at_checked(len) else {
            return Vec::new();
        };
        rest = after;
        if len == width {
            // One row reads the same across and down, whether or not it sums.
            readings = extended(readings, block);
            continue;
        }
        let Some(options) = segmented(block, width, values) else {
            return Vec::new();
        };
        if readings.len() * options.len() > MAX_READINGS {
            return Vec::new();
        }
        readings = match options.as_slice() {
            // Read as printed, or one way only: every reading goes on the same.
            [] => extended(readings, block),
            [only] => extended(readings, only),
            _ => readings
                .iter()
                .flat_map(|prefix| {
                    options.iter().map(move |cells| {
                        let mut grid = Vec::with_capacity(prefix.len() + cells.len());
                        grid.extend_from_slice(prefix);
                        grid.extend_from_slice(cells);
                        grid
                    })
                })
                .collect(),
        };
    }
    readings
}

/// `readings`, each followed by `cells`.
fn extended(mut readings: Vec<Grid>, cells: &[usize]) -> Vec<Grid> {
    for grid in &mut readings {
        grid.extend_from_slice(cells);
    }
    readings
}

/// Distinct readings of a block kept while searching; more means the block is hopeless.
const MAX_BLOCK_READINGS: usize = 8;

/// Reads a block of whole rows as runs of rows, each printed across (one row) or down its
/// columns (several rows), such that every row's total is the sum of its cells.
///
/// Every distinct set of values that comes out (none: the block breaks R3 however read), or
/// `None` when there are too many.
fn segmented<N: Number>(block: &[usize], width: usize, values: &[Option<N>]) -> Option<Vec<Grid>> {
    let k = block.len() / width;
    // `at[o]`: the distinct readings of the block's first `o` rows.
    let mut at: Vec<Vec<Grid>> = vec![Vec::new(); k + 1];
    if let Some(first) = at.first_mut() {
        first.push(Vec::new());
    }
    let mut cells: Grid = Vec::with_capacity(block.len());
    for o in 0..k {
        // Only runs starting at row `o` extend these, so they can be taken.
        let prefixes = at.get_mut(o).map(std::mem::take).unwrap_or_default();
        if prefixes.is_empty() {
            continue;
        }
        for m in 1..=k - o {
            let Some(segment) = block.get(o * width..(o + m) * width) else {
                continue;
            };
            // Row `r` of `m` printed down the columns: cells `r`, `m + r`, `2m + r`, …
            cells.clear();
            cells.extend(
                (0..m)
                    .flat_map(|r| (0..width).filter_map(move |c| segment.get(c * m + r).copied())),
            );
            if !cells.chunks(width).all(|row| row_sums(row, values)) {
                continue;
            }
            let Some(slot) = at.get_mut(o + m) else {
                continue;
            };
            for prefix in &prefixes {
                let known = slot.iter().any(|g| {
                    g.split_at_checked(prefix.len())
                        .is_some_and(|(head, tail)| {
                            same_numbers(head, prefix, values) && same_numbers(tail, &cells, values)
                        })
                });
                if !known {
                    let mut grid = Vec::with_capacity(prefix.len() + cells.len());
                    grid.extend_from_slice(prefix);
                    grid.extend_from_slice(&cells);
                    slot.push(grid);
                }
                if slot.len() > MAX_BLOCK_READINGS {
                    return None;
                }
            }
        }
    }
    at.pop()
}

/// Whether cells `a` and `b` hold the same numbers, one by one.
fn same_numbers<N: Number>(a: &[usize], b: &[usize], values: &[Option<N>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(&i, &j)| value(values, i) == value(values, j))
}

/// The row's last cell is the sum of the others (each a number).
fn row_sums<N: Number>(row: &[usize], values: &[Option<N>]) -> bool {
    let Some((total, parts)) = row.split_last() else {
        return false;
    };
    let (Some(total), true) = (
        value(values, *total),
        parts.iter().all(|&i| value(values, i).is_some()),
    ) else {
        return false;
    };
    parts.iter().filter_map(|&i| value(values, i)).sum::<N>() == total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize::tokenize;
    use crate::ingest::{Document, Format};
    use rust_decimal::Decimal;

    fn numbers(doc: &Document, tokens: &[Token]) -> Vec<Option<Decimal>> {
        tokens
            .iter()
            .map(|t| doc.text.get(t.span.clone()).and_then(|s| s.parse().ok()))
            .collect()
    }

    fn read(text: &str, rows: usize, width: usize) -> Option<(Vec<Vec<String>>, usize)> {
        let doc = Document::from_text(Format::Text, text);
        let tokens = tokenize(&doc);
        let found = chunks(&tokens, rows, width, &numbers(&doc, &tokens));
        let [c] = found.as_slice() else {
            return None;
        };
        Some({
            let rows = c
                .cells
                .chunks(width)
                .map(|r| {
                    r.iter()
                        .filter_map(|&i| tokens.get(i))
                        .map(|t| doc.text.get(t.span.clone()).unwrap_or("").to_owned())
                        .collect()
                })
                .collect();
            (rows, c.strays.len())
        })
    }

    fn readings(text: &str, rows: usize, width: usize) -> usize {
        let doc = Document::from_text(Format::Text, text);
        let tokens = tokenize(&doc);
        chunks(&tokens, rows, width, &numbers(&doc, &tokens)).len()
    }

    fn count(text: &str, rows: usize, width: usize) -> Option<(usize, usize)> {
        read(text, rows, width).map(|(r, s)| (r.len(), s))
    }

    #[test]
    fn a_block_read_down_its_columns_is_turned_when_only_that_sums() {
        // Rows (1,2,3) and (4,0,4) printed down the columns: 1 4 2 0 3 4.
        let (rows, _) = read("甲\n1\n4\n2\n0\n3\n4\n", 2, 3).unwrap();
        assert_eq!(rows, vec![vec!["1", "2", "3"], vec!["4", "0", "4"]]);
        // Across: (1,1,2) and (0,0,0) sum; down: (1,0,0),(1,0,0) do not.
        let (rows, _) = read("甲\n1\n1\n2\n0\n0\n0\n", 2, 3).unwrap();
        assert_eq!(rows, vec![vec!["1", "1", "2"], vec!["0", "0", "0"]]);
        // Both directions sum and disagree: both readings go to the rules.
        assert_eq!(readings("甲\n0\n0\n0\n1\n0\n1\n", 2, 3), 2);
    }

    #[test]
    fn orphan_markdown_rows_count_as_rows() {
        let text = "| 甲 | 1 | 2 | 3 |\n| 4 | 5 | 6 |\n乙\n7\n| 丙 | 7 | 8 | 9 |  |\n";
        assert_eq!(count(text, 3, 3), Some((3, 1)));
        assert_eq!(count(text, 4, 3), None);
    }

    #[test]
    fn reading_order_numbers_are_dealt_in_order() {
        let text = "甲\n1\n2\n3\n4\n乙\n5\n6\n";
        assert_eq!(count(text, 2, 3), Some((2, 0)));
        assert_eq!(count(text, 2, 4), None);
        assert_eq!(count("1\n2\n甲\n3\n4\n", 2, 2), Some((2, 0)));
    }
}
