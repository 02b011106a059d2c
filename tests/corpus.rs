//! A folder of reports: statuses read back from review CSVs, and the corpus table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use gouji::corpus::{self, QueueStatus};
use gouji::rules::Policy;
use gouji::template::TableId;
use gouji::{Status, Value, export};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
}

/// A folder with a clean report, a broken one, and a file that is not a report.
fn folder() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("a-clean.txt");
    let broken = dir.path().join("sub").join("b-broken.txt");
    std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
    std::fs::copy(fixture("row_per_line_2021.txt"), &clean).unwrap();
    std::fs::copy(fixture("row_per_line_2021_broken.txt"), &broken).unwrap();
    let binary = dir.path().join("c-binary.txt");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0, 0, 255, 254, 9, 0]).unwrap();
    let paths = gouji::corpus::walk::walk(dir.path()).unwrap().reports;
    (dir, paths)
}

#[test]
fn statuses_come_from_the_reports_and_their_review_csvs() {
    let (dir, paths) = folder();
    let entries = corpus::load_all(&paths, Policy::default(), || {});
    let statuses: Vec<QueueStatus> = entries.iter().map(|e| e.status()).collect();
    assert_eq!(
        statuses,
        vec![
            QueueStatus::Clean,
            QueueStatus::Unreadable,
            QueueStatus::Broken(2)
        ]
    );
    let mut queue = corpus::queue::Queue::new(dir.path().to_path_buf(), &entries);
    queue.set_current(&paths[0]);
    assert_eq!(queue.next_needing_attention(), Some(1));
    queue.set_current(&paths[1]);
    assert_eq!(queue.next_needing_attention(), Some(2));

    // The reviewer repairs the broken report and saves: the queue reads the review back.
    let broken = &entries[2];
    let mut report = broken.report.clone();
    let key = report.key(TableId::Requests, "total", "total").unwrap();
    let cell = report.cells.get_mut(&key).unwrap();
    cell.value = Value::Number(5.into());
    cell.status = Status::Corrected;
    cell.note = "按明细合计更正".into();
    export::save_review_csv(&export::review_csv_path(&broken.path), &report, &[]).unwrap();
    let again = corpus::load(&broken.path, Policy::default());
    assert_eq!(again.status(), QueueStatus::Edited);
    assert_eq!(again.report.cells.get(&key).unwrap().note, "按明细合计更正");

    // Checking every cell not blank in the source makes the report reviewed; the corrected
    // cell stays corrected.
    for cell in report.cells.values_mut() {
        if cell.status != Status::Blank {
            cell.checked = true;
        }
    }
    assert_eq!(report.cells.get(&key).unwrap().status, Status::Corrected);
    export::save_review_csv(&export::review_csv_path(&broken.path), &report, &[]).unwrap();
    assert_eq!(
        corpus::load(&broken.path, Policy::default()).status(),
        QueueStatus::Reviewed
    );
}

#[test]
fn a_review_csv_of_another_report_is_not_taken() {
    let (dir, paths) = folder();
    let clean = &paths[0];
    let mut other = corpus::load(&paths[2], Policy::default()).report;
    other.file = "someone-else.txt".into();
    export::save_review_csv(&export::review_csv_path(clean), &other, &[]).unwrap();
    let entry = corpus::load(clean, Policy::default());
    assert_eq!(entry.review_csv, None);
    assert_eq!(entry.status(), QueueStatus::Clean);
    drop(dir);
}

