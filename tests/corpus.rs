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
