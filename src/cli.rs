//! The command line shared by both programs: argument parsing and glue. `check`, `extract`,
//! `export` and `findings` run headless over files and folders; no subcommand opens the review window in
//! `gouji` (see `main.rs`) and prints the help in `gouji-cli` (`src/bin/gouji-cli.rs`).
//!
//! Glue: inputs are walked and loaded by `gouji::corpus`, and every file and JSON document is
//! written by `gouji::export` (review CSVs, the corpus CSV, JSON and workbook, `check --json`,
//! the findings lists); what is
//! left here is choosing the targets, `check`'s text report, the messages on stderr and the
//! exit status.
//!
//! Two programs because of Windows: `gouji.exe` is a GUI-subsystem program (double-click opens
//! the window, no console flashes up), so cmd and PowerShell do not wait for it and its output
//! and exit code are lost; `gouji-cli.exe` is the console-subsystem twin for the command line.
//!
//! Exit status: 0 fine (no rule broken), 1 a rule is broken, 2 an input could not be read or an
//! output could not be written safely (then nothing was written for it).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};
use gouji::export::ExportError;
use gouji::rules::{self, Policy, Severity};
use gouji::{corpus, export, extract, ingest, review};
use rayon::prelude::*;

/// gouji 勾稽: extract and cross-check the tables of 政府信息公开工作年度报告
/// (government information-disclosure annual reports).
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Report, review CSV or folder of reports to open in the review window.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the tables (主动公开, 申请, 复议诉讼) of reports into review CSVs.
    ///
    /// One file: its review CSV is written to OUT (default NAME.EXT.gouji.csv beside the
    /// report). Several files or a folder: one review CSV per report into the folder OUT
    /// (default: beside each report). A review CSV that holds a reviewer's work is re-extracted
    /// keeping that work.
    Extract {
        /// Report files or folders (searched recursively).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file (one report) or folder (several; a folder input keeps its relative
        /// paths under it).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Replace an existing review CSV even when it holds a reviewer's corrections, checks or
        /// notes (without it they are kept, and listed on stderr).
        #[arg(long)]
        force: bool,
    },
    /// Check the reconciliation rules (勾稽关系 R1–R4) of reports.
    ///
    /// Exit status: 0 no rule broken, 1 a rule is broken (不平), 2 an input could not be read
    /// or an output could not be written safely.
    Check {
        /// Report files or folders (searched recursively).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print findings as JSON.
        #[arg(long)]
        json: bool,
        /// Count blank cells as 0 instead of calling a rule incomplete (缺数).
        #[arg(long)]
        blank_as_zero: bool,
    },
    /// Write the analyst's dataset: one row per report, one column per cell key.
    ///
    /// Reviewed values are taken from each report's review CSV (NAME.EXT.gouji.csv beside it)
    /// where one exists, extracted values otherwise. Folders are searched recursively. The
    /// output is written atomically. The format is the output's ending (.csv, .json, .xlsx;
    /// CSV for any other) unless --format says it; an ending that says another format is an
    /// error. A workbook (.xlsx) has three sheets: the corpus, every finding and every
    /// correction or note of a reviewer.
    Export {
        /// Report files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The output file.
        #[arg(short, long)]
        out: PathBuf,
        /// Output format (default: from the output's ending, else CSV).
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
    },
    /// Write each report's findings list, to send back to the agency.
    ///
    /// One file per report, named after it (NAME.EXT.findings.xlsx): its broken rules with
    /// the cells in the form's words, the figures as printed and as the rule expects them, the
    /// repair when one cell's change satisfies every rule, the reviewer's correction and note
    /// (from the review CSV beside the report) and where the narrative contradicts the table
    /// (S3). Written atomically.
    Findings {
        /// Report files or folders (searched recursively).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Folder to write the lists into (a folder input keeps its relative paths under it;
        /// default: beside each report).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Format of the lists.
        #[arg(long, value_enum, default_value_t = ListFormat::Xlsx)]
        format: ListFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
enum ExportFormat {
    /// UTF-8 CSV with BOM (Excel, WPS).
    Csv,
    /// A JSON array of reports.
    Json,
    /// An Excel workbook: the corpus, every finding, every correction.
    Xlsx,
}

impl ExportFormat {
    /// The format an output's ending names, if it names one.
    fn of(path: &Path) -> Option<ExportFormat> {
        let ending = path.extension()?.to_str()?.to_ascii_lowercase();
        match ending.as_str() {
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }

    /// The format to write `out` in: `given`, else the one its ending names, else CSV. An
    /// ending that names another format than `given` is refused.
    fn choose(given: Option<ExportFormat>, out: &Path) -> anyhow::Result<ExportFormat> {
        match (given, ExportFormat::of(out)) {
            (Some(given), Some(named)) if given != named => anyhow::bail!(
                "{} ends in .{} but --format {} was given: rename the output or drop --format (nothing was written)",
                out.display(),
                format!("{named:?}").to_lowercase(),
                format!("{given:?}").to_lowercase()
            ),
            (Some(given), _) => Ok(given),
            (None, Some(named)) => Ok(named),
            (None, None) => Ok(ExportFormat::Csv),
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ListFormat {
    /// An Excel workbook.
    Xlsx,
    /// UTF-8 CSV with BOM.
    Csv,
    /// A Markdown table.
    Md,
}

impl From<ListFormat> for export::FindingsFormat {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Xlsx => export::FindingsFormat::Xlsx,
            ListFormat::Csv => export::FindingsFormat::Csv,
            ListFormat::Md => export::FindingsFormat::Md,
        }
    }
}

/// Opens the review window on a file, a review CSV or a folder (`None`: the bundled sample).
pub type OpenWindow = fn(Option<PathBuf>) -> anyhow::Result<ExitCode>;

/// Parses the arguments and runs the subcommand. With no subcommand, `window` opens the review
/// window; without one (`gouji-cli`) a subcommand is required and the help is printed instead.
pub fn main(window: Option<OpenWindow>) -> ExitCode {
    let mut command = Cli::command();
    if window.is_none() {
        command = command
            .about("gouji 勾稽 on the command line: check, extract and export reports (the review window is the `gouji` program)")
            .subcommand_required(true)
            .arg_required_else_help(true)
            .mut_arg("file", |a| a.hide(true));
    }
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let result = match (cli.command, window) {
        (Some(Command::Extract { files, out, force }), _) => {
            run_extract(&files, out.as_deref(), force)
        }
        (
            Some(Command::Check {
                files,
                json,
                blank_as_zero,
            }),
            _,
        ) => run_check(&files, json, Policy { blank_as_zero }),
        (Some(Command::Export { files, out, format }), _) => {
            ExportFormat::choose(format, &out).and_then(|format| run_export(&files, &out, format))
        }
        (Some(Command::Findings { files, out, format }), _) => {
            run_findings(&files, out.as_deref(), format.into())
        }
        (None, Some(open)) => open(cli.file),
        // Unreachable: clap requires a subcommand when there is no window.
        (None, None) => Err(anyhow::anyhow!("a subcommand is needed, see --help")),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            warn(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// Prints a message on stderr, with control characters escaped (file names and report text
/// can hold ESC or BEL).
fn warn(message: impl std::fmt::Display) {
    eprintln!("gouji: {}", export::terminal_safe(&message.to_string()));
}

/// The reports named by `inputs`: each file as given, each folder walked. What a walk passed
/// over is reported; the flag says whether an input could not be read.
struct Inputs {
    /// Each report with the folder input it was found under (none for a file argument).
    reports: Vec<(PathBuf, Option<PathBuf>)>,
    failed: bool,
}

fn expand(inputs: &[PathBuf]) -> Inputs {
    let mut out = Inputs {
        reports: Vec::new(),
        failed: false,
    };
    for input in inputs {
        match corpus::walk::walk(input) {
            Ok(walk) => {
                let folder = input.is_dir().then(|| input.clone());
                for skipped in &walk.skipped {
                    warn(format_args!(
                        "{}: {}",
                        skipped.path.display(),
                        skipped.reason
                    ));
                    out.failed |= skipped.failed;
                }
                out.reports
                    .extend(walk.reports.into_iter().map(|p| (p, folder.clone())));
            }
            Err(e) => {
                warn(format_args!("{}: {e}", input.display()));
                out.failed = true;
            }
        }
    }
    out
}

/// Whether two paths name the same existing file (through links, `..` or hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Refuses an output that is one of the input reports, before anything is written.
fn refuse_output_over_input(out: &Path, reports: &[PathBuf]) -> anyhow::Result<()> {
    // An output that does not exist yet is no input (`same_file` needs both to exist).
    if std::fs::symlink_metadata(out).is_err() && std::fs::metadata(out).is_err() {
        return Ok(());
    }
    if let Some(input) = reports.par_iter().find_first(|r| same_file(out, r)) {
        anyhow::bail!(
            "refusing to write {}: it is the input report {} (nothing was written)",
            out.display(),
            input.display()
        );
    }
    Ok(())
}

/// Where `extract` writes the review CSV of each report: beside it, or under `out` (a file for
/// one report, a folder for several, where a folder input keeps its relative paths). Refuses,
/// before anything is written, two reports with one target and a target that is an input.
fn extract_targets(
    inputs: &[PathBuf],
    reports: &[(PathBuf, Option<PathBuf>)],
    out: Option<&Path>,
) -> anyhow::Result<Vec<PathBuf>> {
    let one_file = inputs.len() == 1 && !inputs.iter().any(|p| p.is_dir());
    let targets: Vec<PathBuf> = reports
        .iter()
        .map(|(report, folder)| match (out, one_file) {
            (Some(out), true) if !out.is_dir() => out.to_path_buf(),
            (Some(dir), _) => {
                let relative = folder
                    .as_deref()
                    .and_then(|f| report.strip_prefix(f).ok())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| report.file_name().map(PathBuf::from).unwrap_or_default());
                export::review_csv_path(&dir.join(relative))
            }
            (None, _) => export::review_csv_path(report),
        })
        .collect();
    let mut seen: std::collections::BTreeMap<&Path, &Path> = Default::default();
    for (target, (report, _)) in targets.iter().zip(reports) {
        if let Some(first) = seen.insert(target, report) {
            anyhow::bail!(
                "{} and {} would both be written to {}: give them different names or extract them separately (nothing was written)",
                first.display(),
                report.display(),
                target.display()
            );
        }
    }
    let paths: Vec<PathBuf> = reports.iter().map(|(p, _)| p.clone()).collect();
    for target in &targets {
        refuse_output_over_input(target, &paths)?;
    }
    Ok(targets)
}

fn run_extract(inputs: &[PathBuf], out: Option<&Path>, force: bool) -> anyhow::Result<ExitCode> {
    let expanded = expand(inputs);
    let mut failed = expanded.failed;
    let targets = extract_targets(inputs, &expanded.reports, out)?;
    // Reports extracted together may decide each other's ambiguous rows (neighbouring years).
    let decisions = corpus::neighbour_decisions(&report_paths(&expanded));
    let runs = expanded.reports.iter().zip(&targets).zip(&decisions);
    for (((path, _), target), decisions) in runs {
        match extract_one(path, target, decisions, force) {
            Ok(true) => {}
            Ok(false) => failed = true,
            Err(e) => {
                warn(format_args!("{e:#}"));
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Extracts `path` into the review CSV `target`, keeping the reviewer's work already in it
/// (unless `force`). False when the report was left alone, with the reason printed.
fn extract_one(
    path: &Path,
    target: &Path,
    decisions: &[rules::neighbours::Decision],
    force: bool,
) -> anyhow::Result<bool> {
    let doc = ingest::read_file(path).with_context(|| path.display().to_string())?;
    let mut extraction = extract::extract(&doc);
    for decision in decisions {
        rules::neighbours::apply(&mut extraction.report, &mut extraction.findings, decision);
    }
    let mut report = extraction.report;
    if !force && target.exists() {
        let reviewed = std::fs::File::open(target)
            .map_err(ExportError::Write)
            .and_then(|f| export::read_review_csv(std::io::BufReader::new(f)));
        match reviewed {
            Err(e) => {
                warn(format_args!(
                    "{}: not replaced: it cannot be read as a review CSV ({e}); --force replaces it",
                    target.display()
                ));
                return Ok(false);
            }
            Ok(reviewed) if review::holds_review_work(&reviewed) => {
                match review::carry_review_work(&reviewed, &mut report) {
                    Ok(kept) => {
                        for key in kept {
                            let Some(cell) = report.cells.get(&key) else {
                                continue;
                            };
                            warn(format_args!(
                                "{}: kept the reviewer's {key} = {} ({}{}{})",
                                target.display(),
                                cell.value,
                                cell.status.code(),
                                if cell.checked { ", checked" } else { "" },
                                if cell.note.is_empty() {
                                    String::new()
                                } else {
                                    format!(", note {:?}", cell.note)
                                }
                            ));
                        }
                    }
                    Err(homeless) => {
                        warn(format_args!(
                            "{}: not replaced: the report now reads as another form, where the reviewer's cells {} have no place; --force replaces it",
                            target.display(),
                            homeless
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                        return Ok(false);
                    }
                }
            }
            Ok(_) => {}
        }
    }
    let findings = rules::report_findings(
        &report,
        &extraction.findings,
        Some(&doc),
        &[],
        Policy::default(),
    );
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    export::save_review_csv(target, &report, &findings)
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(true)
}

/// A terminal progress bar for large folders (hidden below 50 reports).
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if len >= 50 {
        indicatif::ProgressBar::new(len as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Loads reports in parallel, with a progress bar on a terminal when there are many.
fn load_with_progress(paths: &[PathBuf], policy: Policy) -> Vec<corpus::Entry> {
    let bar = progress_bar(paths.len());
    let entries = corpus::load_all(paths, policy, || bar.inc(1));
    bar.finish_and_clear();
    entries
}

/// Standard output that stops printing, without failing, once its reader has gone
/// (`gouji check … | head -1`): the run goes on to its end and its exit status.
struct Stdout {
    inner: std::io::StdoutLock<'static>,
    closed: bool,
}

impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

fn stdout() -> Stdout {
    Stdout {
        inner: std::io::stdout().lock(),
        closed: false,
    }
}

/// Prints each entry's review-file warning on stderr.
fn warn_review_files(entries: &[corpus::Entry]) {
    for entry in entries {
        if let Some(warning) = &entry.review_warning {
            warn(format_args!("{}: {warning}", entry.path.display()));
        }
    }
}

fn report_paths(expanded: &Inputs) -> Vec<PathBuf> {
    expanded.reports.iter().map(|(p, _)| p.clone()).collect()
}

fn run_check(inputs: &[PathBuf], json: bool, policy: Policy) -> anyhow::Result<ExitCode> {
    let expanded = expand(inputs);
    let mut unreadable = expanded.failed;
    let entries = load_with_progress(&report_paths(&expanded), policy);
    warn_review_files(&entries);
    let mut out = stdout();
    let mut reports = Vec::new();
    let mut broken = false;
    for entry in &entries {
        if let Some(error) = &entry.error {
            warn(format_args!("{}: {error}", entry.path.display()));
            unreadable = true;
            continue;
        }
        broken |= entry
            .findings
            .iter()
            .any(|f| f.severity == Severity::Broken);
        if json {
            reports.push(entry);
        } else {
            print_findings(&mut out, entry)?;
        }
    }
    if json {
        export::write_findings_json(&mut out, reports.into_iter().map(Into::into))?;
    }
    out.flush()?;
    Ok(if unreadable {
        ExitCode::from(2)
    } else if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_export(inputs: &[PathBuf], out: &Path, format: ExportFormat) -> anyhow::Result<ExitCode> {
    let expanded = expand(inputs);
    let paths = report_paths(&expanded);
    refuse_output_over_input(out, &paths)?;
    let (reports, unreadable, warnings) = match format {
        ExportFormat::Csv => export::write_atomic(out, |file| {
            // Each report is read once, in parallel, and made into its row's bytes; ambiguous
            // rows the neighbouring years decide are settled first (only a few cells of each
            // report are kept for that, so memory stays small).
            let bar = progress_bar(paths.len());
            let rows = corpus::load_each_settled(
                &paths,
                Policy::default(),
                || bar.inc(1),
                |entry| export::CorpusRow::new(&(&entry).into()),
            );
            let counts = export::write_corpus_rows(file, &paths, rows)?;
            bar.finish_and_clear();
            Ok((counts.reports, counts.unreadable, counts.review_warnings))
        }),
        ExportFormat::Json | ExportFormat::Xlsx => {
            let entries = load_with_progress(&paths, Policy::default());
            export::write_atomic(out, |file| {
                if format == ExportFormat::Json {
                    export::write_corpus_json(file, entries.iter().map(Into::into))?;
                } else {
                    export::write_corpus_xlsx(file, entries.iter().map(export::ReportRow::from))?;
                }
                Ok(())
            })?;
            let unreadable = entries
                .iter()
                .filter_map(|e| Some((e.path.clone(), e.error.clone()?)))
                .collect();
            let warnings = entries
                .iter()
                .filter_map(|e| Some((e.path.clone(), e.review_warning.clone()?)))
                .collect();
            Ok((entries.len(), unreadable, warnings))
        }
    }
    .with_context(|| format!("cannot write {}", out.display()))?;
    for (path, warning) in &warnings {
        warn(format_args!("{}: {warning}", path.display()));
    }
    for (path, error) in &unreadable {
        warn(format_args!("{}: {error}", path.display()));
    }
    warn(format_args!(
        "{reports} reports written to {} ({} unreadable)",
        out.display(),
        unreadable.len()
    ));
    Ok(if expanded.failed || !unreadable.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where `findings` writes the list of each report: beside it, or under the folder `out` (a
/// folder input keeps its relative paths). Refuses two reports with one target.
fn findings_targets(
    reports: &[(PathBuf, Option<PathBuf>)],
    out: Option<&Path>,
    format: export::FindingsFormat,
) -> anyhow::Result<Vec<PathBuf>> {
    let targets: Vec<PathBuf> = reports
        .iter()
        .map(|(report, folder)| {
            let placed = match out {
                Some(dir) => dir.join(
                    folder
                        .as_deref()
                        .and_then(|f| report.strip_prefix(f).ok())
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| {
                            report.file_name().map(PathBuf::from).unwrap_or_default()
                        }),
                ),
                None => report.clone(),
            };
            export::findings_path(&placed, format)
        })
        .collect();
    let mut seen: std::collections::BTreeMap<&Path, &Path> = Default::default();
    for (target, (report, _)) in targets.iter().zip(reports) {
        if let Some(first) = seen.insert(target, report) {
            anyhow::bail!(
                "{} and {} would both be written to {}: give them different names or write them separately (nothing was written)",
                first.display(),
                report.display(),
                target.display()
            );
        }
    }
    Ok(targets)
}

/// Makes and writes the findings list of one report: the messages to print, and whether it was
/// written.
fn findings_one(path: &Path, target: &Path, format: export::FindingsFormat) -> (Vec<String>, bool) {
    let list = corpus::findings_list(path, Policy::default());
    let mut messages = Vec::new();
    if let Some(error) = &list.entry.error {
        messages.push(format!("{}: {error}", path.display()));
        return (messages, false);
    }
    if let Some(warning) = &list.entry.review_warning {
        messages.push(format!("{}: {warning}", path.display()));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        messages.push(format!("cannot create {}: {e}", dir.display()));
        return (messages, false);
    }
    let reviewed = list
        .entry
        .review_csv
        .is_some()
        .then_some(&list.entry.report);
    let result = export::write_atomic(target, |file| {
        export::write_findings_list(file, format, path, &list.printed, &list.findings, reviewed)
    });
    if let Err(e) = result {
        messages.push(format!("cannot write {}: {e}", target.display()));
        return (messages, false);
    }
    (messages, true)
}

fn run_findings(
    inputs: &[PathBuf],
    out: Option<&Path>,
    format: export::FindingsFormat,
) -> anyhow::Result<ExitCode> {
    if let Some(dir) = out.filter(|d| d.exists() && !d.is_dir()) {
        anyhow::bail!(
            "{} is not a folder: -o names the folder the lists go into (nothing was written)",
            dir.display()
        );
    }
    let expanded = expand(inputs);
    let mut failed = expanded.failed;
    let targets = findings_targets(&expanded.reports, out, format)?;
    let paths = report_paths(&expanded);
    let bar = progress_bar(paths.len());
    // Each report's list is made and written in parallel; what went wrong is said in the order
    // of the reports.
    let outcomes: Vec<(Vec<String>, bool)> = paths
        .par_iter()
        .zip(&targets)
        .map(|(path, target)| {
            let outcome = findings_one(path, target, format);
            bar.inc(1);
            outcome
        })
        .collect();
    let mut written = 0;
    for (messages, ok) in outcomes {
        for message in messages {
            warn(message);
        }
        if ok {
            written += 1;
        } else {
            failed = true;
        }
    }
    bar.finish_and_clear();
    warn(format_args!(
        "{written} findings lists written ({} reports)",
        paths.len()
    ));
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_findings(out: &mut impl std::io::Write, entry: &corpus::Entry) -> anyhow::Result<()> {
    let report = &entry.report;
    let findings = &entry.findings;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "{}  {}  form {}  broken 不平 {}, ambiguous 存疑 {}, incomplete 缺数 {}, warnings 提示 {}",
        export::terminal_safe(&entry.path.display().to_string()),
        export::terminal_safe(&report.agency_year()),
        report.form.code,
        count(Severity::Broken),
        count(Severity::Ambiguous),
        count(Severity::Incomplete),
        count(Severity::Warning),
    )?;
    let mut sorted: Vec<&gouji::Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| f.severity);
    for f in sorted {
        writeln!(
            out,
            "  {} {:<10} {}",
            f.severity.label_zh(),
            f.severity.code(),
            export::terminal_safe(&f.message)
        )?;
        writeln!(out, "  {:>15} {}", "", export::terminal_safe(&f.message_zh))?;
        if let Some(repair) = f.repair {
            // The cell in the form's words (`（七）总计 · 自然人`); JSON keeps its key.
            let cell = repair.cell;
            let name = report
                .form
                .cell(cell.table, cell.row, cell.col)
                .map_or_else(
                    || cell.to_string(),
                    |(r, c)| format!("{} · {}", r.label, c.label),
                );
            writeln!(
                out,
                "  {:>15} repair 建议: {} = {}",
                "",
                export::terminal_safe(&name),
                repair.value.normalize()
            )?;
        }
    }
    Ok(())
}
