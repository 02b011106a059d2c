//! The tokens a document is cut into: labels, values and explicit empty cells, each with its
//! span, line and the separator of its line.
//!
//! Made by the tokenizer (`tokenize`, with `flattened` for flattened lines) and read by every later
//! stage. Owns no logic beyond a label's cached row match.
//!
//! Main items: [`Token`], [`Kind`], [`Label`], [`RowMatch`], [`Sep`].

use std::cell::Cell;
use std::ops::Range;

/// How a line separates its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// `a | b | c |`: positions kept, padding at the end.
    Pipe,
    /// `a\tb\tc`: positions kept, padding at the start (PDF text).
    Tab,
    /// `a b c`: blanks dropped.
    Space,
    /// Flattened text: a label and its digits run together (`数量230 000023`); see `flattened`.
    Run,
}

/// What a token holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text, in its matching form.
    Label(Label),
    /// Something that reads as a value.
    Value,
    /// An explicitly empty cell.
    Empty,
}

/// One cell of a pipe or tab line, or one word (or label, or digit run) of any other line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Byte range in the document text (trimmed).
    pub span: Range<usize>,
    /// 0-based line.
    pub line: usize,
    /// How its line separates cells.
    pub sep: Sep,
}

impl Token {
    pub fn label(&self) -> Option<&str> {
        self.label_text().map(Label::as_str)
    }

    pub fn label_text(&self) -> Option<&Label> {
        match &self.kind {
            Kind::Label(l) => Some(l),
            _ => None,
        }
    }
}

/// A label's matching form, and which row it names: the walk asks of one label several times
/// whether it names a row.
#[derive(Debug, Clone, Eq)]
pub(crate) struct Label {
    text: String,
    /// For a label put together from the label cells of one Markdown row: the pieces it was
    /// put together from, and their other order (see [`Joined`]).
    joined: Option<Box<Joined>>,
    /// The last answer to "which row does this label name, looking from row `next` on?":
    /// `(next, row)`. The walk asks it again when it reaches a label that ended a row.
    matched: Cell<Option<(usize, Option<RowMatch>)>>,
}

/// The row a label names, and whether the label named it on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowMatch {
    /// The row's index among the walk's targets.
    pub row: usize,
    /// Whether the row's own label matched with confidence: as printed in one piece, and not
    /// only by its tail (a tail such as `公开申请数量` ends several rows' labels). A row matched
    /// otherwise is read, but its cells are inferred.
    pub own: bool,
}

/// The label cells of one Markdown row joined into one label (`|一、本<br>公开申|年新收政<br>请数量|府信息|217|`):
/// PDF-to-Markdown tools cut a wrapped label across cells, each holding some of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Joined {
    /// Each cell's text, in matching form, in printed order.
    pub pieces: Vec<String>,
    /// The cells read line by line across (each cell's first line, then each one's second...),
    /// when some cell holds several lines: how a label wrapped over cells reads.
    pub across: Option<String>,
    /// Whether the pieces are the lines of one cell (`行政强制<br>第二十条第（八）项`), not
    /// several cells: the cell is then the row's own place, whole.
    pub one_cell: bool,
}

impl Label {
    pub fn new(text: String) -> Label {
        Label {
            text,
            joined: None,
            matched: Cell::new(None),
        }
    }

    /// A label joined from the label cells of one row: `pieces` in printed order (also its
    /// text), `across` as read line by line across the cells.
    pub fn joined(pieces: Vec<String>, across: Option<String>) -> Label {
        Label {
            text: pieces.concat(),
            joined: Some(Box::new(Joined {
                pieces,
                across,
                one_cell: false,
            })),
            matched: Cell::new(None),
        }
    }

    /// A label of one cell printed on several `lines`, each also read alone (a cell may run a
    /// row label into the next heading).
    pub fn of_lines(lines: Vec<String>) -> Label {
        Label {
            text: lines.concat(),
            joined: Some(Box::new(Joined {
                pieces: lines,
                across: None,
                one_cell: true,
            })),
            matched: Cell::new(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What it was joined from, if it was.
    pub fn pieces(&self) -> Option<&Joined> {
        self.joined.as_deref()
    }

    /// The texts it may be read as: its text, then (joined) the cells read across and each
    /// cell alone, last.
    pub fn readings(&self) -> impl Iterator<Item = &str> {
        let joined = self.joined.as_deref();
        std::iter::once(self.text.as_str())
            .chain(joined.and_then(|j| j.across.as_deref()))
            .chain(
                joined
                    .into_iter()
                    .flat_map(|j| j.pieces.iter().map(String::as_str)),
            )
    }

    /// The row this label names looking from row `next` on, worked out by `find` once per `next`.
    pub fn matched(
        &self,
        next: usize,
        find: impl FnOnce() -> Option<RowMatch>,
    ) -> Option<RowMatch> {
        if let Some((asked, row)) = self.matched.get()
            && asked == next
        {
            return row;
        }
        let row = find();
        self.matched.set(Some((next, row)));
        row
    }

    /// Appends a word read next on the same line.
    pub fn push_str(&mut self, more: &str) {
        self.text.push_str(more);
        self.matched = Cell::new(None);
    }
}

impl PartialEq for Label {
    fn eq(&self, other: &Label) -> bool {
        self.text == other.text
    }
}

#[cfg(test)]
impl From<&str> for Label {
    fn from(text: &str) -> Label {
        Label::new(text.to_owned())
    }
}

/// Units that follow a number as a separate word (`19 项`, `1710.15 万元`).
pub(crate) const UNITS: &[&str] = &["项", "件", "个", "条", "次", "元", "万元", "亿元"];
