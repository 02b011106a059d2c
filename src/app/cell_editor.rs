//! [`CellEditor`]: the text being typed into one grid cell, with a caret, and how the typing
//! began. Typing over a cell ([`Mode::Replace`]) follows the spreadsheet habit: the arrows commit
//! the value and move. F2 or a double click ([`Mode::Edit`]) edits the value in place: the arrows
//! move the caret. Committing is not the editor's business: `ReviewApp::commit_pending` owns it.

use crate::CellKey;

/// How the typing began, which decides what the arrow keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A key was typed over the cell: arrows commit and move.
    Replace,
    /// F2 or a double click: arrows move the caret.
    Edit,
}

/// What is typed into one cell and not yet committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEditor {
    /// The cell typed into.
    pub key: CellKey,
    text: String,
    /// The caret, in characters from the start.
    caret: usize,
    mode: Mode,
}

impl CellEditor {
    /// Starts editing `key` with `text`, the caret at its end.
    pub fn new(key: CellKey, text: String, mode: Mode) -> CellEditor {
        let caret = text.chars().count();
        CellEditor {
            key,
            text,
            caret,
            mode,
        }
    }

    /// What is typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret, in characters from the start.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// How the typing began.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Switches to editing in place (F2 while typing over a cell).
    pub fn edit_in_place(&mut self) {
        self.mode = Mode::Edit;
    }

    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts `text` at the caret.
    pub fn insert(&mut self, text: &str) {
        let at = self.byte(self.caret);
        self.text.insert_str(at, text);
        self.caret += text.chars().count();
    }

    /// Deletes the character before the caret.
    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            let at = self.byte(self.caret);
            self.text.remove(at);
        }
    }

    /// Deletes the character after the caret.
    pub fn delete(&mut self) {
        if self.caret < self.text.chars().count() {
            let at = self.byte(self.caret);
            self.text.remove(at);
        }
    }

    /// Moves the caret by `step` characters, within the text.
    pub fn move_caret(&mut self, step: isize) {
        let len = self.text.chars().count();
        self.caret = self.caret.saturating_add_signed(step).min(len);
    }

    /// Moves the caret to the start (`false`) or the end (`true`).
    pub fn caret_to(&mut self, end: bool) {
        self.caret = if end { self.text.chars().count() } else { 0 };
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::template::{FORM_2019, TableId};

    fn key() -> CellKey {
        CellKey::new(&FORM_2019, TableId::Requests, "total", "total").unwrap()
    }

    #[test]
    fn the_caret_moves_and_edits_in_place() {
        let mut e = CellEditor::new(key(), "1不5".into(), Mode::Edit);
        assert_eq!(e.caret(), 3);
        e.move_caret(-1);
        e.insert("2");
        assert_eq!(e.text(), "1不25");
        e.caret_to(false);
        e.delete();
        assert_eq!(e.text(), "不25");
        e.backspace();
        assert_eq!(e.text(), "不25");
        e.move_caret(9);
        e.backspace();
        assert_eq!((e.text(), e.caret()), ("不2", 2));
        assert_eq!(e.mode(), Mode::Edit);
    }
}
