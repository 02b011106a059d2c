//! Inputs that must not hang or blow up: non-regular files, binary behind a byte-order mark, and
//! crafted files that would cost minutes or gigabytes without the budget of
//! `gouji::ingest` (nesting depth, table cells, ruling grids, decompressed bytes, drawing
//! operations). Every crafted file is generated here at run time; each test asserts the refusal
//! and its reason, not the time. `peak_memory_of_the_worst_files` runs the binary on the worst
//! ones and asserts its peak RSS.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gouji::ingest::{self, IngestError};

/// Runs `f` on a thread and fails the test if it does not return within `secs` (a hang must fail,
/// not stall the suite).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("did not return within {secs} s"))
}

fn refusal(bytes: Vec<u8>) -> IngestError {
    within(60, move || ingest::read_bytes(&bytes).map(|d| d.text.len())).unwrap_err()
}

/// Asserts a budget refusal whose message starts with `what`.
fn assert_budget(err: &IngestError, what: &str) {
    assert!(matches!(err, IngestError::Budget { .. }), "{err}");
    let message = err.to_string();
    assert!(message.starts_with(what), "{message}");
    assert!(message.contains("not a report gouji can read"), "{message}");
}

// ---- Non-regular files ----

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt as _;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path.
    let rc = unsafe { libc::mkfifo(name.as_ptr(), 0o600) };
    assert_eq!(rc, 0, "mkfifo failed");
}

#[test]
fn fifos_devices_and_folders_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let cases = [
        (fifo, "a FIFO (named pipe)"),
        (PathBuf::from("/dev/zero"), "a character device"),
        (link, "a character device"),
        (dir.path().to_path_buf(), "a folder"),
    ];
    for (path, kind) in cases {
        let shown = path.display().to_string();
        let err = within(10, move || ingest::read_file(&path).map(|d| d.text.len())).unwrap_err();
        assert!(
            matches!(err, IngestError::NotAFile { kind: k } if k == kind),
            "{shown}: {err}"
        );
        assert!(err.to_string().starts_with("not a regular file"), "{err}");
    }
}

/// Runs the binary with `args` and a time limit; its exit code and stderr.
fn run_gouji(args: &[&std::ffi::OsStr], secs: u64) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status.code(), err);
        }
        if started.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("gouji {args:?} did not end within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn check_on_a_fifo_exits_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.txt");
    mkfifo(&fifo);
    let (code, err) = run_gouji(&["check".as_ref(), fifo.as_os_str()], 10);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("not a regular file (a FIFO (named pipe))"),
        "{err}"
    );
    let (code, err) = run_gouji(&["check".as_ref(), "/dev/zero".as_ref()], 10);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("not a regular file (a character device)"),
        "{err}"
    );
}

// ---- Binary behind a byte-order mark ----

#[test]
fn a_byte_order_mark_followed_by_binary_is_binary() {
    let png = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0, 0, 0, 13, b'I', b'H', b'D', b'R'],
        &[0u8; 64],
    ]
    .concat();
    let zip = [&b"PK\x03\x04\x14\0\0\0\x08\0"[..], &[0u8; 64]].concat();
    let mut state = 0x2545_f491_u32;
    let noise: Vec<u8> = (0..20_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    let cases = [
        [&b"\xEF\xBB\xBF"[..], &png].concat(),
        [&b"\xEF\xBB\xBF"[..], &zip].concat(),
        [&b"\xEF\xBB\xBF"[..], &noise].concat(),
        [&b"\xFF\xFE"[..], &noise].concat(),
        [&b"\xFE\xFF"[..], &noise].concat(),
    ];
    for bytes in cases {
        let err = ingest::read_bytes(&bytes).unwrap_err();
        assert!(matches!(err, IngestError::NotText(_)), "{err}");
    }
    // A real report behind a BOM still reads.
    let text = "三、收到和处理政府信息公开申请情况\n（七）总计 | 5 |\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(ingest::read_bytes(&utf16).unwrap().text, text);
}

// ---- HTML ----

