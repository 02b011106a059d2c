//! Reading reports in the formats they are published in (HTML, DOCX, DOC/WPS, PDF, XLS, XLSX,
//! ODS), end to end: the fixtures under tests/fixtures/formats (made by make.sh from invented
//! figures; the .doc by LibreOffice from the DOCX, the spreadsheets by LibreOffice Calc from
//! report-sheet.html) must extract to exactly the cells of expected.csv; unsupported and damaged
//! files must give clear messages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use gouji::ingest::{self, IngestError};
use gouji::template::TableId;
use gouji::{Format, Value, extract, parse_value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn table_id(key: &str) -> TableId {
    match key {
        "proactive" => TableId::Proactive,
        "requests" => TableId::Requests,
        "appeals" => TableId::Appeals,
        other => panic!("unknown table {other}"),
    }
}

/// Every expected cell that the extraction got wrong, as `table/row/col: want .. got ..`.
fn misses(path: &Path) -> Vec<String> {
    let doc = ingest::read_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let report = extract::extract(&doc).report;
    let expected = std::fs::read_to_string(fixture("expected.csv")).unwrap();
    let mut out = Vec::new();
    for line in expected.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let [table, row, col, value] = fields[..] else {
            panic!("bad line {line}")
        };
        let key = report
            .key(table_id(table), row, col)
            .unwrap_or_else(|| panic!("no cell {table}/{row}/{col}"));
        let want = if value.is_empty() {
            Value::Blank
        } else {
            parse_value(value, gouji::template::ValueKind::SignedCount)
        };
        let got = report.value(&key);
        let same = match (&want, got) {
            (Value::Number(a), Value::Number(b)) => a.normalize() == b.normalize(),
            _ => &want == got,
        };
        if !same {
            out.push(format!("{table}/{row}/{col}: want {want:?} got {got:?}"));
        }
    }
    out
}

#[test]
fn html_utf8_with_spans_nbsp_and_layout_table() {
    let path = fixture("report-utf8.html");
    let doc = ingest::read_file(&path).unwrap();
    assert_eq!((doc.format, doc.encoding), (Format::Html, "UTF-8"));
    assert!(!doc.text.contains("not text"), "script text leaked");
    // The layout table around the data tables does not swallow them into one row.
    assert!(doc.text.contains("\n规章 | 0 | | 3 |\n"));
    assert!(
        doc.text
            .contains("\n（七）总计 | 10 | 2 | 0 | 1 | 0 | 1 | 14 |\n")
    );
    assert_eq!(misses(&path), Vec::<String>::new());
}

#[test]
fn html_gbk_declared_by_meta() {
    let path = fixture("report-gbk.html");
    let doc = ingest::read_file(&path).unwrap();
    assert_eq!(doc.encoding, encoding_rs::GB18030.name());
    assert_eq!(misses(&path), Vec::<String>::new());
}

#[test]
fn html_with_a_wrong_meta_is_decoded_by_its_bytes() {
    let right = ingest::read_file(&fixture("report-utf8.html"))
        .unwrap()
        .text;
    for (name, encoding) in [
        ("report-wrong-meta-utf8.html", "UTF-8"),
        ("report-wrong-meta-gbk.html", encoding_rs::GB18030.name()),
    ] {
        let doc = ingest::read_file(&fixture(name)).unwrap();
        assert_eq!(doc.encoding, encoding, "{name}");
        assert_eq!(doc.text, right, "{name}");
    }
}

#[test]
fn docx_with_grid_span_and_v_merge() {
    let path = fixture("report.docx");
    let doc = ingest::read_file(&path).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert!(doc.text.contains("\n一、总体情况\n"), "deleted text shown");
    assert_eq!(doc.text.matches("（正文）").count(), 1, "mc:Fallback shown");
    assert_eq!(misses(&path), Vec::<String>::new());
}

#[test]
fn format_is_found_by_bytes_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("report.txt");
    std::fs::copy(fixture("report.docx"), &renamed).unwrap();
    assert_eq!(ingest::read_file(&renamed).unwrap().format, Format::Docx);
}

fn message(bytes: &[u8]) -> String {
    match ingest::read_bytes(bytes) {
        Ok(doc) => panic!("read as {:?}", doc.format),
        Err(e) => e.to_string(),
    }
}

#[test]
fn doc_with_merged_cells_and_cjk_text() {
    let path = fixture("report.doc");
    let doc = ingest::read_file(&path).unwrap();
    assert_eq!(doc.format, Format::Doc);
    // The same rows as the DOCX it was made from, Chinese text whole.
    let docx = ingest::read_file(&fixture("report.docx")).unwrap();
    for line in [
        "（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "（七）总计 | 10 | 2 | 0 | 1 | 0 | 1 | 14 |",
    ] {
        assert!(docx.text.contains(line), "docx lacks {line}");
        assert!(doc.text.contains(line), "doc lacks {line}:\n{}", doc.text);
    }
    assert!(doc.text.contains("\n一、总体情况\n"), "deleted text shown");
    assert_eq!(misses(&path), Vec::<String>::new());
}

