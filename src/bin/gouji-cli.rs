//! `gouji-cli`: the command line alone (`check`, `extract`, `export`), the same code as `gouji`.
//!
//! It exists for Windows, where `gouji.exe` is a GUI-subsystem program that cmd and PowerShell do
//! not wait for: `gouji-cli.exe` is a console program, so its output is shown and its exit code
//! kept. It never opens the window (a subcommand is required), so it does not link the window's
//! code either.

#[path = "../cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::main(None)
}