/// 100,000 nested `<div>` (1.1 MB): minutes in html5ever before the budget.
fn html_deep() -> Vec<u8> {
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(100_000));
    page.push('x');
    page.push_str(&"</div>".repeat(100_000));
    page.into_bytes()
}

/// Rows of one cell spanning 256 columns (the 21 MB page has 1.3 million of them).
fn html_wide(rows: usize) -> Vec<u8> {
    let mut page = String::from("<html><body><table>");
    for _ in 0..rows {
        page.push_str("<tr><td colspan=256>1</td></tr>");
    }
    page.push_str("</table></body></html>");
    page.into_bytes()
}

#[test]
fn html_nested_100k_deep_is_refused() {
    assert_budget(&refusal(html_deep()), "elements nested too deep");
}

#[test]
fn html_colspan_rows_are_refused() {
    assert_budget(&refusal(html_wide(20_000)), "too many table cells");
}

// ---- DOCX ----

fn docx(document_xml: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document_xml).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn wrap_body(body: &[u8]) -> Vec<u8> {
    [
        &b"<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>"[..],
        body,
        b"</w:body></w:document>",
    ]
    .concat()
}

/// 500,000 nested `<w:p>` (about 8 KB zipped).
fn docx_deep() -> Vec<u8> {
    let n = 500_000;
    let body = [
        "<w:p>".repeat(n).as_bytes(),
        b"<w:r><w:t>x</w:t></w:r>",
        "</w:p>".repeat(n).as_bytes(),
    ]
    .concat();
    docx(&wrap_body(&body))
}

/// `rows` rows of one cell spanning 256 grid columns.
fn docx_wide(rows: usize) -> Vec<u8> {
    let row = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"256\"/></w:tcPr></w:tc></w:tr>";
    let body = format!("<w:tbl>{}</w:tbl>", row.repeat(rows));
    docx(&wrap_body(body.as_bytes()))
}

#[test]
fn docx_nested_500k_deep_is_refused() {
    let bytes = docx_deep();
    assert!(bytes.len() < 64 * 1024);
    assert_budget(&refusal(bytes), "elements nested too deep");
}

#[test]
fn docx_paragraphs_nested_within_the_depth_limit_read_in_linear_time() {
    // 1,900 nested paragraphs each with text: every text is kept, on its own line.
    let n = 1_900;
    let body = [
        "<w:p><w:r><w:t>段</w:t></w:r>".repeat(n).as_bytes(),
        "</w:p>".repeat(n).as_bytes(),
    ]
    .concat();
    let doc = within(30, move || {
        ingest::read_bytes(&docx(&wrap_body(&body))).unwrap()
    });
    assert_eq!(doc.text.matches('段').count(), n);
}

#[test]
fn docx_grid_span_rows_are_refused() {
    assert_budget(&refusal(docx_wide(20_000)), "too many table cells");
}

#[test]
fn docx_zip_bomb_is_refused() {
    // 200 MB of one paragraph's text, zipped to about 200 KB.
    let mut xml =
        b"<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(xml.len() + 200 * 1024 * 1024, b'x');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bytes = docx(&xml);
    drop(xml);
    assert_budget(&refusal(bytes), "too many decompressed bytes");
}

// ---- PDF ----

/// A PDF whose objects are `objects` (object i + 1 is `objects[i]`, without `obj`/`endobj`);
/// object 1 must be the catalog.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    [
        format!("<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes(),
        data,
        b"\nendstream",
    ]
    .concat()
}

/// A PDF of `pages` pages of 14400 x 14400 points, all drawing content stream object 3 (with
/// `resources` as their resources), then `extra` objects from number 4 + pages on.
fn pdf_pages(
    pages: usize,
    contents: &str,
    content: Vec<u8>,
    resources: &str,
    extra: Vec<Vec<u8>>,
) -> Vec<u8> {
    let first_page = 4;
    let kids: Vec<String> = (0..pages)
        .map(|i| format!("{} 0 R", first_page + i))
        .collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
        content,
    ];
    for _ in 0..pages {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents {contents} /Resources << {resources} >> >>"
            )
            .into_bytes(),
        );
    }
    objects.extend(extra);
    pdf(&objects)
}