#[test]
fn corpus_csv_has_one_row_per_report_and_reviewed_values_win() {
    let (_dir, paths) = folder();
    let broken = &paths[2];
    let mut report = corpus::load(broken, Policy::default()).report;
    let key = report.key(TableId::Requests, "total", "total").unwrap();
    let cell = report.cells.get_mut(&key).unwrap();
    cell.value = Value::Number(5.into());
    cell.status = Status::Corrected;
    export::save_review_csv(&export::review_csv_path(broken), &report, &[]).unwrap();

    let entries = corpus::load_all(&paths, Policy::default(), || {});
    let mut out = Vec::new();
    export::write_corpus_csv(&mut out, &entries).unwrap();
    // The streamed export (what `gouji export` runs) writes the same bytes, counting as it goes.
    let mut streamed = Vec::new();
    let progress = std::sync::atomic::AtomicUsize::new(0);
    let load = |path: &std::path::Path| corpus::load(path, Policy::default());
    let counts = export::export_corpus_csv(&mut streamed, &paths, load, || {
        progress.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(streamed, out);
    assert_eq!((counts.reports, counts.unreadable.len()), (3, 1));
    assert_eq!(progress.into_inner(), 3);
    let text = String::from_utf8(out).unwrap();
    let text = text.strip_prefix('\u{FEFF}').unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..7],
        [
            "file",
            "agency",
            "year",
            "form",
            "status",
            "broken",
            "incomplete"
        ]
    );
    assert!(header.contains(&"requests/received/natural".to_string()));
    assert!(header.contains(&"proactive/procurement/amount".to_string()));
    assert_eq!(header.len(), 7 + export::corpus_keys().len());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = header
        .iter()
        .position(|h| h == "requests/total/total")
        .unwrap();
    assert_eq!(&rows[2][col], "5", "the reviewed value wins");
    assert_eq!(&rows[2][4], "edited");
    assert_eq!(&rows[1][4], "unreadable");
    // A 2021 report has no 2019-only cell.
    let only_2019 = header
        .iter()
        .position(|h| h == "proactive/procurement/amount")
        .unwrap();
    assert_eq!(&rows[0][only_2019], "");
}

/// Fixture u3 (2021) with its 行政规范性文件 row of table 二 printed `2140`: 2,1,40 or 2,14,0 or
/// 21,4,0, which the report alone cannot tell.
fn flattened_2021() -> String {
    let text = std::fs::read_to_string(fixture("../layouts/u3_every_reading_breaks.txt")).unwrap();
    assert!(text.contains("行政规范性文件106"));
    text.replace("行政规范性文件106", "行政规范性文件2140")
}

/// The same agency's 2022 report, read from its labelled cells: 3 issued, 1 repealed, 42 in
/// force. Only 40 in force in 2021 makes S2 hold.
const PIPES_2022: &str = "示例县市场监督管理局2022年政府信息公开工作年度报告\n\
二、主动公开政府信息情况\n\
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
规章 | 0 | 0 | 2 |\n\
行政规范性文件 | 3 | 1 | 42 |\n";

#[test]
fn a_neighbouring_year_decides_a_reading_only_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("2021.txt"), dir.path().join("2022.txt"));
    std::fs::write(&a, flattened_2021()).unwrap();
    std::fs::write(&b, PIPES_2022).unwrap();
    let key = |entry: &corpus::Entry, col| {
        entry
            .report
            .key(TableId::Proactive, "normative", col)
            .unwrap()
    };
    // Alone, the row stays blank and ambiguous: a file's output never depends on its folder.
    let alone = corpus::load(&a, Policy::default());
    assert!(alone.report.value(&key(&alone, "in_force")).is_blank());
    let x4 = alone
        .findings
        .iter()
        .find(|f| f.is(&gouji::check::AMBIGUOUS_RUN))
        .unwrap();
    assert_eq!(x4.readings.len(), 3, "{x4:?}");
    // Together, 2022's S2 leaves one reading, filled as inferred with the reason.
    let entries = corpus::load_all(&[a.clone(), b.clone()], Policy::default(), || {});
    let decided = entries.iter().find(|e| e.path == a).unwrap();
    for (col, want) in [("issued", 2), ("repealed", 1), ("in_force", 40)] {
        let key = key(decided, col);
        assert_eq!(
            decided.report.value(&key),
            &Value::Number(want.into()),
            "{col}"
        );
        assert_eq!(
            decided.report.cells.get(&key).unwrap().confidence,
            gouji::Confidence::Inferred
        );
    }
    assert!(
        !decided
            .findings
            .iter()
            .any(|f| f.is(&gouji::check::AMBIGUOUS_RUN))
    );
    let x7 = decided
        .findings
        .iter()
        .find(|f| f.is(&gouji::check::DECIDED_BY_NEIGHBOUR))
        .unwrap();
    assert!(x7.message.contains("S2 with 2022"), "{}", x7.message);
    assert!(x7.message.contains("[2,1,40]"), "{}", x7.message);
    // No S2 warning is left: the identity holds on what was chosen.
    assert!(
        !entries
            .iter()
            .flat_map(|e| &e.findings)
            .any(|f| f.check.id == "S2")
    );
}

