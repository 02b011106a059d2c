//! Word 97–2003 documents (`.doc`, and the `.wps` WPS Office writes in the same binary) ->
//! [`Block`]s.
//!
//! Owns reading the compound file (`cfb`), the File Information Block of the `WordDocument`
//! stream, the piece table (the CLX in the `0Table`/`1Table` stream: compressed pieces are
//! 8-bit Windows-1252 text, the others UTF-16LE, so Chinese text comes out whole) and the
//! paragraph and character properties it needs from the formatted-disk pages (FKPs): whether a
//! paragraph is in a table, whether it ends a table row (its TTP mark), the row's cell edges and
//! vertical merges (`sprmTDefTable`, `sprmTVertMerge`), and deleted text (`sprmCFRMarkDel`),
//! which is skipped like DOCX's `w:delText`. Field instructions (between marks 0x13 and 0x14)
//! are skipped; their results kept. A cell ends at mark 0x07; the row ends with a further 0x07
//! after its last cell. A cell spanning several columns of the table's grid (the union of every
//! row's cell edges) becomes a cell with that column span; a vertical-merge continuation an empty
//! cell (its text lives in the merge's first row), as in DOCX. Tables nested in a cell are read
//! as its text. Only the main document is read (not headers, footnotes or text boxes).
//!
//! Under the [`Budget`]: the streams read and the text decoded are paid for as decompressed
//! bytes, every cell as a table cell; every loop is bounded by the sizes of the streams read.
//! Rendering the blocks is [`grid`](super::grid)'s job.

use std::collections::BTreeSet;
use std::io::{Cursor, Read as _};

use super::IngestError;
use super::budget::{Budget, Limit};
use super::grid::{Block, Cell, Row, Table};

/// What a compound file holds, as far as gouji cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compound {
    /// A Word document (`WordDocument` stream): `.doc`, or `.wps` saved by WPS Office.
    Word,
    /// An Excel 97–2003 workbook (`Workbook` or `Book` stream).
    Excel,
    /// Something else (PowerPoint, an MSI, a Works `.wps`...).
    Other,
}

/// What kind of compound file `bytes` is; an error when it cannot be opened.
pub(crate) fn kind(bytes: &[u8]) -> Result<Compound, IngestError> {
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| IngestError::Malformed {
        format: "compound (OLE: Word or Excel 97–2003)",
        reason: e.to_string(),
    })?;
    Ok(if file.is_stream("/WordDocument") {
        Compound::Word
    } else if file.is_stream("/Workbook") || file.is_stream("/Book") {
        Compound::Excel
    } else {
        Compound::Other
    })
}

fn broken(e: impl std::fmt::Display) -> IngestError {
    IngestError::Malformed {
        format: "DOC",
        reason: e.to_string(),
    }
}

fn damaged(reason: &str) -> IngestError {
    IngestError::Malformed {
        format: "DOC",
        reason: reason.to_owned(),
    }
}

/// Reads the main text of a Word 97–2003 document, row per line. The compound-file reader
/// (`cfb`) runs behind `catch_unwind`: a malformed file is an [`IngestError`], never a crash.
pub(crate) fn read(bytes: &[u8], budget: &mut Budget) -> Result<String, IngestError> {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| blocks(bytes, budget)));
    let blocks = outcome.map_err(|panic| IngestError::Malformed {
        format: "DOC",
        reason: format!(
            "the document reader stopped: {}",
            super::sheet::panic_text(panic.as_ref())
        ),
    })??;
    super::grid::render(&blocks, budget)
}

/// The document as blocks.
fn blocks(bytes: &[u8], budget: &mut Budget) -> Result<Vec<Block>, IngestError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(broken)?;
    let word = stream(&mut file, "/WordDocument", budget)?;
    let fib = Fib::read(&word)?;
    let table = stream(
        &mut file,
        if fib.table_1 { "/1Table" } else { "/0Table" },
        budget,
    )?;
    let pieces = pieces(&table, &fib)?;
    let chars = text(&word, &pieces, fib.ccp_text, budget)?;
    let papx = Runs::read(&word, &table, fib.plcf_papx, Fkp::Papx, budget)?;
    let chpx = Runs::read(&word, &table, fib.plcf_chpx, Fkp::Chpx, budget)?;
    build(&chars, &papx, &chpx, budget)
}

