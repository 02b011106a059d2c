//! Spreadsheets (`.xlsx`, `.xls`, `.ods`) -> [`Block`]s, through `calamine`.
//!
//! Owns turning each sheet's used cells into the blocks [`grid`](super::grid) renders: runs of
//! rows with two or more filled cells are tables, the other rows lines of text (a heading between
//! two tables must not join them into one; a row whose values are all blank reads as its label,
//! and its cells stay blank).
//! A spreadsheet made from a page or a document spreads each table cell over several sheet
//! columns (merged, or covered by the text's overflow), so a table's columns are the sheet
//! columns where one of its cells starts (a filled cell or a merged region); a merged region
//! becomes a cell spanning the columns and rows it covers (`.xls`, `.xlsx`: `calamine` reads
//! their merges; an `.ods` merge is read as its first cell, the covered cells being empty).
//! Numbers print as the shortest text that round-trips at 15 significant digits, as a
//! spreadsheet shows them: `1` not `1.0`, `1710.15`, and `0.1 + 0.2` as `0.3`.
//!
//! `calamine` runs behind `catch_unwind` (it can panic on a malformed file). Under the
//! [`Budget`]: every filled cell, merged cell and table field is paid for as a table
//! cell; the ZIP parts of `.xlsx`/`.ods` are paid for as decompressed bytes (as their archive
//! declares them) before `calamine` opens them, and since `calamine` lays the cells of an
//! `.xls` or `.ods` sheet out densely (rows times columns of its used range), the extent of each
//! sheet is measured from the file first ([`xls_extent`], [`ods_extent`]) and refused over
//! [`MAX_TABLE_CELLS`](super::MAX_TABLE_CELLS). `.xlsx` cells are streamed, never laid out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read as _};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Dimensions, Reader as _};

use super::IngestError;
use super::budget::{Budget, Limit, MAX_TABLE_CELLS};
use super::grid::{Block, Cell, Row, Table, collapse};

/// The three kinds of workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workbook {
    /// Office Open XML (Excel 2007+).
    Xlsx,
    /// BIFF8 in a compound file (Excel 97–2003).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

impl Workbook {
    fn name(self) -> &'static str {
        match self {
            Workbook::Xlsx => "XLSX",
            Workbook::Xls => "XLS",
            Workbook::Ods => "ODS",
        }
    }
}

/// The filled cells of one sheet and its merged regions.
#[derive(Debug, Default)]
struct Sheet {
    /// `(row, column)` -> text, filled cells only.
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Dimensions>,
}

/// Reads every sheet of a workbook, row per line. `calamine` runs behind `catch_unwind`: a
/// malformed file it stumbles on is an [`IngestError`], never a crash.
pub(crate) fn read(
    bytes: &[u8],
    kind: Workbook,
    budget: &mut Budget,
) -> Result<String, IngestError> {
    let outcome = catch_unwind(AssertUnwindSafe(|| read_sheets(bytes, kind, budget)));
    let sheets = outcome.map_err(|panic| IngestError::Malformed {
        format: kind.name(),
        reason: format!(
            "the spreadsheet reader stopped: {}",
            panic_text(panic.as_ref())
        ),
    })??;
    let mut blocks = Vec::new();
    for sheet in &sheets {
        blocks.extend(sheet_blocks(sheet, budget)?);
    }
    super::grid::render(&blocks, budget)
}

/// What a panic said.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a malformed file".into())
}

/// The filled cells and merges of every sheet.
fn read_sheets(
    bytes: &[u8],
    kind: Workbook,
    budget: &mut Budget,
) -> Result<Vec<Sheet>, IngestError> {
    let broken = |e: &dyn std::fmt::Display| IngestError::Malformed {
        format: kind.name(),
        reason: e.to_string(),
    };
    let sheets = match kind {
        Workbook::Xlsx => {
            pay_zip(bytes, budget)?;
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let mut sheet = Sheet::default();
                {
                    let mut reader = book.worksheet_cells_reader(&name).map_err(|e| broken(&e))?;
                    while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
                        let text = ref_text(cell.get_value());
                        add(&mut sheet, cell.get_position(), text, budget)?;
                    }
                }
                sheet.merges = book
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| broken(&e))?;
                sheets.push(sheet);
            }
            sheets
        }
        Workbook::Xls => {
            xls_extent(bytes)?;
            let mut book: calamine::Xls<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| broken(&e))?;
                let mut sheet = dense(&range, budget)?;
                sheet.merges = book
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| broken(&e))?;
                sheets.push(sheet);
            }
            sheets
        }
        Workbook::Ods => {
            pay_zip(bytes, budget)?;
            ods_extent(bytes, budget)?;
            let mut book: calamine::Ods<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| broken(&e))?;
                sheets.push(dense(&range, budget)?);
            }
            sheets
        }
    };
    Ok(sheets)
}

