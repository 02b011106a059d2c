//! Splitting a run of digits (`230 000023`) into a row's cells.
//!
//! A flattened table prints a row's numbers with no separator, so only the column count and
//! the rules can tell where one number ends. Every split into `n` numbers is tried: no number
//! has a leading zero (`0` itself excepted), a space or a unit (`19项1710.15万元`) always ends a
//! number, and the caller's rule check (R3 on a table-三 row, R4 on table 四) must hold. The
//! readings are returned as byte ranges of the document, so each cell keeps its own span.
//!
//! Main item: [`Run`].

use std::cell::OnceCell;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::report::{MAX_DIGITS, whole_number};

/// Readings beyond this many are not listed (the row is ambiguous anyway).
pub(crate) const MAX_READINGS: usize = 16;
/// Splits tried before giving up on a run.
const MAX_TRIED: usize = 200_000;

/// One way to read a run: a byte range per cell.
pub(crate) type Reading = Vec<Range<usize>>;

/// A run's digits and decimal points, cut into pieces.
struct Pieces {
    /// The chars of every piece, one piece after another.
    chars: Vec<char>,
    /// The byte offset (in the document) of each of `chars`.
    bounds: Vec<usize>,
    pieces: Vec<Piece>,
}

/// A stretch of digits (and decimal points) that no space or unit interrupts.
#[derive(Debug, Clone)]
struct Piece {
    /// Its chars, in [`Pieces::chars`].
    chars: Range<usize>,
    /// Where the cell that ends the stretch ends (after a unit, if any).
    end: usize,
}

/// Cuts `text` (found at byte `offset` of the document) into pieces.
fn pieces(text: &str, offset: usize, spaces_split: bool) -> Pieces {
    let mut out = Pieces {
        chars: Vec::with_capacity(text.len()),
        bounds: Vec::with_capacity(text.len()),
        pieces: Vec::new(),
    };
    let mut current: Option<Piece> = None;
    for (i, c) in text.char_indices() {
        let numeric = c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．');
        if numeric {
            let first = out.chars.len();
            let piece = current.get_or_insert(Piece {
                chars: first..first,
                end: 0,
            });
            out.bounds.push(offset + i);
            out.chars.push(c);
            piece.chars.end += 1;
            piece.end = offset + i + c.len_utf8();
        } else if c.is_whitespace() && !spaces_split {
            continue;
        } else if let Some(piece) = current.take() {
            out.pieces.push(piece);
        }
        if !numeric && !c.is_whitespace() {
            // A unit: it belongs to the last cell.
            if let Some(last) = out.pieces.last_mut() {
                last.end = offset + i + c.len_utf8();
            }
        }
    }
    out.pieces.extend(current);
    out
}

/// A run of digits (`230 000023`) to read as cells; found at byte `offset` of the document.
pub(crate) struct Run<'t> {
    text: &'t str,
    offset: usize,
    /// Its pieces cut at spaces.
    at_spaces: Pieces,
    /// Its pieces with spaces ignored, cut when first needed.
    joined: OnceCell<Pieces>,
}