#[test]
fn wps_saved_as_word_binary_reads_as_doc() {
    let path = fixture("report.wps");
    let doc = ingest::read_file(&path).unwrap();
    assert_eq!(doc.format, Format::Doc);
    assert_eq!(
        doc.text,
        ingest::read_file(&fixture("report.doc")).unwrap().text
    );
    assert_eq!(misses(&path), Vec::<String>::new());
}

#[test]
fn spreadsheets_give_the_cells_of_their_page() {
    for (name, format) in [
        ("report-sheet.xlsx", Format::Xlsx),
        ("report-sheet.xls", Format::Xls),
        ("report-sheet.ods", Format::Ods),
    ] {
        let path = fixture(name);
        let doc = ingest::read_file(&path).unwrap();
        assert_eq!(doc.format, format, "{name}");
        // Numbers stored as numbers print as written: no `.0`, no float noise.
        assert!(
            doc.text.contains("\n行政事业性收费 | 1.5 |\n"),
            "{name}:\n{}",
            doc.text
        );
        assert!(doc.text.contains("\n行政许可 | 120 |\n"), "{name}");
        assert_eq!(misses(&path), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn a_damaged_compound_file_is_an_error() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert!(
        message(&ole).starts_with("damaged compound (OLE"),
        "{}",
        message(&ole)
    );
    let bytes = std::fs::read(fixture("report.doc")).unwrap();
    for cut in [600, bytes.len() / 2] {
        let e = ingest::read_bytes(&bytes[..cut]).unwrap_err();
        assert!(e.to_string().starts_with("damaged"), "{e}");
    }
}

#[test]
fn a_compound_file_that_is_not_word_or_excel_gets_its_own_message() {
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/PowerPoint Document")
        .unwrap()
        .write_all(&[0; 600])
        .unwrap();
    file.flush().unwrap();
    let bytes = file.into_inner().into_inner();
    let text = message(&bytes);
    assert!(
        text.contains("neither a Word document nor an Excel workbook"),
        "{text}"
    );
    assert!(!text.contains(".doc"), "{text}");
}

#[test]
fn zip_without_word_document_is_refused() {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("content.xml", options).unwrap();
    zip.write_all(b"<x/>").unwrap();
    zip.finish().unwrap();
    assert!(message(buffer.get_ref()).contains("neither a Word document nor a spreadsheet"));
}

#[test]
fn damaged_docx_is_an_error() {
    let bytes = std::fs::read(fixture("report.docx")).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let e = ingest::read_bytes(cut).unwrap_err();
    assert!(matches!(e, IngestError::Malformed { .. }), "{e}");
    assert!(e.to_string().starts_with("damaged"));
}

#[test]
fn pdf_table_over_a_page_break() {
    let path = fixture("report.pdf");
    let doc = ingest::read_file(&path).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    // The request table runs over a page break: both parts are read as rows.
    let page_break = doc.text.find("4.保护第三方合法权益").unwrap();
    assert!(doc.text[page_break..].contains("\n5.属于三类内部事务信息 | 0 |"));
    // The footer's page number (a bare "1") is not read into the table.
    assert!(
        doc.lines()
            .all(|(_, l)| l.is_empty() || !l.chars().all(|c| c.is_ascii_digit())),
        "page number kept"
    );
    assert_eq!(misses(&path), Vec::<String>::new());
}

#[test]
fn scanned_pdf_says_no_ocr() {
    let e = ingest::read_file(&fixture("scanned.pdf")).unwrap_err();
    assert!(matches!(e, IngestError::Unsupported(_)));
    assert!(
        e.to_string()
            .starts_with("no text layer: OCR is not supported"),
        "{e}"
    );
}

#[test]
fn damaged_pdfs_are_errors_not_crashes() {
    let bytes = std::fs::read(fixture("report.pdf")).unwrap();
    for cut in [16, bytes.len() / 3, bytes.len() - 200] {
        let result = std::panic::catch_unwind(|| ingest::read_bytes(&bytes[..cut]));
        assert!(result.is_ok(), "panic on a PDF cut at {cut}");
    }
    let mut flipped = bytes.clone();
    for i in (1000..flipped.len()).step_by(997) {
        flipped[i] ^= 0x5A;
    }
    assert!(std::panic::catch_unwind(|| ingest::read_bytes(&flipped)).is_ok());
    let e = ingest::read_bytes(b"%PDF-1.4\nnot really").unwrap_err();
    assert!(e.to_string().starts_with("damaged PDF"), "{e}");
}

#[test]
fn pdf_cid_fonts_without_to_unicode_decode() {
    let doc = ingest::read_file(&fixture("cid-no-tounicode.pdf")).unwrap();
    assert_eq!(
        doc.text,
        "二、主动公开政府信息情况\n\
         信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
         规章 | 1 | 0 | 5 |\n\
         行政规范性文件 | 2 | 1 | 9 |\n"
    );
}

mod damaged {
    //! Random damage to the fixtures: reading may fail, but must return (never panic).
    use super::fixture;
    use gouji::ingest;
    use proptest::prelude::*;

    fn mutated(name: &str, edits: &[(usize, u8)]) -> Vec<u8> {
        let mut bytes = std::fs::read(fixture(name)).unwrap();
        let len = bytes.len();
        for &(at, value) in edits {
            bytes[at % len] = value;
        }
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

        #[test]
        fn damaged_files_never_panic(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..40),
            which in 0usize..8,
        ) {
            let name = [
                "report.pdf", "report.docx", "report-gbk.html", "cid-no-tounicode.pdf",
                "report.doc", "report-sheet.xls", "report-sheet.xlsx", "report-sheet.ods",
            ][which];
            let bytes = mutated(name, &edits);
            let outcome = std::panic::catch_unwind(|| ingest::read_bytes(&bytes).map(|d| d.text.len()));
            prop_assert!(outcome.is_ok(), "panic reading damaged {}", name);
        }
    }
}

/// A ZIP archive of `(name, bytes)` parts, stored.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    buffer.into_inner()
}

