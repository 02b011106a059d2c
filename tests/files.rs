//! Nothing lost on disk: the files gouji writes and reads beside reports, tried as a reviewer and
//! as a hostile user would (issue "Nothing lost on disk"). Each test names the class it guards.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Read as _;
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use gouji::export::{read_review_csv, review_csv_path, save_review_csv};
use gouji::{Report, Status, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn gouji_command(args: &[&std::ffi::OsStr]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gouji"));
    command.args(args);
    // A known umask, whatever the test runner's.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    command
}

fn gouji<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
    gouji_command(&args).output().expect("run gouji")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder holding the clean 2021 report as `name`.
fn folder_with(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join(name);
    std::fs::copy(fixture("cli/row_per_line_2021.txt"), &report).unwrap();
    (dir, report)
}

fn read_csv(path: &Path) -> Report {
    read_review_csv(std::fs::File::open(path).unwrap()).unwrap()
}

fn total_key(report: &Report) -> gouji::CellKey {
    report
        .key(gouji::template::TableId::Requests, "total", "total")
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---- Reviewer work and outputs ----

#[test]
fn extract_keeps_a_reviewers_corrections_and_force_replaces_them() {
    let (_dir, report) = folder_with("r.txt");
    assert!(
        gouji(&["extract".as_ref(), report.as_os_str()])
            .status
            .success()
    );
    let csv = review_csv_path(&report);
    let mut reviewed = read_csv(&csv);
    let key = total_key(&reviewed);
    let cell = reviewed.cells.get_mut(&key).unwrap();
    cell.value = Value::Number(999.into());
    cell.status = Status::Corrected;
    cell.note = "核对原件".into();
    save_review_csv(&csv, &reviewed, &[]).unwrap();

    let out = gouji(&["extract".as_ref(), report.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kept the reviewer's requests/total/total = 999"),
        "{}",
        stderr(&out)
    );
    let kept = read_csv(&csv);
    assert_eq!(
        kept.cells.get(&key).unwrap().value,
        Value::Number(999.into())
    );
    assert_eq!(kept.cells.get(&key).unwrap().status, Status::Corrected);
    assert_eq!(kept.cells.get(&key).unwrap().note, "核对原件");

    let out = gouji(&["extract".as_ref(), "--force".as_ref(), report.as_os_str()]);
    assert!(out.status.success());
    assert_eq!(
        read_csv(&csv).cells.get(&key).unwrap().status,
        Status::Extracted
    );
}

#[test]
fn extract_never_replaces_a_review_csv_it_cannot_read() {
    let (_dir, report) = folder_with("r.txt");
    let csv = review_csv_path(&report);
    std::fs::write(&csv, "reviewer's own notes, not a review CSV\n").unwrap();
    let out = gouji(&["extract".as_ref(), report.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not replaced"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "reviewer's own notes, not a review CSV\n"
    );
}

#[test]
fn reports_sharing_a_stem_get_a_review_file_each() {
    let (dir, txt) = folder_with("r.txt");
    let md = dir.path().join("r.md");
    std::fs::copy(fixture("cli/row_per_line_2021_broken.txt"), &md).unwrap();
    let out = gouji(&["extract".as_ref(), dir.path().as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read_csv(&dir.path().join("r.txt.gouji.csv")).file, "r.txt");
    assert_eq!(read_csv(&dir.path().join("r.md.gouji.csv")).file, "r.md");
    assert!(!dir.path().join("r.gouji.csv").exists());
    let _ = txt;
}

#[test]
fn several_files_with_one_name_into_one_folder_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(
            fixture("cli/row_per_line_2021.txt"),
            dir.path().join(sub).join("r.txt"),
        )
        .unwrap();
    }
    let out_dir = dir.path().join("out");
    let out = gouji(&[
        "extract".as_ref(),
        dir.path().join("a/r.txt").as_os_str(),
        dir.path().join("b/r.txt").as_os_str(),
        "-o".as_ref(),
        out_dir.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert!(!out_dir.exists());

    // A folder input keeps its relative paths under the output folder.
    let out = gouji(&[
        "extract".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        out_dir.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("a/r.txt.gouji.csv").is_file());
    assert!(out_dir.join("b/r.txt.gouji.csv").is_file());
}

#[test]
fn an_earlier_versions_review_file_is_read_and_left_untouched() {
    let (dir, report) = folder_with("r.txt");
    let mut reviewed = gouji::review::Session::open(&report)
        .unwrap()
        .report()
        .clone();
    let key = total_key(&reviewed);
    let cell = reviewed.cells.get_mut(&key).unwrap();
    cell.value = Value::Number(77.into());
    cell.status = Status::Corrected;
    let legacy = dir.path().join("r.gouji.csv");
    save_review_csv(&legacy, &reviewed, &[]).unwrap();
    let before = std::fs::read(&legacy).unwrap();

    let mut session = gouji::review::Session::open(&report).unwrap();
    assert_eq!(
        session.report().cells.get(&key).unwrap().value,
        Value::Number(77.into())
    );
    assert!(session.review_warning().unwrap().contains("r.gouji.csv"));
    assert_eq!(session.save().unwrap(), dir.path().join("r.txt.gouji.csv"));
    assert_eq!(std::fs::read(&legacy).unwrap(), before);
    assert_eq!(
        read_csv(&dir.path().join("r.txt.gouji.csv"))
            .cells
            .get(&key)
            .unwrap()
            .value,
        Value::Number(77.into())
    );

    // With a second report of stem `r` the old file could be either's: it is not read.
    std::fs::remove_file(dir.path().join("r.txt.gouji.csv")).unwrap();
    std::fs::copy(&report, dir.path().join("r.md")).unwrap();
    let session = gouji::review::Session::open(&report).unwrap();
    assert_ne!(
        session.report().cells.get(&key).unwrap().value,
        Value::Number(77.into())
    );
}

#[test]
fn an_output_that_is_an_input_is_refused_before_writing() {
    let (dir, report) = folder_with("a.txt");
    let original = std::fs::read(&report).unwrap();
    for args in [
        vec![
            "extract".as_ref(),
            report.as_os_str(),
            "-o".as_ref(),
            report.as_os_str(),
        ],
        vec![
            "export".as_ref(),
            report.as_os_str(),
            "-o".as_ref(),
            report.as_os_str(),
        ],
        vec![
            "export".as_ref(),
            dir.path().as_os_str(),
            "-o".as_ref(),
            report.as_os_str(),
        ],
    ] {
        let out = gouji(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("nothing was written"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&report).unwrap(), original);
    }
}

#[test]
fn a_corpus_written_into_the_exported_folder_is_not_read_back() {
    let (dir, _report) = folder_with("a.txt");
    let corpus = dir.path().join("corpus.txt");
    for _ in 0..2 {
        let out = gouji(&[
            "export".as_ref(),
            dir.path().as_os_str(),
            "-o".as_ref(),
            corpus.as_os_str(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("1 reports written"),
            "{}",
            stderr(&out)
        );
    }
    let json = dir.path().join("corpus.md");
    let out = gouji(&[
        "export".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        json.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(out.status.success());
    let out = gouji(&[
        "export".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ]);
    assert!(
        stderr(&out).contains("1 reports written"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_through_a_symlink_replaces_the_link_not_its_target() {
    let (dir, _report) = folder_with("a.txt");
    let precious = dir.path().join("precious.dat");
    std::fs::write(&precious, "keep me").unwrap();
    let link = dir.path().join("corpus.csv");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    let out = gouji(&[
        "export".as_ref(),
        dir.path().join("a.txt").as_os_str(),
        "-o".as_ref(),
        link.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    assert!(
        !std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_full_disk_leaves_the_previous_corpus_whole() {
    let (dir, _report) = folder_with("a.txt");
    for i in 0..20 {
        std::fs::copy(
            dir.path().join("a.txt"),
            dir.path().join(format!("c{i:02}.txt")),
        )
        .unwrap();
    }
    let corpus = dir.path().join("corpus.csv");
    let out = gouji(&[
        "export".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ]);
    assert!(out.status.success());
    let before = std::fs::read(&corpus).unwrap();
    assert!(before.len() > 4096);
    // The disk "fills" after 4 KiB: the file size limit makes writes fail as a full disk does.
    let mut command = Command::new(env!("CARGO_BIN_EXE_gouji"));
    command.args([
        "export".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ]);
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 4096,
                rlim_max: 4096,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            Ok(())
        });
    }
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("corpus.csv"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&corpus).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn concurrent_exports_never_interleave() {
    let (dir, _report) = folder_with("a.txt");
    for i in 0..30 {
        std::fs::copy(
            dir.path().join("a.txt"),
            dir.path().join(format!("c{i:02}.txt")),
        )
        .unwrap();
    }
    let corpus = dir.path().join("out/corpus.csv");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let args = [
        "export".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ];
    let expected = {
        assert!(gouji(&args).status.success());
        std::fs::read(&corpus).unwrap()
    };
    for _ in 0..10 {
        let children: Vec<_> = (0..2)
            .map(|_| gouji_command(&args).stderr(Stdio::null()).spawn().unwrap())
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        assert_eq!(std::fs::read(&corpus).unwrap(), expected);
    }
}

#[test]
fn written_files_get_the_normal_mode_and_replaced_files_keep_theirs() {
    let (dir, report) = folder_with("r.txt");
    assert!(
        gouji(&["extract".as_ref(), report.as_os_str()])
            .status
            .success()
    );
    let csv = review_csv_path(&report);
    assert_eq!(mode(&csv), 0o644, "new review CSV: 0666 less the umask 022");
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(
        gouji(&["extract".as_ref(), report.as_os_str()])
            .status
            .success()
    );
    assert_eq!(mode(&csv), 0o640, "a replaced file keeps its mode");

    let corpus = dir.path().join("corpus.csv");
    assert!(
        gouji(&[
            "export".as_ref(),
            report.as_os_str(),
            "-o".as_ref(),
            corpus.as_os_str()
        ])
        .status
        .success()
    );
    assert_eq!(mode(&corpus), 0o644);

    // The recovery file, written in this process: 0666 less this process's umask.
    let umask = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
        .unwrap();
    let mut session = gouji::review::Session::open(&report).unwrap();
    let key = total_key(session.report());
    session.apply(gouji::review::Edit::SetNote {
        key,
        note: "x".into(),
    });
    let recovery = session.recovery_path().unwrap();
    assert_eq!(mode(&recovery), 0o666 & !umask);
}

#[test]
fn an_unusable_review_csv_is_named_with_its_line_in_check_and_export() {
    let (dir, report) = folder_with("r.txt");
    assert!(
        gouji(&["extract".as_ref(), report.as_os_str()])
            .status
            .success()
    );
    let csv = review_csv_path(&report);
    let text = std::fs::read_to_string(&csv).unwrap();
    let damaged = text.replacen(",proactive,", ",nonsense,", 1);
    std::fs::write(&csv, damaged).unwrap();
    let out = gouji(&["check".as_ref(), report.as_os_str()]);
    let err = stderr(&out);
    assert!(
        err.contains("r.txt.gouji.csv was not used: line 2"),
        "{err}"
    );
    let corpus = dir.path().join("corpus.csv");
    let out = gouji(&[
        "export".as_ref(),
        report.as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ]);
    assert!(
        stderr(&out).contains("r.txt.gouji.csv was not used: line 2"),
        "{}",
        stderr(&out)
    );

    // The window's session says so too, and its first save keeps a copy of the file.
    let mut session = gouji::review::Session::open(&report).unwrap();
    assert!(session.review_warning().unwrap().contains("line 2"));
    session.save().unwrap();
    assert!(dir.path().join("r.txt.gouji.csv.bak").exists());
}

fn findings_json(path: &Path) -> serde_json::Value {
    let out = gouji(&["check".as_ref(), "--json".as_ref(), path.as_os_str()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json[0]["findings"].clone()
}

#[test]
fn check_gives_the_same_findings_before_and_after_extract() {
    for name in [
        "layouts/pre2019_narrative.txt",
        "layouts/l5_flattened_html.txt",
        "layouts/l7_reading_order_blocks.txt",
        "cli/row_per_line_2021_broken.txt",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.txt");
        std::fs::copy(fixture(name), &report).unwrap();
        let before = findings_json(&report);
        assert!(
            gouji(&["extract".as_ref(), report.as_os_str()])
                .status
                .success()
        );
        assert!(review_csv_path(&report).exists());
        assert_eq!(findings_json(&report), before, "{name}");
    }
}

// ---- Inputs ----

#[test]
fn a_fifo_in_a_folder_is_reported_and_the_rest_checked() {
    let (dir, _report) = folder_with("a.txt");
    let fifo = dir.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = gouji_command(&["check".as_ref(), dir.path().as_os_str()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check of a folder with a FIFO hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pipe.txt: not a regular file (a FIFO)"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("a.txt"));
}

#[test]
fn an_unreadable_subfolder_is_named_and_the_rest_processed() {
    // As root every folder can be read: the check runs as `nobody`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for sub in ["open", "closed"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        let report = dir.path().join(sub).join("r.txt");
        std::fs::copy(fixture("cli/row_per_line_2021.txt"), &report).unwrap();
        std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(
        dir.path().join("closed"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let is_root = unsafe { libc::geteuid() } == 0;
    // `nobody` may not reach the build folder (a checkout under /root): it runs a copy.
    let bin_dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = bin_dir.path().join("gouji");
    std::fs::copy(env!("CARGO_BIN_EXE_gouji"), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_gouji"))
    };
    let out = command.arg("check").arg(dir.path()).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("closed: cannot read this folder"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("open/r.txt"));
}

// ---- Output hygiene ----

#[test]
fn control_characters_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("a\u{1b}[2J\u{7}b.txt");
    std::fs::copy(fixture("cli/row_per_line_2021_broken.txt"), &report).unwrap();
    let out = gouji(&["check".as_ref(), dir.path().as_os_str()]);
    let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
    assert!(
        !all.contains(&0x1b) && !all.contains(&0x07),
        "{}",
        String::from_utf8_lossy(&all)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("a\\u{1b}[2J\\u{7}b.txt"));
}

#[test]
fn a_closed_pipe_stops_printing_but_not_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        std::fs::copy(
            fixture("cli/row_per_line_2021_broken.txt"),
            dir.path().join(format!("r{i:03}.txt")),
        )
        .unwrap();
    }
    let mut child = gouji_command(&["check".as_ref(), dir.path().as_os_str()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // `| head -c 16`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
}

#[test]
fn export_names_every_unreadable_file_and_why() {
    let (dir, _report) = folder_with("a.txt");
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("image.html"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
    )
    .unwrap();
    let corpus = dir.path().join("corpus.csv");
    let out = gouji(&[
        "export".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("empty.txt: file is empty"), "{err}");
    assert!(err.contains("image.html: "), "{err}");
    assert!(err.contains("(2 unreadable)"), "{err}");
}

#[test]
fn formula_values_and_a_wall_of_apostrophes_are_neutralised_in_every_csv() {
    let (dir, report) = folder_with("r.txt");
    assert!(
        gouji(&["extract".as_ref(), report.as_os_str()])
            .status
            .success()
    );
    let csv = review_csv_path(&report);
    let mut reviewed = read_csv(&csv);
    let keys: Vec<_> = reviewed
        .cells
        .keys()
        .copied()
        .filter(|k| k.table == gouji::template::TableId::Proactive)
        .take(2)
        .collect();
    for (key, text) in keys.iter().zip(["=1", "=inf"]) {
        let cell = reviewed.cells.get_mut(key).unwrap();
        cell.value = Value::Text(text.into());
        cell.status = Status::Corrected;
        cell.note = format!("{}=x", "'".repeat(50_000));
    }
    save_review_csv(&csv, &reviewed, &[]).unwrap();
    // Re-extraction keeps (and writes) the notes; export writes the values.
    let out = gouji(&["extract".as_ref(), report.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let corpus = dir.path().join("corpus.csv");
    let out = gouji(&[
        "export".as_ref(),
        report.as_os_str(),
        "-o".as_ref(),
        corpus.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&corpus).unwrap();
    assert!(text.contains(",'=1,") && text.contains(",'=inf,"), "{text}");
    assert!(!text.contains(",=1,") && !text.contains(",=inf,"));
}