/// Whether a ZIP archive holding no Word document is a workbook, and which.
pub(crate) fn zip_workbook(bytes: &[u8]) -> Option<Workbook> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if archive.index_for_name("xl/workbook.xml").is_some() {
        return Some(Workbook::Xlsx);
    }
    let mut mimetype = String::new();
    archive
        .by_name("mimetype")
        .ok()?
        .take(256)
        .read_to_string(&mut mimetype)
        .ok()?;
    (mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet").then_some(Workbook::Ods)
}

/// Pays for every part of a ZIP archive as the archive declares it.
fn pay_zip(bytes: &[u8], budget: &mut Budget) -> Result<(), IngestError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| IngestError::Malformed {
            format: "ZIP",
            reason: e.to_string(),
        })?;
    for i in 0..archive.len() {
        if let Ok(file) = archive.by_index_raw(i) {
            budget.spend(Limit::DecodedBytes, file.size())?;
        }
    }
    Ok(())
}

fn add(
    sheet: &mut Sheet,
    position: (u32, u32),
    text: String,
    budget: &mut Budget,
) -> Result<(), IngestError> {
    if !collapse(&text).is_empty() {
        budget.spend(Limit::TableCells, 1)?;
        sheet.cells.insert(position, text);
    } else {
        budget.tick()?;
    }
    Ok(())
}

/// The filled cells of a range `calamine` laid out.
fn dense(range: &calamine::Range<Data>, budget: &mut Budget) -> Result<Sheet, IngestError> {
    let mut sheet = Sheet::default();
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, col, value) in range.used_cells() {
        let position = (
            top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX)),
            left.saturating_add(u32::try_from(col).unwrap_or(u32::MAX)),
        );
        add(&mut sheet, position, data_text(value), budget)?;
    }
    Ok(sheet)
}

/// What a merged region means for one sheet cell.
#[derive(Debug, Clone, Copy)]
enum Merge {
    /// The region's first cell: it spans this many rows and columns.
    Start { rows: u32, cols: u32 },
    /// A cell covered by a region that starts elsewhere.
    Covered,
}

/// The merged regions, clamped to the sheet's filled extent, each covered cell paid for. A
/// region that covers a filled cell besides its first is left out: that text is not hidden.
fn merge_map(
    sheet: &Sheet,
    budget: &mut Budget,
) -> Result<HashMap<(u32, u32), Merge>, IngestError> {
    let mut map = HashMap::new();
    let (Some(first), Some(last)) = (sheet.cells.keys().next(), sheet.cells.keys().next_back())
    else {
        return Ok(map);
    };
    let (top, bottom) = (first.0, last.0);
    let left = sheet.cells.keys().map(|k| k.1).min().unwrap_or(0);
    let right = sheet.cells.keys().map(|k| k.1).max().unwrap_or(0);
    for merge in &sheet.merges {
        let (r0, c0) = merge.start;
        let r1 = merge.end.0.min(bottom);
        let c1 = merge.end.1.min(right);
        if r0 > r1 || c0 > c1 || r1 < top || c1 < left {
            continue;
        }
        let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        budget.spend(Limit::TableCells, area)?;
        let hides_text = (r0..=r1).any(|r| {
            sheet
                .cells
                .range((r, c0)..=(r, c1))
                .any(|(&p, _)| p != (r0, c0))
        });
        if hides_text {
            continue;
        }
        for r in r0..=r1 {
            for c in c0..=c1 {
                map.insert((r, c), Merge::Covered);
            }
        }
        map.insert(
            (r0, c0),
            Merge::Start {
                rows: r1 - r0 + 1,
                cols: c1 - c0 + 1,
            },
        );
    }
    Ok(map)
}