#[test]
fn an_ods_repeating_a_filled_cell_over_the_whole_sheet_is_refused_not_laid_out() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let bytes = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let started = std::time::Instant::now();
    let e = ingest::read_bytes(&bytes).unwrap_err();
    assert!(e.to_string().starts_with("too many table cells"), "{e}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn an_xlsx_with_cells_at_opposite_corners_reads_cheaply_and_a_sheet_wide_merge_is_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "规章").unwrap();
    sheet.write_number(0, 1, 3.0).unwrap();
    sheet.write_number(1_048_575, 16_383, 1710.15).unwrap();
    let written = book.save_to_buffer().unwrap();
    let started = std::time::Instant::now();
    let doc = ingest::read_bytes(&written).unwrap();
    assert_eq!(doc.format, Format::Xlsx);
    assert_eq!(doc.text, "规章 | 3 |\n1710.15\n");
    assert!(started.elapsed().as_secs() < 5);
    // A merge over nearly the whole sheet, added to the sheet's XML (a writer would fill it).
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&written)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        let name = part.name().unwrap().into_owned();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).unwrap().replace(
                "</sheetData>",
                "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A3:WNZ1048000\"/></mergeCells>",
            );
            assert!(xml.contains("mergeCell ref"));
            bytes = xml.into_bytes();
        }
        parts.push((name, bytes));
    }
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let bytes = zip_of(&parts);
    let started = std::time::Instant::now();
    let e = ingest::read_bytes(&bytes).unwrap_err();
    assert!(e.to_string().starts_with("too many table cells"), "{e}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn an_xls_whose_cells_span_the_whole_sheet_is_refused_not_laid_out() {
    // The fixture with one cell record moved to the sheet's last row and column: calamine would
    // lay out 65,536 × 256 cells for it.
    let bytes = std::fs::read(fixture("report-sheet.xls")).unwrap();
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
    let mut stream = Vec::new();
    std::io::Read::read_to_end(&mut file.open_stream("/Workbook").unwrap(), &mut stream).unwrap();
    let mut at = 0;
    let mut moved = false;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        if kind == 0x00FD && !moved {
            // LABELSST: row, column, format, string index.
            stream[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
            moved = true;
        }
        at += 4 + len;
    }
    assert!(moved);
    file.open_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    let patched = file.into_inner().into_inner();
    let e = ingest::read_bytes(&patched).unwrap_err();
    assert!(e.to_string().starts_with("too many table cells"), "{e}");
}

#[test]
fn damaged_files_the_readers_stumbled_on_are_errors_not_crashes() {
    let regression = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions")
            .join(name)
    };
    // calamine panics on these (an overflow): the reader says the file is damaged.
    for name in [
        "read_sheet-calamine-panics.xls",
        "read_sheet-calamine-panics.xlsx",
    ] {
        let outcome = std::panic::catch_unwind(|| ingest::read_file(&regression(name)));
        let e = outcome.expect("no panic").unwrap_err();
        assert!(e.to_string().starts_with("damaged XLS"), "{name}: {e}");
    }
    // A table row whose cell edges run backwards: read, each such cell one column wide.
    let doc = ingest::read_file(&regression("read_doc-cell-edges-out-of-order.doc")).unwrap();
    assert_eq!(doc.format, Format::Doc);
}
