//! The tokens a document is cut into: labels, values and explicit empty cells, each with its
//! span, line and the separator of its line.
//!
//! Made by the tokenizer (`tokenize`, with `flattened` for flattened lines) and read by every later
//! stage. Owns no logic beyond a label's cached row match.
//!
//! Main items: [`Token`], [`Kind`], [`Label`], [`Sep`].

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
    /// The last answer to "which row does this label name, looking from row `next` on?":
    /// `(next, row)`. The walk asks it again when it reaches a label that ended a row.
    matched: Cell<Option<(usize, Option<usize>)>>,
}

impl Label {
    pub fn new(text: String) -> Label {
        Label {
            text,
            matched: Cell::new(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The row this label names looking from row `next` on, worked out by `find` once per `next`.
    pub fn matched(&self, next: usize, find: impl FnOnce() -> Option<usize>) -> Option<usize> {
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
