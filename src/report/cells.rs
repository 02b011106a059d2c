//! [`Cells`]: a report's cells in key order.
//!
//! A key carries its place among the keys of its form, and a report's cells are exactly its
//! form's cells in key order, so a cell is found by indexing, not by searching; every rule,
//! every extraction step and every export looks cells up, and this is most of what that costs.
//! A key from another form (same table, row and column, another place) is found by a binary
//! search. The methods are those of the ordered map this replaced, with the same order.

use super::{Cell, CellKey};

/// A report's cells by key, iterated in key order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cells {
    /// Sorted by key; for a report, exactly its form's cells, so a key's rank is its index.
    slots: Vec<(CellKey, Cell)>,
}

impl Cells {
    /// No cells.
    pub fn new() -> Cells {
        Cells::default()
    }

    /// Where `key` is, or where it would go (`Err`).
    fn find(&self, key: &CellKey) -> Result<usize, usize> {
        match self.slots.get(key.index()) {
            Some((k, _)) if k == key => Ok(key.index()),
            _ => self.slots.binary_search_by(|(k, _)| k.cmp(key)),
        }
    }

    /// The cell at `key`, if the report has it.
    pub fn get(&self, key: &CellKey) -> Option<&Cell> {
        let i = self.find(key).ok()?;
        self.slots.get(i).map(|(_, cell)| cell)
    }

    /// The cell at `key` to change, if the report has it.
    pub fn get_mut(&mut self, key: &CellKey) -> Option<&mut Cell> {
        let i = self.find(key).ok()?;
        self.slots.get_mut(i).map(|(_, cell)| cell)
    }

    /// Puts `cell` at `key`; returns the cell it replaces.
    pub fn insert(&mut self, key: CellKey, cell: Cell) -> Option<Cell> {
        match self.find(&key) {
            Ok(i) => self
                .slots
                .get_mut(i)
                .map(|slot| std::mem::replace(slot, (key, cell)).1),
            Err(i) => {
                self.slots.insert(i, (key, cell));
                None
            }
        }
    }

    /// How many cells there are.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Keys and cells in key order.
    pub fn iter(&self) -> Iter<'_> {
        self.slots.iter().map(entry)
    }

    /// Keys and cells to change, in key order.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        self.slots.iter_mut().map(entry_mut)
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
pub type Iter<'a> = std::iter::Map<
    std::slice::Iter<'a, (CellKey, Cell)>,
    fn(&'a (CellKey, Cell)) -> (&'a CellKey, &'a Cell),
>;

/// [`Cells::iter_mut`]'s iterator.
pub type IterMut<'a> = std::iter::Map<
    std::slice::IterMut<'a, (CellKey, Cell)>,
    fn(&'a mut (CellKey, Cell)) -> (&'a CellKey, &'a mut Cell),
>;

fn entry((key, cell): &(CellKey, Cell)) -> (&CellKey, &Cell) {
    (key, cell)
}

fn entry_mut((key, cell): &mut (CellKey, Cell)) -> (&CellKey, &mut Cell) {
    (&*key, cell)
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
    type IntoIter = std::vec::IntoIter<(CellKey, Cell)>;

    fn into_iter(self) -> Self::IntoIter {
        self.slots.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{FORM_2019, TableId};
    use crate::{Value, report::Status};

    fn key(row: &str, col: &str) -> CellKey {
        CellKey::new(&FORM_2019, TableId::Requests, row, col).unwrap()
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