impl<'t> Run<'t> {
    pub(crate) fn new(text: &'t str, offset: usize) -> Run<'t> {
        Run {
            text,
            offset,
            at_spaces: pieces(text, offset, true),
            joined: OnceCell::new(),
        }
    }

    /// Every reading of the run as `n` cells on which `holds` is true, up to `limit` of them.
    ///
    /// Spaces end a number; when no reading fits that way, spaces are ignored. When the digits
    /// cannot fill `n` cells at all, one of the spaces marks a blank cell (see [`with_blank`]).
    /// The second value is `true` when the search was cut short (too many splits to try).
    ///
    /// [`with_blank`]: Run::with_blank
    pub(crate) fn readings(
        &self,
        n: usize,
        limit: usize,
        holds: impl Fn(&[Decimal]) -> bool,
    ) -> (Vec<Reading>, bool) {
        let found = search(&self.at_spaces, n, limit, &holds);
        if !found.0.is_empty() {
            return found;
        }
        let joined = self
            .joined
            .get_or_init(|| pieces(self.text, self.offset, false));
        let found = search(joined, n, limit, &holds);
        if !found.0.is_empty()
            || n < 2
            || self.at_spaces.pieces.len() < 2
            || !search(joined, n, 1, &|_| true).0.is_empty()
        {
            return found;
        }
        self.with_blank(n, limit, &holds)
    }

    /// Readings of `n - 1` cells cut at spaces, with a blank cell at one of the spaces: `3 00003`
    /// for seven cells is 3, blank, 0, 0, 0, 0, 3. `holds` sees the blank as 0; its range is
    /// empty, where the space starts.
    fn with_blank(
        &self,
        n: usize,
        limit: usize,
        holds: &dyn Fn(&[Decimal]) -> bool,
    ) -> (Vec<Reading>, bool) {
        let inner = limit.saturating_mul(8);
        let (fewer, cut) = search(&self.at_spaces, n - 1, inner, &|_| true);
        let ends: Vec<usize> = self
            .at_spaces
            .pieces
            .iter()
            .rev()
            .skip(1)
            .map(|p| p.end)
            .collect();
        let mut out = Vec::new();
        for reading in &fewer {
            let values: Option<Vec<Decimal>> = reading
                .iter()
                .map(|span| {
                    let text = self
                        .text
                        .get(span.start - self.offset..span.end - self.offset)?;
                    let chars: Vec<char> = text
                        .chars()
                        .filter(|c| digit(*c).is_some() || matches!(c, '.' | '．'))
                        .collect();
                    number(&chars)
                })
                .collect();
            let Some(values) = values else { continue };
            for (i, span) in reading.iter().enumerate() {
                if !ends.contains(&span.end) {
                    continue;
                }
                let mut with = values.clone();
                with.insert(i + 1, Decimal::ZERO);
                if holds(&with) && out.len() < limit {
                    let mut cells = reading.clone();
                    cells.insert(i + 1, span.end..span.end);
                    out.push(cells);
                }
            }
        }
        (out, cut || fewer.len() >= inner)
    }
}

fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
        .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

/// The number `chars` spell, when it is written the way a cell would be.
fn number(chars: &[char]) -> Option<Decimal> {
    let (first, rest) = chars.split_first()?;
    let last = chars.last()?;
    if digit(*first).is_none() || digit(*last).is_none() {
        return None;
    }
    let dots = chars.iter().filter(|c| matches!(c, '.' | '．')).count();
    if dots > 1 || digit(*first) == Some(0) && rest.first().is_some_and(|c| digit(*c).is_some()) {
        return None;
    }
    // No leading zero: as many whole digits as its size needs (see `is_plausible`).
    let whole_digits = chars.iter().take_while(|c| digit(**c).is_some()).count();
    if whole_digits > MAX_DIGITS as usize {
        return None;
    }
    mantissa(chars).or_else(|| plain(chars).parse().ok())
}

/// `chars` (digits and decimal points, full-width or not) as ASCII text.
fn plain(chars: &[char]) -> String {
    chars
        .iter()
        .map(|&c| {
            digit(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or('.')
        })
        .collect()
}

/// The number of `chars` (digits and at most one decimal point), read straight into a
/// [`Decimal`] when its digits fit an `i64`: what parsing its text gives, without building
/// the text.
fn mantissa(chars: &[char]) -> Option<Decimal> {
    let mut mantissa: i64 = 0;
    let mut scale = None;
    for &c in chars {
        match digit(c) {
            Some(d) => {
                mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(d))?;
                scale = scale.map(|s: u32| s + 1);
            }
            None => scale = Some(0),
        }
    }
    Decimal::try_new(mantissa, scale.unwrap_or(0)).ok()
}

fn search(
    pieces: &Pieces,
    n: usize,
    limit: usize,
    holds: &dyn Fn(&[Decimal]) -> bool,
) -> (Vec<Reading>, bool) {
    let mut state = Search {
        pieces,
        n,
        limit,
        holds,
        values: Vec::with_capacity(n),
        spans: Vec::with_capacity(n),
        out: Vec::new(),
        tried: 0,
    };
    state.piece(0);
    (state.out, state.tried >= MAX_TRIED)
}

struct Search<'a> {
    pieces: &'a Pieces,
    n: usize,
    /// Readings after which the search stops.
    limit: usize,
    holds: &'a dyn Fn(&[Decimal]) -> bool,
    values: Vec<Decimal>,
    spans: Vec<Range<usize>>,
    out: Vec<Reading>,
    tried: usize,
}

