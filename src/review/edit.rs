//! [`Edit`]: one reviewer action on a cell, and the undo history that records it. A step of
//! the history holds one edit or several applied together (a paste, finishing a report), so
//! one undo takes back all of them.

use rust_decimal::Decimal;

use crate::report::{Cell, CellKey, Status, Value};

/// One reviewer action. The UI creates these; [`super::Session::apply`] carries them out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Edit {
    /// Replace a cell's value (typed by the reviewer). The cell becomes [`Status::Corrected`].
    SetValue {
        /// The cell.
        key: CellKey,
        /// Its new value.
        value: Value,
    },
    /// Replace a cell's note.
    SetNote {
        /// The cell.
        key: CellKey,
        /// The new note (empty removes it).
        note: String,
    },
    /// Apply a rule's suggested repair. The cell becomes [`Status::Corrected`].
    ApplyRepair {
        /// The cell.
        key: CellKey,
        /// The suggested number.
        value: Decimal,
    },
    /// Fill a cell from a reading the reviewer chose among those the source allows. The cell
    /// becomes [`Status::Chosen`] (the source was ambiguous, not wrong) and `note` says which
    /// reading; a note the cell had already is kept in front of it.
    Choose {
        /// The cell.
        key: CellKey,
        /// The reading's value for it.
        value: Value,
        /// Which reading of which finding (`读法 2/3（X4 …）`).
        note: String,
    },
    /// Set or clear a cell's checked flag ([`Cell::checked`]). The status stays: a corrected
    /// cell stays corrected.
    SetChecked {
        /// The cell.
        key: CellKey,
        /// Checked or not.
        checked: bool,
    },
}

impl Edit {
    /// The cell the edit changes.
    pub fn key(&self) -> CellKey {
        match self {
            Edit::SetValue { key, .. }
            | Edit::SetNote { key, .. }
            | Edit::ApplyRepair { key, .. }
            | Edit::Choose { key, .. }
            | Edit::SetChecked { key, .. } => *key,
        }
    }

    /// The cell after the edit, given the cell before it.
    pub(crate) fn applied_to(&self, before: &Cell) -> Cell {
        let mut cell = before.clone();
        match self {
            Edit::SetValue { value, .. } => {
                cell.value = value.clone();
                cell.status = Status::Corrected;
            }
            Edit::ApplyRepair { value, .. } => {
                cell.value = Value::Number(*value);
                cell.status = Status::Corrected;
            }
            Edit::Choose { value, note, .. } => {
                cell.value = value.clone();
                cell.status = Status::Chosen;
                if before.note.is_empty() {
                    cell.note = note.clone();
                } else if !before.note.contains(note.as_str()) {
                    cell.note = format!("{}；{note}", before.note);
                }
            }
            Edit::SetNote { note, .. } => cell.note = note.clone(),
            Edit::SetChecked { checked, .. } => cell.checked = *checked,
        }
        cell
    }
}

/// Edits applied together, with each cell they changed as it was before (in the order they
/// changed), so they can be undone exactly and at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) edits: Vec<Edit>,
    pub(crate) before: Vec<(CellKey, Cell)>,
}

impl Step {
    /// The first cell the step changed.
    pub(crate) fn key(&self) -> Option<CellKey> {
        self.before.first().map(|(key, _)| *key)
    }
}

/// Undo and redo stacks. A new edit clears redo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct History {
    pub(crate) done: Vec<Step>,
    pub(crate) undone: Vec<Step>,
}

impl History {
    pub(crate) fn record(&mut self, step: Step) {
        self.done.push(step);
        self.undone.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{FORM_2019, TableId};

    fn key() -> CellKey {
        CellKey::new(&FORM_2019, TableId::Requests, "total", "total").expect("key")
    }

    #[test]
    fn statuses_follow_the_edit() {
        let before = Cell::default();
        let set = Edit::SetValue {
            key: key(),
            value: Value::Number(5.into()),
        };
        assert_eq!(set.applied_to(&before).status, Status::Corrected);
        let check = Edit::SetChecked {
            key: key(),
            checked: true,
        };
        let checked = check.applied_to(&before);
        assert!(checked.checked);
        assert_eq!(checked.status, Status::Extracted);
        let corrected = set.applied_to(&before);
        let still = check.applied_to(&corrected);
        assert_eq!((still.status, still.checked), (Status::Corrected, true));
        let noted = Edit::SetNote {
            key: key(),
            note: "见原文".into(),
        }
        .applied_to(&before);
        assert_eq!(noted.note, "见原文");
        assert_eq!(noted.status, Status::Extracted);
        assert_eq!(set.key(), key());
        let choose = Edit::Choose {
            key: key(),
            value: Value::Number(7.into()),
            note: "读法 2/3".into(),
        };
        let chosen = choose.applied_to(&noted);
        assert_eq!(chosen.status, Status::Chosen);
        assert_eq!(chosen.value, Value::Number(7.into()));
        assert_eq!(chosen.note, "见原文；读法 2/3", "the note before is kept");
        assert_eq!(choose.applied_to(&before).note, "读法 2/3");
    }
}