/// Page resources with the standard font Helvetica as `/F1`.
const FONT: &str = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>";

/// A ruling grid of `lines` horizontal and `lines` vertical lines over the page, and a word of
/// text in `/F1` (a page without text is refused as a scan before its lines are looked at).
fn grid_content(lines: usize) -> Vec<u8> {
    let step = 14_000.0 / lines as f64;
    let end = step * (lines - 1) as f64;
    let mut ops = String::from("BT /F1 12 Tf 3 3 Td (x) Tj ET\n1 w\n");
    for i in 0..lines {
        let at = step * i as f64;
        ops.push_str(&format!(
            "0 {at:.1} m {end:.1} {at:.1} l\n{at:.1} 0 m {at:.1} {end:.1} l\n"
        ));
    }
    ops.push_str("S\n");
    stream("", ops.as_bytes())
}

#[test]
fn pdf_ruling_grid_of_3000_lines_is_refused() {
    let bytes = pdf_pages(1, "3 0 R", grid_content(1_500), FONT, vec![]);
    assert!(bytes.len() < 100 * 1024);
    assert_budget(
        &refusal(bytes),
        "too many ruling-line cells on one PDF page",
    );
}

#[test]
fn pdf_pages_of_grids_are_refused_across_the_document() {
    // 60 x 60 lines is a grid a page may hold; 2000 pages of it are not a report.
    let bytes = pdf_pages(2_000, "3 0 R", grid_content(60), FONT, vec![]);
    assert_budget(&refusal(bytes), "too many table cells");
}

fn deflate(data: impl FnOnce(&mut dyn std::io::Write)) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    data(&mut z);
    z.finish().unwrap()
}

/// A content stream of `mb` megabytes of spaces, deflated.
fn bomb(mb: usize) -> Vec<u8> {
    let packed = deflate(|z| {
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..mb {
            z.write_all(&chunk).unwrap();
        }
    });
    stream("/Filter /FlateDecode", &packed)
}

#[test]
fn pdf_contents_repeating_an_inflating_stream_are_refused() {
    // Page contents naming one stream of 100 MB four times: refused before inflating anything.
    let bytes = pdf_pages(1, "[3 0 R 3 0 R 3 0 R 3 0 R]", bomb(100), "", vec![]);
    assert!(bytes.len() < 1024 * 1024);
    assert_budget(&refusal(bytes), "too many decompressed bytes");
}

/// Form XObjects nested `levels` deep, each drawing the one below `fan` times; the bottom one
/// strokes a line. Objects 4 + pages.. hold the forms; the page draws the top one.
fn pdf_forms(levels: usize, fan: usize) -> Vec<u8> {
    let first_form = 5; // one page (object 4)
    let mut forms = Vec::new();
    for level in 0..levels {
        let (content, resources) = if level == 0 {
            ("0 0 m 100 0 l S".to_owned(), String::new())
        } else {
            (
                "/X Do\n".repeat(fan),
                format!(
                    "/Resources << /XObject << /X {} 0 R >> >>",
                    first_form + level - 1
                ),
            )
        };
        forms.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 1000 1000] {resources}"),
            content.as_bytes(),
        ));
    }
    let top = first_form + levels - 1;
    pdf_pages(
        1,
        "3 0 R",
        stream("", b"/X Do"),
        &format!("/XObject << /X {top} 0 R >>"),
        forms,
    )
}

#[test]
fn pdf_forms_drawing_forms_exponentially_are_refused() {
    // 10^8 form draws: hours without the budget.
    assert_budget(&refusal(pdf_forms(8, 10)), "too many drawing operations");
}

#[test]
fn pdf_forms_nested_deep_do_not_overflow_a_worker_stack() {
    // A worker thread's stack (rayon's default, 2 MB) survives the interpreter's deepest nesting.
    let bytes = pdf_forms(60, 1);
    let outcome = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || ingest::read_bytes(&bytes).map(|d| d.text.len()))
        .unwrap()
        .join()
        .unwrap();
    // A line and no text: a scan, as far as gouji can tell.
    assert!(
        matches!(outcome, Err(IngestError::Unsupported(_))),
        "{outcome:?}"
    );
}