/// Reads a whole stream, paid for as decompressed bytes.
fn stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Vec<u8>, IngestError> {
    let mut s = file
        .open_stream(name)
        .map_err(|e| broken(format!("{}: {e}", name.trim_start_matches('/'))))?;
    budget.spend(Limit::DecodedBytes, s.len())?;
    let mut out = Vec::new();
    (&mut s)
        .take(super::MAX_FILE_BYTES)
        .read_to_end(&mut out)
        .map_err(broken)?;
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    Some(i16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// The parts of the File Information Block gouji reads.
#[derive(Debug)]
struct Fib {
    /// The table stream is `1Table` (else `0Table`).
    table_1: bool,
    /// Characters of the main document.
    ccp_text: u32,
    /// `(fc, lcb)` of the CLX in the table stream.
    clx: (u32, u32),
    /// `(fc, lcb)` of the PlcBtePapx.
    plcf_papx: (u32, u32),
    /// `(fc, lcb)` of the PlcBteChpx.
    plcf_chpx: (u32, u32),
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, IngestError> {
        let short = || damaged("the WordDocument stream is too short for its header");
        if u16_at(word, 0).ok_or_else(short)? != 0xA5EC {
            return Err(damaged(
                "the WordDocument stream does not start like a Word document",
            ));
        }
        let nfib = u16_at(word, 2).ok_or_else(short)?;
        if nfib < 0x00C1 {
            return Err(IngestError::Unsupported(
                "a Word 6 or Word 95 document: gouji reads Word 97–2003 .doc files; save the report as DOCX (Word or LibreOffice: Save As .docx) and open that".into(),
            ));
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err(IngestError::Unsupported(
                "a password-protected Word document: remove the password (Word or WPS) and open it again".into(),
            ));
        }
        // FibBase (32 bytes), csw and fibRgW, cslw and fibRgLw, cbRgFcLcb and fibRgFcLcbBlob.
        let csw = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw_at).ok_or_else(short)?);
        let rg_lw = lw_at + 2;
        let ccp_text = u32_at(word, rg_lw + 3 * 4).ok_or_else(short)?;
        let blob = rg_lw + cslw * 4 + 2;
        let pair = |index: usize| -> Result<(u32, u32), IngestError> {
            let at = blob + index * 8;
            Ok((
                u32_at(word, at).ok_or_else(short)?,
                u32_at(word, at + 4).ok_or_else(short)?,
            ))
        };
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp_text,
            clx: pair(33)?,
            plcf_papx: pair(13)?,
            plcf_chpx: pair(12)?,
        })
    }
}

