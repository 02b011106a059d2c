//! Reading table 三 as one sequence of rows when its labels are out of line with its numbers.
//!
//! Reading-order PDF text prints labels and numbers apart (sometimes numbers first); PDF-to-Markdown
//! splits the table at page breaks and leaves orphan rows `| 0 | 0 | … |` whose label sits
//! elsewhere. The form's row order is fixed, so when the numbers between the table's first row
//! label and table 四 make exactly one full row per data row, they can be dealt out in order.
//! Whether that reading is kept is decided by the rules (`rows`), never here.
//!
//! Main items: [`chunks`], [`Chunks`].

use super::tokens::{Kind, Sep, Token};

/// Table 三's numbers cut into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunks<'t> {
    /// One entry per data row, each `width` value or empty tokens.
    pub rows: Vec<Vec<&'t Token>>,
    /// Numbers outside any row (a lone number between Markdown rows), left out.
    pub strays: Vec<&'t Token>,
}

/// Cuts the value tokens of `tokens` into `rows` rows of `width` cells.
///
/// Lines that keep their cells (pipes, tabs) each make one row once their padding is trimmed;
/// otherwise every number is one cell, in reading order. `None` when the count does not fit.
pub(crate) fn chunks(tokens: &[Token], rows: usize, width: usize) -> Option<Chunks<'_>> {
    let mut lined: Vec<Vec<&Token>> = Vec::new();
    let mut loose: Vec<&Token> = Vec::new();
    let mut start = 0;
    while let Some(first) = tokens.get(start) {
        let end = tokens
            .get(start..)
            .and_then(|rest| rest.iter().position(|t| t.line != first.line))
            .map_or(tokens.len(), |p| p + start);
        let line = tokens.get(start..end).unwrap_or_default();
        start = end;
        if !line.iter().any(|t| t.kind == Kind::Value) {
            continue;
        }
        let mut fields: Vec<&Token> = line.iter().filter(|t| t.label().is_none()).collect();
        if fields.iter().all(|t| t.sep == Sep::Space) {
            loose.extend(fields);
            continue;
        }
        while fields.len() > width {
            if fields.last().is_some_and(|t| t.kind == Kind::Empty) {
                fields.pop();
            } else if fields.first().is_some_and(|t| t.kind == Kind::Empty) {
                fields.remove(0);
            } else {
                return None;
            }
        }
        if fields.len() != width {
            return None;
        }
        lined.push(fields);
    }
    let (rows_found, strays) = if lined.is_empty() {
        if loose.len() != rows * width {
            return None;
        }
        (loose.chunks(width).map(<[_]>::to_vec).collect(), Vec::new())
    } else {
        (lined, loose)
    };
    (rows_found.len() == rows).then_some(Chunks {
        rows: rows_found,
        strays,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;
    use crate::ingest::{Document, Format};

    fn count(text: &str, rows: usize, width: usize) -> Option<(usize, usize)> {
        let tokens = tokenize(&Document::from_text(Format::Text, text));
        chunks(&tokens, rows, width).map(|c| (c.rows.len(), c.strays.len()))
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
