//! File and folder dialogs behind a trait, so UI tests never open one: [`NativeDialogs`] asks
//! the desktop (rfd: XDG portal, or zenity), [`ScriptedDialogs`] answers from fields set by a test.
//! A dialog that cannot be shown answers [`Answer::Unavailable`], and the window asks for the path
//! itself (`path_field`) instead of doing nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::ingest::REPORT_EXTENSIONS;

/// What a dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The reviewer picked this path.
    Path(PathBuf),
    /// The reviewer closed the dialog.
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity).
    Unavailable,
}

/// Where the window asks for file names.
pub trait Dialogs {
    /// A report or review CSV to open.
    fn open_file(&mut self, start: Option<&Path>) -> Answer;
    /// Where to save the review CSV.
    fn save_file(&mut self, start: Option<&Path>, name: &str) -> Answer;
    /// A folder of reports to review.
    fn pick_folder(&mut self, start: Option<&Path>) -> Answer;
}

/// The desktop's file dialogs. rfd answers "nothing" both when the reviewer cancels and when no
/// dialog could be shown; an answer faster than any person could cancel, with no zenity to fall
/// back on, means the latter, and the dialogs are not tried again.
#[derive(Debug, Default)]
pub struct NativeDialogs {
    unavailable: bool,
}

/// Faster than a person closes a dialog.
const INSTANT: Duration = Duration::from_millis(250);

impl NativeDialogs {
    fn ask(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Answer {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
        if self.unavailable || (!bus && !zenity()) {
            self.unavailable = true;
            return Answer::Unavailable;
        }
        let asked = Instant::now();
        match dialog() {
            Some(path) => Answer::Path(path),
            None if asked.elapsed() < INSTANT && !zenity() => {
                self.unavailable = true;
                Answer::Unavailable
            }
            None => Answer::Cancelled,
        }
    }
}

/// What the open dialog offers: every report ending gouji reads (the folder walker's list,
/// [`REPORT_EXTENSIONS`]) and the review CSV.
fn openable_extensions() -> Vec<&'static str> {
    REPORT_EXTENSIONS.iter().copied().chain(["csv"]).collect()
}

/// Whether `zenity` (rfd's fallback without a portal) is on the `PATH`.
fn zenity() -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()))
}

impl Dialogs for NativeDialogs {
    fn open_file(&mut self, start: Option<&Path>) -> Answer {
        self.ask(|| {
            let mut dialog = rfd::FileDialog::new()
                .add_filter("报告 / reports", &openable_extensions())
                .add_filter("*", &["*"]);
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            dialog.pick_file()
        })
    }

    fn save_file(&mut self, start: Option<&Path>, name: &str) -> Answer {
        self.ask(|| {
            let mut dialog = rfd::FileDialog::new()
                .add_filter("CSV", &["csv"])
                .set_file_name(name);
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            dialog.save_file()
        })
    }

    fn pick_folder(&mut self, start: Option<&Path>) -> Answer {
        self.ask(|| {
            let mut dialog = rfd::FileDialog::new();
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            dialog.pick_folder()
        })
    }
}

/// Dialogs that answer with preset paths and count how often they were asked. A question with no
/// preset answer is answered as a machine without dialogs would: [`Answer::Unavailable`].
#[derive(Debug, Default, Clone)]
pub struct ScriptedDialogs {
    /// The answer to "open".
    pub open: Option<PathBuf>,
    /// The answer to "save as".
    pub save: Option<PathBuf>,
    /// The answer to "open folder".
    pub folder: Option<PathBuf>,
    /// How many times a dialog was asked for.
    pub asked: usize,
}

fn scripted(answer: Option<&PathBuf>) -> Answer {
    answer.map_or(Answer::Unavailable, |p| Answer::Path(p.clone()))
}

impl Dialogs for ScriptedDialogs {
    fn open_file(&mut self, _start: Option<&Path>) -> Answer {
        self.asked += 1;
        scripted(self.open.as_ref())
    }

    fn save_file(&mut self, _start: Option<&Path>, _name: &str) -> Answer {
        self.asked += 1;
        scripted(self.save.as_ref())
    }

    fn pick_folder(&mut self, _start: Option<&Path>) -> Answer {
        self.asked += 1;
        scripted(self.folder.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_dialog_offers_every_report_ending_and_the_review_csv() {
        let offered = openable_extensions();
        for ending in REPORT_EXTENSIONS.iter().chain(&["text", "shtml", "csv"]) {
            assert!(offered.contains(ending), "{ending} is not offered");
        }
    }
}