/// One piece of the piece table: characters `cp..cp_end` stored from byte `fc` of the
/// WordDocument stream, one byte each when `compressed`, else two.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The piece table from the CLX: skips the Prc entries, reads the PlcPcd.
fn pieces(table: &[u8], fib: &Fib) -> Result<Vec<Piece>, IngestError> {
    let (fc, lcb) = fib.clx;
    let clx = usize::try_from(fc)
        .ok()
        .zip(usize::try_from(lcb).ok())
        .and_then(|(fc, lcb)| table.get(fc..fc.checked_add(lcb)?))
        .ok_or_else(|| damaged("the piece table lies outside the table stream"))?;
    let mut at = 0;
    loop {
        match clx.get(at) {
            Some(0x01) => {
                let cb = i16_at(clx, at + 1).ok_or_else(|| damaged("a cut piece table"))?;
                at += 3 + usize::try_from(cb).map_err(|_| damaged("a bad piece table"))?;
            }
            Some(0x02) => break,
            _ => return Err(damaged("no piece table in the CLX")),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("a cut piece table"))? as usize;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or_else(|| damaged("a cut piece table"))?;
    let n = lcb.saturating_sub(4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (Some(cp), Some(cp_end), Some(fc)) = (
            u32_at(plc, i * 4),
            u32_at(plc, (i + 1) * 4),
            u32_at(plc, (n + 1) * 4 + i * 8 + 2),
        ) else {
            return Err(damaged("a cut piece table"));
        };
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        out.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// The main document's characters, each with the stream offset it is stored at.
fn text(
    word: &[u8],
    pieces: &[Piece],
    ccp_text: u32,
    budget: &mut Budget,
) -> Result<Vec<(char, u32)>, IngestError> {
    let mut out = Vec::new();
    for piece in pieces {
        let end = piece.cp_end.min(ccp_text);
        if piece.cp >= end {
            continue;
        }
        let count = end - piece.cp;
        let width: u32 = if piece.compressed { 1 } else { 2 };
        budget.spend(Limit::DecodedBytes, u64::from(count) * 4)?;
        let start = piece.fc as usize;
        let bytes = word
            .get(start..start + count as usize * width as usize)
            .ok_or_else(|| damaged("a piece of text lies outside the WordDocument stream"))?;
        if piece.compressed {
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            for (i, c) in decoded.chars().enumerate() {
                out.push((c, piece.fc + i as u32));
            }
        } else {
            let units = bytes.chunks_exact(2).map(|b| u16_at(b, 0).unwrap_or(0));
            for (i, c) in char::decode_utf16(units).enumerate() {
                // A lone surrogate is replaced (never a panic); the offset of a pair is its first
                // unit's, close enough for the properties of the paragraph around it.
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                out.push((c, piece.fc + 2 * i as u32));
            }
        }
        budget.tick()?;
    }
    Ok(out)
}

/// The two kinds of formatted-disk page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fkp {
    /// Paragraph properties (13-byte BX entries).
    Papx,
    /// Character properties (1-byte offsets).
    Chpx,
}

/// Property runs: stream offsets `fc..fc_end` and their sprms (a slice of the WordDocument
/// stream), sorted by offset.
struct Runs<'a> {
    runs: Vec<(u32, u32, &'a [u8])>,
}

impl<'a> Runs<'a> {
    fn read(
        word: &'a [u8],
        table: &[u8],
        (fc, lcb): (u32, u32),
        kind: Fkp,
        budget: &mut Budget,
    ) -> Result<Runs<'a>, IngestError> {
        let mut runs = Vec::new();
        let plc = usize::try_from(fc)
            .ok()
            .zip(usize::try_from(lcb).ok())
            .and_then(|(fc, lcb)| table.get(fc..fc.checked_add(lcb)?))
            .unwrap_or_default();
        let n = plc.len().saturating_sub(4) / 8;
        for i in 0..n {
            let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
                break;
            };
            // The page number is the low 22 bits.
            let Some(page) = ((pn & 0x003F_FFFF) as usize)
                .checked_mul(512)
                .and_then(|at| word.get(at..at + 512))
            else {
                continue;
            };
            let crun = usize::from(page.get(511).copied().unwrap_or(0));
            for r in 0..crun {
                budget.tick()?;
                let (Some(start), Some(end)) = (u32_at(page, r * 4), u32_at(page, (r + 1) * 4))
                else {
                    break;
                };
                let offsets = (crun + 1) * 4;
                let grpprl = match kind {
                    Fkp::Chpx => {
                        let b = usize::from(page.get(offsets + r).copied().unwrap_or(0)) * 2;
                        let cb = usize::from(page.get(b).copied().unwrap_or(0));
                        if b == 0 {
                            &[][..]
                        } else {
                            page.get(b + 1..b + 1 + cb).unwrap_or_default()
                        }
                    }
                    Fkp::Papx => {
                        let b = usize::from(page.get(offsets + r * 13).copied().unwrap_or(0)) * 2;
                        let (len, at) = match page.get(b).copied().unwrap_or(0) {
                            0 => (
                                usize::from(page.get(b + 1).copied().unwrap_or(0)) * 2,
                                b + 2,
                            ),
                            cb => (usize::from(cb) * 2 - 1, b + 1),
                        };
                        // The paragraph style (istd, 2 bytes) comes before the sprms.
                        if b == 0 {
                            &[][..]
                        } else {
                            page.get(at + 2..at + len).unwrap_or_default()
                        }
                    }
                };
                runs.push((start, end, grpprl));
            }
        }
        runs.sort_by_key(|r| r.0);
        Ok(Runs { runs })
    }

    /// The sprms of the run holding stream offset `fc`.
    fn at(&self, fc: u32) -> &'a [u8] {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        i.checked_sub(1)
            .and_then(|i| self.runs.get(i))
            .filter(|r| fc < r.1)
            .map_or(&[][..], |r| r.2)
    }
}

