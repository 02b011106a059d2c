//! Ingest: file bytes -> [`Document`].
//!
//! Owns reading a report file, recognising its format from its bytes (never its name), decoding
//! its text (UTF-8 with or without BOM, UTF-16, GB18030/GBK) and the line index the raw-text pane
//! and provenance speak in. Every format ends in plain text, where a format that carries table
//! structure writes each table row as one line of cells separated by ` | ` (empty cells kept,
//! merged cells expanded), the "row per line" layout extraction reads exactly. It does not know
//! the forms: which table is which is extraction's business.
//!
//! Submodules: `decode` (text encodings), `html` (HTML pages, `scraper`, parsed under the budget
//! by `html_depth`), `docx` (Word 2007+, `zip` + `quick-xml`), `doc` (Word 97–2003 `.doc` and
//! WPS Office's `.wps`, `cfb` and the piece table), `sheet` (`.xlsx`, `.xls`, `.ods`,
//! `calamine`), `pdf` (PDFs with a text layer, `hayro-interpret`; `pdf_streams` pays for their
//! decompressed bytes), and `grid`, which renders the tables of them all as rows. Other ZIP
//! archives and compound files (a PowerPoint file, a Works `.wps`) and scanned PDFs are refused
//! with a message saying what they are and what to do instead.
//!
//! Input must not hang gouji or exhaust its memory. [`read_file`] opens regular files only and
//! reads at most [`MAX_FILE_BYTES`]; `budget` owns every other limit: each [`read_bytes`] gets one
//! `Budget` (table cells, decompressed bytes, PDF drawing operations and glyphs, HTML elements,
//! nesting depth, and a [`MAX_SECONDS`] wall-clock backstop) that the readers pay into as they go;
//! going over refuses the file with [`IngestError::Budget`] or [`IngestError::TimedOut`]. No walk
//! here recurses deeper than a fixed cap, whatever the input.
//!
//! Main types: [`Document`], [`Format`], [`IngestError`].

mod budget;
mod decode;
mod doc;
mod docx;
mod grid;
mod html;
mod html_depth;
mod pdf;
mod pdf_streams;
mod sheet;

use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use budget::{
    MAX_COLUMNS, MAX_DECODED_BYTES, MAX_DRAWING_OPS, MAX_ELEMENTS, MAX_GLYPHS, MAX_GRID_CELLS,
    MAX_LINE_CHECKS, MAX_NESTING, MAX_PAGES, MAX_ROWSPAN, MAX_SECONDS, MAX_TABLE_CELLS,
};
pub use decode::decode_text;

use budget::Budget;

/// Largest report file gouji reads, in bytes. Real reports are under 10 MB; larger input is
/// refused with a message instead of being loaded into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The kind of file a report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Format {
    /// Plain text (including text exported from PDFs and Markdown).
    Text,
    /// An HTML page.
    Html,
    /// A Word 2007+ document.
    Docx,
    /// A PDF with a text layer.
    Pdf,
    /// A Word 97–2003 document (`.doc`, or a `.wps` WPS Office saved in the same binary).
    Doc,
    /// An Excel 2007+ workbook.
    Xlsx,
    /// An Excel 97–2003 workbook.
    Xls,
    /// An OpenDocument spreadsheet.
    Ods,
}

impl Format {
    /// A short lowercase name, as shown in the UI and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// Why a file could not be turned into a [`Document`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be read from disk.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("file is too large ({size} bytes; gouji reads reports up to {limit} bytes)")]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is empty.
    #[error("file is empty")]
    Empty,
    /// The path names something other than a regular file (a folder, a FIFO, a device...): it
    /// is never read, as reading it could block forever or never end.
    #[error("not a regular file ({kind}): gouji reads report files only")]
    NotAFile {
        /// What it is instead, e.g. `a FIFO (named pipe)`.
        kind: &'static str,
    },
    /// Reading would go over one of the limits of a report's budget (see [`MAX_TABLE_CELLS`] and
    /// the other `MAX_` constants): far more structure than any report has.
    #[error("{what} (limit {limit}): not a report gouji can read")]
    Budget {
        /// What went over the limit, e.g. `too many table cells`.
        what: &'static str,
        /// The limit.
        limit: u64,
    },
    /// Reading took longer than [`MAX_SECONDS`].
    #[error("reading took longer than {seconds} s: the file is too complex to be a report")]
    TimedOut {
        /// The limit in seconds.
        seconds: u64,
    },
    /// The bytes are not text in any encoding gouji knows, and not a known document format.
    #[error("not a text report: {0}")]
    NotText(String),
    /// A known but unsupported format (legacy .doc, scanned PDF...), with what to do instead.
    #[error("{0}")]
    Unsupported(String),
    /// A file of a known format (DOCX, PDF) that is damaged or cannot be read.
    #[error("damaged {format} file: {reason}")]
    Malformed {
        /// The format the file claims to be (`DOCX`, `PDF`).
        format: &'static str,
        /// What went wrong.
        reason: String,
    },
}