#[test]
fn a_folder_read_once_is_settled_as_when_read_twice() {
    // `export` reads each file once (load_each_settled); `extract` decides first and reads
    // again (neighbour_decisions, load_deciding). Both must give the same entries.
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = ["2021.txt", "2022.txt", "2023.txt", "坏.txt"]
        .iter()
        .map(|name| dir.path().join(name))
        .collect();
    std::fs::write(&paths[0], flattened_2021()).unwrap();
    std::fs::write(&paths[1], PIPES_2022).unwrap();
    std::fs::write(&paths[2], PIPES_2022.replace("2022年", "2023年")).unwrap();
    std::fs::write(&paths[3], b"").unwrap();
    let seen = |entry: &corpus::Entry| {
        let row = export::CorpusRow::new(&entry.into()).unwrap();
        let findings: Vec<String> = entry.findings.iter().map(|f| f.message.clone()).collect();
        (row, findings)
    };
    let once = corpus::load_each_settled(&paths, Policy::default(), || {}, |e| seen(&e));
    let decisions = corpus::neighbour_decisions(&paths);
    assert_eq!(
        decisions.iter().map(Vec::len).collect::<Vec<_>>(),
        [1, 0, 0, 0]
    );
    let twice: Vec<_> = paths
        .iter()
        .zip(&decisions)
        .map(|(path, own)| seen(&corpus::load_deciding(path, own, Policy::default())))
        .collect();
    assert_eq!(once, twice);
    assert!(
        once[0].1.iter().any(|m| m.contains("S2 with 2022")),
        "{:?}",
        once[0].1
    );
}

#[test]
fn a_neighbour_that_is_itself_inferred_decides_nothing() {
    // 2022's 行政规范性文件 row runs together too: its cells are not exact, so it cannot decide 2021's.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("2021.txt"), dir.path().join("2022.txt"));
    std::fs::write(&a, flattened_2021()).unwrap();
    let next = flattened_2021()
        .replace("2021年", "2022年")
        .replace("行政规范性文件2140", "行政规范性文件3142");
    std::fs::write(&b, next).unwrap();
    let entries = corpus::load_all(&[a.clone(), b], Policy::default(), || {});
    let entry = entries.iter().find(|e| e.path == a).unwrap();
    let key = entry
        .report
        .key(TableId::Proactive, "normative", "in_force")
        .unwrap();
    assert!(entry.report.value(&key).is_blank());
}

#[test]
fn a_reading_chosen_in_the_review_csv_settles_its_finding_for_check_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("两种读法.txt");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/layouts/u4_rows_decided_together.txt"),
    )
    .unwrap()
    .replace("115 000016", "112 000013")
    .replace("226 000028", "112 000013")
    .replace("341 000044", "1214 000026");
    std::fs::write(&path, text).unwrap();
    let before = corpus::load(&path, Policy::default());
    let x4 = |e: &corpus::Entry| {
        e.findings
            .iter()
            .filter(|f| f.is(&gouji::check::AMBIGUOUS_RUN))
            .count()
    };
    assert_eq!(x4(&before), 2);

    // The reviewer picks reading 2 of the first row and saves.
    let mut session = gouji::review::Session::open(&path).unwrap();
    let i = session
        .findings()
        .iter()
        .position(|f| f.is(&gouji::check::AMBIGUOUS_RUN))
        .unwrap();
    let cells = session.choose_reading(i, 1).unwrap();
    session.save().unwrap();

    // check and export read the review CSV: the row holds the reading, its finding is gone.
    let after = corpus::load(&path, Policy::default());
    assert_eq!(x4(&after), 1);
    let cell = after.report.cells.get(&cells[0]).unwrap();
    assert_eq!(cell.status, Status::Chosen);
    assert!(!cell.value.is_blank());
    // The corpus table carries the chosen value, as it would a corrected one.
    let mut out = Vec::new();
    export::write_corpus_csv(&mut out, [&after]).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header
        .iter()
        .position(|h| *h == cells[0].to_string())
        .unwrap();
    assert_eq!(row[at], cell.value.to_string());
}