/// A sheet as blocks: tables where rows hold several cells, text elsewhere.
fn sheet_blocks(sheet: &Sheet, budget: &mut Budget) -> Result<Vec<Block>, IngestError> {
    let merges = merge_map(sheet, budget)?;
    let mut rows: BTreeMap<u32, Vec<(u32, &str)>> = BTreeMap::new();
    for (&(r, c), text) in &sheet.cells {
        rows.entry(r).or_default().push((c, text));
    }
    let mut blocks = Vec::new();
    // Runs of consecutive sheet rows.
    let mut run: Vec<u32> = Vec::new();
    let mut previous: Option<u32> = None;
    for &r in rows.keys() {
        if previous.is_some_and(|p| p + 1 != r) {
            run_blocks(&run, &rows, &merges, &mut blocks, budget)?;
            run.clear();
        }
        run.push(r);
        previous = Some(r);
    }
    run_blocks(&run, &rows, &merges, &mut blocks, budget)?;
    Ok(blocks)
}

type Rows<'a> = BTreeMap<u32, Vec<(u32, &'a str)>>;

/// The blocks of a run of consecutive rows.
fn run_blocks(
    run: &[u32],
    rows: &Rows<'_>,
    merges: &HashMap<(u32, u32), Merge>,
    blocks: &mut Vec<Block>,
    budget: &mut Budget,
) -> Result<(), IngestError> {
    let filled = |r: u32| rows.get(&r).map_or(0, Vec::len);
    let in_table: Vec<bool> = run.iter().map(|&r| filled(r) >= 2).collect();
    let mut start = 0;
    while start < run.len() {
        let table = in_table.get(start).copied().unwrap_or(false);
        let end = (start..run.len())
            .find(|&i| in_table.get(i).copied().unwrap_or(false) != table)
            .unwrap_or(run.len());
        let part = run.get(start..end).unwrap_or_default();
        if table {
            blocks.push(Block::Table(table_of(part, rows, merges, budget)?));
        } else {
            for r in part {
                let text: Vec<&str> = rows.get(r).into_iter().flatten().map(|(_, t)| *t).collect();
                blocks.push(Block::Text(text.join(" ")));
            }
        }
        start = end;
    }
    Ok(())
}

/// A table of consecutive sheet rows: its columns are the sheet columns where a cell starts.
fn table_of(
    part: &[u32],
    rows: &Rows<'_>,
    merges: &HashMap<(u32, u32), Merge>,
    budget: &mut Budget,
) -> Result<Table, IngestError> {
    let mut columns: BTreeSet<u32> = BTreeSet::new();
    for r in part {
        for &(c, _) in rows.get(r).into_iter().flatten() {
            columns.insert(c);
        }
        columns.extend(
            merges
                .iter()
                .filter(|((mr, _), m)| mr == r && matches!(m, Merge::Start { .. }))
                .map(|((_, mc), _)| *mc),
        );
    }
    let last_row = part.last().copied().unwrap_or(0);
    let mut table = Table::default();
    for &r in part {
        let texts: HashMap<u32, &str> = rows.get(&r).into_iter().flatten().copied().collect();
        let mut row = Row::default();
        for &c in &columns {
            budget.spend(Limit::TableCells, 1)?;
            let (colspan, rowspan) = match merges.get(&(r, c)) {
                Some(Merge::Covered) => continue,
                Some(Merge::Start { rows, cols }) => (
                    columns.range(c..c.saturating_add(*cols)).count().max(1),
                    (*rows).min(last_row - r + 1) as usize,
                ),
                None => (1, 1),
            };
            let text = texts.get(&c).copied().unwrap_or_default();
            row.cells.push(Cell {
                blocks: vec![Block::Text(text.to_owned())],
                colspan,
                rowspan,
            });
        }
        table.rows.push(row);
    }
    Ok(table)
}

/// A cell's value as text: numbers as a spreadsheet shows them.
fn data_text(value: &Data) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_owned(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_owned(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// A stored number as a spreadsheet shows it: 15 significant digits, no trailing zeros, no
/// exponent for the sizes a report prints (`1`, `1710.15`, `0.3` for `0.30000000000000004`).
///
/// A value a 64-bit float cannot tell apart from its 15-digit rounding prints as that rounding.
pub(crate) fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    // Round to 15 significant digits, then print the shortest text that reads back the same.
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        // Integral: no `.0`, no exponent (`-0` prints as `0`).
        return format!("{}", rounded as i64);
    }
    format!("{rounded}")
}