// ---- Peak memory of the binary ----

/// Runs `gouji check FILE` from a child of this test binary (`peak_child`, active only with
/// `GOUJI_PEAK_FILE`), so that the peak RSS `wait4` reports is gouji's own: a child spawned from
/// this process directly shares its memory until it execs, and the tests running meanwhile hold
/// hundreds of MB. Returns gouji's exit code, stderr and peak RSS in MB.
fn check_peak_mb(file: &Path) -> (i32, String, u64) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "peak_child", "--nocapture", "--test-threads=1"])
        .env("GOUJI_PEAK_FILE", file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .split_once("PEAK ")
        .and_then(|(_, rest)| rest.lines().next())
        .unwrap_or_else(|| panic!("no peak from the child: {stdout}"));
    let mut fields = line.split(' ');
    let code: i32 = fields.next().unwrap().parse().unwrap();
    let kb: u64 = fields.next().unwrap().parse().unwrap();
    let err = std::fs::read_to_string(file.with_extension("stderr")).unwrap();
    (code, err, kb / 1024)
}

/// The child of [`check_peak_mb`]: runs gouji on `GOUJI_PEAK_FILE` and prints
/// `PEAK <exit code> <peak RSS in KB>`.
#[test]
// The child is reaped by `wait4`, which also gives its peak RSS.
#[allow(clippy::zombie_processes)]
fn peak_child() {
    let Some(file) = std::env::var_os("GOUJI_PEAK_FILE") else {
        return;
    };
    let file = PathBuf::from(file);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gouji"))
        .arg("check")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(file.with_extension("stderr")).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child, with valid pointers.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            let code = if libc::WIFEXITED(status) {
                libc::WEXITSTATUS(status)
            } else {
                -1
            };
            println!("PEAK {code} {}", usage.ru_maxrss);
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "gouji did not end"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn peak_memory_of_the_worst_files() {
    let dir = tempfile::tempdir().unwrap();
    type Make = fn() -> Vec<u8>;
    let files: [(&str, Make, &str); 7] = [
        ("deep.html", html_deep, "elements nested too deep"),
        ("wide.html", || html_wide(650_000), "too many table cells"),
        ("deep.docx", docx_deep, "elements nested too deep"),
        ("wide.docx", || docx_wide(1_300_000), "too many table cells"),
        (
            "grid.pdf",
            || pdf_pages(1, "3 0 R", grid_content(1_500), FONT, vec![]),
            "too many ruling-line cells",
        ),
        (
            "bomb.pdf",
            || pdf_pages(1, "[3 0 R 3 0 R 3 0 R 3 0 R]", bomb(1_000), "", vec![]),
            "too many decompressed bytes",
        ),
        (
            "forms.pdf",
            || pdf_forms(8, 10),
            "too many drawing operations",
        ),
    ];
    for (name, make, reason) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, make()).unwrap();
        let (code, err, peak) = check_peak_mb(&path);
        assert_eq!(code, 2, "{name}: {err}");
        // A debug build on a loaded machine may reach the 20 s backstop first; memory is the
        // point here.
        assert!(
            err.contains(reason) || err.contains("reading took longer than 20 s"),
            "{name}: {err}"
        );
        assert!(peak < 512, "{name}: peak RSS {peak} MB");
        eprintln!("{name}: peak RSS {peak} MB");
    }
}

// ---- Inputs found by fuzzing ----

#[test]
fn fuzz_read_report_slow_digit_run_search_ends() {
    // 5 KB of text whose digit runs make extract::runs try its full MAX_TRIED splits: 0.2 s in
    // release, over the fuzzer's 2 s when instrumented on a loaded machine. Bounded, not a hang.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/regressions/read_report-slow-digit-run-search.txt"
    );
    let bytes = std::fs::read(path).unwrap();
    let cells = within(120, move || {
        gouji::extract::extract(&ingest::read_bytes(&bytes).unwrap())
            .report
            .cells
            .len()
    });
    assert!(cells > 0);
}
