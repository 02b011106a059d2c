//! Table 四 from reading-order PDF text, where its 15 numbers come in blocks between fragments of
//! its header (`维持` `纠正` `总计` …) and the blocks are not in the columns' order.
//!
//! Each block is a run of numbers printed together, in column order among themselves; laid end
//! to end in some order, the blocks fill the 15 cells. Every order is a reading. The readings in
//! which each row's 总计 is the sum of its four results are kept; when none is, the printed order
//! is the only reading (the rules then show which totals fail). A cell takes a value only where
//! every kept reading agrees, so a choice the text does not make is left to the reviewer.
//!
//! Main items: [`read`], [`Scattered`].

use rust_decimal::Decimal;

use super::align::Slot;
use super::token::{Kind, Token};
use crate::report::{Confidence, whole_number};

/// Characters of table 四's header; a label made only of these is a header fragment.
const HEADER_CHARS: &str = "行政复议诉讼未经直接起后结果维持纠正其他尚审总计()";
/// More blocks than this are too many orders to try (and no longer a table read in pieces).
const MAX_BLOCKS: usize = 6;

/// Table 四 read from blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scattered<'t> {
    /// The numbers in printed order.
    pub fields: Vec<&'t Token>,
    /// Each cell's field, where every kept reading agrees.
    pub slots: Vec<Slot>,
    /// How many blocks the numbers came in.
    pub blocks: usize,
    /// Cells per row.
    pub width: usize,
    /// How many readings were kept.
    pub readings: usize,
    /// The values of each kept reading, cell by cell.
    pub kept: Vec<Vec<Decimal>>,
    /// Whether the kept readings are those whose totals hold (else: the printed order).
    pub totals_hold: bool,
    /// Whether the narrative's statement of the first row chose among them.
    pub narrative: bool,
}

/// Reads `cells` cells, rows of `width` (the last of each its total), from the tokens after
/// table 四's heading at `heading`; `None` unless they are header fragments and exactly `cells`
/// numbers in more than one block. `stated_first_row` (the narrative's first row) is asked
/// only when it could choose among readings: reading the narrative costs more than the rest.
pub(crate) fn read<'t>(
    tokens: &'t [Token],
    heading: usize,
    cells: usize,
    width: usize,
    value: &dyn Fn(&Token) -> Option<Decimal>,
    stated_first_row: &dyn Fn() -> Option<Vec<Decimal>>,
) -> Option<Scattered<'t>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut fields: Vec<&Token> = Vec::new();
    let mut open = false;
    for token in tokens.iter().skip(heading + 1) {
        match token.label() {
            Some(label) if is_header_fragment(label) => open = false,
            Some(_) => break,
            None if token.kind == Kind::Empty => {}
            None => {
                if !open {
                    blocks.push(Vec::new());
                    open = true;
                }
                blocks.last_mut()?.push(fields.len());
                fields.push(token);
            }
        }
    }
    if fields.len() != cells || blocks.len() < 2 || blocks.len() > MAX_BLOCKS || width == 0 {
        return None;
    }
    let values: Vec<Decimal> = fields.iter().map(|t| value(t)).collect::<Option<_>>()?;
    // Whole numbers (most tables) are summed as integers.
    let whole: Option<Vec<i128>> = values.iter().map(whole_number).collect();
    let mut holding: Vec<Vec<usize>> = Vec::new();
    let mut reading: Vec<usize> = Vec::with_capacity(cells);
    for order in permutations(blocks.len()) {
        reading.clear();
        reading.extend(
            order
                .iter()
                .filter_map(|&b| blocks.get(b))
                .flatten()
                .copied(),
        );
        let same_values = |other: &Vec<usize>| {
            other
                .iter()
                .zip(&reading)
                .all(|(a, b)| values.get(*a) == values.get(*b))
        };
        let holds = match whole
            .as_deref()
            .and_then(|w| whole_totals_hold(&reading, w, width))
        {
            Some(holds) => holds,
            None => totals_hold(&reading, &values, width),
        };
        if holds && !holding.iter().any(same_values) {
            holding.push(reading.clone());
        }
    }
    let totals_hold = !holding.is_empty();
    if !totals_hold {
        holding.push((0..cells).collect());
    }
    // One reading needs no choosing.
    let stated_row = (totals_hold && holding.len() > 1)
        .then(stated_first_row)
        .flatten();
    let prints_stated = |reading: &&Vec<usize>| {
        stated_row.as_ref().is_some_and(|row| {
            row.len() == width
                && reading
                    .iter()
                    .zip(row)
                    .all(|(field, stated)| values.get(*field) == Some(stated))
        })
    };
    let stated: Vec<Vec<usize>> = holding.iter().filter(prints_stated).cloned().collect();
    let narrative = !stated.is_empty() && stated.len() < holding.len();
    if narrative {
        holding = stated;
    }
    let first = holding.first()?;
    let slots = (0..cells)
        .map(|cell| {
            let field = *first.get(cell)?;
            let agreed = holding
                .iter()
                .all(|r| r.get(cell).and_then(|f| values.get(*f)) == values.get(field));
            agreed.then_some(Slot::Field(field, Confidence::Inferred))
        })
        .map(|slot| slot.unwrap_or(Slot::Unknown))
        .collect();
    Some(Scattered {
        fields,
        slots,
        blocks: blocks.len(),
        width,
        readings: holding.len(),
        kept: holding
            .iter()
            .map(|r| r.iter().filter_map(|f| values.get(*f).copied()).collect())
            .collect(),
        totals_hold,
        narrative,
    })
}