/// A decoded report: its text and a line index into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// What kind of file it was.
    pub format: Format,
    /// The encoding the text was decoded from (e.g. `UTF-8`, `GB18030`).
    pub encoding: &'static str,
    /// The decoded text, line endings normalised to `\n`.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Document {
    /// Builds a document from decoded text. `\r\n` and lone `\r` become `\n`; a form feed ends a
    /// line too, so page breaks show as lines in the raw pane.
    ///
    /// # Example
    /// ```
    /// use gouji::{Document, Format};
    /// let doc = Document::from_text(Format::Text, "一\r\n二\u{c}三");
    /// assert_eq!(doc.line_count(), 3);
    /// assert_eq!(doc.line(1), "二");
    /// assert_eq!(doc.line_of(doc.text.find('三').unwrap()), 2);
    /// ```
    pub fn from_text(format: Format, text: &str) -> Document {
        let text = if text
            .bytes()
            .fold(false, |seen, b| seen | (b == b'\r') | (b == 0x0C))
        {
            text.replace("\r\n", "\n").replace(['\r', '\u{c}'], "\n")
        } else {
            text.to_owned() // most texts: one copy, no search for line ends to rewrite
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Document {
            path: None,
            format,
            encoding: "UTF-8",
            text,
            line_starts,
        }
    }

    /// Number of lines (a text without a newline has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of line `index` (0-based), without its newline.
    pub fn line_span(&self, index: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(index + 1)
            .map(|next| next - 1)
            .unwrap_or(self.text.len());
        start..end.max(start)
    }

    /// The text of line `index` (0-based), without its newline.
    pub fn line(&self, index: usize) -> &str {
        self.text.get(self.line_span(index)).unwrap_or("")
    }

    /// Iterates over `(index, line)` pairs, 0-based.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        (0..self.line_count()).map(|i| (i, self.line(i)))
    }

    /// The 0-based line that holds byte offset `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= byte)
            .saturating_sub(1)
    }
}

/// File endings gouji opens as reports (the folder walker, the open dialog and the queue use this
/// one list).
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "htm", "html", "shtml", "docx", "pdf", "doc", "wps", "xlsx", "xls", "ods",
];

/// Reads and decodes a report file of any supported format. Only regular files are read: a
/// folder, FIFO, device or socket (also behind a symlink) is refused with
/// [`IngestError::NotAFile`] before any byte is read, and no more than [`MAX_FILE_BYTES`] are
/// ever read, even from a file that grows meanwhile.
pub fn read_file(path: &Path) -> Result<Document, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Refused before opening (opening a device can have effects), and again on the opened handle,
    // in case the path was replaced in between.
    regular(&std::fs::metadata(path).map_err(io)?)?;
    let file = open(path).map_err(io)?;
    let size = regular(&file.metadata().map_err(io)?)?;
    if size > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    (&file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let mut doc = read_bytes(&bytes)?;
    doc.path = Some(path.to_path_buf());
    Ok(doc)
}

/// The size of a regular file; [`IngestError::NotAFile`] for anything else.
fn regular(meta: &std::fs::Metadata) -> Result<u64, IngestError> {
    if meta.is_file() {
        return Ok(meta.len());
    }
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = if kind.is_fifo() {
            Some("a FIFO (named pipe)")
        } else if kind.is_char_device() {
            Some("a character device")
        } else if kind.is_block_device() {
            Some("a block device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(kind) = kind {
            return Err(IngestError::NotAFile { kind });
        }
    }
    Err(IngestError::NotAFile {
        kind: if kind.is_dir() {
            "a folder"
        } else {
            "not a file"
        },
    })
}