/// Iterates over the `(sprm, operand)` pairs of a grpprl; stops at a cut one.
fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, at)?;
        let (start, len) = match (sprm, sprm >> 13) {
            // sprmTDefTable: a 2-byte size counting itself less one.
            (0xD608, _) => (
                at + 4,
                usize::from(u16_at(grpprl, at + 2)?).saturating_sub(1),
            ),
            // sprmPChgTabs: a 1-byte size (255 would need the operand parsed: stop there).
            (0xC615, _) => match grpprl.get(at + 2).copied()? {
                255 => return None,
                n => (at + 3, usize::from(n)),
            },
            (_, 0 | 1) => (at + 2, 1),
            (_, 2 | 4 | 5) => (at + 2, 2),
            (_, 3) => (at + 2, 4),
            (_, 7) => (at + 2, 3),
            _ => (at + 3, usize::from(grpprl.get(at + 2).copied()?)),
        };
        let operand = grpprl.get(start..start + len)?;
        at = start + len;
        Some((sprm, operand))
    })
}

/// What a paragraph's properties say about tables.
#[derive(Debug, Default)]
struct Para<'a> {
    in_table: bool,
    /// The paragraph ends a table row (its mark is the row's TTP).
    row_end: bool,
    /// Table depth (1 for a table in the body).
    depth: i32,
    /// The `sprmTDefTable` operand of a row end.
    def_table: Option<&'a [u8]>,
    /// `(cell, flags)` of each `sprmTVertMerge`.
    vert_merges: Vec<(u8, u8)>,
}

fn para(grpprl: &[u8]) -> Para<'_> {
    let mut p = Para::default();
    for (sprm, operand) in sprms(grpprl) {
        let flag = operand.first().is_some_and(|&b| b != 0);
        match sprm {
            0x2416 => p.in_table = flag,
            0x2417 => p.row_end = flag,
            0x6649 => {
                p.depth = u32_at(operand, 0).map_or(0, |d| d as i32);
            }
            0xD608 => p.def_table = Some(operand),
            0xD62B => {
                // sprmTVertMerge: the cell index and its flags (after the size byte).
                if let (Some(&itc), Some(&flags)) = (operand.first(), operand.get(1)) {
                    p.vert_merges.push((itc, flags));
                }
            }
            _ => {}
        }
    }
    if p.in_table && p.depth == 0 {
        p.depth = 1;
    }
    p
}

/// Whether a character run is deleted text (a tracked deletion).
fn deleted(grpprl: &[u8]) -> bool {
    sprms(grpprl).any(|(sprm, operand)| sprm == 0x0800 && operand.first().is_some_and(|&b| b != 0))
}

/// One cell of a row being read.
struct RowCell {
    text: String,
}

/// A row's cells with their edges and merges, from its TTP's properties.
fn table_row(cells: Vec<RowCell>, p: &Para<'_>) -> (Vec<i16>, Vec<Cell>) {
    let def = p.def_table.unwrap_or_default();
    let n = usize::from(def.first().copied().unwrap_or(0));
    let edges: Vec<i16> = (0..=n).map_while(|i| i16_at(def, 1 + i * 2)).collect();
    let tc_at = 1 + (n + 1) * 2;
    let mut out: Vec<Cell> = Vec::new();
    let mut spans: Vec<usize> = Vec::new();
    for (i, cell) in cells.into_iter().enumerate() {
        let tcgrf = u16_at(def, tc_at + i * 20).unwrap_or(0);
        let mut continued = tcgrf & 0x0020 != 0 && tcgrf & 0x0040 == 0;
        if let Some(&(_, flags)) = p
            .vert_merges
            .iter()
            .rev()
            .find(|(itc, _)| usize::from(*itc) == i)
        {
            continued = flags == 1;
        }
        // A Word 97 horizontal merge: a merged cell's text joins its first cell.
        if tcgrf & 0x0002 != 0
            && let (Some(last), Some(span)) = (out.last_mut(), spans.last_mut())
        {
            if !cell.text.is_empty()
                && let Some(Block::Text(t)) = last.blocks.first_mut()
            {
                t.push(' ');
                t.push_str(&cell.text);
            }
            *span += 1;
            continue;
        }
        out.push(Cell {
            blocks: if continued {
                Vec::new()
            } else {
                vec![Block::Text(cell.text)]
            },
            colspan: 1,
            rowspan: 1,
        });
        spans.push(1);
    }
    // Edges per kept cell: the first cell's left edge, then each kept cell's right edge.
    let mut kept_edges = Vec::new();
    if edges.len() == n + 1 && n > 0 {
        let mut i = 0;
        kept_edges.push(edges.first().copied().unwrap_or(0));
        for span in &spans {
            i += span;
            kept_edges.push(edges.get(i).copied().unwrap_or(i16::MAX));
        }
    }
    (kept_edges, out)
}