/// Whether a label (in matching form) is a piece of table 四's header.
fn is_header_fragment(label: &str) -> bool {
    !label.is_empty() && label.chars().all(|c| HEADER_CHARS.contains(c))
}

/// Whether every row of `width` cells of the reading (fields in cell order) ends in its sum.
fn totals_hold(reading: &[usize], values: &[Decimal], width: usize) -> bool {
    reading.chunks(width).all(|row| {
        let Some((total, parts)) = row.split_last() else {
            return true;
        };
        let sum: Decimal = parts.iter().filter_map(|f| values.get(*f)).sum();
        values.get(*total) == Some(&sum)
    })
}

/// [`totals_hold`] for whole numbers; `None` should a sum overflow.
fn whole_totals_hold(reading: &[usize], values: &[i128], width: usize) -> Option<bool> {
    for row in reading.chunks(width) {
        let Some((total, parts)) = row.split_last() else {
            continue;
        };
        let mut sum: i128 = 0;
        for part in parts {
            if let Some(v) = values.get(*part) {
                sum = sum.checked_add(*v)?;
            }
        }
        if values.get(*total) != Some(&sum) {
            return Some(false);
        }
    }
    Some(true)
}

/// Every order of `0..n` (`n` up to [`MAX_BLOCKS`]), in lexicographic order (the identity
/// first): made once per `n`.
fn permutations(n: usize) -> &'static [Vec<usize>] {
    static ORDERS: std::sync::LazyLock<Vec<Vec<Vec<usize>>>> =
        std::sync::LazyLock::new(|| (0..=MAX_BLOCKS).map(orders).collect());
    ORDERS.get(n).map_or(&[], Vec::as_slice)
}

