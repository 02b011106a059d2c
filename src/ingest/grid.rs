//! Structured documents -> row-per-line text.
//!
//! Owns the one rendering every structured format (HTML, DOCX, PDF) shares: a document is a list
//! of [`Block`]s (lines of text and tables); a table row becomes ONE line of cells separated by
//! ` | ` with a trailing ` |`, empty cells kept. Merged cells are expanded so every row has the
//! table's full width: a cell spanning rows shows its text in its first row only, later rows get
//! an empty field there; a cell spanning columns shows its text once plus empty fields for the
//! other columns (after a value, before a label). The row-per-line extractor reads a row's values
//! as the fields after its label, so empty fields in the table's stub (the leading columns that
//! hold labels only: 三、本年度办理结果, （三）不予公开 and the like, merged or split in many ways)
//! are dropped: after a row's last label come exactly its data columns. Empty data cells are
//! always kept.
//!
//! A table one of whose cells holds another table is a layout table: its cells are rendered as
//! blocks, one after the other, so the data tables inside keep their own rows.
//!
//! Main types: [`Block`], [`Table`], [`Cell`]; main function: [`render`].

use super::IngestError;
use super::budget::{Budget, Limit, MAX_COLUMNS, MAX_ROWSPAN};
use crate::report::{Value, parse_value};
use crate::template::ValueKind;

/// A piece of a structured document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A paragraph or other block of text (may hold `\n` for hard line breaks).
    Text(String),
    /// A table.
    Table(Table),
}

/// A table: rows of cells, before merged cells are expanded.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Row {
    /// Grid columns skipped before the first cell (DOCX `w:gridBefore`).
    pub skip: usize,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    /// What the cell holds.
    pub blocks: Vec<Block>,
    /// Grid columns the cell spans (at least 1).
    pub colspan: usize,
    /// Rows the cell spans (at least 1).
    pub rowspan: usize,
}

