//! The `gouji` program: no subcommand opens the review window; `check`, `extract` and `export`
//! run headless (see `cli.rs`).
//!
//! On Windows a release build is a GUI-subsystem program, so double-clicking `gouji.exe` opens the
//! window without a console. Run from cmd or PowerShell it is not waited for and its output and
//! exit code are lost: the command line there is `gouji-cli.exe` (`src/bin/gouji-cli.rs`). Debug
//! builds keep the console, for panics and logs.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main(Some(run_window))
}

/// Opens the review window on `file` (a report, a review CSV, or a folder as a queue), or on the
/// bundled sample.
#[cfg(feature = "gui")]
fn run_window(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    gouji::app::run(file).map_err(|e| anyhow::anyhow!("cannot open the review window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// A build without the `gui` feature has no window to open.
#[cfg(not(feature = "gui"))]
fn run_window(_file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this gouji was built without the review window (feature `gui`); use a subcommand, see --help"
    )
}