/// Refuses an `.xls` whose sheets `calamine` would lay out in more than
/// [`MAX_TABLE_CELLS`](super::MAX_TABLE_CELLS) cells: it scans the BIFF records of the
/// `Workbook` stream for the cell records' rows and columns, sheet by sheet.
fn xls_extent(bytes: &[u8]) -> Result<(), IngestError> {
    let mut file =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| IngestError::Malformed {
            format: "XLS",
            reason: e.to_string(),
        })?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|s| s.take(super::MAX_FILE_BYTES).read_to_end(&mut stream))
        .map_err(|e| IngestError::Malformed {
            format: "XLS",
            reason: e.to_string(),
        })?;
    let mut total: u64 = 0;
    let mut extent: Option<(u16, u16, u16, u16)> = None;
    let mut close = |extent: &mut Option<(u16, u16, u16, u16)>| {
        if let Some((r0, r1, c0, c1)) = extent.take() {
            total += (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        }
    };
    let le16 = |b: &[u8], at: usize| -> Option<u16> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
    };
    let mut at = 0usize;
    while let (Some(kind), Some(len)) = (le16(&stream, at), le16(&stream, at + 2)) {
        let len = usize::from(len);
        let body = stream.get(at + 4..at + 4 + len).unwrap_or_default();
        at += 4 + len;
        match kind {
            0x0809 => close(&mut extent), // BOF: a new substream
            // Cell records: NUMBER, LABELSST, RK, MULRK, BLANK, MULBLANK, LABEL, BOOLERR,
            // FORMULA, RSTRING.
            0x0203 | 0x00FD | 0x027E | 0x00BD | 0x0201 | 0x00BE | 0x0204 | 0x0205 | 0x0006
            | 0x00D6 => {
                if let (Some(row), Some(col)) = (le16(body, 0), le16(body, 2)) {
                    // MULRK, MULBLANK: the last column is the record's last two bytes.
                    let last_col = match kind {
                        0x00BD | 0x00BE => body
                            .len()
                            .checked_sub(2)
                            .and_then(|n| le16(body, n))
                            .map_or(col, |c| c.max(col)),
                        _ => col,
                    };
                    let e = extent.get_or_insert((row, row, col, col));
                    *e = (e.0.min(row), e.1.max(row), e.2.min(col), e.3.max(last_col));
                }
            }
            _ => {}
        }
    }
    close(&mut extent);
    if total > MAX_TABLE_CELLS {
        return Err(Limit::TableCells.exceeded());
    }
    Ok(())
}

/// Refuses an `.ods` whose sheets `calamine` would lay out in more than
/// [`MAX_TABLE_CELLS`](super::MAX_TABLE_CELLS) cells: it streams `content.xml`, following
/// repeated rows and columns, and measures each table's filled extent.
fn ods_extent(bytes: &[u8], budget: &mut Budget) -> Result<(), IngestError> {
    use quick_xml::events::Event;
    let broken = |e: &dyn std::fmt::Display| IngestError::Malformed {
        format: "ODS",
        reason: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut xml = Vec::new();
    archive
        .by_name("content.xml")
        .map_err(|e| broken(&e))?
        .take(super::MAX_DECODED_BYTES)
        .read_to_end(&mut xml)
        .map_err(|e| broken(&e))?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buffer = Vec::new();
    let repeat = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1u64)
            .max(1)
    };
    let mut total: u64 = 0;
    // The table now read: next row, next column, filled extent (rows, columns).
    let (mut row, mut col, mut rows, mut cols) = (0u64, 0u64, 0u64, 0u64);
    let (mut row_repeat, mut cell_repeat) = (1u64, 1u64);
    let mut in_cell = false;
    let mut cell_filled = false;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| broken(&e))?;
        budget.tick()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "table" => (row, rows, cols) = (0, 0, 0),
                    "table-row" => {
                        col = 0;
                        row_repeat = repeat(e, "table:number-rows-repeated");
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        cell_repeat = repeat(e, "table:number-columns-repeated");
                        cell_filled = e
                            .attributes()
                            .flatten()
                            .any(|a| a.key.as_ref() == "office:value-type");
                        if empty {
                            end_cell(
                                &mut col,
                                cell_repeat,
                                cell_filled,
                                row,
                                row_repeat,
                                &mut rows,
                                &mut cols,
                            );
                        } else {
                            in_cell = true;
                        }
                    }
                    _ if in_cell => cell_filled = true, // text or other content
                    _ => {}
                }
            }
            Event::Text(_) if in_cell => cell_filled = true,
            Event::End(e) => match e.local_name().as_ref() {
                "table-cell" | "covered-table-cell" => {
                    in_cell = false;
                    end_cell(
                        &mut col,
                        cell_repeat,
                        cell_filled,
                        row,
                        row_repeat,
                        &mut rows,
                        &mut cols,
                    );
                }
                "table-row" => row = row.saturating_add(row_repeat),
                "table" => total = total.saturating_add(rows.saturating_mul(cols)),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        if total > MAX_TABLE_CELLS || rows.saturating_mul(cols) > MAX_TABLE_CELLS {
            return Err(Limit::TableCells.exceeded());
        }
        buffer.clear();
    }
    Ok(())
}

