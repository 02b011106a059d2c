//! The tokens a document is cut into: labels, values and explicit empty cells, each with its
//! span, line and the separator of its line.
//!
//! Made by the tokenizer (`tokenize`, with `flattened` for flattened lines) and read by every later
//! stage. Owns no logic beyond a label's cached row match.
//!
//! Main items: [`Token`], [`Kind`], [`Label`], [`RowMatch`], [`Sep`].

use std::cell::{Cell, OnceCell};
use std::ops::Range;

use crate::normalize;

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

    /// Whether it is a label (without folding its text).
    pub fn is_label(&self) -> bool {
        matches!(self.kind, Kind::Label(_))
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
///
/// A word of a white-space line keeps its text as printed until its matching form is first
/// asked for ([`Label::printed`]): most such words are narrative, far too long to name a row,
/// which [`Label::longer_than`] tells without folding them.
#[derive(Debug, Clone, Eq)]
pub(crate) struct Label {
    /// The matching form, once worked out (from `raw` when that is not empty).
    text: OnceCell<String>,
    /// The text as printed, while its matching form has not been asked for.
    raw: Box<str>,
    /// For a label put together from the label cells of one Markdown row: the pieces it was
    /// put together from, and their other order (see [`Joined`]).
    joined: Option<Box<Joined>>,
    /// The last answer to "which row does this label name, looking from row `next` on?":
    /// `(next, row)`. The walk asks it again when it reaches a label that ended a row.
    matched: Cell<Option<(usize, Option<RowMatch>)>>,
}

/// Labels printed in at most this many bytes are folded at once: one of 80 ideographs (the
/// longest a row label may be) takes more.
const LAZY_BYTES: usize = 240;

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
            text: OnceCell::from(text),
            raw: Box::default(),
            joined: None,
            matched: Cell::new(None),
        }
    }

    /// A label joined from the label cells of one row: `pieces` in printed order (also its
    /// text), `across` as read line by line across the cells.
    pub fn joined(pieces: Vec<String>, across: Option<String>) -> Label {
        Label {
            text: OnceCell::from(pieces.concat()),
            raw: Box::default(),
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
            text: OnceCell::from(lines.concat()),
            raw: Box::default(),
            joined: Some(Box::new(Joined {
                pieces: lines,
                across: None,
                one_cell: true,
            })),
            matched: Cell::new(None),
        }
    }

    /// A label of `raw` as printed (a word of a white-space line), folded when first asked
    /// when it is long (narrative), at once when it is short.
    pub fn printed(raw: &str) -> Label {
        if raw.len() <= LAZY_BYTES {
            return Label::new(normalize::label(raw));
        }
        Label {
            text: OnceCell::new(),
            raw: raw.into(),
            joined: None,
            matched: Cell::new(None),
        }
    }

    /// Its matching form.
    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| normalize::label(&self.raw))
    }

    /// Whether its matching form has more than `n` chars, told without folding it when the
    /// text as printed has more than `n` ideographs (each is one char of the matching form).
    pub fn longer_than(&self, n: usize) -> bool {
        if self.text.get().is_none()
            && self
                .raw
                .chars()
                .filter(|&c| normalize::is_ideograph(c))
                .nth(n)
                .is_some()
        {
            return true;
        }
        self.as_str().chars().nth(n).is_some()
    }

    /// What it was joined from, if it was.
    pub fn pieces(&self) -> Option<&Joined> {
        self.joined.as_deref()
    }

    /// The texts it may be read as: its text, then (joined) the cells read across and each
    /// cell alone, last.
    pub fn readings(&self) -> impl Iterator<Item = &str> {
        let joined = self.joined.as_deref();
        std::iter::once(self.as_str())
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

    /// Appends the label of a word read next on the same line. Two words not yet folded stay
    /// so when the second starts with an ideograph: the matching form of the two together is
    /// then their two forms run together (an ideograph composes with nothing before it, and a
    /// list marker's `、` is not one).
    pub fn append(&mut self, more: &Label) {
        if self.text.get().is_none()
            && more.text.get().is_none()
            && normalize::starts_with_ideograph(more.raw.as_bytes())
        {
            let mut raw = String::from(std::mem::take(&mut self.raw));
            raw.push_str(&more.raw);
            self.raw = raw.into();
        } else {
            let mut text = self.as_str().to_owned();
            text.push_str(more.as_str());
            self.text = OnceCell::from(text);
            self.raw = Box::default();
        }
        self.matched = Cell::new(None);
    }
}

impl PartialEq for Label {
    fn eq(&self, other: &Label) -> bool {
        self.as_str() == other.as_str()
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