/// Opens a file for reading without blocking: on Unix a FIFO opened normally would wait for a
/// writer before its type could even be checked.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Decodes report bytes whose format is recognised from the bytes themselves: PDF, DOCX, DOC
/// (and WPS), XLSX, XLS, ODS, HTML or plain text.
///
/// # Example
/// ```
/// use gouji::{Format, ingest};
/// let page = "<html><body><p>二、主动公开政府信息情况</p>\
///             <table><tr><td>规章<td>1<td>&nbsp;<td>5</table></body></html>";
/// let doc = ingest::read_bytes(page.as_bytes())?;
/// assert_eq!(doc.format, Format::Html);
/// assert_eq!(doc.text, "二、主动公开政府信息情况\n规章 | 1 | | 5 |\n");
/// // A compound file cut after its signature: a damaged Word or Excel file.
/// let e = ingest::read_bytes(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
/// assert!(e.to_string().starts_with("damaged"), "{e}");
/// # Ok::<(), ingest::IngestError>(())
/// ```
pub fn read_bytes(bytes: &[u8]) -> Result<Document, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut budget = Budget::new();
    match sniff(bytes) {
        Kind::Docx => {
            let text = docx::read(bytes, &mut budget)?;
            Ok(structured(Format::Docx, &text, "UTF-8"))
        }
        Kind::Pdf => {
            let text = pdf::read(bytes, &mut budget)?;
            Ok(structured(Format::Pdf, &text, "UTF-8"))
        }
        Kind::Doc => {
            let text = doc::read(bytes, &mut budget)?;
            Ok(structured(Format::Doc, &text, "UTF-16LE"))
        }
        Kind::Sheet(book) => {
            let text = sheet::read(bytes, book, &mut budget)?;
            let format = match book {
                sheet::Workbook::Xlsx => Format::Xlsx,
                sheet::Workbook::Xls => Format::Xls,
                sheet::Workbook::Ods => Format::Ods,
            };
            Ok(structured(format, &text, "UTF-8"))
        }
        Kind::Html => {
            let (text, encoding) = html::read(bytes, &mut budget)?;
            Ok(structured(Format::Html, &text, encoding))
        }
        Kind::Refused(error) => Err(error),
        Kind::Text => {
            let (text, encoding) = decode_text(bytes)?;
            Ok(structured(Format::Text, &text, encoding))
        }
    }
}

fn structured(format: Format, text: &str, encoding: &'static str) -> Document {
    let mut doc = Document::from_text(format, text);
    doc.encoding = encoding;
    doc
}

/// What the bytes of a file are.
enum Kind {
    Text,
    Html,
    Docx,
    Pdf,
    Doc,
    Sheet(sheet::Workbook),
    /// A format gouji recognises but cannot read, with the message saying why.
    Refused(IngestError),
}

/// Recognises formats by their bytes, never by the file name.
fn sniff(bytes: &[u8]) -> Kind {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    // The PDF header may follow a little junk (up to 1024 bytes, as readers allow).
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if starts(b"PK\x03\x04") {
        return match docx::is_docx(bytes) {
            Ok(true) => Kind::Docx,
            Ok(false) => match sheet::zip_workbook(bytes) {
                Some(book) => Kind::Sheet(book),
                None => Kind::Refused(IngestError::Unsupported(
                    "a ZIP archive that is neither a Word document nor a spreadsheet (no word/document.xml, xl/workbook.xml or OpenDocument spreadsheet): unpack it and open the report inside".into(),
                )),
            },
            Err(e) => Kind::Refused(e),
        };
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match doc::kind(bytes) {
            Ok(doc::Compound::Word) => Kind::Doc,
            Ok(doc::Compound::Excel) => Kind::Sheet(sheet::Workbook::Xls),
            Ok(doc::Compound::Other) => Kind::Refused(IngestError::Unsupported(
                "a compound file (OLE) that is neither a Word document nor an Excel workbook (a PowerPoint file, a Works .wps, an installer?): save the report as DOCX or PDF and open that".into(),
            )),
            Err(e) => Kind::Refused(e),
        };
    }
    if html::looks_like_html(bytes) {
        return Kind::Html;
    }
    Kind::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_crlf_and_form_feed() {
        let doc = Document::from_text(Format::Text, "a\r\nb\u{c}c\n");
        assert_eq!(doc.line_count(), 4);
        assert_eq!(doc.line(0), "a");
        assert_eq!(doc.line(2), "c");
        assert_eq!(doc.line(3), "");
        assert_eq!(doc.line_of(doc.text.len()), 3);
    }

    #[test]
    fn empty_and_binary_input_are_errors() {
        assert!(matches!(read_bytes(b""), Err(IngestError::Empty)));
        assert!(matches!(
            read_bytes(b"%PDF-1.7 ..."),
            Err(IngestError::Malformed { .. })
        ));
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0,
        ];
        assert!(matches!(read_bytes(&png), Err(IngestError::NotText(_))));
    }
}
