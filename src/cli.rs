//! The command line shared by both programs: argument parsing and glue. `check`, `extract` and
//! `export` run headless over files and folders; no subcommand opens the review window in
//! `gouji` (see `main.rs`) and prints the help in `gouji-cli` (`src/bin/gouji-cli.rs`).
//!
//! Two programs because of Windows: `gouji.exe` is a GUI-subsystem program (double-click opens
//! the window, no console flashes up), so cmd and PowerShell do not wait for it and its output
//! and exit code are lost; `gouji-cli.exe` is the console-subsystem twin for the command line.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};
use gouji::rules::{self, Policy, Severity};
use gouji::{Extraction, corpus, export, extract, ingest};

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
    /// One file: its review CSV is written to OUT (default NAME.gouji.csv beside the report).
    /// Several files or a folder: one review CSV per report into the folder OUT (default: beside
    /// each report).
    Extract {
        /// Report files or folders (searched recursively).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file (one report) or folder (several).
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Check the reconciliation rules (勾稽关系 R1–R4) of reports.
    ///
    /// Exit status: 0 no rule broken, 1 a rule is broken (不平), 2 a file could not be read.
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
    /// Reviewed values are taken from each report's review CSV (NAME.gouji.csv beside it) where
    /// one exists, extracted values otherwise. Folders are searched recursively.
    Export {
        /// Report files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The output file.
        #[arg(short, long)]
        out: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// UTF-8 CSV with BOM (Excel, WPS).
    Csv,
    /// A JSON array of reports.
    Json,
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
        (Some(Command::Extract { files, out }), _) => run_extract(&files, out.as_deref()),
        (
            Some(Command::Check {
                files,
                json,
                blank_as_zero,
            }),
            _,
        ) => run_check(&files, json, Policy { blank_as_zero }),
        (Some(Command::Export { files, out, format }), _) => run_export(&files, &out, format),
        (None, Some(open)) => open(cli.file),
        // Unreachable: clap requires a subcommand when there is no window.
        (None, None) => Err(anyhow::anyhow!("a subcommand is needed, see --help")),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`gouji check … | head`) is the reader's choice, not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gouji: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Every report file named by `inputs`, with the input it came from.
fn expand(inputs: &[PathBuf]) -> Vec<(PathBuf, anyhow::Result<Vec<PathBuf>>)> {
    inputs
        .iter()
        .map(|input| {
            let found = ingest::find_reports(input).with_context(|| input.display().to_string());
            (input.clone(), found)
        })
        .collect()
}

fn read(path: &Path) -> anyhow::Result<Extraction> {
    let doc = ingest::read_file(path).with_context(|| path.display().to_string())?;
    Ok(extract::extract(&doc))
}

fn run_extract(inputs: &[PathBuf], out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let single = inputs.len() == 1 && !inputs.iter().any(|p| p.is_dir());
    let mut failed = false;
    for (_, found) in expand(inputs) {
        let files = match found {
            Ok(files) => files,
            Err(e) => {
                eprintln!("gouji: {e:#}");
                failed = true;
                continue;
            }
        };
        for path in files {
            let target = match (out, single) {
                (Some(out), true) => out.to_path_buf(),
                (Some(dir), false) => {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    dir.join(
                        export::review_csv_path(&path)
                            .file_name()
                            .unwrap_or_default(),
                    )
                }
                (None, _) => export::review_csv_path(&path),
            };
            match read(&path) {
                Ok(extraction) => {
                    let findings = all_findings(&extraction, Policy::default());
                    export::save_review_csv(&target, &extraction.report, &findings)
                        .with_context(|| format!("cannot write {}", target.display()))?;
                }
                Err(e) => {
                    eprintln!("gouji: {e:#}");
                    failed = true;
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn all_findings(extraction: &Extraction, policy: Policy) -> Vec<gouji::Finding> {
    let mut findings = extraction.findings.clone();
    findings.extend(rules::check(&extraction.report, policy));
    findings
}

/// Every report under `inputs`; inputs that cannot be listed are reported and skipped.
fn report_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut failed = false;
    let mut paths = Vec::new();
    for (_, found) in expand(inputs) {
        match found {
            Ok(files) => paths.extend(files),
            Err(e) => {
                eprintln!("gouji: {e:#}");
                failed = true;
            }
        }
    }
    (paths, failed)
}

/// Loads reports in parallel, with a progress bar on a terminal when there are many.
/// A terminal progress bar for large folders (hidden below 50 reports).
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if len >= 50 {
        indicatif::ProgressBar::new(len as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}

fn load_with_progress(paths: &[PathBuf], policy: Policy) -> Vec<corpus::Entry> {
    let bar = progress_bar(paths.len());
    let entries = corpus::load_all(paths, policy, || bar.inc(1));
    bar.finish_and_clear();
    entries
}

fn run_check(inputs: &[PathBuf], json: bool, policy: Policy) -> anyhow::Result<ExitCode> {
    let (paths, mut unreadable) = report_paths(inputs);
    let entries = load_with_progress(&paths, policy);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut reports = Vec::new();
    let mut broken = false;
    for entry in &entries {
        if let Some(error) = &entry.error {
            eprintln!("gouji: {}: {error}", entry.path.display());
            unreadable = true;
            continue;
        }
        broken |= entry
            .findings
            .iter()
            .any(|f| f.severity == Severity::Broken);
        if json {
            reports.push(entry_json(entry));
        } else {
            print_findings(&mut out, entry)?;
        }
    }
    if json {
        serde_json::to_writer_pretty(&mut out, &reports)?;
        writeln!(out)?;
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn entry_json(entry: &corpus::Entry) -> serde_json::Value {
    serde_json::json!({
        "file": entry.path.display().to_string(),
        "agency": entry.report.agency,
        "year": entry.report.year,
        "form": entry.report.form.code(),
        "status": entry.status().label(),
        "findings": entry.findings,
    })
}

fn run_export(inputs: &[PathBuf], out: &Path, format: ExportFormat) -> anyhow::Result<ExitCode> {
    let (paths, failed) = report_paths(inputs);
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?,
    );
    let (reports, unreadable) = match format {
        ExportFormat::Csv => {
            // Streamed: rows are written as reports are read, so memory stays flat.
            let bar = progress_bar(paths.len());
            let counts =
                corpus::export_corpus_csv(&mut file, &paths, Policy::default(), || bar.inc(1))?;
            bar.finish_and_clear();
            (counts.reports, counts.unreadable)
        }
        ExportFormat::Json => {
            let entries = load_with_progress(&paths, Policy::default());
            let rows: Vec<serde_json::Value> = entries
                .iter()
                .map(|e| {
                    let mut row = entry_json(e);
                    let cells: serde_json::Map<String, serde_json::Value> = e
                        .report
                        .cells_in_form_order()
                        .map(|(k, c)| (k.to_string(), c.value.to_string().into()))
                        .collect();
                    if let Some(object) = row.as_object_mut() {
                        object.insert("cells".into(), cells.into());
                    }
                    row
                })
                .collect();
            serde_json::to_writer_pretty(&mut file, &rows)?;
            let unreadable = entries.iter().filter(|e| e.error.is_some()).count();
            (entries.len(), unreadable)
        }
    };
    file.flush()?;
    eprintln!(
        "gouji: {reports} reports written to {} ({unreadable} unreadable)",
        out.display()
    );
    Ok(if failed || unreadable > 0 {
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
        entry.path.display(),
        report.agency_year(),
        report.form.code(),
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
            f.message
        )?;
        writeln!(out, "  {:>15} {}", "", f.message_zh)?;
        if let Some(repair) = f.repair {
            writeln!(
                out,
                "  {:>15} repair 建议: {} = {}",
                "",
                repair.cell,
                repair.value.normalize()
            )?;
        }
    }
    Ok(())
}