/// Every order of `0..n`, in lexicographic order.
fn orders(n: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for _ in 0..n {
        let mut longer = Vec::new();
        for partial in &out {
            for i in (0..n).filter(|i| !partial.contains(i)) {
                let mut next = partial.clone();
                next.push(i);
                longer.push(next);
            }
        }
        out = longer;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Document, Format};
    use crate::report::parse_value;
    use crate::template::ValueKind;

    /// Reads table 四 from `text` (its heading on the first line).
    fn scattered(text: &str) -> Option<(Vec<Option<String>>, usize, bool)> {
        scattered_with(text, None)
    }

    fn scattered_with(
        text: &str,
        stated: Option<Vec<Decimal>>,
    ) -> Option<(Vec<Option<String>>, usize, bool)> {
        let doc = Document::from_text(Format::Text, text);
        let tokens = super::super::tokenize::tokenize(&doc);
        let value = |t: &Token| {
            parse_value(doc.text.get(t.span.clone()).unwrap_or(""), ValueKind::Count).number()
        };
        let s = read(&tokens, 0, 15, 5, &value, &|| stated.clone())?;
        let cells = s
            .slots
            .iter()
            .map(|slot| match slot {
                Slot::Field(f, _) => s
                    .fields
                    .get(*f)
                    .and_then(|t| doc.text.get(t.span.clone()))
                    .map(str::to_owned),
                _ => None,
            })
            .collect();
        Some((cells, s.readings, s.totals_hold))
    }

    /// Each row printed whole (or its total after 总计), the rows out of order: any row order
    /// makes the totals hold.
    const ROWS_WHOLE: &str = "四、政府信息公开行政复议、行政诉讼情况\n维持 纠正\n72\n64\n178\n37\n\
        结果\n12\n1\n1\n6\n总计\n351\n审结\n13\n4\n8\n1\n26\n总计\n20\n五、存在的主要问题\n";

    fn all(values: &[&str]) -> Vec<Option<String>> {
        values.iter().map(|v| Some((*v).to_owned())).collect()
    }

    #[test]
    fn the_one_order_whose_totals_hold_is_read() {
        // The last ten cells are printed before the first five and the first of the rest.
        let text = "四、政府信息公开行政复议、行政诉讼情况\n维持\n0 0 0 1 2 0 0 0 2\n\
                    总计\n5 3 0 0 8 1\n五、存在的主要问题\n";
        let (cells, readings, holds) = scattered(text).unwrap();
        assert!(holds);
        assert_eq!(readings, 1);
        assert_eq!(
            cells,
            all(&[
                "5", "3", "0", "0", "8", "1", "0", "0", "0", "1", "2", "0", "0", "0", "2"
            ])
        );
    }

    #[test]
    fn rows_that_could_go_anywhere_stay_blank() {
        let (cells, readings, holds) = scattered(ROWS_WHOLE).unwrap();
        assert!(holds);
        assert_eq!(readings, 6);
        assert!(cells.iter().all(Option::is_none));
    }

    #[test]
    fn the_narrative_statement_of_the_review_row_picks_its_readings() {
        let stated = [72, 64, 178, 37, 351].map(Decimal::from).to_vec();
        let (cells, readings, _) = scattered_with(ROWS_WHOLE, Some(stated)).unwrap();
        // The review row is the stated one; which lawsuit row is which stays open.
        assert_eq!(readings, 2);
        assert_eq!(
            cells.get(..5).unwrap(),
            all(&["72", "64", "178", "37", "351"]).as_slice()
        );
        assert!(cells.get(5..).unwrap().iter().all(Option::is_none));
        // A statement no reading prints changes nothing.
        let wrong = [1, 1, 1, 1, 4].map(Decimal::from).to_vec();
        let (_, readings, _) = scattered_with(ROWS_WHOLE, Some(wrong)).unwrap();
        assert_eq!(readings, 6);
    }

    #[test]
    fn with_no_order_holding_the_printed_order_is_read() {
        // The published review total is wrong (0 for 10 + 1): no order mends it.
        let text = "四、政府信息公开行政复议、行政诉讼情况\n维持 纠正\n\
                    10 1 0 0 0 0 0 0 0 0 5 0 0 0\n总 计\n0\n五、存在的主要问题\n";
        let (cells, readings, holds) = scattered(text).unwrap();
        assert!(!holds);
        assert_eq!(readings, 1);
        assert_eq!(
            cells,
            all(&[
                "10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"
            ])
        );
    }

    #[test]
    fn other_words_or_counts_are_not_table_four() {
        let narrative = "四、政府信息公开行政复议、行政诉讼情况\n1 2 3\n今年共收到申请 12 件\n";
        assert_eq!(scattered(narrative), None);
        let one_block = "四、政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
        assert_eq!(scattered(one_block), None);
    }

    #[test]
    fn permutations_start_with_the_identity() {
        let all = permutations(3);
        assert_eq!(all.len(), 6);
        assert_eq!(all.first(), Some(&vec![0, 1, 2]));
    }
}