/// A table being read: each row's cell edges (twips) and cells.
#[derive(Default)]
struct OpenTable {
    rows: Vec<(Vec<i16>, Vec<Cell>)>,
}

impl OpenTable {
    /// The table, each cell spanning the grid columns (every row's edges together) it covers.
    fn finish(self) -> Table {
        let grid: BTreeSet<i16> = self
            .rows
            .iter()
            .flat_map(|(e, _)| e.iter().copied())
            .collect();
        // Edges out of order (a damaged file) count as one column.
        let columns_between = |a: i16, b: i16| {
            if a < b {
                grid.range(a..b).count().max(1)
            } else {
                1
            }
        };
        let left = grid.first().copied().unwrap_or(0);
        let mut table = Table::default();
        for (edges, mut cells) in self.rows {
            let mut skip = 0;
            if edges.len() == cells.len() + 1 {
                let first = edges.first().copied().unwrap_or(left);
                skip = if first > left {
                    columns_between(left, first)
                } else {
                    0
                };
                for (cell, pair) in cells.iter_mut().zip(edges.windows(2)) {
                    if let [a, b] = pair {
                        cell.colspan = columns_between(*a, *b);
                    }
                }
            }
            table.rows.push(Row { skip, cells });
        }
        table
    }
}

/// Turns the characters into blocks, paragraph by paragraph.
fn build(
    chars: &[(char, u32)],
    papx: &Runs<'_>,
    chpx: &Runs<'_>,
    budget: &mut Budget,
) -> Result<Vec<Block>, IngestError> {
    let mut blocks = Vec::new();
    let mut table: Option<OpenTable> = None;
    let mut row: Vec<RowCell> = Vec::new();
    let mut cell = String::new();
    let mut paragraph = String::new();
    // Field depth and, per open field, whether its result has begun.
    let mut fields: Vec<bool> = Vec::new();
    // The previous mark was a cell end (for documents whose paragraph properties are missing).
    let mut after_cell_end = false;
    for &(c, fc) in chars {
        budget.tick()?;
        let in_instruction = fields.last().is_some_and(|result| !result);
        match c {
            '\u{13}' => {
                fields.push(false);
                continue;
            }
            '\u{14}' => {
                if let Some(result) = fields.last_mut() {
                    *result = true;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ if in_instruction => continue,
            '\r' | '\u{7}' => {}
            _ if deleted(chpx.at(fc)) => continue,
            '\u{b}' => {
                paragraph.push('\n');
                continue;
            }
            '\u{c}' | '\u{e}' => {
                // A page or column break ends the line.
                if !paragraph.is_empty() && table.is_none() {
                    blocks.push(Block::Text(std::mem::take(&mut paragraph)));
                }
                continue;
            }
            '\u{1e}' => {
                paragraph.push('-');
                continue;
            }
            '\u{9}' => {
                paragraph.push(' ');
                continue;
            }
            c if c < ' ' || c == '\u{1f}' => continue,
            c => {
                paragraph.push(c);
                continue;
            }
        }
        // A paragraph mark (0x0D) or a cell or row mark (0x07).
        let p = para(papx.at(fc));
        let has_properties = !papx.runs.is_empty();
        let row_end = if has_properties {
            c == '\u{7}' && p.row_end
        } else {
            c == '\u{7}' && after_cell_end && paragraph.is_empty()
        };
        let in_table = if has_properties {
            p.in_table || p.row_end
        } else {
            c == '\u{7}' || !row.is_empty()
        };
        if row_end {
            budget.spend(Limit::TableCells, row.len() as u64 + 1)?;
            let cells = std::mem::take(&mut row);
            table
                .get_or_insert_with(OpenTable::default)
                .rows
                .push(table_row(cells, &p));
            paragraph.clear();
            cell.clear();
            after_cell_end = false;
            continue;
        }
        if in_table && p.depth <= 1 {
            if !cell.is_empty() && !paragraph.is_empty() {
                cell.push('\n');
            }
            cell.push_str(&std::mem::take(&mut paragraph));
            if c == '\u{7}' {
                row.push(RowCell {
                    text: std::mem::take(&mut cell),
                });
                after_cell_end = true;
            } else {
                after_cell_end = false;
            }
            continue;
        }
        if in_table {
            // A paragraph of a nested table: part of the outer cell's text.
            if !paragraph.is_empty() {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&std::mem::take(&mut paragraph));
            }
            continue;
        }
        after_cell_end = false;
        if let Some(open) = table.take() {
            blocks.push(Block::Table(open.finish()));
        }
        if !row.is_empty() {
            // Cells without their row end: kept as a row.
            let cells = std::mem::take(&mut row);
            blocks.push(Block::Table(
                OpenTable {
                    rows: vec![table_row(cells, &Para::default())],
                }
                .finish(),
            ));
        }
        let text = std::mem::take(&mut paragraph);
        if !text.is_empty() {
            blocks.push(Block::Text(text));
        }
    }
    if !row.is_empty() {
        let cells = std::mem::take(&mut row);
        table
            .get_or_insert_with(OpenTable::default)
            .rows
            .push(table_row(cells, &Para::default()));
    }
    if let Some(open) = table.take() {
        blocks.push(Block::Table(open.finish()));
    }
    if !paragraph.is_empty() {
        blocks.push(Block::Text(paragraph));
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_are_walked_by_their_operand_sizes() {
        // sprmPFInTable (1 byte), sprmPItap (4 bytes), sprmTDefTable (2-byte size), then a
        // variable one (1-byte size).
        let grpprl = [
            0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x08, 0xD6, 4, 0, 1, 0, 0, 0x01, 0xC6, 2, 7, 7,
        ];
        let got: Vec<(u16, Vec<u8>)> = sprms(&grpprl).map(|(s, o)| (s, o.to_vec())).collect();
        assert_eq!(
            got,
            vec![
                (0x2416, vec![1]),
                (0x6649, vec![2, 0, 0, 0]),
                (0xD608, vec![1, 0, 0]),
                (0xC601, vec![7, 7]),
            ]
        );
        // A cut sprm ends the walk.
        assert_eq!(sprms(&[0x49, 0x66, 2]).count(), 0);
    }

    #[test]
    fn cell_edges_become_column_spans() {
        let mut table = OpenTable::default();
        let cell = |t: &str| Cell {
            blocks: vec![Block::Text(t.into())],
            colspan: 1,
            rowspan: 1,
        };
        table.rows.push((
            vec![0, 100, 200, 300],
            vec![cell("a"), cell("1"), cell("2")],
        ));
        table
            .rows
            .push((vec![0, 100, 300], vec![cell("b"), cell("3")]));
        table.rows.push((vec![100, 300], vec![cell("4")]));
        let t = table.finish();
        let spans: Vec<Vec<usize>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.colspan).collect())
            .collect();
        assert_eq!(spans, vec![vec![1, 1, 1], vec![1, 2], vec![2]]);
        assert_eq!(t.rows.get(2).map(|r| r.skip), Some(1));
        // Edges out of order (a damaged file): one column each, no panic.
        let mut table = OpenTable::default();
        table
            .rows
            .push((vec![300, 100, 200], vec![cell("a"), cell("1")]));
        let spans: Vec<usize> = table.finish().rows[0]
            .cells
            .iter()
            .map(|c| c.colspan)
            .collect();
        assert_eq!(spans, vec![1, 1]);
    }

    #[test]
    fn without_paragraph_properties_a_second_cell_mark_ends_the_row() {
        let text = "前言\r甲\u{7}1\u{7}\u{7}乙\u{7}2\u{7}\u{7}后记\r";
        let chars: Vec<(char, u32)> = text.chars().zip(0..).collect();
        let none = Runs { runs: Vec::new() };
        let mut budget = Budget::new();
        let blocks = build(&chars, &none, &none, &mut budget).unwrap();
        let out = super::super::grid::render(&blocks, &mut budget).unwrap();
        assert_eq!(out, "前言\n甲 | 1 |\n乙 | 2 |\n后记\n");
    }

    #[test]
    fn field_instructions_are_skipped_and_results_kept() {
        let text = "第\u{13} PAGE \u{14}3\u{15}页\r";
        let chars: Vec<(char, u32)> = text.chars().zip(0..).collect();
        let none = Runs { runs: Vec::new() };
        let mut budget = Budget::new();
        let blocks = build(&chars, &none, &none, &mut budget).unwrap();
        assert_eq!(blocks, vec![Block::Text("第3页".into())]);
    }

    #[test]
    fn a_stream_that_is_not_word_is_refused() {
        assert!(Fib::read(&[0; 10]).is_err());
        let mut old = vec![0xEC, 0xA5, 0x65, 0x00];
        old.resize(64, 0);
        assert!(matches!(Fib::read(&old), Err(IngestError::Unsupported(_))));
    }
}
