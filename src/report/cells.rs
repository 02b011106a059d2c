//! [`Cells`]: a report's cells, one slot for each key of every form, in key order.
//!
//! A key carries its rank among all keys, so a cell is found by indexing, not by searching; every
//! rule, every extraction step and every export looks cells up, and this is most of what that
//! costs. The methods are those of the ordered map this replaced, with the same order.

use super::{Cell, CellKey};

/// A report's cells by key, iterated in key order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cells {
    /// Indexed by key rank; `None` where the report's form has no such cell.
    slots: Vec<Option<(CellKey, Cell)>>,
    len: usize,
}

impl Cells {
    /// No cells.
    pub fn new() -> Cells {
        Cells::default()
    }

    /// The cell at `key`, if the report has it.
    pub fn get(&self, key: &CellKey) -> Option<&Cell> {
        self.slots.get(key.index())?.as_ref().map(|(_, cell)| cell)
    }

    /// The cell at `key` to change, if the report has it.
    pub fn get_mut(&mut self, key: &CellKey) -> Option<&mut Cell> {
        self.slots
            .get_mut(key.index())?
            .as_mut()
            .map(|(_, cell)| cell)
    }

    /// Puts `cell` at `key`; returns the cell it replaces.
    pub fn insert(&mut self, key: CellKey, cell: Cell) -> Option<Cell> {
        let index = key.index();
        if self.slots.len() <= index {
            self.slots.resize(index + 1, None);
        }
        let slot = self.slots.get_mut(index)?;
        let old = slot.replace((key, cell)).map(|(_, old)| old);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    /// How many cells there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Keys and cells in key order.
    pub fn iter(&self) -> Iter<'_> {
        self.slots.iter().filter_map(entry)
    }

    /// Keys and cells to change, in key order.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        self.slots.iter_mut().filter_map(entry_mut)
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &CellKey> {
        self.iter().map(|(key, _)| key)
    }

    /// Cells in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Cell> {
        self.iter().map(|(_, cell)| cell)
    }

    /// Cells to change, in key order.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Cell> {
        self.iter_mut().map(|(_, cell)| cell)
    }
}

impl FromIterator<(CellKey, Cell)> for Cells {
    fn from_iter<I: IntoIterator<Item = (CellKey, Cell)>>(pairs: I) -> Cells {
        let mut cells = Cells::new();
        for (key, cell) in pairs {
            cells.insert(key, cell);
        }
        cells
    }
}

/// [`Cells::iter`]'s iterator.
pub type Iter<'a> = std::iter::FilterMap<
    std::slice::Iter<'a, Option<(CellKey, Cell)>>,
    fn(&'a Option<(CellKey, Cell)>) -> Option<(&'a CellKey, &'a Cell)>,
>;

/// [`Cells::iter_mut`]'s iterator.
pub type IterMut<'a> = std::iter::FilterMap<
    std::slice::IterMut<'a, Option<(CellKey, Cell)>>,
    fn(&'a mut Option<(CellKey, Cell)>) -> Option<(&'a CellKey, &'a mut Cell)>,
>;

fn entry(slot: &Option<(CellKey, Cell)>) -> Option<(&CellKey, &Cell)> {
    slot.as_ref().map(|(key, cell)| (key, cell))
}

fn entry_mut(slot: &mut Option<(CellKey, Cell)>) -> Option<(&CellKey, &mut Cell)> {
    slot.as_mut().map(|(key, cell)| (&*key, cell))
}

impl<'a> IntoIterator for &'a Cells {
    type Item = (&'a CellKey, &'a Cell);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Cells {
    type Item = (&'a CellKey, &'a mut Cell);
    type IntoIter = IterMut<'a>;

    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

impl IntoIterator for Cells {
    type Item = (CellKey, Cell);
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Option<(CellKey, Cell)>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.slots.into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::TableId;
    use crate::{Value, report::Status};

    fn key(row: &str, col: &str) -> CellKey {
        CellKey::of(TableId::Requests, row, col).unwrap()
    }

    #[test]
    fn behaves_as_an_ordered_map_of_keys() {
        let (a, b) = (key("received", "total"), key("carried_in", "natural"));
        let mut cells = Cells::new();
        assert!(cells.is_empty() && cells.get(&a).is_none());
        assert_eq!(cells.insert(a, Cell::default()), None);
        let blank = Cell {
            status: Status::Blank,
            ..Cell::default()
        };
        assert_eq!(cells.insert(b, blank.clone()), None);
        assert_eq!(cells.len(), 2);
        // Key order, whatever the insertion order.
        let mut sorted = vec![a, b];
        sorted.sort();
        assert_eq!(cells.keys().copied().collect::<Vec<_>>(), sorted);
        if let Some(cell) = cells.get_mut(&a) {
            cell.value = Value::Number(3.into());
        }
        assert_eq!(
            cells.get(&a).map(|c| &c.value),
            Some(&Value::Number(3.into()))
        );
        let old = cells.insert(a, blank.clone());
        assert_eq!(old.map(|c| c.value), Some(Value::Number(3.into())));
        assert_eq!(cells.len(), 2);
        assert!(cells.values().all(|c| *c == blank));
        let collected: Cells = cells.iter().map(|(k, c)| (*k, c.clone())).collect();
        assert_eq!(collected, cells);
    }
}
