//! The budget of reading one report: every limit that keeps a crafted file from hanging gouji or
//! exhausting memory.
//!
//! Owns the named limits and [`Budget`], the one counter passed down through every reader
//! (HTML, DOCX, PDF and the table rendering of [`grid`](super::grid)) while one file is read.
//! The limits are deterministic (counts of cells, decompressed bytes, drawing operations, glyphs,
//! elements, pages, nesting depth), chosen far above what any report needs: a report's three form tables hold a
//! few hundred cells. A wall-clock deadline ([`MAX_SECONDS`]) is only a backstop, checked
//! cooperatively in the readers' loops, never by killing a thread. When a limit is exceeded the
//! file is refused with [`IngestError::Budget`] naming the limit.
//!
//! It does not cap the file size ([`MAX_FILE_BYTES`](super::MAX_FILE_BYTES), checked before
//! reading) nor the expansion of one merged cell, which [`grid`](super::grid) clamps to
//! [`MAX_COLUMNS`] (the padding is empty, nothing is lost).

use std::time::{Duration, Instant};

use super::IngestError;

/// Wall-clock backstop for reading one file, every stage included.
pub const MAX_SECONDS: u64 = 20;
/// Table cells in one document, counted as read and again as expanded into the grid (merged
/// cells padded to the table's width). A report's form tables hold a few hundred.
pub const MAX_TABLE_CELLS: u64 = 100_000;
/// Widest table row: a merged cell spans at most this many columns (wider spans are clamped).
pub const MAX_COLUMNS: usize = 64;
/// Rows a merged cell spans at most (longer spans are clamped).
pub const MAX_ROWSPAN: usize = 1_000;
/// Ruling-grid cells on one PDF page (rows times columns between drawn lines).
pub const MAX_GRID_CELLS: u64 = 20_000;
/// Decompressed bytes in one document: DOCX parts, PDF streams (and PDF page contents again,
/// as they are held per page).
pub const MAX_DECODED_BYTES: u64 = 128 * 1024 * 1024;
/// PDF drawing operations in one document: path elements, clips and form draws.
pub const MAX_DRAWING_OPS: u64 = 2_000_000;
/// Comparisons of PDF ruling lines while rebuilding tables (crossing pairs, cells times lines,
/// glyphs times tables) in one document.
pub const MAX_LINE_CHECKS: u64 = 50_000_000;
/// PDF glyphs drawn in one document.
pub const MAX_GLYPHS: u64 = 2_000_000;
/// Deepest element nesting in an HTML page or DOCX paragraph/table structure.
pub const MAX_NESTING: u64 = 2_000;
/// Elements in one HTML page (a report page has some thousands; each costs a tree node).
pub const MAX_ELEMENTS: u64 = 200_000;
/// Pages in one PDF (reports have tens).
pub const MAX_PAGES: u64 = 2_000;

/// What a budget counts; each has its limit and the words a refusal uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// [`MAX_TABLE_CELLS`].
    TableCells,
    /// [`MAX_GRID_CELLS`].
    GridCells,
    /// [`MAX_DECODED_BYTES`].
    DecodedBytes,
    /// [`MAX_DRAWING_OPS`].
    DrawingOps,
    /// [`MAX_GLYPHS`].
    Glyphs,
    /// [`MAX_NESTING`].
    Nesting,
    /// [`MAX_ELEMENTS`].
    Elements,
    /// [`MAX_PAGES`].
    Pages,
    /// [`MAX_LINE_CHECKS`].
    LineChecks,
}

impl Limit {
    fn max(self) -> u64 {
        match self {
            Limit::TableCells => MAX_TABLE_CELLS,
            Limit::GridCells => MAX_GRID_CELLS,
            Limit::DecodedBytes => MAX_DECODED_BYTES,
            Limit::DrawingOps => MAX_DRAWING_OPS,
            Limit::Glyphs => MAX_GLYPHS,
            Limit::Nesting => MAX_NESTING,
            Limit::Elements => MAX_ELEMENTS,
            Limit::Pages => MAX_PAGES,
            Limit::LineChecks => MAX_LINE_CHECKS,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Limit::TableCells => "too many table cells",
            Limit::GridCells => "too many ruling-line cells on one PDF page",
            Limit::DecodedBytes => "too many decompressed bytes",
            Limit::DrawingOps => "too many drawing operations",
            Limit::Glyphs => "too many glyphs",
            Limit::Nesting => "elements nested too deep",
            Limit::Elements => "too many HTML elements",
            Limit::Pages => "too many PDF pages",
            Limit::LineChecks => "too many ruling lines to compare",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The refusal for this limit.
    pub(crate) fn exceeded(self) -> IngestError {
        IngestError::Budget {
            what: self.what(),
            limit: self.max(),
        }
    }
}

/// What reading one file has spent so far, and its deadline.
#[derive(Debug)]
pub(crate) struct Budget {
    deadline: Instant,
    spent: [u64; 9],
    /// Calls since the clock was last read (reading it on every call would cost more than the
    /// work it guards).
    ticks: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

impl Budget {
    /// A fresh budget whose deadline is [`MAX_SECONDS`] from now.
    pub(crate) fn new() -> Budget {
        Budget::with_time(Duration::from_secs(MAX_SECONDS))
    }

    /// A fresh budget with another deadline (tests of the backstop).
    pub(crate) fn with_time(time: Duration) -> Budget {
        Budget {
            deadline: Instant::now() + time,
            spent: [0; 9],
            ticks: 0,
        }
    }

    /// Spends `n` of `limit`; the refusal when that goes over it (or past the deadline).
    pub(crate) fn spend(&mut self, limit: Limit, n: u64) -> Result<(), IngestError> {
        let slot = self
            .spent
            .get_mut(limit.index())
            .ok_or_else(|| limit.exceeded())?;
        *slot = slot.saturating_add(n);
        if *slot > limit.max() {
            return Err(limit.exceeded());
        }
        self.tick()
    }

    /// Refuses a nesting `depth` over [`MAX_NESTING`].
    pub(crate) fn depth(&self, depth: u64) -> Result<(), IngestError> {
        if depth > MAX_NESTING {
            return Err(Limit::Nesting.exceeded());
        }
        Ok(())
    }

    /// A cheap deadline check for loops: reads the clock every 256th call.
    pub(crate) fn tick(&mut self) -> Result<(), IngestError> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(256) {
            self.check_time()?;
        }
        Ok(())
    }

    /// Refuses when the deadline has passed.
    pub(crate) fn check_time(&self) -> Result<(), IngestError> {
        if Instant::now() > self.deadline {
            return Err(IngestError::TimedOut {
                seconds: MAX_SECONDS,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_over_a_limit_is_refused_with_its_reason() {
        let mut budget = Budget::new();
        assert!(budget.spend(Limit::TableCells, MAX_TABLE_CELLS).is_ok());
        let err = budget.spend(Limit::TableCells, 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "too many table cells (limit 100000): not a report gouji can read"
        );
        assert!(budget.spend(Limit::Glyphs, 1).is_ok());
    }

    #[test]
    fn a_passed_deadline_is_refused() {
        let budget = Budget::with_time(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(matches!(
            budget.check_time(),
            Err(IngestError::TimedOut { seconds: 20 })
        ));
    }
}