/// Moves past a cell of an `.ods` row, growing the table's filled extent when it is filled.
fn end_cell(
    col: &mut u64,
    repeat: u64,
    filled: bool,
    row: u64,
    row_repeat: u64,
    rows: &mut u64,
    cols: &mut u64,
) {
    *col = col.saturating_add(repeat);
    if filled {
        *cols = (*cols).max(*col);
        *rows = (*rows).max(row.saturating_add(row_repeat));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_a_spreadsheet_shows_them() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(1710.15), "1710.15");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(120.0), "120");
        assert_eq!(number_text(1.5), "1.5");
    }

    type Span = ((u32, u32), (u32, u32));

    fn sheet(cells: &[((u32, u32), &str)], merges: &[Span]) -> String {
        let sheet = Sheet {
            cells: cells.iter().map(|(p, t)| (*p, (*t).to_owned())).collect(),
            merges: merges
                .iter()
                .map(|&(start, end)| Dimensions { start, end })
                .collect(),
        };
        let mut budget = Budget::new();
        let blocks = sheet_blocks(&sheet, &mut budget).unwrap();
        super::super::grid::render(&blocks, &mut budget).unwrap()
    }

    #[test]
    fn spread_columns_collapse_to_the_tables_own() {
        // A title, then a table whose cells span 3 sheet columns each (merged in row 1, left
        // unmerged but empty in row 2), then a label whose values are all blank: a line.
        let text = sheet(
            &[
                ((0, 0), "二、主动公开政府信息情况"),
                ((1, 0), "信息内容"),
                ((1, 3), "本年制发件数"),
                ((1, 6), "现行有效件数"),
                ((2, 0), "规章"),
                ((2, 6), "3"),
                ((3, 0), "行政规范性文件"),
                ((3, 3), "2"),
                ((3, 6), "15"),
                ((4, 0), "行政许可"),
            ],
            &[((1, 0), (1, 2)), ((1, 3), (1, 5)), ((2, 3), (2, 5))],
        );
        assert_eq!(
            text,
            "二、主动公开政府信息情况\n信息内容 | 本年制发件数 | 现行有效件数 |\n规章 | | 3 |\n\
             行政规范性文件 | 2 | 15 |\n行政许可\n"
        );
    }

    #[test]
    fn row_spans_show_their_text_in_the_first_row() {
        let text = sheet(
            &[
                ((0, 0), "三、本年度办理结果"),
                ((0, 1), "（一）予以公开"),
                ((0, 2), "5"),
                ((1, 1), "（二）部分公开"),
                ((1, 2), "1"),
            ],
            &[((0, 0), (1, 0))],
        );
        assert_eq!(
            text,
            "三、本年度办理结果 | （一）予以公开 | 5 |\n（二）部分公开 | 1 |\n"
        );
    }

    #[test]
    fn a_merge_over_the_whole_sheet_is_clamped_and_paid_for() {
        let text = sheet(
            &[((0, 0), "a"), ((1, 0), "b"), ((1, 1), "1")],
            &[((0, 0), (0, 16_383))],
        );
        assert_eq!(text, "a\nb | 1 |\n");
        // A merge that would hide a filled cell is not applied.
        let text = sheet(
            &[((0, 0), "a"), ((0, 1), "1")],
            &[((0, 0), (1_048_575, 16_383))],
        );
        assert_eq!(text, "a | 1 |\n");
    }
}