impl Search<'_> {
    /// Splits piece `p` onwards, starting at its char 0.
    fn piece(&mut self, p: usize) {
        match self.pieces.pieces.get(p) {
            None => {
                self.tried += 1;
                if self.values.len() == self.n && (self.holds)(&self.values) {
                    self.out.push(self.spans.clone());
                }
            }
            Some(_) => self.cell(p, 0),
        }
    }

    /// Chooses where the cell starting at char `from` of piece `p` ends.
    fn cell(&mut self, p: usize, from: usize) {
        let pieces = self.pieces;
        let Some(piece) = pieces.pieces.get(p) else {
            return;
        };
        let len = piece.chars.len();
        let left = pieces.pieces.len() - p - 1;
        let later_chars: usize = pieces
            .pieces
            .get(p + 1..)
            .unwrap_or_default()
            .iter()
            .map(|q| q.chars.len())
            .sum();
        let first = piece.chars.start;
        for to in from + 1..=len {
            if self.tried >= MAX_TRIED || self.out.len() >= self.limit {
                return;
            }
            // Cells still to come need at least one char each, and every later piece one cell.
            let cells_after = self.n.saturating_sub(self.values.len() + 1);
            if self.values.len() + 1 + left > self.n {
                return;
            }
            if len - to + later_chars < cells_after {
                return;
            }
            if to < len && cells_after < left + 1 {
                continue;
            }
            let Some(value) = pieces.chars.get(first + from..first + to).and_then(number) else {
                continue;
            };
            let start = pieces
                .bounds
                .get(first + from)
                .copied()
                .unwrap_or(piece.end);
            let end = if to == len {
                piece.end
            } else {
                pieces.bounds.get(first + to).copied().unwrap_or(piece.end)
            };
            self.values.push(value);
            self.spans.push(start..end);
            if to == len {
                self.piece(p + 1);
            } else {
                self.tried += 1;
                self.cell(p, to);
            }
            self.values.pop();
            self.spans.pop();
        }
    }
}

/// `total` (the last value) is the sum of the others, for each group of `width` values.
pub(crate) fn sums_hold(values: &[Decimal], width: usize) -> bool {
    width > 1
        && values.chunks(width).all(|group| match group.split_last() {
            Some((total, parts)) => group.len() == width && sum_is(parts, total),
            None => true,
        })
}

/// Whether `parts` sum to `total`: on integers when all are whole (a split is tried many times
/// over), else on decimals.
fn sum_is(parts: &[Decimal], total: &Decimal) -> bool {
    let integers = parts
        .iter()
        .try_fold(0_i128, |sum, n| sum.checked_add(whole_number(n)?));
    match (integers, whole_number(total)) {
        (Some(sum), Some(total)) => sum == total,
        _ => parts.iter().sum::<Decimal>() == *total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, n: usize, width: usize) -> Vec<Vec<String>> {
        let check = |v: &[Decimal]| width == 0 || sums_hold(v, width);
        Run::new(text, 0)
            .readings(n, MAX_READINGS + 1, check)
            .0
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|s| text.get(s).unwrap_or("").to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn splits_a_requests_row_by_its_sum() {
        assert_eq!(
            texts("230 000023", 7, 7),
            vec![vec!["23", "0", "0", "0", "0", "0", "23"]]
        );
        assert_eq!(texts("0000000", 7, 7).len(), 1);
    }

    #[test]
    fn several_splits_are_all_returned() {
        // Seven digits for seven cells: one reading.
        assert_eq!(texts("1100002", 7, 7).len(), 1);
        // `12` is one cell: 1,2,… would need a total of 3.
        let r = texts("120000012", 7, 7);
        assert_eq!(r, vec![vec!["12", "0", "0", "0", "0", "0", "12"]]);
        // R3 alone cannot tell 2,20,… from 22,0,…
        assert_eq!(texts("220 000022", 7, 7).len(), 2);
        let many = texts("1111", 3, 0);
        assert_eq!(many.len(), 3);
    }

    #[test]
    fn numbers_read_straight_equal_their_parsed_text() {
        for text in [
            "0",
            "7",
            "23",
            "1710.15",
            "0.5",
            "12.00",
            "９９",
            "１．５",
            "999999999999999999",
            "1.00000000000000000000001",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let parsed: Decimal = plain(&chars).parse().unwrap();
            let read = number(&chars).unwrap();
            assert_eq!((read, read.scale()), (parsed, parsed.scale()), "{text}");
        }
        // Too large for any figure: no cell reads so.
        for text in ["1000000000000000000", "123456789012345678901234567"] {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(number(&chars), None, "{text}");
        }
        assert_eq!(number(&['0', '1']), None);
        assert_eq!(number(&['1', '.', '2', '.', '3']), None);
    }

    #[test]
    fn a_space_marks_the_blank_cell_when_the_digits_fill_one_cell_fewer() {
        // Six digits for seven cells: the blank sits at the space.
        assert_eq!(
            texts("3 00003", 7, 7),
            vec![vec!["3", "", "0", "0", "0", "0", "3"]]
        );
        // Enough digits: the space is only a boundary.
        assert_eq!(
            texts("230 000023", 7, 7),
            vec![vec!["23", "0", "0", "0", "0", "0", "23"]]
        );
        // No space: no place for a blank.
        assert!(texts("300003", 7, 7).is_empty());
    }

    #[test]
    fn units_end_a_number_and_stay_with_it() {
        assert_eq!(
            texts("19项1710.15万元", 2, 0),
            vec![vec!["19项", "1710.15万元"]]
        );
    }
}