#[cfg(test)]
impl Cell {
    /// A one-by-one cell holding `text`.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            blocks: vec![Block::Text(text.into())],
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// Renders blocks to text: each text block and each table row on its own line(s). Every grid
/// field a table expands to is counted against the budget's
/// [`MAX_TABLE_CELLS`](super::MAX_TABLE_CELLS); a merged cell spans at most [`MAX_COLUMNS`]
/// columns and [`MAX_ROWSPAN`] rows.
pub(crate) fn render(blocks: &[Block], budget: &mut Budget) -> Result<String, IngestError> {
    let mut out = String::new();
    render_into(blocks, &mut out, budget)?;
    Ok(out)
}

/// Recurses once per layout table nested in a layout table: as deep as the readers nest tables,
/// which they cap (HTML's walk depth, DOCX's table depth; PDF tables never nest).
fn render_into(blocks: &[Block], out: &mut String, budget: &mut Budget) -> Result<(), IngestError> {
    for block in blocks {
        match block {
            Block::Text(text) => {
                for line in text.split('\n') {
                    let line = collapse(line);
                    if !line.is_empty() {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
            }
            Block::Table(table) if is_layout(table) => {
                for cell in table.rows.iter().flat_map(|r| &r.cells) {
                    render_into(&cell.blocks, out, budget)?;
                }
            }
            Block::Table(table) => {
                let grid = expand(table, budget)?;
                let stub = stub_width(&grid);
                for row in grid {
                    let fields: Vec<String> = row
                        .into_iter()
                        .enumerate()
                        .filter(|(c, f)| *c >= stub || !f.is_empty())
                        .map(|(_, f)| f)
                        .collect();
                    if fields.iter().any(|f| !f.is_empty()) {
                        out.push_str(&row_line(&fields));
                        out.push('\n');
                    }
                }
            }
        }
    }
    Ok(())
}

/// `a | b |  |`: one row, empty fields kept.
pub(crate) fn row_line(fields: &[String]) -> String {
    let mut line = String::new();
    for field in fields {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(field);
        line.push_str(if field.is_empty() { "|" } else { " |" });
    }
    line
}

/// The table's stub: the leading columns that hold no value in any row (row labels, group labels
/// spanning rows). Their empty fields are dropped when rendering, so that after a row's label come
/// exactly its data columns, however the labels were merged or split.
fn stub_width(grid: &[Vec<String>]) -> usize {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .find(|&c| {
            grid.iter()
                .any(|row| row.get(c).is_some_and(|f| !f.is_empty() && !is_label(f)))
        })
        .unwrap_or(width)
}

/// Whether a cell of the table holds another table.
fn is_layout(table: &Table) -> bool {
    table.rows.iter().flat_map(|r| &r.cells).any(|c| {
        c.blocks
            .iter()
            .any(|b| matches!(b, Block::Table(t) if !t.rows.is_empty()))
    })
}

/// The table as a full grid of field texts, merged cells expanded. Every field is paid for
/// before it is allocated.
pub(crate) fn expand(table: &Table, budget: &mut Budget) -> Result<Vec<Vec<String>>, IngestError> {
    // covered[c] = rows still covered by a row-spanning cell above, in column c.
    let mut covered: Vec<usize> = Vec::new();
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in &table.rows {
        let mut fields: Vec<String> = Vec::new();
        let mut col = row.skip.min(MAX_COLUMNS);
        budget.spend(Limit::TableCells, col as u64 + 1)?;
        fields.resize(col, String::new());
        for cell in &row.cells {
            let before = fields.len();
            while covered.get(col).is_some_and(|&n| n > 0) && col < MAX_COLUMNS {
                fields.push(String::new());
                col += 1;
            }
            let span = cell
                .colspan
                .clamp(1, MAX_COLUMNS.saturating_sub(col).max(1));
            budget.spend(Limit::TableCells, (fields.len() - before + span) as u64)?;
            let text = cell_text(&cell.blocks, budget)?;
            let mut padding = vec![String::new(); span - 1];
            if is_label(&text) {
                fields.append(&mut padding);
                fields.push(text);
            } else {
                fields.push(text);
                fields.append(&mut padding);
            }
            if covered.len() < col + span {
                covered.resize(col + span, 0);
            }
            let rows = cell.rowspan.clamp(1, MAX_ROWSPAN);
            for c in covered.iter_mut().skip(col).take(span) {
                *c = (*c).max(rows);
            }
            col += span;
        }
        // Columns still covered to the right of the last cell.
        let before = fields.len();
        while col < covered.len() && covered.get(col).is_some_and(|&n| n > 0) {
            fields.push(String::new());
            col += 1;
        }
        budget.spend(Limit::TableCells, (fields.len() - before) as u64)?;
        for c in &mut covered {
            *c = c.saturating_sub(1);
        }
        grid.push(fields);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let padding: usize = grid.iter().map(|f| width - f.len()).sum();
    budget.spend(Limit::TableCells, padding as u64)?;
    for fields in &mut grid {
        fields.resize(width, String::new());
    }
    Ok(grid)
}

/// A cell's text on one line: its blocks joined by spaces, white space collapsed, `|` escaped.
/// A table in the cell (only an empty one reaches here: a cell holding a table with rows makes
/// its table a layout table) adds its fields, so this recurses no deeper than that.
fn cell_text(blocks: &[Block], budget: &mut Budget) -> Result<String, IngestError> {
    let mut parts = Vec::new();
    for block in blocks {
        match block {
            Block::Text(t) => parts.push(collapse(t)),
            Block::Table(t) => {
                for row in expand(t, budget)? {
                    parts.extend(row);
                }
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    Ok(parts.join(" ").replace('|', "｜"))
}

/// White space (including no-break and ideographic spaces) collapsed to single spaces, trimmed.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text that is not a value (a label or heading).
fn is_label(text: &str) -> bool {
    matches!(parse_value(text, ValueKind::SignedCount), Value::Text(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, colspan: usize, rowspan: usize) -> Cell {
        Cell {
            colspan,
            rowspan,
            ..Cell::text(text)
        }
    }

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            rows: rows
                .into_iter()
                .map(|cells| Row { skip: 0, cells })
                .collect(),
        }
    }

    #[test]
    fn rows_become_pipe_lines_with_empty_cells_kept() {
        let t = table(vec![vec![
            cell("（七）总计", 1, 1),
            cell("0", 1, 1),
            cell("", 1, 1),
        ]]);
        assert_eq!(
            render(&[Block::Table(t)], &mut Budget::new()).unwrap(),
            "（七）总计 | 0 | |\n"
        );
    }

    #[test]
    fn rowspan_text_in_first_row_only_and_colspan_padding() {
        let t = table(vec![
            vec![
                cell("三、本年度办理结果", 1, 2),
                cell("（一）予以公开", 1, 1),
                cell("1", 2, 1),
            ],
            vec![
                cell("（二）部分公开", 1, 1),
                cell("2", 1, 1),
                cell("3", 1, 1),
            ],
            vec![
                cell("四、结转下年度继续办理", 2, 1),
                cell("4", 1, 1),
                cell("5", 1, 1),
            ],
        ]);
        assert_eq!(
            render(&[Block::Table(t)], &mut Budget::new()).unwrap(),
            "三、本年度办理结果 | （一）予以公开 | 1 | |\n\
             （二）部分公开 | 2 | 3 |\n\
             四、结转下年度继续办理 | 4 | 5 |\n"
        );
    }

    #[test]
    fn empty_stub_cells_are_dropped_so_values_keep_their_columns() {
        // A label in its own cell followed by an empty label cell (as some PDFs draw （七）总计),
        // then a row whose labels are shifted right by a row span.
        let t = table(vec![
            vec![
                cell("（七）总计", 1, 1),
                cell("", 1, 1),
                cell("95", 1, 1),
                cell("0", 1, 1),
            ],
            vec![
                cell("", 1, 1),
                cell("四、结转", 1, 1),
                cell("", 1, 1),
                cell("1", 1, 1),
            ],
        ]);
        assert_eq!(
            render(&[Block::Table(t)], &mut Budget::new()).unwrap(),
            "（七）总计 | 95 | 0 |\n四、结转 | | 1 |\n"
        );
    }

    #[test]
    fn layout_tables_do_not_swallow_data_tables() {
        let inner = table(vec![vec![cell("规章", 1, 1), cell("3", 1, 1)]]);
        let outer = Table {
            rows: vec![Row {
                skip: 0,
                cells: vec![
                    Cell::text("标题"),
                    Cell {
                        blocks: vec![Block::Table(inner)],
                        colspan: 1,
                        rowspan: 1,
                    },
                ],
            }],
        };
        assert_eq!(
            render(&[Block::Table(outer)], &mut Budget::new()).unwrap(),
            "标题\n规章 | 3 |\n"
        );
    }

    #[test]
    fn huge_spans_are_clamped() {
        let t = table(vec![vec![cell("a", usize::MAX, usize::MAX)], vec![]]);
        let grid = expand(&t, &mut Budget::new()).unwrap();
        assert_eq!(grid.len(), 2);
        assert!(grid.iter().all(|r| r.len() <= MAX_COLUMNS));
    }

    #[test]
    fn wide_rows_by_the_thousand_are_refused_not_expanded() {
        let rows = (0..10_000).map(|_| vec![cell("1", 256, 1)]).collect();
        let err = expand(&table(rows), &mut Budget::new()).unwrap_err();
        assert!(err.to_string().starts_with("too many table cells"), "{err}");
    }
}
